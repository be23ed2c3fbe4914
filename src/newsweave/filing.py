"""Filing articles into stored stories, and keeping their briefs, one transaction each.

A new article is stored and filed at once: its row and lines, its story
(found by `group.stories.StoryIndex`, or opened for it), its membership, the
names it uses (`store.names`) and the story's new state are written in one
transaction, and the story's brief, now out of date, is dropped in the same
one. A process killed at any point leaves whole, filed articles only. This
module decides what goes where; the store says it in SQL (`Store.writing`,
one transaction, whose writes are `store.writing.Writing`'s).

Filing is cheap; composing a brief (spaCy, MiniLM, dating, alignment) costs
seconds per story. So a story's brief is composed from its stored articles
the first time `newsweave brief --story`, the API or a page asks for it
(`story_document`), exactly as `newsweave brief` composes one story from the
same files, and stored with the copies, dates and cleaning it settled until
an article joins the story. Within the service, readers of one story wait
for a single composition (`service.composing.StoryComposer`); two processes
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

from dataclasses import replace
from typing import Any

from newsweave.analyze import Models
from newsweave.compose.arcs import arc_story, with_arc
from newsweave.compose.bounds import article_share
from newsweave.config import Config
from newsweave.contract import brief_document
from newsweave.group import ArticleFeatures, StoryIndex
from newsweave.group.stories import Filed
from newsweave.models import Article, Brief, RawDoc, Story
from newsweave.pipeline import compose, prepare
from newsweave.readers import reload
from newsweave.render.common import file_name
from newsweave.store import (
    DatabaseError,
    Store,
    StoreFailure,
    WriteConflict,
    Writing,
    is_connection_lost,
)

HEADLINE_CHARS = 200
_ATTEMPTS = 5


class _Moved(WriteConflict):
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
    changed = store.states(index.seen, index.dimension, story_id, arc_id)
    seen = index.seen
    for stored in changed.arcs:
        index.arcs.put(stored.id, stored.state, stored.version)
        seen = max(seen, stored.version)
    for stored in changed.stories:
        index.stories.put(stored.id, stored.state, stored.version)
        index.arc_of[stored.id] = stored.arc_id
        seen = max(seen, stored.version)
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
            with store.writing() as writing:
                filed = _file(writing, article_id, raw, article, features, index, stored)
            if filed is None:
                return False
            story_id, arc_id, states, version = filed
            index.commit(story_id, arc_id, states, version)
            if version == index.seen + 1:  # no other writer filed in between
                index.seen = version
            return True
        except WriteConflict as conflict:
            # Another writer changed the story, or stored or filed this article first.
            conflicts += 1
            moved = conflict if isinstance(conflict, _Moved) else _Moved()
            if conflicts == _ATTEMPTS:
                raise StoreFailure(
                    f"article {article_id[:12]}: other writers kept changing its story while it was filed",
                    hint="run the same command again",
                ) from conflict
            load_index(store, index, moved.story_id, moved.arc_id)
        except DatabaseError as error:
            # The server dropped the connection: the transaction was rolled back, try it once more.
            if reconnected or not is_connection_lost(error):
                raise
            reconnected = True


def _file(
    writing: Writing,
    article_id: str,
    raw: RawDoc,
    article: Article,
    features: ArticleFeatures,
    index: StoryIndex,
    stored: bool,
) -> tuple[str, str, Filed, int] | None:
    # The clock first: its row lock (its write lock, on SQLite) serializes filing, so
    # what this transaction reads below cannot change until it commits.
    version = writing.tick()
    if stored:
        if writing.article_seq(article_id) is None or writing.filed_in(article_id) is not None:
            return None
    elif writing.add_article(article_id, raw, article) is None:
        return None
    choice = index.choose(features)
    if choice.story_id is not None and writing.story_version(choice.story_id) != index.versions.get(
        choice.story_id
    ):
        raise _Moved(story_id=choice.story_id)
    story_id = choice.story_id or writing.open_story(article_id, _headline(article))
    arc_id = index.arc_for(choice, story_id)
    arc_known = arc_id in index.arcs.states
    if arc_known and writing.arc_version(arc_id) != index.arcs.versions.get(arc_id):
        raise _Moved(arc_id=arc_id)
    filed = index.joined(choice, story_id, features)
    writing.count_in(story_id, arc_id, filed.story.size, article)
    writing.add_member(story_id, article_id, f"S{filed.story.size}")
    writing.record_names(article_id, features.names, replace=stored)
    writing.put_story_state(story_id, filed.story, version, new=choice.story_id is None)
    writing.put_arc_state(arc_id, filed.arc, version, new=not arc_known)
    if choice.story_id is not None:
        writing.drop_brief(story_id)
    return story_id, arc_id, filed, version


def _headline(article: Article) -> str:
    """A new story's headline: the article's title, else its first body line, else its file name."""
    body = article.body_lines()
    headline = article.title or (body[0].content if body else file_name(article.path))
    return headline[:HEADLINE_CHARS]


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
    members = store.story_members(story_id)
    if not members:
        return None
    share = article_share(config.max_article_sentences, config.max_compose_sentences, len(members))
    prepared = prepare([reload(member.raw) for member in members], models, None, share)
    brief = _with_stored_arc(
        store, story_id, compose(prepared, [Story(tuple(range(len(members))))], config)[0]
    )
    if keep:
        store.keep_brief(story_id, brief, [member.id for member in members])
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
