"""Time expressions of a sentence, resolved against its article's publication day.

Why resolve here rather than leave "on Wednesday" as text: a timeline can
only order and merge what has a date, and most dates in news are written
relative to the day the article appeared ("on Wednesday", "last month",
"on March 4"). Once the dating stage has settled that day, each expression is
placed on the calendar by how the sentence tells it (`dating.tense`):

- A full date ("March 4, 2021", "4 March 2021", "3/4/2021" read as the one
  existing month-day, or the reading nearest publication when both exist),
  a month with a year ("in May 2018") or a year ("in late 2009") needs
  nothing more and resolves even without a publication day.
- A month-day without a year ("on March 4"): told as the past, reported or
  present, the latest one on or before publication (allowing a couple of
  days of slack, since a publication day is an estimate); told as the
  future, the earliest on or after it; otherwise the nearer of the two.
  A weekday written with it ("Monday (March 4)") picks the year it fits.
- A weekday ("on Wednesday", "earlier Sunday"): the latest such day on or
  before publication, so a bare "Monday" in an article of a Monday is that
  same day; "last Monday" is strictly before (seven days back on a Monday);
  told as the future or "next", the first one strictly after; "yesterday
  (Sunday)" and "tomorrow (Tuesday)" are one day either side. A span edge
  with no tense ("from Thursday") takes the nearer side.
- A month ("in November"): past-told, the latest such month up to the
  publication month; future-told, the earliest from it on; "last"/"next"
  strictly before/after; untold, the nearer.
- Relative phrases ("yesterday", "last week", "two days later"): see
  `newsweave.analyze.relative` for what each counts from.

Without a publication day only expressions carrying their own year resolve.
Nothing here reads the clock, so the same article always gets the same dates.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta

from newsweave.analyze.relative import find_relative
from newsweave.dating.calendar import earliest_on_or_after, latest_on_or_before, make
from newsweave.dating.mentions import DATE, MONTH, MONTH_YEAR, WEEKDAY, YEAR, Mention, find_mentions
from newsweave.dating.tense import TOLD, tense_at
from newsweave.models import AnalyzedArticle, Sentence, TimeRef
from newsweave.vocabulary import Granularity, Tense

SLACK_DAYS = 2  # a past-told month-day this close after publication is an estimate error, not last year
_BARE = (YEAR, MONTH_YEAR, MONTH)
_SPAN_EDGE = re.compile(
    r"\b(?:from|until|till|through|by|before|starting|beginning)\b(?=\W+(?:\w+\W+){0,2}$)", re.IGNORECASE
)


def resolve_times(text: str, published: date | None, *, anchor: date | None = None) -> tuple[TimeRef, ...]:
    """Every time expression of one sentence that can be placed, in reading order.

    `anchor` is the last day the article named before this sentence; only
    "N days later" and the like count from it (see `analyze.relative`).
    """
    refs: list[TimeRef] = []
    taken: list[tuple[int, int]] = []
    for mention in find_mentions(text):
        taken.append((mention.start, mention.end))
        tense = _tense(text, mention)
        placed = _place(mention, tense, published)
        if placed is not None:
            value, granularity = placed
            phrase = text[mention.start : mention.end]
            refs.append(TimeRef(phrase, mention.start, mention.end, value, granularity, tense))
    day_before = _last_day(refs) or anchor

    def tense_of(start: int, end: int) -> Tense:
        return tense_at(text, start, end, default=Tense.UNKNOWN)

    for relative in find_relative(text, published, tense_of, day_before):
        if any(relative.start < end and start < relative.end for start, end in taken):
            continue  # "yesterday (Monday)" is already read as one weekday expression
        phrase = text[relative.start : relative.end]
        ref = TimeRef(
            phrase, relative.start, relative.end, relative.value, relative.granularity, relative.tense
        )
        refs.append(ref)
    return tuple(sorted(refs, key=lambda ref: (ref.start, ref.end)))


def with_times(analyzed: AnalyzedArticle) -> AnalyzedArticle:
    """The article with every sentence's `times` filled from its publication day.

    A publication date less precise than a day ("2024-03") counts as unknown:
    a weekday cannot be placed from a month.
    """
    published = analyzed.article.publication_day()
    anchor: date | None = None
    sentences: list[Sentence] = []
    for sentence in analyzed.sentences:
        times = resolve_times(sentence.text, published, anchor=anchor)
        anchor = _last_day(times) or anchor
        sentences.append(replace(sentence, times=times))
    return replace(analyzed, sentences=tuple(sentences))


def _last_day(refs: tuple[TimeRef, ...] | list[TimeRef]) -> date | None:
    """The last day-precise date told as having happened, an anchor for "two days later"."""
    for ref in reversed(refs):
        if ref.granularity == Granularity.DAY and ref.tense in TOLD:
            return date.fromisoformat(ref.value)
    return None


def _tense(text: str, mention: Mention) -> Tense:
    """How the sentence tells the expression; its own modifier word has the last say."""
    tense = tense_at(
        text, mention.start, mention.end, default=Tense.UNKNOWN if mention.kind in _BARE else Tense.PAST
    )
    if mention.modifier in ("next", "tomorrow"):
        return Tense.FUTURE
    if mention.modifier in ("last", "yesterday", "since"):
        return Tense.PAST
    if mention.modifier == "today" and tense == Tense.FUTURE:
        return Tense.REPORT  # "today (Monday)" is the publication day, whatever follows
    if tense == Tense.UNKNOWN:
        return _edge_tense(text, mention.start)
    return tense


def _edge_tense(text: str, start: int) -> Tense:
    """The tense of a span edge itself: "will stay shut from Thursday" is ahead.

    `tense_at` leaves the day at a span edge untold, since a span may reach
    either side; the words governing the edge word still say which side the
    sentence stands on.
    """
    edge = _SPAN_EDGE.search(text, 0, start)
    if edge is None:
        return Tense.UNKNOWN
    return tense_at(text, edge.start(), edge.end(), default=Tense.UNKNOWN)


def _place(mention: Mention, tense: Tense, published: date | None) -> tuple[str, Granularity] | None:
    """(ISO value, granularity) of one calendar expression, or None when it cannot be placed."""
    if mention.kind == YEAR and mention.year is not None:
        return f"{mention.year:04d}", Granularity.YEAR
    if mention.kind == MONTH_YEAR and mention.year is not None and mention.month is not None:
        return f"{mention.year:04d}-{mention.month:02d}", Granularity.MONTH
    if mention.kind == DATE:
        day = _month_day(mention, tense, published)
        return None if day is None else (day.isoformat(), Granularity.DAY)
    if published is None:
        return None
    if mention.kind == MONTH and mention.month is not None:
        year = _month_year(mention.month, mention.modifier, tense, published)
        return f"{year:04d}-{mention.month:02d}", Granularity.MONTH
    if mention.kind == WEEKDAY and mention.weekday is not None:
        return _weekday(mention.weekday, mention.modifier, tense, published).isoformat(), Granularity.DAY
    return None


def _month_day(mention: Mention, tense: Tense, published: date | None) -> date | None:
    if mention.year is not None:
        options = [d for d in (make(mention.year, m, day) for m, day in mention.readings) if d is not None]
        named = [d for d in options if d.weekday() == mention.weekday]
        options = named or options
        if len(options) == 1:
            return options[0]
        if not options or published is None:
            return None  # "4/3/2024" with nothing to choose between its readings
        return min(options, key=lambda d: (abs((d - published).days), d))
    if published is None or len(mention.readings) != 1:
        return None
    month, day = mention.readings[0]
    if mention.weekday is not None:
        fitting = [
            d
            for d in (make(published.year + k, month, day) for k in (-1, 0, 1))
            if d is not None and d.weekday() == mention.weekday
        ]
        if fitting:
            return min(fitting, key=lambda d: (abs((d - published).days), d))
    before = latest_on_or_before(month, day, published + timedelta(days=SLACK_DAYS))
    after = earliest_on_or_after(month, day, published)
    if tense in TOLD:
        return before
    if tense == Tense.FUTURE:
        return after
    return _nearer(before, after, published)


def _nearer(before: date | None, after: date | None, published: date) -> date | None:
    """The candidate closer to publication; the past one on a tie."""
    if before is None or after is None:
        return before or after
    return before if (published - before) <= (after - published) else after


def _month_year(month: int, modifier: str | None, tense: Tense, published: date) -> int:
    past = published.year if month <= published.month else published.year - 1
    future = published.year if month >= published.month else published.year + 1
    if modifier == "last":
        return published.year if month < published.month else published.year - 1
    if modifier == "next":
        return published.year if month > published.month else published.year + 1
    if modifier == "this":
        return published.year
    if tense in TOLD:
        return past
    if tense == Tense.FUTURE:
        return future
    months_back = (published.month - month) % 12
    months_ahead = (month - published.month) % 12
    return past if months_back <= months_ahead else future


def _weekday(weekday: int, modifier: str | None, tense: Tense, published: date) -> date:
    back = (published.weekday() - weekday) % 7  # 0: publication day itself
    ahead = (weekday - published.weekday()) % 7 or 7  # strictly after
    if modifier == "yesterday":
        return published - timedelta(days=1)
    if modifier == "today":
        return published
    if modifier == "tomorrow":
        return published + timedelta(days=1)
    if modifier == "last":
        return published - timedelta(days=back or 7)
    if modifier == "next" or tense == Tense.FUTURE:
        return published + timedelta(days=ahead)
    if tense == Tense.UNKNOWN and ahead < back:
        return published + timedelta(days=ahead)
    return published - timedelta(days=back)
