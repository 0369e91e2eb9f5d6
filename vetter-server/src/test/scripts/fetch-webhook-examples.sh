#!/usr/bin/env bash
# Fetches the npm package @octokit/webhooks-examples (GitHub's webhook payload examples) into DIR, unpacked:
#   fetch-webhook-examples.sh VERSION DIR
# Uses `npm pack` (no install, no scripts run). Exits 0 when DIR/package/api.github.com/index.json is there,
# 3 when npm or the registry cannot be reached. The package is test data: never commit it.
set -u
VERSION=${1:?usage: $0 VERSION DIR}
DIR=${2:?usage: $0 VERSION DIR}
INDEX="$DIR/package/api.github.com/index.json"
[ -f "$INDEX" ] && exit 0
command -v npm >/dev/null 2>&1 || { echo "npm is not installed" >&2; exit 3; }
mkdir -p "$DIR"
cd "$DIR" || exit 3
if ! timeout 120 npm pack --silent "@octokit/webhooks-examples@$VERSION" >npm-pack.log 2>&1; then
  cat npm-pack.log >&2; exit 3
fi
tar xzf "octokit-webhooks-examples-$VERSION.tgz" || exit 3
[ -f "$INDEX" ] || { echo "the package has no api.github.com/index.json" >&2; exit 3; }
