"""How well an article fits a story, and how well it fits an arc.

An article (`features.ArticleFeatures`) is scored against a story
(`state.StoryState`, the sums of its members' features):

    score = cosine(article, centroid) + ENTITY * name overlap + LEXICAL * word overlap
            - NOVEL * share of the article's salient names the story never names
            + NUMBER if a figure is shared
            - PERSON if the salient people differ - PLACE if the salient places differ
            - YEAR if the years written differ
            - DISJOINT if the two name no one in common

Overlaps are weighted cosines against the story's summed weights. People,
places and years are compared with the story's dominant ones (named at least
`dominant` as often as its most named), so a story's stray names do not
shield it. The article joins the best story scoring at least `threshold`.

An arc (the stories of one affair over months) is scored on what it is
about only, whatever the days and with no penalty for names or figures that
differ, since the next hearing of a trial names new witnesses:

    arc score = ARC_VECTOR * cosine + ARC_ENTITY * name overlap + ARC_LEXICAL * word overlap
                - ARC_DISJOINT if the two name no one in common

An article that names no one an arc names does not join it (two floods in
two countries are two affairs): that costs .025 B-cubed on DUC 2006 topics
(.843 to .818) and .002 on DUC 2007, and keeps the invented look-alike events
of `bench_scale.py` in arcs of their own (B-cubed of arcs against events .351
to .986 on 1,000 articles).

The weights were chosen on the odd-numbered topics of the ECB+ dev set
(events: look-alike events of one kind, such as two title fights of one
boxer, are two stories) and on the DUC 2006 newswire (arcs: a DUC topic is
months of coverage of one affair), and checked on the even-numbered ECB+
topics, on shuffled orders and on DUC 2007 (`benchmarks/bench_clusters.py`).
`dominant`, `disjoint` and `span_days` also hold back the snowballing of
stories in the dense invented corpus of `bench_scale.py`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from math import sqrt
from typing import Any

import numpy as np

from newsweave.group.features import ArticleFeatures
from newsweave.group.state import StoryState


@dataclass(frozen=True)
class StoryConfig:
    """Weights of the joining score and the date limits (see the module docstring)."""

    threshold: float = 0.9
    entity: float = 0.5
    lexical: float = 1.6
    novel: float = 0.2
    number: float = 0.05
    person: float = 0.1
    place: float = 0.0
    year: float = 0.0
    dominant: float = 0.7
    disjoint: float = 0.4
    window_days: int = 7
    span_days: int = 30
    arc_vector: float = 0.5
    arc_entity: float = 0.1
    arc_lexical: float = 1.5
    arc_disjoint: float = 1.0
    arc_threshold: float = 0.45
    arc_gap_days: int = 730


def arc_score(article: ArticleFeatures, arc: StoryState, config: StoryConfig) -> float:
    """The arc score of the module docstring (`arc` sums the features of its stories' articles)."""
    value = config.arc_vector * _cosine(article, arc)
    value += config.arc_entity * _weighted_cosine(article.entities, arc, "entities")
    value += config.arc_lexical * _weighted_cosine(article.terms, arc, "terms")
    if _names_nobody_in_common(article, arc):
        value -= config.arc_disjoint
    return value


def score(article: ArticleFeatures, story: StoryState, config: StoryConfig) -> float:
    """The joining score of the module docstring."""
    value = _cosine(article, story) + config.entity * _weighted_cosine(article.entities, story, "entities")
    value += config.lexical * _weighted_cosine(article.terms, story, "terms")
    if config.novel:
        value -= config.novel * _novel(article, story)
    if article.numbers and set(story.numbers) & article.numbers:
        value += config.number
    if _conflict(article.people, story, "people", config.dominant):
        value -= config.person
    if _conflict(article.places, story, "places", config.dominant):
        value -= config.place
    if _conflict(article.years, story, "years", config.dominant):
        value -= config.year
    if _names_nobody_in_common(article, story):
        value -= config.disjoint
    return value


def _cosine(article: ArticleFeatures, story: StoryState) -> float:
    norm = _derived(story, "total", lambda: float(np.linalg.norm(story.total)))
    return float(article.vector.astype(np.float64) @ story.total) / norm if norm > 0 else 0.0


def _derived(story: StoryState, key: str, compute: Callable[[], Any]) -> Any:
    if key not in story.derived:
        story.derived[key] = compute()
    return story.derived[key]


def _dominant(story: StoryState, name: str, share: float) -> frozenset[Any]:
    """Keys of the story's counter `name` counted at least `share` times its largest count."""

    def compute() -> frozenset[Any]:
        counter: Counter[Any] = getattr(story, name)
        if not counter:
            return frozenset()
        floor = share * max(counter.values())
        return frozenset(key for key, count in counter.items() if count >= floor)

    found: frozenset[Any] = _derived(story, f"{name}:dominant:{share}", compute)
    return found


def _novel(article: ArticleFeatures, story: StoryState) -> float:
    """The share of the article's salient people and places that the story never names."""
    salient = article.people | article.places
    return sum(1 for key in salient if key not in story.entities) / len(salient) if salient else 0.0


def _conflict(mine: frozenset[str] | frozenset[int], story: StoryState, name: str, dominant: float) -> bool:
    """Whether the article names some and the story others (its dominant ones)."""
    if not mine or not getattr(story, name):
        return False
    return not (mine & _dominant(story, name, dominant))


def _names_nobody_in_common(article: ArticleFeatures, story: StoryState) -> bool:
    return bool(article.entities and story.entities) and story.entities.keys().isdisjoint(article.entities)


def _weighted_cosine(mine: Mapping[str, float], story: StoryState, name: str) -> float:
    theirs: Counter[str] = getattr(story, name)
    if not mine or not theirs:
        return 0.0
    dot = sum(weight * theirs.get(key, 0.0) for key, weight in mine.items())
    their_norm = _derived(story, f"{name}:norm", lambda: sqrt(sum(w * w for w in theirs.values())))
    norms = sqrt(sum(w * w for w in mine.values())) * their_norm
    return dot / norms if norms > 0 else 0.0
