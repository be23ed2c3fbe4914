"""States by id, with the arrays that pick an article's candidates fast.

A `StateTable` holds the states of stories (or of arcs), the filing-clock
version each was stored at, how many of them use each word, and, row by
row, each state's unit centroid and first and last publication day. An
article is scored in full against its candidates only: the states within a
date window of it (all of them when either is undated), but never a state
marked `alone`, and of those the
`CANDIDATES` whose centroids are nearest the article's vector (one matrix
product), ties to the older state.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from math import log

import numpy as np

from newsweave.group.features import ArticleFeatures
from newsweave.group.state import StoryState

CANDIDATES = 32
_UNDATED = -1


class StateTable:
    """States by id in the order they were first put (see the module docstring)."""

    def __init__(self, dimension: int) -> None:
        self.dimension = dimension
        self.states: dict[str, StoryState] = {}
        # The store's filing clock at which each state last changed.
        self.versions: dict[str, int] = {}
        # How many states use each word.
        self.spread: Counter[str] = Counter()
        self.ids: list[str] = []
        self._rows: dict[str, int] = {}
        self._unit = np.zeros((16, dimension), dtype=np.float32)
        self._first = np.full(16, _UNDATED, dtype=np.int64)
        self._last = np.full(16, _UNDATED, dtype=np.int64)
        self._alone = np.zeros(16, dtype=bool)

    def __len__(self) -> int:
        return len(self.ids)

    def joined(self, state_id: str | None, article: ArticleFeatures) -> StoryState:
        """The state of `state_id` (new when None or unknown) with `article` added; nothing changes."""
        current = self.states.get(state_id) if state_id is not None else None
        state = current.copy() if current is not None else StoryState.empty(self.dimension)
        state.add(article)
        return state

    def put(self, state_id: str, state: StoryState, version: int = 0) -> None:
        """Put `state` as the state of `state_id` (new or replacing), stored at `version`."""
        self.versions[state_id] = version
        before = self.states[state_id].terms.keys() if state_id in self.states else set()
        self.spread.update(state.terms.keys() - before)
        self.spread.subtract(before - state.terms.keys())
        row = self._rows.get(state_id)
        if row is None:
            row = len(self.ids)
            if row == len(self._unit):
                self._grow()
            self.ids.append(state_id)
            self._rows[state_id] = row
        self.states[state_id] = state
        norm = float(np.linalg.norm(state.total))
        self._unit[row] = (state.total / norm).astype(np.float32) if norm > 0 else 0.0
        days = state.span()
        self._first[row] = days[0].toordinal() if days else _UNDATED
        self._last[row] = days[1].toordinal() if days else _UNDATED
        self._alone[row] = state.alone

    def rare(self, article: ArticleFeatures) -> ArticleFeatures:
        """`article` with each word weighed once more by how few states use it,
        log(states / states with the word): a word every flood story uses stops
        being evidence once there are many floods."""
        count = len(self.ids)
        rarity = {term: log((1 + count) / (1 + self.spread[term])) for term in article.terms}
        return replace(article, terms={term: w * rarity[term] for term, w in article.terms.items()})

    def candidates(
        self, article: ArticleFeatures, window: int, span: int | None = None, nearest: int = CANDIDATES
    ) -> list[str]:
        """Ids of the states open to `article`: dated within `window` days of it and,
        with `span`, not spanning more than `span` days with it; then the `nearest`."""
        count = len(self.ids)
        if count == 0:
            return []
        rows = np.flatnonzero(~self._alone[:count])
        if article.published is not None:
            day = article.published.toordinal()
            first, last = self._first[rows], self._last[rows]
            near = (first - window <= day) & (day <= last + window)
            if span is not None:
                near &= np.maximum(last, day) - np.minimum(first, day) <= span
            rows = rows[(first == _UNDATED) | near]
        if len(rows) > nearest:
            similarity = self._unit[rows] @ article.vector.astype(np.float32)
            order = np.lexsort((rows, -np.round(similarity, 6)))[:nearest]
            rows = rows[order]
        return [self.ids[row] for row in sorted(int(row) for row in rows)]

    def _grow(self) -> None:
        size = len(self._unit) * 2
        self._unit = np.resize(self._unit, (size, self.dimension))
        self._first = np.resize(self._first, size)
        self._last = np.resize(self._last, size)
        self._alone = np.resize(self._alone, size)
