"""Marks and absences carry their lesson's teaching assignment.

A journal is one assignment's lessons × students. With the assignment on each mark and absence:
- the journal's cells are read by `assignment_id` (one index) instead of by the list of its lessons;
- on the server, the teacher's row-level security compares a mark's assignment with the reader's
  ~20 assignments (an array, once per statement) instead of looking its lesson up among ~1,000
  lessons of all the reader's journals (a hash built on every statement): reading a journal as
  the teacher cost 1.7× reading it as the owner, the target is ≤ 1.3×.

The program writes the column with every mark and absence, and the database fills it whoever
inserts (a server's `ej_save_cells`, a DBA's psql, an older client): on PostgreSQL a BEFORE trigger
sets it from the lesson, so the two cannot disagree; on SQLite a trigger fills a missing one. Both
are made here, with the column, so they exist wherever the schema does (with or without `server init`). Existing rows are filled
here from their lessons. On PostgreSQL the table's own triggers (audit, NOTIFY) are held off for the
fill: it changes no mark, and would write an audit row and send a notice per mark.

The single-column indexes on student_id go: (student_id, updated_at), made for the diary by 0004,
leads with the same column and answers the same look-ups; one index fewer to write with every mark.

On SQLite the column is added as it can be without copying the table (nullable, no foreign key:
SQLite's ALTER TABLE cannot add either to a table with rows); the trigger keeps it filled.

Revision ID: 0007
Revises: 0006
Create Date: 2026-11-29
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | Sequence[str] | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

TABLES = ("mark", "attendance")


# SECURITY DEFINER: the lesson is looked up with the owner's rights (whether the writer may write that
# lesson is the row-level policies' business). A superuser's bulk load (`SET ej.bulk = 'on'`, the demo
# college) that brings the assignment itself is trusted with it: a look-up per row would slow a
# million-mark load by seconds.
PG_FILL = """
CREATE OR REPLACE FUNCTION ej_cell_assignment() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
    IF NEW.assignment_id IS NOT NULL AND current_setting('ej.bulk', true) = 'on'
       AND EXISTS (SELECT 1 FROM pg_roles r WHERE r.rolname = session_user AND r.rolsuper) THEN
        RETURN NEW;
    END IF;
    NEW.assignment_id := (SELECT l.assignment_id FROM lesson l WHERE l.id = NEW.lesson_id);
    RETURN NEW;
END
$$;
REVOKE ALL ON FUNCTION ej_cell_assignment() FROM PUBLIC;
"""


def upgrade() -> None:
    for table in TABLES:
        op.drop_index(f"ix_{table}_student_id", table_name=table)
    if op.get_bind().dialect.name == "postgresql":
        op.execute(PG_FILL)
        for table in TABLES:
            op.add_column(table, sa.Column("assignment_id", sa.Integer(), nullable=True))
            op.execute(f"ALTER TABLE {table} DISABLE TRIGGER USER")
            op.execute(
                f"UPDATE {table} SET assignment_id = lesson.assignment_id FROM lesson WHERE lesson.id = {table}.lesson_id"
            )
            op.execute(f"ALTER TABLE {table} ENABLE TRIGGER USER")
            op.alter_column(table, "assignment_id", existing_type=sa.Integer(), nullable=False)
            op.create_foreign_key(
                f"fk_{table}_assignment_id_teaching_assignment",
                table,
                "teaching_assignment",
                ["assignment_id"],
                ["id"],
                ondelete="RESTRICT",
            )
            op.create_index(f"ix_{table}_assignment_id", table, ["assignment_id"], unique=False)
            op.execute(
                f"CREATE TRIGGER ej_cell_assignment BEFORE INSERT OR UPDATE OF lesson_id, assignment_id ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION ej_cell_assignment()"
            )
        return
    for table in TABLES:
        op.add_column(table, sa.Column("assignment_id", sa.Integer(), nullable=True))
        op.execute(
            f"UPDATE {table} SET assignment_id = (SELECT lesson.assignment_id FROM lesson "
            f"WHERE lesson.id = {table}.lesson_id)"
        )
        op.create_index(f"ix_{table}_assignment_id", table, ["assignment_id"], unique=False)
        op.execute(
            f"CREATE TRIGGER {table}_assignment AFTER INSERT ON {table} WHEN NEW.assignment_id IS NULL "
            f"BEGIN UPDATE {table} SET assignment_id = (SELECT lesson.assignment_id FROM lesson "
            f"WHERE lesson.id = NEW.lesson_id) WHERE id = NEW.id; END"
        )


def downgrade() -> None:
    postgresql = op.get_bind().dialect.name == "postgresql"
    for table in TABLES:
        if postgresql:
            # A server's policy reads the column (store/server/03_policies.sql); the older program's
            # `server init` makes its own again after the downgrade.
            op.execute(f"DROP POLICY IF EXISTS read_journal ON {table}")
            op.execute(f"DROP TRIGGER IF EXISTS ej_cell_assignment ON {table}")
            op.drop_constraint(f"fk_{table}_assignment_id_teaching_assignment", table, type_="foreignkey")
        else:
            op.execute(f"DROP TRIGGER IF EXISTS {table}_assignment")
        op.drop_index(f"ix_{table}_assignment_id", table_name=table)
        # ALTER TABLE … DROP COLUMN on both (SQLite ≥ 3.35): a batch copy of the table would trip
        # over the triggers of `lesson` that name it.
        op.execute(f"ALTER TABLE {table} DROP COLUMN assignment_id")
    if postgresql:
        op.execute("DROP FUNCTION IF EXISTS ej_cell_assignment()")
    for table in TABLES:
        op.create_index(f"ix_{table}_student_id", table, ["student_id"], unique=False)
