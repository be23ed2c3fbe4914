#!/usr/bin/env bash
# System packages the test suite uses beyond Python: a PostgreSQL server (the
# store suite runs against SQLite and against a throwaway PostgreSQL) and Chromium
# (the web service's browser tests). Installs
# Debian's package when its tools are missing and apt-get can be used (root);
# otherwise says which tests will be skipped. Safe to run again.
set -euo pipefail

have_postgres() {
    command -v initdb >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1
}

can_apt() {
    [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1
}

updated=no
apt_install() {
    if [ "$updated" = no ]; then
        apt-get update -qq
        updated=yes
    fi
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

if ! have_postgres; then
    if can_apt; then
        echo "installing PostgreSQL from Debian's packages (for the store tests)"
        apt_install postgresql
    else
        echo "note: no PostgreSQL server found and cannot install it (needs root and apt-get);" \
            "the PostgreSQL store tests will be skipped" >&2
    fi
fi

# Chromium, driven by Playwright in the web service's browser tests (tests/test_service.py).
if [ ! -x /usr/bin/chromium ]; then
    if can_apt; then
        echo "installing Chromium from Debian's packages (for the browser tests)"
        apt_install chromium
    else
        echo "note: no /usr/bin/chromium and cannot install it (needs root and apt-get);" \
            "the browser tests will be skipped" >&2
    fi
fi
