"""How a date is told: as reported news, as the past, the present or the future.

Why it matters: the same "Monday" constrains the publication day in opposite
ways. "The ministry reported on Monday" says the article is written on that
Monday or just after; "the mayor met the unions on Wednesday" only says the Wednesday is
already past; "the leaders will meet on Monday" says it is still ahead, so it
must never be taken for the publication date. English marks this with a few
words near the date (a reporting verb, an auxiliary, "expected to"), and the
*closest* such word is the one that governs it — "was expected to return ...
around Monday" is future although "was" is past. That is the whole rule: scan
back from the date to the start of its sentence and let the nearest marker
decide; a date that opens its sentence ("On Saturday, the mayor met ...") is
governed by the verb that follows it. No parser is needed, and the result is
the same on every run.
"""

from __future__ import annotations

import re

PAST = "past"
REPORT = "report"
PRESENT = "present"
FUTURE = "future"
UNKNOWN = "unknown"  # no marker: a bare year may be past or ahead ("opens in 2027")
TOLD = frozenset({PAST, REPORT, PRESENT})  # told as having happened (or happening)

_FUTURE_WORDS = (
    r"will|would|shall|won['’]t|\w+['’]ll|going to|ahead of|upcoming|coming|next|later this"
    r"|(?:is|are|was|were) (?:due|set|to)|scheduled|slated"
    r"|(?:plans?|planned|planning|intends?|intended|expects?|expected|vows?|vowed|agrees?|agreed"
    r"|promises?|promised|pledges?|pledged|aims?|aimed|hopes?|hoped|wants?|wanted|set) to"
)
_REPORT_WORDS = (
    r"said|says|say|reported|reports|announced|announces|told|tells|confirmed|confirms|stated|states"
    r"|added|adds|noted|wrote|writes|quoted|published|released|disclosed|revealed|declared|according to"
)
_PRESENT_WORDS = r"is|are|am|isn['’]t|aren['’]t|today|tonight|now|currently"
_PAST_WORDS = (
    r"was|were|had|did|earlier|ago|yesterday|last|previously|\w+ed|left|met|began|begun|held|went|came"
    r"|took|gave|made|saw|spoke|flew|sent|won|lost|fell|rose|struck|ran|led|fled|sought|brought|bought"
    r"|built|kept|paid|sold|spent|stood|broke|chose|drove|found|got|heard|knew|meant|put|shot|shut"
    r"|spread|stole|swore|taught|thought|threw|understood|woke|wore|hit|cut|quit"
)
# Tried in this order, so on equal distance a future or reporting reading wins.
_MARKERS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (tense, re.compile(rf"\b(?:{words})\b", re.IGNORECASE))
    for tense, words in (
        (FUTURE, _FUTURE_WORDS),
        (REPORT, _REPORT_WORDS),
        (PRESENT, _PRESENT_WORDS),
        (PAST, _PAST_WORDS),
    )
)
# A day named as the edge of a span ("from 6am on Thursday", "until Friday",
# "by March 4") is a schedule or a deadline, not when something happened.
_SPAN_EDGE = re.compile(r"\b(?:from|until|till|through|by|before|starting|beginning)\b", re.IGNORECASE)
_SPAN_WORDS = 3
_BOUNDARY = re.compile(r"(?:[.!?;:]\s|\s[—–]\s|\s-\s|^)")
_SENTENCE_END = re.compile(r"[.!?;]\s|$")
_LOOKBACK_WORDS = 12
_LOOKAHEAD_WORDS = 8
_OPENERS = frozenset({"on", "by", "late", "early", "earlier", "later", "and", "but", "since", "until"})
_PREPOSITIONS = frozenset({"on", "in", "since", "during", "from", "of", "by", "until", "around", "last"})
_SNIPPET_WORDS = 8


def sentence_start(text: str, start: int) -> int:
    """Where the sentence holding `text[start]` begins (after ". ", "; ", a dash...)."""
    last = 0
    for match in _BOUNDARY.finditer(text, 0, start):
        last = match.end()
    return last


def tense_at(text: str, start: int, end: int, default: str = PAST) -> str:
    """PAST, REPORT, PRESENT or FUTURE for the date at `text[start:end]`.

    Without a marker, `default`: PAST for days and weekdays (news reports
    what happened), UNKNOWN for bare years and months, which are as often
    plans ("the line opens in 2027") as history. The edge of a span ("from
    6am on Thursday", "until March 4") is UNKNOWN: it may lie either side.
    """
    head = sentence_start(text, start)
    before = text[head:start]
    words = before.split()[-_LOOKBACK_WORDS:]
    if _SPAN_EDGE.search(" ".join(words[-_SPAN_WORDS:])):
        return UNKNOWN
    window = " ".join(words)
    found = _closest(window)
    if found is not None:
        return found
    if all(word.lower().strip(",") in _OPENERS for word in words):
        stop = _SENTENCE_END.search(text, end)
        after = text[end : stop.start() if stop else len(text)].split()[:_LOOKAHEAD_WORDS]
        first = _first(" ".join(after))
        if first is not None:
            return first
    return default


def _closest(window: str) -> str | None:
    """The tense of the marker ending nearest the end of `window`."""
    best: tuple[int, int, str] | None = None
    for rank, (tense, pattern) in enumerate(_MARKERS):
        for match in pattern.finditer(window):
            key = (match.end(), -rank)
            if best is None or key > best[:2]:
                best = (match.end(), -rank, tense)
    return best[2] if best else None


def _first(window: str) -> str | None:
    """The tense of the marker starting nearest the beginning of `window`."""
    best: tuple[int, int, str] | None = None
    for rank, (tense, pattern) in enumerate(_MARKERS):
        match = pattern.search(window)
        if match is not None:
            key = (match.start(), rank)
            if best is None or key < best[:2]:
                best = (match.start(), rank, tense)
    return best[2] if best else None


def snippet(text: str, start: int, end: int) -> str:
    """The date with the words that govern it: "reported on Monday (March 4)".

    Words back to the nearest tense marker are kept (up to eight); without
    one, the three words before the date give the reader enough to find it.
    """
    head = sentence_start(text, start)
    words = text[head:start].split()[-_SNIPPET_WORDS:]
    keep = 0
    for index in range(len(words) - 1, -1, -1):
        if _closest(words[index]) is not None:
            keep = len(words) - index
            break
    if keep == 0:
        keep = min(len(words), 3)
        if keep and words[-1].lower() in _PREPOSITIONS:
            keep = min(len(words), 2)
    quoted = " ".join([*words[len(words) - keep :], text[start:end]]) if keep else text[start:end]
    return quoted.replace('"', "'").replace("“", "'").replace("”", "'").strip(" ,")
