"""A brief as Markdown, for notes, tickets and wikis.

Markdown is read in terminals (`cat`, pagers) as often as in editors, so the
source text in it is made terminal-safe as for the text brief (see
`render.terminal`): no escape sequence or control character an article
carries is written, only its visible words.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from newsweave.models import Brief
from newsweave.render.common import (
    affair_rows,
    cite_label,
    copy_label,
    flag_label,
    line_counts,
    published_label,
    removed_reasons,
    sections,
    source_name,
)
from newsweave.render.terminal import terminal_safe

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|])")


def escape(text: str) -> str:
    """Source text shown literally: no accidental emphasis, links, HTML or table breaks, and no
    control characters."""
    return _SPECIAL.sub(r"\\\1", " ".join(terminal_safe(text).split()))


def render_markdown(briefs: Sequence[Brief]) -> str:
    return "\n".join(_story(brief) for brief in briefs)


def _story(brief: Brief) -> str:
    out = [f"# {escape(brief.headline)}", "", f"*{brief.id} · {len(brief.sources)} sources*", ""]
    if brief.truncated:
        out += [f"> **Partial brief.** {escape('; '.join(brief.truncated))}", ""]
    out += ["## Summary", ""]
    if not brief.summary:
        out.append("*No English article text to summarize.*")
    for index, item in enumerate(brief.summary, start=1):
        out.append(f"{index}. {escape(item.text)} \\[{cite_label(item.cite)}\\]")
    for title, rows in sections(brief):
        out += ["", f"## {title}", ""]
        out += [f"- **{escape(row.label)}**: {escape(row.text)} \\[{row.cites}\\]" for row in rows]
    affair = affair_rows(brief)
    if affair:
        out += [
            "",
            "## Same affair",
            "",
            f"*Other stories of arc {escape(brief.arc_id or brief.id)}, by date.*",
            "",
        ]
        out += [f"- **{escape(row.label)}**: {escape(row.text)} ({escape(row.cites)})" for row in affair]
    out += ["", "## Sources", ""]
    out += ["| id | source | path | published | copy | lines | removed | flags |", "|---" * 8 + "|"]
    for source in brief.sources:
        cells = [
            source.id,
            source_name(source),
            source.article.path,
            published_label(source),
            copy_label(source),
            line_counts(source.article),
            removed_reasons(source.article),
            flag_label(source),
        ]
        out.append("| " + " | ".join(escape(cell) for cell in cells) + " |")
    if brief.entities:
        out += ["", "## Entities", ""]
        for entity in brief.entities:
            aliases = f" (also {escape(', '.join(entity.aliases))})" if entity.aliases else ""
            sources = " ".join(entity.sources)
            out.append(f"- **{escape(entity.name)}**{aliases}: {entity.type}, {sources}")
    return "\n".join(out) + "\n"
