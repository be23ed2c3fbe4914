"""Alembic environment: runs migrations on the connection `open_store` hands in.

At run time no alembic.ini exists: `newsweave.store.engine.migrate` builds the
Alembic config in code and passes an open connection in
`config.attributes["connection"]`. For a developer running the `alembic`
command by hand, `sqlalchemy.url` from the config is used instead.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, create_engine


def _run(connection: Connection) -> None:
    context.configure(connection=connection, render_as_batch=True, compare_type=True)
    with context.begin_transaction():
        context.run_migrations()


def _main() -> None:
    given = context.config.attributes.get("connection")
    if isinstance(given, Connection):
        _run(given)
        return
    url = context.config.get_main_option("sqlalchemy.url")
    if not url:
        raise RuntimeError("set sqlalchemy.url or pass a connection in config.attributes")
    with create_engine(url).connect() as connection:
        _run(connection)
        connection.commit()


_main()
