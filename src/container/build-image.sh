#!/usr/bin/env bash
# Builds the PushSim image from target/pushsim.jar on the base image (built first when missing).
# Usage: src/container/build-image.sh [IMAGE]   (default: localhost/pushsim:latest)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
image="${1:-localhost/pushsim:latest}"
base="${PUSHSIM_BASE_IMAGE:-localhost/pushsim-base:bookworm}"
[ -f target/pushsim.jar ] || { echo "target/pushsim.jar is missing: run mvn -B package first" >&2; exit 1; }
src/container/build-base-image.sh "$base"
# --format docker: OCI images have no HEALTHCHECK; Docker's format keeps it.
podman build --quiet --format docker --build-arg "BASE=$base" -f src/container/Containerfile -t "$image" . >/dev/null
echo "image $image built" >&2
