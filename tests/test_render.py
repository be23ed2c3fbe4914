"""Renderers show source text literally."""

from __future__ import annotations

from newsweave.models import Article, Brief, Citation, EntitySummary, Line, Source, SummaryItem
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
