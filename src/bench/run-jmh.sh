#!/usr/bin/env bash
# JMH micro-benchmarks of the APNs request hot path (no network): src/test/java/dev/pushsim/apns/HotPathBenchmark.java
#
#   src/bench/run-jmh.sh            # ~1 minute; results in target/bench/jmh.json and on stdout
#   src/bench/run-jmh.sh -f 2       # any JMH option, e.g. more forks
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
. src/bench/lib.sh
mkdir -p target/bench
test_classpath target/bench/jmh-classpath.txt
exec java -cp "$CP" org.openjdk.jmh.Main HotPathBenchmark -rf json -rff target/bench/jmh.json "$@"
