"""The store: articles, stories and their briefs in SQLite or PostgreSQL.

Tables (SQLAlchemy 2 Core, `tables.py`; created and upgraded by the Alembic
migrations in `migrations/`, run in code by `open_store`):

- `articles`: one row per distinct article, keyed by the sha256 of its raw
  bytes (kept, so any later version of newsweave can re-read it), with the
  path it came from, its metadata, publication date and evidence, flags,
  `line_count`, and `seq`, the input order across ingests.
- `article_lines`: every non-blank line with its text and role (body, meta
  with its field, noise with its reason) and any repair.
- `stories`: one row per story: headline, first and last publication date
  of its sources, sources in total and independent (copies count once),
  flag counts, and its arc (`arc_id`: the stories of one affair over
  months share one, the id of the arc's first story).
- `memberships`: which article is which source (S1, S2...) of which story,
  and which source it copies.
- `article_names`: the names each article uses, as written and casefolded,
  recorded when it is filed, so stories are found by name before their
  brief is composed (`names.py`).
- `briefs`: each story's brief as its `newsweave.brief/1` JSON object,
  composed on demand and dropped when an article joins the story.
- `story_states`: each story's summed grouping features (`group.state`),
  so a new article is filed without regrouping the store; `arc_states`
  the same for each arc.
- `state`: key/value settings of the store.

The database is `--db URL`, else $NEWSWEAVE_DB, else `sqlite:///newsweave.db`
in the working directory (`urls.py`). PostgreSQL is the same code through
SQLAlchemy (`postgresql+psycopg://...`).

Every query is a method of `Store` (`repository.py`), its SELECTs in
`reading.py` and its writes in `writing.py`; it answers with the plain values
of `rows.py`. Nothing above the store imports SQLAlchemy or the tables.

Each new article is stored and filed into its story in one transaction
(`newsweave.filing`, through `Store.writing`): it joins the stored story it
best matches or opens one, in milliseconds however large the store. A
story's brief is composed from its stored articles when first asked for
(`filing.story_document`), exactly as `newsweave brief` composes one story
from the same files, and kept (`Store.keep_brief`) until an article joins
the story.
"""

from __future__ import annotations

from newsweave.store.engine import (
    DatabaseError,
    StoreError,
    StoreFailure,
    create_store_engine,
    is_connection_lost,
    migrate,
)
from newsweave.store.repository import Store
from newsweave.store.rows import (
    Arc,
    ArticleRecord,
    Membership,
    StoredArticle,
    StoredState,
    StoredStates,
    StoryPage,
    StoryRow,
    group_arcs,
)
from newsweave.store.urls import DEFAULT_URL, ENV_VAR, URL_HELP, resolve_url
from newsweave.store.writing import WriteConflict, Writing


def open_store(url: str) -> Store:
    """The store at `url`, its schema created or upgraded to the newest revision."""
    engine = create_store_engine(url)
    try:
        migrate(engine)
    except StoreError:
        engine.dispose()
        raise
    return Store(engine)


__all__ = [
    "DEFAULT_URL",
    "ENV_VAR",
    "URL_HELP",
    "Arc",
    "ArticleRecord",
    "DatabaseError",
    "Membership",
    "Store",
    "StoreError",
    "StoreFailure",
    "StoredArticle",
    "StoredState",
    "StoredStates",
    "StoryPage",
    "StoryRow",
    "WriteConflict",
    "Writing",
    "create_store_engine",
    "group_arcs",
    "is_connection_lost",
    "open_store",
    "resolve_url",
]
