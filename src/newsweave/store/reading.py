"""The store's SELECTs, one function per question, each on a connection the caller opened.

`Store` opens the connection (or the transaction) and calls these; nothing
above the store writes a query. Every answer is a value of `rows`, never a
database row, and every list comes in a fixed order (input order, grouping
order, date order), so the same store always reads the same.

The story list is filtered, counted and paged by the database (`story_page`),
not read whole and sliced: a page of 50 stories of a store of 100,000 reads
50 rows. Dates filter as ISO strings cut to the length of the bound, compared
byte by byte on every backend (PostgreSQL's "C" collation, SQLite's binary
one), as Python compares them.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from sqlalchemy import ColumnElement, Connection, Row, Select, Table, and_, func, or_, select

from newsweave.contract import arc_document
from newsweave.group.state import state_from_json
from newsweave.models import Line, RawDoc
from newsweave.store import tables as t
from newsweave.store.names import naming
from newsweave.store.rows import (
    Arc,
    ArticleRecord,
    Membership,
    StoredArticle,
    StoredState,
    StoredStates,
    StoryPage,
    StoryRow,
    date_order,
)
from newsweave.vocabulary import MetaField, Reason, Role

CHUNK = 500  # ids per IN list, rows per fetch of a long read
_RAW = (t.articles.c.id, t.articles.c.seq, t.articles.c.path, t.articles.c.raw)


def count(connection: Connection, table: Table) -> int:
    return int(connection.scalar(select(func.count()).select_from(table)) or 0)


# articles


def known(connection: Connection, ids: Sequence[str]) -> set[str]:
    """Those of `ids` stored."""
    wanted = sorted(set(ids))
    found: set[str] = set()
    for start in range(0, len(wanted), CHUNK):
        chunk = wanted[start : start + CHUNK]
        found.update(connection.scalars(select(t.articles.c.id).where(t.articles.c.id.in_(chunk))))
    return found


def articles(connection: Connection, query: Select[Any] | None = None) -> list[StoredArticle]:
    """The articles `query` selects (every one by default) with their raw bytes, in input order."""
    rows = connection.execute((query if query is not None else select(*_RAW)).order_by(t.articles.c.seq))
    return [StoredArticle(row.id, row.seq, RawDoc(row.path, bytes(row.raw))) for row in rows]


def unfiled(connection: Connection, after: int, limit: int | None) -> list[StoredArticle]:
    """Articles in no story, in input order: those after seq `after`, at most `limit`."""
    filed = select(t.memberships.c.article_id)
    query = select(*_RAW).where(t.articles.c.id.not_in(filed), t.articles.c.seq > after)
    return articles(connection, query.limit(limit))


def story_members(connection: Connection, story_id: str) -> list[StoredArticle]:
    """A story's articles with their raw bytes, in input order."""
    query = (
        select(*_RAW)
        .join(t.memberships, t.memberships.c.article_id == t.articles.c.id)
        .where(t.memberships.c.story_id == story_id)
    )
    return articles(connection, query)


def incomplete_articles(connection: Connection) -> list[str]:
    """Ids of articles whose line rows are not all there (none in a sound store)."""
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
    return list(connection.scalars(query))


def stored_lines(connection: Connection, ids: Sequence[str]) -> dict[str, tuple[Line, ...]]:
    """Each article's stored lines, in line order."""
    lines: dict[str, list[Line]] = {}
    for start in range(0, len(ids), CHUNK):
        query = (
            select(t.article_lines)
            .where(t.article_lines.c.article_id.in_(ids[start : start + CHUNK]))
            .order_by(t.article_lines.c.article_id, t.article_lines.c.n)
        )
        for row in connection.execute(query):
            lines.setdefault(row.article_id, []).append(
                Line(
                    row.n,
                    row.text,
                    Role(row.role),
                    None if row.reason is None else Reason(row.reason),
                    None if row.field is None else MetaField(row.field),
                    row.repaired,
                )
            )
    return {key: tuple(value) for key, value in lines.items()}


def line_texts(connection: Connection, ids: Sequence[str]) -> dict[str, dict[int, str]]:
    """Each article's stored line texts by line number."""
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    query = (
        select(t.article_lines.c.article_id, t.article_lines.c.n, t.article_lines.c.text)
        .where(t.article_lines.c.article_id.in_(wanted))
        .order_by(t.article_lines.c.article_id, t.article_lines.c.n)
    )
    texts: dict[str, dict[int, str]] = {}
    for row in connection.execute(query):
        texts.setdefault(row.article_id, {})[row.n] = row.text
    return texts


def article_record(connection: Connection, article_id: str) -> ArticleRecord | None:
    """One article whole (`rows.ArticleRecord`), or None."""
    row = connection.execute(select(t.articles).where(t.articles.c.id == article_id)).first()
    if row is None:
        return None
    lines = stored_lines(connection, [article_id]).get(article_id, ())
    memberships = connection.execute(
        select(t.memberships.c.story_id, t.memberships.c.source_id, t.memberships.c.copy_of)
        .where(t.memberships.c.article_id == article_id)
        .order_by(t.memberships.c.story_id)
    )
    return ArticleRecord(
        id=row.id,
        path=row.path,
        url=row.url,
        kind=row.kind,
        encoding=row.encoding,
        title=row.title,
        outlet=row.outlet,
        byline=row.byline,
        dateline=row.dateline,
        language=row.language,
        published_date=row.published_date,
        published_confidence=row.published_confidence,
        published_evidence=tuple(row.published_evidence),
        flags=tuple((kind, detail) for kind, detail in row.flags),
        ingested_at=row.ingested_at,
        raw=bytes(row.raw),
        memberships=tuple(Membership(item.story_id, item.source_id, item.copy_of) for item in memberships),
        lines=lines,
    )


def source_ids(connection: Connection, story_id: str) -> dict[str, str]:
    """Source id (S1...) to article id, for one story, in source order."""
    query = select(t.memberships.c.source_id, t.memberships.c.article_id).where(
        t.memberships.c.story_id == story_id
    )
    rows = sorted(connection.execute(query), key=lambda row: int(row.source_id.lstrip("S") or 0))
    return {row.source_id: row.article_id for row in rows}


def article_story(connection: Connection, article_id: str) -> str | None:
    """The story an article is a source of (the first by id), or None."""
    query = (
        select(t.memberships.c.story_id)
        .where(t.memberships.c.article_id == article_id)
        .order_by(t.memberships.c.story_id)
        .limit(1)
    )
    found = connection.scalar(query)
    return None if found is None else str(found)


def neighbour_paths(connection: Connection, article_id: str) -> list[str]:
    """The stored paths of every article in a story with `article_id` (itself too)."""
    shared = select(t.memberships.c.story_id).where(t.memberships.c.article_id == article_id)
    query = (
        select(t.articles.c.path)
        .join(t.memberships, t.memberships.c.article_id == t.articles.c.id)
        .where(t.memberships.c.story_id.in_(shared))
        .distinct()
    )
    return [str(path) for path in connection.scalars(query)]


# stories


def story_row(row: Row[Any]) -> StoryRow:
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


_LIST_ORDER = (t.stories.c.position, t.stories.c.id)


def stories(connection: Connection) -> list[StoryRow]:
    """Every story in grouping order."""
    return [story_row(row) for row in connection.execute(select(t.stories).order_by(*_LIST_ORDER))]


def story_page(
    connection: Connection,
    limit: int,
    offset: int,
    since: str | None = None,
    until: str | None = None,
    entity: str | None = None,
) -> StoryPage:
    """The stories whose sources' dates overlap [since, until] and that `entity` names,
    `limit` of them from `offset` in grouping order, and how many there are in all.

    A story without dates never matches a date filter; a blank `entity` filters nothing."""
    kept: list[ColumnElement[bool]] = []
    if since is not None:
        kept.append(_prefix(connection, t.stories.c.last_date, len(since)) >= since)
    if until is not None:
        kept.append(_prefix(connection, t.stories.c.first_date, len(until)) <= until)
    if entity is not None and entity.strip():
        kept.append(naming(connection, entity))
    total = connection.scalar(select(func.count()).select_from(t.stories).where(*kept))
    query = select(t.stories).where(*kept).order_by(*_LIST_ORDER).limit(limit).offset(offset)
    return StoryPage(tuple(story_row(row) for row in connection.execute(query)), int(total or 0))


def _prefix(connection: Connection, column: ColumnElement[Any], length: int) -> ColumnElement[Any]:
    """`column` cut to `length` characters, to compare byte by byte with a bound."""
    prefix = func.substr(column, 1, length)
    return prefix.collate("C") if connection.dialect.name == "postgresql" else prefix


def story(connection: Connection, story_id: str) -> StoryRow | None:
    row = connection.execute(select(t.stories).where(t.stories.c.id == story_id)).first()
    return None if row is None else story_row(row)


def arc(connection: Connection, arc_id: str) -> Arc | None:
    """The stories of arc `arc_id` in date order, or None."""
    columns = t.stories.c
    # arc_id is set whenever a story is filed into; a story without one is its own arc.
    own = and_(columns.arc_id.is_(None), columns.id == arc_id)
    query = select(t.stories).where(or_(columns.arc_id == arc_id, own))
    rows = [story_row(row) for row in connection.execute(query)]
    return Arc(arc_id, date_order(rows)) if rows else None


def story_arc(connection: Connection, story_id: str) -> Arc | None:
    """The arc of story `story_id`, or None when there is no such story."""
    columns = t.stories.c
    arc_id = connection.scalar(
        select(func.coalesce(columns.arc_id, columns.id)).where(columns.id == story_id)
    )
    return None if arc_id is None else arc(connection, str(arc_id))


def story_document(connection: Connection, story_id: str) -> dict[str, Any] | None:
    """The stored brief of a story with its `arc` as the stories are now, or None."""
    text = connection.scalar(select(t.briefs.c.document).where(t.briefs.c.story_id == story_id))
    if text is None:
        return None
    found = story_arc(connection, story_id)
    document: dict[str, Any] = json.loads(text)
    if found is not None:
        document["arc"] = arc_document(found.id, [row.arc_story() for row in found.stories])
    return document


def states(
    connection: Connection, since: int, dimension: int, story_id: str | None, arc_id: str | None
) -> StoredStates:
    """The arc and story states stamped after filing clock value `since`, and those of
    `story_id` and `arc_id` whenever they were stamped."""
    arc_states, story_states = t.arc_states.c, t.story_states.c
    arc_query = select(t.arc_states).where(
        or_(arc_states.version > since, arc_states.arc_id == (arc_id or ""))
    )
    story_query = (
        select(t.story_states, t.stories.c.arc_id)
        .join(t.stories, t.stories.c.id == story_states.story_id)
        .where(or_(story_states.version > since, story_states.story_id == (story_id or "")))
    )
    streamed = connection.execution_options(yield_per=CHUNK)
    found_arcs = tuple(
        StoredState(row.arc_id, state_from_json(row.state, bytes(row.total), dimension), int(row.version))
        for row in streamed.execute(arc_query)
    )
    found_stories = tuple(
        StoredState(
            row.story_id,
            state_from_json(row.state, bytes(row.total), dimension),
            int(row.version),
            row.arc_id or row.story_id,
        )
        for row in streamed.execute(story_query)
    )
    return StoredStates(found_arcs, found_stories)
