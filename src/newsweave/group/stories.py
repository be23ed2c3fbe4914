"""The story clusterer: each article, in turn, joins the best story so far or opens one.

There is one clusterer, and every path files articles through it the same
way: `ingest` into the stories of a store (`filing`), `brief` and
`eval clusters` into an in-memory index (`cluster`). So `brief DIR` and
`ingest DIR && newsweave stories` give the same stories.

Two levels:

* **Events.** An article joins the story it scores best against
  (`scoring.score`) at or above the threshold, or opens its own. A story
  whose dates are known is closed to an article published more than
  `window_days` outside its span, or that would stretch its span beyond
  `span_days`, so no story grows without end, and two look-alike events
  (two earthquakes) are two stories.
* **Arcs.** A story opened by an article joins the arc that article fits
  best (`scoring.arc_score`, at or above `arc_threshold`, among arcs with a
  story within `arc_gap_days`), or starts its own arc. An arc sums the
  features of every article of its stories, so months of coverage of one
  affair (a trial, a campaign, a war) become consecutive stories of one arc.

Word weights are the article's (`features.distinctive`), times once more how
few stories (or arcs) already use the word (`table.StateTable.rare`).

Deterministic for a given input order: ties go to the older story, and
states hold only sums. Order matters, as in any online method: an article
filed before the reports that would bridge it to a story opens its own, and
nothing moves it later.

Filing is split in two so a store can make it transactional: `choose`
finds the story and arc without changing anything, `joined` returns their
new states, and `commit` puts them in the index once the store has written
them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from newsweave.group.features import ArticleFeatures
from newsweave.group.scoring import StoryConfig, arc_score, score
from newsweave.group.state import StoryState
from newsweave.group.table import StateTable
from newsweave.models import Story

__all__ = ["Choice", "StoryConfig", "StoryIndex", "cluster", "story_labels"]

ARC_CANDIDATES = 8


@dataclass(frozen=True)
class Choice:
    """Where an article goes: an existing story's id, or None for a story of its own;
    and for a story of its own, an existing arc's id, or None for an arc of its own."""

    story_id: str | None
    score: float
    arc_id: str | None = None


@dataclass(frozen=True)
class Filed:
    """The new states of an article's story and arc, as `StoryIndex.joined` returns them."""

    story: StoryState
    arc: StoryState


class StoryIndex:
    """The states of stories and of arcs, and the arc of each story."""

    def __init__(self, dimension: int, config: StoryConfig | None = None) -> None:
        self.dimension = dimension
        self.config = config or StoryConfig()
        self.stories = StateTable(dimension)
        self.arcs = StateTable(dimension)
        self.arc_of: dict[str, str] = {}
        # The store's filing clock up to which this index has read every state.
        self.seen = 0

    def __len__(self) -> int:
        return len(self.stories)

    @property
    def states(self) -> dict[str, StoryState]:
        return self.stories.states

    @property
    def versions(self) -> dict[str, int]:
        return self.stories.versions

    def choose(self, article: ArticleFeatures) -> Choice:
        """The story `article` joins, or for a new story the arc it joins; nothing changes."""
        if article.alone:
            return Choice(None, 0.0)
        rare = self.stories.rare(article)
        config = self.config
        best: str | None = None
        best_score = config.threshold
        for story_id in self.stories.candidates(rare, config.window_days, config.span_days):
            value = round(score(rare, self.stories.states[story_id], config), 6)
            if value > best_score or (best is None and value >= best_score):
                best, best_score = story_id, value
        if best is not None:
            return Choice(best, best_score)
        return Choice(None, 0.0, self._arc(article))

    def _arc(self, article: ArticleFeatures) -> str | None:
        rare = self.arcs.rare(article)
        best: str | None = None
        best_score = self.config.arc_threshold
        for arc_id in self.arcs.candidates(rare, self.config.arc_gap_days, nearest=ARC_CANDIDATES):
            value = round(arc_score(rare, self.arcs.states[arc_id], self.config), 6)
            if value > best_score or (best is None and value >= best_score):
                best, best_score = arc_id, value
        return best

    def arc_for(self, choice: Choice, story_id: str) -> str:
        """The arc of the story `choice` files into (`story_id` when it opens one)."""
        if choice.story_id is not None:
            return self.arc_of[choice.story_id]
        return choice.arc_id or story_id

    def joined(self, choice: Choice, story_id: str, article: ArticleFeatures) -> Filed:
        """The states of the article's story (`story_id`) and arc with it added; nothing changes."""
        arc_id = self.arc_for(choice, story_id)
        known_arc = arc_id if arc_id in self.arcs.states else None
        return Filed(self.stories.joined(choice.story_id, article), self.arcs.joined(known_arc, article))

    def commit(
        self, story_id: str, arc_id: str, filed: Filed, version: int = 0, arc_version: int | None = None
    ) -> None:
        """Put the new states in the index, as stored at filing-clock `version`."""
        self.stories.put(story_id, filed.story, version)
        self.arcs.put(arc_id, filed.arc, version if arc_version is None else arc_version)
        self.arc_of[story_id] = arc_id

    def file(self, article: ArticleFeatures, new_id: str) -> str:
        """File `article` at once (no store behind): the id of its story, `new_id` when it opens one."""
        choice = self.choose(article)
        story_id = choice.story_id or new_id
        arc_id = self.arc_for(choice, story_id)
        self.commit(story_id, arc_id, self.joined(choice, story_id, article))
        return story_id


def cluster(features: Sequence[ArticleFeatures], config: StoryConfig | None = None) -> list[Story]:
    """Stories of articles filed in input order into an empty in-memory index, as a
    store files them; each story's members in input order, stories by their first,
    each with the number of its arc (arcs numbered by their first story)."""
    if not features:
        return []
    index = StoryIndex(len(features[0].vector), config)
    members: dict[str, list[int]] = {}
    for position, article in enumerate(features):
        members.setdefault(index.file(article, f"story-{position}"), []).append(position)
    ordered = sorted(members, key=lambda story_id: members[story_id])
    arcs: dict[str, int] = {}
    for story_id in ordered:
        arcs.setdefault(index.arc_of[story_id], len(arcs))
    return [Story(tuple(members[story_id]), arcs[index.arc_of[story_id]]) for story_id in ordered]


def story_labels(stories: Sequence[Story], count: int, arcs: bool = False) -> list[int]:
    """Each of `count` articles' story number (its arc's with `arcs`), in input order."""
    labels = [0] * count
    for number, story in enumerate(stories):
        for member in story.members:
            labels[member] = story.arc if arcs else number
    return labels
