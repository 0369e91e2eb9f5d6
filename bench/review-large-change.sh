#!/usr/bin/env bash
# Whole-process benchmark: Vetter reviewing a large real change, against `git diff` of the same range
# measured in the same run as the floor.
#
#   bench/review-large-change.sh REPO [COMMITS] [RUNS]
#
# REPO is any git repository (bare or not) with at least COMMITS (default 200) commits on HEAD, e.g. a
# clone of https://github.com/apache/commons-lang. It is cloned (shared, read-only for the original)
# into bench/work/, so nothing of the original changes. Prints medians and the ratios.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
SRC=${1:?usage: $0 REPO [COMMITS] [RUNS]}
COMMITS=${2:-200}
RUNS=${3:-7}
WORK="$ROOT/bench/work/large-change"
rm -rf "$WORK"; mkdir -p "$(dirname "$WORK")"
git clone -q --shared "$SRC" "$WORK"
cd "$WORK"
BASE=$(git rev-parse "HEAD~$COMMITS")
HEAD=$(git rev-parse HEAD)
"$ROOT/vetter" --version >/dev/null   # build once, and create the class-data archive

now() { date +%s%N; }
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
time_runs() { # label, command...: prints the median wall time in ms over RUNS
  local label=$1; shift
  local t=()
  for _ in $(seq "$RUNS"); do
    local s; s=$(now); "$@" >/dev/null 2>&1 || true; t+=($(( ($(now) - s) / 1000000 )))
  done
  printf '%s\n' "${t[@]}" | median
}

stat=$(git diff --shortstat "$BASE" "$HEAD")
echo "change: $COMMITS commits, $stat"
GIT_MS=$(time_runs git-diff git diff "$BASE" "$HEAD")
COLD_MS=$(time_runs vetter-cold "$ROOT/vetter" review --repo "$WORK" --base "$BASE" --head "$HEAD" --no-cache --format json)
findings=$("$ROOT/vetter" review --repo "$WORK" --base "$BASE" --head "$HEAD" --no-cache --format json | grep -c '"rule"' || true)

# warm the cache, then change one file and measure the cached re-review
"$ROOT/vetter" review --repo "$WORK" --base "$BASE" --head "$HEAD" >/dev/null 2>&1 || true
file=$(git diff --name-only --diff-filter=AM "$BASE" "$HEAD" | head -n1)
echo "// touched by the benchmark" >> "$file"
git -c user.name=bench -c user.email=bench@example.com commit -qam "bench: touch one file"
HEAD2=$(git rev-parse HEAD)
"$ROOT/vetter" review --repo "$WORK" --base "$BASE" --head "$HEAD" >/dev/null 2>&1 || true
WARM_MS=$(time_runs vetter-cached "$ROOT/vetter" review --repo "$WORK" --base "$BASE" --head "$HEAD2" --format json)
START_MS=$(time_runs vetter-version "$ROOT/vetter" --version)

echo "findings reported (added lines): $findings"
printf '%-40s %8s ms\n' "git diff (floor)" "$GIT_MS" "vetter --version (JVM start)" "$START_MS" \
  "vetter review, cold (no cache)" "$COLD_MS" "vetter review, one file changed (cached)" "$WARM_MS"
awk -v c="$COLD_MS" -v g="$GIT_MS" 'BEGIN {printf "ratio cold / git diff: %.1fx\n", c / (g > 0 ? g : 1)}'
