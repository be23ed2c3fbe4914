"""Date one article: weigh what it declares against what its content says.

Why declared dates are not simply believed: scraped pages carry
republication stamps, crawl dates and outright fakes ("Date:2025-04-11" on a
copy of an older story). So the content is dated first, on its own — dated
events, the lead's weekday, years told as past, copyright years, and, inside
a story, the dates of the sibling articles' events. A declared date (page
metadata, a stated date line) is then checked against that reading: when the
content prices it within `MISMATCH` of its own best day, the declared date
stands, with more confidence the more the content agrees; when it costs
more, it is contradicted — the content's date is returned and a
`date_mismatch` flag says which cues it breaks. When neither can date the
article, the answer is None: a date without evidence is worse than none.

Confidence (0-1) follows the kind of evidence: a declared date the content
corroborates to the day 0.9; one the content allows 0.7 (0.75 when only the
lead's weekday confirms it); a declared date alone 0.6 (page) or 0.5 (stated
line); a content date 0.8, less what the year rule cost when the cues fit
several years (`years.YEAR_DOUBT`: nothing when the story's dates chose it,
up to 0.4 when only a year told as past did), less 0.1 when one year fits but
only because of bounds, 0.1 when only the story dates the article, and up to
0.3 for residual contradictions; never above 0.5 at month precision or 0.3 at
year precision (an ambiguous "04/03/2024" nothing settles).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from newsweave.dating import explain
from newsweave.dating.calendar import iso_prefix
from newsweave.dating.cues import PAGE, Cue, Evidence, read_evidence
from newsweave.dating.mentions import DATE
from newsweave.dating.score import MISMATCH, NEAR, Scorer, lead_gap
from newsweave.dating.tense import TOLD
from newsweave.dating.years import YEAR_DOUBT, YearFrame, pick_year, year_frame
from newsweave.models import Article, Flag, PublishedDate

DATE_MISMATCH = "date_mismatch"
DATE_YEAR_UNKNOWN = "date_year_unknown"
CORROBORATED = 90
CONSISTENT = 70
WEEKDAY_CONFIRMED = 75
DECLARED_ALONE = {PAGE: 60}
STATED_ALONE = 50
CONTENT = 80
MONTH_CAP = 50
YEAR_CAP = 30
FLOOR = 10


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
    (a declared date the content allows but does not prefer).
    """

    published: PublishedDate | None
    flags: tuple[Flag, ...]
    pinned: date | None = None
    trusted_day: bool = False


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
    fitting = [
        (cue, day) for cue in claims for day in cue.dates if _claim_price(scorer, cue, day) - base <= MISMATCH
    ]
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
    if cue.precision == "month":
        month = [date(day.year, day.month, d) for d in range(1, 29)]
        return min(scorer.price(d) for d in month)
    return scorer.price(day)


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
    iso = iso_prefix(options) if cue.precision == "day" else f"{day.year:04d}-{day.month:02d}"
    assert iso is not None
    content = explain.content_evidence(scorer, day, precise=len(options) == 1)
    corroborated = reading is not None and day in reading.days
    gap = lead_gap(scorer.lead, day)
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
    proof = (explain.declared_evidence(cue), *content, *explain.story_evidence(scorer, day))
    pinned = reading is not None and len(reading.years) == 1 and len(options) == 1
    published = PublishedDate(iso, confidence / 100, proof)
    return Outcome(published, tuple(flags), day if pinned else None, corroborated)


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
    if len(reading.iso) == 7:
        confidence = min(confidence, MONTH_CAP)
    elif len(reading.iso) == 4:
        confidence = min(confidence, YEAR_CAP)
    precise = len(reading.iso) == 10
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
    """A declared date the content contradicts, with the cues it breaks."""
    if reading is not None and reading.iso is not None:
        target = reading.iso
    elif reading is not None:
        target = explain.describe_days(reading.days)
    else:
        target = explain.lead_day(scorer) or "another date"
    reasons = explain.mismatch_reasons(scorer, claim, reading.parts if reading else {})
    where = "declared by the page" if cue.kind == PAGE else f"stated on line {cue.line}"
    because = "; ".join(reasons) if reasons else "its cues fit other days far better"
    stated = " or ".join(option.isoformat() for option in cue.dates)  # both readings of "03/05/2016"
    return Flag(DATE_MISMATCH, f"{stated} {where}; content points to {target} because {because}")


def _year_unknown(scorer: Scorer, reading: Reading) -> Flag:
    shape = explain.describe_days(reading.days)
    dated = [cue for cue in scorer.cues if cue.kind == DATE and cue.tense in TOLD]
    where = f" ({explain.quoted(dated[0])})" if dated else ""
    return Flag(
        DATE_YEAR_UNKNOWN,
        f"content points to {shape}{where} but no year is stated, written or copyrighted; not guessed",
    )
