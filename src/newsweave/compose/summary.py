"""Extractive, cited summary of one story.

Every summary sentence is a sentence of some source, copied verbatim; no
sentence is compressed or rewritten. Which sentences is decided by what
they cover (see `concepts` and `selection`): the word bigrams the story's
independent sources carry, weighted by how many carry them (a syndicated
copy counts with its original, once) and how early in an article they
appear, covered as fully as the word budget allows, each counted once so a
repeat adds nothing. Two sentences that say the same thing (embeddings
close enough, or a little less close but sharing a figure such as "4.5
percent" or the day it tells of) are never both shown, and a sentence that
is mostly quotation is left to who said what: a summary says what
happened. The chosen sentences are shown in the order they hold in their
articles, leads first, so the summary reads like a report. Each cites its
own line first and then, for every other source that carries it, the line
and sentence there that says the same, with the similarity, so a reader
can check both.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

from newsweave.analyze.embeddings import Vectors
from newsweave.analyze.quotes import quote_spans
from newsweave.compose.concepts import ConceptConfig, concept_weights, concepts
from newsweave.compose.selection import Problem, select
from newsweave.models import AnalyzedArticle, Citation, Sentence, SummaryItem
from newsweave.vocabulary import FlagKind, Granularity

# Sources whose own sentences are shown only when no other source has any to
# show: a content farm's copy or a machine translation still counts as a
# voice, but its wording is not what a reader should be given.
UNTRUSTED = frozenset({FlagKind.CONTENT_FARM, FlagKind.MACHINE_TRANSLATION})
_STARTS_WELL = re.compile(r"^(?:``|[\"'“‘(])?[A-Z0-9]")
_STARTS_WITH_PRONOUN = re.compile(r"^(?:He|She|They|His|Her|Their|Him|Them)\b")
_ENDS_WELL = re.compile(r"[.!][\"'”’)]*$")
_NUMBER = re.compile(r"\d(?:[\d,.]*\d)?")


@dataclass(frozen=True)
class SummaryConfig:
    words: int = 200
    min_sentences: int = 1
    max_sentences: int = 12
    support_similarity: float = 0.73
    support_similarity_shared_number: float = 0.6
    redundant_similarity: float = 0.75
    min_words: int = 8
    max_words: int = 45
    max_quoted_share: float = 0.5
    concepts: ConceptConfig = field(default_factory=ConceptConfig)


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
    days = {time.value for time in sentence.times if time.granularity == Granularity.DAY}
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
    candidates, rows = _candidates(articles, vectors, config)
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

    untrusted = frozenset(
        i for i, item in enumerate(articles) if any(f.kind in UNTRUSTED for f in item.article.flags)
    )
    chosen = _choose(candidates, similarity, voice, config, supports, untrusted)
    chosen.sort(key=lambda i: (-candidates[i].position, candidates[i].source, candidates[i].order))
    items = []
    for i in chosen:
        closest: dict[int, int] = {}
        for other in sources:
            if other == candidates[i].source:
                continue
            supporting = [int(j) for j in np.flatnonzero(owner == other) if supports(i, int(j))]
            if supporting:
                closest[other] = max(supporting, key=lambda j: (similarity[i, j], -j))
        items.append(_item(i, candidates, closest, similarity, source_ids))
    return tuple(items)


def _choose(
    candidates: Sequence[_Candidate],
    similarity: np.ndarray,
    voice: Sequence[int],
    config: SummaryConfig,
    supports: Callable[[int, int], bool],
    untrusted: frozenset[int],
) -> list[int]:
    """The candidates that cover the story's weighted concepts best within the
    budget (see `selection`): two sentences that say the same thing (close
    enough to cite one for the other) are never both chosen, and a sentence
    that is mostly quotation (left to who said what) or comes from an
    `untrusted` source is chosen only when nothing else can be. At least
    `min_sentences` are shown, budget or not."""
    found = [concepts(candidate.sentence.text) for candidate in candidates]
    weights = concept_weights(
        found,
        [voice[candidate.source] for candidate in candidates],
        [candidate.order for candidate in candidates],
        config.concepts,
    )
    telling = {
        i for i, c in enumerate(candidates) if quoted_share(c.sentence.text) <= config.max_quoted_share
    }
    trusted = {i for i, c in enumerate(candidates) if c.source not in untrusted}
    everyone = set(range(len(candidates)))
    eligible = sorted(next(tier for tier in (telling & trusted, telling, trusted, everyone) if tier))
    # `supports` never holds below the shared-figure similarity, so only pairs
    # at or above the lower of the two bars need a closer look.
    bar = min(config.redundant_similarity, config.support_similarity_shared_number)
    close = np.triu(similarity[np.ix_(eligible, eligible)] >= bar, k=1)
    exclusive = [
        (eligible[x], eligible[y])
        for x, y in zip(*np.nonzero(close), strict=True)
        if similarity[eligible[x], eligible[y]] >= config.redundant_similarity
        or supports(eligible[x], eligible[y])
    ]
    local = {i: k for k, i in enumerate(eligible)}
    problem = Problem(
        lengths=[candidates[i].sentence.words for i in eligible],
        concepts=[found[i] for i in eligible],
        weights=weights,
        budget=config.words,
        max_sentences=config.max_sentences,
        exclusive=[(local[a], local[b]) for a, b in exclusive],
    )
    chosen = [eligible[k] for k in select(problem)]
    if len(chosen) < config.min_sentences:
        ranked = sorted(
            (i for i in eligible if i not in chosen),
            key=lambda i: (-problem.value([local[i]]), candidates[i].source, candidates[i].order),
        )
        for i in ranked[: config.min_sentences - len(chosen)]:
            if all(similarity[i, j] < config.redundant_similarity for j in chosen):
                chosen.append(i)
    return chosen


def _candidates(
    articles: Sequence[AnalyzedArticle], vectors: Sequence[Vectors], config: SummaryConfig
) -> tuple[list[_Candidate], list[Vectors]]:
    """The sentences a summary may show, with their vectors.

    Whole, declarative English sentences of reasonable length first (see
    `is_candidate`); a story that has none still has article text, so then
    every sentence of its English articles, and failing those, of any
    article, may be shown: a story with text never gets an empty summary.
    """
    english = [i for i, analyzed in enumerate(articles) if analyzed.article.in_english()]
    tiers: list[tuple[list[int], Callable[[Sentence], bool]]] = [
        (english, lambda sentence: is_candidate(sentence, config)),
        (english, lambda sentence: sentence.words > 0),
        (list(range(len(articles))), lambda sentence: sentence.words > 0),
    ]
    for sources, usable in tiers:
        candidates: list[_Candidate] = []
        rows: list[Vectors] = []
        for source in sources:
            analyzed = articles[source]
            total = max(len(analyzed.sentences), 1)
            for order, sentence in enumerate(analyzed.sentences):
                if usable(sentence):
                    candidates.append(_Candidate(source, order, sentence, 1.0 - order / total))
                    rows.append(vectors[source][order])
        if candidates:
            return candidates, rows
    return [], []


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
