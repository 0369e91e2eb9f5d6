#!/usr/bin/env bash
# End-to-end review latency: from a signed webhook delivery to the completed `vetter` check run, for ~500-line pull
# requests (5 Java files) with IN_FLIGHT of them in flight, against the fake GitHub (the vetter-github test-jar, every
# request validated against GitHub's OpenAPI description), on the embedded store with the server's shipped queue
# settings. The floor, measured in the same run and process: the same server's do-nothing route under the same
# concurrency. Runs one PR at a time first (no queueing), then IN_FLIGHT at a time spread over IN_FLIGHT installations:
# without the client's pause between content-creating calls (the server's and the reviews' own speed), then with the
# shipped 1 s pause.
#
#   bench/delivery-to-check-run.sh [PRS] [IN_FLIGHT]      (defaults: 60 measured PRs, 20 in flight, after IN_FLIGHT warm-up PRs)
#
# Needs the @octokit/openapi npm package (downloaded once into ~/.cache/vetter/npm, as the tests do). The server,
# the fake GitHub and the load generator share the machine's cores in one JVM: the load average is printed.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
PRS=${1:-60}
IN_FLIGHT=${2:-20}
cd "$ROOT"
. scripts/find-java.sh
mvn -B -q -o -DskipTests package -pl bench/jmh -am 2>/dev/null || mvn -B -q -DskipTests package -pl bench/jmh -am
run() { "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Xmx1g -cp bench/jmh/target/benchmarks.jar dev.vetter.bench.DeliveryToCheckRun "$@"; }
echo "== one PR at a time, no pause between content-creating calls: a lone review, no queueing"
run 20 1 1 0
echo "== $IN_FLIGHT installations, no pause between content-creating calls: the server's and the reviews' own speed"
run "$PRS" "$IN_FLIGHT" "$IN_FLIGHT" 0
echo "== $IN_FLIGHT installations, shipped client settings (1 s between content-creating calls per installation, as GitHub asks)"
run "$PRS" "$IN_FLIGHT" "$IN_FLIGHT" 1000
