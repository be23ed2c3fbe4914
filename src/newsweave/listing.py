"""What the store commands print: the stories table and a stored brief.

`newsweave stories` shows one row per story (id, headline, sources in total
and independent, the span of its sources' publication dates, flag counts);
`--format json` prints the same rows as a list of objects for scripts.
`newsweave stories --arcs` groups them by arc (the stories of one affair
over months): each arc with the span of all its stories' dates, then its
stories in date order.
`newsweave brief --story ID` prints the stored brief in any format: JSON is
the stored `newsweave.brief/1` object as is; text and Markdown render the
`Brief` read back from it, the same as `newsweave brief PATH...` would.

Headlines and flags come from articles, so the tables show them as plain
`Text` (never rich markup) made terminal-safe (`render.terminal`); the JSON
escapes every control character (`contract.json_text`).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from rich.table import Table
from rich.text import Text

from newsweave.contract import SCHEMA_ID, brief_from_story, json_text
from newsweave.errors import UserError
from newsweave.render import render
from newsweave.render.common import span_label
from newsweave.render.terminal import terminal_safe
from newsweave.store import Arc, StoryRow


class UnknownStoryError(UserError):
    hint = "run `newsweave stories` to list the stored story ids"


def story_span(row: StoryRow | Arc) -> str:
    """`2024-03-01 – 2024-03-04`, one date when both ends agree, `—` without dates."""
    return span_label(row.first_date, row.last_date, undated="—")


def flags_label(row: StoryRow) -> str:
    return ", ".join(kind if count == 1 else f"{kind} ×{count}" for kind, count in row.flags)


def stories_table(rows: Sequence[StoryRow]) -> Table:
    table = Table(title=f"{len(rows)} stories", title_justify="left")
    table.add_column("id", no_wrap=True)
    table.add_column("headline", ratio=3)
    table.add_column("sources", justify="right")
    table.add_column("independent", justify="right")
    table.add_column("published", no_wrap=True)
    table.add_column("flags", ratio=2, overflow="fold")
    for row in rows:
        table.add_row(
            row.id,
            _cell(row.headline),
            str(row.sources),
            str(row.independent),
            story_span(row),
            _cell(flags_label(row)),
        )
    return table


def _cell(text: str) -> Text:
    """A table cell of article text: shown as written, without control characters."""
    return Text(terminal_safe(text))


def story_rows_json(rows: Sequence[StoryRow]) -> list[dict[str, Any]]:
    """Stored stories as JSON objects (the CLI's `stories --format json` and the API's list)."""
    return [
        {
            "id": row.id,
            "headline": row.headline,
            "sources": row.sources,
            "independent": row.independent,
            "first_date": row.first_date,
            "last_date": row.last_date,
            "flags": {kind: count for kind, count in row.flags},
            "arc_id": row.arc_id or row.id,
        }
        for row in rows
    ]


def stories_json(rows: Sequence[StoryRow]) -> str:
    return json_text({"stories": story_rows_json(rows)})


def arcs_table(arcs: Sequence[Arc]) -> Table:
    """Each arc on a bold line (its id, how many stories, their sources and the span of
    all their dates), then its stories in date order, indented."""
    count = sum(len(arc.stories) for arc in arcs)
    table = Table(title=f"{len(arcs)} arcs, {count} stories", title_justify="left")
    table.add_column("arc / story", no_wrap=True)
    table.add_column("headline", ratio=3)
    table.add_column("sources", justify="right")
    table.add_column("independent", justify="right")
    table.add_column("published", no_wrap=True)
    for arc in arcs:
        stories = len(arc.stories)
        table.add_row(
            f"arc {arc.id}",
            f"{stories} {'story' if stories == 1 else 'stories'}",
            str(sum(row.sources for row in arc.stories)),
            str(sum(row.independent for row in arc.stories)),
            story_span(arc),
            style="bold",
        )
        for number, row in enumerate(arc.stories, start=1):
            table.add_row(
                f"  {row.id}",
                _cell(row.headline),
                str(row.sources),
                str(row.independent),
                story_span(row),
                end_section=number == stories,
            )
    return table


def arc_record(arc: Arc) -> dict[str, Any]:
    """A stored arc as JSON (`stories --arcs --format json`, `GET /api/arcs/ID`): its id,
    the span of its stories' dates and its stories in date order."""
    return {
        "id": arc.id,
        "first_date": arc.first_date,
        "last_date": arc.last_date,
        "stories": story_rows_json(arc.stories),
    }


def arcs_json(arcs: Sequence[Arc]) -> str:
    return json_text({"arcs": [arc_record(arc) for arc in arcs]})


def stored_brief(
    story_id: str, story: dict[str, Any] | None, fmt: str, color: bool = False, width: int = 100
) -> str:
    """A stored story's brief rendered in `fmt`; `UnknownStoryError` if there is none."""
    if story is None:
        raise UnknownStoryError(f"no story {story_id!r} in the store")
    if fmt == "json":
        return json_text({"schema": SCHEMA_ID, "stories": [story]})
    return render([brief_from_story(story)], fmt, color=color, width=width)
