"""Renderers show source text literally."""

from __future__ import annotations

from newsweave.models import Article, Brief, Citation, Line, Source, SummaryItem
from newsweave.render import render
from newsweave.render.markdown import escape

TRICKY = "A [bold]tag[/bold], a *star*, a | pipe and <script>alert(1)</script> stay literal."


def _brief() -> Brief:
    article = Article(path="a|b.txt", encoding="utf-8", lines=(Line(1, TRICKY, "body"),), title="T [red]x")
    cite = (Citation("S1", 1, TRICKY, 1.0),)
    return Brief("story-1", "Headline [b]", (Source("S1", article),), (SummaryItem(TRICKY, cite),))


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
