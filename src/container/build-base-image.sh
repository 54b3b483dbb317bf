#!/usr/bin/env bash
# Builds PushSim's base image (Debian bookworm with a Java 17 runtime and curl) without any image
# registry: mmdebstrap makes the root file system from the Debian mirror apt already uses, podman
# imports it. Usage: src/container/build-base-image.sh [IMAGE]   (default: localhost/pushsim-base:bookworm)
# Skips the build when the image exists (delete it with `podman rmi IMAGE` to rebuild).
set -euo pipefail
image="${1:-localhost/pushsim-base:bookworm}"
mirror="${PUSHSIM_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
if podman image exists "$image"; then
  echo "base image $image exists: not rebuilt" >&2
  exit 0
fi
command -v mmdebstrap >/dev/null || { echo "mmdebstrap is not installed (apt-get install mmdebstrap)" >&2; exit 1; }
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
started=$(date +%s)
# minbase plus the runtime; no documentation or man pages, apt lists dropped: a smaller image.
# (The JRE's postinst links its man page into man1, so that one directory must exist.)
mmdebstrap --variant=minbase ${PUSHSIM_MMDEBSTRAP_OPTS:-} \
  --include=openjdk-17-jre-headless,ca-certificates,curl \
  --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-exclude=/usr/share/man/*' \
  --dpkgopt='path-exclude=/usr/share/locale/*' \
  --setup-hook='mkdir -p "$1"/usr/share/man/man1' \
  --customize-hook='rm -rf "$1"/var/lib/apt/lists/* "$1"/var/cache/apt/*' \
  bookworm "$work/rootfs.tar" "$mirror"
podman import --change 'CMD ["/bin/bash"]' --change 'ENV LANG=C.UTF-8' "$work/rootfs.tar" "$image" >/dev/null
echo "base image $image built in $(( $(date +%s) - started ))s ($(podman image inspect "$image" --format '{{.Size}}') bytes)" >&2
