"""Reading and writing the store: one method per thing a command needs.

Every write that must not be seen half done is one transaction:

- `add_article` writes an article's row (raw bytes, metadata, flags) and all
  its line rows together; a process killed between two articles leaves
  whole articles only, and `line_count` lets anyone check that.
- `filing.file_article` stores an article and files it into its story in
  one transaction, and `filing.save_brief` keeps a composed brief.

Articles are keyed by the sha256 of their raw bytes, so adding one that is
already stored is a no-op (two processes racing on the same article both end
up seeing it stored once). `seq` keeps input order across ingests.

A database that fails while the store is open (disk full, locked, connection
dropped) leaves the `with` block as one `StoreFailure` naming the database
(see `engine.store_failure`), not a driver traceback. `add_article` (like
`filing.file_article`) retries its transaction once on a fresh connection
when the server dropped the old one: the failed transaction was rolled back
whole, so the retry cannot double anything.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Engine, Row, Table, and_, delete, func, insert, or_, select, update
from sqlalchemy.exc import DBAPIError, IntegrityError

from newsweave.contract import arc_document
from newsweave.models import ArcStory, Article, Brief, Line, RawDoc
from newsweave.store import tables as t
from newsweave.store.engine import is_connection_lost, store_failure

_CHUNK = 500


@dataclass(frozen=True)
class StoredArticle:
    """An article as stored: its content hash, input position and raw bytes."""

    id: str
    seq: int
    raw: RawDoc


@dataclass(frozen=True)
class StoryRow:
    """One line of `newsweave stories`, with the id of the story's arc."""

    id: str
    headline: str
    first_date: str | None
    last_date: str | None
    sources: int
    independent: int
    flags: tuple[tuple[str, int], ...]
    arc_id: str = ""

    def arc_story(self) -> ArcStory:
        return ArcStory(self.id, self.headline, self.first_date, self.last_date)


@dataclass(frozen=True)
class Arc:
    """The stored stories of one affair over months (a trial, a campaign), in date order;
    its id is that of its first story."""

    id: str
    stories: tuple[StoryRow, ...]

    @property
    def first_date(self) -> str | None:
        dates = [row.first_date for row in self.stories if row.first_date is not None]
        return min(dates) if dates else None

    @property
    def last_date(self) -> str | None:
        dates = [row.last_date for row in self.stories if row.last_date is not None]
        return max(dates) if dates else None


def group_arcs(rows: Sequence[StoryRow]) -> list[Arc]:
    """`rows` grouped by arc: arcs in the order of their first listed story, each
    arc's stories in date order (by first date, undated last, then by id)."""
    members: dict[str, list[StoryRow]] = {}
    for row in rows:
        members.setdefault(row.arc_id or row.id, []).append(row)
    return [Arc(arc_id, _date_order(found)) for arc_id, found in members.items()]


def _date_order(rows: Iterable[StoryRow]) -> tuple[StoryRow, ...]:
    return tuple(sorted(rows, key=lambda row: row.arc_story().order()))


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
        failure = store_failure(error, self.engine) if isinstance(error, DBAPIError) else None
        if failure is not None:
            raise failure from error

    # articles

    def known(self, ids: Iterable[str]) -> set[str]:
        """Those of `ids` already stored."""
        wanted = sorted(set(ids))
        found: set[str] = set()
        with self.engine.connect() as connection:
            for start in range(0, len(wanted), _CHUNK):
                chunk = wanted[start : start + _CHUNK]
                found.update(connection.scalars(select(t.articles.c.id).where(t.articles.c.id.in_(chunk))))
        return found

    def add_article(self, article_id: str, raw: RawDoc, article: Article) -> bool:
        """Store one article and its lines in one transaction; False if it was already stored."""
        conflicts, reconnected = 0, False
        while True:
            try:
                with self.engine.begin() as connection:
                    return insert_article(connection, article_id, raw, article) is not None
            except IntegrityError:
                # Another writer took this seq or stored this article first: look again.
                conflicts += 1
                if conflicts == 3:
                    raise
            except DBAPIError as error:
                # The server dropped the connection: the transaction was rolled back, try it once more.
                if reconnected or not is_connection_lost(error):
                    raise
                reconnected = True

    def _count(self, table: Table) -> int:
        with self.engine.connect() as connection:
            return int(connection.scalar(select(func.count()).select_from(table)) or 0)

    def article_count(self) -> int:
        return self._count(t.articles)

    def articles(self) -> list[StoredArticle]:
        """Every stored article with its raw bytes, in input order."""
        query = select(t.articles.c.id, t.articles.c.seq, t.articles.c.path, t.articles.c.raw)
        with self.engine.connect() as connection:
            rows = connection.execute(query.order_by(t.articles.c.seq)).all()
        return [StoredArticle(row.id, row.seq, RawDoc(row.path, bytes(row.raw))) for row in rows]

    def incomplete_articles(self) -> list[str]:
        """Ids of articles whose line rows are not all there (empty in a sound store)."""
        counts = (
            select(t.article_lines.c.article_id, func.count().label("lines"))
            .group_by(t.article_lines.c.article_id)
            .subquery()
        )
        query = (
            select(t.articles.c.id)
            .outerjoin(counts, counts.c.article_id == t.articles.c.id)
            .where(func.coalesce(counts.c.lines, 0) != t.articles.c.line_count)
            .order_by(t.articles.c.id)
        )
        with self.engine.connect() as connection:
            return list(connection.scalars(query))

    # stories

    def filed_count(self) -> int:
        """How many stored articles are in a story."""
        return self._count(t.memberships)

    def story_count(self) -> int:
        return self._count(t.stories)

    def stories(self) -> list[StoryRow]:
        with self.engine.connect() as connection:
            rows = connection.execute(select(t.stories).order_by(t.stories.c.position, t.stories.c.id)).all()
        return [_story_row(row) for row in rows]

    def story(self, story_id: str) -> StoryRow | None:
        """One stored story's row (as `stories` lists it), or None when there is none."""
        with self.engine.connect() as connection:
            row = connection.execute(select(t.stories).where(t.stories.c.id == story_id)).first()
        return None if row is None else _story_row(row)

    def arc(self, arc_id: str) -> Arc | None:
        """The stored stories of arc `arc_id` (the id of its first story), or None."""
        with self.engine.connect() as connection:
            return _arc(connection, arc_id)

    def story_arc(self, story_id: str) -> Arc | None:
        """The arc story `story_id` belongs to, or None when there is no such story."""
        with self.engine.connect() as connection:
            return _story_arc(connection, story_id)

    def story_document(self, story_id: str) -> dict[str, Any] | None:
        """The stored story object of the newsweave.brief/1 contract, or None. Its `arc`
        is read from the stories as they are now: a story that joined the arc since the
        brief was composed is listed, and a brief stored before arcs existed gains one."""
        with self.engine.connect() as connection:
            text = connection.scalar(select(t.briefs.c.document).where(t.briefs.c.story_id == story_id))
            if text is None:
                return None
            arc = _story_arc(connection, story_id)
        document: dict[str, Any] = json.loads(text)
        if arc is not None:
            document["arc"] = arc_document(arc.id, [row.arc_story() for row in arc.stories])
        return document


def _story_row(row: Row[Any]) -> StoryRow:
    return StoryRow(
        id=row.id,
        headline=row.headline,
        first_date=row.first_date,
        last_date=row.last_date,
        sources=row.sources,
        independent=row.independent,
        flags=tuple((str(kind), int(count)) for kind, count in row.flags),
        arc_id=row.arc_id or row.id,
    )


def _arc(connection: Connection, arc_id: str) -> Arc | None:
    stories = t.stories.c
    # arc_id is set whenever a story is filed into; a story without one is its own arc.
    own = and_(stories.arc_id.is_(None), stories.id == arc_id)
    query = select(t.stories).where(or_(stories.arc_id == arc_id, own))
    rows = [_story_row(row) for row in connection.execute(query)]
    return Arc(arc_id, _date_order(rows)) if rows else None


def _story_arc(connection: Connection, story_id: str) -> Arc | None:
    stories = t.stories.c
    arc_id = connection.scalar(
        select(func.coalesce(stories.arc_id, stories.id)).where(stories.id == story_id)
    )
    return None if arc_id is None else _arc(connection, str(arc_id))


def insert_article(connection: Connection, article_id: str, raw: RawDoc, article: Article) -> int | None:
    """Write an article's row and lines; its new seq, or None when it is stored already."""
    if connection.scalar(select(t.articles.c.id).where(t.articles.c.id == article_id)) is not None:
        return None
    seq = (connection.scalar(select(func.max(t.articles.c.seq))) or 0) + 1
    row = _article_values(article) | {
        "id": article_id,
        "seq": seq,
        "path": raw.path,
        "raw": raw.data,
        "ingested_at": datetime.now(UTC),
    }
    connection.execute(insert(t.articles).values(row))
    _insert_lines(connection, article_id, article.lines)
    return int(seq)


def _article_values(article: Article) -> dict[str, Any]:
    published = article.published
    return {
        "url": article.url,
        "encoding": article.encoding,
        "kind": article.kind,
        "title": article.title,
        "outlet": article.outlet,
        "byline": article.byline,
        "dateline": article.dateline,
        "language": article.language,
        "published_date": None if published is None else published.date,
        "published_confidence": None if published is None else published.confidence,
        "published_evidence": [] if published is None else list(published.evidence),
        "flags": [[flag.kind, flag.detail] for flag in article.flags],
        "line_count": len(article.lines),
    }


def _insert_lines(connection: Connection, article_id: str, lines: Sequence[Line]) -> None:
    if lines:
        connection.execute(
            insert(t.article_lines),
            [
                {
                    "article_id": article_id,
                    "n": line.n,
                    "text": line.text,
                    "role": line.role,
                    "reason": line.reason,
                    "field": line.field,
                    "repaired": line.repaired,
                }
                for line in lines
            ],
        )


def _stored_lines(connection: Connection, ids: Sequence[str]) -> dict[str, tuple[Line, ...]]:
    lines: dict[str, list[Line]] = {}
    for start in range(0, len(ids), _CHUNK):
        query = (
            select(t.article_lines)
            .where(t.article_lines.c.article_id.in_(ids[start : start + _CHUNK]))
            .order_by(t.article_lines.c.article_id, t.article_lines.c.n)
        )
        for row in connection.execute(query):
            lines.setdefault(row.article_id, []).append(
                Line(row.n, row.text, row.role, row.reason, row.field, row.repaired)
            )
    return {key: tuple(value) for key, value in lines.items()}


def _refresh_article(
    connection: Connection, article_id: str, article: Article, stored: tuple[Line, ...]
) -> None:
    """The article row as the briefs see it; its lines rewritten only where cleaning changed."""
    connection.execute(
        update(t.articles).where(t.articles.c.id == article_id).values(_article_values(article))
    )
    if tuple(article.lines) != stored:
        connection.execute(delete(t.article_lines).where(t.article_lines.c.article_id == article_id))
        _insert_lines(connection, article_id, article.lines)


def _story_values(brief: Brief, story_id: str, position: int) -> dict[str, Any]:
    first_date, last_date = brief.span()
    kinds = Counter(flag.kind for source in brief.sources for flag in source.article.flags)
    return {
        "id": story_id,
        "position": position,
        "headline": brief.headline,
        "first_date": first_date,
        "last_date": last_date,
        "sources": len(brief.sources),
        "independent": sum(1 for source in brief.sources if source.copy_of is None),
        "flags": [[kind, kinds[kind]] for kind in sorted(kinds)],
    }
