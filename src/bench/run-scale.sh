#!/usr/bin/env bash
# The scale run: a world of 1,000,000 device tokens over 100,000 simulated devices (load time, heap
# per token), then 1,000,000 pushes through the real server (TLS, HTTP/2, ES256 token auth) from a
# load generator in its own JVM, in a server JVM with a 256 MB heap. Checks: no OutOfMemoryError,
# heap after GC flat, journal ring bounded, every event in the NDJSON file, answers = requests =
# journal entries. About 5 minutes on 2 cores; results in target/bench/scale.md.
#
#   src/bench/run-scale.sh                                   # the defaults above
#   src/bench/run-scale.sh --pushes 0                        # the world alone (load time, heap per token)
#   SCALE_HEAP=1g src/bench/run-scale.sh --devices 10000     # any ScaleRun option (--help lists them)
#
# Environment: SCALE_HEAP (256m) the server JVM's heap; SCALE_TIMEOUT (1500) seconds before the run is
# stopped (the generator is bounded by ScaleRun's --max-seconds on its own).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
. src/bench/lib.sh
HEAP="${SCALE_HEAP:-256m}"
mkdir -p target/bench
command -v java >/dev/null || { echo "java is not on the PATH" >&2; exit 1; }
test_classpath target/bench/scale-classpath.txt
# -XX:+ExitOnOutOfMemoryError: an OutOfMemoryError on any thread ends the run (exit 3) instead of
# leaving a half-working server; ScaleRun checks the flag is set.
exec timeout -k 10 "${SCALE_TIMEOUT:-1500}" java -Xms"$HEAP" -Xmx"$HEAP" -XX:+UseG1GC -XX:+ExitOnOutOfMemoryError \
  -cp "$CP" dev.pushsim.bench.ScaleRun "$@"
