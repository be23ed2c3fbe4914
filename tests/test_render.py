"""Renderers show source text literally."""

from __future__ import annotations

import json
from dataclasses import replace
from importlib.resources import files

import jsonschema

from newsweave.models import (
    Article,
    AttributionItem,
    Brief,
    Citation,
    ConsensusItem,
    Divergence,
    DivergentValue,
    EntitySummary,
    Line,
    Source,
    SummaryItem,
    TimelineItem,
    UniqueItem,
)
from newsweave.render import render
from newsweave.render.markdown import escape

TRICKY = "A [bold]tag[/bold], a *star*, a | pipe and <script>alert(1)</script> stay literal."


def _brief() -> Brief:
    article = Article(path="a|b.txt", encoding="utf-8", lines=(Line(1, TRICKY, "body"),), title="T [red]x")
    cite = (Citation("S1", 1, TRICKY, 1.0),)
    entity = EntitySummary("Moscow", "GPE", ("MOSCOW",), ("S1",))
    source = (Source("S1", article),)
    return Brief("story-1", "Headline [b]", source, (SummaryItem(TRICKY, cite),), (entity,))


def test_text_render_does_not_interpret_markup() -> None:
    text = render([_brief()], "text")
    assert "[bold]tag[/bold]" in text
    assert "Headline [b]" in text


def test_markdown_escapes_source_text() -> None:
    text = render([_brief()], "md")
    assert "<script>" not in text
    assert "\\*star\\*" in text
    assert "a\\|b.txt" in text


def test_escape_collapses_whitespace() -> None:
    assert escape("a\n b\tc") == "a b c"


def test_markdown_lists_entities_with_their_aliases() -> None:
    assert "- **Moscow** (also MOSCOW): GPE, S1" in render([_brief()], "md")


def _full_brief() -> Brief:
    brief = _brief()
    one = (Citation("S1", 1, TRICKY, 1.0),)
    two = (Citation("S1", 1, TRICKY, 1.0), Citation("S2", 4, "Another sentence.", 0.81))
    copy = Source("S2", brief.sources[0].article, copy_of="S1", copy_similarity=0.93)
    return replace(
        brief,
        sources=(*brief.sources, copy),
        timeline=(
            TimelineItem("2024-03-05", "day", TRICKY, two),
            TimelineItem("2011", "year", "An old event.", one, background=True),
        ),
        consensus=(ConsensusItem(TRICKY, ("S1", "S2"), 2, two),),
        divergences=(
            Divergence(
                "departure place",
                "place",
                (
                    DivergentValue("Northtown", "Left from Northtown.", ("S1",), one),
                    DivergentValue("Southport", "Left from Southport.", ("S2",), two[1:]),
                ),
            ),
        ),
        attributions=(AttributionItem("Anna Berg", TRICKY, True, one),),
        unique=(UniqueItem("S1", TRICKY, one),),
    )


def test_json_carries_every_section_and_validates() -> None:
    schema = json.loads((files("newsweave") / "schema" / "brief-1.schema.json").read_text())
    document = json.loads(render([_full_brief()], "json"))
    jsonschema.validate(document, schema)
    story = document["stories"][0]
    assert story["timeline"][1] == {
        "date": "2011",
        "granularity": "year",
        "phrase": "",
        "text": "An old event.",
        "background": True,
        "cite": [{"source": "S1", "line": 1, "text": TRICKY, "similarity": 1.0}],
    }
    assert story["consensus"][0]["independent"] == 2
    assert [v["value"] for v in story["divergences"][0]["values"]] == ["Northtown", "Southport"]
    assert story["attributions"][0]["speaker"] == "Anna Berg"
    assert story["sources"][1]["copy_of"] == "S1"


def test_markdown_and_text_show_every_section_with_cites() -> None:
    for form in ("md", "text"):
        out = render([_full_brief()], form)
        for title in (
            "Timeline",
            "Background and planned",
            "Who said what",
            "Where sources agree",
            "Where sources disagree",
            "Only one source reports",
        ):
            assert title in out, (form, title)
        assert "copy of S1 (0.93)" in out
        assert "Southport" in out
    md = render([_full_brief()], "md")
    assert "- **2024-03-05**: " in md
    assert "S1:1 S2:4" in md
    assert "<script>" not in md
