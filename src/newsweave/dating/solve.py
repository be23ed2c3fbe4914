"""Date one article: weigh what it declares against what its content says.

Why declared dates are not simply believed: scraped pages carry
republication stamps, crawl dates and outright fakes ("Date:2025-04-11" on a
copy of an older story). So the content is dated first, on its own — dated
events, the lead's weekday, years told as past, copyright years, and, inside
a story, the dates of the sibling articles' events. A declared date (page
metadata, a stated date line) is then checked against that reading: when the
content prices it within `MISMATCH` of its own best day, the declared date
stands, with more confidence the more the content agrees. It is contradicted
only when it costs more *and* one of the article's own cues rules it out (a
past event dated after it, a lead weekday or a weekday-bound month-day that
does not fall on it, a year told as past later than it): several old events
only make the article late, which a recap may be, and a sibling's evidence
says nothing about when this article appeared. A contradicted date gives way
to the content's date, and a `date_mismatch` flag names both sides: the
declared date with where it was declared, and the cues it breaks. Two
declarations the content both allows but that lie days apart (a page field
and a stated line a season apart) are flagged the same way, naming both and
why one was kept. When neither can date the article, the answer is None: a
date without evidence is worse than none.

Confidence (0-1) follows the kind of evidence: a declared date the content
corroborates to the day 0.9; one the content allows 0.7 (0.75 when only the
lead's weekday confirms it); a declared date alone 0.6 (page) or 0.5 (stated
line); a content date 0.8, less what the year rule cost when the cues fit
several years (`years.YEAR_DOUBT`: nothing when the story's dates chose it,
up to 0.4 when only a year told as past did), less 0.1 when one year fits but
only because of bounds, 0.1 when only the story dates the article, and up to
0.3 for residual contradictions; never above 0.5 at month precision, when
two declarations disagree, or 0.3 at year precision (an ambiguous
"04/03/2024" nothing settles).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from newsweave.dating import explain
from newsweave.dating.calendar import iso_prefix
from newsweave.dating.cues import PAGE, Cue, Evidence, read_evidence
from newsweave.dating.mentions import DATE
from newsweave.dating.score import MISMATCH, NEAR, VIOLATION, Scorer
from newsweave.dating.tense import TOLD
from newsweave.dating.years import YEAR_DOUBT, YearFrame, pick_year, year_frame
from newsweave.models import Article, Flag, PublishedDate
from newsweave.vocabulary import FlagKind, Granularity

CORROBORATED = 90
CONSISTENT = 70
WEEKDAY_CONFIRMED = 75
DECLARED_ALONE = {PAGE: 60}
STATED_ALONE = 50
CONTENT = 80
MONTH_CAP = 50
YEAR_CAP = 30
FLOOR = 10
DECLARED_SLACK = 2  # days two declarations of one article may differ by (time zones, a late stamp)


@dataclass(frozen=True)
class Reading:
    """The content's best days: `days` lie in the chosen year (all years when it is unknown)."""

    day: date
    iso: str | None
    days: tuple[date, ...]
    years: tuple[int, ...]
    price: int
    frame: YearFrame
    parts: dict[tuple[str, int], int]


@dataclass(frozen=True)
class Outcome:
    """An article's date and flags.

    `pinned` is the day when the content pins it to one day of one year (what
    a story may build on); `trusted_day` says whether that day is the
    publication day too, or only the day the article's events are read from
    (a declared date the content allows but does not prefer). `declared`
    says the date is one the article declares and its content allows: the
    article's own date, which nothing borrowed from its story may overturn.
    """

    published: PublishedDate | None
    flags: tuple[Flag, ...]
    pinned: date | None = None
    trusted_day: bool = False
    declared: bool = False


def date_article(
    article: Article, page_date: str | None = None
) -> tuple[PublishedDate | None, tuple[Flag, ...]]:
    """The publication date of one article from its own evidence, and any date flags."""
    outcome = decide(read_evidence(article, page_date))
    return outcome.published, outcome.flags


def decide(evidence: Evidence, borrowed: Sequence[Cue] = (), anchors: Sequence[Cue] = ()) -> Outcome:
    """Weigh `evidence` (plus cues lent by the story) and return the article's date."""
    scorer = Scorer((*evidence.content, *borrowed), anchors)
    frame = year_frame(scorer.cues, evidence.declared, scorer.anchors)
    reading = read_content(scorer, frame)
    base = reading.price if reading else 0
    claims = sorted(evidence.declared, key=lambda cue: (cue.kind != PAGE, cue.line or 0))
    fitting = [(cue, day) for cue in claims for day in cue.dates if _stands(scorer, cue, day, base, reading)]
    flags = [
        _mismatch(scorer, cue, day, reading)
        for cue in claims
        for day in cue.dates[:1]
        if not any(c is cue for c, _ in fitting)
    ]
    if fitting:
        return _declared(evidence, scorer, reading, fitting, flags)
    if reading is not None and reading.iso is not None:
        return _content(evidence, scorer, reading, flags)
    if reading is not None and not claims:
        flags.append(_year_unknown(scorer, reading))
    return Outcome(None, tuple(flags))


def read_content(scorer: Scorer, frame: YearFrame) -> Reading | None:
    """The best days by content alone; None when no cue places the article in a calendar."""
    prices = {day: scorer.price(day) for day in scorer.candidates(frame.years)}
    if not prices:
        return None
    best = min(prices.values())
    near = sorted(day for day, price in prices.items() if price <= best + NEAR)
    years = tuple(sorted({day.year for day in near}))
    if not frame.known:
        return Reading(near[0], None, tuple(near), years, best, frame, {})
    chosen = pick_year(years, frame)
    days = tuple(day for day in near if day.year == chosen)
    day = min(days, key=lambda d: (prices[d], d))
    parts = {(what, id(cue)): price for price, what, cue in scorer.breakdown(day)}
    return Reading(day, iso_prefix(days), days, years, prices[day], frame, parts)


def _claim_price(scorer: Scorer, cue: Cue, day: date) -> int:
    return scorer.price(_claim_day(scorer, cue, day))


def _claim_day(scorer: Scorer, cue: Cue, day: date) -> date:
    """The day a declared date means: itself, or the best day of a declared month."""
    if cue.precision == Granularity.MONTH:
        month = [date(day.year, day.month, d) for d in range(1, 29)]
        return min(month, key=lambda d: (scorer.price(d), d))
    return day


def _stands(scorer: Scorer, cue: Cue, day: date, base: int, reading: Reading | None) -> bool:
    """True unless the content prices `day` far above its best and one of its own cues rules it out."""
    if _claim_price(scorer, cue, day) - base <= MISMATCH:
        return True
    claimed = _claim_day(scorer, cue, day)
    best = {_part_key(what, c): price for price, what, c in scorer.breakdown(reading.day)} if reading else {}
    return not any(
        price >= VIOLATION and best.get(_part_key(what, c), 0) < VIOLATION
        for price, what, c in scorer.breakdown(claimed)
        if what != "story" and c.source is None
    )


def _part_key(what: str, cue: Cue) -> tuple[str, int]:
    return (what, 0) if what == "lead" else (what, id(cue))  # the lead is one charge, whichever cue gives it


def _declared(
    evidence: Evidence,
    scorer: Scorer,
    reading: Reading | None,
    fitting: list[tuple[Cue, date]],
    flags: list[Flag],
) -> Outcome:
    """A declared date the content does not contradict: trusted, as much as the content agrees."""
    cue, day = min(fitting, key=lambda item: _claim_price(scorer, *item))
    options = [d for c, d in fitting if c is cue]
    if reading is not None and len(options) > 1:
        agreeing = [d for d in options if d in reading.days]
        options = agreeing or options
        day = options[0]
    iso = iso_prefix(options) if cue.precision == Granularity.DAY else f"{day.year:04d}-{day.month:02d}"
    assert iso is not None
    content = explain.content_evidence(scorer, day, precise=len(options) == 1)
    corroborated = reading is not None and day in reading.days
    gap = scorer.lead_at(day)
    if corroborated:
        confidence = CORROBORATED
    elif reading is not None:
        confidence = CONSISTENT
    elif gap is not None and gap[0] == 0:
        confidence = WEEKDAY_CONFIRMED
    else:
        confidence = DECLARED_ALONE.get(cue.kind, STATED_ALONE)
    if len(options) > 1:
        confidence = YEAR_CAP
    rivals = _rivals(cue, day, [c for c, _ in fitting], corroborated)
    if rivals:
        confidence = min(confidence, STATED_ALONE)
    proof = (explain.declared_evidence(cue), *content, *explain.story_evidence(scorer, day))
    pinned = reading is not None and len(reading.years) == 1 and len(options) == 1
    published = PublishedDate(iso, confidence / 100, proof)
    outcome_flags = (*flags, *rivals)
    return Outcome(published, outcome_flags, day if pinned else None, corroborated, len(options) == 1)


def _rivals(chosen: Cue, day: date, fitting: list[Cue], corroborated: bool) -> list[Flag]:
    """Other declared dates the content allows too, but days away from the one kept.

    Two declarations of one article that disagree (a page field and a stated
    line a season apart) cannot both be its publication date; the content
    does not rule either out, so the kept one is named with why it was kept,
    and the disagreement is flagged rather than hidden.
    """
    flags: list[Flag] = []
    first = "page metadata comes first" if chosen.kind == PAGE else "the earlier line comes first"
    why = "the content agrees with it" if corroborated else f"{first} when the content does not choose"
    kept = day.isoformat()
    for cue in dict.fromkeys(fitting):
        if cue is chosen or not all(_apart(cue, when, day) for when in cue.dates):
            continue
        stated = " or ".join(option.isoformat() for option in cue.dates)
        detail = (
            f"{stated} {_where(cue)} but {kept} {_where(chosen)}; {kept} is kept: {why} "
            f"(declared: {explain.declared_evidence(cue)}; {explain.declared_evidence(chosen)})"
        )
        flags.append(Flag(FlagKind.DATE_MISMATCH, detail))
    return flags


def _apart(cue: Cue, when: date, day: date) -> bool:
    if cue.precision == Granularity.MONTH:
        return (when.year, when.month) != (day.year, day.month)
    return abs((when - day).days) > DECLARED_SLACK


def _where(cue: Cue) -> str:
    return "declared by the page" if cue.kind == PAGE else f"stated on line {cue.line}"


def _content(evidence: Evidence, scorer: Scorer, reading: Reading, flags: list[Flag]) -> Outcome:
    """The content's own date, with the confidence its evidence earns."""
    assert reading.iso is not None
    own = [cue for cue in evidence.content if cue.kind == DATE and cue.tense in TOLD]
    confidence = CONTENT - min(30, reading.price // 10)
    if len(reading.years) > 1:
        confidence -= YEAR_DOUBT.get(reading.frame.reference_kind, 20)
    elif not any(cue.year for cue in own) and not scorer.anchors:
        confidence -= 10
    if not own:
        confidence -= 10
    granularity = Granularity.of(reading.iso)
    if granularity == Granularity.MONTH:
        confidence = min(confidence, MONTH_CAP)
    elif granularity == Granularity.YEAR:
        confidence = min(confidence, YEAR_CAP)
    precise = granularity == Granularity.DAY
    proof = [
        *explain.content_evidence(scorer, reading.day, precise),
        *explain.story_evidence(scorer, reading.day),
    ]
    note = explain.year_note(reading.frame, reading.day.year, reading.years)
    if note:
        proof.append(note)
    pinned = reading.day if precise and len(reading.years) == 1 else None
    published = PublishedDate(reading.iso, max(FLOOR, confidence) / 100, tuple(proof))
    return Outcome(published, tuple(flags), pinned, trusted_day=True)


def _mismatch(scorer: Scorer, cue: Cue, claim: date, reading: Reading | None) -> Flag:
    """A declared date the content contradicts: both sides, each with where a reader finds it."""
    if reading is not None and reading.iso is not None:
        target = reading.iso
    elif reading is not None:
        target = explain.describe_days(reading.days)
    else:
        target = explain.lead_day(scorer) or "another date"
    claimed = _claim_day(scorer, cue, claim)
    reasons = explain.mismatch_reasons(scorer, claimed, reading.parts if reading else {})
    if not reasons and reading is not None:
        reasons = explain.content_evidence(scorer, reading.day, precise=reading.iso is not None)
    where = _where(cue)
    because = "; ".join(reasons) if reasons else "its cues fit other days far better"
    stated = " or ".join(option.isoformat() for option in cue.dates)  # both readings of "03/05/2016"
    declared = explain.declared_evidence(cue)
    return Flag(
        FlagKind.DATE_MISMATCH,
        f"{stated} {where}; content points to {target} because {because} (declared: {declared})",
    )


def _year_unknown(scorer: Scorer, reading: Reading) -> Flag:
    shape = explain.describe_days(reading.days)
    dated = [cue for cue in scorer.cues if cue.kind == DATE and cue.tense in TOLD]
    where = f" ({explain.quoted(dated[0])})" if dated else ""
    return Flag(
        FlagKind.DATE_YEAR_UNKNOWN,
        f"content points to {shape}{where} but no year is stated, written or copyrighted; not guessed",
    )
