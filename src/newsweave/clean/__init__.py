"""Cleaning: decoded lines in, an `Article` with a role for every line out."""

from __future__ import annotations

from collections.abc import Callable

from newsweave.clean.layout import assign_roles
from newsweave.clean.metadata import guess_language, stated_date
from newsweave.models import BODY, META, Article, DecodedDoc, Flag, Line


def clean(doc: DecodedDoc, is_organization: Callable[[str], bool]) -> Article:
    """Give every non-blank line a role and read the article's metadata."""
    lines = assign_roles(doc.lines, is_organization)
    body = " ".join(line.text for line in lines if line.role == BODY)
    flags: list[Flag] = []
    if not body:
        flags.append(Flag("empty_after_cleaning", "no line of article text remained"))
    language = guess_language(body)
    if body and language is None:
        flags.append(Flag("language_unknown", "not recognised as English; kept, not summarised"))
    return Article(
        path=doc.path,
        encoding=doc.encoding,
        lines=lines,
        title=_field(lines, "title"),
        outlet=_field(lines, "outlet"),
        byline=_field(lines, "byline"),
        language=language,
        published=stated_date(lines),
        flags=tuple(flags),
    )


def _field(lines: tuple[Line, ...], name: str) -> str | None:
    for line in lines:
        if line.role == META and line.field == name:
            return line.text.strip()
    return None


__all__ = ["clean"]
