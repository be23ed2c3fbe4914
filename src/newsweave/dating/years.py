"""Which years to consider, and which one to pick when the cues allow several.

Why this needs its own rule: weekdays and month-days repeat. "Monday
(March 4)" fits 2024, 2019, 2013 and every few years before and after;
without a year in the text the cues cannot choose, and the clock must not
(that would make the answer depend on the day it runs). So the year is
chosen from the article's own year evidence, in this documented order:

1. the story's anchored dates (the year most of the other articles' dated
   events fall in), when dating a story;
2. a declared date (the page's metadata or a stated date line) — even a date
   the content contradicts usually has the right era;
3. a full date written in the text ("on June 25, 2023");
4. a copyright year — the page existed then, so first publication is rarely later;
5. the latest year told as past ("in May 2018") — a lower bound.

Among the years the cues fit equally well, the one nearest that reference
wins (the earlier on a tie). With no year evidence at all no year is chosen:
the answer is reported as unknown rather than guessed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from newsweave.dating.calendar import CYCLE_YEARS, NEUTRAL_YEARS
from newsweave.dating.cues import ANCHOR, COPYRIGHT, Cue
from newsweave.dating.mentions import DATE, MONTH_YEAR, YEAR
from newsweave.dating.tense import TOLD
from newsweave.vocabulary import Tense

# What the reference year rests on, strongest first (see `YEAR_DOUBT`).
STORY = "story"
DECLARED = "declared"
WRITTEN = "written"
LOWER = "lower"
# Confidence (in hundredths) lost when the cues fit several years and the
# reference had to choose: the weaker the reference, the larger the doubt.
YEAR_DOUBT = {STORY: 0, DECLARED: 10, WRITTEN: 10, COPYRIGHT: 20, LOWER: 40}


@dataclass(frozen=True)
class YearFrame:
    """Candidate years, and the reference year (with what it rests on) that breaks ties."""

    years: tuple[int, ...]
    known: bool
    reference: int | None = None
    reference_label: str = ""
    reference_kind: str = ""


def year_frame(cues: Sequence[Cue], declared: Sequence[Cue], anchors: Sequence[Cue]) -> YearFrame:
    """The years worth trying for one article, from every cue that names a year.

    Years told as past are lower bounds, so nothing earlier than the latest of
    them is tried; copyright years and years still ahead are upper bounds.
    Without a bound on one side, a full 28-year cycle is tried on that side so
    that every weekday pattern the cues ask for can be found.
    """
    named = [cue for cue in cues if _year_of(cue) is not None]
    lower = [cue for cue in named if cue.tense in TOLD and cue.kind != COPYRIGHT]
    upper = [cue for cue in named if cue.tense == Tense.FUTURE or cue.kind == COPYRIGHT]
    points = [cue for cue in (*declared, *anchors) if cue.dates]
    known = [year for cue in named if (year := _year_of(cue)) is not None]
    known += [when.year for cue in points for when in cue.dates]
    if not known:
        return YearFrame(tuple(NEUTRAL_YEARS), known=False)
    low = max(_years(lower)) - 1 if lower else min(known) - CYCLE_YEARS
    high = max(_years(upper) + [when.year for cue in points for when in cue.dates]) + 1 if upper else 0
    if high <= low:
        high = max(known) + CYCLE_YEARS
    reference, label, kind = _reference(named, declared, anchors)
    return YearFrame(tuple(range(low, high + 1)), True, reference, label, kind)


def _years(cues: Sequence[Cue]) -> list[int]:
    return [year for cue in cues if (year := _year_of(cue)) is not None]


def _year_of(cue: Cue) -> int | None:
    if cue.kind in (YEAR, MONTH_YEAR, COPYRIGHT, DATE):
        return cue.year
    return None


def _reference(named: Sequence[Cue], declared: Sequence[Cue], anchors: Sequence[Cue]) -> tuple[int, str, str]:
    story = [when.year for anchor in anchors if anchor.kind == ANCHOR for when in anchor.dates]
    if story:
        commonest = max(sorted(set(story)), key=story.count)  # most anchors; the earlier on a tie
        return commonest, "the story's dates", STORY
    if declared:
        cue = max(declared, key=lambda c: max(c.dates))
        where = "the page's declared date" if cue.line is None else f"the date stated on line {cue.line}"
        return max(cue.dates).year, where, DECLARED
    written = [cue for cue in named if cue.kind == DATE]
    if written:
        cue = max(written, key=lambda c: c.year or 0)
        return cue.year or 0, f'"{cue.quote}" ({cue.place})', WRITTEN
    copyrights = [cue for cue in named if cue.kind == COPYRIGHT]
    if copyrights:
        cue = max(copyrights, key=lambda c: c.year or 0)
        return cue.year or 0, f"the copyright year ({cue.place})", COPYRIGHT
    told = [cue for cue in named if cue.tense in TOLD] or list(named)
    cue = max(told, key=lambda c: c.year or 0)
    return cue.year or 0, f'the latest year mentioned, "{cue.quote}" ({cue.place})', LOWER


def pick_year(years: Sequence[int], frame: YearFrame) -> int:
    """The fitting year nearest the reference year; the earlier one on a tie."""
    reference = frame.reference if frame.reference is not None else max(years)
    return min(years, key=lambda year: (abs(year - reference), year))


def lower_bound(cues: Sequence[Cue]) -> Cue | None:
    """The latest year told as past: the article cannot be older."""
    told = [cue for cue in cues if cue.kind in (YEAR, MONTH_YEAR) and cue.tense in TOLD and cue.year]
    return max(told, key=lambda c: (c.year or 0, c.month or 0), default=None)
