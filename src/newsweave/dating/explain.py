"""Say, in a line a reader can check, why a date was chosen or a date was doubted.

Why this is more than logging: a publication date is only as trustworthy as
the evidence a reader can verify. Every string names where its cue stands
("line 7", or the sibling article's path and line) and what was concluded
from it ("-> 2024-03-04 is a Monday"), so the date can be audited against the
article without re-running anything. The same phrasing explains a rejected
stated date in a `date_mismatch` flag: which cues it breaks, and how.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

from newsweave.dating.calendar import days_before, month_name, spoken, weekday_name
from newsweave.dating.cues import COPYRIGHT, DATELINE, PAGE, PUBLISHED, RELEASE, STATED_DAY, Cue
from newsweave.dating.mentions import DATE, MONTH, MONTH_YEAR, WEEKDAY, YEAR
from newsweave.dating.score import Scorer, dated_event, nearest_anchor, weekday_gap
from newsweave.dating.years import YearFrame, lower_bound
from newsweave.vocabulary import WEEKDAYS, Tense

REASON_MIN = 50  # charges below this are preferences, not contradictions
MAX_REASONS = 3
_WORD = re.compile(r"[a-z]+")
# Words too common to tie a lead to a sibling's event (a verb like "left", the country of the story).
_COMMON = frozenset(
    _WORD.findall(
        "on in at of the a an to and for from by with his her its their was were is are has had after "
        "before said reported"
    )
) | {day.lower() for day in WEEKDAYS}


def quoted(cue: Cue) -> str:
    return f'{cue.place}: "{cue.quote}"'


def declared_evidence(cue: Cue) -> str:
    if cue.kind == PAGE:
        return f"page metadata: declared date {cue.quote}"
    return f'line {cue.line}: stated "{cue.quote}"'


def content_evidence(scorer: Scorer, day: date, precise: bool) -> list[str]:
    """What the article's own cues say about `day`, in line order."""
    lines: list[str] = []
    lead = scorer.lead_at(day)
    floor = lower_bound([cue for cue in scorer.cues if cue.source is None])
    for cue in scorer.cues:
        if cue.source is not None:
            continue
        if lead is not None and cue is lead[1]:
            lines.append(_lead(cue, lead[2], lead[0]))
        elif cue.kind == DATE and cue.tense != Tense.UNKNOWN:
            lines.append(_dated(cue, day, precise))
        elif cue.kind == WEEKDAY and cue.modifier in ("today", "yesterday", "tomorrow"):
            lines.append(f"{quoted(cue)} -> {day.isoformat()} is a {weekday_name(day)}")
        elif cue is floor:
            lines.append(f"{quoted(cue)} -> written after {_bound(cue)} (told as past)")
        elif cue.kind == COPYRIGHT:
            lines.append(f"{quoted(cue)} -> first published by {cue.year} (copyright; weak evidence)")
    return lines


def _lead(cue: Cue, day: date, gap: int) -> str:
    """The lead's news day: the publication day itself, or the day(s) before it."""
    role = {DATELINE: "the dateline's day", STATED_DAY: "the stated day"}.get(cue.modifier or "", "")
    role = role or "the lead's news day"
    news_day = date.fromordinal(day.toordinal() - gap)
    if cue.kind == DATE:
        event = dated_event(cue, day)[0]
        news_day = event if event is not None else news_day
    said = f"{quoted(cue)} -> {news_day.isoformat()} is a {weekday_name(news_day)}, {role}"
    return said if gap == 0 else f"{said}, {days_before(gap)} publication"


def _dated(cue: Cue, day: date, precise: bool) -> str:
    event = dated_event(cue, day)[0]
    if event is None:
        return f"{quoted(cue)} -> no such date"
    if cue.tense == Tense.FUTURE:
        return f"{quoted(cue)} -> {event.isoformat()}, still ahead: not the publication date"
    if cue.modifier == RELEASE:
        return f"{quoted(cue)} -> {_release_day(event, day)}"
    if cue.weekday is not None:
        return f"{quoted(cue)} -> {event.isoformat()} is a {weekday_name(event)}"
    if not precise:
        return f"{quoted(cue)} -> {event.isoformat()}; published on or after it"
    return f"{quoted(cue)} -> {event.isoformat()}, {days_before((day - event).days)}"


def _release_day(event: date, day: date) -> str:
    """The release day a note names, and how far the dated day lies from it."""
    said = f"{event.isoformat()} is a {weekday_name(event)}, the release day"
    gap = (event - day).days
    if gap == 0:
        return said
    return f"{said}, {abs(gap)} days {'after' if gap > 0 else 'before'} {day.isoformat()}"


def _bound(cue: Cue) -> str:
    return f"{cue.year:04d}-{cue.month:02d}" if cue.kind == MONTH_YEAR and cue.month else f"{cue.year}"


def story_evidence(scorer: Scorer, day: date) -> list[str]:
    """The sibling's dated event that anchors this article, quoted with its path and line."""
    near = nearest_anchor(scorer.anchors, day)
    if near is None:
        return []
    closest = [a for a in scorer.anchors if nearest_anchor([a], day) == (near[0], a)]
    best = best_anchor(scorer, closest)
    when = min(best.dates, key=lambda d: abs((day - d).days))
    what = "published" if best.modifier == PUBLISHED else "dated"
    return [f'story: {best.place}: "{best.quote}" -> {what} {when.isoformat()}']


def best_anchor(scorer: Scorer, anchors: Sequence[Cue]) -> Cue:
    """The anchor most like this article's lead (shared words), events before publications."""
    words = {w for cue in scorer.lead for w in _WORD.findall(cue.quote.lower())} - _COMMON
    return max(
        anchors,
        key=lambda a: (len(words & set(_WORD.findall(a.quote.lower()))), a.modifier != PUBLISHED),
    )


def year_note(frame: YearFrame, chosen: int, years: Sequence[int]) -> str | None:
    """How the year was chosen when the cues alone allowed others."""
    others = [year for year in years if year != chosen]
    if not others or frame.reference is None:
        return None
    listed = ", ".join(str(year) for year in sorted(others, key=lambda y: (abs(y - chosen), y))[:4])
    return f"year {chosen}: nearest to {frame.reference}, {frame.reference_label}; the cues also fit {listed}"


def mismatch_reasons(scorer: Scorer, claim: date, best: dict[tuple[str, int], int]) -> list[str]:
    """The cues `claim` breaks, dearest first: each a checkable sentence."""
    parts = [
        (price - best.get((what, id(cue)), 0), what, cue)
        for price, what, cue in scorer.breakdown(claim)
        if price - best.get((what, id(cue)), 0) >= REASON_MIN
    ]
    parts.sort(key=lambda part: (-part[0], part[2].line or 0))
    return [_reason(what, cue, claim, scorer) for _price, what, cue in parts[:MAX_REASONS]]


def _reason(what: str, cue: Cue, claim: date, scorer: Scorer) -> str:
    on = f"{claim.isoformat()} is a {weekday_name(claim)}"
    if what == "story":
        dates = sorted(when for anchor in scorer.anchors for when in anchor.dates)
        span = dates[0].isoformat() if dates[0] == dates[-1] else f"{dates[0]} to {dates[-1]}"
        return f"the story's events are dated {span} ({quoted(best_anchor(scorer, scorer.anchors))})"
    if what == "lead":
        if cue.kind == WEEKDAY:
            return f"{quoted(cue)} makes a {weekday_name_of(cue)} the lead's news day but {on}"
        news = dated_event(cue, claim)[0] or claim
        gap = (claim - news).days
        side = f"{gap} days later" if gap > 0 else f"{-gap} days earlier"
        return f"{quoted(cue)} makes {news.isoformat()} the news day but {claim.isoformat()} is {side}"
    if cue.kind == DATE:
        event = dated_event(cue, claim)[0]
        if event is None:
            return f"{quoted(cue)} cannot be placed"
        if cue.weekday is not None and event.weekday() != cue.weekday:
            wanted = f"{month_name(event.month)} {event.day} on a {weekday_name_of(cue)}"
            return f"{quoted(cue)} needs {wanted}; {event.year} has {spoken(event)}"
        if cue.tense == Tense.FUTURE:
            return f"{quoted(cue)} is still ahead but {event.isoformat()} is not after {claim.isoformat()}"
        if cue.modifier == RELEASE:
            return f"{quoted(cue)} -> {_release_day(event, claim)}"
        if event <= claim:
            gap = (claim - event).days
            return f"{quoted(cue)} -> {event.isoformat()}, {gap} days before {claim.isoformat()}"
        return f"{quoted(cue)} is told as past but {event.isoformat()} is after {claim.isoformat()}"
    if cue.kind == MONTH and cue.month is not None:
        month, named = month_name(claim.month), month_name(cue.month)
        if cue.tense == Tense.FUTURE:
            return f"{quoted(cue)} is still ahead but {claim.isoformat()} is in {month}, after {named}"
        return f"{quoted(cue)} is told as past but {claim.isoformat()} is in {month}, before {named}"
    if cue.kind in (YEAR, MONTH_YEAR):
        return f"{quoted(cue)} is told as past but {claim.isoformat()} is earlier"
    if cue.kind == COPYRIGHT:
        return f"{quoted(cue)} is earlier than {claim.year}"
    if cue.kind == WEEKDAY:
        gap = weekday_gap(cue, claim) if cue.weekday is not None else 0
        return f"{quoted(cue)} but {on} ({gap} days later)"
    return quoted(cue)


def weekday_name_of(cue: Cue) -> str:
    return WEEKDAYS[cue.weekday or 0]


def describe_days(days: Sequence[date]) -> str:
    """The shape several candidate days share, for a date whose year is unknown."""
    first = days[0]
    if all((d.month, d.day, d.weekday()) == (first.month, first.day, first.weekday()) for d in days):
        return spoken(first)
    if all((d.month, d.day) == (first.month, first.day) for d in days):
        return f"{month_name(first.month)} {first.day}"
    if all(d.month == first.month for d in days):
        return f"a day in {month_name(first.month)}"
    return "a date"


def lead_day(scorer: Scorer) -> str | None:
    """What the lead says ("a Sunday") when no calendar date anchors it."""
    weekdays = sorted({cue.weekday for cue in scorer.lead if cue.kind == WEEKDAY and cue.weekday is not None})
    if len(weekdays) == 1:
        return f"a {WEEKDAYS[weekdays[0]]}"
    return None
