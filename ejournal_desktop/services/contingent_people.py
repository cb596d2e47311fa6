"""Students and their parents: lists, cards, edits, and the search that answers as you type.

Who may do what: the secretary (`contingent.write`) edits everything; a curator (`guardian.write`
in the curated-group scope) edits the contacts (phone, e-mail, address) of the students of their
own group and their parents, nothing else. Group and status change only by an order
(services.movements).

Search goes through `person.search_name` (casefolded, «ё» as «е»): a name prefix is an index range
scan (code-point order: SQLite's BINARY index, PostgreSQL's "C"-collation index of migration
0002), and when the prefixes run out the same statement falls back to a substring anywhere in the
name — one query, LIMIT-ed, prefix matches first.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from sqlalchemy import Connection, delete, func, insert, literal, select, union_all, update

from ejournal_desktop.domain.errors import NotFound, PermissionDenied, ValidationError
from ejournal_desktop.domain.names import full_name, russian_sort_key, search_key
from ejournal_desktop.domain.permissions import Action, Scope, allowed_scopes
from ejournal_desktop.services.auth import UserSession
from ejournal_desktop.services.contingent_common import (
    clean,
    connection,
    has_all,
    readable_group_ids,
    require_action,
    required,
)
from ejournal_desktop.services.contingent_reference import contact_values, person_values
from ejournal_desktop.store import models as m

STATUS_LABELS = {
    "studying": "обучается",
    "academic_leave": "академ. отпуск",
    "expelled": "отчислен",
    "graduated": "выпущен",
}
CONTACT_FIELDS = ("phone", "email", "address")
SEARCH_LIMIT = 50
_MAX_CODE_POINT = "\U0010ffff"


@dataclass(frozen=True, slots=True)
class StudentRow:
    id: int
    person_id: int
    last_name: str
    first_name: str
    middle_name: str | None
    birth_date: dt.date | None
    group_id: int
    group_name: str
    record_book_no: str | None
    status: str
    subgroup: int | None
    phone: str | None
    email: str | None
    address: str | None
    parents: str = ""

    @property
    def full_name(self) -> str:
        return full_name(self.last_name, self.first_name, self.middle_name)

    @property
    def status_label(self) -> str:
        return STATUS_LABELS.get(self.status, self.status)


@dataclass(frozen=True, slots=True)
class ParentRow:
    id: int  # person id
    last_name: str
    first_name: str
    middle_name: str | None
    phone: str | None
    email: str | None
    address: str | None
    children: str  # «Иванов Пётр (21-ТО), Иванова Анна (23-ВЕТ)»

    @property
    def full_name(self) -> str:
        return full_name(self.last_name, self.first_name, self.middle_name)


@dataclass(frozen=True, slots=True)
class MovementRow:
    id: int
    kind: str
    from_group: str
    to_group: str
    order_no: str
    order_date: dt.date
    effective_date: dt.date
    note: str | None


@dataclass(frozen=True, slots=True)
class StudentCard:
    student: StudentRow
    parents: list[ParentRow] = field(default_factory=list)
    movements: list[MovementRow] = field(default_factory=list)
    consent_signed_on: dt.date | None = None


def _student_columns():  # type: ignore[no-untyped-def]
    return (
        m.Student.id,
        m.Student.person_id,
        m.Person.last_name,
        m.Person.first_name,
        m.Person.middle_name,
        m.Person.birth_date,
        m.Student.group_id,
        m.StudyGroup.name,
        m.Student.record_book_no,
        m.Student.status,
        m.Student.subgroup,
        m.Person.phone,
        m.Person.email,
        m.Person.address,
    )


def _parents_of_student():  # type: ignore[no-untyped-def]
    guardian = m.Person.__table__.alias("guardian")
    name = guardian.c.last_name + " " + guardian.c.first_name + func.coalesce(" " + guardian.c.middle_name, "")
    return (
        select(func.aggregate_strings(name, "; "))
        .select_from(m.GuardianLink.__table__.join(guardian, guardian.c.id == m.GuardianLink.guardian_id))
        .where(m.GuardianLink.student_id == m.Student.id)
        .correlate(m.Student)
        .scalar_subquery()
    )


def _restrict(query, groups: set[int] | None):  # type: ignore[no-untyped-def]
    return query if groups is None else query.where(m.Student.group_id.in_(sorted(groups)))


def list_students(
    session: UserSession, *, group_id: int | None = None, statuses: Sequence[str] | None = None
) -> list[StudentRow]:
    """The students (one query, parents' names included), in Russian alphabetical order."""
    require_action(session, Action.CONTINGENT_READ)
    query = (
        select(*_student_columns(), _parents_of_student())
        .join(m.Person, m.Person.id == m.Student.person_id)
        .join(m.StudyGroup, m.StudyGroup.id == m.Student.group_id)
    )
    if group_id is not None:
        query = query.where(m.Student.group_id == group_id)
    if statuses:
        query = query.where(m.Student.status.in_(tuple(statuses)))
    with connection(session) as conn:
        query = _restrict(query, readable_group_ids(session, conn))
        rows = [StudentRow(*r[:14], parents=r[14] or "") for r in conn.execute(query)]
    return sorted(rows, key=lambda s: russian_sort_key(s.full_name))


def search_students(
    session: UserSession, text: str, *, group_id: int | None = None, limit: int = SEARCH_LIMIT
) -> list[StudentRow]:
    """Students whose name starts with (then contains) the typed text; one indexed query."""
    require_action(session, Action.CONTINGENT_READ)
    key = search_key(text)
    if not key:
        return []
    with connection(session) as conn:
        groups = readable_group_ids(session, conn)
        base = select(*_student_columns(), literal(0).label("rank"), m.Person.search_name.label("sk"))
        base = base.join(m.Person, m.Person.id == m.Student.person_id).join(
            m.StudyGroup, m.StudyGroup.id == m.Student.group_id
        )
        if group_id is not None:
            base = base.where(m.Student.group_id == group_id)
        base = _restrict(base, groups)
        prefix = base.where(*_prefix_range(conn, key)).order_by(_ordered(conn)).limit(limit)
        escaped = key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        inner = (
            base.with_only_columns(*_student_columns(), literal(1).label("rank"), m.Person.search_name.label("sk"))
            .where(m.Person.search_name.like(f"%{escaped}%", escape="\\"))
            .where(~m.Person.search_name.like(f"{escaped}%", escape="\\"))
            .limit(limit)
        )
        combined = union_all(prefix.subquery().select(), inner.subquery().select()).subquery()
        query = select(combined).limit(limit)
        rows = conn.execute(query).all()
    found = [StudentRow(*r[:14]) for r in rows]
    ranks = {r[0]: (r[14], russian_sort_key(StudentRow(*r[:14]).full_name)) for r in rows}
    return sorted(found, key=lambda s: ranks[s.id])


def _prefix_range(conn: Connection, key: str):  # type: ignore[no-untyped-def]
    column = _ordered(conn)
    return column >= key, column < key + _MAX_CODE_POINT


def _ordered(conn: Connection):  # type: ignore[no-untyped-def]
    # The "C"-collation expression matches the index of migration 0002 on PostgreSQL.
    if conn.dialect.name == "postgresql":
        return m.Person.search_name.collate("C")
    return m.Person.search_name


def student_card(session: UserSession, student_id: int) -> StudentCard:
    """A student with parents, movements and consent: three small queries by primary key."""
    require_action(session, Action.CONTINGENT_READ)
    from_group = m.StudyGroup.__table__.alias("from_group")
    to_group = m.StudyGroup.__table__.alias("to_group")
    with connection(session) as conn:
        groups = readable_group_ids(session, conn)
        query = (
            select(*_student_columns(), _parents_of_student())
            .join(m.Person, m.Person.id == m.Student.person_id)
            .join(m.StudyGroup, m.StudyGroup.id == m.Student.group_id)
            .where(m.Student.id == student_id)
        )
        row = conn.execute(_restrict(query, groups)).first()
        if row is None:
            raise NotFound("Обучающийся не найден: возможно, его удалили")
        student = StudentRow(*row[:14], parents=row[14] or "")
        parents = _parents(conn, m.GuardianLink.student_id == student_id)
        moves = conn.execute(
            select(
                m.StudentMovement.id,
                m.StudentMovement.kind,
                func.coalesce(from_group.c.name, ""),
                func.coalesce(to_group.c.name, ""),
                m.StudentMovement.order_no,
                m.StudentMovement.order_date,
                m.StudentMovement.effective_date,
                m.StudentMovement.note,
            )
            .outerjoin(from_group, from_group.c.id == m.StudentMovement.from_group_id)
            .outerjoin(to_group, to_group.c.id == m.StudentMovement.to_group_id)
            .where(m.StudentMovement.student_id == student_id)
            .order_by(m.StudentMovement.effective_date, m.StudentMovement.id)
        ).all()
        consent = conn.execute(
            select(func.max(m.PdConsent.signed_on)).where(m.PdConsent.person_id == student.person_id)
        ).scalar()
    return StudentCard(student, parents, [MovementRow(*mv) for mv in moves], consent)


def list_parents(session: UserSession, *, group_id: int | None = None) -> list[ParentRow]:
    """Parents with their children (one query), optionally of one group's students."""
    require_action(session, Action.CONTINGENT_READ)
    with connection(session) as conn:
        groups = readable_group_ids(session, conn)
        condition = m.GuardianLink.guardian_id.is_not(None)
        if group_id is not None:
            groups = {group_id} if groups is None else groups & {group_id}
        rows = _parents(conn, condition, groups)
    return rows


def _parents(conn: Connection, condition, groups: set[int] | None = None) -> list[ParentRow]:  # type: ignore[no-untyped-def]
    child = m.Person.__table__.alias("child")
    child_name = child.c.last_name + " " + child.c.first_name + " (" + m.StudyGroup.name + ")"
    query = (
        select(
            m.Person.id,
            m.Person.last_name,
            m.Person.first_name,
            m.Person.middle_name,
            m.Person.phone,
            m.Person.email,
            m.Person.address,
            func.aggregate_strings(child_name, ", "),
        )
        .select_from(m.GuardianLink)
        .join(m.Person, m.Person.id == m.GuardianLink.guardian_id)
        .join(m.Student, m.Student.id == m.GuardianLink.student_id)
        .join(child, child.c.id == m.Student.person_id)
        .join(m.StudyGroup, m.StudyGroup.id == m.Student.group_id)
        .where(condition)
        .group_by(
            m.Person.id,
            m.Person.last_name,
            m.Person.first_name,
            m.Person.middle_name,
            m.Person.phone,
            m.Person.email,
            m.Person.address,
        )
    )
    if groups is not None:
        query = query.where(m.Student.group_id.in_(sorted(groups)))
    rows = [ParentRow(*r) for r in conn.execute(query)]
    return sorted(rows, key=lambda p: russian_sort_key(p.full_name))


# -- writes -------------------------------------------------------------------------------------


def create_student(session: UserSession, data: Mapping[str, object]) -> int:
    """A student typed into the list (no order): the person and the student row."""
    require_action(session, Action.CONTINGENT_WRITE)
    values = person_values(data)
    group_id = data.get("group_id")
    if not group_id:
        raise ValidationError("Не выбрана группа", field="group_id")
    record_book = clean(data.get("record_book_no")) or None
    with connection(session) as conn:
        if conn.execute(select(m.StudyGroup.id).where(m.StudyGroup.id == group_id)).first() is None:
            raise ValidationError("Группа не найдена", field="group_id")
        person_id = conn.execute(insert(m.Person).values(**values).returning(m.Person.id)).scalar_one()
        return int(
            conn.execute(
                insert(m.Student)
                .values(person_id=person_id, group_id=group_id, record_book_no=record_book, status="studying")
                .returning(m.Student.id)
            ).scalar_one()
        )


def update_student(session: UserSession, student_id: int, data: Mapping[str, object]) -> None:
    """Name, birth date, record book and contacts; a curator of the group may change contacts only."""
    only_contacts = set(data) <= set(CONTACT_FIELDS)
    with connection(session) as conn:
        row = conn.execute(select(m.Student.person_id, m.Student.group_id).where(m.Student.id == student_id)).first()
        if row is None:
            raise NotFound("Обучающийся не найден: возможно, его удалили")
        person_id, group_id = row
        if has_all(session, Action.CONTINGENT_WRITE):
            values = person_values(data) if not only_contacts else contact_values(data)
            student_values: dict[str, object] = {}
            if "record_book_no" in data:
                student_values["record_book_no"] = clean(data.get("record_book_no")) or None
            if "subgroup" in data:
                sub = data.get("subgroup")
                student_values["subgroup"] = int(sub) if sub not in (None, "", 0) else None  # type: ignore[call-overload]
            if student_values:
                conn.execute(update(m.Student).where(m.Student.id == student_id).values(**student_values))
        else:
            _require_curator(session, group_id, Action.GUARDIAN_WRITE)
            if not only_contacts:
                raise PermissionDenied("Куратор может изменять только контакты обучающихся (телефон, e-mail, адрес)")
            values = contact_values(data)
        if values:
            conn.execute(update(m.Person).where(m.Person.id == person_id).values(**values))


def _require_curator(session: UserSession, group_id: int, action: Action) -> None:
    if Scope.CURATED_GROUP in allowed_scopes(session.user.roles, action) and group_id in (
        session.user.curated_group_ids
    ):
        return
    raise PermissionDenied(f"Недостаточно прав: {action.label} (только своей группы)")


def _guardian_groups(conn: Connection, guardian_id: int) -> set[int]:
    query = (
        select(m.Student.group_id)
        .join(m.GuardianLink, m.GuardianLink.student_id == m.Student.id)
        .where(m.GuardianLink.guardian_id == guardian_id)
    )
    return set(conn.execute(query).scalars())


def _require_guardian_write(session: UserSession, conn: Connection, group_ids: set[int]) -> None:
    if has_all(session, Action.GUARDIAN_WRITE):
        return
    if not group_ids:
        raise PermissionDenied(f"Недостаточно прав: {Action.GUARDIAN_WRITE.label}")
    for group_id in group_ids:
        _require_curator(session, group_id, Action.GUARDIAN_WRITE)


def save_parent(
    session: UserSession,
    data: Mapping[str, object],
    parent_id: int | None = None,
    *,
    student_id: int | None = None,
    relation: str = "родитель",
) -> int:
    """Create or edit a parent; with `student_id` a new parent is linked to that student at once."""
    with connection(session) as conn:
        if parent_id is not None:
            _require_guardian_write(session, conn, _guardian_groups(conn, parent_id))
            values = person_values(data) if has_all(session, Action.GUARDIAN_WRITE) else contact_values(data)
            if not conn.execute(update(m.Person).where(m.Person.id == parent_id).values(**values)).rowcount:
                raise NotFound("Родитель не найден: возможно, его удалили")
            return parent_id
        if student_id is None:
            require_action(session, Action.GUARDIAN_WRITE, Scope.ALL)
        else:
            _require_guardian_write(session, conn, {_student_group(conn, student_id)})
        values = person_values(data)
        new_id = int(conn.execute(insert(m.Person).values(**values).returning(m.Person.id)).scalar_one())
        if student_id is not None:
            link = {"student_id": student_id, "guardian_id": new_id, "relation": relation or "родитель"}
            conn.execute(insert(m.GuardianLink).values(**link))
        return new_id


def link_parent(session: UserSession, student_id: int, parent_id: int, relation: str = "родитель") -> None:
    with connection(session) as conn:
        _require_guardian_write(session, conn, {_student_group(conn, student_id)})
        relation = required(relation or "родитель", "Кем приходится", "relation", 32)
        conn.execute(insert(m.GuardianLink).values(student_id=student_id, guardian_id=parent_id, relation=relation))


def unlink_parent(session: UserSession, student_id: int, parent_id: int) -> None:
    with connection(session) as conn:
        _require_guardian_write(session, conn, {_student_group(conn, student_id)})
        conn.execute(
            delete(m.GuardianLink).where(
                m.GuardianLink.student_id == student_id, m.GuardianLink.guardian_id == parent_id
            )
        )


def _student_group(conn: Connection, student_id: int) -> int:
    group_id = conn.execute(select(m.Student.group_id).where(m.Student.id == student_id)).scalar()
    if group_id is None:
        raise NotFound("Обучающийся не найден: возможно, его удалили")
    return int(group_id)
