"""Backups: what the history of backup copies needs to tell the administrator.

`backup_record` (created empty in 0001) gets:
- `kind`: `manual` (the dialog), `scheduled` (`ejournal backup create` from cron / Task Scheduler),
  `safety` (taken automatically before a restore over the live database or a schema upgrade);
- `backend` (`postgresql` / `sqlite`), `database` (the database name or file), `schema_revision`;
- `verified` (the copy was read back whole and its checksum matched) and `error` (why not);
- `size_bytes` becomes a BIGINT on PostgreSQL: a copy may outgrow 2 GB (SQLite's INTEGER is 64-bit).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-29
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

KINDS = "kind IN ('manual', 'scheduled', 'safety')"


def upgrade() -> None:
    # Plain ADD COLUMN (SQLite supports it with a constant default); the check goes in a batch.
    op.add_column("backup_record", sa.Column("kind", sa.String(16), server_default="manual", nullable=False))
    op.add_column("backup_record", sa.Column("backend", sa.String(16), server_default="", nullable=False))
    op.add_column("backup_record", sa.Column("database", sa.String(255), server_default="", nullable=False))
    op.add_column("backup_record", sa.Column("schema_revision", sa.String(32), nullable=True))
    op.add_column("backup_record", sa.Column("verified", sa.Boolean(), server_default=sa.false(), nullable=False))
    op.add_column("backup_record", sa.Column("error", sa.Text(), nullable=True))
    with op.batch_alter_table("backup_record", schema=None) as batch_op:
        batch_op.create_check_constraint(op.f("ck_backup_record_kind_known"), KINDS)
        batch_op.create_index(batch_op.f("ix_backup_record_made_at"), ["made_at"], unique=False)
    if op.get_bind().dialect.name == "postgresql":
        op.alter_column("backup_record", "size_bytes", type_=sa.BigInteger(), existing_nullable=False)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.alter_column("backup_record", "size_bytes", type_=sa.Integer(), existing_nullable=False)
    with op.batch_alter_table("backup_record", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_backup_record_made_at"))
        batch_op.drop_constraint(op.f("ck_backup_record_kind_known"), type_="check")
        for column in ("error", "verified", "schema_revision", "database", "backend", "kind"):
            batch_op.drop_column(column)
