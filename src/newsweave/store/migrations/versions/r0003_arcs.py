"""Arcs: each story's arc (the stories of one affair over months) and each arc's summed features.

Stories are also indexed by position, so a new story's is found at once.
A story stored before arcs existed becomes an arc of its own, its arc state
a copy of its story state, so nothing is refiled and later articles link
new stories to it as to any arc.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-04
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    with op.batch_alter_table("stories") as batch:
        batch.add_column(sa.Column("arc_id", sa.String(64)))
    op.create_index("ix_stories_arc_id", "stories", ["arc_id"])
    op.create_index("ix_stories_position", "stories", ["position"])
    op.execute("UPDATE stories SET arc_id = id")
    op.create_table(
        "arc_states",
        sa.Column("arc_id", sa.String(64), primary_key=True),
        sa.Column("state", sa.Text, nullable=False),
        sa.Column("total", sa.LargeBinary, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
    )
    op.create_index("ix_arc_states_version", "arc_states", ["version"])
    op.execute(
        "INSERT INTO arc_states (arc_id, state, total, version) "
        "SELECT story_id, state, total, version FROM story_states"
    )


def downgrade() -> None:
    op.drop_index("ix_arc_states_version", "arc_states")
    op.drop_table("arc_states")
    op.drop_index("ix_stories_arc_id", "stories")
    op.drop_index("ix_stories_position", "stories")
    with op.batch_alter_table("stories") as batch:
        batch.drop_column("arc_id")
