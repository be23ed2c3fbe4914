"""Who said what in one article: attributions found by rules over each sentence.

News writes speech in a handful of fixed shapes: a quotation followed or
preceded by "<speaker> said", reported speech ("<speaker> said (that) ...",
"..., <speaker> added."), "according to <speaker>", and agency reports
("..., state media reported."). Each shape is a rule over the sentence text
with its quotations masked (a "said" inside a quotation is someone else's
speech) and its named entities (which carry offsets in the sentence text).

The speaker is the noun phrase that touches the speech verb: a named entity
with its titles ("Deputy Mayor Ana Costa"), or a phrase headed by a role word
("a ministry spokesperson", "analysts"); `newsweave.analyze.speakers` finds
those phrases, and this module decides which shape a sentence has and where its
speaker and reported content lie. "He"/"she" stands for the one person
named in the nearest sentence before that names any; a pronoun that cannot be
resolved drops the attribution, because a reader must never see "he" as a
speaker. Precision comes first: a wrong speaker is worse than a missing
attribution, so whatever does not fit a rule cleanly (questions, passives,
relative clauses, two people who could be "he") is left out.

Quotations are found by `newsweave.clean.quotation`, the scanner the
cleaning rules use too: curly, straight and guillemet marks, the newswire
style ``like this'', and single marks. Before the rules read a sentence, the
marks of the newer styles are written as curly double marks in the masked
copy, so every rule sees one kind of quotation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsweave.analyze.speakers import (
    BLOCKERS,
    MEDIA_WORDS,
    POSSESSIVE,
    PRONOUNS,
    TAIL_OPENERS,
    Token,
    described,
    leading_subject,
    plain_phrase,
    speaker_after,
    speaker_before,
    tokenize,
    word_set,
)
from newsweave.clean.quotation import inner, mark_widths, quote_spans
from newsweave.models import AnalyzedArticle, Attribution, Entity, Sentence

__all__ = ["find_attributions", "quote_spans"]

QUOTE = "quote"
SAID = "said"
ACCORDING_TO = "according_to"
REPORT = "report"

_KEPT_MARKS = frozenset({"“", "”", "«", "»", '"'})
_BARE_VERBS = frozenset(
    {"said", "says", "say", "added", "adds", "stated", "reported", "reports", "told", "tells"}
)
_THAT_VERBS = word_set(
    "warned warns announced announces claimed claims noted insisted insists denied denies confirmed "
    "confirms explained argued argues declared reiterated stressed acknowledged assured assures wrote"
)
_REPORT_VERBS = frozenset({"reported", "reports"})
_AUXILIARIES = word_set(
    "has have had also later earlier previously publicly repeatedly again then further separately "
    "already once often"
)
_AUDIENCE = word_set("reporters journalists media lawmakers parliament supporters")
_THAT_OPENERS = TAIL_OPENERS | {"for", "again", "repeatedly", "publicly", "once"}
_ACCORDING = re.compile(r"\b[Aa]ccording to\s+")
_MIN_CONTENT_WORDS = 3
_MAX_TAIL_WORDS = 12
_THAT_WINDOW = 8
_PRONOUN_WINDOW = 3
_CLOSING_MARKS = frozenset('"”»')
_SUBJECT_PRONOUN = re.compile(r"\b(?:[Hh]e|[Ss]he)\b")


@dataclass(frozen=True)
class _Found:
    speaker: tuple[int, int]
    content: tuple[int, int]
    verb: str


def find_attributions(analyzed: AnalyzedArticle) -> tuple[Attribution, ...]:
    """Every attribution of the article, in sentence order, at most one per sentence."""
    found: dict[int, Attribution] = {}
    for order, sentence in enumerate(analyzed.sentences):
        attribution = _attribution(analyzed.sentences, order, found)
        if attribution is None and order - 1 in found:
            attribution = _continued(sentence, analyzed.sentences[order - 1], found[order - 1])
        if attribution is not None:
            found[order] = attribution
    return tuple(found[order] for order in sorted(found))


def _attribution(
    sentences: tuple[Sentence, ...], order: int, earlier: dict[int, Attribution]
) -> Attribution | None:
    sentence = sentences[order]
    text = sentence.text
    spans = quote_spans(text)
    masked = _masked(text, spans)
    if "?" in masked:
        return None
    tokens = tokenize(masked, sentence)
    found = _by_verb(tokens, len(text)) or _according_to(tokens, masked)
    if found is None:
        return None
    start, end = _trim(text, *found.content, spans)
    content = text[start:end]
    if len(content.split()) < _MIN_CONTENT_WORDS or content.endswith("?"):
        return None
    speaker: str | None = text[found.speaker[0] : found.speaker[1]]
    if speaker and speaker.lower() in PRONOUNS:
        speaker = _resolve(sentences, order, earlier)
        if speaker and _others_named(sentence, spans, found.speaker[0], speaker):
            speaker = None
    if not speaker:
        return None
    direct = _quoted_share(start, end, spans) >= 0.6
    return Attribution(speaker, sentence.line, text, content, direct, _kind(found.verb, speaker, direct))


def _masked(text: str, spans: list[tuple[int, int]]) -> str:
    """The sentence with each quotation's words turned to "_" and its marks to “ and ”.

    Curly, guillemet and straight double marks are kept as written; wire and
    single marks become curly doubles (a two-character mark is padded with
    "_", which no rule reads). A quotation left open keeps its last character,
    as if it were the closing mark.
    """
    chars = list(text)
    for start, end in spans:
        opening, closing = mark_widths(text, start, end)
        words_end = end - max(closing, 1)
        chars[start + opening : words_end] = "_" * max(0, words_end - start - opening)
        if text[start : start + opening] not in _KEPT_MARKS:
            chars[start : start + opening] = "“" + "_" * (opening - 1)
        if closing and text[end - closing : end] not in _KEPT_MARKS:
            chars[end - closing : end] = "_" * (closing - 1) + "”"
    return "".join(chars)


def _by_verb(tokens: list[Token], length: int) -> _Found | None:
    """The first speech verb with a speaker; a named speaker later in the sentence
    wins over a pronoun (`In his words, he said ...," said Ana Costa.`)."""
    verbs = _BARE_VERBS | _THAT_VERBS
    first: _Found | None = None
    for index, token in enumerate(tokens):
        if token.text in verbs and token.entity is None:
            found = _speaker_first(tokens, index, length) or _verb_first(tokens, index)
            if found is None:
                continue
            if not _is_pronoun(tokens, found.speaker):
                return found
            first = first or found
    return first


def _is_pronoun(tokens: list[Token], span: tuple[int, int]) -> bool:
    return any(t.start == span[0] and t.end == span[1] and t.text.lower() in PRONOUNS for t in tokens)


def _speaker_first(tokens: list[Token], verb: int, length: int) -> _Found | None:
    """`<speaker> said ...`, `"...," <speaker> said.`, `<subject> ... and said ...`."""
    before = verb
    while before > 0 and tokens[before - 1].text.lower() in _AUXILIARIES:
        before -= 1
    if before == 0 or tokens[before - 1].text.lower() in BLOCKERS:
        return None
    name = tokens[verb].text
    if tokens[before - 1].text in {"and", "but"}:
        subject = leading_subject(tokens, before - 1)
        content = _head_content(tokens, verb, length)
        return _Found(subject, content, name) if subject and content else None
    span = speaker_before(tokens, before)
    if span is None:
        return None
    first, speaker = described(tokens, *span)
    boundary = tokens[first - 1].text.lower() if first > 0 else ""
    if boundary in {",", "”", '"', "»"} and first > 1 and _ends_clause(tokens, verb):
        mark = tokens[first - 1]
        return _Found(speaker, (0, mark.start if boundary == "," else mark.end), name)
    if boundary not in {"", ",", ";", "—", "–", "and", "but", "while", "as", "because", "although"}:
        return None
    content = _head_content(tokens, verb, length)
    return _Found(speaker, content, name) if content else None


def _verb_first(tokens: list[Token], verb: int) -> _Found | None:
    """`"...," said <speaker>.`"""
    mark = tokens[verb - 1] if verb >= 2 else None
    closing = {"”", '"', "»"}
    quoted = mark is not None and (
        mark.text in closing or (mark.text == "," and tokens[verb - 2].text in closing)
    )
    if not quoted or tokens[verb].text in {"told", "tells"}:
        return None
    span = speaker_after(tokens, verb + 1)
    if span is None:
        return None
    last, speaker = span
    rest = tokens[last + 1 :]
    if rest and rest[0].text not in {".", ",", "!"} and rest[0].text.lower() not in TAIL_OPENERS:
        return None
    end = tokens[verb - 2].end if tokens[verb - 1].text == "," else tokens[verb - 1].end
    return _Found(speaker, (0, end), tokens[verb].text)


def _ends_clause(tokens: list[Token], verb: int) -> bool:
    """Whether only a short adverbial ("on Monday", "in a statement") follows a tail verb."""
    if tokens[verb].text in {"told", "tells"}:
        obj = speaker_after(tokens, verb + 1)
        verb = obj[0] if obj else verb
    for count, token in enumerate(tokens[verb + 1 :]):
        if token.text in {",", ".", "!", ";", "—", "–", "("}:
            return True
        if count == 0 and token.text.lower() not in TAIL_OPENERS:
            return False
        if token.text == "that" or token.text in {"“", '"', ":"} or count >= _MAX_TAIL_WORDS:
            return False
    return True


def _head_content(tokens: list[Token], verb: int, length: int) -> tuple[int, int] | None:
    """Where the reported part after a speech verb starts (it runs to the sentence end)."""
    after = tokens[verb + 1 :]
    if len(after) < 2:
        return None
    first = after[0]
    if first.text in {":", ","}:
        return after[1].start, length
    if first.text in {"“", '"', "«"}:
        return first.start, length
    for offset, token in enumerate(after[:_THAT_WINDOW]):
        if token.text in {",", ";", "“", '"'}:
            break
        opened = offset == 0 or first.text.lower() in _THAT_OPENERS or tokens[verb].text in {"told", "tells"}
        if token.text == "that" and offset + 1 < len(after) and opened:
            return after[offset + 1].start, length
    verb_text = tokens[verb].text
    if verb_text in _THAT_VERBS:
        return None
    if verb_text in {"told", "tells"}:
        return (after[1].start, length) if first.text.lower() in _AUDIENCE else None
    if first.text.lower() in TAIL_OPENERS or not first.text[0].isalnum():
        return None
    return first.start, length


def _according_to(tokens: list[Token], masked: str) -> _Found | None:
    match = _ACCORDING.search(masked)
    index = next((i for i, t in enumerate(tokens) if match and t.start >= match.end()), None)
    if match is None or index is None:
        return None
    span = speaker_after(tokens, index) or plain_phrase(tokens, index)
    if span is None:
        return None
    last, speaker = span
    rest = tokens[last + 1 :]
    if match.start() == 0:
        if len(rest) < 2 or rest[0].text != ",":
            return None
        return _Found(speaker, (rest[1].start, len(masked)), ACCORDING_TO)
    head = masked[: match.start()].rstrip()
    if (rest and rest[0].text not in {".", ",", "!"}) or not head.endswith(","):
        return None
    return _Found(speaker, (0, len(head) - 1), ACCORDING_TO)


def _trim(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> tuple[int, int]:
    """Content without outer space and final stop; a lone quotation loses its marks."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ".!;,"):
        end -= 1
    for quote_start, quote_end in spans:
        words_start, words_end = inner(text, quote_start, quote_end)
        if quote_start == start and quote_end == end and words_end > words_start:
            while words_end > words_start and text[words_end - 1] in ",.;: ":
                words_end -= 1
            return words_start, words_end
    return start, end


def _quoted_share(start: int, end: int, spans: list[tuple[int, int]]) -> float:
    if any(s <= start and end <= e for s, e in spans):
        return 1.0
    inside = sum(max(0, min(end, e) - max(start, s)) for s, e in spans)
    return inside / max(end - start, 1)


def _kind(verb: str, speaker: str, direct: bool) -> str:
    if verb == ACCORDING_TO:
        return ACCORDING_TO
    if verb in _REPORT_VERBS or any(word.lower() in MEDIA_WORDS for word in speaker.split()):
        return REPORT
    return QUOTE if direct else SAID


def _resolve(sentences: tuple[Sentence, ...], order: int, earlier: dict[int, Attribution]) -> str | None:
    """The person "he"/"she" stands for: the one named in the nearest earlier sentence
    that names any (a quoted speaker there wins), or the speaker a pronoun stood for
    in the sentence just before.

    Two people there is too ambiguous, and so is a sentence where "he"/"she"
    comes before the person it names ("He did not say why Costa resigned":
    that "he" is someone else, so the person is not the topic)."""
    for index in range(order - 1, max(order - 1 - _PRONOUN_WINDOW, -1), -1):
        sentence = sentences[index]
        spans = _closed_quotation(sentence.text) or quote_spans(sentence.text)
        people = _people(sentence, spans)
        said = earlier.get(index)
        if said is not None and any(person in said.speaker for person in people):
            return said.speaker
        if said is not None and not people and said.speaker not in sentence.text:
            return said.speaker  # "He added ..." after "He said ...": the same speaker
        if people:
            first = min(
                (e for e in sentence.entities if POSSESSIVE.sub("", e.text) in people), key=lambda e: e.start
            )
            if _pronoun_before(sentence.text, spans, first):
                return None
            return people.pop() if len(people) == 1 else None
    return None


def _closed_quotation(text: str) -> list[tuple[int, int]]:
    """The whole sentence, when its one quotation mark closes it: the end of a
    quotation opened in an earlier sentence, whose names are quoted, not told."""
    marks = [i for i, char in enumerate(text) if char in _CLOSING_MARKS]
    stripped = text.rstrip()
    return [(0, len(text))] if len(marks) == 1 and marks[0] == len(stripped) - 1 else []


def _people(sentence: Sentence, spans: list[tuple[int, int]], before: int | None = None) -> set[str]:
    """The people a sentence names outside its quotations (before offset `before`)."""
    return {
        POSSESSIVE.sub("", e.text)
        for e in sentence.entities
        if e.label == "PERSON"
        and not any(s <= e.start < end for s, end in spans)
        and (before is None or e.end <= before)
    }


def _pronoun_before(text: str, spans: list[tuple[int, int]], person: Entity) -> bool:
    """Whether a "he"/"she" before the person's first mention stands for someone
    else: it does unless a fronted clause holds it and the person is that
    clause's subject ("Aware that he was ill, Costa resigned", but not
    "As she arrived, Costa's mother spoke")."""
    possessive = bool(POSSESSIVE.search(person.text)) or text[person.end : person.end + 1] in {"'", "’"}
    for match in _SUBJECT_PRONOUN.finditer(text, 0, person.start):
        if any(s <= match.start() < e for s, e in spans):
            continue
        if possessive or "," not in text[match.end() : person.start]:
            return True
    return False


def _others_named(sentence: Sentence, spans: list[tuple[int, int]], pronoun: int, speaker: str) -> bool:
    """Whether the sentence names someone else before its "he"/"she": then the
    pronoun may stand for them ("While Lee's show drew viewers, he said ...")."""
    return any(person not in speaker for person in _people(sentence, spans, before=pronoun))


def _continued(sentence: Sentence, before: Sentence, attribution: Attribution) -> Attribution | None:
    """A sentence that is only a quotation continues the quoted speaker of the one before."""
    text = sentence.text
    if not attribution.direct or before.line != sentence.line or quote_spans(text) != [(0, len(text))]:
        return None
    start, end = _trim(text, 0, len(text), [(0, len(text))])
    content = text[start:end]
    if len(content.split()) < _MIN_CONTENT_WORDS or content.endswith("?"):
        return None
    return Attribution(attribution.speaker, sentence.line, text, content, True, attribution.kind)
