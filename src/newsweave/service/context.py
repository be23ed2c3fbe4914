"""What a route is handed: the app's `Service`, and what the ids in its URL name.

`create_app` (`app.py`) builds one `Service` per app and keeps it on the
app; `service_of` is the one provider that hands it to a route, as a FastAPI
dependency (`ServiceDep`). So the routers never import the app that mounts
them, and a test can build as many independent apps as it likes.

An id from a URL is checked against its strict pattern (`queries`) before
anything is looked up, and what it names is found here or answered 404 in
the common error shape (`errors.ApiError`), with a sentence that says where
the valid ids are listed. The page and its JSON twin share these, so both
find the same story and refuse the same ids.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.templating import Jinja2Templates

from newsweave.service.composing import StoryComposer
from newsweave.service.errors import ApiError
from newsweave.service.paths import SourcePaths
from newsweave.service.queries import source_record, valid_article_id, valid_story_id
from newsweave.service.writes import Writer
from newsweave.store import Arc, Store


@dataclass
class Service:
    """What the routes share: the store, the writer, the composer, the templates, and how
    source files are named."""

    store: Store
    writer: Writer
    composer: StoryComposer
    templates: Jinja2Templates
    paths: SourcePaths


async def service_of(request: Request) -> Service:
    """The `Service` of the app serving `request` (async: no thread is taken to hand it over)."""
    service: Service = request.app.state.service
    return service


ServiceDep = Annotated[Service, Depends(service_of)]


def load_story(service: Service, story_id: str) -> dict[str, Any]:
    """The story object (its brief composed now if the story changed since), or a 404
    in the common error shape."""
    if valid_story_id(story_id):
        story = service.composer.story(story_id)
        if story is not None:
            return service.paths.story(story)
    raise ApiError(404, f"no story {story_id!r} in the store; GET /api/stories lists them")


def load_arc(service: Service, arc_id: str) -> Arc:
    if valid_story_id(arc_id):
        arc = service.store.arc(arc_id)
        if arc is not None:
            return arc
    raise ApiError(
        404, f"no arc {arc_id!r} in the store; an arc's id is that of its first story (its brief's arc.id)"
    )


def load_source(service: Service, article_id: str) -> dict[str, Any]:
    if valid_article_id(article_id):
        record = source_record(service.store, article_id)
        if record is not None:
            return service.paths.source(service.store, record)
    raise ApiError(404, f"no source {article_id!r} in the store; source ids are the article's sha256")
