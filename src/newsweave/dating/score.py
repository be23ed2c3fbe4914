"""Score candidate publication days against the cues of an article.

Why penalties rather than rules that fire in turn: date evidence is partial
and sometimes wrong, and the cues only make sense together. "Reported on
Monday" fits every Monday; "left on March 3" fits every day after some
March 3; together they fit the Mondays that follow a March 3
closely, and a year in which March 3 is a Sunday fits best. So every cue
prices every candidate day — 0 when the day fits, a little for a day that is
possible but less likely (news a few days after the event, a wire advance
filed up to three weeks before its release note's day), `VIOLATION` for a
day the cue rules out (a past event dated after publication, a weekday that
does not fall on the month-day it is attached to) — and the candidates with
the lowest total win. Prices are integers (hundredths), so sums and ties are
exact and the outcome is the same on every machine.

Candidates are only the days a dated cue makes plausible (an event's day and
the week after it, or the days around the story's events), for every year
the year evidence allows; weekdays alone generate none, because a weekday
fits some day of every week.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, timedelta

from newsweave.dating.calendar import (
    earliest_on_or_after,
    latest_on_or_before,
    make,
    month_end,
)
from newsweave.dating.cues import ANCHOR, COPYRIGHT, DATELINE, RELEASE, STATED_DAY, Cue
from newsweave.dating.mentions import DATE, MONTH, MONTH_YEAR, WEEKDAY, YEAR
from newsweave.dating.tense import TOLD
from newsweave.vocabulary import Tense

# Every candidate day is priced against every cue: the tenses are bound once here, as
# looking a member up on its enum class goes through `EnumType.__getattr__` (Python 3.11).
_FUTURE, _REPORT, _UNKNOWN = Tense.FUTURE, Tense.REPORT, Tense.UNKNOWN

VIOLATION = 300  # the cue rules the day out
NEAR = 30  # days within this of the best are equally good answers
MISMATCH = 200  # a declared date this much worse than the content's best contradicts it
GAP_PER_DAY = 20  # news is told soon after the event ...
GAP_CAP = 150  # ... but background events may be old
# What the lead's weekday costs by its distance back from the publication day:
# the same day is the rule, a day or two later happens; six back is more likely
# the *next* day seen across a time zone (an evening stamp before an event
# "early Tuesday") than a week-old lead, so it is doubted but not ruled out.
LEAD_GAP = (0, 80, 150, VIOLATION, VIOLATION, VIOLATION, 150)
REPORT_PER_DAY = 5  # "said on Monday" outside the lead: a mild preference for recent
MONTH_SOFT = 80  # "in July" told as past: July of the same year, usually
FUTURE_BOUND = 100  # "will ... in 2026": written before the end of 2026
COPYRIGHT_OVER = 50  # a copyright year is a weak upper bound
# A release note's day is the publication day; a wire files an advance some
# days before it (allowed, not preferred), never more than three weeks before;
# a page dated after it is a late copy, and more than ten days after, a stamp
# the note rules out.
RELEASE_EARLY = 40
RELEASE_PER_DAY = 5
RELEASE_AHEAD = 21
RELEASE_LATE = 100
# A weekday-bound month-day told as past up to two days after the dated day is
# the same week across a time zone or a next-day edition ("argued in a
# column on Friday, May 14" on a wire dated the 13th), not last year,
# whose weekday would not fit: doubted, not ruled out.
AHEAD_DAYS = 2
AHEAD_PER_DAY = 60
CANDIDATE_DAYS = 8  # an event's day and the week after it
ANCHOR_SPAN = 7  # days around a story anchor


def dated_event(cue: Cue, day: date) -> tuple[date | None, int]:
    """The event a DATE cue means when read on `day`, and the price of that reading."""
    best: tuple[date | None, int] = (None, 0)
    for month, dom in cue.readings:
        for event, price in _readings(cue, month, dom, day):
            if cue.weekday is not None and event.weekday() != cue.weekday:
                price += VIOLATION
            if best[0] is None or price < best[1]:
                best = (event, price)
    return best


def _readings(cue: Cue, month: int, dom: int, day: date) -> list[tuple[date, int]]:
    """Each day a month-day can mean when read on `day`, priced by how it is told."""
    events: list[date | None]
    if cue.year is not None:
        events = [make(cue.year, month, dom)]
    elif cue.tense == _FUTURE:
        events = [earliest_on_or_after(month, dom, day)]
    elif cue.modifier == RELEASE:
        events = [earliest_on_or_after(month, dom, day), latest_on_or_before(month, dom, day)]
    else:
        events = [latest_on_or_before(month, dom, day)]
        if cue.weekday is not None:
            events.append(earliest_on_or_after(month, dom, day))
    return [(event, _event_price(cue, event, day)) for event in events if event is not None]


def _event_price(cue: Cue, event: date, day: date) -> int:
    gap = (day - event).days
    if cue.tense == _FUTURE:
        return 0 if gap < 0 else (50 if gap == 0 else VIOLATION)
    if cue.modifier == RELEASE and gap < 0:
        return RELEASE_EARLY + RELEASE_PER_DAY * -gap if -gap <= RELEASE_AHEAD else VIOLATION
    if cue.modifier == RELEASE and gap > 0:
        return min(RELEASE_LATE + GAP_PER_DAY * gap, VIOLATION)
    if gap < 0 and cue.weekday is not None and cue.year is None and -gap <= AHEAD_DAYS:
        return AHEAD_PER_DAY * -gap
    return VIOLATION if gap < 0 else min(GAP_PER_DAY * gap, GAP_CAP)


def weekday_gap(cue: Cue, day: date) -> int:
    """Days from the weekday a past reference means back to `day` (0 when it is `day`)."""
    assert cue.weekday is not None
    gap = (day.weekday() - cue.weekday) % 7
    return 7 if gap == 0 and cue.modifier == "last" else gap


def cue_price(cue: Cue, day: date) -> int:
    """What one cue charges for `day` (the lead and the story are priced separately)."""
    if cue.tense == _UNKNOWN:
        return 0  # a bare year or month neither told as past nor as ahead bounds nothing
    if cue.kind == DATE:
        return dated_event(cue, day)[1]
    if cue.kind == WEEKDAY:
        return _weekday_price(cue, day)
    if cue.kind == MONTH and cue.month is not None and cue.modifier not in ("last", "next", "this"):
        if cue.tense == _FUTURE:
            return 0 if day.month <= cue.month else MONTH_SOFT
        return 0 if day.month >= cue.month else MONTH_SOFT
    if cue.kind == MONTH_YEAR and cue.year is not None and cue.month is not None:
        if cue.tense == _FUTURE:
            return 0 if day <= month_end(cue.year, cue.month) else FUTURE_BOUND
        return 0 if day >= cue.dates[0] else VIOLATION
    if cue.kind == YEAR and cue.year is not None:
        if cue.tense == _FUTURE:
            return 0 if day.year <= cue.year else FUTURE_BOUND
        return 0 if day.year >= cue.year else VIOLATION
    if cue.kind == COPYRIGHT and cue.year is not None:
        return 0 if day.year <= cue.year else COPYRIGHT_OVER
    return 0


def _weekday_price(cue: Cue, day: date) -> int:
    assert cue.weekday is not None
    shift = {"today": 0, "yesterday": 1, "tomorrow": -1}.get(cue.modifier or "")
    if shift is not None:
        return 0 if (day.weekday() - shift) % 7 == cue.weekday else VIOLATION
    if cue.tense == _REPORT and not cue.lead:
        return REPORT_PER_DAY * weekday_gap(cue, day)
    return 0


def is_lead_cue(cue: Cue) -> bool:
    """A lead cue names the news day: a weekday of the first paragraph, told as done or doing.

    A month-day alone does not (news style gives the weekday for the past
    week and the date for older events), unless a weekday comes with it or it
    is the month-day of a stated date line without a year.
    """
    if not cue.lead or cue.tense not in TOLD or cue.modifier in ("today", "yesterday", "tomorrow"):
        return False
    if cue.kind == WEEKDAY:
        return True
    return cue.kind == DATE and (cue.weekday is not None or cue.modifier in (STATED_DAY, DATELINE))


def lead_gap(cues: Iterable[Cue], day: date) -> tuple[int, Cue] | None:
    """The smallest gap from a lead cue's day to `day`, and the cue giving it."""
    best: tuple[int, Cue] | None = None
    for cue in cues:
        if cue.kind == WEEKDAY:
            gap: int | None = weekday_gap(cue, day)
        else:
            event = dated_event(cue, day)[0]
            gap = (day - event).days if event is not None and event <= day else None
        if gap is not None and (best is None or gap < best[0]):
            best = (gap, cue)
    return best


def lead_price(gap: int) -> int:
    return LEAD_GAP[gap] if 0 <= gap < len(LEAD_GAP) else VIOLATION


def nearest_anchor(anchors: Iterable[Cue], day: date) -> tuple[int, Cue] | None:
    """Distance in days from `day` to the closest dated event or publication of the story."""
    best: tuple[int, Cue] | None = None
    for anchor in anchors:
        for when in anchor.dates:
            distance = abs((day - when).days)
            if best is None or distance < best[0]:
                best = (distance, anchor)
    return best


def anchor_price(distance: int) -> int:
    """Close to the story's dates is free; weeks away is dear; further costs the same."""
    if distance <= 3:
        return 10 * distance
    if distance <= 17:
        return 30 + 15 * (distance - 3)
    return 250


class Scorer:
    """Prices candidate days against one article's cues and its story's anchors."""

    def __init__(self, cues: Sequence[Cue], anchors: Sequence[Cue] = ()) -> None:
        self.cues = tuple(cues)
        self.lead = tuple(cue for cue in cues if is_lead_cue(cue))
        self.release = tuple(cue for cue in cues if cue.kind == DATE and cue.modifier == RELEASE)
        self.anchors = tuple(anchor for anchor in anchors if anchor.kind == ANCHOR)
        self._memo: dict[date, int] = {}

    def price(self, day: date) -> int:
        if day not in self._memo:
            self._memo[day] = sum(price for price, _what, _cue in self.breakdown(day))
        return self._memo[day]

    def breakdown(self, day: date) -> list[tuple[int, str, Cue]]:
        """Every non-zero charge for `day`: (price, "cue" | "lead" | "story", cue)."""
        parts = [(cue_price(cue, day), "cue", cue) for cue in self.cues]
        lead = self.lead_at(day)
        if lead is not None:
            parts.append((lead_price(lead[0]), "lead", lead[1]))
        near = nearest_anchor(self.anchors, day)
        if near is not None:
            parts.append((anchor_price(near[0]), "story", near[1]))
        return [part for part in parts if part[0]]

    def lead_at(self, day: date) -> tuple[int, Cue, date] | None:
        """The lead's gap back from `day`, its cue, and the day it is counted from.

        An advance filed on `day` may be written as of that day or of its
        release day ("reported Sunday" in a Sunday release filed on Friday):
        the gap is counted from whichever fits the lead better.
        """
        found: tuple[int, Cue, date] | None = None
        for written in (day, *self._release_days(day)):
            gap = lead_gap(self.lead, written)
            if gap is not None and (found is None or lead_price(gap[0]) < lead_price(found[0])):
                found = (gap[0], gap[1], written)
        return found

    def _release_days(self, day: date) -> list[date]:
        """The release days of the article's release notes, when `day` can be a filing day before them."""
        days = []
        for cue in self.release:
            event, price = dated_event(cue, day)
            if event is not None and event > day and price < VIOLATION:
                days.append(event)
        return days

    def candidates(self, years: Sequence[int]) -> set[date]:
        """Days worth pricing: each dated past event and the week after it, and the story's days.

        A release note's day comes with the three weeks before it, when an advance may be filed.
        """
        found: set[date] = set()
        for cue in self.cues:
            if cue.kind == DATE and cue.tense in TOLD:
                found.update(_event_days(cue, years))
        for anchor in self.anchors:
            for when in anchor.dates:
                found.update(when + timedelta(days=k) for k in range(-ANCHOR_SPAN, ANCHOR_SPAN + 1))
        return found


def _event_days(cue: Cue, years: Sequence[int]) -> set[date]:
    """A dated cue's event in each possible year (its weekday kept if any year allows it)."""
    events: list[date] = []
    for year in [cue.year] if cue.year is not None else years:
        events.extend(d for d in (make(year, m, dom) for m, dom in cue.readings) if d is not None)
    if cue.weekday is not None:
        matching = [event for event in events if event.weekday() == cue.weekday]
        events = matching or events
    first = -RELEASE_AHEAD if cue.modifier == RELEASE else 0  # an advance is filed before its release day
    return {event + timedelta(days=k) for event in events for k in range(first, CANDIDATE_DAYS)}
