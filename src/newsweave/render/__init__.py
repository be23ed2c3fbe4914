"""Rendering briefs: text for terminals, Markdown, and the JSON contract."""

from __future__ import annotations

from collections.abc import Sequence

from newsweave.contract import render_json
from newsweave.models import Brief
from newsweave.render.markdown import render_markdown
from newsweave.render.text import render_text


def render(briefs: Sequence[Brief], fmt: str, color: bool = False, width: int = 100) -> str:
    if fmt == "json":
        return render_json(briefs)
    if fmt == "md":
        return render_markdown(briefs)
    return render_text(briefs, color=color, width=width)


__all__ = ["render", "render_json", "render_markdown", "render_text"]
