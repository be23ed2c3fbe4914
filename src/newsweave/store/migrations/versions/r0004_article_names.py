"""Article names: the names each article uses, recorded when it is filed.

A story is found by a name its articles use before its brief is composed.
Nothing is backfilled: an article filed before this revision has no rows (its
names would mean reading every stored article again), and its story is still
found by the names of its composed brief, as before.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-05
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    op.create_table(
        "article_names",
        sa.Column(
            "article_id", sa.String(64), sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True
        ),
        sa.Column("folded", sa.String(200), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("article_names")
