#!/usr/bin/env bash
# Whole-process benchmark: `vetter scan --history` over every commit of a real repository, against
# `git log -p` of the same history measured in the same run as the floor (git reading and diffing every
# commit against its first parent, with no scan at all), and gitleaks when it is on the PATH.
#
#   bench/scan-history.sh REPO [RUNS]
#
# REPO is any git repository (bare or not), e.g. a clone of https://github.com/apache/commons-lang. It is
# cloned (shared, read-only for the original) into bench/work/, so nothing of the original changes. The
# tools run alternately, RUNS times each (default 3); prints the median wall and CPU (user + system)
# time of each and the ratios. On a shared machine the CPU times are the steadier figures.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
SRC=${1:?usage: $0 REPO [RUNS]}
RUNS=${2:-3}
WORK="$ROOT/bench/work/scan-history"
rm -rf "$WORK"; mkdir -p "$(dirname "$WORK")"
git clone -q --shared --no-checkout "$SRC" "$WORK"
cd "$WORK"
"$ROOT/vetter" --version >/dev/null   # build once, and create the start-up cache

median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
declare -A WALL CPU
measure() { # label, command...: appends one run's wall and CPU milliseconds
  local label=$1; shift
  local tf; tf=$(mktemp)
  /usr/bin/time -o "$tf" -f '%e %U %S' "$@" >/dev/null 2>&1 || true
  read -r e u s < <(tail -n1 "$tf"); rm -f "$tf"
  WALL[$label]+="$(awk -v e="$e" 'BEGIN {printf "%d", e * 1000}') "
  CPU[$label]+="$(awk -v u="$u" -v s="$s" 'BEGIN {printf "%d", (u + s) * 1000}') "
}

LABELS=("git log -p (floor)" "vetter scan --history")
HAVE_GITLEAKS=$(command -v gitleaks >/dev/null 2>&1 && echo 1 || echo 0)
[ "$HAVE_GITLEAKS" = 1 ] && LABELS+=("gitleaks git")
for _ in $(seq "$RUNS"); do
  measure "git log -p (floor)" git log -p --no-color HEAD
  measure "vetter scan --history" "$ROOT/vetter" scan --history --repo "$WORK" --format json --fail-on never
  if [ "$HAVE_GITLEAKS" = 1 ]; then
    measure "gitleaks git" gitleaks git --no-banner --exit-code 0 --report-path /dev/null "$WORK"
  fi
done

commits=$(git rev-list --count HEAD)
summary=$("$ROOT/vetter" scan --history --repo "$WORK" --format json --fail-on never | python3 -c \
  'import json,sys; s=json.load(sys.stdin)["summary"]; print(s["commits"], "commits,", s["filesChanged"], "file versions scanned,", s["total"], "findings")')
echo "history: $commits commits on HEAD; vetter: $summary"
[ "$HAVE_GITLEAKS" = 1 ] || echo "gitleaks: not on the PATH, not measured"
printf '%-28s %10s %10s\n' "" "wall ms" "cpu ms"
for l in "${LABELS[@]}"; do
  printf '%-28s %10s %10s\n' "$l" "$(tr ' ' '\n' <<<"${WALL[$l]}" | grep . | median)" "$(tr ' ' '\n' <<<"${CPU[$l]}" | grep . | median)"
done
fw=$(tr ' ' '\n' <<<"${WALL["git log -p (floor)"]}" | grep . | median); fc=$(tr ' ' '\n' <<<"${CPU["git log -p (floor)"]}" | grep . | median)
for l in "${LABELS[@]:1}"; do
  w=$(tr ' ' '\n' <<<"${WALL[$l]}" | grep . | median); c=$(tr ' ' '\n' <<<"${CPU[$l]}" | grep . | median)
  awk -v l="$l" -v w="$w" -v c="$c" -v fw="$fw" -v fc="$fc" 'BEGIN {printf "%s / git log -p: %.2fx wall, %.2fx cpu\n", l, w / fw, c / fc}'
done
