"""A stored brief back into a `Brief`, so every renderer can show it.

The store keeps each story's brief as its `newsweave.brief/1` JSON object
(the public contract, so the stored form never drifts from what `brief
--format json` prints). Text and Markdown need a `Brief`; this reads one back
from that object. The contract omits the text of a text file's lines (a
reader has the file); lines rebuilt here carry an empty text and their role,
reason, field and repair, which is all a renderer reads of them. A document
stored before arcs existed has no `arc`: its brief reads back with none.
"""

from __future__ import annotations

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

HTML_UNITS = "blocks"


def brief_from_story(story: dict[str, Any]) -> Brief:
    """The `Brief` a `newsweave.brief/1` story object was rendered from."""
    return Brief(
        id=story["id"],
        headline=story["headline"],
        sources=tuple(_source(item) for item in story["sources"]),
        summary=tuple(SummaryItem(item["text"], _cites(item["cite"])) for item in story["summary"]),
        entities=tuple(
            EntitySummary(item["name"], item["type"], tuple(item["aliases"]), tuple(item["sources"]))
            for item in story["entities"]
        ),
        timeline=tuple(
            TimelineItem(
                item["date"],
                item["granularity"],
                item["text"],
                _cites(item["cite"]),
                bool(item["background"]),
                item.get("phrase", ""),
            )
            for item in story["timeline"]
        ),
        consensus=tuple(
            ConsensusItem(item["text"], tuple(item["sources"]), item["independent"], _cites(item["cite"]))
            for item in story["consensus"]
        ),
        divergences=tuple(
            Divergence(
                item["topic"],
                item["kind"],
                tuple(
                    DivergentValue(v["value"], v["text"], tuple(v["sources"]), _cites(v["cite"]))
                    for v in item["values"]
                ),
            )
            for item in story["divergences"]
        ),
        attributions=tuple(
            AttributionItem(item["speaker"], item["text"], bool(item["direct"]), _cites(item["cite"]))
            for item in story["attributions"]
        ),
        unique=tuple(
            UniqueItem(item["source"], item["text"], _cites(item["cite"])) for item in story["unique"]
        ),
        **_arc(story.get("arc")),
        truncated=tuple(story.get("truncated_composition", ())),
    )


def _arc(arc: dict[str, Any] | None) -> dict[str, Any]:
    """`arc_id` and `arc` of the Brief (none for a document written before arcs)."""
    if arc is None:
        return {}
    stories = tuple(
        ArcStory(item["id"], item["headline"], item.get("first_date"), item.get("last_date"))
        for item in arc["stories"]
    )
    return {"arc_id": arc["id"], "arc": stories}


def _source(item: dict[str, Any]) -> Source:
    published = item["published"]
    html = HTML_UNITS in item
    article = Article(
        path=item["path"],
        encoding="",
        lines=tuple(_line(line) for line in item[HTML_UNITS if html else "lines"]),
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


def _line(item: dict[str, Any]) -> Line:
    return Line(
        n=item["n"],
        text=item.get("text", ""),
        role=item["role"],
        reason=item.get("reason"),
        field=item.get("field"),
        repaired=item.get("repaired"),
    )


def _cites(items: list[dict[str, Any]]) -> tuple[Citation, ...]:
    return tuple(Citation(c["source"], c["line"], c["text"], c["similarity"]) for c in items)
