#!/bin/sh
# The image's entry point: `pushsim ARGS` (default `serve`). The admin API listens beyond loopback
# here, so it needs a bearer token: PUSHSIM_ADMIN_TOKEN, else one minted once into the data
# directory (admin-token, 0600) and kept across restarts.
set -eu
data="${PUSHSIM_DATA_DIR:-/data}"
if [ -z "${PUSHSIM_ADMIN_TOKEN:-}" ]; then
  if [ ! -s "$data/admin-token" ]; then
    (umask 077 && head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$data/admin-token")
  fi
  PUSHSIM_ADMIN_TOKEN="$(cat "$data/admin-token")"
  export PUSHSIM_ADMIN_TOKEN
  echo "pushsim: the admin API's bearer token is in $data/admin-token"
fi
# shellcheck disable=SC2086 # PUSHSIM_JAVA_OPTS holds several options.
exec java ${PUSHSIM_JAVA_OPTS:-} -jar /opt/pushsim/pushsim.jar "$@"
