#!/usr/bin/env bash
# The image as an operator runs it: builds it, starts it with a mounted world file and data
# directory and configuration from PUSHSIM_* variables, waits for its health check, and rings
# Alice's iPhone from the host with curl (HTTP/2, the CA from the data directory): 200.
# Then a restart on the same data directory keeps the token and the key: the same curl line, 200.
# Needs podman (CONTAINERS_CONF=src/container/containers.conf here) and target/pushsim.jar.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
image="${PUSHSIM_IMAGE:-localhost/pushsim:latest}"
name="pushsim-smoke-$$"
src/container/build-image.sh "$image"
data="$(mktemp -d)"
chmod 0777 "$data" # the image runs as uid 10001
cp simulator/world.yaml "$data/world.yaml"
cleanup() { podman rm -f -t 2 "$name" >/dev/null 2>&1 || true; rm -rf "$data"; }
trap cleanup EXIT

start() {
  podman run -d --name "$name" -v "$data:/data" -e PUSHSIM_WORLD=/data/world.yaml -e PUSHSIM_TLS_NAME=pushsim \
    -e PUSHSIM_CLOCK=system -p 127.0.0.1::2197 -p 127.0.0.1::8197 "$image" >/dev/null
  for _ in $(seq 1 90); do
    if podman healthcheck run "$name" >/dev/null 2>&1; then return 0; fi
    sleep 1
  done
  podman logs "$name" >&2
  echo "smoke: the health check never passed" >&2
  exit 1
}

ring() {
  local port logs bearer token
  port="$(podman port "$name" 2197/tcp | sed 's/.*://')"
  logs="$(podman logs "$name" 2>&1)"
  bearer="$(grep -o "authorization: bearer [^']*" <<<"$logs" | head -1)"
  token="$(grep -o '/3/device/[0-9a-f]*' <<<"$logs" | head -1)"
  curl -sS -o /dev/null -w '%{http_code}' --http2 --cacert "$data/pushsim-ca.pem" -H "$bearer" \
    -H 'apns-topic: com.example.voip.voip' -H 'apns-push-type: voip' -H 'apns-priority: 10' -H 'apns-expiration: 0' \
    -d '{"aps":{},"caller":"Bob"}' "https://localhost:$port$token"
  echo " $token"
}

start
grep -q 'PushSim is running (world /data/world.yaml)' <(podman logs "$name" 2>&1) || { echo "smoke: the mounted world was not loaded" >&2; exit 1; }
first="$(ring)"
[ "${first%% *}" = 200 ] || { podman logs "$name" >&2; echo "smoke: push from the host answered ${first%% *}, not 200" >&2; exit 1; }
openssl s_client -connect "localhost:$(podman port "$name" 2197/tcp | sed 's/.*://')" -servername pushsim </dev/null 2>/dev/null \
  | openssl x509 -noout -ext subjectAltName | grep -q 'DNS:pushsim' || { echo "smoke: PUSHSIM_TLS_NAME is not in the certificate" >&2; exit 1; }
podman restart -t 5 "$name" >/dev/null
start_after_restart() {
  for _ in $(seq 1 90); do
    podman logs "$name" 2>&1 | grep -c 'Stop with Ctrl-C' | grep -q 2 && podman healthcheck run "$name" >/dev/null 2>&1 && return 0
    sleep 1
  done
  echo "smoke: no second start after the restart" >&2
  exit 1
}
start_after_restart
second="$(ring)"
[ "$second" = "$first" ] || { echo "smoke: after a restart '$second', before '$first' (same token and 200 expected)" >&2; exit 1; }
echo "smoke: $image healthy; push from the host answered 200, and 200 again with the same token after a restart"
