"""Story states: each story's summed features, so a new article is filed without regrouping.

Stories grouped by earlier versions (in batch, after each ingest) are cleared:
the next ingest files every stored article again, one at a time, in input
order, and builds the states as it goes. Articles are kept as they are.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    for name in ("briefs", "memberships", "stories"):
        op.execute(sa.table(name).delete())
    op.create_table(
        "story_states",
        sa.Column(
            "story_id", sa.String(64), sa.ForeignKey("stories.id", ondelete="CASCADE"), primary_key=True
        ),
        sa.Column("state", sa.Text, nullable=False),
        sa.Column("total", sa.LargeBinary, nullable=False),
        sa.Column("updated_seq", sa.Integer, nullable=False),
    )
    op.create_index("ix_story_states_updated_seq", "story_states", ["updated_seq"])
    op.create_index("ix_memberships_article_id", "memberships", ["article_id"])


def downgrade() -> None:
    op.drop_index("ix_memberships_article_id", "memberships")
    op.drop_table("story_states")
