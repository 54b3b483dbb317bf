#!/usr/bin/env bash
# The long soak for a release: everything at once (valid and broken requests on many connections,
# injected faults, simulated phones churning) for as long as asked, then every request accounted for
# and nothing leaked. SoakTest runs the short profile (20 s) in `mvn verify`.
#
#   src/bench/run-soak.sh                                     # 10 minutes, 32 connections
#   src/bench/run-soak.sh --seconds 3600 --connections 64     # any of --seconds --requests --connections --in-flight --seed
#
# Prints the counts and exits non-zero when an invariant breaks; the output is also kept in
# target/bench/soak.txt.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
. src/bench/lib.sh
mkdir -p target/bench
test_classpath target/bench/soak-classpath.txt
args=("$@")
if [ ${#args[@]} -eq 0 ]; then
  args=(--seconds 600 --requests 100000000 --connections 32)
fi
# Netty's leak detector checks every buffer, as in the tests.
java -Dio.netty.leakDetection.level=paranoid -cp "$CP" dev.pushsim.soak.Soak "${args[@]}" | tee target/bench/soak.txt
