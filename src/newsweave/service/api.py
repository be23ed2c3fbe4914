"""The JSON API: the twin of every page, plus POST /api/articles.

- GET /api/stories: the story list, newest grouping order, paged by the
  database (`limit`, `offset`: see `queries.story_list`) and filtered
  (`since`, `until` on the sources' publication dates, `entity` on the
  names the story's articles use and its brief's entity names and aliases:
  see `store.names`).
- GET /api/stories/{id}: the story object of the `newsweave.brief/1`
  contract, inside the same `{"schema", "stories": [...]}` envelope the CLI
  prints (and nothing else, so it validates against the schema).
- GET /api/stories/{id}/articles: which stored article each source id is,
  the ids that /api/sources/{id} takes.
- GET /api/stories/{id}.md: the brief as Markdown, as `newsweave brief
  --story ID --format md` prints it.
- GET /api/arcs/{id}: one arc (the stories of one affair over months, named
  after its first story): the span of its stories' dates and its stories
  in date order, as `newsweave stories --arcs --format json` lists them.
- GET /api/sources/{article_id}: one stored article: metadata, flags, the
  stories it belongs to, every line with its role, and the decoded text.

Stories and sources name their files by file name, not by the path they were
read from (unless the app shows paths: `paths.SourcePaths`).
- POST /api/articles: store one article, or every record of a JSON Lines
  file, feed or WARC archive (see `writes`).
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, PlainTextResponse

from newsweave.contract import SCHEMA_ID, brief_from_story
from newsweave.listing import arc_record
from newsweave.render import render
from newsweave.service.context import ServiceDep, load_arc, load_source, load_story
from newsweave.service.queries import story_list
from newsweave.service.writes import CONTAINER_TYPES, answer

router = APIRouter(prefix="/api", tags=["api"])

_ERROR = {"description": "the common error shape: {error: {status, message, detail}}"}
_POST_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {
                "schema": {
                    "type": "object",
                    "required": ["text"],
                    "properties": {
                        "text": {"type": "string", "description": "the article, one paragraph a line"},
                        "title": {"type": "string"},
                        "url": {"type": "string"},
                        "published": {"type": "string", "description": "e.g. 2024-05-02"},
                        "outlet": {"type": "string"},
                        "byline": {"type": "string"},
                        "language": {"type": "string", "description": "e.g. en"},
                    },
                }
            },
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["file"],
                    "properties": {"file": {"type": "string", "format": "binary"}},
                }
            },
            **{media: {"schema": {"type": "string", "format": "binary"}} for media in CONTAINER_TYPES},
        },
    }
}


@router.get("/stories", summary="List stories", responses={422: _ERROR})
def list_stories(
    service: ServiceDep,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
    since: Annotated[str | None, Query(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")] = None,
    until: Annotated[str | None, Query(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")] = None,
    entity: Annotated[str | None, Query(max_length=200)] = None,
) -> dict[str, Any]:
    """Stories in grouping order; `since`/`until` keep those whose sources' dates overlap the range."""
    return story_list(service.store, limit, offset, since, until, entity)


@router.get(
    "/stories/{story_id}.md",
    summary="A story's brief as Markdown",
    response_class=PlainTextResponse,
    responses={404: _ERROR},
)
def story_markdown(service: ServiceDep, story_id: str) -> PlainTextResponse:
    story = load_story(service, story_id)
    text = render([brief_from_story(story)], "md", color=False, width=100)
    return PlainTextResponse(text, media_type="text/markdown; charset=utf-8")


@router.get("/stories/{story_id}", summary="A story's brief (newsweave.brief/1)", responses={404: _ERROR})
def story_json(service: ServiceDep, story_id: str) -> dict[str, Any]:
    """The contract document `newsweave brief --story ID --format json` prints, its sources
    named by file name (by path where the app shows paths)."""
    story = load_story(service, story_id)
    return {"schema": SCHEMA_ID, "stories": [story]}


@router.get(
    "/stories/{story_id}/articles", summary="A story's source ids to article ids", responses={404: _ERROR}
)
def story_articles(service: ServiceDep, story_id: str) -> dict[str, Any]:
    """Which stored article each source (S1, S2...) is: the ids /api/sources/{id} takes."""
    story = load_story(service, story_id)
    ids = service.store.source_ids(story["id"])
    return {
        "story": story["id"],
        "article_ids": ids,
        "links": {source: f"/api/sources/{article_id}" for source, article_id in ids.items()},
    }


@router.get("/arcs/{arc_id}", summary="An arc: the stories of one affair", responses={404: _ERROR})
def arc_json(service: ServiceDep, arc_id: str) -> dict[str, Any]:
    """The arc's id (that of its first story), the first and last publication dates of its
    stories, and its stories in date order (undated last) with their sources."""
    return arc_record(load_arc(service, arc_id))


@router.get("/sources/{article_id}", summary="One stored article with its lines", responses={404: _ERROR})
def source_json(service: ServiceDep, article_id: str) -> dict[str, Any]:
    return load_source(service, article_id)


@router.post(
    "/articles",
    summary="Store articles and file each into its story",
    status_code=201,
    openapi_extra=_POST_BODY,
    responses={
        200: {"description": "the article (every record of a container) was already stored"},
        400: _ERROR,
        401: _ERROR,
        403: _ERROR,
        413: _ERROR,
        415: _ERROR,
        422: _ERROR,
    },
)
async def post_article(request: Request, service: ServiceDep) -> JSONResponse:
    """A JSON article `{"text", "title"?, "url"?, "published"?, "outlet"?, "byline"?,
    "language"?}`, a multipart `file` (an article, or a container of many), or a
    container as the body (JSON Lines, RSS/Atom, WARC by media type).

    Needs `Authorization: Bearer <token>`. One article answers 201 with the
    article id (the sha256 of the stored bytes) and its story id, or 200 when
    it was already stored; a container answers with each record's outcome, 201
    when any was new. Each article is filed into the story it best matches (or
    a new one) before answering; the story's brief is composed again when next
    read.
    """
    writer = service.writer
    writer.authorize(request.headers.get("authorization"))
    body = await writer.read_body(request)
    submission = await writer.parse(request, body)
    outcomes = await run_in_threadpool(writer.store_submission, submission)
    return answer(submission, outcomes)
