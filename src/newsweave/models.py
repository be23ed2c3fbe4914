"""Frozen data passed between pipeline stages.

Each stage takes and returns these plain values; nothing here knows how it was
computed, so stages stay independent and tests can build values by hand.
"""

from __future__ import annotations

from dataclasses import dataclass, field

BODY = "body"
META = "meta"
NOISE = "noise"


@dataclass(frozen=True)
class RawDoc:
    """Bytes of one article and the path the user gave for it ("-" for stdin)."""

    path: str
    data: bytes


TEXT = "text"
HTML = "html"


@dataclass(frozen=True)
class PageMeta:
    """Metadata a page declares about itself (HTML meta tags, structured data)."""

    title: str | None = None
    byline: str | None = None
    outlet: str | None = None
    date: str | None = None
    url: str | None = None


@dataclass(frozen=True)
class DecodedDoc:
    """One article's text split into lines exactly as read (1-based in output).

    For HTML (`kind == "html"`) the lines are the page's extracted text blocks
    (paragraphs, headings, list items) in reading order, and `meta` holds what
    the page declares about itself.
    """

    path: str
    encoding: str
    lines: tuple[str, ...]
    kind: str = TEXT
    meta: PageMeta = field(default_factory=PageMeta)


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
    role: str
    reason: str | None = None
    field: str | None = None
    repaired: str | None = None

    @property
    def content(self) -> str:
        return self.text if self.repaired is None else self.repaired


@dataclass(frozen=True)
class Flag:
    """A quality signal about a source, with the detail a reader can check."""

    kind: str
    detail: str


@dataclass(frozen=True)
class PublishedDate:
    date: str
    confidence: float
    evidence: tuple[str, ...]


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
        return tuple(line for line in self.lines if line.role == BODY)


@dataclass(frozen=True)
class Entity:
    text: str
    label: str


@dataclass(frozen=True)
class Sentence:
    """A sentence of a body line; `text == line.content[start:end]`."""

    line: int
    start: int
    end: int
    text: str
    entities: tuple[Entity, ...] = ()

    @property
    def words(self) -> int:
        return len(self.text.split())


@dataclass(frozen=True)
class AnalyzedArticle:
    article: Article
    sentences: tuple[Sentence, ...]


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


@dataclass(frozen=True)
class Story:
    """Indices into the analyzed articles that report one event."""

    members: tuple[int, ...]


@dataclass(frozen=True)
class Brief:
    id: str
    headline: str
    sources: tuple[Source, ...]
    summary: tuple[SummaryItem, ...]
    entities: tuple[EntitySummary, ...] = ()
    timeline: tuple[dict[str, object], ...] = field(default=())
    consensus: tuple[dict[str, object], ...] = field(default=())
    divergences: tuple[dict[str, object], ...] = field(default=())
    attributions: tuple[dict[str, object], ...] = field(default=())
    unique: tuple[dict[str, object], ...] = field(default=())


@dataclass(frozen=True)
class Skipped:
    """An input that could not be used, and why (reported, never silently lost)."""

    path: str
    reason: str
