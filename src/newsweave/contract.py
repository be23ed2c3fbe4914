"""The `newsweave.brief/1` JSON contract: written from a `Brief`, read back into one.

This is a public interface: the schema in `newsweave/schema/` pins it and
other tools read it. Keys are written in a fixed order and lists in a
deterministic one, so the same input gives byte-identical output.

`arc` (the stories of the story's affair over months, with their dates) was
added within version 1: documents written before it lack it and stay valid.
`truncated_composition` (what a composition over its bounds left out, see
`compose.bounds`) is written only for a partial brief, also within version 1.

The store keeps each story's brief as this JSON object, so the stored form
never drifts from what `brief --format json` prints; text and Markdown need
a `Brief`, which `brief_from_story` reads back. The contract omits the text
of a text file's lines (a reader has the file); lines read back carry an
empty text and their role, reason, field and repair, which is all a renderer
reads of them. A document stored before arcs existed has no `arc`: its brief
reads back with none. Roles and granularities, which the schema closes, read
back as their `newsweave.vocabulary` members; noise reasons, meta fields and
flag kinds, which it leaves open, read back as the strings written.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Any

from newsweave.models import (
    HTML,
    TEXT,
    ArcStory,
    Article,
    AttributionItem,
    Brief,
    Citation,
    ConsensusItem,
    Divergence,
    DivergentValue,
    EntitySummary,
    Flag,
    Line,
    PublishedDate,
    Source,
    SummaryItem,
    TimelineItem,
    UniqueItem,
)
from newsweave.vocabulary import Granularity, Role

SCHEMA_ID = "newsweave.brief/1"
_RAW_CONTROLS = re.compile(r"[\x7f-\x9f]")  # what json.dumps(ensure_ascii=False) leaves unescaped


def brief_document(briefs: Sequence[Brief]) -> dict[str, Any]:
    return {"schema": SCHEMA_ID, "stories": [_story_object(brief) for brief in briefs]}


def render_json(briefs: Sequence[Brief]) -> str:
    return json_text(brief_document(briefs))


def json_text(document: Any) -> str:
    """`document` as indented JSON, non-ASCII text kept readable and every control character
    escaped: json.dumps escapes C0 itself (ESC is written `\\u001b`); DEL and C1 (U+0080 to
    U+009F, among them a one-byte CSI) are escaped here, so no raw control character reaches a
    terminal that shows the JSON, and parsing it gives back the text as stored."""
    text = json.dumps(document, ensure_ascii=False, indent=2)
    return _RAW_CONTROLS.sub(lambda found: f"\\u{ord(found.group()):04x}", text) + "\n"


def _story_object(brief: Brief) -> dict[str, Any]:
    return {
        "id": brief.id,
        "headline": brief.headline,
        "sources": [_source_object(source) for source in brief.sources],
        "summary": [{"text": item.text, "cite": _cited(item.cite)} for item in brief.summary],
        "timeline": [
            {
                "date": item.date,
                "granularity": item.granularity,
                "phrase": item.phrase,
                "text": item.text,
                "background": item.background,
                "cite": _cited(item.cite),
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
                "cite": _cited(item.cite),
            }
            for item in brief.consensus
        ],
        "divergences": [
            {
                "topic": item.topic,
                "kind": item.kind,
                "values": [
                    {"value": v.value, "text": v.text, "sources": list(v.sources), "cite": _cited(v.cite)}
                    for v in item.values
                ],
            }
            for item in brief.divergences
        ],
        "attributions": [
            {"speaker": item.speaker, "text": item.text, "direct": item.direct, "cite": _cited(item.cite)}
            for item in brief.attributions
        ],
        "unique": [
            {"source": item.source, "text": item.text, "cite": _cited(item.cite)} for item in brief.unique
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


def published_object(article: Article) -> dict[str, Any] | None:
    """An article's publication date as the contract writes it: date, confidence, evidence."""
    published = article.published
    if published is None:
        return None
    return {"date": published.date, "confidence": published.confidence, "evidence": list(published.evidence)}


def flag_objects(article: Article) -> list[dict[str, Any]]:
    """An article's flags as the contract writes them."""
    return [{"kind": flag.kind, "detail": flag.detail} for flag in article.flags]


def _source_object(source: Source) -> dict[str, Any]:
    article = source.article
    return {
        "id": source.id,
        "path": article.path,
        "url": source.url or article.url,
        "outlet": article.outlet,
        "title": article.title,
        "byline": article.byline,
        "dateline": article.dateline,
        "language": article.language,
        "published": published_object(article),
        "copy_of": source.copy_of,
        "copy_similarity": source.copy_similarity,
        "flags": flag_objects(article),
        **_units_object(article),
    }


def _units_object(article: Article) -> dict[str, list[dict[str, Any]]]:
    """`lines` of a text file; `blocks` (with their text) of an HTML page."""
    if article.kind == HTML:
        return {"blocks": [_line_object(line, with_text=True) for line in article.lines]}
    return {"lines": [_line_object(line) for line in article.lines]}


def _line_object(line: Line, with_text: bool = False) -> dict[str, Any]:
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


def _cited(cites: Sequence[Citation]) -> list[dict[str, Any]]:
    return [{"source": c.source, "line": c.line, "text": c.text, "similarity": c.similarity} for c in cites]


# Reading a stored document back.

HTML_UNITS = "blocks"


def brief_from_story(story: dict[str, Any]) -> Brief:
    """The `Brief` a `newsweave.brief/1` story object was rendered from."""
    return Brief(
        id=story["id"],
        headline=story["headline"],
        sources=tuple(_read_source(item) for item in story["sources"]),
        summary=tuple(SummaryItem(item["text"], _read_cite(item["cite"])) for item in story["summary"]),
        entities=tuple(
            EntitySummary(item["name"], item["type"], tuple(item["aliases"]), tuple(item["sources"]))
            for item in story["entities"]
        ),
        timeline=tuple(
            TimelineItem(
                item["date"],
                Granularity(item["granularity"]),
                item["text"],
                _read_cite(item["cite"]),
                bool(item["background"]),
                item.get("phrase", ""),
            )
            for item in story["timeline"]
        ),
        consensus=tuple(
            ConsensusItem(item["text"], tuple(item["sources"]), item["independent"], _read_cite(item["cite"]))
            for item in story["consensus"]
        ),
        divergences=tuple(
            Divergence(
                item["topic"],
                item["kind"],
                tuple(
                    DivergentValue(v["value"], v["text"], tuple(v["sources"]), _read_cite(v["cite"]))
                    for v in item["values"]
                ),
            )
            for item in story["divergences"]
        ),
        attributions=tuple(
            AttributionItem(item["speaker"], item["text"], bool(item["direct"]), _read_cite(item["cite"]))
            for item in story["attributions"]
        ),
        unique=tuple(
            UniqueItem(item["source"], item["text"], _read_cite(item["cite"])) for item in story["unique"]
        ),
        **_read_arc(story.get("arc")),
        truncated=tuple(story.get("truncated_composition", ())),
    )


def _read_arc(arc: dict[str, Any] | None) -> dict[str, Any]:
    """`arc_id` and `arc` of the Brief (none for a document written before arcs)."""
    if arc is None:
        return {}
    stories = tuple(
        ArcStory(item["id"], item["headline"], item.get("first_date"), item.get("last_date"))
        for item in arc["stories"]
    )
    return {"arc_id": arc["id"], "arc": stories}


def _read_source(item: dict[str, Any]) -> Source:
    published = item["published"]
    html = HTML_UNITS in item
    article = Article(
        path=item["path"],
        encoding="",
        lines=tuple(_read_line(line) for line in item[HTML_UNITS if html else "lines"]),
        kind=HTML if html else TEXT,
        url=item["url"],
        dateline=item.get("dateline"),
        title=item["title"],
        outlet=item["outlet"],
        byline=item["byline"],
        language=item["language"],
        published=None
        if published is None
        else PublishedDate(published["date"], published["confidence"], tuple(published["evidence"])),
        flags=tuple(Flag(flag["kind"], flag["detail"]) for flag in item["flags"]),
    )
    return Source(
        id=item["id"],
        article=article,
        url=item["url"],
        copy_of=item["copy_of"],
        copy_similarity=item.get("copy_similarity"),
    )


def _read_line(item: dict[str, Any]) -> Line:
    return Line(
        n=item["n"],
        text=item.get("text", ""),
        role=Role(item["role"]),
        reason=item.get("reason"),
        field=item.get("field"),
        repaired=item.get("repaired"),
    )


def _read_cite(items: list[dict[str, Any]]) -> tuple[Citation, ...]:
    return tuple(Citation(c["source"], c["line"], c["text"], c["similarity"]) for c in items)
