"""Find the calendar expressions written in a line of text.

Why our own patterns rather than a date library over the whole text: a
publication date is inferred from *how* dates are written as much as from
what they say. "Monday (March 4)" binds a weekday to a month-day, which
pins the year to a handful of candidates; "3/18/2024" is unambiguous only
because 18 cannot be a month, while "4/3/2024" stays two readings; "in late
2011" is a year told as the past, not a date. A library that returns one
normalised datetime per match (and fills a missing year from today's date)
loses exactly these distinctions, so each expression becomes a `Mention` that
keeps them. dateparser is used only as a fallback for stated-date lines in
formats these patterns do not know, with a fixed base date and a year
required, so the clock can never leak in.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

import dateparser

from newsweave.dating.calendar import make, month_number, weekday_number
from newsweave.vocabulary import MONTHS, WEEKDAYS, Granularity

DATE = "date"  # a month-day, with or without a year and a weekday
MONTH_YEAR = "month_year"  # "May 2018"
YEAR = "year"  # "in late 2009"
MONTH = "month"  # "in July" (no day, no year)
WEEKDAY = "weekday"  # "on Sunday", "last Tuesday"


def _words(names: list[str]) -> str:
    variants = {variant for name in names for variant in (name, name.upper())}
    return r"\b(?:" + "|".join(sorted(variants, key=lambda v: (-len(v), v))) + r")\b"


_ABBREVIATED = ["Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec"]
_MON = _words([*MONTHS, *_ABBREVIATED])
_FULL_MON = _words(list(MONTHS))
_WD = _words(list(WEEKDAYS))
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?\b"
_YR = r"(?:19|20)\d{2}\b"
_YEAR_TAIL = rf"(?:\s*,?\s*(?P<year>{_YR}))?"
_OPEN = r"\s*[,(]?\s*"
_CLOSE = r"(?:\s*\))?"
_NOT_NUMBER = r"(?<![\d,.\-/])"

# Order matters only on ties: at one start position the longest match wins.
_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (kind, re.compile(pattern))
    for kind, pattern in (
        (DATE, rf"(?P<wd>{_WD}){_OPEN}(?P<mon>{_MON})\.?\s+(?P<day>{_DAY}){_YEAR_TAIL}{_CLOSE}"),
        (DATE, rf"(?P<wd>{_WD}){_OPEN}(?P<day>{_DAY})\s+(?:of\s+)?(?P<mon>{_MON})\.?{_YEAR_TAIL}{_CLOSE}"),
        (DATE, rf"(?P<mon>{_MON})\.?\s+(?P<day>{_DAY}){_YEAR_TAIL}\s*(?:,\s*|\(\s*)(?P<wd>{_WD}){_CLOSE}"),
        (DATE, rf"(?P<mon>{_MON})\.?\s+(?P<day>{_DAY}){_YEAR_TAIL}"),
        (DATE, rf"{_NOT_NUMBER}(?P<day>{_DAY})\s+(?:of\s+)?(?P<mon>{_MON})\.?{_YEAR_TAIL}"),
        (DATE, rf"{_NOT_NUMBER}(?P<year>{_YR})-(?P<mon>\d{{1,2}})-(?P<day>\d{{1,2}})(?!\d)"),
        (DATE, rf"{_NOT_NUMBER}(?P<a>\d{{1,2}})(?P<sep>[/.])(?P<b>\d{{1,2}})(?P=sep)(?P<year>{_YR})"),
        (MONTH_YEAR, rf"(?P<mon>{_MON})\.?\s+(?:of\s+)?(?P<year>{_YR})"),
        (
            YEAR,
            r"(?P<pre>(?:\b(?:[Ii]n|[Ss]ince|of|[Ff]rom|[Dd]uring|[Ll]ate|[Ee]arly|[Mm]id|[Ss]pring"
            rf"|[Ss]ummer|[Aa]utumn|[Ff]all|[Ww]inter)(?:\s+|-))+)(?P<year>{_YR})",
        ),
        (
            MONTH,
            r"\b(?P<mod>[Ii]n|[Ss]ince|[Dd]uring|[Ee]arly|[Ll]ate|[Mm]id|[Ll]ast|[Nn]ext|[Tt]his)[\s-]+"
            rf"(?:(?:early|late|mid)[\s-]+)?(?P<mon>{_FULL_MON})(?!\.?\s*\d)",
        ),
        (
            WEEKDAY,
            r"(?:\b(?P<mod>[Ll]ast|[Nn]ext|[Tt]his|[Tt]oday|[Yy]esterday|[Tt]omorrow)\s*(?P<paren>\()?\s*)?"
            rf"(?P<wd>{_WD})(?(paren)\s*\))",
        ),
    )
)
_COPYRIGHT_NOTICE = re.compile(
    r"(?:©|\(c\)|copyright)[^\d\n]{0,60}?(?:(?:19|20)\d{2}\s*[-–]\s*)?(?:19|20)\d{2}", re.IGNORECASE
)
_DATELINE_HEAD = re.compile(r"^\W*[A-Z][A-Za-z.' -]{1,40},\s*$")
_DATELINE_TAIL = re.compile(r"^\s*,?\s*(?:\([^()]{1,40}\))?\s*(?:[-—–]{1,2}|:)\s")
# A release (embargo) note: "(For release Saturday, Oct. 9)", "EMBARGOED UNTIL 00:01 GMT Tuesday, March 5".
_RELEASE_PHRASE = (
    r"(?:for\s+(?:release|publication|use)|hold\s+for\s+release|embargoed?(?:\s+(?:until|till|for|to))?"
    r"|not\s+for\s+(?:release|publication)\s+(?:before|until)|release\s+date)\b"
)
_RELEASE_BEFORE = re.compile(
    rf"\b{_RELEASE_PHRASE}[\s:,-]*(?:(?:on|at|after|until|before)\s+)?"
    r"(?:\d{1,2}(?:[:.]\d{2})?\s*(?:[ap]\.?m\.?)?[\s,]*(?:[a-z]{2,4}[\s,]+)?)?$",
    re.IGNORECASE,
)
_RELEASE_NOTE = re.compile(rf"^\W*{_RELEASE_PHRASE}", re.IGNORECASE)
_RELEASE_REACH = 60
_YEAR_TOKEN = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
_DECLARED_LABEL = re.compile(
    r"^\W*(?:date|published|updated|posted|last updated|first published)(?:\s+on)?\s*[:：]?\s*", re.IGNORECASE
)
_FIXED_BASE = datetime(2000, 1, 1)  # never used for a result: a year is always required
_DATEPARSER_SETTINGS: dict[str, object] = {
    "PREFER_DATES_FROM": "past",
    "RELATIVE_BASE": _FIXED_BASE,
    "REQUIRE_PARTS": ["day", "month", "year"],
    "PARSERS": ["custom-formats", "absolute-time"],
    "RETURN_AS_TIMEZONE_AWARE": False,
}


@dataclass(frozen=True)
class Mention:
    """One calendar expression at `text[start:end]`.

    `readings` holds the (month, day) pairs a DATE can mean: one, or two for a
    numeric date whose day and month could be swapped ("4/3/2024").
    `modifier` is "last", "next", "this", "today", "yesterday", "tomorrow" or
    the preposition before a bare month ("in", "since", ...).
    """

    kind: str
    start: int
    end: int
    year: int | None = None
    month: int | None = None
    weekday: int | None = None
    readings: tuple[tuple[int, int], ...] = ()
    modifier: str | None = None


@dataclass(frozen=True)
class Declared:
    """What a stated-date line says: the dates it can mean and how precise it is."""

    dates: tuple[date, ...]
    precision: Granularity  # a day or a month


def find_mentions(text: str) -> list[Mention]:
    """Non-overlapping calendar expressions in reading order (longest first at each start)."""
    found: list[tuple[int, int, int, str, re.Match[str]]] = []
    for order, (kind, pattern) in enumerate(_PATTERNS):
        for match in pattern.finditer(text):
            found.append((match.start(), -(match.end() - match.start()), order, kind, match))
    found.sort(key=lambda item: item[:3])
    mentions: list[Mention] = []
    taken_until = -1
    for start, _length, _order, kind, match in found:
        if start < taken_until:
            continue
        mention = _mention(kind, match)
        if mention is not None:
            mentions.append(mention)
            taken_until = match.end()
    return mentions


def _mention(kind: str, match: re.Match[str]) -> Mention | None:
    groups = {name: value for name, value in match.groupdict().items() if value is not None}
    year = int(groups["year"]) if "year" in groups else None
    weekday = weekday_number(groups["wd"]) if "wd" in groups else None
    start, end = match.start(), match.end()
    if kind == DATE:
        readings = _readings(groups, year)
        if not readings:
            return None
        return Mention(DATE, start, end, year=year, weekday=weekday, readings=readings)
    if kind == MONTH_YEAR:
        return Mention(MONTH_YEAR, start, end, year=year, month=month_number(groups["mon"]))
    if kind == YEAR:
        return Mention(YEAR, start, end, year=year, modifier=groups["pre"].split()[0].lower())
    if kind == MONTH:
        return Mention(MONTH, start, end, month=month_number(groups["mon"]), modifier=groups["mod"].lower())
    modifier = groups["mod"].lower() if "mod" in groups else None
    return Mention(WEEKDAY, start, end, weekday=weekday, modifier=modifier)


def _readings(groups: dict[str, str], year: int | None) -> tuple[tuple[int, int], ...]:
    """(month, day) pairs that exist; numeric dates may allow both orders."""
    if "a" in groups:
        first, second = int(groups["a"]), int(groups["b"])
        if groups["sep"] == ".":
            pairs = [(second, first)]  # 18.03.2024 is day-first wherever dots are used
        elif first == second or first > 12 or second > 12:
            pairs = [(second, first)] if first > 12 else [(first, second)]
        else:
            pairs = [(first, second), (second, first)]  # 4/3/2024: April 3 (US) or 4 March
    else:
        month = month_number(groups["mon"]) if not groups["mon"].isdigit() else int(groups["mon"])
        day = int(re.sub(r"\D", "", groups["day"]))
        pairs = [(month, day)] if month else []
    probe = year if year is not None else 2000  # a leap year: February 29 is a real month-day
    return tuple(pair for pair in pairs if 1 <= pair[0] <= 12 and make(probe, *pair) is not None)


def parse_declared(text: str) -> Declared | None:
    """The date a stated-date line gives, with its year; None when it gives no year.

    A line listing several dates ("Published ... Updated ...") is read as its
    earliest: first publication precedes every update.
    """
    full: list[tuple[date, ...]] = []
    months: list[date] = []
    previous: Mention | None = None
    for mention in find_mentions(text):
        if mention.kind == DATE and mention.year is not None:
            weekday = mention.weekday
            if mention.weekday is None and _glossed(text, previous, mention):
                weekday = previous.weekday if previous else None  # "Wednesday, 04/03/2024"
            options = tuple(
                d for d in (make(mention.year, m, day) for m, day in mention.readings) if d is not None
            )
            named = tuple(d for d in options if d.weekday() == weekday)
            options = named or options  # the weekday settles a day-month order
            if options:
                full.append(options)
        elif mention.kind == MONTH_YEAR and mention.year is not None and mention.month is not None:
            months.append(date(mention.year, mention.month, 1))
        previous = mention
    if full:
        return Declared(min(full, key=min), Granularity.DAY)
    if months:
        return Declared((min(months),), Granularity.MONTH)
    return _dateparser_fallback(text)


def _glossed(text: str, previous: Mention | None, mention: Mention) -> bool:
    """True when a weekday stands right before a date, separated by at most a comma."""
    return (
        previous is not None
        and previous.kind == WEEKDAY
        and not text[previous.end : mention.start].strip(" ,")
    )


def _dateparser_fallback(text: str) -> Declared | None:
    years = {int(token) for token in _YEAR_TOKEN.findall(text)}
    if not years:
        return None
    parsed = dateparser.parse(_DECLARED_LABEL.sub("", text), languages=["en"], settings=_DATEPARSER_SETTINGS)
    if parsed is None or parsed.year not in years:
        return None
    return Declared((parsed.date(),), Granularity.DAY)


def yearless_date(text: str) -> Mention | None:
    """The first month-day without a year on a stated-date line ("Published: Sept. 18")."""
    for mention in find_mentions(text):
        if mention.kind == DATE and mention.year is None:
            return mention
    return None


def copyright_years(text: str) -> list[int]:
    """Years on a copyright line ("© 2003-2024" gives both)."""
    return [int(token) for token in _YEAR_TOKEN.findall(text)]


def copyright_notice(text: str) -> str:
    """The notice itself ("© 2024"), for quoting; the line's start when it has another form."""
    match = _COPYRIGHT_NOTICE.search(text)
    return match.group(0) if match else text.strip()[:40]


def is_dateline(text: str, start: int, end: int) -> bool:
    """True for a date in a dateline: "LISBON, March 7 (Agency) — The bank ..."."""
    return bool(_DATELINE_HEAD.match(text[:start]) and _DATELINE_TAIL.match(text[end:]))


def is_release(text: str, start: int) -> bool:
    """True for the day a release note names: "(For release Saturday, Oct. 9)"."""
    return bool(_RELEASE_BEFORE.search(text[max(0, start - _RELEASE_REACH) : start]))


def is_release_note(text: str) -> bool:
    """True for a line that opens with a release note: wire handling, not the story's lead."""
    return bool(_RELEASE_NOTE.match(text))
