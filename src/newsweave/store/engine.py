"""Opening a store: URL to engine, schema brought up to date, errors made plain.

`open_store` runs Alembic's `upgrade head` in code with the migrations shipped
inside the package, so a new database file or an empty PostgreSQL database
is ready on first use and an old one is upgraded; no alembic.ini is needed.

SQLite gets foreign keys switched on, WAL journaling (a reader, such as
`newsweave stories` during a long ingest, never blocks the writer) and a busy
timeout instead of failing at once when another process holds the lock.

Every way opening can fail (a URL that does not parse, a driver that is not
installed, a file in a missing folder, a server that does not answer, a
schema written by a newer newsweave) becomes a `StoreError`: one line, with
any password hidden, and the CLI exits 2.

A database that fails once the run is under way (the disk is full, another
process holds the lock past the busy timeout, the server dropped the
connection) becomes a `StoreFailure` built by `store_failure`, which says what
happened, to which database, and what to do; the CLI exits 1. Every write is
one transaction, so what was stored before the failure is whole and kept,
and running the same command again finishes the job.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config as AlembicConfig
from alembic.util.exc import CommandError
from sqlalchemy import Engine, create_engine, event, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError, OperationalError, SQLAlchemyError

from newsweave.errors import NewsweaveError, UserError

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
SQLITE_BUSY_SECONDS = 30

# What a database raises when it fails (SQLAlchemy's DBAPIError), by a name that code
# above the store can catch without importing SQLAlchemy.
DatabaseError = DBAPIError


class StoreError(UserError):
    """The database cannot be opened or used as a newsweave store."""

    hint = "check --db or NEWSWEAVE_DB; e.g. sqlite:///newsweave.db or postgresql+psycopg://user@host/db"


class StoreFailure(NewsweaveError):
    """The database failed in the middle of a run; what was stored before is whole and kept."""


# PostgreSQL SQLSTATE codes (psycopg puts them on the error) and SQLite's messages, by kind.
_FULL_STATES = frozenset({"53100"})  # disk_full
_LOST_STATES = frozenset({"57P01", "57P02", "57P03"})  # admin/crash shutdown, cannot connect now
_FULL = (
    "is full",
    "free disk space or raise its size limit, then run the same command again; "
    "what was stored before is kept",
)
_LOCKED = (
    "is locked by another process",
    "wait for the other newsweave command to finish and run this one again",
)
_LOST = (
    "dropped the connection",
    "check that the server is up and reachable and run the same command again; "
    "what was stored before is kept",
)
_READ_ONLY = (
    "is read-only",
    "check the database file's and its folder's permissions, or that the server accepts writes",
)
_LOST_PHRASES = (
    "server closed the connection",
    "terminating connection",
    "connection is closed",
    "consuming input failed",
    "connection refused",
    "connection reset",
)


def create_store_engine(url: str) -> Engine:
    """An engine for `url`, with SQLite set up for one writer and many readers."""
    shown = safe_url(url)
    try:
        parsed = make_url(url)
        if parsed.get_backend_name() == "sqlite":
            engine = create_engine(parsed, connect_args={"timeout": SQLITE_BUSY_SECONDS})
            event.listen(engine, "connect", _sqlite_pragmas)
        else:
            engine = create_engine(parsed, pool_pre_ping=True)
    except (ArgumentError, NoSuchModuleError, ValueError) as error:
        raise StoreError(f"cannot use database URL {shown}: {_first_line(error)}") from error
    except ImportError as error:
        raise StoreError(f"no driver for database URL {shown}: {error}") from error
    return engine


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest revision (a no-op when it already is)."""
    config = AlembicConfig()
    config.set_main_option("script_location", str(MIGRATIONS))
    try:
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.upgrade(config, "head")
    except CommandError as error:
        raise StoreError(
            f"cannot open database {shown_url(engine)}: its schema is not one this newsweave knows "
            f"({_first_line(error)})",
            hint="it was probably written by a newer newsweave: upgrade newsweave, or use another --db",
        ) from error
    except DBAPIError as error:
        kind = _failure_kind(error)
        if kind is not None and kind is not _LOST:  # a server that never answered is not "lost"
            problem, hint = kind
            raise StoreError(f"cannot open database {shown_url(engine)}: it {problem}", hint=hint) from error
        raise StoreError(f"cannot open database {shown_url(engine)}: {_first_line(error)}") from error
    except SQLAlchemyError as error:
        raise StoreError(f"cannot open database {shown_url(engine)}: {_first_line(error)}") from error


def store_failure(error: DBAPIError, engine: Engine) -> StoreFailure | None:
    """The one-line error for a database that failed mid-run: what, which database, what to do.

    None for errors that are not the database's doing (a constraint or a query
    newsweave got wrong): those are bugs and keep their traceback."""
    kind = _failure_kind(error)
    if kind is None:
        if not isinstance(error, OperationalError):
            return None
        return StoreFailure(
            f"the database {shown_url(engine)} failed: {_first_line(error)}",
            hint="run the same command again; what was stored before is kept",
        )
    problem, hint = kind
    return StoreFailure(f"the database {shown_url(engine)} {problem}: {_first_line(error)}", hint=hint)


def is_connection_lost(error: DBAPIError) -> bool:
    """True when the server closed the connection (a fresh one may work): worth one retry."""
    return error.connection_invalidated or _failure_kind(error) is _LOST


def shown_url(engine: Engine) -> str:
    """The engine's URL for messages, password masked."""
    return engine.url.render_as_string(hide_password=True)


def safe_url(url: str) -> str:
    """`url` with its password masked, for messages."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except (ArgumentError, ValueError):
        return url.split("@")[-1] if "@" in url else url


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def _failure_kind(error: DBAPIError) -> tuple[str, str] | None:
    """What kind of failure `error` is, as (problem, what to do); None when none we know."""
    original = error.orig
    state = getattr(original, "sqlstate", None)
    text = str(original).lower()
    if state in _FULL_STATES or "disk is full" in text or "no space left" in text:
        return _FULL
    if "database is locked" in text or "database table is locked" in text:
        return _LOCKED
    if "readonly database" in text or "read-only" in text:
        return _READ_ONLY
    lost_text = any(phrase in text for phrase in _LOST_PHRASES)
    if error.connection_invalidated or state in _LOST_STATES or (state or "").startswith("08") or lost_text:
        return _LOST
    return None


def _first_line(error: BaseException) -> str:
    original = getattr(error, "orig", None)
    text = str(original if original is not None else error).strip()
    return text.splitlines()[0] if text else type(error).__name__
