#!/usr/bin/env bash
# Exercises compose.yaml with podman-compose: the provider service reaches https://pushsim:2197
# by its service name, trusting the CA from the shared volume, and APNs answers it.
# Host ports come from PUSHSIM_*_HOST_PORT (free ones here, so a running `serve` does not collide).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
command -v podman-compose >/dev/null || { echo "compose: podman-compose is not installed: compose.yaml untested" >&2; exit 1; }
project="pushsim-compose-$$"
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
export PUSHSIM_SANDBOX_HOST_PORT="$(free_port)" PUSHSIM_PRODUCTION_HOST_PORT="$(free_port)" PUSHSIM_ADMIN_HOST_PORT="$(free_port)"
compose() { podman-compose -p "$project" -f src/container/compose.yaml "$@"; }
trap 'compose down -v >/dev/null 2>&1 || true' EXIT
compose up -d pushsim >/dev/null 2>&1
answer="$(compose run --rm provider 2>/dev/null | grep reason | tail -1)"
[[ "$answer" == *'{"reason":"MissingProviderToken"}'* ]] || { echo "compose: the provider got '$answer'" >&2; exit 1; }
echo "compose: the provider reached https://pushsim:2197 by service name, TLS verified: $answer"
