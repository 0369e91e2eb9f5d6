#!/usr/bin/env bash
# Makes sure a PostgreSQL answers on 127.0.0.1:5432 for the storage tests: starts the machine's cluster,
# or installs PostgreSQL from Debian's packages where there is none. Never fatal: tests that need the
# database say clearly when it is missing.
set -u
ready() { command -v pg_isready >/dev/null 2>&1 && pg_isready -q -h 127.0.0.1 -p 5432; }
ready && exit 0
if [ -d /etc/postgresql ] && command -v pg_ctlcluster >/dev/null 2>&1; then
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -V | tail -n1)" main start >/dev/null 2>&1 || true
elif command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
  echo "ensure-postgres: installing PostgreSQL from Debian's packages..." >&2
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null) || true
  [ -d /etc/postgresql ] && pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | sort -V | tail -n1)" main start >/dev/null 2>&1 || true
fi
for _ in 1 2 3 4 5 6 7 8 9 10; do ready && exit 0; sleep 1; done
echo "ensure-postgres: PostgreSQL is not answering on 127.0.0.1:5432; tests that need it will say so and skip." >&2
exit 0
