#!/usr/bin/env bash
# Soak under faults: the real `vetter serve` (its own process, from vetter.jar, a GitHub App against the fake GitHub of
# the test suite) receives signed deliveries at RATE per second for MINUTES, is killed with SIGKILL and started again
# every KILL_EVERY seconds, and meets forge faults every 15 s (502 before a write, 502 after a write took effect, a
# secondary rate limit, slow answers); then the load stops and the queue drains. Once on the embedded store and once on
# PostgreSQL (when it answers at 127.0.0.1:5432). Reports deliveries sent, acknowledged and stored, jobs by state,
# check runs and comments posted, duplicates and lost events (both must be 0), the server's memory minute by minute,
# and the machine's load average. The driver is bench/jmh's dev.vetter.bench.Soak; not part of ./run-tests.
#
#   bench/soak.sh [MINUTES] [RATE] [KILL_EVERY]      (defaults: 10 minutes, 1 delivery/s, 60 s)
#
# Sized for a 2-core machine: the server, the fake GitHub (validating every request against GitHub's OpenAPI
# description) and the load generator share the cores. Needs the @octokit/openapi npm package (fetched once into
# ~/.cache/vetter/npm, as the tests do).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
MINUTES=${1:-10}
RATE=${2:-1}
KILL_EVERY=${3:-60}
cd "$ROOT"
. scripts/find-java.sh
"$ROOT/vetter" --version >/dev/null   # builds vetter.jar when needed
mvn -B -q -o -DskipTests package -pl bench/jmh -am 2>/dev/null || mvn -B -q -DskipTests package -pl bench/jmh -am
run() { "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Xmx1g -cp bench/jmh/target/benchmarks.jar dev.vetter.bench.Soak \
  "$ROOT/vetter-cli/target/vetter.jar" "$1" "$MINUTES" "$RATE" "$KILL_EVERY"; }
echo "machine: $(nproc) cores, $(uname -sr), Java $("$JAVA_HOME/bin/java" -version 2>&1 | head -n1)"
run embedded
if command -v pg_isready >/dev/null && pg_isready -q -h 127.0.0.1 -p 5432; then
  run postgresql
else
  echo "== postgresql: skipped, nothing answers at 127.0.0.1:5432 (scripts/ensure-postgres.sh starts it)"
fi
