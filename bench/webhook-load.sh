#!/usr/bin/env bash
# Webhook receiver load benchmark: deliveries acknowledged per second, with the signature check and durable
# storage of each delivery and its job, against a route on the same server that does nothing (the floor), in the
# same run. Starts the real `vetter serve` (role all) on the embedded store and, when it answers at 127.0.0.1:5432,
# on PostgreSQL; once with workers paused (receiving only) and once with 2 workers draining the queue as fast as it
# fills (every job is skipped at once, as no forge client is configured: far more store work than real reviews).
#
#   bench/webhook-load.sh [REQUESTS] [CONNECTIONS]      (defaults: 20000 requests, 16 connections)
#
# Loopback only; every run is bounded by REQUESTS. The load generator (bench/WebhookLoad.java) runs on the same
# machine and shares its cores with the server, and so does anything else running: the load average is printed,
# and so is the server's own CPU time per request, which does not depend on what else runs.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
REQUESTS=${1:-20000}
CONNECTIONS=${2:-16}
WARMUP=5000
. "$ROOT/scripts/find-java.sh"
"$ROOT/vetter" --version >/dev/null   # builds vetter.jar when needed
JAR="$ROOT/vetter-cli/target/vetter.jar"
WORK="$ROOT/bench/work/webhook-load"
rm -rf "$WORK"; mkdir -p "$WORK"
export VETTER_GITHUB_WEBHOOK_SECRET="bench-secret-$RANDOM$RANDOM"
export VETTER_RECONCILE_SECONDS=0
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  SERVER_PID=""
}
trap cleanup EXIT

start_server() { # extra serve arguments...
  "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -Xmx1g -jar "$JAR" serve --bind 127.0.0.1 --port 0 --bench-endpoint "$@" 2>"$WORK/server.log" &
  SERVER_PID=$!
  for _ in $(seq 300); do
    PORT=$(sed -n 's|.*serving on http://127.0.0.1:\([0-9]*\).*|\1|p' "$WORK/server.log" | head -n1)
    [ -n "$PORT" ] && return 0
    kill -0 "$SERVER_PID" 2>/dev/null || { cat "$WORK/server.log" >&2; exit 1; }
    sleep 0.1
  done
  echo "server did not start" >&2; cat "$WORK/server.log" >&2; exit 1
}

cpu_ticks() { awk '{print $14 + $15}' "/proc/$SERVER_PID/stat"; }

load() { # label path first-id requests: prints the client's figures and the server's CPU time per request
  local before after
  before=$(cpu_ticks)
  "$JAVA_HOME/bin/java" "$ROOT/bench/WebhookLoad.java" "$PORT" "$2" "$VETTER_GITHUB_WEBHOOK_SECRET" "$4" "$CONNECTIONS" "$1" "$3"
  after=$(cpu_ticks)
  awk -v t=$((after - before)) -v hz="$(getconf CLK_TCK)" -v n="$4" \
    'BEGIN {printf "   server CPU: %.0f us per request (all its threads, GC included)\n", t / hz / n * 1e6}'
}

run_store() { # name, serve arguments...
  local name=$1; shift
  echo "== $name store: $REQUESTS requests over $CONNECTIONS connections, after $WARMUP warm-up requests (load average now: $(cut -d' ' -f1-3 /proc/loadavg))"
  # workers 0: receiving only, as when reviews take seconds each; workers 2: the queue is drained as fast as it fills
  for workers in 0 2; do
    start_server --workers "$workers" "${@//@W@/$workers}"
    load "warm-up noop" /bench/noop 1 "$WARMUP" >/dev/null
    load "warm-up webhook" /webhooks/github 1 "$WARMUP" >/dev/null
    load "bare endpoint (floor)" /bench/noop 100001 "$REQUESTS"
    load "webhook, $name, workers $workers" /webhooks/github 100001 "$REQUESTS"
    local accepted
    accepted=$(curl -s "http://127.0.0.1:$PORT/metrics" | sed -n 's/^vetter_webhook_deliveries_total{forge="github",outcome="accepted"} //p')
    echo "   server counted accepted deliveries: $accepted (expected $((WARMUP + REQUESTS)))"
    cleanup
    if [ "$name" = embedded ]; then rm -rf "$WORK/data"; fi
  done
}

echo "machine: $(nproc) cores, $(uname -sr), Java $("$JAVA_HOME/bin/java" -version 2>&1 | head -n1)"
run_store embedded --data-dir "$WORK/data"

if command -v pg_isready >/dev/null && pg_isready -q -h 127.0.0.1 -p 5432; then
  SCHEMA="vetter_bench_$$"
  # a fresh schema per run (@W@ becomes the worker count)
  run_store postgresql --database "postgresql://postgres:root@127.0.0.1:5432/test?currentSchema=${SCHEMA}_w@W@"
  for w in 0 2; do psql -q -h 127.0.0.1 -U postgres -d test -c "DROP SCHEMA IF EXISTS ${SCHEMA}_w$w CASCADE" >/dev/null 2>&1 || true; done
else
  echo "== postgresql: skipped, nothing answers at 127.0.0.1:5432 (scripts/ensure-postgres.sh starts it)"
fi
