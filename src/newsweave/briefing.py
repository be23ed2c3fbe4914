"""A stored story's brief, composed when first asked for and kept until the story changes.

Filing an article (`store.filing`) is cheap; composing a brief (spaCy, MiniLM,
dating, alignment) costs seconds per story. So an ingest of ten thousand
articles composes nothing, and a story's brief is composed from its stored
articles the first time `newsweave brief --story`, the API or a page asks for
it, exactly as `newsweave brief` composes one story from the same files. The
brief is stored with the copies, dates and cleaning it settled; an article
joining the story drops it, and the next request composes it again. Two
requests racing on one story both compose; the first to save wins and the
other's identical work is discarded.
"""

from __future__ import annotations

from typing import Any

from newsweave.config import Config
from newsweave.ingest import reload
from newsweave.models import Story
from newsweave.pipeline import Models, compose, prepare
from newsweave.render.json import brief_document
from newsweave.store import Store
from newsweave.store.filing import save_brief, story_members


def story_document(store: Store, story_id: str, config: Config, models: Models) -> dict[str, Any] | None:
    """The story object (newsweave.brief/1) of `story_id`, composed now if it is not
    stored; None when the store has no such story."""
    stored = store.story_document(story_id)
    if stored is not None:
        return stored
    members = story_members(store, story_id)
    if not members:
        return None
    prepared = prepare([reload(member.raw) for member in members], models)
    brief = compose(prepared, [Story(tuple(range(len(members))))], config)[0]
    save_brief(store, story_id, brief, [member.id for member in members])
    document: dict[str, Any] = brief_document([brief])["stories"][0] | {"id": story_id}
    return document
