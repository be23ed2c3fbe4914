"""Deterministic stand-ins for spaCy and MiniLM, for the fast unit tier.

Why: every stage takes its models as arguments (`Models` bundles an `Nlp`
and an `Encoder`), so a test of the logic around them does not need the
real ones, which take seconds to load and most of the suite's time to run.
These fakes are crude on purpose and easy to predict by reading a test's
text: sentences end at `.`, `!` or `?` before a capital; an entity is a run
of capitalised words, labelled by the words it holds or the preposition
before it; a sentence's vector is its hashed bag of words. A test whose
outcome hangs on what the real models make of real text stays in the
integration tier with `default_models()`.

Everything here is a pure function of its input: hashes come from
`hashlib`, not from Python's per-process salted `hash`.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator, Sequence

import numpy as np

from newsweave.analyze import Models
from newsweave.analyze.embeddings import Encoder, Vectors
from newsweave.analyze.nlp import Nlp, ParsedSentence
from newsweave.models import Entity


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# A sentence ends at these marks (and any closing quote or bracket) when
# a capital, a digit or an opening quote follows after white space.
_SENTENCE_END = re.compile(r"[.!?]+[\"”’')\]]*(?=\s+[\"“‘(\[]?[A-Z0-9])")
# Words that end in a full stop without ending a sentence ("Mr. Kim", "Ore.").
_ABBREVIATIONS = _words(
    """mr mrs ms dr prof st gen sen rep gov lt col capt maj sgt jr sr inc co corp ltd no vs mt ft
    jan feb mar apr aug sept sep oct nov dec ore calif wash mass fla ariz"""
)
_TOKEN = re.compile(r"[A-Za-z0-9][\w&'’.-]*")
# Capitalised words that are not names (function words, days, months).
_NOT_NAMES = _words(
    """the a an he she it they we i you this that these those his her their its our my your
    in on at but and or if when while after before as for with by from to of not no yes there
    here what who why how where which one two three all some many most more every each
    monday tuesday wednesday thursday friday saturday sunday january february march april may june
    july august september october november december"""
)
# Offices and honorifics before a name: the name is what follows them.
_TITLES = _words(
    """mr mrs ms dr prof president vice deputy prime minister premier chancellor secretary general
    gen mayor governor senator judge chief ceo spokesman spokeswoman ambassador envoy leader
    king queen prince pope captain commander"""
)
# Words joining capitalised words inside one name ("Bank of England").
_JOINERS = _words("of de la del van von")
_ORG_WORDS = _words(
    """company corporation corp inc ltd agency ministry council party bank university association
    union group committee department commission office service police army navy institute
    federation league press news times post herald tribune journal reuters guardian telegraph
    gazette media network airlines authority board court parliament government congress senate
    assembly fund foundation club school hospital command forces"""
)
_FAC_WORDS = _words("street bridge airport station harbour harbor square palace stadium plant tower")
_LOC_WORDS = _words("river sea lake ocean mountains valley island coast bay")
_EVENT_WORDS = _words("war games olympics summit cup forum festival")
_PLACE_BEFORE = _words("in from to near at across into of")
_POSSESSIVE = re.compile(r"['’]s?$")


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans (start, end) of `text`, each stripped of surrounding white space."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _SENTENCE_END.finditer(text):
        before = text[start : match.start()].split()
        last = before[-1].rstrip(".").lower() if before else ""
        if len(last) == 1 or last in _ABBREVIATIONS or "." in last:
            continue  # an initial ("J. Smith"), an abbreviation or "U.S."
        spans.append((start, match.end()))
        start = match.end()
    spans.append((start, len(text)))
    stripped = []
    for begin, end in spans:
        piece = text[begin:end]
        if piece.strip():
            first = begin + len(piece) - len(piece.lstrip())
            stripped.append((first, first + len(piece.strip())))
    return stripped


def find_entities(sentence: str, whole: bool = False) -> list[Entity]:
    """Runs of capitalised words in `sentence`, labelled by the words in them.

    Offices before a name are left out ("Mayor Clara Jensen" is "Clara
    Jensen"). A capitalised first word with no capitalised word after it is
    read as an ordinary word ("Divers said"), unless `whole` (the text is
    one name, as `is_organization` asks).
    """
    tokens = [(m.start(), m.group(0).rstrip(".")) for m in _TOKEN.finditer(sentence)]
    entities = []
    for run in _runs(sentence, tokens):
        words = [tokens[i][1] for i in run]
        titled = [n for n, w in enumerate(words) if w.lower() in _TITLES]
        if titled:
            run, words = run[titled[-1] + 1 :], words[titled[-1] + 1 :]
        if not run or (not whole and run == [0] and not words[0].isupper()):
            continue
        start = tokens[run[0]][0]
        last_start, last = tokens[run[-1]]
        end = last_start + len(_POSSESSIVE.sub("", last))
        previous = tokens[run[0] - 1][1].lower() if run[0] > 0 else ""
        entities.append(Entity(sentence[start:end], _label(words, previous), start, end))
    return entities


def _runs(sentence: str, tokens: list[tuple[int, str]]) -> list[list[int]]:
    """Indexes of capitalised tokens next to each other (one space apart, no possessive between)."""
    runs: list[list[int]] = []
    for i, (start, word) in enumerate(tokens):
        named = word[0].isupper() and word.lower() not in _NOT_NAMES
        following = i + 1 < len(tokens) and tokens[i + 1][1][0].isupper()
        joiner = word.lower() in _JOINERS and following
        if not (named or joiner):
            continue
        if runs and runs[-1][-1] == i - 1:
            before_start, before = tokens[i - 1]
            gap = sentence[before_start + len(before) : start]
            if gap == " " and not _POSSESSIVE.search(before):
                runs[-1].append(i)
                continue
        if named:
            runs.append([i])
    return runs


def _label(words: list[str], previous: str) -> str:
    lowered = {_POSSESSIVE.sub("", w).lower() for w in words}
    if lowered & _ORG_WORDS or (len(words) == 1 and words[0].isupper() and 2 <= len(words[0]) <= 6):
        return "ORG"
    if lowered & _FAC_WORDS:
        return "FAC"
    if lowered & _LOC_WORDS:
        return "LOC"
    if lowered & _EVENT_WORDS:
        return "EVENT"
    if previous in _PLACE_BEFORE and len(words) <= 2:
        return "GPE"
    return "PERSON"


class FakeNlp:
    """`Nlp` by regular expressions: the sentence splitter and entity finder above."""

    def sentences(self, texts: Iterable[str]) -> Iterator[list[ParsedSentence]]:
        for text in texts:
            parsed = []
            for start, end in split_sentences(text):
                entities = tuple(find_entities(text[start:end]))
                parsed.append(ParsedSentence(start, end, entities))
            yield parsed

    def is_organization(self, text: str) -> bool:
        stripped = text.strip()
        entities = find_entities(stripped, whole=True)
        return (
            len(entities) == 1 and entities[0].label == "ORG" and len(entities[0].text) >= len(stripped) - 4
        )


_WORD = re.compile(r"[a-z0-9]+")
_STOPWORDS = _words(
    """a an the of to in on at by for with from and or but is are was were be been has have had
    it its this that these those as which who will would said says say he she they we i his her
    their our not no"""
)


class FakeEncoder:
    """`Encoder` by hashed bags of words: shared content words make sentences close.

    Each content word (lower-cased, a plural `s` dropped) adds +1 or -1 to one
    of 384 dimensions picked by its hash; the row is then L2-normalized. A
    text without content words gets the same fixed unit row as any other.
    """

    dimension = 384

    def encode(self, texts: Sequence[str]) -> Vectors:
        rows = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for row, text in zip(rows, texts, strict=True):
            for word in _WORD.findall(text.lower()):
                if word in _STOPWORDS:
                    continue
                if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
                    word = word[:-1]
                digest = int.from_bytes(hashlib.blake2b(word.encode(), digest_size=8).digest(), "big")
                row[digest % self.dimension] += 1.0 if digest >> 63 else -1.0
            if not row.any():
                row[0] = 1.0
        norms = np.linalg.norm(rows, axis=1, keepdims=True)
        normalized: Vectors = rows / norms
        return normalized


def make_fake_models() -> Models:
    """Models made of the fakes (the static encoder is the real one, loaded only when used)."""
    return Models(nlp=FakeNlp(), encoder=FakeEncoder())


# The protocols, checked by mypy: the fakes must keep fitting them.
_NLP: Nlp = FakeNlp()
_ENCODER: Encoder = FakeEncoder()
