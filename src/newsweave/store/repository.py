"""`Store`: every question asked of the store and every write to it, one method each.

Nothing outside `newsweave.store` writes SQL or sees SQLAlchemy: the
commands, filing and the service call these methods and get plain values
back (`rows`). Each method opens what it needs, a connection for a read
(its SELECTs are in `reading`) or a transaction for a write (`writing`):

- `writing()` is one transaction, for filing: an article is stored and filed
  into its story together (`newsweave.filing` says what goes where), so a
  process killed between two articles leaves whole, filed articles only.
  Articles are keyed by the sha256 of their raw bytes, so storing one that
  is already stored is a no-op, and two writers racing on one article both
  end up seeing it stored once (the loser's unique key breaks: a
  `WriteConflict`, and it reads again).
- `keep_brief` keeps a composed brief in one transaction of its own.

A database that fails while the store is open (disk full, locked, connection
dropped) leaves the `with` block as one `StoreFailure` naming the database
(see `engine.store_failure`), not a driver traceback; `failure` makes the
same for a server that must answer a request instead.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Engine
from sqlalchemy.exc import DBAPIError, IntegrityError

from newsweave.models import Brief
from newsweave.store import reading
from newsweave.store import tables as t
from newsweave.store.engine import StoreFailure, store_failure
from newsweave.store.rows import Arc, ArticleRecord, StoredArticle, StoredStates, StoryPage, StoryRow
from newsweave.store.writing import WriteConflict, Writing

log = logging.getLogger("newsweave.store")


class Store:
    """A newsweave store over an engine whose schema is up to date (see `open_store`)."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, _type: object, error: BaseException | None, _traceback: object) -> None:
        self.close()
        failure = self.failure(error)
        if failure is not None:
            raise failure from error

    def failure(self, error: BaseException | None) -> StoreFailure | None:
        """The one-line `StoreFailure` for a database that failed mid-run (full, locked,
        gone); None for any other error, a bug that keeps its traceback."""
        return store_failure(error, self.engine) if isinstance(error, DBAPIError) else None

    # articles

    def known(self, ids: Iterable[str]) -> set[str]:
        """Those of `ids` already stored."""
        with self.engine.connect() as connection:
            return reading.known(connection, list(ids))

    def article_count(self) -> int:
        with self.engine.connect() as connection:
            return reading.count(connection, t.articles)

    def articles(self) -> list[StoredArticle]:
        """Every stored article with its raw bytes, in input order."""
        with self.engine.connect() as connection:
            return reading.articles(connection)

    def unfiled(self, after: int = 0, limit: int | None = None) -> list[StoredArticle]:
        """Stored articles in no story (stored by an earlier version), in input order:
        those after seq `after`, at most `limit` of them."""
        with self.engine.connect() as connection:
            return reading.unfiled(connection, after, limit)

    def incomplete_articles(self) -> list[str]:
        """Ids of articles whose line rows are not all there (empty in a sound store)."""
        with self.engine.connect() as connection:
            return reading.incomplete_articles(connection)

    def article(self, article_id: str) -> ArticleRecord | None:
        """One stored article with its metadata, stories, lines and raw bytes, or None."""
        with self.engine.connect() as connection:
            return reading.article_record(connection, article_id)

    def article_story(self, article_id: str) -> str | None:
        """The story an article is a source of (the first by id), or None before it is filed."""
        with self.engine.connect() as connection:
            return reading.article_story(connection, article_id)

    def line_texts(self, article_ids: Sequence[str]) -> dict[str, dict[int, str]]:
        """Each article's stored line texts by line number."""
        with self.engine.connect() as connection:
            return reading.line_texts(connection, article_ids)

    def neighbour_paths(self, article_id: str) -> list[str]:
        """The stored paths of every article in a story with `article_id`."""
        with self.engine.connect() as connection:
            return reading.neighbour_paths(connection, article_id)

    # stories

    def filed_count(self) -> int:
        """How many stored articles are in a story."""
        with self.engine.connect() as connection:
            return reading.count(connection, t.memberships)

    def story_count(self) -> int:
        with self.engine.connect() as connection:
            return reading.count(connection, t.stories)

    def stories(self) -> list[StoryRow]:
        """Every story, in grouping order."""
        with self.engine.connect() as connection:
            return reading.stories(connection)

    def story_page(
        self,
        limit: int,
        offset: int = 0,
        since: str | None = None,
        until: str | None = None,
        entity: str | None = None,
    ) -> StoryPage:
        """A page of the stories in grouping order, filtered by the dates of their sources
        and by a name they use (see `reading.story_page`), and how many match in all."""
        with self.engine.connect() as connection:
            return reading.story_page(connection, limit, offset, since, until, entity)

    def story(self, story_id: str) -> StoryRow | None:
        """One stored story's row (as `stories` lists it), or None when there is none."""
        with self.engine.connect() as connection:
            return reading.story(connection, story_id)

    def story_members(self, story_id: str) -> list[StoredArticle]:
        """A story's articles with their raw bytes, in input order."""
        with self.engine.connect() as connection:
            return reading.story_members(connection, story_id)

    def source_ids(self, story_id: str) -> dict[str, str]:
        """Source id (S1...) to article id, for one story."""
        with self.engine.connect() as connection:
            return reading.source_ids(connection, story_id)

    def arc(self, arc_id: str) -> Arc | None:
        """The stored stories of arc `arc_id` (the id of its first story), or None."""
        with self.engine.connect() as connection:
            return reading.arc(connection, arc_id)

    def story_arc(self, story_id: str) -> Arc | None:
        """The arc story `story_id` belongs to, or None when there is no such story."""
        with self.engine.connect() as connection:
            return reading.story_arc(connection, story_id)

    def story_document(self, story_id: str) -> dict[str, Any] | None:
        """The stored story object of the newsweave.brief/1 contract, or None. Its `arc`
        is read from the stories as they are now: a story that joined the arc since the
        brief was composed is listed, and a brief stored before arcs existed gains one."""
        with self.engine.connect() as connection:
            return reading.story_document(connection, story_id)

    # filing

    def states(
        self, since: int, dimension: int, story_id: str | None = None, arc_id: str | None = None
    ) -> StoredStates:
        """The arc and story states stamped after filing clock value `since`, and those of
        `story_id` and `arc_id` whatever their stamp, read together."""
        with self.engine.connect() as connection:
            return reading.states(connection, since, dimension, story_id, arc_id)

    @contextmanager
    def writing(self) -> Iterator[Writing]:
        """One transaction: committed when the block ends, rolled back whole when it raises.
        A row another writer added first (a unique key broken) raises `WriteConflict`."""
        try:
            with self.engine.begin() as connection:
                yield Writing(connection)
        except IntegrityError as error:
            raise WriteConflict(str(error.orig)) from error

    def keep_brief(self, story_id: str, brief: Brief, article_ids: Sequence[str]) -> bool:
        """Keep a story's composed brief (`Writing.keep_brief`); False (nothing written)
        when articles joined the story while it was being composed, or the store cannot
        take it now (read-only, say: the brief is still good to show)."""
        try:
            with self.writing() as writing:
                return writing.keep_brief(story_id, brief, article_ids)
        except WriteConflict:
            return False
        except DBAPIError as error:
            log.warning("brief of %s not kept: %s", story_id, " ".join(str(error.orig).split())[:200])
            return False
