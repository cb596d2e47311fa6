"""A covering index for the row-level security of marks and attendance (PostgreSQL only).

The teacher's policies on `mark` and `attendance` look each row's lesson up in the lessons of the
reader's teaching assignments (`lesson_id IN (SELECT ej_rls.journal_lesson_set())`, a set of lesson
ids by assignment). `lesson (assignment_id) INCLUDE (id)` yields those ids by an index-only scan
instead of visiting the lesson rows. SQLite has no row-level security (and no INCLUDE): nothing is done there.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-29
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0006"
down_revision: str | Sequence[str] | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEX = "ix_lesson_assignment_id_covering"


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.create_index(INDEX, "lesson", ["assignment_id"], unique=False, postgresql_include=["id"], if_not_exists=True)


def downgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.drop_index(INDEX, table_name="lesson", if_exists=True)
