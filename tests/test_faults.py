"""Faults: one bad apple among good articles, a full disk, a locked or newer database,
a PostgreSQL connection dropped mid-ingest. Nothing stored is ever half an article,
every failure is one line naming the database, and running again finishes the job.

SIGKILL mid-ingest on SQLite and PostgreSQL is in test_store.py; a Dask worker
killed mid-run in test_parallel.py. Articles are analysed with the fakes of
tests/fakes.py; the runs against a PostgreSQL server are integration tests.
"""

from __future__ import annotations

import gzip
import random
import sqlite3
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest
from click.testing import Result
from fastapi.testclient import TestClient
from sqlalchemy import Engine, event

from newsweave.analyze import Models
from newsweave.config import Config
from newsweave.errors import EXIT_PARTIAL, EXIT_USER_ERROR
from newsweave.ingest import ingest
from newsweave.service import create_app
from newsweave.store import Store, create_store_engine, open_store
from newsweave.store import engine as store_engine
from newsweave.store.engine import StoreError, StoreFailure

from . import pg_server
from .store_corpus import EVENTS, article, write_corpus

EXIT_FAILED = 1
MAX_FILE_BYTES = 20_000


def long_article(index: int) -> str:
    """An invented report with many body lines, so a few fill a small database."""
    head = article(index % len(EVENTS), index // len(EVENTS))
    body = "".join(
        f"Paragraph {line} of report {index}: the council met {line + index} times about "
        f"the {line * 7 + index}-metre repair and the {index + 2} new pumps, a clerk said.\n"
        for line in range(30)
    )
    return head + body


def write_long_corpus(folder: Path, count: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for index in range(count):
        (folder / f"{index:04d}.txt").write_text(long_article(index), encoding="utf-8")


def write_bad_apples(folder: Path) -> dict[str, str]:
    """One file of each bad kind (and a JSON Lines file with one good and one broken
    line); returns the path each is listed under, by kind."""
    warc = b"WARC/1.0\r\nWARC-Type: response\r\n\r\n" + b"Lines of an archived page.\n" * 400
    packed = gzip.compress(warc)
    rng = random.Random(7)
    files = {
        "truncated gzip": ("archive.warc.gz", packed[: len(packed) // 2]),
        "html without text": (
            "nothing.html",
            b"<html><head><script>var a = 1;</script></head><body><nav></nav><div></div></body></html>",
        ),
        "binary": ("binary.txt", bytes(rng.randrange(256) for _ in range(4000))),
        "empty": ("empty.txt", b""),
        "oversized": ("huge.txt", b"A line of an over-long file.\n" * (MAX_FILE_BYTES // 20)),
        "bad JSON line": (
            "records.jsonl",
            b'{"title": "Ferry service resumes in Dunmore", "text": "The ferry sailed again on '
            b'Monday after repairs, the operator said."}\n{"title": "broken\n',
        ),
    }
    listed = {}
    for kind, (name, data) in files.items():
        (folder / name).write_bytes(data)
        listed[kind] = str(folder / name) + (":2" if name.endswith(".jsonl") else "")
    return listed


def skipped_lines(result: Result) -> dict[str, str]:
    """`skipped PATH: REASON` lines of the CLI's stderr, as {path: reason}."""
    found = {}
    for line in result.stderr.splitlines():
        if line.startswith("skipped "):
            path, _sep, reason = line.removeprefix("skipped ").rpartition(": ")
            found[path] = reason
    return found


def test_one_bad_apple_of_each_kind_is_listed_and_the_rest_stored(
    fake_cli: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEWSWEAVE_MAX_FILE_BYTES", str(MAX_FILE_BYTES))
    folder = tmp_path / "in"
    good = write_corpus(folder, 40)
    listed = write_bad_apples(folder)
    url = f"sqlite:///{tmp_path / 'store.db'}"

    result = fake_cli("ingest", str(folder), "--db", url, "--quiet")

    assert result.exit_code == EXIT_PARTIAL, result.stderr
    reasons = skipped_lines(result)
    assert sorted(reasons) == sorted(listed.values())
    assert all(reason.strip() for reason in reasons.values())
    assert "ends before" in reasons[listed["truncated gzip"]]
    assert "binary" in reasons[listed["binary"]]
    assert "empty" in reasons[listed["empty"]]
    assert f"{MAX_FILE_BYTES:,}" in reasons[listed["oversized"]]
    assert result.stdout.startswith(f"added {len(good) + 1}, already stored 0, skipped {len(listed)};")
    with open_store(url) as store:
        assert store.article_count() == len(good) + 1  # the JSON Lines file's good line counts
        assert store.incomplete_articles() == []
        stored_paths = {item.raw.path for item in store.articles()}
    assert stored_paths == {str(path) for path in good} | {str(folder / "records.jsonl") + ":1"}


@pytest.fixture()
def capped_pages() -> Iterator[Callable[[int], None]]:
    """Caps every SQLite connection opened from now on at N pages (a full disk in miniature)."""
    cap: list[int] = []

    def on_connect(dbapi_connection: Any, _record: Any) -> None:
        if cap and isinstance(dbapi_connection, sqlite3.Connection):
            dbapi_connection.execute(f"PRAGMA max_page_count={cap[0]}")

    def set_cap(pages: int) -> None:
        cap[:] = [pages]

    event.listen(Engine, "connect", on_connect)
    try:
        yield set_cap
    finally:
        event.remove(Engine, "connect", on_connect)


def page_count(path: Path) -> int:
    with sqlite3.connect(path) as connection:
        return int(connection.execute("PRAGMA page_count").fetchone()[0])


def assert_whole(path: Path, url: str) -> int:
    """The SQLite file passes its integrity check, and every stored article is whole."""
    with sqlite3.connect(path) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    with open_store(url) as store:
        assert store.incomplete_articles() == []
        return store.article_count()


def test_full_database_is_a_clear_error_and_the_store_stays_whole(
    fake_cli: Callable[..., Result], tmp_path: Path, capped_pages: Callable[[int], None]
) -> None:
    folder, path = tmp_path / "in", tmp_path / "store.db"
    write_long_corpus(folder, 12)
    url = f"sqlite:///{path}"
    open_store(url).close()
    capped_pages(page_count(path) + 12)

    full = fake_cli("ingest", str(folder), "--db", url, "--quiet")

    assert full.exit_code == EXIT_FAILED
    assert full.stderr.count("\n") == 1
    assert full.stderr.startswith(f"error: the database {url} is full: database or disk is full (free disk")
    stored = assert_whole(path, url)
    assert 0 < stored < 12

    capped_pages(1_000_000)  # the disk was freed
    again = fake_cli("ingest", str(folder), "--db", url, "--quiet")
    assert again.exit_code == 0, again.stderr
    assert again.stdout.startswith(f"added {12 - stored}, already stored {stored}, skipped 0;")
    assert assert_whole(path, url) == 12


@pytest.mark.slow  # fills a real filesystem
def test_full_filesystem_is_a_clear_error_and_the_store_stays_whole(
    fake_cli: Callable[..., Result], tmp_path: Path
) -> None:
    """The same on a real 1 MiB filesystem, where the machine lets us mount one (root only)."""
    mount = tmp_path / "small"
    mount.mkdir()
    made = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount)], capture_output=True)
    if made.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here: {made.stderr.decode().strip()}")
    try:
        folder, path = tmp_path / "in", mount / "store.db"
        write_long_corpus(folder, 200)
        url = f"sqlite:///{path}"

        full = fake_cli("ingest", str(folder), "--db", url, "--quiet")

        assert full.exit_code == EXIT_FAILED, full.stderr
        assert full.stderr.count("\n") == 1
        assert full.stderr.startswith(f"error: the database {url} is full: database or disk is full")
        stored = assert_whole(path, url)
        assert 0 < stored < 200
    finally:
        subprocess.run(["umount", "-l", str(mount)], capture_output=True)


@pytest.mark.slow  # waits out the busy timeout
def test_locked_database_is_a_clear_error(
    fake_cli: Callable[..., Result], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, path = tmp_path / "in", tmp_path / "store.db"
    write_corpus(folder, 2)
    url = f"sqlite:///{path}"
    open_store(url).close()
    monkeypatch.setattr(store_engine, "SQLITE_BUSY_SECONDS", 1)
    holder = sqlite3.connect(path, isolation_level=None)
    try:
        holder.execute("BEGIN IMMEDIATE")  # another writer holds the lock
        result = fake_cli("ingest", str(folder), "--db", url, "--quiet")
    finally:
        holder.close()
    assert result.exit_code == EXIT_FAILED
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith(
        f"error: the database {url} is locked by another process: database is locked"
    )
    assert "wait for the other newsweave command" in result.stderr
    assert assert_whole(path, url) == 0


def test_schema_of_a_newer_newsweave_is_a_clear_error(
    fake_cli: Callable[..., Result], tmp_path: Path
) -> None:
    path = tmp_path / "store.db"
    url = f"sqlite:///{path}"
    open_store(url).close()
    with sqlite3.connect(path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '0999'")
    with pytest.raises(StoreError, match="newer newsweave"):
        open_store(url)
    result = fake_cli("stories", "--db", url)
    assert result.exit_code == EXIT_USER_ERROR
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith(f"error: cannot open database {url}: its schema is not one")
    assert "0999" in result.stderr


def test_failure_message_masks_the_password() -> None:
    engine = create_store_engine("postgresql+psycopg://reader:s3cret-word@127.0.0.1:1/news")
    with pytest.raises(StoreFailure) as caught, Store(engine) as store:
        store.article_count()
    message = str(caught.value)
    assert message.startswith("the database postgresql+psycopg://reader:***@127.0.0.1:1/news ")
    assert "s3cret" not in message


@pytest.fixture()
def pg_url(pg_server_url: str) -> Iterator[str]:
    with pg_server.fresh_database(pg_server_url) as url:
        yield url


class TerminateBetween:
    """Progress hook: after the `at`-th article, the server ends every session on the database."""

    def __init__(self, admin: str, database: str, at: int) -> None:
        self.admin, self.database, self.at, self.done = admin, database, at, 0
        self.terminated = 0

    def begin(self, total: int) -> None:
        pass

    def advance(self) -> None:
        self.done += 1
        if self.done == self.at:
            self.terminated = terminate(self.admin, "datname = %s AND pid <> pg_backend_pid()", self.database)

    def note(self, message: str) -> None:
        pass


def terminate(admin: str, where: str, value: object) -> int:
    with psycopg.connect(admin, autocommit=True) as connection:
        rows = connection.execute(
            f"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE {where}", (value,)
        ).fetchall()
    return sum(1 for (ok,) in rows if ok)


def kill_mid_article(store: Store, admin: str, which: Callable[[int], bool]) -> Callable[..., None]:
    """After an article's row is written and before its lines, the server drops the connection
    of the `n`-th article's transaction whenever `which(n)`."""
    rows = [0]

    def after_execute(conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if statement.lstrip().upper().startswith("INSERT INTO ARTICLES "):
            rows[0] += 1
            if which(rows[0]):
                terminate(admin, "pid = %s", conn.connection.dbapi_connection.info.backend_pid)

    event.listen(store.engine, "after_cursor_execute", after_execute)
    return after_execute


@pytest.mark.integration
def test_dropped_postgresql_connection_is_retried(pg_url: str, tmp_path: Path, fake_models: Models) -> None:
    paths = write_corpus(tmp_path / "in", 8)
    admin = pg_server._libpq(pg_url)
    database = pg_url.rsplit("/", 1)[1].split("?")[0]
    between = TerminateBetween(admin, database, at=2)
    with open_store(pg_url) as store:
        kill_mid_article(store, admin, lambda n: n == 5)
        report = ingest([str(tmp_path / "in")], store, Config(), fake_models, between)
        assert between.terminated >= 1  # the pooled connection was really cut between articles
        assert (report.added, report.already) == (len(paths), 0)
        assert store.article_count() == len(paths)
        assert store.incomplete_articles() == []
        assert sum(row.sources for row in store.stories()) == len(paths)


@pytest.mark.integration
def test_connection_dropped_again_fails_clearly_and_a_rerun_completes(
    pg_url: str, tmp_path: Path, fake_models: Models
) -> None:
    paths = write_corpus(tmp_path / "in", 6)
    admin = pg_server._libpq(pg_url)
    store = open_store(pg_url)
    kill_mid_article(store, admin, lambda n: n >= 3)  # the 3rd article and its retry both lose it
    with pytest.raises(StoreFailure) as caught, store:
        ingest([str(tmp_path / "in")], store, Config(), fake_models)
    message = str(caught.value)
    assert message.startswith("the database postgresql+psycopg://postgres@/")
    assert "dropped the connection" in message and "run the same command again" in message
    with open_store(pg_url) as store:
        assert store.article_count() == 2
        assert store.incomplete_articles() == []
        report = ingest([str(tmp_path / "in")], store, Config(), fake_models)
        assert (report.added, report.already) == (len(paths) - 2, 2)
        assert store.article_count() == len(paths)
        assert store.incomplete_articles() == []
        assert sum(row.sources for row in store.stories()) == len(paths)


@pytest.mark.slow  # waits out the busy timeout
def test_service_answers_503_when_the_store_is_locked(
    tmp_path: Path, fake_models: Models, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A write that finds the database locked past the busy timeout gets a 503 in the
    common error shape, with the reason and no traceback; the store is unchanged."""
    path = tmp_path / "store.db"
    url = f"sqlite:///{path}"
    monkeypatch.setattr(store_engine, "SQLITE_BUSY_SECONDS", 1)
    token = "locked-test-token"
    with TestClient(create_app(url, token, lambda: fake_models, compose_wait=60)) as client:
        holder = sqlite3.connect(path, isolation_level=None)
        try:
            holder.execute("BEGIN IMMEDIATE")
            response = client.post(
                "/api/articles",
                json={"title": "Ferry resumes service", "text": article(1, 1)},
                headers={"Authorization": f"Bearer {token}"},
            )
        finally:
            holder.close()
        assert response.status_code == 503
        error = response.json()["error"]
        assert error["status"] == 503 and "the store is unavailable" in error["message"]
        assert str(path) not in response.text  # no database details for the client
        assert response.headers["retry-after"] == "5"
        assert client.get("/api/stories").json()["total"] == 0
    assert assert_whole(path, url) == 0
