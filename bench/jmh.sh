#!/usr/bin/env bash
# JMH micro-benchmarks (bench/jmh). Extra arguments go to JMH, e.g. bench/jmh.sh -f 1 -wi 2 -i 3
# Each benchmark class measures its floor in the same run; compare the scores as ratios.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
. scripts/find-java.sh
mvn -B -q -DskipTests package -pl bench/jmh -am
exec "$JAVA_HOME/bin/java" -jar bench/jmh/target/benchmarks.jar "$@"
