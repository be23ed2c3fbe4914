"""The typed values a sentence states, normalized so that wordings compare equal.

Two reports of one event conflict only in what they *state*: a place, a name,
a count, a duration, a date, an amount. Each value found here carries the
slot it fills, read from the words around it ("from <place>", "<N>-day
<trip>", "<head> University"), because only values in the same slot can
conflict: "three-day strike" and "1,200 metres" are both numbers but say
nothing about each other. Keys are normalized ("three-day", "3 days" and "a
three day" are all `3 day`; "a week-long" is `7 day`; "4,000" is `4000`), so
different wording of one value never looks like a disagreement.

Everything is read from the sentence text and its entity offsets: no parser,
so it works on any `Nlp` backend.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from newsweave.analyze.entities import entity_key
from newsweave.models import Entity, Sentence
from newsweave.vocabulary import WEEKDAYS, Granularity

PLACE = "place"
NAME = "name"
NUMBER = "number"
DURATION = "duration"
DATE = "date"
OFFER = "offer"

DEPARTURE = "departure place"


def _split(words: str) -> list[str]:
    return words.split()


_WORD_NUMBERS = {
    word: value
    for value, word in enumerate(
        _split(
            "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
            "fifteen sixteen seventeen eighteen nineteen twenty"
        )
    )
}
_WORD_NUMBERS.update({"thirty": 30, "forty": 40, "fifty": 50, "hundred": 100, "a": 1, "an": 1})
_NUM = r"\d+(?:[.,]\d+)*|" + "|".join(sorted(_WORD_NUMBERS, key=len, reverse=True))
_UNIT = r"day|week|month|year|hour|minute"
_DURATION = re.compile(
    rf"\b(?:(?P<n1>{_NUM})[\s-])?(?P<u1>{_UNIT})s?-long\b"
    rf"|\b(?P<n2>{_NUM})[\s-](?P<u2>{_UNIT})(?![\w-])(?!s\b)"
    rf"|\b(?P<n3>{_NUM})\s+(?P<u3>{_UNIT})s\b",
    re.IGNORECASE,
)
_APPROX = re.compile(
    r"\b(?:nearly|almost|about|around|roughly|some|approximately|over|under|more than|less than|"
    r"up to|at least|close to)\s+(?:a\s+|an\s+)?$",
    re.IGNORECASE,
)
_MULTIPLIER = {"thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000, "m": 1_000_000, "bn": 1e9}
_CURRENCY_SIGN = {"$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY"}
_CURRENCY_WORD = {"dollar": "USD", "euro": "EUR", "pound": "GBP", "yen": "JPY", "yuan": "CNY"}
_MONEY = re.compile(
    r"(?P<sign>[$€£¥])\s?(?P<a1>\d[\d,]*(?:\.\d+)?)(?:\s?(?P<m1>thousand|million|billion|bn|m)\b)?"
    r"|\b(?P<a2>\d[\d,]*(?:\.\d+)?)\s(?:(?P<m2>thousand|million|billion)\s)?(?P<cur>dollar|euro|pound|yen|yuan)s?\b",
    re.IGNORECASE,
)
_COUNT = re.compile(
    rf"\b(?P<n>{_NUM})(?:\s(?P<m>thousand|million|billion))?\s(?P<w1>[a-z][a-z-]+)(?:\s(?P<w2>[a-z][a-z-]+s)\b)?"
)
_YEAR = re.compile(r"^(1[89]|20)\d\d$")
_PART_OF_FIGURE = re.compile(r"(?:\d\s?[-–]\s?|\d[.,]\s|\d+[\s-]of[\s-](?:the\s+[\w']+\s+)?)$", re.IGNORECASE)
"""Before a number, what makes it part of a larger figure rather than a count
of its own: a score or record ("14-0 lead", "35-47 record"), the whole of a
part ("29 of 34 passes", "10 of the team's 16 games"), or the digits after a
separator set apart ("4, 051 yards", "magnitude 6. 0"), a figure misread."""
_CONVERSION = re.compile(r"(?:\d|thousand|million|billion|bn|m)[\w-]*\s*\(\s*$", re.IGNORECASE)
"""Before an amount, a figure and an opening bracket: the amount converts the
one before it into another currency ("€110 billion ($158 billion)"); it
states nothing of its own."""
_SPLIT_DECIMAL = re.compile(r"^[.,]\s\d")
_DEPARTURE_VERB = re.compile(r"\b(?:left|leaves|leaving|depart(?:s|ed|ing|ure)?)\b", re.IGNORECASE)
_CLAUSE_END = re.compile(r"[,;:—–()]|\s-\s")
_WEEKDAY = re.compile(rf"\b({'|'.join(WEEKDAYS)})\b")
_FUTURE = re.compile(r"\b(?:will|next|plans? to|is to|are to|due to)\b", re.IGNORECASE)
_TRIP_WORDS = frozenset(["trip", "visit", "tour", "stay", "journey", "travel", "voyage", "mission"])
_EVENT_WORDS = _TRIP_WORDS | frozenset(
    _split(
        "trek expedition hike cruise flight closure strike talks summit conference festival "
        "operation ceasefire truce siege campaign war trial shutdown lockdown outage search hunt "
        "standoff protest sentence term"
    )
)
INSTITUTIONS = frozenset(
    _split(
        "university college school academy institute hospital clinic airport station museum bank "
        "stadium cathedral church mosque temple palace port harbour harbor aquarium zoo "
        "base hotel prison court library theatre theater arena bridge"
    )
)
_GENERIC_PLACE_WORDS = frozenset(["city", "town", "village", "district", "province", "region", "county"])
_DATE_FILLER = frozenset({"on", "last", "this", "early", "late", "earlier", "later", "the", "since", "by"})
_MONTH_BEFORE = re.compile(
    r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+$", re.IGNORECASE
)
_LOCATIVE = frozenset({"from", "in", "at", "near", "to", "into", "of"})
_NOT_COUNTED = frozenset(
    _split(
        "of to and or times percent per the a an in on at by for from with years year days day "
        "weeks week months month hours hour minutes minute thousand million billion"
    )
)


@dataclass(frozen=True)
class Value:
    """One value a sentence states: `kind` (place, name, number, duration, date,
    offer), `key` (normalized, compared), `written` (as in the text), `slot`
    (the role it fills, also the divergence topic) and whether it is only
    approximate ("nearly a week")."""

    kind: str
    key: str
    written: str
    slot: str
    approx: bool = False


Canonical = Callable[[str], str]


def place_key(name: str) -> str:
    """Comparison key of a place name: "the city of Lyon", "Lyon City" and "Lyon" are one."""
    words = [w for w in entity_key(name).split() if w not in _GENERIC_PLACE_WORDS and w != "of"]
    return " ".join(words) or entity_key(name)


def number_value(token: str) -> float | None:
    word = token.casefold()
    if word in _WORD_NUMBERS:
        return float(_WORD_NUMBERS[word])
    cleaned = token.replace(",", "")
    try:
        return float(cleaned)
    except ValueError:
        return None


def numerals(text: str) -> frozenset[float]:
    """Every number the text states, in figures or words ("12", "1,200", "seven")."""
    tokens = re.findall(rf"\b(?:{_NUM})\b", text, re.IGNORECASE)
    found = (number_value(token) for token in tokens if token.casefold() not in {"a", "an"})
    return frozenset(n for n in found if n is not None)


def _fmt(number: float) -> str:
    return str(int(number)) if float(number).is_integer() else f"{number:g}"


def _singular(word: str) -> str:
    word = word.casefold()
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def _words_after(text: str, end: int, count: int) -> list[str]:
    return re.findall(r"[A-Za-z][A-Za-z'-]*", text[end:])[:count]


def _approx(text: str, start: int) -> bool:
    return bool(_APPROX.search(text[max(0, start - 20) : start]))


def durations(text: str) -> Iterator[tuple[Value, int, int]]:
    """Durations of named happenings: "a three-day summit", "5 days on her tour", "a week-long strike"."""
    for match in _DURATION.finditer(text):
        raw_number = match.group("n1") or match.group("n2") or match.group("n3") or "1"
        unit = (match.group("u1") or match.group("u2") or match.group("u3")).casefold()
        number = number_value(raw_number)
        if number is None:
            continue
        head = _duration_head(text, match.start(), match.end(), plural=bool(match.group("n3")))
        if head is None:
            continue
        if unit == "week":
            number, unit = number * 7, "day"
        key = f"{_fmt(number)} {unit}"
        slot = "duration of trip" if head in _TRIP_WORDS else f"duration of {head}"
        written = match.group(0)
        yield Value(DURATION, key, written, slot, _approx(text, match.start())), match.start(), match.end()


def _duration_head(text: str, start: int, end: int, plural: bool) -> str | None:
    """The happening a duration measures, or None when the words do not say."""
    following = [_singular(w) for w in _words_after(text, end, 4)]
    if not plural:
        for word in following[:2]:
            if word in _EVENT_WORDS:
                return word
        return None
    # "nine days on her tour", "three weeks of talks"; or "a tour of four days"
    if following and following[0] in {"on", "of", "in"}:
        for word in following[1:4]:
            if word in _EVENT_WORDS:
                return word
    before = re.findall(r"[A-Za-z]+", text[max(0, start - 30) : start])[-2:]
    if (
        len(before) == 2
        and before[1].casefold() in {"of", "lasting"}
        and _singular(before[0]) in _EVENT_WORDS
    ):
        return _singular(before[0])
    return None


def amounts(text: str) -> Iterator[tuple[Value, int, int]]:
    """Sums of money, currency and scale normalized ("$2.5m" and "2.5 million dollars" are one)."""
    for match in _MONEY.finditer(text):
        amount = number_value(match.group("a1") or match.group("a2"))
        if (
            amount is None
            or _CONVERSION.search(text[max(0, match.start() - 40) : match.start()])
            or _SPLIT_DECIMAL.match(text[match.end() :])
        ):
            continue
        scale = (match.group("m1") or match.group("m2") or "").casefold()
        currency = (
            _CURRENCY_SIGN[match.group("sign")]
            if match.group("sign")
            else _CURRENCY_WORD[match.group("cur").casefold()]
        )
        total = amount * _MULTIPLIER.get(scale, 1)
        before = re.findall(r"[A-Za-z]+", text[max(0, match.start() - 40) : match.start()])
        offers = {
            "offer",
            "offered",
            "bid",
            "deal",
            "fine",
            "fined",
            "price",
            "ransom",
            "reward",
            "pay",
            "paid",
        }
        slot = "amount offered" if offers & {w.casefold() for w in before} else "amount"
        value = Value(
            OFFER, f"{currency} {_fmt(round(total, 2))}", match.group(0), slot, _approx(text, match.start())
        )
        yield value, match.start(), match.end()


def counts(text: str, taken: list[tuple[int, int]]) -> Iterator[Value]:
    """Counts of things ("five drones", "4,000 troops"), keyed by the counted noun."""
    for match in _COUNT.finditer(text):
        if any(s < match.end() and match.start() < e for s, e in taken):
            continue
        raw = match.group("n")
        if _MONTH_BEFORE.search(text[max(0, match.start() - 12) : match.start()]):
            continue
        if _PART_OF_FIGURE.search(text[max(0, match.start() - 40) : match.start()]):
            continue
        if raw.casefold() in {"a", "an", "one", "zero"} or _YEAR.match(raw):
            continue
        number = number_value(raw)
        first = match.group("w1")
        if number is None or first.casefold() in _NOT_COUNTED:
            continue
        number *= _MULTIPLIER.get((match.group("m") or "").casefold(), 1)
        noun = match.group("w2") or first
        slot = f"number of {first} {match.group('w2')}" if match.group("w2") else f"number of {first}"
        written = text[match.start() : match.end()]
        yield Value(NUMBER, f"{_fmt(number)} {_singular(noun)}", written, slot, _approx(text, match.start()))


def weekday_dates(sentence: Sentence, published: date | None) -> Iterator[Value]:
    """Dates of the sentence: its resolved time references, or else a weekday
    resolved against the publication date (the latest such day on or before
    it: news tells the past), skipped in sentences about plans."""
    if sentence.times:
        for ref in sentence.times:
            if ref.granularity == Granularity.DAY:
                yield Value(DATE, ref.value, ref.phrase, _lead_word(sentence.text, ref.start))
        return
    if published is None or _FUTURE.search(sentence.text):
        return
    for match in _WEEKDAY.finditer(sentence.text):
        gap = (published.weekday() - WEEKDAYS.index(match.group(1))) % 7
        day = published - timedelta(days=gap)
        yield Value(DATE, day.isoformat(), match.group(1), _lead_word(sentence.text, match.start()))


def _lead_word(text: str, start: int) -> str:
    """What a date or place is attached to: the word before it, skipping
    "on", "last", "this" ("collapsed on Tuesday" -> "collapsed"); "" at the start."""
    words = re.findall(r"[A-Za-z']+", text[:start])
    while words and words[-1].casefold() in _DATE_FILLER:
        words.pop()
    return words[-1].casefold() if words else ""


def entity_values(
    sentence: Sentence, canonical: Canonical, places: frozenset[str], setting: frozenset[str]
) -> Iterator[Value]:
    """Places with the preposition before them, the departure place, and
    institution names keyed by their head word ("<...> University")."""
    text = sentence.text
    departure = _departure_span(text)
    for entity in sentence.entities:
        name = canonical(entity.text)
        key = place_key(name)
        if key in places and key not in setting:
            before = _word_before(text, entity)
            if before in _LOCATIVE:
                yield Value(
                    PLACE, key, entity.text, f"{_lead_word(text, _preposition_start(text, entity))} {before}"
                )
            if departure and departure[0] <= entity.start < departure[1] and _departure_context(text, entity):
                yield Value(PLACE, key, entity.text, DEPARTURE)
        words = entity_key(entity.text).split()
        if len(words) >= 2 and words[-1] in INSTITUTIONS:
            written = re.sub(r"^the\s+", "", entity.text, flags=re.IGNORECASE)
            yield Value(NAME, entity_key(entity.text), written, words[-1])


def _word_before(text: str, entity: Entity) -> str:
    words = re.findall(r"[A-Za-z]+", text[max(0, entity.start - 25) : max(entity.start, 0)])
    words = [w for w in words if w.casefold() != "the"]
    return words[-1].casefold() if words else ""


def _preposition_start(text: str, entity: Entity) -> int:
    found = list(re.finditer(r"[A-Za-z]+", text[: max(entity.start, 0)]))
    found = [m for m in found if m.group(0).casefold() != "the"]
    return found[-1].start() if found else 0


def _departure_span(text: str) -> tuple[int, int] | None:
    """From a departure verb to the end of its clause."""
    verb = _DEPARTURE_VERB.search(text)
    if verb is None:
        return None
    end = _CLAUSE_END.search(text, verb.end())
    return verb.start(), end.start() if end else len(text)


def _departure_context(text: str, entity: Entity) -> bool:
    """The place is where the leaving happens: "departing X", "left (the city of) X",
    "departure from X", or, after "depart...", "in/at X"."""
    between = text[: entity.start]
    verb = list(_DEPARTURE_VERB.finditer(between))
    if not verb:
        return False
    last = verb[-1]
    gap = between[last.end() :].strip().casefold()
    if gap in {"", "from", "the"} or re.fullmatch(r"(?:the\s+)?(?:[a-z]+\s+){0,3}(?:city|town|port) of", gap):
        return True
    return last.group(0).casefold().startswith("depart") and _word_before(text, entity) in {
        "from",
        "in",
        "at",
    }


def sentence_values(
    sentence: Sentence,
    canonical: Canonical,
    places: frozenset[str],
    setting: frozenset[str],
    published: date | None,
) -> tuple[Value, ...]:
    """Every typed value the sentence states, in a stable order."""
    text = sentence.text
    found: list[Value] = []
    taken: list[tuple[int, int]] = []
    for value, start, end in [*durations(text), *amounts(text)]:
        found.append(value)
        taken.append((start, end))
    taken.extend((ref.start, ref.end) for ref in sentence.times)
    found.extend(counts(text, taken))
    found.extend(weekday_dates(sentence, published))
    found.extend(entity_values(sentence, canonical, places, setting))
    unique = dict.fromkeys(found)
    return tuple(unique)
