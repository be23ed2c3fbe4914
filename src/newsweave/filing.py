"""Filing articles into stored stories, and keeping their briefs, one transaction each.

A new article is stored and filed at once: its row and lines, its story
(found by `group.stories.StoryIndex`, or opened for it), its membership, the
names it uses (`store.names`) and the story's new state are written in one
transaction, and the story's brief, now out of date, is dropped in the same
one. A process killed at any point leaves whole, filed articles only.

Filing is cheap; composing a brief (spaCy, MiniLM, dating, alignment) costs
seconds per story. So a story's brief is composed from its stored articles
the first time `newsweave brief --story`, the API or a page asks for it
(`story_document`), exactly as `newsweave brief` composes one story from the
same files, and stored with the copies, dates and cleaning it settled until
an article joins the story. Within the service, readers of one story wait
for a single composition (`service.queries.StoryComposer`); two processes
racing on one story both compose, and each saves what it composed from the
same articles. A brief composed while an article joined is shown but not kept.

Several writers may share a store (an ingest while the service takes posts).
Every filing transaction first advances the one-row `filing_clock`: its row
lock (the write lock, on SQLite) makes filing transactions run one at a
time, and each story state is stamped with the clock value of its last
change, which grows in commit order. Each writer keeps its own `StoryIndex`,
with the clock value of every state it holds; before filing into a story it
checks that the stored stamp is the one it holds, and if another writer
moved the story meanwhile, it reloads that story and every state stamped
since it last read, and files the article again.
"""

from __future__ import annotations

import json
import logging
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from sqlalchemy import Connection, delete, func, insert, or_, select, update
from sqlalchemy.exc import DBAPIError, IntegrityError

from newsweave.analyze import Models
from newsweave.compose.arcs import arc_story, with_arc
from newsweave.compose.bounds import article_share
from newsweave.config import Config
from newsweave.contract import SCHEMA_ID, brief_document
from newsweave.group import ArticleFeatures, StoryIndex
from newsweave.group.state import StoryState, state_from_json, state_to_json
from newsweave.group.stories import Filed
from newsweave.models import Article, Brief, RawDoc, Story
from newsweave.pipeline import compose, prepare
from newsweave.readers import reload
from newsweave.render.common import file_name
from newsweave.store import tables as t
from newsweave.store.engine import StoreFailure, is_connection_lost
from newsweave.store.names import record_names
from newsweave.store.repository import (
    Store,
    StoredArticle,
    _refresh_article,
    _story_values,
    insert_article,
)
from newsweave.store.repository import _stored_lines as stored_lines

log = logging.getLogger("newsweave.store")

HEADLINE_CHARS = 200
_CHUNK = 500
_ATTEMPTS = 5


class _Moved(Exception):
    """Another writer changed the story or arc this article was about to join."""

    def __init__(self, story_id: str | None = None, arc_id: str | None = None) -> None:
        super().__init__(story_id or arc_id)
        self.story_id = story_id
        self.arc_id = arc_id


def load_index(
    store: Store, index: StoryIndex, story_id: str | None = None, arc_id: str | None = None
) -> StoryIndex:
    """`index` brought up to date with every story and arc state stored since it last
    looked (and with `story_id`'s and `arc_id`'s, whatever it saw before)."""
    stories, arcs = t.story_states, t.arc_states
    story_query = (
        select(stories, t.stories.c.arc_id)
        .join(t.stories, t.stories.c.id == stories.c.story_id)
        .where(or_(stories.c.version > index.seen, stories.c.story_id == (story_id or "")))
    )
    arc_query = select(arcs).where(or_(arcs.c.version > index.seen, arcs.c.arc_id == (arc_id or "")))
    seen = index.seen
    with store.engine.connect() as connection:
        for row in connection.execution_options(yield_per=_CHUNK).execute(arc_query):
            index.arcs.put(
                row.arc_id, state_from_json(row.state, bytes(row.total), index.dimension), row.version
            )
            seen = max(seen, int(row.version))
        for row in connection.execution_options(yield_per=_CHUNK).execute(story_query):
            state = state_from_json(row.state, bytes(row.total), index.dimension)
            index.stories.put(row.story_id, state, int(row.version))
            index.arc_of[row.story_id] = row.arc_id or row.story_id
            seen = max(seen, int(row.version))
    index.seen = seen
    return index


def file_article(
    store: Store,
    article_id: str,
    raw: RawDoc,
    article: Article,
    features: ArticleFeatures,
    index: StoryIndex,
    stored: bool = False,
) -> bool:
    """Store `article` (unless `stored`: it is, but was never filed) and file it into
    its story; False when it was stored (and filed) already."""
    conflicts, reconnected = 0, False
    while True:
        try:
            with store.engine.begin() as connection:
                filed = _file(connection, article_id, raw, article, features, index, stored)
            if filed is None:
                return False
            story_id, arc_id, states, version = filed
            index.commit(story_id, arc_id, states, version)
            if version == index.seen + 1:  # no other writer filed in between
                index.seen = version
            return True
        except (_Moved, IntegrityError) as conflict:
            # Another writer changed the story, or stored or filed this article first.
            conflicts += 1
            moved = conflict if isinstance(conflict, _Moved) else _Moved()
            if conflicts == _ATTEMPTS:
                raise StoreFailure(
                    f"article {article_id[:12]}: other writers kept changing its story while it was filed",
                    hint="run the same command again",
                ) from conflict
            load_index(store, index, moved.story_id, moved.arc_id)
        except DBAPIError as error:
            if reconnected or not is_connection_lost(error):
                raise
            reconnected = True


def _file(
    connection: Connection,
    article_id: str,
    raw: RawDoc,
    article: Article,
    features: ArticleFeatures,
    index: StoryIndex,
    stored: bool,
) -> tuple[str, str, Filed, int] | None:
    # The clock first: its row lock (its write lock, on SQLite) serializes filing, so
    # what this transaction reads below cannot change until it commits.
    version = _tick(connection)
    if stored:
        seq = connection.scalar(select(t.articles.c.seq).where(t.articles.c.id == article_id))
        filed = connection.scalar(
            select(t.memberships.c.story_id).where(t.memberships.c.article_id == article_id)
        )
        if seq is None or filed is not None:
            return None
    else:
        seq = insert_article(connection, article_id, raw, article)
        if seq is None:
            return None
    choice = index.choose(features)
    if choice.story_id is not None:
        stored_at = connection.scalar(
            select(t.story_states.c.version).where(t.story_states.c.story_id == choice.story_id)
        )
        if stored_at != index.versions.get(choice.story_id):
            raise _Moved(story_id=choice.story_id)
    story_id = choice.story_id or _new_story(connection, article_id, article)
    arc_id = index.arc_for(choice, story_id)
    arc_known = arc_id in index.arcs.states
    if arc_known:
        stored_at = connection.scalar(select(t.arc_states.c.version).where(t.arc_states.c.arc_id == arc_id))
        if stored_at != index.arcs.versions.get(arc_id):
            raise _Moved(arc_id=arc_id)
    filed = index.joined(choice, story_id, features)
    _update_story(connection, story_id, arc_id, filed.story, article)
    connection.execute(
        insert(t.memberships).values(
            story_id=story_id, article_id=article_id, source_id=f"S{filed.story.size}", copy_of=None
        )
    )
    record_names(connection, article_id, features.names, replace=stored)
    for table, key, key_value, state, known in (
        (t.story_states, "story_id", story_id, filed.story, choice.story_id is not None),
        (t.arc_states, "arc_id", arc_id, filed.arc, arc_known),
    ):
        values = {"state": state_to_json(state), "total": state.total.astype("float64").tobytes()}
        if known:
            connection.execute(
                update(table).where(table.c[key] == key_value).values(version=version, **values)
            )
        else:
            connection.execute(insert(table).values({key: key_value, "version": version, **values}))
    if choice.story_id is not None:
        connection.execute(delete(t.briefs).where(t.briefs.c.story_id == story_id))
    return story_id, arc_id, filed, version


def _tick(connection: Connection) -> int:
    """Advance the filing clock; its new value."""
    clock = t.filing_clock
    advance = update(clock).where(clock.c.id == 1).values(value=clock.c.value + 1).returning(clock.c.value)
    return int(connection.execute(advance).scalar_one())


def _new_story(connection: Connection, article_id: str, article: Article) -> str:
    """Open a story for the article: its id from the article's, its headline the article's title."""
    story_id, number = f"story-{article_id[:12]}", 2
    while connection.scalar(select(t.stories.c.id).where(t.stories.c.id == story_id)) is not None:
        story_id, number = f"story-{article_id[:12]}-{number}", number + 1
    position = (connection.scalar(select(func.max(t.stories.c.position))) or 0) + 1
    body = article.body_lines()
    headline = article.title or (body[0].content if body else file_name(article.path))
    connection.execute(
        insert(t.stories).values(
            id=story_id,
            position=position,
            headline=headline[:HEADLINE_CHARS],
            sources=0,
            independent=0,
            flags=[],
        )
    )
    return story_id


def _update_story(
    connection: Connection, story_id: str, arc_id: str, state: StoryState, article: Article
) -> None:
    """Sources, span, arc and flags of the story with the article counted in. Until its brief
    is composed, every source counts as independent (copies are found when composing)."""
    values: dict[str, Any] = {
        "arc_id": arc_id,
        "sources": state.size,
        "independent": t.stories.c.independent + 1,
    }
    day = article.published.date[:10] if article.published is not None else None
    if day is not None:  # the span shown: every stored date, also those too unsure to file by
        span = connection.execute(
            select(t.stories.c.first_date, t.stories.c.last_date).where(t.stories.c.id == story_id)
        ).one()
        values["first_date"] = min(span.first_date or day, day)
        values["last_date"] = max(span.last_date or day, day)
    if article.flags:  # most articles raise none: then the story's flags stand as they are
        flags = connection.scalar(select(t.stories.c.flags).where(t.stories.c.id == story_id)) or []
        kinds = Counter({str(kind): int(count) for kind, count in flags})
        kinds.update(flag.kind for flag in article.flags)
        values["flags"] = [[kind, kinds[kind]] for kind in sorted(kinds)]
    connection.execute(update(t.stories).where(t.stories.c.id == story_id).values(values))


def unfiled(store: Store, after: int = 0, limit: int | None = None) -> list[StoredArticle]:
    """Stored articles in no story (stored by an earlier version), in input order:
    those after seq `after`, at most `limit` of them."""
    filed = select(t.memberships.c.article_id)
    articles = t.articles.c
    query = select(articles.id, articles.seq, articles.path, articles.raw).where(
        articles.id.not_in(filed), articles.seq > after
    )
    with store.engine.connect() as connection:
        rows = connection.execute(query.order_by(articles.seq).limit(limit)).all()
    return [StoredArticle(row.id, row.seq, RawDoc(row.path, bytes(row.raw))) for row in rows]


def story_members(store: Store, story_id: str) -> list[StoredArticle]:
    """A story's articles with their raw bytes, in input order."""
    query = (
        select(t.articles.c.id, t.articles.c.seq, t.articles.c.path, t.articles.c.raw)
        .join(t.memberships, t.memberships.c.article_id == t.articles.c.id)
        .where(t.memberships.c.story_id == story_id)
        .order_by(t.articles.c.seq)
    )
    with store.engine.connect() as connection:
        rows = connection.execute(query).all()
    return [StoredArticle(row.id, row.seq, RawDoc(row.path, bytes(row.raw))) for row in rows]


def save_brief(store: Store, story_id: str, brief: Brief, article_ids: Sequence[str]) -> bool:
    """Keep a story's composed brief, with the sources, copies, dates and flags it settled;
    False (nothing written) when articles joined the story while it was being composed,
    or the store cannot take it now (read-only, say: the brief is still good to show)."""
    try:
        return _save_brief(store, story_id, brief, article_ids)
    except IntegrityError:
        return False
    except DBAPIError as error:
        log.warning("brief of %s not kept: %s", story_id, " ".join(str(error.orig).split())[:200])
        return False


def _save_brief(store: Store, story_id: str, brief: Brief, article_ids: Sequence[str]) -> bool:
    with store.engine.begin() as connection:
        _tick(connection)  # no article joins the story between the check below and the commit
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
        connection.execute(delete(t.briefs).where(t.briefs.c.story_id == story_id))
        connection.execute(
            insert(t.briefs).values(
                story_id=story_id, schema=SCHEMA_ID, document=json.dumps(document, ensure_ascii=False)
            )
        )
    return True


def story_document(
    store: Store, story_id: str, config: Config, models: Models, keep: bool = True
) -> dict[str, Any] | None:
    """The story object (newsweave.brief/1) of `story_id`, composed now if it is not
    stored; None when the store has no such story. With `keep` off (settings other
    than the store's, say) the brief is composed afresh and not stored. Its `arc`
    lists the stored stories of its arc as they are when it is read."""
    stored = store.story_document(story_id) if keep else None
    if stored is not None:
        return stored
    members = story_members(store, story_id)
    if not members:
        return None
    share = article_share(config.max_article_sentences, config.max_compose_sentences, len(members))
    prepared = prepare([reload(member.raw) for member in members], models, None, share)
    brief = _with_stored_arc(
        store, story_id, compose(prepared, [Story(tuple(range(len(members))))], config)[0]
    )
    if keep:
        save_brief(store, story_id, brief, [member.id for member in members])
    document: dict[str, Any] = brief_document([brief])["stories"][0] | {"id": story_id}
    return document


def _with_stored_arc(store: Store, story_id: str, brief: Brief) -> Brief:
    """The brief of stored story `story_id`, named so, listing the stored stories of its
    arc (itself as just composed: its headline and dates are the brief's)."""
    brief = replace(brief, id=story_id)
    arc = store.story_arc(story_id)
    if arc is None:
        return brief
    others = [row.arc_story() for row in arc.stories if row.id != story_id]
    return with_arc(brief, arc.id, [arc_story(brief), *others])
