#!/usr/bin/env bash
# System packages the test suite uses beyond Python: a PostgreSQL server (the
# store suite runs against SQLite and against a throwaway PostgreSQL). Installs
# Debian's package when its tools are missing and apt-get can be used (root);
# otherwise says which tests will be skipped. Safe to run again.
set -euo pipefail

have_postgres() {
    command -v initdb >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1
}

if have_postgres; then
    exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing PostgreSQL from Debian's packages (for the store tests)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >/dev/null
else
    echo "note: no PostgreSQL server found and cannot install it (needs root and apt-get);" \
        "the PostgreSQL store tests will be skipped" >&2
fi
