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

A verb is only a marker of its own tense when nothing governs it: after a
modal ("would lift it to 9 percent in 2031", "will be published in May") it
tells a projection; "could", "might", "may", "should" or "would have" tell
a possibility or a counterfactual. Neither is a fact that has happened, so
such a year must never be read as a lower bound of the publication date. An
infinitive ("scheduled to be published in 2031") takes the tense of what
governs it further back. Words that only look like past participles
("hundred", "need", a capitalised "United") are not markers. The scan stops
at a clause of the date's own (", and that on May 2 she filed ..."); a date
a modal follows ("pensions in 2040 will cost") is a projection, and a day
something is meant for ("a column for Friday") may lie either side.
"""

from __future__ import annotations

import re

from newsweave.vocabulary import Tense

TOLD = frozenset({Tense.PAST, Tense.REPORT, Tense.PRESENT})  # told as having happened (or happening)

_FUTURE_WORDS = (
    r"will|would|shall|won['’]t|\w+['’]ll|going to|ahead of|upcoming|coming|next|later this"
    r"|(?:is|are|was|were) (?:due|set|to|supposed|expected|scheduled|slated|poised)"
    r"|scheduled|slated|projected|forecast|anticipated|expected"
    r"|(?:plans?|planned|planning|intends?|intended|expects?|vows?|vowed|agrees?|agreed"
    r"|promises?|promised|pledges?|pledged|aims?|aimed|hopes?|hoped|wants?|wanted|set|poised) to"
)
_REPORT_WORDS = (
    r"said|says|say|reported|reports|announced|announces|told|tells|confirmed|confirms|stated|(?-i:states)"
    r"|added|adds|noted|wrote|writes|quoted|published|released|disclosed|revealed|declared|according to"
)
_PRESENT_WORDS = r"is|are|am|isn['’]t|aren['’]t|today|tonight|now|currently"
# Lower-case "-ed" words only (a capitalised "United" is a name), less the common ones that are no verbs.
_NOT_PARTICIPLES = (
    r"(?:hundred|need|indeed|speed|seed|feed|proceed|exceed|succeed|bleed|breed|greed|red|bed|sacred)"
)
_PAST_WORDS = (
    rf"was|were|had|did|earlier|ago|yesterday|last|previously|(?-i:(?!{_NOT_PARTICIPLES}\b)[a-z]+ed)"
    r"|left|met|began|begun|held|went|came"
    r"|took|gave|made|saw|spoke|flew|sent|won|lost|fell|rose|struck|ran|led|fled|sought|brought|bought"
    r"|built|kept|paid|sold|spent|stood|broke|chose|drove|found|got|heard|knew|meant|put|shot|shut"
    r"|spread|stole|swore|taught|thought|threw|understood|woke|wore|hit|cut|quit"
)
# A possibility is neither a fact nor a plan: "the vote could come on Monday".
_POSSIBLE_WORDS = (
    r"could|couldn['’]t|might|should|must|(?-i:may)"
    r"|potential|potentially|possible|possibly|prospective|likely|unlikely|probably|perhaps"
)
# Tried in this order, so on equal distance a future or reporting reading wins.
_MARKERS: tuple[tuple[Tense, re.Pattern[str]], ...] = tuple(
    (tense, re.compile(rf"\b(?:{words})\b", re.IGNORECASE))
    for tense, words in (
        (Tense.FUTURE, _FUTURE_WORDS),
        (Tense.REPORT, _REPORT_WORDS),
        (Tense.PRESENT, _PRESENT_WORDS),
        (Tense.PAST, _PAST_WORDS),
        (Tense.UNKNOWN, _POSSIBLE_WORDS),
    )
)
# What governs a verb right before it: a modal makes it a projection, a
# possibility or a counterfactual; an infinitive defers to what governs it.
_AUXILIARY = r"(?:(?:not|never|also|still|soon|then|be|been|have|get)\s+){0,3}$"
_PROJECTION = re.compile(
    rf"\b(?:will|would|shall|won['’]t|wouldn['’]t|\w+['’]ll)\s+{_AUXILIARY}", re.IGNORECASE
)
_POSSIBILITY = re.compile(
    rf"\b(?:could|might|should|must|couldn['’]t|(?-i:may))\s+{_AUXILIARY}"
    r"|\bwould\s+(?:not\s+)?have\s+(?:been\s+)?$",
    re.IGNORECASE,
)
_INFINITIVE = re.compile(r"\bto\s+(?:(?:be|have|been|get)\s+){0,2}$", re.IGNORECASE)
_GOVERN_CHARS = 48
_RANK = {tense: rank for rank, (tense, _pattern) in enumerate(_MARKERS)}
# A day named as the edge of a span ("from 6am on Thursday", "until Friday",
# "by March 4") is a schedule or a deadline, not when something happened.
_SPAN_EDGE = re.compile(r"\b(?:from|until|till|through|by|before|starting|beginning)\b", re.IGNORECASE)
_SPAN_WORDS = 3
# A day something is meant for ("a column for Friday, May 14", "the week of
# May 3") is a target, and a date that a modal follows ("pensions in 2040
# will cost") is the time of a projection.
_TARGET = re.compile(
    r"\b(?:for|week\s+of)\s+(?:\w+['’]s\s+|(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\.?,?\s+)?$",
    re.IGNORECASE,
)
# A clause of its own ("..., and that on May 2 she filed them"): the
# main clause's verb does not tell the date's tense.
_CLAUSE = re.compile(r"(?:,\s*(?:and|but|while)\s+(?:that\s+)?|\bthat\s+)", re.IGNORECASE)
_FOLLOWED_BY_MODAL = re.compile(r"\s*,?\s*(?:will|would|shall|won['’]t)\b", re.IGNORECASE)
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


def tense_at(text: str, start: int, end: int, default: Tense = Tense.PAST) -> Tense:
    """PAST, REPORT, PRESENT, FUTURE or UNKNOWN for the date at `text[start:end]`.

    A possibility ("could", "might", "likely", a counterfactual "would
    have") is UNKNOWN: neither a fact nor a plan. Without a marker,
    `default`: PAST for days and weekdays (news reports what happened),
    UNKNOWN for bare years and months, which are as often plans ("the line
    opens in 2027") as history. The edge of a span ("from 6am on Thursday",
    "until March 4") and a target ("a column for Friday") are UNKNOWN:
    they may lie either side. A date a modal follows is FUTURE.
    """
    head = sentence_start(text, start)
    for clause in _CLAUSE.finditer(text, head, start):
        head = clause.end()
    before = text[head:start]
    words = before.split()[-_LOOKBACK_WORDS:]
    if _SPAN_EDGE.search(" ".join(words[-_SPAN_WORDS:])) or _TARGET.search(before):
        return Tense.UNKNOWN
    if _FOLLOWED_BY_MODAL.match(text, end):
        return Tense.FUTURE
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


def _markers(window: str) -> list[tuple[int, int, int, Tense]]:
    """(start, end, rank, tense) of every marker in `window`, each read with what governs it."""
    found: list[tuple[int, int, int, Tense]] = []
    for tense, pattern in _MARKERS:
        for match in pattern.finditer(window):
            governed = _governed(window[max(0, match.start() - _GOVERN_CHARS) : match.start()], tense)
            if governed is not None:
                found.append((match.start(), match.end(), _RANK[governed], governed))
    return found


def _governed(before: str, tense: Tense) -> Tense | None:
    """The tense a marker tells given the words right before it; None when it tells none itself."""
    if tense in (Tense.FUTURE, Tense.UNKNOWN):
        return tense
    if _POSSIBILITY.search(before):
        return Tense.UNKNOWN
    if _PROJECTION.search(before):
        return Tense.FUTURE
    if _INFINITIVE.search(before):
        return None  # "scheduled to be published": "scheduled" decides
    return tense


def _closest(window: str) -> Tense | None:
    """The tense of the marker ending nearest the end of `window`."""
    found = _markers(window)
    return max(found, key=lambda item: (item[1], -item[2]))[3] if found else None


def _first(window: str) -> Tense | None:
    """The tense of the marker starting nearest the beginning of `window`."""
    found = _markers(window)
    return min(found, key=lambda item: (item[0], item[2]))[3] if found else None


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
