#!/bin/sh
# The image's health check: the admin API answers GET /admin/health with 200 (it reports the APNs
# endpoints too, so a server that failed to bind never gets this far).
set -eu
token="${PUSHSIM_ADMIN_TOKEN:-$(cat "${PUSHSIM_DATA_DIR:-/data}/admin-token" 2>/dev/null || true)}"
exec curl -fsS -o /dev/null --max-time 4 -H "Authorization: Bearer $token" \
  "http://127.0.0.1:${PUSHSIM_ADMIN_PORT:-8197}/admin/health"
