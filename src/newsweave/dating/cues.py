"""Read an article's date evidence: every cue, with the line it stands on.

Why a separate step: the scorer should see evidence, not text. Each `Cue` is
one thing a reader could point at — a stated date line, "reported on Monday
(March 4)", "in May 2018", "© 2024" — with its line number, the words
quoted, and how it is told (past, reported, present, future). Which lines
count is decided here from the roles cleaning gave them: article text and
headings are read; captions are read too, because "released on March 3" under
a photo is as good a date as one in the text; copyright notices give only
their year; every other piece of page furniture (related headlines, tags,
navigation) is ignored, since its dates belong to other stories.

A wire's release note ("(For release Saturday, Oct. 9)") is handling, not
news: its day is the day the article is to appear (a `RELEASE` cue, filed
some days ahead of it), and the note is never taken for the lead. A date
that names a noun's day ("the May 6 referendum") tells no event by itself:
the election may be past or ahead, whatever the sentence's verb, so it is
read as neither.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date

from newsweave.dating.calendar import month_start
from newsweave.dating.mentions import (
    DATE,
    MONTH,
    MONTH_YEAR,
    YEAR,
    Mention,
    copyright_notice,
    copyright_years,
    find_mentions,
    is_dateline,
    is_release,
    is_release_note,
    parse_declared,
    yearless_date,
)
from newsweave.dating.tense import TOLD, snippet, tense_at
from newsweave.models import Article, Line
from newsweave.vocabulary import Granularity, MetaField, Reason, Role, Tense

# Cue kinds beyond the mention kinds (DATE, MONTH_YEAR, YEAR, MONTH, WEEKDAY).
STATED = "stated"  # a stated date line of the article
PAGE = "page"  # the date the page declares in its metadata
COPYRIGHT = "copyright"  # a copyright year: a weak upper bound
ANCHOR = "anchor"  # a dated event or publication of another article of the story
STATED_DAY = "stated-day"  # modifier of a DATE cue read off a stated date line without a year
DATELINE = "dateline"  # modifier of a DATE cue in a dateline ("LISBON, March 7 (Agency) —"): a lead cue
PUBLISHED = "published"  # modifier of an ANCHOR that is a sibling's publication day
RELEASE = "release"  # modifier of a DATE cue a release note names ("For release Saturday, Oct. 9")

LEAD_MIN_WORDS = 8
MAX_CONTENT_CUES = 200  # content cues read per article (see read_evidence)
MAX_STATED = 20  # stated date lines read per article: a page states its date once or twice
# "the May 6 referendum": a date naming a noun's day tells no event by itself (it may be past or ahead).
_ATTRIBUTIVE = re.compile(r"\bthe\s+$", re.IGNORECASE)
_CONTENT_FIELDS = frozenset({MetaField.TITLE, MetaField.DEK})
_CONTENT_NOISE = frozenset({Reason.CAPTION})


@dataclass(frozen=True)
class Cue:
    """One piece of date evidence.

    `readings` are the (month, day) pairs of a DATE cue; `dates` the full dates
    of a STATED, PAGE or ANCHOR cue (two for an ambiguous "04/03/2024").
    `lead` marks the first paragraph, whose weekday is the news day. `source`
    is the path of the article a borrowed cue comes from (None for own cues).
    """

    kind: str
    line: int | None
    quote: str
    tense: Tense = Tense.PAST
    lead: bool = False
    year: int | None = None
    month: int | None = None
    weekday: int | None = None
    readings: tuple[tuple[int, int], ...] = ()
    modifier: str | None = None
    dates: tuple[date, ...] = ()
    precision: Granularity = Granularity.DAY
    source: str | None = None

    @property
    def place(self) -> str:
        """Where the cue stands: "line 7", or "other.txt line 3" when borrowed."""
        where = f"line {self.line}" if self.line is not None else "page metadata"
        return f"{self.source} {where}" if self.source else where

    def borrowed(self, source: str) -> Cue:
        """This cue as evidence lent to another article of the story."""
        return replace(self, lead=False, source=source)


@dataclass(frozen=True)
class Evidence:
    """All cues of one article: what it declares, and what its content says."""

    path: str
    declared: tuple[Cue, ...]
    content: tuple[Cue, ...]

    def year_context(self) -> tuple[Cue, ...]:
        """Cues that bound the year of the story's events, to lend to sibling articles.

        Years told as past ("in May 2018", "on June 25, 1950") and copyright
        years say when the *events* can be, so they hold for every article
        reporting them; weekdays and month-days do not travel this way.
        """
        lent: list[Cue] = []
        for cue in self.content:
            if cue.kind in (YEAR, MONTH_YEAR, COPYRIGHT) and (cue.tense in TOLD or cue.kind == COPYRIGHT):
                lent.append(cue.borrowed(self.path))
            elif cue.kind == DATE and cue.year is not None and cue.tense in TOLD:
                lent.append(Cue(YEAR, cue.line, cue.quote, cue.tense, year=cue.year, source=self.path))
        return tuple(lent)


def read_evidence(article: Article, page_date: str | None = None) -> Evidence:
    """The date cues of `article`, in line order, plus the page's declared date.

    Content cues are read until `MAX_CONTENT_CUES`, stated date lines until
    `MAX_STATED`: an article's date shows in its head and first paragraphs,
    and every candidate day is priced against every cue and claim, so a dump
    of thousands of dated lines would cost their square.
    """
    declared: list[Cue] = []
    content: list[Cue] = []
    if page_date:
        parsed = parse_declared(page_date[:10])
        if parsed is not None:
            declared.append(Cue(PAGE, None, page_date, dates=parsed.dates, precision=parsed.precision))
    lead = _lead_line(article.lines)
    for line in article.lines:
        text = line.content
        if line.role == Role.META and line.field == MetaField.DATE:
            if len(declared) < MAX_STATED:
                declared.extend(_stated(line, text, content))
        elif line.role == Role.NOISE and line.reason == Reason.COPYRIGHT:
            content.extend(
                Cue(COPYRIGHT, line.n, copyright_notice(text), year=year)
                for year in copyright_years(text)[-1:]
            )
        elif _is_content(line) and len(content) < MAX_CONTENT_CUES:
            content.extend(_content_cues(line.n, text, lead=line.n == lead, headline=line.role == Role.META))
    return Evidence(article.path, tuple(declared), tuple(content))


def _stated(line: Line, text: str, content: list[Cue]) -> list[Cue]:
    """A stated date line; one without a year still gives its month-day as a cue of the lead."""
    parsed = parse_declared(text)
    if parsed is not None:
        return [Cue(STATED, line.n, text.strip(), dates=parsed.dates, precision=parsed.precision)]
    mention = yearless_date(text)
    if mention is not None:
        content.append(
            Cue(
                DATE,
                line.n,
                text.strip(),
                Tense.REPORT,
                lead=True,
                weekday=mention.weekday,
                readings=mention.readings,
                modifier=STATED_DAY,
            )
        )
    return []


def _is_content(line: Line) -> bool:
    if line.role == Role.BODY:
        return True
    if line.role == Role.META:
        return line.field in _CONTENT_FIELDS
    return line.role == Role.NOISE and line.reason in _CONTENT_NOISE


def _lead_line(lines: tuple[Line, ...]) -> int | None:
    """The first paragraph of article text: the one whose weekday is the news day."""
    for line in lines:
        if (
            line.role == Role.BODY
            and len(line.content.split()) >= LEAD_MIN_WORDS
            and not is_release_note(line.content)
        ):
            return line.n
    return None


def _content_cues(n: int, text: str, *, lead: bool, headline: bool) -> list[Cue]:
    cues: list[Cue] = []
    for mention in find_mentions(text):
        if is_release(text, mention.start):
            if mention.kind == DATE:
                cues.append(_release(n, text, mention))
            continue  # a release note's weekday alone is no news day
        bare = mention.kind in (YEAR, MONTH_YEAR, MONTH)
        tense = tense_at(text, mention.start, mention.end, default=Tense.UNKNOWN if bare else Tense.PAST)
        if mention.kind == DATE and _ATTRIBUTIVE.search(text, 0, mention.start):
            tense = Tense.UNKNOWN  # "money raised for the May 6 referendum": the verb is not the date's
        if headline and tense in TOLD:
            tense = Tense.PAST  # headlines use the present for past events
        if mention.modifier in ("next", "tomorrow"):
            tense = Tense.FUTURE
        elif mention.modifier in ("last", "yesterday", "since"):
            tense = Tense.PAST  # "since 2019" can only look back
        dateline = mention.kind == DATE and is_dateline(text, mention.start, mention.end)
        cue = Cue(
            mention.kind,
            n,
            snippet(text, mention.start, mention.end),
            tense,
            lead=lead or dateline,
            year=mention.year,
            month=mention.month,
            weekday=mention.weekday,
            readings=mention.readings,
            modifier=DATELINE if dateline else mention.modifier,
        )
        if mention.kind == MONTH_YEAR:
            if mention.year is None or mention.month is None:
                continue
            cue = replace(cue, dates=(month_start(mention.year, mention.month),))
        cues.append(cue)
    return cues


def _release(n: int, text: str, mention: Mention) -> Cue:
    """The day a release note names: the day the article is to appear, filed some days before."""
    return Cue(
        DATE,
        n,
        snippet(text, mention.start, mention.end),
        Tense.REPORT,
        year=mention.year,
        weekday=mention.weekday,
        readings=mention.readings,
        modifier=RELEASE,
    )
