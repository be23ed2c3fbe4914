"""Articles with their lines, stories, memberships, briefs and the store's state.

Revision ID: 0001
Revises:
Create Date: 2024-06-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("seq", sa.Integer, nullable=False, unique=True),
        sa.Column("path", sa.Text, nullable=False),
        sa.Column("url", sa.Text),
        sa.Column("raw", sa.LargeBinary, nullable=False),
        sa.Column("encoding", sa.String(64), nullable=False),
        sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("title", sa.Text),
        sa.Column("outlet", sa.Text),
        sa.Column("byline", sa.Text),
        sa.Column("dateline", sa.Text),
        sa.Column("language", sa.String(16)),
        sa.Column("published_date", sa.String(32)),
        sa.Column("published_confidence", sa.Float),
        sa.Column("published_evidence", sa.JSON, nullable=False),
        sa.Column("flags", sa.JSON, nullable=False),
        sa.Column("line_count", sa.Integer, nullable=False),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
    )
    op.create_table(
        "article_lines",
        sa.Column(
            "article_id", sa.String(64), sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
        ),
        sa.Column("n", sa.Integer, primary_key=True),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("role", sa.String(8), nullable=False),
        sa.Column("reason", sa.String(64)),
        sa.Column("field", sa.String(32)),
        sa.Column("repaired", sa.Text),
    )
    op.create_table(
        "stories",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("headline", sa.Text, nullable=False),
        sa.Column("first_date", sa.String(32)),
        sa.Column("last_date", sa.String(32)),
        sa.Column("sources", sa.Integer, nullable=False),
        sa.Column("independent", sa.Integer, nullable=False),
        sa.Column("flags", sa.JSON, nullable=False),
    )
    op.create_table(
        "memberships",
        sa.Column(
            "story_id", sa.String(64), sa.ForeignKey("stories.id", ondelete="CASCADE"), primary_key=True
        ),
        sa.Column(
            "article_id", sa.String(64), sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
        ),
        sa.Column("source_id", sa.String(16), nullable=False),
        sa.Column("copy_of", sa.String(16)),
    )
    op.create_table(
        "briefs",
        sa.Column(
            "story_id", sa.String(64), sa.ForeignKey("stories.id", ondelete="CASCADE"), primary_key=True
        ),
        sa.Column("schema", sa.String(64), nullable=False),
        sa.Column("document", sa.Text, nullable=False),
    )
    op.create_table(
        "state",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )


def downgrade() -> None:
    for name in ("state", "briefs", "memberships", "stories", "article_lines", "articles"):
        op.drop_table(name)
