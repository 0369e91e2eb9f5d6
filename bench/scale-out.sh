#!/usr/bin/env bash
# The scale-out figure: with PostgreSQL, one `vetter serve --role receiver` and 1, 2 and 4 `--role worker` processes
# (2 workers each) review a burst of PRS ~500-line pull requests against the fake GitHub of the test suite (every
# request validated against GitHub's OpenAPI description); throughput from the first delivery to the last completed
# check run, after a warm-up of 4 pull requests per worker process, each round on a fresh schema. Twice: without a pause
# between content-creating calls (the reviews' CPU sets the pace) and with the shipped 1 s pause per installation (the
# waits set it). Duplicate check runs and comments are counted (must be 0). The driver is bench/jmh's
# dev.vetter.bench.ScaleOut; not part of ./run-tests.
#
#   bench/scale-out.sh [PRS]      (default: 40 pull requests per round, over 20 installations)
#
# Every process (receiver, workers, PostgreSQL, the fake GitHub and the driver) shares the machine's cores: on 2 cores
# the CPU-bound curve shows the cores' limit, not the queue's.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PRS=${1:-40}
cd "$ROOT"
. scripts/find-java.sh
scripts/ensure-postgres.sh
"$ROOT/vetter" --version >/dev/null   # builds vetter.jar when needed
mvn -B -q -o -DskipTests package -pl bench/jmh -am 2>/dev/null || mvn -B -q -DskipTests package -pl bench/jmh -am
run() { "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Xmx1g -cp bench/jmh/target/benchmarks.jar dev.vetter.bench.ScaleOut \
  "$ROOT/vetter-cli/target/vetter.jar" "$PRS" "$1" 1 2 4; }
echo "machine: $(nproc) cores, $(uname -sr), Java $("$JAVA_HOME/bin/java" -version 2>&1 | head -n1)"
echo "== no pause between content-creating calls"
run 0
echo "== shipped pause: 1 s between content-creating calls per installation"
run 1000
