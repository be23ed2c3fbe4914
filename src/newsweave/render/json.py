"""The `newsweave.brief/1` JSON contract.

This is a public interface: the schema in `newsweave/schema/` pins it and
other tools read it. Keys are written in a fixed order and lists in a
deterministic one, so the same input gives byte-identical output.

`arc` (the stories of the story's affair over months, with their dates) was
added within version 1: documents written before it lack it and stay valid.
`truncated_composition` (what a composition over its bounds left out, see
`compose.bounds`) is written only for a partial brief, also within version 1.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Any

from newsweave.models import HTML, ArcStory, Article, Brief, Citation, Line, Source

SCHEMA_ID = "newsweave.brief/1"
_RAW_CONTROLS = re.compile(r"[\x7f-\x9f]")  # what json.dumps(ensure_ascii=False) leaves unescaped


def brief_document(briefs: Sequence[Brief]) -> dict[str, Any]:
    return {"schema": SCHEMA_ID, "stories": [_story(brief) for brief in briefs]}


def render_json(briefs: Sequence[Brief]) -> str:
    return json_text(brief_document(briefs))


def json_text(document: Any) -> str:
    """`document` as indented JSON, non-ASCII text kept readable and every control character
    escaped: json.dumps escapes C0 itself (ESC is written `\\u001b`); DEL and C1 (U+0080 to
    U+009F, among them a one-byte CSI) are escaped here, so no raw control character reaches a
    terminal that shows the JSON, and parsing it gives back the text as stored."""
    text = json.dumps(document, ensure_ascii=False, indent=2)
    return _RAW_CONTROLS.sub(lambda found: f"\\u{ord(found.group()):04x}", text) + "\n"


def _story(brief: Brief) -> dict[str, Any]:
    return {
        "id": brief.id,
        "headline": brief.headline,
        "sources": [_source(source) for source in brief.sources],
        "summary": [{"text": item.text, "cite": _cites(item.cite)} for item in brief.summary],
        "timeline": [
            {
                "date": item.date,
                "granularity": item.granularity,
                "phrase": item.phrase,
                "text": item.text,
                "background": item.background,
                "cite": _cites(item.cite),
            }
            for item in brief.timeline
        ],
        "entities": [
            {"name": e.name, "type": e.type, "aliases": list(e.aliases), "sources": list(e.sources)}
            for e in brief.entities
        ],
        "consensus": [
            {
                "text": item.text,
                "sources": list(item.sources),
                "independent": item.independent,
                "cite": _cites(item.cite),
            }
            for item in brief.consensus
        ],
        "divergences": [
            {
                "topic": item.topic,
                "kind": item.kind,
                "values": [
                    {"value": v.value, "text": v.text, "sources": list(v.sources), "cite": _cites(v.cite)}
                    for v in item.values
                ],
            }
            for item in brief.divergences
        ],
        "attributions": [
            {"speaker": item.speaker, "text": item.text, "direct": item.direct, "cite": _cites(item.cite)}
            for item in brief.attributions
        ],
        "unique": [
            {"source": item.source, "text": item.text, "cite": _cites(item.cite)} for item in brief.unique
        ],
        "arc": arc_document(brief.arc_id or brief.id, brief.arc_stories()),
        **({"truncated_composition": list(brief.truncated)} if brief.truncated else {}),
    }


def arc_document(arc_id: str, stories: Sequence[ArcStory]) -> dict[str, Any]:
    """A story object's `arc`: the arc's id and every story of it, in date order."""
    return {
        "id": arc_id,
        "stories": [
            {
                "id": story.id,
                "headline": story.headline,
                "first_date": story.first_date,
                "last_date": story.last_date,
            }
            for story in sorted(stories, key=ArcStory.order)
        ],
    }


def _source(source: Source) -> dict[str, Any]:
    article = source.article
    published = article.published
    return {
        "id": source.id,
        "path": article.path,
        "url": source.url or article.url,
        "outlet": article.outlet,
        "title": article.title,
        "byline": article.byline,
        "dateline": article.dateline,
        "language": article.language,
        "published": None
        if published is None
        else {
            "date": published.date,
            "confidence": published.confidence,
            "evidence": list(published.evidence),
        },
        "copy_of": source.copy_of,
        "copy_similarity": source.copy_similarity,
        "flags": [{"kind": flag.kind, "detail": flag.detail} for flag in article.flags],
        **_units(article),
    }


def _units(article: Article) -> dict[str, list[dict[str, Any]]]:
    """`lines` of a text file; `blocks` (with their text) of an HTML page."""
    if article.kind == HTML:
        return {"blocks": [_line(line, with_text=True) for line in article.lines]}
    return {"lines": [_line(line) for line in article.lines]}


def _line(line: Line, with_text: bool = False) -> dict[str, Any]:
    entry: dict[str, Any] = {"n": line.n, "role": line.role}
    if line.reason is not None:
        entry["reason"] = line.reason
    if line.field is not None:
        entry["field"] = line.field
    if line.repaired is not None:
        entry["repaired"] = line.repaired
    if with_text:
        entry["text"] = line.text
    return entry


def _cites(cites: Sequence[Citation]) -> list[dict[str, Any]]:
    return [{"source": c.source, "line": c.line, "text": c.text, "similarity": c.similarity} for c in cites]
