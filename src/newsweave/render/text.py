"""A brief for the terminal, laid out with rich.

Article text goes through `rich.text.Text`, never through markup, so a
source containing "[bold]" or escape codes prints as written.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from rich import box
from rich.console import Console, Group, RenderableType
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from newsweave.models import Brief
from newsweave.render.common import (
    cite_label,
    flag_label,
    line_counts,
    published_label,
    removed_reasons,
    source_name,
)

TOP_ENTITIES = 12


def render_text(briefs: Sequence[Brief], color: bool = False, width: int = 100) -> str:
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=width,
        color_system="standard" if color else None,
        force_terminal=color,
        highlight=False,
        emoji=False,
    )
    for number, brief in enumerate(briefs, start=1):
        console.print(_story(brief, number, len(briefs)))
    return buffer.getvalue()


def _story(brief: Brief, number: int, total: int) -> RenderableType:
    parts: list[RenderableType] = [
        Rule(Text(f"Story {number} of {total}", style="bold")),
        Text(brief.headline, style="bold cyan"),
        Text(f"{brief.id} · {len(brief.sources)} sources", style="dim"),
        Text(""),
        Text("Summary", style="bold underline"),
    ]
    if not brief.summary:
        parts.append(Text("  (no English article text to summarize)", style="dim"))
    for index, item in enumerate(brief.summary, start=1):
        line = Text(f"{index:>2}. ")
        line.append(item.text)
        line.append(f"  [{cite_label(item.cite)}]", style="green")
        parts.append(line)
    parts += [Text(""), _sources(brief)]
    if brief.entities:
        names = Text("Entities: ", style="bold")
        shown = brief.entities[:TOP_ENTITIES]
        names.append("; ".join(f"{e.name} ({e.type}, {len(e.sources)} src)" for e in shown))
        parts.append(names)
    parts.append(Text(""))
    return Group(*parts)


def _sources(brief: Brief) -> Table:
    table = Table(title="Sources", title_justify="left", box=box.SIMPLE_HEAD, expand=True)
    for column in ("id", "source", "published", "lines", "removed", "flags"):
        table.add_column(column, overflow="fold")
    for source in brief.sources:
        table.add_row(
            Text(source.id),
            Text(f"{source_name(source)}\n{source.article.path}"),
            Text(published_label(source)),
            Text(line_counts(source.article)),
            Text(removed_reasons(source.article)),
            Text(flag_label(source)),
        )
    return table
