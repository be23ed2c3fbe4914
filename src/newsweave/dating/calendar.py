"""Calendar facts for dating, computed from the evidence and never from the clock.

Every rule in this package reasons about the same few facts: on which weekday
a month-day falls in a given year, which occurrence of a weekday or of a
month-day a past or a future reference means when read from a candidate
publication day, and how precise an ISO date a set of candidate days allows.
They live here, pure and small, because determinism depends on them: nothing
in this package asks the system for today's date, so the same article gets the
same date, byte for byte, whatever day it is read.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from newsweave.vocabulary import MONTHS, WEEKDAYS

_MONTH_KEYS: dict[str, int] = {name.lower(): number for number, name in enumerate(MONTHS, start=1)}
_MONTH_KEYS.update(
    {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9}
    | {"oct": 10, "nov": 11, "dec": 12}
)
_WEEKDAY_KEYS: dict[str, int] = {name.lower(): number for number, name in enumerate(WEEKDAYS)}

# Every pairing of a month-day with a weekday occurs in any 28 consecutive years
# (between 1901 and 2099). When the evidence names no year at all, candidates are
# drawn from this span only to learn the *shape* of the answer (which month-day,
# which weekday); a year chosen from it is never reported.
NEUTRAL_YEARS = range(2001, 2029)
CYCLE_YEARS = 28


def month_number(token: str) -> int | None:
    """1-12 for a month name or its usual abbreviation ("Sept.", "sep", "SEPTEMBER")."""
    return _MONTH_KEYS.get(token.lower().rstrip("."))


def weekday_number(token: str) -> int | None:
    """0 (Monday) to 6 (Sunday) for a weekday name."""
    return _WEEKDAY_KEYS.get(token.lower())


def make(year: int, month: int, day: int) -> date | None:
    """The date, or None when it does not exist (February 30, day 0)."""
    try:
        return date(year, month, day)
    except ValueError:
        return None


def latest_on_or_before(month: int, day: int, limit: date) -> date | None:
    """The last `month`/`day` on or before `limit`: what a past reference without a year means."""
    for year in range(limit.year, limit.year - 9, -1):
        found = make(year, month, day)
        if found is not None and found <= limit:
            return found
    return None


def earliest_on_or_after(month: int, day: int, limit: date) -> date | None:
    """The first `month`/`day` on or after `limit`: what a future reference without a year means."""
    for year in range(limit.year, limit.year + 9):
        found = make(year, month, day)
        if found is not None and found >= limit:
            return found
    return None


def month_start(year: int, month: int) -> date:
    return date(year, month, 1)


def month_end(year: int, month: int) -> date:
    following = date(year + 1, 1, 1) if month == 12 else date(year, month + 1, 1)
    return following - timedelta(days=1)


def iso_prefix(days: Iterable[date]) -> str | None:
    """The most precise ISO date all `days` share: "2024-03-04", "2024-03", "2024" or None."""
    ordered = sorted(set(days))
    if not ordered:
        return None
    first = ordered[0]
    if len(ordered) == 1:
        return first.isoformat()
    if all((d.year, d.month) == (first.year, first.month) for d in ordered):
        return f"{first.year:04d}-{first.month:02d}"
    if all(d.year == first.year for d in ordered):
        return f"{first.year:04d}"
    return None


def weekday_name(day: date) -> str:
    return WEEKDAYS[day.weekday()]


def month_name(month: int) -> str:
    return MONTHS[month - 1]


def spoken(day: date) -> str:
    """ "Monday, March 4": the shape of a date without its year."""
    return f"{weekday_name(day)}, {month_name(day.month)} {day.day}"


def days_before(gap: int) -> str:
    """How far an event lies before publication, in words."""
    if gap == 0:
        return "the same day"
    return "1 day before" if gap == 1 else f"{gap} days before"
