"""Which database a command talks to.

`--db URL` wins; else the `NEWSWEAVE_DB` environment variable; else an SQLite
file `newsweave.db` in the working directory, so a first `newsweave ingest`
works with nothing set up and keeps its data beside the user's files.

PostgreSQL URLs may be written the short way (`postgresql://...` or
`postgres://...`); they are read as `postgresql+psycopg://...`, the driver
newsweave installs.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

ENV_VAR = "NEWSWEAVE_DB"
DEFAULT_URL = "sqlite:///newsweave.db"
URL_HELP = (
    f"Database URL: sqlite:///FILE or postgresql+psycopg://USER:PASSWORD@HOST/DB. "
    f"[default: ${ENV_VAR}, else {DEFAULT_URL} in the working directory]"
)

_SHORT_POSTGRES = ("postgresql://", "postgres://")


def resolve_url(given: str | None, environ: Mapping[str, str] | None = None) -> str:
    """The database URL to use: `given`, else $NEWSWEAVE_DB, else the default file."""
    environ = os.environ if environ is None else environ
    url = given or environ.get(ENV_VAR) or DEFAULT_URL
    url = url.strip()
    for prefix in _SHORT_POSTGRES:
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url.removeprefix(prefix)
    return url
