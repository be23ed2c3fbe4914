"""What the service reads from the store, shaped as it answers it; no web framework here.

The routes (`api.py`, `pages.py`) call these plain functions with the store
they were handed, so a page and its JSON twin read the same thing the same
way, and no route ever calls another. Every query is a `Store` method; this
module only shapes what they return:

- `story_list`: a page of the story list (`GET /api/stories`, the list
  page), filtered by dates and a name and paged by the database
  (`Store.story_page`), with the offset of the next page.
- `source_record`: a stored article as the API shows it: metadata, flags,
  stories, every line with its role, and the text as newsweave reads it.

Ids from URLs are checked here against strict patterns before any lookup.
A story whose brief is not stored is composed in the background on its
first read (`newsweave.service.composing`).
"""

from __future__ import annotations

import re
from typing import Any

from newsweave.errors import NewsweaveError
from newsweave.listing import story_rows_json
from newsweave.models import RawDoc
from newsweave.readers import reload
from newsweave.store import Store

ARTICLE_ID = re.compile(r"[0-9a-f]{64}")
STORY_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}")


def valid_article_id(value: str) -> bool:
    """A sha256 hex digest, nothing else: ids never reach a path or a query unchecked."""
    return ARTICLE_ID.fullmatch(value) is not None


def valid_story_id(value: str) -> bool:
    return STORY_ID.fullmatch(value) is not None


def story_list(
    store: Store,
    limit: int,
    offset: int,
    since: str | None = None,
    until: str | None = None,
    entity: str | None = None,
) -> dict[str, Any]:
    """One page of the stories in grouping order, as `GET /api/stories` answers it.

    `since` and `until` keep the stories whose sources' dates overlap the range
    (dates compare as ISO strings, so "2024" or "2024-05" work as coarse bounds;
    a story without dates never matches a date filter). `entity` keeps those
    whose articles use a name containing it, or whose stored brief has an entity
    name or alias containing it, in any case (`store.names`); a blank one
    filters nothing."""
    page = store.story_page(limit, offset, since, until, entity)
    following = offset + limit if offset + limit < page.total else None
    return {
        "stories": story_rows_json(page.rows),
        "total": page.total,
        "limit": limit,
        "offset": offset,
        "next_offset": following,
    }


def source_record(store: Store, article_id: str) -> dict[str, Any] | None:
    """An article as the API shows it: metadata, flags, stories, lines with roles, raw text."""
    record = store.article(article_id)
    if record is None:
        return None
    published = (
        None
        if record.published_date is None
        else {
            "date": record.published_date,
            "confidence": record.published_confidence,
            "evidence": list(record.published_evidence),
        }
    )
    return {
        "id": record.id,
        "path": record.path,
        "url": record.url,
        "kind": record.kind,
        "encoding": record.encoding,
        "title": record.title,
        "outlet": record.outlet,
        "byline": record.byline,
        "dateline": record.dateline,
        "language": record.language,
        "published": published,
        "flags": [{"kind": kind, "detail": detail} for kind, detail in record.flags],
        "ingested_at": record.ingested_at.isoformat() if record.ingested_at is not None else None,
        "stories": [
            {"story": item.story_id, "source": item.source_id, "copy_of": item.copy_of}
            for item in record.memberships
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
            for line in record.lines
        ],
        "raw_text": _raw_text(record.path, record.raw),
    }


def _raw_text(path: str, data: bytes) -> str | None:
    """The stored bytes as newsweave reads them (text decoded; HTML as its text blocks; a
    record of a container as the article it holds)."""
    try:
        return "\n".join(reload(RawDoc(path, data)).lines)
    except NewsweaveError:
        return None
