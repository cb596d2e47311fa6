"""Who is around a person: the groups they teach, curate or study in, their children's groups.

Shared by the diary, the board, messages and the portfolio. Each function is one query; on a
PostgreSQL server the same sets are computed by the ej_* helpers for row-level security
(02_helpers.sql, 09_communication.sql), and tests compare the two.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Connection, select, text, union

from ejournal_desktop.store import models as m

STAFF_ROLES = frozenset({"admin", "deputy", "secretary", "teacher"})
ADMINISTRATION = frozenset({"admin", "deputy"})


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


@dataclass(frozen=True)
class Circle:
    """The groups around a person, by the way they belong to them."""

    taught: frozenset[int]  # teaches (any period) or curates
    curated: frozenset[int]
    own: frozenset[int]  # studies in (as a student)
    children: frozenset[int]  # their children study in (as a parent)
    child_student_ids: frozenset[int]
    own_student_ids: frozenset[int]

    @property
    def diary_groups(self) -> frozenset[int]:
        return self.own | self.children


def circle_of(conn: Connection, person_id: int, roles: frozenset[str] | set[str]) -> Circle:
    """The person's groups in one query (a UNION tagged by relation)."""
    parts = []
    if "teacher" in roles:
        parts.append(
            select(text("'taught'"), m.TeachingAssignment.group_id, text("NULL")).where(
                m.TeachingAssignment.teacher_id == person_id
            )
        )
        parts.append(
            select(text("'curated'"), m.StudyGroup.id, text("NULL")).where(m.StudyGroup.curator_id == person_id)
        )
    if "student" in roles:
        parts.append(select(text("'own'"), m.Student.group_id, m.Student.id).where(m.Student.person_id == person_id))
    if "parent" in roles:
        parts.append(
            select(text("'child'"), m.Student.group_id, m.Student.id)
            .join(m.GuardianLink, m.GuardianLink.student_id == m.Student.id)
            .where(m.GuardianLink.guardian_id == person_id)
        )
    sets: dict[str, set[int]] = {"taught": set(), "curated": set(), "own": set(), "child": set()}
    own_students: set[int] = set()
    child_students: set[int] = set()
    if parts:
        query = parts[0] if len(parts) == 1 else union(*parts)
        for kind, group_id, student_id in conn.execute(query):
            sets[kind].add(group_id)
            if kind == "own" and student_id is not None:
                own_students.add(student_id)
            if kind == "child" and student_id is not None:
                child_students.add(student_id)
    return Circle(
        taught=frozenset(sets["taught"] | sets["curated"]),
        curated=frozenset(sets["curated"]),
        own=frozenset(sets["own"]),
        children=frozenset(sets["child"]),
        child_student_ids=frozenset(child_students),
        own_student_ids=frozenset(own_students),
    )


def has_server_function(conn: Connection, signature: str) -> bool:
    """Whether this database is a server set up by `ejournal server init` with that ej_* function."""
    if conn.dialect.name != "postgresql":
        return False
    return bool(conn.execute(text("SELECT to_regprocedure(:sig) IS NOT NULL"), {"sig": signature}).scalar())
