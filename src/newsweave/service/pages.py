"""Server-rendered pages: the story list, a story, a source. Each links its JSON twin.

The pages are views of the same data the API returns, shaped here into
small dicts so the templates hold no logic beyond loops. Every citation
becomes a link to the cited line on its source page (`/sources/ID#L15`),
where CSS `:target` highlights it among its neighbours. A story page also
links the other stories of its arc (the same affair), with their dates.
Text is never marked safe: Jinja2 escapes everything an article says.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from newsweave.render.common import span_label
from newsweave.service.context import Service, ServiceDep, load_source, load_story
from newsweave.service.errors import ApiError
from newsweave.service.queries import story_list
from newsweave.vocabulary import Role

router = APIRouter(include_in_schema=False)
DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")


@router.get("/", response_class=HTMLResponse)
def story_list_page(
    request: Request,
    service: ServiceDep,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
    since: Annotated[str, Query(max_length=10)] = "",
    until: Annotated[str, Query(max_length=10)] = "",
    entity: Annotated[str, Query(max_length=200)] = "",
) -> HTMLResponse:
    """The list; an empty filter field (as the form sends it) means no filter."""
    for name, value in (("since", since), ("until", until)):
        if value and DATE.fullmatch(value) is None:
            raise ApiError(422, f"{name} must be a date like 2024, 2024-05 or 2024-05-02", {"field": name})
    listing = story_list(service.store, limit, offset, since or None, until or None, entity.strip() or None)
    filters = {"since": since, "until": until, "entity": entity.strip()}
    kept = {key: value for key, value in filters.items() if value}
    context = {
        "title": "Stories",
        "listing": listing,
        "filters": filters,
        "twin": "/api/stories" + (f"?{urlencode(kept)}" if kept else ""),
        "previous": _page_link(kept, max(offset - limit, 0), limit) if offset > 0 else None,
        "next": None if listing["next_offset"] is None else _page_link(kept, listing["next_offset"], limit),
    }
    return _page(request, service, "stories.html", context)


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story_page(request: Request, service: ServiceDep, story_id: str) -> HTMLResponse:
    story = load_story(service, story_id)
    article_ids = service.store.source_ids(story["id"])
    texts = service.store.line_texts(list(article_ids.values()))

    def marks(cites: list[dict[str, Any]]) -> list[dict[str, Any]]:
        return [_marker(cite, article_ids) for cite in cites]

    def items(key: str) -> list[dict[str, Any]]:
        return [item | {"marks": marks(item.get("cite", []))} for item in story[key]]

    divergences = [
        item | {"values": [value | {"marks": marks(value["cite"])} for value in item["values"]]}
        for item in story["divergences"]
    ]
    context = {
        "title": story["headline"],
        "story": story,
        "summary": items("summary"),
        "timeline": items("timeline"),
        "consensus": items("consensus"),
        "divergences": divergences,
        "attributions": items("attributions"),
        "unique": items("unique"),
        "sources": [_source_row(source, article_ids) for source in story["sources"]],
        "removed": _removed_lines(story["sources"], article_ids, texts),
        "affair": _affair(story),
        "twin": f"/api/stories/{story['id']}",
        "markdown": f"/api/stories/{story['id']}.md",
    }
    return _page(request, service, "story.html", context)


def _affair(story: dict[str, Any]) -> dict[str, Any] | None:
    """The other stories of the story's arc, linked to their pages, with their dates;
    None when the story is alone in its arc (or its brief predates arcs)."""
    arc = story.get("arc")
    others = [item for item in (arc or {}).get("stories", []) if item["id"] != story["id"]]
    if arc is None or not others:
        return None
    return {
        "id": arc["id"],
        "twin": f"/api/arcs/{arc['id']}",
        "stories": [
            item
            | {"span": span_label(item["first_date"], item["last_date"]), "href": f"/stories/{item['id']}"}
            for item in others
        ],
    }


@router.get("/sources/{article_id}", response_class=HTMLResponse)
def source_page(request: Request, service: ServiceDep, article_id: str) -> HTMLResponse:
    record = load_source(service, article_id)
    counts = Counter(line["role"] for line in record["lines"])
    context = {
        "title": record["title"] or record["url"] or record["path"],
        "source": record,
        "show_paths": service.paths.show,
        "counts": [(role, counts[role]) for role in Role if counts[role]],
        "twin": f"/api/sources/{record['id']}",
    }
    return _page(request, service, "source.html", context)


def _page_link(filters: dict[str, str], offset: int, limit: int) -> str:
    return "/?" + urlencode(filters | {"offset": str(offset), "limit": str(limit)})


def _page(request: Request, service: Service, template: str, context: dict[str, Any]) -> HTMLResponse:
    return service.templates.TemplateResponse(request, template, context)


def _marker(cite: dict[str, Any], article_ids: dict[str, str]) -> dict[str, Any]:
    article_id = article_ids.get(cite["source"])
    return {
        "label": f"{cite['source']}:{cite['line']}",
        "href": None if article_id is None else f"/sources/{article_id}#L{cite['line']}",
        "text": cite.get("text", ""),
    }


def _source_row(source: dict[str, Any], article_ids: dict[str, str]) -> dict[str, Any]:
    lines = source.get("lines") or source.get("blocks") or []
    roles = Counter(line["role"] for line in lines)
    published = source.get("published")
    article_id = article_ids.get(source["id"])
    return {
        "id": source["id"],
        "name": source.get("outlet") or source.get("title") or source.get("url") or source["path"],
        "title": source.get("title"),
        "published": None if published is None else published["date"],
        "confidence": None if published is None else published["confidence"],
        "copy_of": source.get("copy_of"),
        "flags": source.get("flags", []),
        "roles": (roles[Role.BODY], roles[Role.META], roles[Role.NOISE]),
        "href": None if article_id is None else f"/sources/{article_id}",
    }


def _removed_lines(
    sources: list[dict[str, Any]], article_ids: dict[str, str], texts: dict[str, dict[int, str]]
) -> list[dict[str, Any]]:
    """Every line cleaning took out of the story's text, with its reason, source by source."""
    removed = []
    for source in sources:
        article_id = article_ids.get(source["id"], "")
        known = texts.get(article_id, {})
        for line in source.get("lines") or source.get("blocks") or []:
            repaired = line.get("repaired")
            if line["role"] == Role.BODY and repaired is None:
                continue
            removed.append(
                {
                    "source": source["id"],
                    "n": line["n"],
                    "role": "repaired" if line["role"] == Role.BODY else line["role"],
                    "why": line.get("reason") or line.get("field") or _repair_note(repaired),
                    "text": line.get("text") or known.get(line["n"], ""),
                    "href": f"/sources/{article_id}#L{line['n']}" if article_id else None,
                }
            )
    return removed


def _repair_note(repaired: str | None) -> str:
    return "" if repaired is None else f"now: {repaired}"
