"""Extractive baselines for `newsweave eval summaries`: Lead, Lead-newest, LexRank and TextRank.

A summary score only means something next to the classic baselines run on
the same text, so these get exactly what newsweave reads: the cleaned body
lines of each document (no titles, no noise lines), documents in file-name
order. Junk such as "Advertisement" or a copyright line therefore neither
helps nor handicaps any system.

Exact duplicate sentences (same words, ignoring case and spacing) are kept
once, at their first place: syndicated copies would otherwise hand LexRank
and TextRank a free vote, and sumy keys sentences by their text anyway.

sumy's own tokenizer needs NLTK's punkt data, which may not be downloaded
(and must never be fetched during a run), so `RegexTokenizer` stands in: a
small rule-based sentence and word splitter that satisfies sumy's tokenizer
interface. The stemmer is NLTK's Snowball English stemmer, which is plain
code and reads no data files; stop words ship inside sumy.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
from sumy.nlp.stemmers import Stemmer
from sumy.summarizers.lex_rank import LexRankSummarizer
from sumy.summarizers.text_rank import TextRankSummarizer
from sumy.utils import get_stop_words

LANGUAGE = "english"

# Words whose trailing period rarely ends a sentence: titles, months, company suffixes.
_ABBREVIATION = re.compile(
    r"(?:mr|mrs|ms|dr|prof|sr|jr|st|mt|ft|gen|col|lt|sgt|capt|cmdr|adm|gov|sen|rep|rev|hon|pres"
    r"|supt|insp|det|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|inc|ltd|co|corp|bros|dept"
    r"|univ|vs|etc|no|nos|vol|approx|est|fig|al)",
    re.IGNORECASE,
)
# A sentence ends at . ! or ? (plus closing quotes or brackets), then whitespace,
# then something that can open a sentence: a capital, a digit or an opening quote.
_BOUNDARY = re.compile(r"""[.!?]+["'”’)\]]*(?=\s+["'“‘(\[]?[A-Z0-9])""")
_LAST_WORD = re.compile(r"([A-Za-z]+)\.*$")
_INITIAL = re.compile(r"(?:^|[\s(\"'“‘])(?:[A-Za-z]\.)+$")
_WORD = re.compile(r"[^\W_]+(?:['’.-][^\W_]+)*")


class RegexTokenizer:
    """Sentences and words by rule, with no downloaded data (sumy's tokenizer interface).

    A period does not end a sentence after a known abbreviation ("Dr. Lane")
    or an initial ("J. Doe", "the U.S. Senate"); the price is that a sentence
    ending in an initial, rare in news prose, runs on into the next one.
    """

    @property
    def language(self) -> str:
        return LANGUAGE

    def to_sentences(self, text: str) -> tuple[str, ...]:
        sentences: list[str] = []
        start = 0
        for match in _BOUNDARY.finditer(text):
            if match.group().startswith(".") and _is_abbreviation(text[start : match.start() + 1]):
                continue
            sentences.append(text[start : match.end()].strip())
            start = match.end()
        sentences.append(text[start:].strip())
        return tuple(sentence for sentence in sentences if sentence)

    def to_words(self, sentence: str) -> tuple[str, ...]:
        return tuple(_WORD.findall(sentence))


def _is_abbreviation(text: str) -> bool:
    """Whether the period closing `text` belongs to an abbreviation or an initial."""
    if _INITIAL.search(text):
        return True
    word = _LAST_WORD.search(text)
    return word is not None and _ABBREVIATION.fullmatch(word.group(1)) is not None


def document_sentences(bodies: Sequence[str], tokenizer: RegexTokenizer | None = None) -> list[list[str]]:
    """Each document's body text split into sentences, exact repeats across the corpus dropped."""
    tokenizer = tokenizer or RegexTokenizer()
    seen: set[str] = set()
    documents: list[list[str]] = []
    for body in bodies:
        kept: list[str] = []
        for line in body.splitlines():
            for sentence in tokenizer.to_sentences(line):
                key = " ".join(sentence.casefold().split())
                if key not in seen:
                    seen.add(key)
                    kept.append(sentence)
        documents.append(kept)
    return documents


def lead(documents: Sequence[Sequence[str]], words: int) -> list[str]:
    """Leading sentences taken round-robin: every document's first, then every second, ...

    The multi-document Lead of DUC-style evaluations: with several reports of
    one event, the first sentence of each is the wire-style summary, and
    round-robin keeps one long first report from filling the budget alone.
    """
    chosen: list[str] = []
    total = 0
    depth = max((len(sentences) for sentences in documents), default=0)
    for position in range(depth):
        for sentences in documents:
            if position < len(sentences) and total < words:
                chosen.append(sentences[position])
                total += len(sentences[position].split())
    return chosen


def newest_lead(documents: Sequence[Sequence[str]], dates: Sequence[str | None], words: int) -> list[str]:
    """The leading sentences of the newest document until the budget: NIST's DUC baseline (peer 1).

    NIST's baseline took "the leading sentences (up to 250 words) of the most
    recent document"; this is that, so it can be compared with peer 1 and
    with the round-robin `lead`. `dates` are ISO dates (None when unknown),
    one per document; the newest wins, a tie goes to the later document in
    input order, and with no dates at all the last document is taken.
    `documents` should not have repeats removed across documents, or the
    newest document may lose sentences an older copy printed first.
    """
    if not documents:
        return []
    dated = [(date, index) for index, date in enumerate(dates) if date]
    newest = max(dated)[1] if dated else len(documents) - 1
    chosen: list[str] = []
    total = 0
    for sentence in documents[newest]:
        if total >= words:
            break
        chosen.append(sentence)
        total += len(sentence.split())
    return chosen


def lexrank(documents: Sequence[Sequence[str]], words: int) -> list[str]:
    """sumy's LexRank over all documents' sentences, best first until the budget is met."""
    return _ranked(LexRankSummarizer, documents, words)


def textrank(documents: Sequence[Sequence[str]], words: int) -> list[str]:
    """sumy's TextRank over all documents' sentences, best first until the budget is met."""
    return _ranked(TextRankSummarizer, documents, words)


BASELINES: dict[str, Callable[[Sequence[Sequence[str]], int], list[str]]] = {
    "Lead": lead,
    "LexRank": lexrank,
    "TextRank": textrank,
}


def _ranked(kind: Any, documents: Sequence[Sequence[str]], words: int) -> list[str]:
    """The top-rated sentences whose words first reach `words`, returned in corpus order.

    sumy accepts a callable in place of a sentence count and hands it the
    sentences sorted best first (a stable sort, so ties keep corpus order);
    taking them until the word budget is reached makes the baselines fill the
    same budget as newsweave instead of a fixed number of sentences.
    """
    tokenizer = RegexTokenizer()
    paragraphs = [
        Paragraph([Sentence(text, tokenizer) for text in sentences]) for sentences in documents if sentences
    ]
    if not paragraphs:
        return []
    summarizer = kind(Stemmer(LANGUAGE))
    summarizer.stop_words = get_stop_words(LANGUAGE)
    picked = summarizer(ObjectDocumentModel(paragraphs), _WordBudget(words))
    return [str(sentence) for sentence in picked]


class _WordBudget:
    """sumy's sentence-count callable: best-rated sentences until `words` words are reached."""

    def __init__(self, words: int) -> None:
        self.words = words

    def __call__(self, infos: Sequence[Any]) -> list[Any]:
        chosen: list[Any] = []
        total = 0
        for info in infos:
            if total >= self.words:
                break
            chosen.append(info)
            total += len(str(info.sentence).split())
        return chosen
