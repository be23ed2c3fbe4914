"""Frozen data passed between pipeline stages.

Each stage takes and returns these plain values; nothing here knows how it was
computed, so stages stay independent and tests can build values by hand.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from newsweave.vocabulary import FlagKind, Granularity, MetaField, Reason, Role, Tense, is_english


@dataclass(frozen=True)
class RawDoc:
    """Bytes of one article and the path the user gave for it ("-" for stdin)."""

    path: str
    data: bytes


TEXT = "text"
HTML = "html"


@dataclass(frozen=True)
class PageMeta:
    """Metadata an article declares about itself (HTML meta tags, structured data,
    JSON fields, feed elements, archive headers; see `ingest.fields`). `language`
    is an ISO 639 code."""

    title: str | None = None
    byline: str | None = None
    outlet: str | None = None
    date: str | None = None
    url: str | None = None
    language: str | None = None


@dataclass(frozen=True)
class DecodedDoc:
    """One article's text split into lines exactly as read (1-based in output).

    For HTML (`kind == "html"`) the lines are the page's extracted text blocks
    (paragraphs, headings, list items) in reading order, and `meta` holds what
    the page declares about itself. `line_encodings` lists the lines (by
    number) of a mostly UTF-8 file that were read in another encoding, with
    that encoding; it is empty for a document read in one encoding. `unread`
    counts the lines past `lines` that a brief did not read (`compose.bounds.head`).
    """

    path: str
    encoding: str
    lines: tuple[str, ...]
    kind: str = TEXT
    meta: PageMeta = field(default_factory=PageMeta)
    line_encodings: tuple[tuple[int, str], ...] = ()
    unread: int = 0


@dataclass(frozen=True)
class Line:
    """One non-blank input line and the role cleaning gave it.

    `reason` explains a noise line (copyright, donation, ...); `field` names the
    metadata a meta line carries (title, dek, byline, date, outlet). `repaired`
    is the text with listed repairs applied (an injected token removed); every
    later stage reads `content`, the repaired text when there is one.
    """

    n: int
    text: str
    role: Role
    reason: Reason | None = None
    field: MetaField | None = None
    repaired: str | None = None

    @property
    def content(self) -> str:
        return self.text if self.repaired is None else self.repaired


@dataclass(frozen=True)
class Flag:
    """A quality signal about a source, with the detail a reader can check."""

    kind: FlagKind
    detail: str


@dataclass(frozen=True)
class PublishedDate:
    """An article's publication date: ISO 8601 as precise as its evidence ("2024-03-01",
    "2024-03", "2024"), how sure that is (0-1), and the evidence a reader can check."""

    date: str
    confidence: float
    evidence: tuple[str, ...]

    def day(self) -> datetime.date | None:
        """The publication day, when the date names one (None for a month or a year)."""
        if Granularity.of(self.date) != Granularity.DAY:
            return None
        try:
            return datetime.date.fromisoformat(self.date)
        except ValueError:
            return None


@dataclass(frozen=True)
class Article:
    """A cleaned article: every non-blank line with a role, plus metadata."""

    path: str
    encoding: str
    lines: tuple[Line, ...]
    kind: str = TEXT
    url: str | None = None
    dateline: str | None = None
    title: str | None = None
    outlet: str | None = None
    byline: str | None = None
    language: str | None = None
    published: PublishedDate | None = None
    flags: tuple[Flag, ...] = ()

    def body_lines(self) -> tuple[Line, ...]:
        return tuple(line for line in self.lines if line.role == Role.BODY)

    def read_in_part(self) -> bool:
        """Whether lines past the end of `lines` were left unread (a `read_in_part` flag)."""
        return any(flag.kind == FlagKind.READ_IN_PART for flag in self.flags)

    def publication_day(self) -> datetime.date | None:
        """The day it was published, when its date names one: None when it is undated
        or dated to a month or a year, however sure the date is."""
        return None if self.published is None else self.published.day()

    def in_english(self) -> bool:
        """Whether it is known to be English (`vocabulary.is_english`): what the stages
        that read English take in."""
        return is_english(self.language)


@dataclass(frozen=True)
class Entity:
    """A named entity as written; `start`/`end` are offsets in its sentence's text
    (`sentence.text[start:end] == text`), -1 when unknown."""

    text: str
    label: str
    start: int = -1
    end: int = -1


@dataclass(frozen=True)
class TimeRef:
    """A time expression of a sentence resolved to the calendar.

    `phrase == sentence.text[start:end]`; `value` is ISO 8601 as precise as the
    phrase allows ("2024-03-01", "2024-03", "2024") and `granularity` says which
    (day, month, year). `tense` is how the sentence tells it (past, report,
    present, future, unknown), which is what decided the direction of a bare
    weekday or month.
    """

    phrase: str
    start: int
    end: int
    value: str
    granularity: Granularity
    tense: Tense


@dataclass(frozen=True)
class Sentence:
    """A sentence of a body line; `text == line.content[start:end]`.

    `times` are its resolved time expressions (filled once the article's
    publication date is settled).
    """

    line: int
    start: int
    end: int
    text: str
    entities: tuple[Entity, ...] = ()
    times: tuple[TimeRef, ...] = ()

    @property
    def words(self) -> int:
        return len(self.text.split())


@dataclass(frozen=True)
class AnalyzedArticle:
    """An article with its sentences; `cut` when only the first of them were read
    (an article longer than a brief reads, see `analyze_articles`)."""

    article: Article
    sentences: tuple[Sentence, ...]
    cut: bool = False


@dataclass(frozen=True)
class Citation:
    """Where a statement stands in a source: the source id, its line, and the
    sentence of that line that says it (with its similarity to the statement)."""

    source: str
    line: int
    text: str
    similarity: float


@dataclass(frozen=True)
class SummaryItem:
    text: str
    cite: tuple[Citation, ...]


@dataclass(frozen=True)
class EntitySummary:
    name: str
    type: str
    aliases: tuple[str, ...]
    sources: tuple[str, ...]


@dataclass(frozen=True)
class Source:
    """An article as it appears in a brief, with its story-local id (S1, S2...)."""

    id: str
    article: Article
    url: str | None = None
    copy_of: str | None = None
    copy_similarity: float | None = None


@dataclass(frozen=True)
class Story:
    """Indices into the analyzed articles that report one event, and the number of
    its arc: the stories of one affair over months (a trial, a campaign) share one."""

    members: tuple[int, ...]
    arc: int = 0


@dataclass(frozen=True)
class Attribution:
    """Something a speaker said, as one sentence of one article reports it.

    `speaker` is the speaker as written ("Finance Minister Ana Ruiz",
    "the official agency", or the name a pronoun stands for); `content` is the
    quoted or reported part of `sentence`; `direct` is true for quotation marks.
    `kind`: quote, said, according_to or report.
    """

    speaker: str
    line: int
    sentence: str
    content: str
    direct: bool
    kind: str


@dataclass(frozen=True)
class TimelineItem:
    """One happening on one date, cited by every source that tells it.

    `background` marks earlier events and planned future ones, kept apart from
    the story's main sequence; `phrase` is the time expression of `text` the
    date was resolved from ("on Wednesday"), so a reader can check it.
    """

    date: str
    granularity: Granularity
    text: str
    cite: tuple[Citation, ...]
    background: bool = False
    phrase: str = ""


@dataclass(frozen=True)
class ConsensusItem:
    """A claim backed by several independent sources (a copy counts once)."""

    text: str
    sources: tuple[str, ...]
    independent: int
    cite: tuple[Citation, ...]


@dataclass(frozen=True)
class DivergentValue:
    value: str
    text: str
    sources: tuple[str, ...]
    cite: tuple[Citation, ...]


@dataclass(frozen=True)
class Divergence:
    """Aligned claims whose values conflict: each side with its sources."""

    topic: str
    kind: str
    values: tuple[DivergentValue, ...]


@dataclass(frozen=True)
class AttributionItem:
    """Who said what, with the speaker resolved to a story entity where possible."""

    speaker: str
    text: str
    direct: bool
    cite: tuple[Citation, ...]


@dataclass(frozen=True)
class UniqueItem:
    """A detail only one source (and its copies) reports."""

    source: str
    text: str
    cite: tuple[Citation, ...]


@dataclass(frozen=True)
class ArcStory:
    """One story of an arc as a brief lists it: its id, headline and the first and
    last publication dates of its sources (None when none is dated)."""

    id: str
    headline: str
    first_date: str | None = None
    last_date: str | None = None

    def order(self) -> tuple[bool, str, str]:
        """Date order within an arc: by first date, undated stories last, then by id."""
        return (self.first_date is None, self.first_date or "", self.id)


@dataclass(frozen=True)
class Brief:
    """One story's brief. `arc` lists every story of its arc (this one included) in
    date order, and `arc_id` is the arc's id (that of its first story); both are
    empty for a brief composed on its own. `truncated` says what a composition
    over its bounds left out (`compose.bounds`); empty for a whole brief."""

    id: str
    headline: str
    sources: tuple[Source, ...]
    summary: tuple[SummaryItem, ...]
    entities: tuple[EntitySummary, ...] = ()
    timeline: tuple[TimelineItem, ...] = ()
    consensus: tuple[ConsensusItem, ...] = ()
    divergences: tuple[Divergence, ...] = ()
    attributions: tuple[AttributionItem, ...] = ()
    unique: tuple[UniqueItem, ...] = ()
    arc_id: str | None = None
    arc: tuple[ArcStory, ...] = ()
    truncated: tuple[str, ...] = ()

    def span(self) -> tuple[str | None, str | None]:
        """The first and last publication dates of its sources (ISO strings)."""
        dates = sorted(s.article.published.date for s in self.sources if s.article.published is not None)
        return (dates[0], dates[-1]) if dates else (None, None)

    def arc_stories(self) -> tuple[ArcStory, ...]:
        """The stories of its arc; this one alone when it was composed on its own."""
        return self.arc or (ArcStory(self.id, self.headline, *self.span()),)

    def same_affair(self) -> tuple[ArcStory, ...]:
        """The other stories of its arc, in date order."""
        return tuple(story for story in self.arc if story.id != self.id)


@dataclass(frozen=True)
class Skipped:
    """An input that could not be used, and why (reported, never silently lost)."""

    path: str
    reason: str
