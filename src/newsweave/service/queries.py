"""Lookups the web service needs beyond the `Store` methods, and its story reads.

The brief contract names sources S1, S2... within a story; the service links
them to pages keyed by the article's content hash, which only the store's
`memberships` table knows. A source page also needs an article's stored
metadata and its line rows with roles. These are plain SELECTs over the
store's tables (`newsweave.store.tables`); every write still goes through
`Store`, `newsweave.ingest` and `newsweave.filing` (which keeps a
brief composed on a read).

Stories are filtered by date here, over the listed rows; the entity filter
asks the store which stories a name names (`store.names.stories_naming`: the
names their articles were filed with, or their composed brief's entities),
so a story matches before anyone has opened it.

A story whose brief is not stored is composed in the background on its
first read (`newsweave.service.composing`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from sqlalchemy import select

from newsweave.errors import NewsweaveError
from newsweave.models import RawDoc
from newsweave.readers import reload
from newsweave.store import Store, StoryRow
from newsweave.store import tables as t
from newsweave.store.names import stories_naming

ARTICLE_ID = re.compile(r"[0-9a-f]{64}")
STORY_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}")


def valid_article_id(value: str) -> bool:
    """A sha256 hex digest, nothing else: ids never reach a path or a query unchecked."""
    return ARTICLE_ID.fullmatch(value) is not None


def valid_story_id(value: str) -> bool:
    return STORY_ID.fullmatch(value) is not None


def story_article_ids(store: Store, story_id: str) -> dict[str, str]:
    """Source id (S1...) to article id, for one story."""
    query = select(t.memberships.c.source_id, t.memberships.c.article_id).where(
        t.memberships.c.story_id == story_id
    )
    with store.engine.connect() as connection:
        rows = sorted(connection.execute(query), key=lambda row: int(row.source_id.lstrip("S") or 0))
    return {row.source_id: row.article_id for row in rows}


def article_story(store: Store, article_id: str) -> str | None:
    """The story an article is a source of (the first by id), or None before grouping."""
    query = (
        select(t.memberships.c.story_id)
        .where(t.memberships.c.article_id == article_id)
        .order_by(t.memberships.c.story_id)
        .limit(1)
    )
    with store.engine.connect() as connection:
        found = connection.scalar(query)
    return None if found is None else str(found)


def source_record(store: Store, article_id: str) -> dict[str, Any] | None:
    """An article as the API shows it: metadata, flags, stories, lines with roles, raw text."""
    columns = [column for column in t.articles.c if column.name != "raw"]
    with store.engine.connect() as connection:
        row = connection.execute(select(*columns).where(t.articles.c.id == article_id)).first()
        if row is None:
            return None
        raw = connection.scalar(select(t.articles.c.raw).where(t.articles.c.id == article_id))
        lines = connection.execute(
            select(t.article_lines)
            .where(t.article_lines.c.article_id == article_id)
            .order_by(t.article_lines.c.n)
        ).all()
        memberships = connection.execute(
            select(t.memberships.c.story_id, t.memberships.c.source_id, t.memberships.c.copy_of)
            .where(t.memberships.c.article_id == article_id)
            .order_by(t.memberships.c.story_id)
        ).all()
    published = (
        None
        if row.published_date is None
        else {
            "date": row.published_date,
            "confidence": row.published_confidence,
            "evidence": list(row.published_evidence),
        }
    )
    return {
        "id": row.id,
        "path": row.path,
        "url": row.url,
        "kind": row.kind,
        "encoding": row.encoding,
        "title": row.title,
        "outlet": row.outlet,
        "byline": row.byline,
        "dateline": row.dateline,
        "language": row.language,
        "published": published,
        "flags": [{"kind": kind, "detail": detail} for kind, detail in row.flags],
        "ingested_at": row.ingested_at.isoformat() if row.ingested_at is not None else None,
        "stories": [
            {"story": item.story_id, "source": item.source_id, "copy_of": item.copy_of}
            for item in memberships
        ],
        "lines": [
            {
                "n": line.n,
                "text": line.text,
                "role": line.role,
                "reason": line.reason,
                "field": line.field,
                "repaired": line.repaired,
            }
            for line in lines
        ],
        "raw_text": None if raw is None else _raw_text(row.path, bytes(raw)),
    }


def _raw_text(path: str, data: bytes) -> str | None:
    """The stored bytes as newsweave reads them (text decoded; HTML as its text blocks; a
    record of a container as the article it holds)."""
    try:
        return "\n".join(reload(RawDoc(path, data)).lines)
    except NewsweaveError:
        return None


def filter_stories(
    store: Store,
    rows: Sequence[StoryRow],
    since: str | None = None,
    until: str | None = None,
    entity: str | None = None,
) -> list[StoryRow]:
    """Stories whose sources' dates overlap [since, until] and that name `entity`.

    Dates compare as ISO strings, so "2024" or "2024-05" work as coarse bounds;
    a story without dates never matches a date filter. The entity filter is a
    case-insensitive match on any name its articles use, or any entity name or
    alias of its stored brief (`store.names`); a blank one filters nothing.
    """
    kept = []
    for row in rows:
        if since is not None and (row.last_date is None or row.last_date[: len(since)] < since):
            continue
        if until is not None and (row.first_date is None or row.first_date[: len(until)] > until):
            continue
        kept.append(row)
    if entity is None or not entity.strip():
        return kept
    named = stories_naming(store, entity)
    return [row for row in kept if row.id in named]


def line_texts(store: Store, article_ids: Sequence[str]) -> dict[str, dict[int, str]]:
    """Each article's stored line texts by line number (the brief contract omits them)."""
    wanted = sorted(set(article_ids))
    if not wanted:
        return {}
    query = (
        select(t.article_lines.c.article_id, t.article_lines.c.n, t.article_lines.c.text)
        .where(t.article_lines.c.article_id.in_(wanted))
        .order_by(t.article_lines.c.article_id, t.article_lines.c.n)
    )
    texts: dict[str, dict[int, str]] = {}
    with store.engine.connect() as connection:
        for row in connection.execute(query):
            texts.setdefault(row.article_id, {})[row.n] = row.text
    return texts
