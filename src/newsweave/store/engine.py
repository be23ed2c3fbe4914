"""Opening a store: URL to engine, schema brought up to date, errors made plain.

`open_store` runs Alembic's `upgrade head` in code with the migrations shipped
inside the package, so a new database file or an empty PostgreSQL database
is ready on first use and an old one is upgraded; no alembic.ini is needed.

SQLite gets foreign keys switched on, WAL journaling (a reader, such as
`newsweave stories` during a long ingest, never blocks the writer) and a busy
timeout instead of failing at once when another process holds the lock.

Every way opening can fail (a URL that does not parse, a driver that is not
installed, a file in a missing folder, a server that does not answer) becomes
a `StoreError`: one line, with any password hidden, and the CLI exits 2.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config as AlembicConfig
from sqlalchemy import Engine, create_engine, event, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError, SQLAlchemyError

from newsweave.errors import UserError

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
SQLITE_BUSY_SECONDS = 30


class StoreError(UserError):
    """The database cannot be opened or used as a newsweave store."""

    hint = "check --db or NEWSWEAVE_DB; e.g. sqlite:///newsweave.db or postgresql+psycopg://user@host/db"


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
    except (DBAPIError, SQLAlchemyError) as error:
        raise StoreError(f"cannot open database {safe_url(str(engine.url))}: {_first_line(error)}") from error


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


def _first_line(error: BaseException) -> str:
    original = getattr(error, "orig", None)
    text = str(original if original is not None else error).strip()
    return text.splitlines()[0] if text else type(error).__name__
