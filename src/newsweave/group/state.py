"""A story as the clusterer keeps it: the sums of its members' features.

A story's state is what scoring an article against it needs and nothing
more: the sum of its members' vectors (a centroid up to its norm), the summed
weights of their names and words, how many of them name each person, place,
year and figure, and their publication days. Sums make filing cheap (add an
article, never recompute) and make a state independent of the order its
members arrived in. A state keeps at most `2 * STATE_KEYS` names, words and
figures of each kind, its heaviest, so filing into a story of a thousand
articles costs what filing into one of ten does. A store writes a state as
JSON text (`state_to_json`) beside its vector sum as float64 bytes.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np
from numpy.typing import NDArray

from newsweave.errors import UserError
from newsweave.group.features import ArticleFeatures

STATE_KEYS = 400


@dataclass
class StoryState:
    """A story's summed features; `size` counts the articles summed."""

    total: NDArray[np.float64]
    size: int = 0
    entities: Counter[str] = field(default_factory=Counter)
    terms: Counter[str] = field(default_factory=Counter)
    people: Counter[str] = field(default_factory=Counter)
    places: Counter[str] = field(default_factory=Counter)
    years: Counter[int] = field(default_factory=Counter)
    numbers: Counter[str] = field(default_factory=Counter)
    dates: Counter[date] = field(default_factory=Counter)
    # A story of one article that can be read by no other (see `features.ALONE_FLAGS`).
    alone: bool = False
    # What scoring derives from the sums (norms, dominant names), kept until they change.
    derived: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def empty(cls, dimension: int) -> StoryState:
        return cls(np.zeros(dimension, dtype=np.float64))

    def add(self, article: ArticleFeatures) -> None:
        """Count `article` in (its names, words and figures; then the heaviest kept)."""
        self.derived.clear()
        self.size += 1
        self.alone = self.alone or article.alone
        self.total = self.total + article.vector.astype(np.float64)
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
                counter[key] += weight
        for counter in (self.entities, self.terms, self.people, self.places, self.numbers):
            _bound(counter)

    def copy(self) -> StoryState:
        """An independent copy (counters and the vector are not shared)."""
        return StoryState(
            total=self.total.copy(),
            size=self.size,
            entities=Counter(self.entities),
            terms=Counter(self.terms),
            people=Counter(self.people),
            places=Counter(self.places),
            years=Counter(self.years),
            numbers=Counter(self.numbers),
            dates=Counter(self.dates),
            alone=self.alone,
        )

    def span(self) -> tuple[date, date] | None:
        """First and last publication day of the members, when any is dated."""
        if not self.dates:
            return None
        return min(self.dates), max(self.dates)


def _bound(counter: Counter[Any]) -> None:
    """Keep the `STATE_KEYS` heaviest keys of `counter` once it holds twice as many."""
    if len(counter) > 2 * STATE_KEYS:
        heaviest = sorted(counter.items(), key=lambda item: (-item[1], str(item[0])))[:STATE_KEYS]
        counter.clear()
        counter.update(dict(heaviest))


def state_to_json(state: StoryState) -> str:
    """Everything but the vector sum, as JSON text (keys sorted, so equal states write equal text)."""
    alone = {"alone": True} if state.alone else {}
    return json.dumps(
        {
            **alone,
            "size": state.size,
            "entities": {k: round(v, 4) for k, v in sorted(state.entities.items())},
            "terms": {k: round(v, 4) for k, v in sorted(state.terms.items())},
            "people": dict(sorted(state.people.items())),
            "places": dict(sorted(state.places.items())),
            "years": {str(k): v for k, v in sorted(state.years.items())},
            "numbers": dict(sorted(state.numbers.items())),
            "dates": {k.isoformat(): v for k, v in sorted(state.dates.items())},
        },
        sort_keys=True,
    )


def state_from_json(text: str, total: bytes, dimension: int) -> StoryState:
    """The state `state_to_json` wrote, with its vector sum (float64 bytes)."""
    data: dict[str, Any] = json.loads(text)
    vector: NDArray[np.float64] = np.frombuffer(total, dtype=np.float64).copy()
    if vector.shape != (dimension,):
        raise UserError(
            f"a stored story state has {vector.size} dimensions, the encoder {dimension}",
            hint="the static encoder changed: file the stored articles again into a new store",
        )
    return StoryState(
        total=vector,
        # States written before sizes were kept listed their members.
        size=int(data["size"]) if "size" in data else len(data["members"]),
        entities=Counter({k: float(v) for k, v in data["entities"].items()}),
        terms=Counter({k: float(v) for k, v in data["terms"].items()}),
        people=Counter(data["people"]),
        places=Counter(data["places"]),
        years=Counter({int(k): v for k, v in data["years"].items()}),
        numbers=Counter(data["numbers"]),
        dates=Counter({date.fromisoformat(k): v for k, v in data["dates"].items()}),
        alone=bool(data.get("alone", False)),
    )
