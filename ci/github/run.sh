#!/usr/bin/env bash
# The GitHub Action's step (action.yml at the repository root runs it; docs/ci.md documents it).
#
# Reviews the change of the event that started the workflow (a pull request: its base against its
# head) in one Vetter run that prints workflow-command annotations and also writes the Markdown job
# summary, a JSON report for the step's outputs and, if asked, SARIF. Fetches the commits and the
# history it needs when the checkout is shallow. Exits with Vetter's code: 0 passed, 1 a finding at or
# above fail-on, 2 usage or configuration error, 3 internal error.
#
# Inputs come from the environment, never from text pasted into the script (no injection):
#   VETTER_INPUT_CONFIG, VETTER_INPUT_FAIL_ON, VETTER_INPUT_FILTER, VETTER_INPUT_SARIF_FILE,
#   VETTER_INPUT_COVERAGE (whitespace-separated files or globs), VETTER_INPUT_BASE, VETTER_INPUT_HEAD
#   (override the event's commits); VETTER_BIN: the Vetter to run, a launcher or a .jar (default: the
#   ./vetter launcher of this checkout, which builds Vetter on first use); VETTER_FETCH_DEPTH: commits
#   fetched at a time when the clone is shallow (default 50).
# From the runner: GITHUB_EVENT_NAME, GITHUB_EVENT_PATH, GITHUB_WORKSPACE, GITHUB_OUTPUT,
#   GITHUB_STEP_SUMMARY, RUNNER_TEMP.
set -uo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

error() { # an annotation on the run, and the same words in the log
  printf '::error title=Vetter::%s\n' "$*"
  exit 2
}
note() { printf 'vetter-action: %s\n' "$*" >&2; }

# json_get FILE KEY.KEY...: a string or number from a JSON file, empty when absent or null.
# jq is on GitHub's runners; python3 or node serve on self-hosted ones without it.
json_get() {
  local file=$1 path=$2
  if command -v jq >/dev/null 2>&1; then
    jq -r --arg p "$path" 'getpath($p | split(".")) | if . == null then empty else tostring end' "$file"
  elif command -v python3 >/dev/null 2>&1; then
    python3 - "$file" "$path" <<'PY'
import json, sys
v = json.load(open(sys.argv[1], encoding="utf-8"))
for k in sys.argv[2].split("."):
    v = v.get(k) if isinstance(v, dict) else None
print("" if v is None else str(v).lower() if isinstance(v, bool) else v)
PY
  elif command -v node >/dev/null 2>&1; then
    node -e 'let v = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
      for (const k of process.argv[2].split(".")) v = v == null ? undefined : v[k];
      console.log(v == null ? "" : String(v));' "$file" "$path"
  else
    error "reading the event payload needs jq, python3 or node on the runner"
  fi
}

# The commits to compare, per event; the inputs 'base' and 'head' win.
event_commits() {
  local event=${GITHUB_EVENT_PATH:-}
  BASE=${VETTER_INPUT_BASE:-}
  HEAD=${VETTER_INPUT_HEAD:-}
  if [ -n "$event" ] && [ -f "$event" ]; then
    case "${GITHUB_EVENT_NAME:-pull_request}" in
      pull_request | pull_request_target)
        : "${BASE:=$(json_get "$event" pull_request.base.sha)}"
        : "${HEAD:=$(json_get "$event" pull_request.head.sha)}" ;;
      merge_group)
        : "${BASE:=$(json_get "$event" merge_group.base_sha)}"
        : "${HEAD:=$(json_get "$event" merge_group.head_sha)}" ;;
      push)
        local before
        before=$(json_get "$event" before)
        # a new branch has no 'before' (all zeros): leave the base to the inputs, or Vetter's default branch
        [ -n "$before" ] && [ "${before//0/}" != "" ] && : "${BASE:=$before}"
        : "${HEAD:=$(json_get "$event" after)}" ;;
    esac
  fi
  [ -n "$HEAD" ] || HEAD=HEAD
  if [ -z "$BASE" ]; then
    error "no base commit: the '${GITHUB_EVENT_NAME:-}' event names none. Run on pull_request (or merge_group, push), or set the 'base' input."
  fi
}

have_commit() { git cat-file -e "$1^{commit}" 2>/dev/null; }
is_shallow() { [ "$(git rev-parse --is-shallow-repository 2>/dev/null)" = true ]; }

# The base, the head and their merge-base must be here. actions/checkout fetches one commit by
# default (fetch-depth: 1): then fetch both tips and deepen until they meet. fetch-depth: 0 avoids all this.
ensure_history() {
  local depth=${VETTER_FETCH_DEPTH:-50} missing=() rev
  for rev in "$BASE" "$HEAD"; do
    have_commit "$rev" || missing+=("$rev")
  done
  if ! is_shallow; then
    if [ ${#missing[@]} -gt 0 ]; then
      note "fetching ${missing[*]} from origin"
      git fetch --no-tags --quiet origin "${missing[@]}" || error "cannot fetch ${missing[*]} from origin"
    fi
    return 0
  fi
  if [ ${#missing[@]} -gt 0 ] || ! git merge-base "$BASE" "$HEAD" >/dev/null 2>&1; then
    # both tips, so that each one's history reaches $depth commits back
    note "fetching $BASE and $HEAD from origin, $depth commits deep (shallow clone)"
    git fetch --no-tags --quiet --depth="$depth" origin "$BASE" "$HEAD" \
      || error "cannot fetch $BASE and $HEAD from origin; check out with fetch-depth: 0"
  fi
  local tries=0
  while is_shallow && ! git merge-base "$BASE" "$HEAD" >/dev/null 2>&1; do
    tries=$((tries + 1))
    if [ $tries -gt 4 ]; then
      note "no merge-base yet: fetching the whole history"
      git fetch --no-tags --quiet --unshallow origin "$BASE" "$HEAD" \
        || error "cannot fetch the history of $BASE and $HEAD; check out with fetch-depth: 0"
      break
    fi
    note "no merge-base yet: fetching $depth more commits"
    git fetch --no-tags --quiet --deepen="$depth" origin "$BASE" "$HEAD" \
      || error "cannot deepen the clone; check out with fetch-depth: 0"
    depth=$((depth * 4))
  done
}

vetter_command() {
  local bin=${VETTER_BIN:-$HERE/../../vetter}
  case "$bin" in
    *.jar) VETTER=(java -jar "$bin") ;;
    *) VETTER=("$bin") ;;
  esac
}

main() {
  local workspace=${GITHUB_WORKSPACE:-$PWD}
  cd "$workspace" || error "cannot enter the workspace $workspace"
  git rev-parse --git-dir >/dev/null 2>&1 || error "$workspace is not a git repository: run actions/checkout first"
  event_commits
  ensure_history
  vetter_command

  local out=${RUNNER_TEMP:-${TMPDIR:-/tmp}}
  local json md
  json=$(mktemp "$out/vetter-XXXXXX.json")
  md=$(mktemp "$out/vetter-XXXXXX.md")
  local args=(review --repo . --base "$BASE" --head "$HEAD" --format github --report "json=$json" --report "markdown=$md")
  [ -n "${VETTER_INPUT_CONFIG:-}" ] && args+=(--config "$VETTER_INPUT_CONFIG")
  [ -n "${VETTER_INPUT_FAIL_ON:-}" ] && args+=(--fail-on "$VETTER_INPUT_FAIL_ON")
  [ -n "${VETTER_INPUT_FILTER:-}" ] && args+=(--filter "$VETTER_INPUT_FILTER")
  local sarif=${VETTER_INPUT_SARIF_FILE:-}
  [ -n "$sarif" ] && args+=(--report "sarif=$sarif")
  local patterns=() pattern file matched
  set -f # split the input on whitespace without expanding globs yet
  # shellcheck disable=SC2206
  patterns=(${VETTER_INPUT_COVERAGE:-})
  set +f
  shopt -s nullglob
  for pattern in "${patterns[@]}"; do
    matched=0
    # shellcheck disable=SC2206 # the pattern is a glob on purpose
    for file in $pattern; do
      args+=(--coverage "$file")
      matched=1
    done
    [ $matched = 1 ] || printf '::warning title=Vetter::no coverage report matches %s\n' "$pattern"
  done
  shopt -u nullglob

  note "reviewing $BASE...$HEAD"
  "${VETTER[@]}" "${args[@]}"
  local code=$?

  if [ -s "$json" ]; then
    local findings failed
    findings=$(json_get "$json" summary.total)
    failed=$(json_get "$json" summary.failed)
    if [ -n "${GITHUB_OUTPUT:-}" ]; then
      {
        echo "findings=$findings"
        echo "failed=$failed"
        [ -n "$sarif" ] && [ -f "$sarif" ] && echo "sarif-file=$sarif"
      } >>"$GITHUB_OUTPUT"
    fi
    # the summary file is shared by the job's steps: end ours with a blank line
    [ -n "${GITHUB_STEP_SUMMARY:-}" ] && printf '%s\n\n' "$(cat "$md")" >>"$GITHUB_STEP_SUMMARY"
  else
    printf '::error title=Vetter::vetter stopped with exit code %s before reviewing; its message is in the log above\n' "$code"
  fi
  rm -f "$json" "$md"
  return $code
}

main "$@"
