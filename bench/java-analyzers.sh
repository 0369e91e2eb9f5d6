#!/usr/bin/env bash
# Vetter's in-process Java analyzers against the Checkstyle and PMD command lines, same run, same files.
#
#   bench/java-analyzers.sh REPO [COMMITS]        e.g. bench/java-analyzers.sh /work/.mirror/apache+commons-lang/repo
#
# REPO is a git repository such as a clone of apache/commons-lang. It is cloned (shared) into
# bench/work/java-analyzers; the last COMMITS (default 200) commits are one change. Both sides use
# Checkstyle's google_checks.xml and PMD's quickstart ruleset on the .java files the change adds or
# modifies. The CLIs are the same library versions Vetter uses, run with their main classes on a
# classpath from Maven (Checkstyle's Main, PMD's pmd-cli without its other languages).
# Prints whole-file finding counts of both sides, Vetter's count on added lines, cold times and their ratios
# (the review a user runs, added lines only, and the whole-file one), and a cached re-review after touching one file,
# in its own process and through a review daemon.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
SRC=${1:?usage: $0 REPO [COMMITS]}
COMMITS=${2:-200}
. "$ROOT/scripts/find-java.sh"
JAVA="$JAVA_HOME/bin/java"
WORK="$ROOT/bench/work/java-analyzers"
OUT="$ROOT/bench/work/java-analyzers-out"
rm -rf "$WORK" "$OUT"; mkdir -p "$(dirname "$WORK")" "$OUT"
git clone -q --shared "$SRC" "$WORK"
cd "$WORK"
git checkout -q -B bench HEAD
BASE=$(git rev-parse "HEAD~$COMMITS")
HEAD=$(git rev-parse HEAD)
git diff --name-only --diff-filter=AM "$BASE" "$HEAD" -- '*.java' > "$OUT/files.txt"
echo "change: $COMMITS commits, $(git diff --shortstat "$BASE" "$HEAD"); $(wc -l < "$OUT/files.txt") .java files added or modified"

# the command-line tools: the library versions of the root pom, with their own main classes
VERS() { sed -n "s:.*<$1>\(.*\)</$1>.*:\1:p" "$ROOT/pom.xml" | head -1; }
CS_V=$(VERS checkstyle.version); PMD_V=$(VERS pmd.version)
mkdir -p "$OUT/cli"
cat > "$OUT/cli/pom.xml" <<POM
<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
  <groupId>bench</groupId><artifactId>cli</artifactId><version>1</version>
  <dependencies>
    <dependency><groupId>com.puppycrawl.tools</groupId><artifactId>checkstyle</artifactId><version>$CS_V</version></dependency>
    <dependency><groupId>net.sourceforge.pmd</groupId><artifactId>pmd-cli</artifactId><version>$PMD_V</version>
      <!-- every other language of PMD's: not needed for Java, and not all are served -->
      <exclusions><exclusion><groupId>net.sourceforge.pmd</groupId><artifactId>pmd-languages-deps</artifactId></exclusion></exclusions></dependency>
    <dependency><groupId>net.sourceforge.pmd</groupId><artifactId>pmd-java</artifactId><version>$PMD_V</version></dependency>
  </dependencies></project>
POM
(cd "$OUT/cli" && mvn -q -B -ntp dependency:build-classpath -Dmdep.outputFile=cp.txt >/dev/null)
CP=$(cat "$OUT/cli/cp.txt")

# a policy with only the two analyzers (Checkstyle's google_checks, PMD's quickstart) on whole files
cat > "$OUT/policy.yml" <<YML
filter: nofilter
fail-on: never
rules:
  hygiene: false
  commits: false
  size: false
  smells: false
  secrets: false
  deps: false
  tests: false
  owners: false
  coverage: false
  java/format: false
  java/checkstyle:
    config: google
  java/pmd:
    rulesets: [quickstart]
YML
sed 's/^filter: nofilter/filter: added/' "$OUT/policy.yml" > "$OUT/policy-added.yml"
"$ROOT/vetter" --version >/dev/null   # build once

now() { date +%s%N; }
ms() { echo $(( ($(now) - $1) / 1000000 )); }
git checkout -q "$HEAD"
mapfile -t FILES < "$OUT/files.txt"

s=$(now)
"$JAVA" -cp "$CP" com.puppycrawl.tools.checkstyle.Main -c /google_checks.xml -f plain -o "$OUT/checkstyle.txt" "${FILES[@]}" >/dev/null 2>&1 || true
CS_MS=$(ms "$s")
s=$(now)
"$JAVA" -cp "$CP" net.sourceforge.pmd.cli.PmdCli check --no-cache --no-progress -R rulesets/java/quickstart.xml -f text \
  --file-list "$OUT/files.txt" -r "$OUT/pmd.txt" >/dev/null 2>&1 || true
PMD_MS=$(ms "$s")
CS_N=$(grep -cE '^\[(WARN|ERROR|INFO)\]' "$OUT/checkstyle.txt" || true)
PMD_N=$(grep -cE '^[^ ]+\.java:[0-9]+:' "$OUT/pmd.txt" || true)

review() { "$ROOT/vetter" review --repo "$WORK" --base "$BASE" --head "$HEAD" --config "$1" --format json "${@:2}"; }
s=$(now)
review "$OUT/policy.yml" --no-cache > "$OUT/vetter.json" || true
V_MS=$(ms "$s")
count() { grep -o "\"rule\" *: *\"java/$1/[^\"]*\"" "$2" | wc -l; }
V_CS=$(count checkstyle "$OUT/vetter.json"); V_PMD=$(count pmd "$OUT/vetter.json")
# what a user runs: the same review, reporting added lines only (fingerprints and output for 2,300 findings, not 73,000)
s=$(now)
review "$OUT/policy-added.yml" --no-cache > "$OUT/vetter-added.json" || true
VA_MS=$(ms "$s")
A_CS=$(count checkstyle "$OUT/vetter-added.json"); A_PMD=$(count pmd "$OUT/vetter-added.json")

# cached re-review: warm the cache, touch one file at head (a new commit), review again
review "$OUT/policy-added.yml" >/dev/null || true
git checkout -q -B bench "$HEAD"
echo "// touched" >> "${FILES[0]}"; git commit -qam "touch one file"
HEAD=$(git rev-parse HEAD)
s=$(now)
review "$OUT/policy-added.yml" >/dev/null || true
RE_MS=$(ms "$s")
# the same re-review through a review daemon ('vetter daemon start'): one review to load it, then a file touched
export VETTER_DAEMON_DIR="$OUT/daemon"   # a daemon of the benchmark's own, whatever the user runs
"$ROOT/vetter" daemon start >/dev/null
trap '"$ROOT/vetter" daemon stop >/dev/null 2>&1 || true' EXIT
s=$(now)
review "$OUT/policy-added.yml" >/dev/null || true
D_FIRST_MS=$(ms "$s")
D_MS=()
for i in 1 2 3; do
  echo "// touched in the daemon $i" >> "${FILES[$i]}"; git commit -qam "touch file $i"
  HEAD=$(git rev-parse HEAD)
  s=$(now)
  review "$OUT/policy-added.yml" > "$OUT/vetter-daemon.json" || true
  D_MS+=("$(ms "$s")")
done
review "$OUT/policy-added.yml" --no-daemon > "$OUT/vetter-local.json" || true
sed 's/"durationMillis" : [0-9]*//' "$OUT/vetter-daemon.json" > "$OUT/a.json"; sed 's/"durationMillis" : [0-9]*//' "$OUT/vetter-local.json" > "$OUT/b.json"
SAME=$(cmp -s "$OUT/a.json" "$OUT/b.json" && echo "same report as without it" || echo "REPORT DIFFERS from the one without it")
"$ROOT/vetter" daemon stop >/dev/null

# the floors of that re-review, measured now: starting the JVM, and git's own diff of the same range
s=$(now); "$ROOT/vetter" --version >/dev/null; VERSION_MS=$(ms "$s")
s=$(now); git diff "$BASE" "$HEAD" >/dev/null; DIFF_MS=$(ms "$s")

echo "whole files   checkstyle: CLI $CS_N, vetter $V_CS    pmd: CLI $PMD_N, vetter $V_PMD"
echo "added lines   checkstyle: $A_CS    pmd: $A_PMD"
ratio() { awk "BEGIN {printf \"%.2f\", $1 / ($CS_MS + $PMD_MS)}"; }
echo "cold time     checkstyle CLI ${CS_MS} ms + pmd CLI ${PMD_MS} ms = $((CS_MS + PMD_MS)) ms"
echo "              vetter, added lines ${VA_MS} ms: ratio $(ratio "$VA_MS")x; vetter, whole files ${V_MS} ms: ratio $(ratio "$V_MS")x"
echo "re-review after touching one file (cached): ${RE_MS} ms; vetter --version ${VERSION_MS} ms, git diff ${DIFF_MS} ms"
echo "  through a review daemon: ${D_MS[*]} ms (three files touched in turn; its first review ${D_FIRST_MS} ms); $SAME"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
