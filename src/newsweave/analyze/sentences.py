"""Split body lines into sentences that keep their line number and offsets.

A sentence is always a slice of one body line (`line.content[start:end]`,
the line as read with only its listed repairs applied), so
anything later shown to a reader can be traced back to the exact place it
came from. Sentences never span lines: a line break in a scraped article is
a paragraph break. A line may hold many paragraphs (a wire story stored one
article to a line): it is still split into sentences, each citing that line.

Wire copy types a dash as two hyphens ("(Agency) -- The") or an underscore
between spaces ("midnight _ two hours"), which the parser reads as a
sentence end. The parser is therefore given a copy of the line with those
written as em dashes, character for character, so offsets do not move; the
sentence text and entity names are cut from the line itself, so what a
reader sees is the source's own text. A sentence does not end on a dash,
so a piece the parser still cuts there (a dateline, "PORTVILLE, Ore.
(Agency) --", more often than not) is joined to the sentence after it.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from newsweave.analyze.nlp import Nlp, ParsedSentence
from newsweave.models import AnalyzedArticle, Article, Entity, Line, Sentence

_HYPHEN_DASH = re.compile(r"(?<!-)-{2,3}(?!-)")
_UNDERSCORE_DASH = re.compile(r"(?:^|(?<=\s))_(?=\s)")
_DASHES = ("—", "–", "-")
LINE_CHARS = 400  # characters a sentence on average, at most, for `max_sentences`


def analyze_articles(
    articles: Sequence[Article], nlp: Nlp, max_sentences: int | None = None
) -> list[AnalyzedArticle]:
    """Sentences with entities for the body lines of every article, in one batch.

    With `max_sentences`, an article's first that many sentences are read and
    the rest of its body is not parsed (its lines keep their roles): a dump of
    thousands of lines would otherwise cost every later stage. The parser is
    given at most that many lines of an article, and at most `LINE_CHARS`
    characters a sentence on average, since each line holds one sentence or more.
    """
    jobs: list[tuple[int, Line]] = [
        (index, line)
        for index, article in enumerate(articles)
        for line in _read_lines(article, max_sentences)
    ]
    found: list[list[Sentence]] = [[] for _ in articles]
    parsed_lines = nlp.sentences(for_parsing(line.content) for _, line in jobs)
    for (index, line), parsed in zip(jobs, parsed_lines, strict=True):
        for span in _joined(parsed, for_parsing(line.content)):
            text = line.content[span.start : span.end]
            entities = tuple(_as_written(entity, text) for entity in span.entities)
            found[index].append(Sentence(line.n, span.start, span.end, text, entities))
    read = Counter(index for index, _line in jobs)
    return [
        AnalyzedArticle(
            article,
            tuple(sentences[:max_sentences]),
            cut=article.read_in_part()
            or read[index] < len(article.body_lines())
            or len(sentences) > len(sentences[:max_sentences]),
        )
        for index, (article, sentences) in enumerate(zip(articles, found, strict=True))
    ]


def _read_lines(article: Article, max_sentences: int | None) -> tuple[Line, ...]:
    lines = article.body_lines()
    if max_sentences is None:
        return lines
    budget = max_sentences * LINE_CHARS
    taken = []
    for line in lines[:max_sentences]:
        if budget <= 0:
            break
        taken.append(line)
        budget -= len(line.content)
    return tuple(taken)


def for_parsing(text: str) -> str:
    """`text` with wire dashes written as em dashes, the same length, for the parser only."""
    text = _HYPHEN_DASH.sub(lambda match: "—" * len(match.group(0)), text)
    return _UNDERSCORE_DASH.sub("—", text)


def _joined(spans: list[ParsedSentence], parsed: str) -> list[ParsedSentence]:
    """The parser's sentences, each one that ends on a dash joined to the next."""
    joined: list[ParsedSentence] = []
    for span in spans:
        before = joined[-1] if joined else None
        if before is None or not parsed[before.start : before.end].endswith(_DASHES):
            joined.append(span)
            continue
        shift = span.start - before.start
        moved = tuple(replace(e, start=e.start + shift, end=e.end + shift) for e in span.entities)
        joined[-1] = ParsedSentence(before.start, span.end, before.entities + moved)
    return joined


def _as_written(entity: Entity, sentence: str) -> Entity:
    """The entity's name as the source writes it (the parser saw wire dashes as em dashes)."""
    if 0 <= entity.start < entity.end <= len(sentence):
        return replace(entity, text=sentence[entity.start : entity.end])
    return entity
