# shellcheck shell=bash
# Shared by the scripts in src/bench, which source it after changing to the project root.

# test_classpath FILE: compiles the main and test classes and sets CP to what the benchmark JVMs run
# with: the project's classes first, then every test-scope dependency (whose list Maven writes to FILE).
test_classpath() {
  mvn -B -q test-compile
  mvn -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$1" >/dev/null
  CP="target/test-classes:target/classes:$(cat "$1")"
}
