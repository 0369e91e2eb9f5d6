#!/usr/bin/env bash
# The evaluation tables, reproduced from mirrors of the repositories in eval/repos.tsv; fetches nothing.
#
#   eval/replay.sh [MIRRORS] [-o FILE] [--last N] [--only NAME]... [-- ARGS for 'vetter eval replay']
#
# MIRRORS (default: $VETTER_EVAL_REPOS, else /work/eval-repos) holds one clone or mirror per repository, named
# owner+name (apache+commons-lang), owner+name.git or name. Each must have the pinned commit; the replay reads
# objects only (the pinned commit's first-parent history, policy at each parent), so the mirror is never checked
# out, fetched or written: the replay's cache is in memory. Labels are eval/labels/owner+name.jsonl when present.
# Writes, per repository, a heading and the Markdown table of 'vetter eval replay --last N', after a summary table;
# to standard output, or to FILE with -o. Exit 1 when a mirror is missing or lacks its commit (the others still run).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
MIRRORS=${VETTER_EVAL_REPOS:-/work/eval-repos}
OUT=""
LAST=100
ONLY=()
EXTRA=()
while [ $# -gt 0 ]; do
  case "$1" in
    -o) OUT=$2; shift 2 ;;
    --last) LAST=$2; shift 2 ;;
    --only) ONLY+=("$2"); shift 2 ;;
    --) shift; EXTRA=("$@"); break ;;
    -h|--help) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "eval/replay.sh: unknown option $1" >&2; exit 2 ;;
    *) MIRRORS=$1; shift ;;
  esac
done
[ -d "$MIRRORS" ] || { echo "eval/replay.sh: no folder of mirrors at $MIRRORS (give one, or set VETTER_EVAL_REPOS)" >&2; exit 2; }
command -v jq >/dev/null 2>&1 || { echo "eval/replay.sh: jq is needed for the summary table (apt-get install jq)" >&2; exit 2; }
"$ROOT/vetter" --version >/dev/null   # build once, before the clock starts

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
status=0
summary="$WORK/summary.md"
tables="$WORK/tables.md"
: >"$tables"
{
  echo "| repository | ecosystem | held out | would have failed | findings per PR (median, p90) | findings | in shadow | time |"
  echo "|---|---|---|---:|---:|---:|---:|---:|"
} >"$summary"
start=$(date +%s)
while IFS=$'\t' read -r name url commit ecosystem why held_out; do
  [ "$name" = name ] && continue
  if [ ${#ONLY[@]} -gt 0 ] && ! printf '%s\n' "${ONLY[@]}" | grep -qxF "$name"; then continue; fi
  slug=${name//\//+}
  dir=""
  for c in "$MIRRORS/$slug" "$MIRRORS/$slug.git" "$MIRRORS/${name#*/}"; do [ -d "$c" ] && { dir=$c; break; }; done
  if [ -z "$dir" ]; then
    echo "eval/replay.sh: $name: no mirror in $MIRRORS (looked for $slug, $slug.git, ${name#*/})" >&2; status=1; continue
  fi
  if ! git -C "$dir" cat-file -e "$commit^{commit}" 2>/dev/null; then
    echo "eval/replay.sh: $name: $dir does not have the pinned commit $commit (fetch it into the mirror yourself)" >&2; status=1; continue
  fi
  labels=()
  [ -f "$ROOT/eval/labels/$slug.jsonl" ] && labels=(--labels "$ROOT/eval/labels/$slug.jsonl")
  echo "eval/replay.sh: $name at ${commit:0:12}..." >&2
  "$ROOT/vetter" eval replay --repo "$dir" --branch "$commit" --last "$LAST" ${labels[@]+"${labels[@]}"} \
    --format markdown -o "$WORK/$slug.md" --report "json=$WORK/$slug.json" ${EXTRA[@]+"${EXTRA[@]}"} || status=1
  [ -f "$WORK/$slug.json" ] || continue
  jq -r --arg name "$name" --arg eco "$ecosystem" --arg held "$held_out" \
    '"| \($name) | \($eco) | \($held) | \(.failed) of \(.replayed) | \(.findingsPerPr.median), \(.findingsPerPr.p90) | \(.findings) | \(.shadow) | \(.time.wallMillis / 1000 * 10 | round / 10) s |"' \
    "$WORK/$slug.json" >>"$summary"
  {
    echo "## $name"
    echo
    echo "$ecosystem; held out: $held_out; $url at \`$commit\`. $why."
    echo
    sed 's/^### /### Replay: /' "$WORK/$slug.md"
    echo
  } >>"$tables"
done <"$ROOT/eval/repos.tsv"
elapsed=$(( $(date +%s) - start ))
report() {
  echo "# Replay of the last $LAST merged pull requests"
  echo
  echo "Vetter $(git -C "$ROOT" rev-parse --short=12 HEAD)$(git -C "$ROOT" diff --quiet HEAD 2>/dev/null || echo ' (with uncommitted changes)'), $(date -u +%Y-%m-%d), $(nproc) cores; eval/replay.sh took ${elapsed} s. Zero configuration unless a repository has its own .vetter.yml."
  echo
  cat "$summary"
  echo
  cat "$tables"
}
if [ -n "$OUT" ]; then report >"$OUT"; echo "eval/replay.sh: wrote $OUT" >&2; else report; fi
exit $status
