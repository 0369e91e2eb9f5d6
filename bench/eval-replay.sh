#!/usr/bin/env bash
# 'vetter eval replay --last N' against N separate 'vetter review' runs through a review daemon, same run, same commits.
#
#   bench/eval-replay.sh REPO [N]          e.g. bench/eval-replay.sh /work/eval-repos/apache+commons-lang
#
# REPO is a git repository such as a clone of apache/commons-lang; it is cloned (shared, read-only for the original)
# into bench/work/eval-replay. Both sides review the last N (default 100) first-parent commits of its HEAD, each
# against its first parent: the replay in one process; the reviews one after another, each
# 'vetter review --base PARENT --head COMMIT' handed to a warm daemon of the benchmark's own (started and warmed up
# before the clock starts, stopped at the end). Both start with an empty cache and may reuse, within the run, what
# an earlier pull request computed (the replay in memory, the reviews in the fresh clone's cache, which the daemon
# keeps parsed): nothing from an earlier run. Prints both wall times, their ratio, what dominated the replay, and
# whether the two sides agree on every pull request (findings, shadow findings and verdict).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
SRC=${1:?usage: $0 REPO [N]}
N=${2:-100}
WORK="$ROOT/bench/work/eval-replay"
OUT="$ROOT/bench/work/eval-replay-out"
rm -rf "$WORK" "$OUT"; mkdir -p "$(dirname "$WORK")" "$OUT"
git clone -q --shared "$SRC" "$WORK"
cd "$WORK"
"$ROOT/vetter" --version >/dev/null   # build once, and create the start-up cache
command -v jq >/dev/null 2>&1 || { echo "bench/eval-replay.sh: jq is needed to compare the two sides" >&2; exit 2; }

# the pairs, newest first: the first-parent commits and their first parents
git rev-list --first-parent --parents -n "$N" HEAD | awk 'NF >= 2 {print $1, $2}' > "$OUT/pairs.txt"
echo "repository: $SRC at $(git rev-parse --short=12 HEAD); $(wc -l < "$OUT/pairs.txt") first-parent commits; $(nproc) cores"

now() { date +%s%N; }

# the replay: one process, everything included (JVM start, walk, reviews, report)
s=$(now)
"$ROOT/vetter" eval replay --repo "$WORK" --last "$N" --format json -o "$OUT/replay.json"
REPLAY_MS=$(( ($(now) - s) / 1000000 ))

# the same pull requests reviewed one by one through a warm daemon
export VETTER_DAEMON_DIR="$OUT/daemon"   # a daemon of the benchmark's own, whatever the user runs
"$ROOT/vetter" daemon start >/dev/null
trap '"$ROOT/vetter" daemon stop >/dev/null 2>&1 || true' EXIT
mkdir -p "$OUT/reviews"
s=$(now)
while read -r commit parent; do
  "$ROOT/vetter" review --repo "$WORK" --base "$parent" --head "$commit" --format json > "$OUT/reviews/$commit.json" || true
done < "$OUT/pairs.txt"
DAEMON_MS=$(( ($(now) - s) / 1000000 ))
SERVED=$("$ROOT/vetter" daemon status 2>/dev/null | grep -o '[0-9]* reviews\{0,1\} served' || true)
"$ROOT/vetter" daemon stop >/dev/null

# do both sides say the same of every pull request?
jq -r '.pullRequests[] | "\(.commit) \(.findings | length) \(.shadow | length) \(.failed)"' "$OUT/replay.json" | sort > "$OUT/replay.txt"
for f in "$OUT"/reviews/*.json; do
  jq -r --arg c "$(basename "$f" .json)" '"\($c) \(.findings | length) \(.shadow | length) \(.summary.failed)"' "$f" 2>/dev/null || echo "$(basename "$f" .json) error"
done | sort > "$OUT/reviews.txt"
if diff -q "$OUT/replay.txt" "$OUT/reviews.txt" >/dev/null; then
  SAME="the same number of findings and of shadow findings, and the same verdict, on every pull request"
else
  SAME="DIFFERENT on $(diff "$OUT/replay.txt" "$OUT/reviews.txt" | grep -c '^<') pull requests (see $OUT/replay.txt and reviews.txt)"
fi

jq -r '"replay: \(.headline); \(.findings) findings, \(.shadow) in shadow; wall \(.time.wallMillis) ms inside the JVM, \(.time.parallel) at a time; "
  + "summed over pull requests: checks \(.time.stagesMillis.checks) ms, reading the changes \(.time.stagesMillis.change) ms, "
  + "policy and conventions \(.time.stagesMillis.policy) ms (dominant: \(.time.dominant)); per pull request median \(.time.medianMillisPerPr) ms, "
  + "p90 \(.time.p90MillisPerPr) ms"' "$OUT/replay.json"
printf '%-58s %8s ms\n' "vetter eval replay --last $N (one process)" "$REPLAY_MS" \
  "$N x vetter review through the daemon (${SERVED:-served})" "$DAEMON_MS"
awk -v r="$REPLAY_MS" -v d="$DAEMON_MS" -v n="$N" 'BEGIN {printf "ratio reviews / replay: %.1fx (replay %.0f ms a pull request, daemon %.0f ms)\n", d / r, r / n, d / n}'
echo "agreement: $SAME"
