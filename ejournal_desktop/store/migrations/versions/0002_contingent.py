"""Contingent: personal-data consents, draft teaching load, a prefix-search index for names.

- `pd_consent`: a signed consent to personal-data processing (согласие на обработку ПД) of a
  person (student or parent): when it was signed, which document, who registered it.
- `teaching_assignment.is_draft`: the load copied into a new academic year waits for the
  secretary's approval.
- PostgreSQL only: `person.search_name` in the "C" collation, so that a name prefix is an index
  range scan (the database's ICU Russian collation does not order by code point). SQLite's default
  BINARY collation already does, so its plain index serves the same query.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-30
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "pd_consent",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("signed_on", sa.Date(), nullable=False),
        sa.Column("document", sa.String(length=255), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"), nullable=False),
        sa.ForeignKeyConstraint(
            ["person_id"], ["person.id"], name=op.f("fk_pd_consent_person_id_person"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["created_by"], ["person.id"], name=op.f("fk_pd_consent_created_by_person"), ondelete="SET NULL"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pd_consent")),
    )
    with op.batch_alter_table("pd_consent", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_pd_consent_person_id"), ["person_id"], unique=False)
    # A plain ADD COLUMN (no batch): SQLite supports it, and a batch copy would drop the expression index.
    op.add_column("teaching_assignment", sa.Column("is_draft", sa.Boolean(), server_default=sa.false(), nullable=False))
    if op.get_bind().dialect.name == "postgresql":
        op.execute('CREATE INDEX ix_person_search_name_c ON person ((search_name COLLATE "C"))')


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP INDEX IF EXISTS ix_person_search_name_c")
    with op.batch_alter_table("teaching_assignment", schema=None) as batch_op:
        batch_op.drop_column("is_draft")
    with op.batch_alter_table("pd_consent", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_pd_consent_person_id"))
    op.drop_table("pd_consent")
