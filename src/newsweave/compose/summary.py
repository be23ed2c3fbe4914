"""Extractive, cited summary of one story.

Every summary sentence is a sentence of some source, copied verbatim. A
sentence ranks higher the more independent sources carry a sentence saying
the same thing (cross-source support: embeddings close enough, or a little
less close but sharing a figure such as "4.5 percent" or the day it tells of;
a syndicated copy counts with its original, once) and the closer it is to
what they all say (centrality); a small bonus favours sentences early in
their article, where news puts what matters, and a sentence that is mostly
quotation ranks lower (quotes are shown under who said what; a summary
says what happened). Sentences too close to one already chosen are
skipped, and so is any sentence already cited in support of a chosen one
(redundancy control), until the word budget is spent. The chosen sentences
are shown in the order they hold in their articles, leads first, so the
summary reads like a report. Each cites its own line first and then, for every other source that
carries it, the line and sentence there that says the same, with the
similarity, so a reader can check both.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from newsweave.analyze.embeddings import Vectors
from newsweave.analyze.quotes import quote_spans
from newsweave.models import DAY, AnalyzedArticle, Citation, Sentence, SummaryItem

_STARTS_WELL = re.compile(r"^[\"'“‘(]?[A-Z0-9]")
_STARTS_WITH_PRONOUN = re.compile(r"^(?:He|She|They|His|Her|Their|Him|Them)\b")
_ENDS_WELL = re.compile(r"[.!][\"'”’)]*$")
_NUMBER = re.compile(r"\d(?:[\d,.]*\d)?")


@dataclass(frozen=True)
class SummaryConfig:
    words: int = 200
    min_sentences: int = 1
    max_sentences: int = 8
    support_similarity: float = 0.73
    support_similarity_shared_number: float = 0.6
    redundant_similarity: float = 0.6
    min_words: int = 8
    max_words: int = 45
    lead_bonus: float = 0.25
    quote_penalty: float = 1.0


@dataclass(frozen=True)
class _Candidate:
    source: int
    order: int
    sentence: Sentence
    position: float


def quoted_share(text: str) -> float:
    """How much of a sentence is quotation (0..1): a quote is someone's words,
    shown under who said what; a summary states what happened."""
    inside = sum(end - start for start, end in quote_spans(text))
    return round(inside / max(len(text), 1), 4)


def facts(sentence: Sentence) -> frozenset[str]:
    """The figures and the days a sentence states: two sentences that share one
    and read alike say the same thing."""
    days = {time.value for time in sentence.times if time.granularity == DAY}
    return numbers(sentence.text) | days


def numbers(text: str) -> frozenset[str]:
    """Figures written with digits, normalized ("4,000" and "4000" are one figure)."""
    return frozenset(match.replace(",", "") for match in _NUMBER.findall(text))


def is_candidate(sentence: Sentence, config: SummaryConfig) -> bool:
    """Whole, declarative sentences of reasonable length that stand on their own
    (not opening on a pronoun whose person the reader of a summary cannot know)."""
    text = sentence.text
    return (
        config.min_words <= sentence.words <= config.max_words
        and bool(_STARTS_WELL.search(text))
        and bool(_ENDS_WELL.search(text))
        and not _STARTS_WITH_PRONOUN.search(text)
    )


def summarize(
    source_ids: Sequence[str],
    articles: Sequence[AnalyzedArticle],
    vectors: Sequence[Vectors],
    config: SummaryConfig,
    voices: Sequence[int] | None = None,
) -> tuple[SummaryItem, ...]:
    """Choose and cite summary sentences for one story's sources.

    `voices` gives each source an independence id (a syndicated copy shares
    its original's); support counts distinct voices, so copies count once.
    """
    voice = list(voices) if voices is not None else list(range(len(articles)))
    candidates: list[_Candidate] = []
    rows: list[Vectors] = []
    for source, (analyzed, sentence_vectors) in enumerate(zip(articles, vectors, strict=True)):
        if analyzed.article.language != "en":
            continue
        total = max(len(analyzed.sentences), 1)
        for order, sentence in enumerate(analyzed.sentences):
            if is_candidate(sentence, config):
                candidates.append(_Candidate(source, order, sentence, 1.0 - order / total))
                rows.append(sentence_vectors[order])
    if not candidates:
        return ()
    matrix = np.vstack(rows)
    similarity = np.round(matrix @ matrix.T, 4)
    owner = np.array([candidate.source for candidate in candidates])
    sources = sorted(set(owner.tolist()))
    figures = [facts(candidate.sentence) for candidate in candidates]

    def supports(i: int, j: int) -> bool:
        if similarity[i, j] >= config.support_similarity:
            return True
        shared = bool(figures[i] & figures[j])
        return shared and similarity[i, j] >= config.support_similarity_shared_number

    best: list[dict[int, int]] = []  # per candidate: other source -> index of its closest sentence
    scores: list[float] = []
    for i, candidate in enumerate(candidates):
        closest: dict[int, int] = {}
        centrality = 0.0
        for other in sources:
            if other == candidate.source:
                continue
            members = np.flatnonzero(owner == other)
            centrality += float(similarity[i, members].max())
            supporting = [int(j) for j in members if supports(i, int(j))]
            if supporting:
                closest[other] = max(supporting, key=lambda j: (similarity[i, j], -j))
        centrality /= max(len(sources) - 1, 1)
        best.append(closest)
        backing = len({voice[candidate.source]} | {voice[other] for other in closest})
        quoted = quoted_share(candidate.sentence.text)
        scores.append(
            backing + centrality + config.lead_bonus * candidate.position - config.quote_penalty * quoted
        )

    ranking = sorted(
        range(len(candidates)),
        key=lambda i: (-round(scores[i], 4), candidates[i].source, candidates[i].order),
    )
    chosen: list[int] = []
    covered: set[int] = set()
    words = 0
    for i in ranking:
        if len(chosen) >= config.max_sentences:
            break
        if i in covered or any(similarity[i, j] >= config.redundant_similarity for j in chosen):
            continue
        length = candidates[i].sentence.words
        if len(chosen) >= config.min_sentences and words + length > config.words:
            continue
        chosen.append(i)
        covered.update(best[i].values())
        words += length
    chosen.sort(key=lambda i: (-candidates[i].position, ranking.index(i)))
    return tuple(_item(i, candidates, best[i], similarity, source_ids) for i in chosen)


def _item(
    i: int,
    candidates: Sequence[_Candidate],
    closest: dict[int, int],
    similarity: np.ndarray,
    source_ids: Sequence[str],
) -> SummaryItem:
    own = candidates[i]
    cites = [_cite(own, source_ids, 1.0)]
    for other in sorted(closest):
        j = closest[other]
        cites.append(_cite(candidates[j], source_ids, float(similarity[i, j])))
    return SummaryItem(text=own.sentence.text, cite=tuple(cites))


def _cite(candidate: _Candidate, source_ids: Sequence[str], similarity: float) -> Citation:
    sentence = candidate.sentence
    return Citation(source_ids[candidate.source], sentence.line, sentence.text, round(similarity, 2))
