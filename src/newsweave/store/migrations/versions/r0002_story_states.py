"""Story states: each story's summed features, so a new article is filed without regrouping.

Stories grouped by earlier versions (in batch, after each ingest) are cleared
when a store is first opened by this version (by any command, `serve` and
`stories` too): until the next `newsweave ingest` files every stored article
again, one at a time, in input order, the store shows no stories. Articles
are kept as they are.

`filing_clock` holds one counter that every filing transaction increments
first: it serializes filing across writers and stamps each story state with
a version that grows in commit order.

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
        sa.Column("version", sa.Integer, nullable=False),
    )
    op.create_index("ix_story_states_version", "story_states", ["version"])
    op.create_index("ix_memberships_article_id", "memberships", ["article_id"], unique=True)
    clock = op.create_table(
        "filing_clock",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("value", sa.Integer, nullable=False),
    )
    op.bulk_insert(clock, [{"id": 1, "value": 0}])


def downgrade() -> None:
    op.drop_table("filing_clock")
    op.drop_index("ix_memberships_article_id", "memberships")
    op.drop_table("story_states")
