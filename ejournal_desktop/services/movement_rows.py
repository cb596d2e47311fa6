"""Students together with every movement of theirs, in one query: who was in a group, and when.

The journal, the roster «на дату» and the save checks all need a student's whole story to place
them in a group on a date (domain.membership); this is the one query shape they share.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import ColumnElement, Select, or_, select

from ejournal_desktop.domain.membership import Movement
from ejournal_desktop.store import models as m

MOVEMENT_COLUMNS = (
    m.StudentMovement.kind,
    m.StudentMovement.effective_date,
    m.StudentMovement.from_group_id,
    m.StudentMovement.to_group_id,
)


def in_or_through_group(group_id: Any) -> ColumnElement[bool]:
    """Students in the group now, or moved into or out of it by some order."""
    touched = select(m.StudentMovement.student_id).where(
        or_(m.StudentMovement.from_group_id == group_id, m.StudentMovement.to_group_id == group_id)
    )
    return or_(m.Student.group_id == group_id, m.Student.id.in_(touched))


def with_movements(*columns: Any) -> Select[Any]:
    """SELECT student.id, *columns, then the four movement columns (NULLs for a student with none)."""
    return (
        select(m.Student.id, *columns, *MOVEMENT_COLUMNS)
        .join(m.Person, m.Person.id == m.Student.person_id)
        .outerjoin(m.StudentMovement, m.StudentMovement.student_id == m.Student.id)
    )


def fold(rows: Iterable[tuple[Any, ...]]) -> dict[int, tuple[tuple[Any, ...], list[Movement]]]:
    """Rows of `with_movements` → per student id: (the extra columns, their movements)."""
    result: dict[int, tuple[tuple[Any, ...], list[Movement]]] = {}
    for row in rows:
        sid, values, (kind, effective, from_g, to_g) = row[0], tuple(row[1:-4]), row[-4:]
        entry = result.setdefault(sid, (values, []))
        if kind is not None:
            entry[1].append(Movement(kind, effective, from_g, to_g))
    return result
