"""Small views of a brief shared by the human-readable renderers."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from newsweave.models import Article, Brief, Citation, Source
from newsweave.vocabulary import Role


@dataclass(frozen=True)
class Row:
    """One line of a brief section: a short label, a source sentence, its cites."""

    label: str
    text: str
    cites: str


def sections(brief: Brief) -> list[tuple[str, list[Row]]]:
    """The cross-source sections of a brief, in reading order, empty ones left out."""
    main = [item for item in brief.timeline if not item.background]
    background = [item for item in brief.timeline if item.background]
    found = [
        ("Timeline", [Row(_when(item.date, item.phrase), item.text, cite_label(item.cite)) for item in main]),
        ("Background and planned", [Row(item.date, item.text, cite_label(item.cite)) for item in background]),
        (
            "Who said what",
            [
                Row(item.speaker + (" (quote)" if item.direct else ""), item.text, cite_label(item.cite))
                for item in brief.attributions
            ],
        ),
        (
            "Where sources agree",
            [
                Row(_backing(len(item.sources), item.independent), item.text, cite_label(item.cite))
                for item in brief.consensus
            ],
        ),
        (
            "Where sources disagree",
            [
                Row(f"{item.topic}: {value.value}", value.text, cite_label(value.cite))
                for item in brief.divergences
                for value in item.values
            ],
        ),
        (
            "Only one source reports",
            [Row(item.source, item.text, cite_label(item.cite)) for item in brief.unique],
        ),
    ]
    return [(title, rows) for title, rows in found if rows]


def _when(date: str, phrase: str) -> str:
    """`2023-05-03 (on Wednesday)`: the date and the words it was read from."""
    return f"{date} ({phrase})" if phrase and phrase != date else date


def _backing(sources: int, independent: int) -> str:
    if sources == independent:
        return f"{sources} sources"
    return f"{sources} sources, {independent} independent"


def cite_label(cites: Sequence[Citation]) -> str:
    """`S2:15 S4:13`: source and line of each citation, origin first."""
    return " ".join(f"{c.source}:{c.line}" for c in cites)


def line_counts(article: Article) -> str:
    """`12 body · 3 meta · 20 removed`."""
    counts = Counter(line.role for line in article.lines)
    return f"{counts[Role.BODY]} body · {counts[Role.META]} meta · {counts[Role.NOISE]} removed"


def removed_reasons(article: Article) -> str:
    """`related-links 28, tags 5`: why lines were removed, most common first."""
    counts = Counter(line.reason for line in article.lines if line.role == Role.NOISE)
    ordered = sorted(counts.items(), key=lambda item: (-item[1], str(item[0])))
    return ", ".join(f"{reason} {count}" for reason, count in ordered)


_WEB = ("http://", "https://")
_SEPARATORS = re.compile(r"[/\\]")


def file_name(path: str) -> str:
    """A source's file name without its folders: `feed.xml#3` for `/srv/in/feed.xml#3`,
    `file.jsonl:1` for `in/file.jsonl:1` (a record keeps its suffix); a URL as it is.

    What a public view shows instead of a path, which would tell where the files are kept.
    A record suffix holding a separator (an SGML DOCNO may) leaves only its last part."""
    if path.lower().startswith(_WEB):
        return path
    head, mark, record = path.rpartition("#")
    if mark and head and record and _SEPARATORS.search(record) is None and not head.endswith(("/", "\\")):
        return _SEPARATORS.split(head)[-1] + mark + record
    return _SEPARATORS.split(path)[-1]


def source_name(source: Source) -> str:
    article = source.article
    return article.outlet or article.title or "—"


def published_label(source: Source) -> str:
    published = source.article.published
    return f"{published.date} (confidence {published.confidence:.2f})" if published else "unknown"


def flag_label(source: Source) -> str:
    return ", ".join(flag.kind for flag in source.article.flags)


def copy_label(source: Source) -> str:
    """`copy of S2 (0.93)`, or empty for an independent source."""
    if source.copy_of is None:
        return ""
    similarity = f" ({source.copy_similarity:.2f})" if source.copy_similarity is not None else ""
    return f"copy of {source.copy_of}{similarity}"


def span_label(first: str | None, last: str | None, undated: str = "undated") -> str:
    """`2024-03-01 – 2024-03-04`, one date when both ends agree, `undated` without dates."""
    if first is None or last is None:
        return first or last or undated
    return first if first == last else f"{first} – {last}"


def affair_rows(brief: Brief) -> list[Row]:
    """The other stories of the brief's arc, in date order: their date spans and headlines
    (the row's `cites` holds the story id). Empty when the story is alone in its arc."""
    return [
        Row(span_label(story.first_date, story.last_date), story.headline, story.id)
        for story in brief.same_affair()
    ]
