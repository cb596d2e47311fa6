"""E-mail notifications to parents (issue 8, item 5): the parents' subscriptions.

- `notification_subscription`: one row per parent (person), none = everything off. An instant notice
  of a new «2» or of a new unexcused absence is on while `bad_marks_since` / `absences_since` is set
  (events before that moment are never mailed); `weekly_digest` turns the weekly digest on.
  What was sent is in `notification_log` (0004), one row per event and recipient.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-29
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "notification_subscription",
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("bad_marks_since", sa.DateTime(), nullable=True),
        sa.Column("absences_since", sa.DateTime(), nullable=True),
        sa.Column("weekly_digest", sa.Boolean(), server_default=sa.false(), nullable=False),
        sa.Column("updated_by", sa.Integer(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_notification_subscription_person_id_person"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["updated_by"],
            ["person.id"],
            name=op.f("fk_notification_subscription_updated_by_person"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("person_id", name=op.f("pk_notification_subscription")),
    )


def downgrade() -> None:
    op.drop_table("notification_subscription")
