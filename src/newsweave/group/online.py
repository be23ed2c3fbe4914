"""Online story clustering: each article joins the best story so far or opens one.

Articles arrive one at a time (a store ingests them that way). A story keeps
a running centroid of its articles' vectors, the sum of their entity weights,
the people, places, years and figures they name, and the span of their
publication dates. An article is scored against every open story:

    score = cosine(article, centroid) + ENTITY * entity overlap + LEXICAL * word overlap
            + NUMBER if a figure is shared
            - PERSON if the salient people differ - PLACE if the salient places differ
            - YEAR if the years written differ
            - DISJOINT if the two name no one in common

(overlaps are weighted cosines against the story's summed weights; word
weights are multiplied by their inverse document frequency in the batch
being clustered, so only distinctive words count), and joins the best story
when the score reaches `threshold`; otherwise it opens its own story. The
weights in `OnlineConfig` were tuned once on the odd-numbered topics of the
ECB+ dev set (look-alike event pairs) and checked on the even-numbered ones.

A story whose dates are known is closed to an article published more than
`window_days` outside its span, or that would stretch its span beyond
`span_days`. The penalties are what
keeps look-alike events apart: two earthquakes read alike to the encoder,
but not their places, years and death tolls. An outlier never reaches the
threshold, so it stays a singleton instead of dragging a centroid away.

Deterministic for a given input order (ties go to the older story). Order
matters in an online method: an article that arrives before the reports that
would bridge it to a story can open its own. `refine` (on by default) reduces
that: once everything has arrived, each article moves to the story that now
scores it best (its own story scored without it), one pass in input order.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from math import log, sqrt
from typing import Any

import numpy as np
from numpy.typing import NDArray

from newsweave.group.features import ArticleFeatures, article_features
from newsweave.models import Story

__all__ = ["ArticleFeatures", "OnlineConfig", "StoryState", "article_features", "cluster_online", "score"]


@dataclass(frozen=True)
class OnlineConfig:
    """Weights of the joining score (see the module docstring).

    `idf` weighs words by their rarity in the clustered batch; `refine` runs
    the second, re-assigning pass; `window_days` and `span_days` apply only
    where both the article and the story have publication dates: a story is
    closed to an article more than `window_days` outside its span, or one
    that would make it span more than `span_days` (coverage of a long affair
    then comes as consecutive stories, and no story grows without end).
    `dominant` > 0 compares an article's people, places and years only with a
    story's dominant ones, those named at least that share as often as its
    most named: a large story's stray names then no longer shield it from the
    penalties. `disjoint` is taken off when the article and the story both
    name someone or something and share no name at all.
    """

    threshold: float = 0.9
    entity: float = 0.3
    lexical: float = 0.5
    number: float = 0.05
    person: float = 0.1
    place: float = 0.1
    year: float = 0.05
    window_days: int = 7
    span_days: int = 30
    refine: bool = True
    idf: bool = True
    dominant: float = 0.0
    disjoint: float = 0.0


@dataclass
class StoryState:
    """A story as the clusterer keeps it: its members and the sums of their features.

    `size` counts the articles summed; `members` lists those added with an index
    (a stored story's members are in the store, and its state lists none).
    """

    members: list[int]
    total: NDArray[np.float64]
    size: int = 0
    entities: Counter[str] = field(default_factory=Counter)
    terms: Counter[str] = field(default_factory=Counter)
    people: Counter[str] = field(default_factory=Counter)
    places: Counter[str] = field(default_factory=Counter)
    years: Counter[int] = field(default_factory=Counter)
    numbers: Counter[str] = field(default_factory=Counter)
    dates: Counter[date] = field(default_factory=Counter)
    # What scoring derives from the sums (norms, dominant names), kept until they change.
    derived: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def empty(cls, dimension: int) -> StoryState:
        return cls([], np.zeros(dimension, dtype=np.float64))

    def change(self, index: int | None, article: ArticleFeatures, sign: int) -> None:
        """Add (sign 1) or remove (sign -1) an article, listed in `members` as `index`
        unless that is None."""
        self.derived.clear()
        self.size += sign
        if index is not None and sign > 0:
            self.members.append(index)
        elif index is not None:
            self.members.remove(index)
        self.total = self.total + sign * article.vector.astype(np.float64)
        changes: tuple[tuple[Any, Mapping[Any, float]], ...] = (  # counters of ints or floats
            (self.entities, article.entities),
            (self.terms, article.terms),
            (self.people, dict.fromkeys(article.people, 1)),
            (self.places, dict.fromkeys(article.places, 1)),
            (self.years, dict.fromkeys(article.years, 1)),
            (self.numbers, dict.fromkeys(article.numbers, 1)),
            (self.dates, {} if article.published is None else {article.published: 1}),
        )
        for counter, weights in changes:
            for key, weight in weights.items():
                counter[key] += sign * weight
                if counter[key] <= 1e-9:  # a key at zero is dropped
                    del counter[key]


def cluster_online(features: Sequence[ArticleFeatures], config: OnlineConfig | None = None) -> list[int]:
    """A story label per article, in input order, numbered by first appearance."""
    config = config or OnlineConfig()
    if not features:
        return []
    dimension = len(features[0].vector)
    if config.idf:
        features = weigh_terms(features)
    stories: list[StoryState] = []
    assignment: list[int] = []
    for index, article in enumerate(features):
        best = _best(article, stories, config)
        if best is None:
            stories.append(StoryState.empty(dimension))
            best = len(stories) - 1
        stories[best].change(index, article, 1)
        assignment.append(best)
    if config.refine:
        for index, article in enumerate(features):
            current = assignment[index]
            stories[current].change(index, article, -1)
            best = _best(article, stories, config)
            if best is None:
                best = current if not stories[current].size else _open(stories, dimension)
            stories[best].change(index, article, 1)
            assignment[index] = best
    names: dict[int, int] = {}
    return [names.setdefault(story, len(names)) for story in assignment]


def stories_from_labels(labels: Sequence[int]) -> list[Story]:
    """Stories as tuples of article indices, ordered by their first member."""
    members: dict[int, list[int]] = {}
    for index, label in enumerate(labels):
        members.setdefault(label, []).append(index)
    return sorted((Story(tuple(group)) for group in members.values()), key=lambda s: s.members)


def weigh_terms(features: Sequence[ArticleFeatures]) -> list[ArticleFeatures]:
    """Term weights times their inverse document frequency in this batch, so
    words every article uses ("said", "officials") stop counting as evidence."""
    frequency: Counter[str] = Counter(term for article in features for term in article.terms)
    total = len(features)
    return [
        replace(
            article,
            terms={
                term: round(weight * log((1 + total) / (1 + frequency[term])), 4)
                for term, weight in article.terms.items()
            },
        )
        for article in features
    ]


def _open(stories: list[StoryState], dimension: int) -> int:
    stories.append(StoryState.empty(dimension))
    return len(stories) - 1


def _best(article: ArticleFeatures, stories: Sequence[StoryState], config: OnlineConfig) -> int | None:
    """The open story scoring highest for `article` at or above the threshold (older wins ties)."""
    best: int | None = None
    best_score = config.threshold
    for number, story in enumerate(stories):
        if not story.size or not _in_window(article.published, story, config):
            continue
        value = round(score(article, story, config), 6)
        if value >= best_score and (best is None or value > best_score):
            best, best_score = number, value
    return best


def score(article: ArticleFeatures, story: StoryState, config: OnlineConfig) -> float:
    """The joining score of the module docstring."""
    norm = _derived(story, "total", lambda: float(np.linalg.norm(story.total)))
    similarity = float(article.vector.astype(np.float64) @ story.total) / norm if norm > 0 else 0.0
    value = similarity + config.entity * _weighted_cosine(article.entities, story, "entities")
    if config.lexical:
        value += config.lexical * _weighted_cosine(article.terms, story, "terms")
    if article.numbers and set(story.numbers) & article.numbers:
        value += config.number
    if _conflict(article.people, story, "people", config.dominant):
        value -= config.person
    if _conflict(article.places, story, "places", config.dominant):
        value -= config.place
    if _conflict(article.years, story, "years", config.dominant):
        value -= config.year
    if config.disjoint and _names_nobody_in_common(article, story):
        value -= config.disjoint
    return value


def _derived(story: StoryState, key: str, compute: Callable[[], Any]) -> Any:
    if key not in story.derived:
        story.derived[key] = compute()
    return story.derived[key]


def _conflict(mine: frozenset[str] | frozenset[int], story: StoryState, name: str, dominant: float) -> bool:
    """Whether the article names some and the story others (its dominant ones, see `OnlineConfig`)."""
    theirs: Counter[Any] = getattr(story, name)
    if not mine or not theirs:
        return False

    def dominant_keys() -> frozenset[Any]:
        floor = dominant * max(theirs.values())
        return frozenset(key for key, count in theirs.items() if count >= floor)

    return not (mine & _derived(story, f"{name}:dominant:{dominant}", dominant_keys))


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


def _in_window(published: date | None, story: StoryState, config: OnlineConfig) -> bool:
    if published is None or not story.dates:
        return True
    first, last = min(story.dates), max(story.dates)
    window = timedelta(days=config.window_days)
    span = (max(last, published) - min(first, published)).days
    return first - window <= published <= last + window and span <= config.span_days
