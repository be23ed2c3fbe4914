"""Speaker phrases: the noun phrase that names who speaks, found next to a speech verb.

A speaker phrase is a named entity with its titles ("Deputy Mayor Ana Costa",
"the harbour engineer Ana Costa"), a phrase headed by a role word ("a ministry
spokesperson", "analysts", "state media"), or "he"/"she" (which
`newsweave.analyze.quotes` resolves to a person named earlier). It is found
over the tokens of a sentence whose quotations are masked: starting at the
speech verb (or "according to") it grows token by token, backwards
(`speaker_before`) or forwards (`speaker_after`), while a token looks like
part of a name or title (an entity, an acronym, a capitalised word, a role
word or a modifier such as "senior" or "state"), and is kept only if it ends
in a name or a role word and names someone. Appositives ("Costa, the mayor,
said"), a short lowercase description running back to a quotation mark, and
the subject of a main clause ("<subject> did X and said ...") are the other
shapes a speaker takes. These rules live apart from attribution detection so
that the word lists that define a speaker (`ROLE_WORDS`, `MEDIA_WORDS`) are
shared with the places that read speakers back (`newsweave.compose`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsweave.models import Sentence
from newsweave.vocabulary import MONTHS, WEEKDAYS


def word_set(text: str) -> frozenset[str]:
    """The space-separated words of `text` as a set."""
    return frozenset(text.split())


BLOCKERS = word_set("was were been be being is are to who which that whom it not")
TAIL_OPENERS = word_set(
    "in on at during after before to via from through late earlier later last this when while as "
    "without citing quoting using referring adding according told with by"
)
ROLE_WORDS = word_set(
    "spokesperson spokesman spokeswoman spokespeople official officials analyst analysts expert experts "
    "observer observers minister ministry ministries president governor mayor police agency agencies "
    "government authorities source sources diplomat diplomats lawmaker lawmakers senator prosecutor "
    "prosecutors witness witnesses resident residents researcher researchers scientist scientists "
    "economist economists leader leaders chief commander director executive chairman chairwoman "
    "secretary ambassador envoy aide aides adviser advisers advisor advisors representative "
    "representatives union company firm court judge statement office department council committee "
    "military army embassy administration cabinet investigators officer officers regulator regulators "
    "activists critics organizers organisers doctors spokespersons"
)
MEDIA_WORDS = word_set(
    "agency agencies media news newspaper newspapers broadcaster television tv radio outlet outlets "
    "report reports daily wire"
)
_MODIFIERS = word_set(
    "state official government foreign senior top local regional national presidential federal "
    "deputy former security defense defence health interior finance prime vice press "
    "public independent international state-run state-owned unnamed anonymous several many some "
    "other two three four five party company ministry army"
)
_DETERMINERS = frozenset({"the", "a", "an"})
_STOP_CAPITALS = word_set(
    "On In At During Earlier Later Meanwhile Also But And However Then After Before As When While "
    "Since Last This Yesterday Today Separately Still Now Previously Speaking Asked If Although Though "
    "Because It They We I You He She His Her Their Its There Here What Why How Who"
) | frozenset((*WEEKDAYS, *MONTHS))
PRONOUNS = frozenset({"he", "she"})
_CLAUSE_WORDS = word_set(
    "and but or nor yet so where when while as because although though if unless whereas which who whom "
    "that since after before until once"
)
_ABBREVIATIONS = word_set("lt gen gov sen rep dr mr mrs ms col sgt capt maj adm st jr prof")
_WORD = re.compile(r"[^\W_]+(?:[’'\-.&][^\W_]+)*|[^\w\s]")
_ACRONYM = re.compile(r"^[A-Z]{2,6}$")
POSSESSIVE = re.compile(r"[’']s$")
_MAX_SPEAKER_WORDS = 12


@dataclass(frozen=True)
class Token:
    """A word or punctuation mark of a masked sentence; `entity` is the label of the
    named entity it lies in, if any."""

    text: str
    start: int
    end: int
    entity: str | None = None

    @property
    def name_like(self) -> bool:
        return self.entity is not None or bool(_ACRONYM.match(self.text))

    @property
    def capitalized(self) -> bool:
        return self.text[:1].isupper() and self.text not in _STOP_CAPITALS

    @property
    def role(self) -> bool:
        return POSSESSIVE.sub("", self.text).lower() in ROLE_WORDS | MEDIA_WORDS


def tokenize(masked: str, sentence: Sentence) -> list[Token]:
    tokens: list[Token] = []
    for match in _WORD.finditer(masked):
        start, end = match.start(), match.end()
        if tokens and match.group() == "." and tokens[-1].end == start:
            previous = tokens[-1].text
            if previous.lower() in _ABBREVIATIONS or re.fullmatch(r"[A-Z](?:\.[A-Z])*", previous):
                tokens[-1] = Token(previous + ".", tokens[-1].start, end, tokens[-1].entity)
                continue
        label = next((e.label for e in sentence.entities if e.start <= start and end <= e.end), None)
        tokens.append(Token(match.group(), start, end, label))
    return tokens


def described(tokens: list[Token], first: int, speaker: tuple[int, int]) -> tuple[int, tuple[int, int]]:
    """`"...," the harbour engineer Ana Costa said`: a short lowercase description that
    runs back to a quotation mark, a comma or the sentence start joins the speaker.
    A pronoun takes no description, and a conjunction or relative word is not one
    ("..., but Howard said", "..., where he said")."""
    if tokens[first].text.lower() in PRONOUNS:
        return first, speaker
    for start in range(first - 1, max(first - 5, -1), -1):
        word = tokens[start].text
        is_description = word.isalpha() and (word.islower() or (start == 0 and word not in _STOP_CAPITALS))
        is_description = is_description and word.lower() not in _CLAUSE_WORDS
        if not is_description:
            break
        if start == 0 or tokens[start - 1].text in {",", "”", '"', "»"}:
            return start, (tokens[start].start, speaker[1])
    return first, speaker


def plain_phrase(tokens: list[Token], start: int) -> tuple[int, tuple[int, int]] | None:
    """`according to the harbour police`: a determiner and a few lowercase words."""
    last = start
    while last + 1 < len(tokens) and tokens[last + 1].text.isalpha() and tokens[last + 1].text.islower():
        last += 1
    if tokens[start].text.lower() not in _DETERMINERS or not 1 <= last - start <= 4:
        return None
    if tokens[last].text in TAIL_OPENERS or tokens[last].text in _DETERMINERS:
        return None
    return last, (tokens[start].start, tokens[last].end)


def _extends(token: Token) -> bool:
    return token.name_like or token.capitalized or token.role or token.text.lower() in _MODIFIERS


def _valid(span: list[Token]) -> bool:
    words = [t for t in span if t.text not in {"(", ")"}]
    while words and words[0].text.lower() in _DETERMINERS:
        words = words[1:]
    if not words or len(words) > _MAX_SPEAKER_WORDS or words[0].text in {"and", "of", "for"}:
        return False
    last = words[-1]
    if last.text in {"and", "of", "for"} or not (last.name_like or last.role or last.capitalized):
        return False
    return last.role or any(t.name_like for t in words)


def speaker_before(
    tokens: list[Token], end: int, appositive: bool = True
) -> tuple[int, tuple[int, int]] | None:
    """The speaker phrase ending just before token `end`: (first token index, char span)."""
    if end > 0 and tokens[end - 1].text.lower() in PRONOUNS:
        return end - 1, (tokens[end - 1].start, tokens[end - 1].end)
    if appositive and end > 1 and tokens[end - 1].text == ",":
        return _appositive(tokens, end - 1)
    first = end
    if first >= 3 and tokens[first - 1].text == ")" and tokens[first - 3].text == "(":
        first -= 3
    while first > 0:
        token = tokens[first - 1]
        if token.text.lower() in _DETERMINERS:
            first -= 1
            if first < 3 or tokens[first - 1].text not in {"and", "&"} or not _extends(tokens[first - 2]):
                break
            continue
        joins = token.text in {"and", "of", "for", "&"} and first >= 2 and _extends(tokens[first - 2])
        if not (_extends(token) or joins):
            break
        first -= 1
    if first == end or not _valid(tokens[first:end]):
        return None
    return first, (tokens[first].start, tokens[end - 1].end)


def _appositive(tokens: list[Token], comma: int) -> tuple[int, tuple[int, int]] | None:
    """`Ana Costa, the mayor, said` / `the mayor, Ana Costa, said` / `Costa, who ..., said`."""
    opening = next((i for i in range(comma - 1, max(comma - 16, 0), -1) if tokens[i].text == ","), None)
    if opening is None:
        return None
    inserted = speaker_before(tokens, comma, appositive=False)
    if inserted and inserted[0] == opening + 1 and any(t.entity == "PERSON" for t in tokens[opening:comma]):
        return inserted
    return speaker_before(tokens, opening, appositive=False)


def speaker_after(tokens: list[Token], start: int) -> tuple[int, tuple[int, int]] | None:
    """The speaker phrase starting at token `start`: (last token index, char span)."""
    last = start - 1
    if start < len(tokens) and tokens[start].text.lower() in _DETERMINERS:
        last = start
    while last + 1 < len(tokens):
        token = tokens[last + 1]
        joins = (
            token.text in {"and", "of", "for", "&"} and last + 2 < len(tokens) and _extends(tokens[last + 2])
        )
        if token.text == "(" and last + 3 < len(tokens) and tokens[last + 3].text == ")":
            last += 3
            continue
        if not (_extends(token) or joins) or token.text.lower() in TAIL_OPENERS:
            break
        last += 1
    if last < start or not _valid(tokens[start : last + 1]):
        return None
    return last, (tokens[start].start, tokens[last].end)


def leading_subject(tokens: list[Token], conjunction: int) -> tuple[int, int] | None:
    """The subject of the sentence's main clause, for `<subject> did X and said ...`."""
    starts = [0, *[i + 1 for i, t in enumerate(tokens[:conjunction][:12]) if t.text == ","][:1]]
    for start in starts:
        if tokens[start].text.lower() in PRONOUNS:
            return tokens[start].start, tokens[start].end
        span = speaker_after(tokens, start)
        if span is None:
            continue
        last = span[0]
        if last + 1 < conjunction and tokens[last + 1].text == ",":
            closing = next((i for i in range(last + 2, conjunction) if tokens[i].text == ","), None)
            if closing is None:
                continue
            named = speaker_after(tokens, last + 2)
            if named and named[0] == closing - 1 and tokens[last + 2].entity == "PERSON":
                return named[1]
            last = closing
        following = tokens[last + 1] if last + 1 < conjunction else None
        if following is not None and following.text[:1].islower() and following.text not in BLOCKERS:
            return span[1]
    return None
