"""Relative time phrases ("yesterday", "last month", "two days later") on the calendar.

Why apart from the calendar expressions of `newsweave.dating.mentions`: those
name a date ("September 13", "on Wednesday") and only need a year or a week
chosen; these name a *distance* from some reference day, so the question is
which day they count from. The rule, per phrase:

- "today", "tonight", "yesterday", "tomorrow", "N days/weeks/months/years
  ago", "this/last/next week|month|year", "earlier/later this month": from
  the publication day, the only "now" a reader of the article shares.
- "N days/weeks/months/years later": from `anchor`, the last day an earlier
  part of the article named (a narrative counts forward from its own last
  date, not from the day it was printed). With no anchor it is skipped:
  counted from publication it would land in the future of a past story.
- "N months after <event>" and other distances from an event: skipped, the
  event has no date here.

A phrase keeps only the precision it has: a week becomes the month (or year)
all of its days share, "two months ago" a month, "three years ago" a year.
Nothing here reads the clock.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from newsweave.dating.calendar import iso_prefix
from newsweave.vocabulary import Granularity, Tense

_COUNTS = {
    "a": 1,
    "an": 1,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
}
_COUNT = r"(?P<count>\d{1,3}|" + "|".join(sorted(_COUNTS, key=lambda w: (-len(w), w))) + r")"
_UNIT = r"(?P<unit>day|week|month|year)s?"
_RELATIVE = re.compile(
    r"\b(?:"
    rf"(?P<distance>{_COUNT}\s+{_UNIT}\s+(?P<way>ago|later))"
    r"|(?P<span>(?:(?P<edge>earlier|later|early|late)\s+)?(?P<which>this|last|next)\s+(?P<period>week|month|year))"
    r"|(?P<day>yesterday|today|tonight|tomorrow)"
    r")\b",
    re.IGNORECASE,
)
_DAY_OFFSETS = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}
_MAX_COUNT = 200  # "300 years later" is history, not a distance from the story


@dataclass(frozen=True)
class Relative:
    """A resolved relative phrase at `text[start:end]`.

    `tense` is what the phrase itself says ("ago", "last", "tomorrow"), else
    how its sentence tells it.
    """

    start: int
    end: int
    value: str
    granularity: Granularity
    tense: Tense


TenseOf = Callable[[int, int], Tense]
# A resolved phrase: its ISO value, how precise that is, and the tense the phrase itself tells.
Placed = tuple[str, Granularity, Tense | None]


def find_relative(
    text: str, published: date | None, tense_of: TenseOf, anchor: date | None = None
) -> list[Relative]:
    """Relative phrases of `text` that can be placed; unplaceable ones are left out.

    `tense_of(start, end)` tells how the sentence tells the phrase; it decides
    which side of the publication day "this week" means.
    """
    found: list[Relative] = []
    for match in _RELATIVE.finditer(text):
        told = tense_of(match.start(), match.end())
        resolved = _resolve(match, published, anchor, told)
        if resolved is not None:
            value, granularity, tense = resolved
            found.append(Relative(match.start(), match.end(), value, granularity, tense or told))
    return found


def _resolve(match: re.Match[str], published: date | None, anchor: date | None, told: Tense) -> Placed | None:
    if match.group("day"):
        if published is None:
            return None
        word = match.group("day").lower()
        offset = _DAY_OFFSETS[word]
        tense = Tense.PAST if offset < 0 else Tense.FUTURE if offset > 0 else None
        return (published + timedelta(days=offset)).isoformat(), Granularity.DAY, tense
    if match.group("span"):
        if published is None:
            return None
        which, period = match.group("which").lower(), match.group("period").lower()
        return _span(which, period, match.group("edge"), published, told)
    count = _count(match.group("count"))
    if count is None:
        return None
    unit = match.group("unit").lower()
    if match.group("way").lower() == "ago":
        return None if published is None else _shift(published, -count, unit, Tense.PAST)
    return None if anchor is None else _shift(anchor, count, unit, Tense.PAST)


def _count(token: str) -> int | None:
    count = int(token) if token.isdigit() else _COUNTS.get(token.lower())
    return count if count is not None and 0 < count <= _MAX_COUNT else None


def _shift(origin: date, count: int, unit: str, tense: Tense) -> Placed | None:
    """`origin` moved by `count` units, as precise as the unit."""
    if unit == "day":
        return (origin + timedelta(days=count)).isoformat(), Granularity.DAY, tense
    if unit == "week":
        middle = origin + timedelta(days=7 * count)
        value = iso_prefix(middle + timedelta(days=k) for k in range(-3, 4))
        return None if value is None else (value, Granularity.of(value), tense)
    if unit == "month":
        year, month = _add_months(origin.year, origin.month, count)
        return f"{year:04d}-{month:02d}", Granularity.MONTH, tense
    year = origin.year + count
    return (f"{year:04d}", Granularity.YEAR, tense) if 1 <= year <= 9999 else None


def _span(which: str, period: str, edge: str | None, published: date, told: Tense) -> Placed | None:
    """This/last/next week, month or year, read from the publication day."""
    tense: Tense | None = {"last": Tense.PAST, "next": Tense.FUTURE}.get(which)
    if edge is not None and which == "this":
        tense = Tense.PAST if edge.lower() in ("earlier", "early") else Tense.FUTURE
    step = {"this": 0, "last": -1, "next": 1}[which]
    if period == "year":
        return f"{published.year + step:04d}", Granularity.YEAR, tense
    if period == "month":
        year, month = _add_months(published.year, published.month, step)
        return f"{year:04d}-{month:02d}", Granularity.MONTH, tense
    days = _week(published, step, tense or told)
    value = iso_prefix(days)
    return None if value is None else (value, Granularity.of(value), tense)


def _week(published: date, step: int, tense: Tense) -> list[date]:
    """The days a week phrase covers: last/next calendar week, or this week's side of today."""
    if step == 0:
        if tense in (Tense.PAST, Tense.REPORT):
            return [published - timedelta(days=k) for k in range(7)]
        if tense == Tense.FUTURE:
            return [published + timedelta(days=k) for k in range(7)]
    monday = published - timedelta(days=published.weekday()) + timedelta(days=7 * step)
    return [monday + timedelta(days=k) for k in range(7)]


def _add_months(year: int, month: int, count: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + count
    return index // 12, index % 12 + 1
