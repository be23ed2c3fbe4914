"""The store's writes, all inside one transaction: `Writing`, handed out by `Store.writing`.

Filing an article (`newsweave.filing`) is one transaction: advance the
filing clock, store the article, open or find its story, count it in, record
its membership and names, write the story's and the arc's new states, drop
the story's stale brief. Filing decides what goes where; `Writing` is how
each of those writes is said in SQL, on the one connection of the
transaction, so a process killed at any point leaves whole, filed articles
only. Keeping a composed brief (`keep_brief`) is one transaction too.

The filing clock is a one-row table every filing transaction advances first
(`tick`): its row lock (the write lock, on SQLite) makes filing transactions
run one at a time, and the value it returns stamps each state written, so a
writer can tell whether another moved a story since it read it.

A row another writer added first (the same article, the same seq) breaks a
unique key; `Store.writing` raises that as `WriteConflict`, and the caller
reads again and retries.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Table, delete, func, insert, select, update

from newsweave.contract import SCHEMA_ID, brief_document
from newsweave.group.state import StoryState, state_to_json
from newsweave.models import Article, Brief, Line, RawDoc
from newsweave.store import tables as t
from newsweave.store.names import record_names
from newsweave.store.reading import stored_lines


class WriteConflict(Exception):
    """Another writer changed what this transaction read, or added a row it was adding."""


class Writing:
    """The writes of one transaction (see the module docstring)."""

    def __init__(self, connection: Connection) -> None:
        self.connection = connection

    def tick(self) -> int:
        """Advance the filing clock; its new value."""
        clock = t.filing_clock
        advance = (
            update(clock).where(clock.c.id == 1).values(value=clock.c.value + 1).returning(clock.c.value)
        )
        return int(self.connection.execute(advance).scalar_one())

    # articles

    def article_seq(self, article_id: str) -> int | None:
        """The input position of a stored article; None when it is not stored."""
        seq = self.connection.scalar(select(t.articles.c.seq).where(t.articles.c.id == article_id))
        return None if seq is None else int(seq)

    def filed_in(self, article_id: str) -> str | None:
        """The story an article is filed in, or None."""
        query = select(t.memberships.c.story_id).where(t.memberships.c.article_id == article_id)
        found = self.connection.scalar(query)
        return None if found is None else str(found)

    def add_article(self, article_id: str, raw: RawDoc, article: Article) -> int | None:
        """Write an article's row and lines; its new seq, or None when it is stored already."""
        connection = self.connection
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

    def record_names(self, article_id: str, names: Iterable[str], replace: bool = False) -> int:
        """The names an article uses (`names.record_names`); how many rows."""
        return record_names(self.connection, article_id, names, replace)

    # stories

    def open_story(self, article_id: str, headline: str) -> str:
        """A new, empty story for an article, after every other; its id, from the article's."""
        connection = self.connection
        story_id, number = f"story-{article_id[:12]}", 2
        while connection.scalar(select(t.stories.c.id).where(t.stories.c.id == story_id)) is not None:
            story_id, number = f"story-{article_id[:12]}-{number}", number + 1
        position = (connection.scalar(select(func.max(t.stories.c.position))) or 0) + 1
        connection.execute(
            insert(t.stories).values(
                id=story_id, position=position, headline=headline, sources=0, independent=0, flags=[]
            )
        )
        return story_id

    def count_in(self, story_id: str, arc_id: str, sources: int, article: Article) -> None:
        """The story's arc, sources, span and flags with `article` counted in. Until its
        brief is composed, every source counts as independent (copies are found when composing)."""
        connection = self.connection
        stories = t.stories.c
        values: dict[str, Any] = {
            "arc_id": arc_id,
            "sources": sources,
            "independent": stories.independent + 1,
        }
        day = article.published.date[:10] if article.published is not None else None
        if day is not None:  # the span shown: every stored date, also those too unsure to file by
            span = connection.execute(
                select(stories.first_date, stories.last_date).where(stories.id == story_id)
            ).one()
            values["first_date"] = min(span.first_date or day, day)
            values["last_date"] = max(span.last_date or day, day)
        if article.flags:  # most articles raise none: then the story's flags stand as they are
            flags = connection.scalar(select(stories.flags).where(stories.id == story_id)) or []
            kinds = Counter({str(kind): int(count) for kind, count in flags})
            kinds.update(flag.kind for flag in article.flags)
            values["flags"] = [[kind, kinds[kind]] for kind in sorted(kinds)]
        connection.execute(update(t.stories).where(stories.id == story_id).values(values))

    def add_member(self, story_id: str, article_id: str, source_id: str) -> None:
        """File an article into a story as its source `source_id`."""
        self.connection.execute(
            insert(t.memberships).values(
                story_id=story_id, article_id=article_id, source_id=source_id, copy_of=None
            )
        )

    def drop_brief(self, story_id: str) -> None:
        """Forget a story's brief (an article joined it: it is composed again when read)."""
        self.connection.execute(delete(t.briefs).where(t.briefs.c.story_id == story_id))

    # grouping states

    def story_version(self, story_id: str) -> int | None:
        """The filing clock value a story's state was last written at; None when it has none."""
        query = select(t.story_states.c.version).where(t.story_states.c.story_id == story_id)
        return _optional_int(self.connection.scalar(query))

    def arc_version(self, arc_id: str) -> int | None:
        """The filing clock value an arc's state was last written at; None when it has none."""
        return _optional_int(
            self.connection.scalar(select(t.arc_states.c.version).where(t.arc_states.c.arc_id == arc_id))
        )

    def put_story_state(self, story_id: str, state: StoryState, version: int, new: bool) -> None:
        """Write a story's state (a `new` one, or over its old one), stamped `version`."""
        self._put_state(t.story_states, "story_id", story_id, state, version, new)

    def put_arc_state(self, arc_id: str, state: StoryState, version: int, new: bool) -> None:
        """Write an arc's state (a `new` one, or over its old one), stamped `version`."""
        self._put_state(t.arc_states, "arc_id", arc_id, state, version, new)

    def _put_state(
        self, table: Table, key: str, key_value: str, state: StoryState, version: int, new: bool
    ) -> None:
        values = {"state": state_to_json(state), "total": state.total.astype("float64").tobytes()}
        if new:
            self.connection.execute(insert(table).values({key: key_value, "version": version, **values}))
        else:
            self.connection.execute(
                update(table).where(table.c[key] == key_value).values(version=version, **values)
            )

    # briefs

    def keep_brief(self, story_id: str, brief: Brief, article_ids: Sequence[str]) -> bool:
        """Store a story's composed brief with the sources, copies, dates, flags and cleaning
        it settled; False (nothing written) when the story gained articles meanwhile."""
        connection = self.connection
        self.tick()  # no article joins the story between the check below and the commit
        count = connection.scalar(
            select(func.count()).select_from(t.memberships).where(t.memberships.c.story_id == story_id)
        )
        position = connection.scalar(select(t.stories.c.position).where(t.stories.c.id == story_id))
        if position is None or count != len(article_ids):
            return False
        connection.execute(
            update(t.stories)
            .where(t.stories.c.id == story_id)
            .values(_story_values(brief, story_id, position))
        )
        current = stored_lines(connection, article_ids)
        for source, article_id in zip(brief.sources, article_ids, strict=True):
            connection.execute(
                update(t.memberships)
                .where(t.memberships.c.story_id == story_id, t.memberships.c.article_id == article_id)
                .values(source_id=source.id, copy_of=source.copy_of)
            )
            _refresh_article(connection, article_id, source.article, current.get(article_id, ()))
        document = brief_document([brief])["stories"][0] | {"id": story_id}
        self.drop_brief(story_id)
        connection.execute(
            insert(t.briefs).values(
                story_id=story_id, schema=SCHEMA_ID, document=json.dumps(document, ensure_ascii=False)
            )
        )
        return True


def _optional_int(value: Any) -> int | None:
    return None if value is None else int(value)


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
