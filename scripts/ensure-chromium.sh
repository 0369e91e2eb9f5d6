#!/usr/bin/env bash
# Makes sure a headless Chromium is on the PATH for the Cockpit's browser test: installs Debian's
# chromium package where there is none and we are root. Never fatal: without a browser the test says
# clearly that it is skipped and why.
set -u
found() { command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1; }
found && exit 0
if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  echo "ensure-chromium: installing chromium from Debian's packages..." >&2
  (DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null 2>&1 \
    || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null)) || true
fi
found && exit 0
echo "ensure-chromium: no chromium on the PATH (not root, or no apt-get); the Cockpit's browser test will say so and skip." >&2
exit 0
