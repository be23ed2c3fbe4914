"""A throwaway PostgreSQL server for the store tests, and fresh databases in it.

`NEWSWEAVE_TEST_PG_URL` (a server URL whose user may CREATE DATABASE) wins.
Else `initdb` and `pg_ctl` are looked up on PATH and under
/usr/lib/postgresql/*/bin, a cluster is made in a temporary folder and the
server listens on a unix socket there only (no TCP port to collide on).
initdb refuses to run as root, so as root the cluster belongs to the
`postgres` system user (or `nobody`) and the tools run as that user.
Without any of that the PostgreSQL cases skip, saying why (and fail under
CI, where `make test` installs Debian's postgresql package first).
"""

from __future__ import annotations

import glob
import itertools
import os
import pwd
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
from sqlalchemy import make_url

ENV_URL = "NEWSWEAVE_TEST_PG_URL"
_names = itertools.count(1)


def find_tool(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)
    return candidates[0] if candidates else None


def missing_reason() -> str | None:
    """Why no PostgreSQL can be had here, or None when one can."""
    if os.environ.get(ENV_URL):
        return None
    if find_tool("initdb") is None or find_tool("pg_ctl") is None:
        return f"no PostgreSQL: initdb/pg_ctl not found and {ENV_URL} not set (.ci/run installs them)"
    if os.geteuid() == 0 and _unprivileged_user() is None:
        return "no PostgreSQL: running as root and no unprivileged user to own the cluster"
    return None


@contextmanager
def server() -> Iterator[str]:
    """A server URL (user with CREATE DATABASE) for as long as the context lasts."""
    given = os.environ.get(ENV_URL)
    if given:
        yield given
        return
    initdb, pg_ctl = find_tool("initdb"), find_tool("pg_ctl")
    assert initdb is not None and pg_ctl is not None
    root = Path(tempfile.mkdtemp(prefix="newsweave-pg-"))
    data, socket = root / "data", root / "socket"
    socket.mkdir()
    prefix: list[str] = []
    user = _unprivileged_user() if os.geteuid() == 0 else None
    if user is not None:
        account = pwd.getpwnam(user)
        for path in (root, socket):
            os.chown(path, account.pw_uid, account.pw_gid)
        prefix = ["runuser", "-u", user, "--"]
    run = [*prefix, initdb, "-D", str(data), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync"]
    subprocess.run(run, check=True, capture_output=True)
    options = f"-c listen_addresses='' -k {socket} -c fsync=off"
    start = [*prefix, pg_ctl, "-D", str(data), "-l", str(root / "log"), "-o", options, "-w", "start"]
    subprocess.run(start, check=True, capture_output=True)
    try:
        yield f"postgresql+psycopg://postgres@/postgres?host={socket}"
    finally:
        subprocess.run([*prefix, pg_ctl, "-D", str(data), "-m", "immediate", "stop"], capture_output=True)
        shutil.rmtree(root, ignore_errors=True)


@contextmanager
def fresh_database(server_url: str) -> Iterator[str]:
    """A new empty database on the server, dropped afterwards."""
    name = f"newsweave_test_{os.getpid()}_{next(_names)}"
    admin = _libpq(server_url)
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield make_url(server_url).set(database=name).render_as_string(hide_password=False)
    finally:
        with psycopg.connect(admin, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _libpq(url: str) -> str:
    """The SQLAlchemy URL as a libpq connection string for psycopg."""
    parsed = make_url(url)
    parts = {
        "user": parsed.username,
        "password": parsed.password,
        "host": parsed.host or parsed.query.get("host"),
        "port": parsed.port,
        "dbname": parsed.database or "postgres",
    }
    return " ".join(f"{key}={value}" for key, value in parts.items() if value)


def _unprivileged_user() -> str | None:
    for name in ("postgres", "nobody"):
        try:
            pwd.getpwnam(name)
        except KeyError:
            continue
        return name
    return None
