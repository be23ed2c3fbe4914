"""The store's tables, as SQLAlchemy Core metadata.

These definitions are what the repository queries; the Alembic migrations in
`migrations/versions/` create the same tables in a database and are the
authority on its schema (a migration never imports this module, so an old
migration keeps meaning what it meant when it was written). A test checks
that the two agree.

Dates are ISO 8601 strings ("2024-03-01", "2024-03", "2024") because the
brief keeps them only as precise as the evidence, which no SQL date type can
say. JSON columns hold short lists (flags, evidence) that are read whole.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

articles = Table(
    "articles",
    metadata,
    # sha256 hex of the raw bytes: the same article read twice is stored once.
    Column("id", String(64), primary_key=True),
    # Input order across ingests; stories are grouped in this order.
    Column("seq", Integer, nullable=False, unique=True),
    Column("path", Text, nullable=False),
    Column("url", Text),
    Column("raw", LargeBinary, nullable=False),
    Column("encoding", String(64), nullable=False),
    Column("kind", String(16), nullable=False),
    Column("title", Text),
    Column("outlet", Text),
    Column("byline", Text),
    Column("dateline", Text),
    Column("language", String(16)),
    Column("published_date", String(32)),
    Column("published_confidence", Float),
    Column("published_evidence", JSON, nullable=False),
    Column("flags", JSON, nullable=False),
    # How many rows article_lines holds for it: a reader can check completeness.
    Column("line_count", Integer, nullable=False),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
)

article_lines = Table(
    "article_lines",
    metadata,
    Column("article_id", String(64), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("n", Integer, primary_key=True),
    Column("text", Text, nullable=False),
    Column("role", String(8), nullable=False),
    Column("reason", String(64)),
    Column("field", String(32)),
    Column("repaired", Text),
)

# The names an article uses (`group.features.ArticleFeatures.names`), written when it is
# filed: stories are found by name before their brief is composed (`store.names`).
article_names = Table(
    "article_names",
    metadata,
    Column("article_id", String(64), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    # The name casefolded, its spaces collapsed: what a name filter is matched against ...
    Column("folded", String(200), primary_key=True),
    # ... and the name as first written.
    Column("name", String(200), nullable=False),
)

stories = Table(
    "stories",
    metadata,
    Column("id", String(64), primary_key=True),
    # The order the grouping produced them in (by their first article).
    Column("position", Integer, nullable=False),
    Column("headline", Text, nullable=False),
    Column("first_date", String(32)),
    Column("last_date", String(32)),
    Column("sources", Integer, nullable=False),
    Column("independent", Integer, nullable=False),
    # [[kind, count], ...] over the story's sources, sorted by kind.
    Column("flags", JSON, nullable=False),
    # The arc it belongs to (the stories of one affair over months): an arc_states id,
    # that of the arc's first story.
    Column("arc_id", String(64)),
    Index("ix_stories_arc_id", "arc_id"),
    # A new story takes the next position: found by the index, however many stories.
    Index("ix_stories_position", "position"),
)

memberships = Table(
    "memberships",
    metadata,
    Column("story_id", String(64), ForeignKey("stories.id", ondelete="CASCADE"), primary_key=True),
    Column("article_id", String(64), ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True),
    Column("source_id", String(16), nullable=False),
    Column("copy_of", String(16)),
    # An article is in one story only.
    Index("ix_memberships_article_id", "article_id", unique=True),
)

briefs = Table(
    "briefs",
    metadata,
    Column("story_id", String(64), ForeignKey("stories.id", ondelete="CASCADE"), primary_key=True),
    Column("schema", String(64), nullable=False),
    # One story object of the newsweave.brief/1 document, as JSON text.
    Column("document", Text, nullable=False),
)

story_states = Table(
    "story_states",
    metadata,
    Column("story_id", String(64), ForeignKey("stories.id", ondelete="CASCADE"), primary_key=True),
    # The summed features of its articles (group.state.state_to_json) ...
    Column("state", Text, nullable=False),
    # ... and the sum of their vectors, float64 bytes.
    Column("total", LargeBinary, nullable=False),
    # The filing clock when it last changed: a writer checks it has not moved meanwhile.
    Column("version", Integer, nullable=False),
    Index("ix_story_states_version", "version"),
)

arc_states = Table(
    "arc_states",
    metadata,
    Column("arc_id", String(64), primary_key=True),
    # The summed features of the articles of its stories, as story_states holds them.
    Column("state", Text, nullable=False),
    Column("total", LargeBinary, nullable=False),
    Column("version", Integer, nullable=False),
    Index("ix_arc_states_version", "version"),
)

filing_clock = Table(
    "filing_clock",
    metadata,
    Column("id", Integer, primary_key=True),
    # Incremented first by every filing transaction (see newsweave.filing).
    Column("value", Integer, nullable=False),
)

state = Table(
    "state",
    metadata,
    Column("key", String(64), primary_key=True),
    Column("value", Text, nullable=False),
)
