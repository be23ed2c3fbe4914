"""What the store hands out: plain, frozen values, never a database row.

The commands, filing and the service read the store through `Store`
methods, and each method answers with one of these values (or a list of
them), so nothing above the store sees SQLAlchemy: a `StoryRow` per line of
`newsweave stories`, an `Arc` of such rows, a `StoryPage` of the story list,
a `StoredArticle` with the raw bytes to read again, an `ArticleRecord` with
everything a source page shows, and the `StoredStates` filing loads into its
story index.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from newsweave.group.state import StoryState
from newsweave.models import ArcStory, Line, RawDoc


@dataclass(frozen=True)
class StoredArticle:
    """An article as stored: its content hash, input position and raw bytes."""

    id: str
    seq: int
    raw: RawDoc


@dataclass(frozen=True)
class StoryRow:
    """One line of `newsweave stories`, with the id of the story's arc."""

    id: str
    headline: str
    first_date: str | None
    last_date: str | None
    sources: int
    independent: int
    flags: tuple[tuple[str, int], ...]
    arc_id: str = ""

    def arc_story(self) -> ArcStory:
        return ArcStory(self.id, self.headline, self.first_date, self.last_date)


@dataclass(frozen=True)
class StoryPage:
    """One page of the story list: its rows, and how many stories the whole list holds."""

    rows: tuple[StoryRow, ...]
    total: int


@dataclass(frozen=True)
class Arc:
    """The stored stories of one affair over months (a trial, a campaign), in date order;
    its id is that of its first story."""

    id: str
    stories: tuple[StoryRow, ...]

    @property
    def first_date(self) -> str | None:
        dates = [row.first_date for row in self.stories if row.first_date is not None]
        return min(dates) if dates else None

    @property
    def last_date(self) -> str | None:
        dates = [row.last_date for row in self.stories if row.last_date is not None]
        return max(dates) if dates else None


def group_arcs(rows: Sequence[StoryRow]) -> list[Arc]:
    """`rows` grouped by arc: arcs in the order of their first listed story, each
    arc's stories in date order (by first date, undated last, then by id)."""
    members: dict[str, list[StoryRow]] = {}
    for row in rows:
        members.setdefault(row.arc_id or row.id, []).append(row)
    return [Arc(arc_id, date_order(found)) for arc_id, found in members.items()]


def date_order(rows: Iterable[StoryRow]) -> tuple[StoryRow, ...]:
    return tuple(sorted(rows, key=lambda row: row.arc_story().order()))


@dataclass(frozen=True)
class Membership:
    """Which source (S1, S2...) of which story an article is, and which source it copies."""

    story_id: str
    source_id: str
    copy_of: str | None


@dataclass(frozen=True)
class ArticleRecord:
    """One stored article whole: its metadata, flags, stories, lines and raw bytes."""

    id: str
    path: str
    url: str | None
    kind: str
    encoding: str
    title: str | None
    outlet: str | None
    byline: str | None
    dateline: str | None
    language: str | None
    published_date: str | None
    published_confidence: float | None
    published_evidence: tuple[str, ...]
    flags: tuple[tuple[str, str], ...]
    ingested_at: datetime | None
    raw: bytes
    memberships: tuple[Membership, ...]
    lines: tuple[Line, ...]


@dataclass(frozen=True)
class StoredState:
    """A story's or an arc's summed grouping features, stamped with the filing clock
    when they last changed; a story's also names its arc."""

    id: str
    state: StoryState
    version: int
    arc_id: str = ""


@dataclass(frozen=True)
class StoredStates:
    """The arc and story states stored since a filing clock value, as read together."""

    arcs: tuple[StoredState, ...]
    stories: tuple[StoredState, ...]
