"""A brief for the terminal, laid out with rich.

Article text goes through `rich.text.Text`, never through markup, so a
source containing "[bold]" prints as written; and through `_safe` (see
`render.terminal`), so escape sequences and control characters an article
carries never reach the terminal. Color comes only from rich's own styles.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from rich.console import Console, Group, RenderableType
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from newsweave.models import Brief
from newsweave.render.common import (
    Row,
    affair_rows,
    cite_label,
    copy_label,
    line_counts,
    published_label,
    removed_reasons,
    sections,
    source_name,
)
from newsweave.render.terminal import terminal_safe

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
    text = buffer.getvalue()
    return text if color else "".join(line.rstrip() + "\n" for line in text.splitlines())


def _story(brief: Brief, number: int, total: int) -> RenderableType:
    parts: list[RenderableType] = [
        Rule(Text(f"Story {number} of {total}", style="bold")),
        _safe(brief.headline, style="bold cyan"),
        _safe(f"{brief.id} · {len(brief.sources)} sources", style="dim"),
        *([_safe("Partial brief: " + "; ".join(brief.truncated), style="yellow")] if brief.truncated else []),
        Text(""),
        Text("Summary", style="bold underline"),
    ]
    if not brief.summary:
        parts.append(Text("  (no English article text to summarize)", style="dim"))
    summary = Table.grid(padding=(0, 1))
    summary.add_column(justify="right", no_wrap=True)
    summary.add_column()
    for index, item in enumerate(brief.summary, start=1):
        line = _safe(item.text)
        line.append(terminal_safe(f"  [{cite_label(item.cite)}]"), style="green")
        summary.add_row(Text(f"{index}."), line)
    parts += [summary, Text("")]
    for title, rows in sections(brief):
        parts.append(Text(title, style="bold underline"))
        parts += [_grid(rows, "[{}]", "green", max_width=34), Text("")]
    affair = affair_rows(brief)
    if affair:
        parts.append(Text("Same affair", style="bold underline"))
        parts.append(_safe(f"Other stories of arc {brief.arc_id or brief.id}, by date:", style="dim"))
        parts += [_grid(affair, "({})", "dim"), Text("")]
    parts += [_sources(brief), Text("")]
    if brief.entities:
        names = Text("Entities: ", style="bold")
        shown = brief.entities[:TOP_ENTITIES]
        names.append(terminal_safe("; ".join(f"{e.name} ({e.type}, {len(e.sources)} src)" for e in shown)))
        parts.append(names)
    parts.append(Text(""))
    return Group(*parts)


def _sources(brief: Brief) -> RenderableType:
    parts: list[RenderableType] = [Text("Sources", style="bold underline")]
    for source in brief.sources:
        article = source.article
        head = _safe(f"{source.id:>3}  ", style="bold")
        head.append(terminal_safe(source_name(source)))
        copied = copy_label(source)
        if copied:
            head.append(terminal_safe(f"  ({copied})"), style="magenta")
        parts.append(head)
        parts.append(_safe(f"     {article.path}", style="dim"))
        removed = removed_reasons(article)
        detail = f"     published {published_label(source)} · {line_counts(article)}"
        parts.append(_safe(detail + (f" ({removed})" if removed else "")))
        for flag in article.flags:
            parts.append(_safe(f"     ! {flag.kind}: {flag.detail}", style="yellow"))
    return Group(*parts)


def _grid(rows: Sequence[Row], bracket: str, style: str, max_width: int | None = None) -> Table:
    """Labelled rows, each text followed by its `bracket`ed cites in `style`."""
    grid = Table.grid(padding=(0, 1))
    grid.add_column(no_wrap=True, style="bold", max_width=max_width)
    grid.add_column()
    for row in rows:
        line = _safe(row.text)
        line.append(terminal_safe("  " + bracket.format(row.cites)), style=style)
        grid.add_row(_safe(row.label), line)
    return grid


def _safe(content: str, style: str = "") -> Text:
    """Text from a source, as the terminal may show it: see `render.terminal`."""
    return Text(terminal_safe(content), style=style)
