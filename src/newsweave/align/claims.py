"""Match sentences that say the same thing across sources into claim groups.

A sentence links to its best match in another source when that match also
finds it best (mutual), and either the cosine is high (`SAME_CLAIM`) or it
is moderately high (`SAME_CLAIM_IF_SHARED`) and the two share something
specific: a figure, a duration, a date, or an entity the story does not
mention everywhere ("the capital" of every sentence proves nothing). Links
are then merged strongest first, and two partial groups join only when
they have no source in common and every pair across them is at least
loosely related (`GROUP_FLOOR`), so a chain of near misses cannot glue
unrelated claims together and a group holds at most one sentence per
source.

Thresholds were measured on a five-source scraped report of one trip, where
every sentence is on topic and unrelated pairs still reach 0.70: above
0.75 the mutual best matches were the same claim, between 0.65 and 0.75
they were when they shared a specific value.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from newsweave.analyze.embeddings import Vectors
from newsweave.models import AnalyzedArticle, Sentence

SAME_CLAIM = 0.75
SAME_CLAIM_IF_SHARED = 0.65
GROUP_FLOOR = 0.6
MIN_WORDS = 6
MAX_WORDS = 70
"""Sentence length accepted for alignment: longer than a summary allows,
because the sentences carrying disputed details are often long; and unlike
the summary, sentences opening on a pronoun count (they state claims too)."""
_STARTS_WELL = re.compile(r"^[\"'“‘(]?[A-Z0-9]")
_ENDS_WELL = re.compile(r"[.!][\"'”’)]*$")


@dataclass(frozen=True)
class Candidate:
    """A sentence considered for alignment: `source` and `sentence` index
    into the story's articles, `order` into the stacked candidate matrix."""

    source: int
    sentence: int
    order: int


@dataclass(frozen=True)
class ClaimGroup:
    """Sentences of different sources that say the same thing.

    `members` are (source, sentence) pairs sorted by source, at most one per
    source; `centre` is the member closest to all others (the one to show);
    `voices` counts distinct independent voices (copies count once).
    """

    members: tuple[tuple[int, int], ...]
    centre: tuple[int, int]
    voices: int


def candidates(articles: Sequence[AnalyzedArticle]) -> list[Candidate]:
    """English, whole, declarative sentences of reasonable length."""
    found: list[Candidate] = []
    for source, analyzed in enumerate(articles):
        if not analyzed.article.in_english():
            continue
        for index, sentence in enumerate(analyzed.sentences):
            if is_claim(sentence):
                found.append(Candidate(source, index, len(found)))
    return found


def is_claim(sentence: Sentence) -> bool:
    """A whole declarative sentence of reasonable length."""
    return (
        MIN_WORDS <= sentence.words <= MAX_WORDS
        and bool(_STARTS_WELL.search(sentence.text))
        and bool(_ENDS_WELL.search(sentence.text))
    )


def similarity_matrix(found: Sequence[Candidate], vectors: Sequence[Vectors]) -> np.ndarray:
    if not found:
        return np.zeros((0, 0), dtype=np.float32)
    rows = np.vstack([vectors[c.source][c.sentence] for c in found])
    matrix: np.ndarray = np.round(rows @ rows.T, 4)
    return matrix


def link(
    found: Sequence[Candidate],
    similarity: np.ndarray,
    specific: Sequence[frozenset[str]],
) -> list[tuple[float, int, int]]:
    """Mutual best matches between every two sources that pass the thresholds."""
    by_source: dict[int, list[int]] = {}
    for candidate in found:
        by_source.setdefault(candidate.source, []).append(candidate.order)
    sources = sorted(by_source)
    links: list[tuple[float, int, int]] = []
    for a_pos, a in enumerate(sources):
        for b in sources[a_pos + 1 :]:
            rows, cols = by_source[a], by_source[b]
            block = similarity[np.ix_(rows, cols)]
            for r, i in enumerate(rows):
                c = int(np.argmax(block[r]))
                if int(np.argmax(block[:, c])) != r:
                    continue
                j = cols[c]
                score = float(block[r, c])
                if score >= SAME_CLAIM or (score >= SAME_CLAIM_IF_SHARED and specific[i] & specific[j]):
                    links.append((score, i, j))
    links.sort(key=lambda item: (-item[0], item[1], item[2]))
    return links


def group_claims(
    found: Sequence[Candidate],
    similarity: np.ndarray,
    links: Sequence[tuple[float, int, int]],
    voices: Sequence[int],
) -> tuple[ClaimGroup, ...]:
    """Merge links strongest first into groups with one sentence per source."""
    group_of = list(range(len(found)))
    members: dict[int, list[int]] = {i: [i] for i in range(len(found))}
    for _score, i, j in links:
        gi, gj = group_of[i], group_of[j]
        if gi == gj:
            continue
        left, right = members[gi], members[gj]
        if {found[k].source for k in left} & {found[k].source for k in right}:
            continue
        if float(similarity[np.ix_(left, right)].min()) < GROUP_FLOOR:
            continue
        for k in right:
            group_of[k] = gi
        left.extend(right)
        del members[gj]
    groups = [
        _group(sorted(m, key=lambda k: found[k].source), found, similarity, voices) for m in members.values()
    ]
    groups.sort(key=lambda g: g.members[0])
    return tuple(groups)


def _group(
    orders: list[int], found: Sequence[Candidate], similarity: np.ndarray, voices: Sequence[int]
) -> ClaimGroup:
    block = similarity[np.ix_(orders, orders)]
    centrality = [round(float(block[r].sum()), 4) for r in range(len(orders))]
    best = sorted(range(len(orders)), key=lambda r: (-centrality[r], r))[0]
    centre = found[orders[best]]
    return ClaimGroup(
        members=tuple((found[k].source, found[k].sentence) for k in orders),
        centre=(centre.source, centre.sentence),
        voices=len({voices[found[k].source] for k in orders}),
    )
