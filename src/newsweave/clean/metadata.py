"""Metadata read off the cleaned lines: stated date, language.

The publication date here is only what the article states on a date line,
with that line as evidence and a modest confidence: stated dates on scraped
pages are often republication stamps. Corroboration from the text is a job
for a later, dedicated date module.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from typing import Any

from newsweave.analyze.lazy import Lazy
from newsweave.models import BODY, META, Line, PublishedDate

STATED_DATE_CONFIDENCE = 0.5

_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_ISO = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
_MONTH_FIRST = re.compile(r"\b([A-Za-z]{3,9})\.? (\d{1,2}),? (\d{4})\b")
_DAY_FIRST = re.compile(r"\b(\d{1,2}) ([A-Za-z]{3,9})\.? (\d{4})\b")

_ENGLISH_FUNCTION_WORDS = frozenset(
    re.findall(
        r"\w+",
        "the of and to a in is that for it was on with as by at from his her their this "
        "be are have has had not but which who said were its an or will would after "
        "into over about than then there they them he she we you been also more when "
        "what where while during before up out no so can could should new two one",
    )
)
_WORD = re.compile(r"[a-z]+")
ENGLISH_MIN_SHARE = 0.12
LANGID_MIN_PROBABILITY = 0.9


def parse_date(text: str) -> date | None:
    """The first calendar date written in `text` (ISO or with a month name), if valid."""
    for pattern, order in ((_ISO, "ymd"), (_MONTH_FIRST, "mdy"), (_DAY_FIRST, "dmy")):
        for match in pattern.finditer(text):
            parts = dict(zip(order, match.groups(), strict=True))
            month = _month(parts["m"])
            try:
                return date(int(parts["y"]), month, int(parts["d"])) if month else None
            except ValueError:
                continue
    return None


def _month(token: str) -> int | None:
    return int(token) if token.isdigit() else _MONTHS.get(token.lower())


def stated_date(lines: Sequence[Line]) -> PublishedDate | None:
    """The date stated on the first meta date line that holds a valid date."""
    for line in lines:
        if line.role == META and line.field == "date":
            found = parse_date(line.text)
            if found is not None:
                evidence = f"line {line.n}: stated date {line.text.strip()!r}"
                return PublishedDate(found.isoformat(), STATED_DATE_CONFIDENCE, (evidence,))
    return None


def guess_language(text: str) -> str | None:
    """ISO 639-1 code of the article's language, or None when it cannot be told.

    langid decides; on short texts, where it is unsure, a screen of English
    function words decides whether the text is English. Non-English articles
    are kept and marked, never dropped.
    """
    tokens = _WORD.findall(text.lower())
    if len(tokens) < 5:
        return None
    code, probability = _IDENTIFIER.get().classify(text)
    if probability >= LANGID_MIN_PROBABILITY:
        return str(code)
    share = sum(token in _ENGLISH_FUNCTION_WORDS for token in tokens) / len(tokens)
    return "en" if share >= ENGLISH_MIN_SHARE else None


def _identifier() -> Any:
    from langid.langid import LanguageIdentifier, model

    return LanguageIdentifier.from_modelstring(model, norm_probs=True)


_IDENTIFIER: Lazy[Any] = Lazy(_identifier)


_DATELINE = re.compile(
    r"^([A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,3}(?:, [A-Z][A-Za-z.]+)*)"
    r"\s*(?:\([^)]{1,40}\))?\s*[—–-]{1,2}\s"
)


def dateline(lines: Sequence[Line]) -> str | None:
    """The place in a dateline ("MOSCOW —") opening the first body line; the line stays body."""
    first = next((line for line in lines if line.role == BODY), None)
    match = _DATELINE.match(first.content) if first else None
    return match.group(1) if match else None
