"""Teaching load (учебная нагрузка): who teaches which discipline to which group or subgroup, per period.

Reading needs `contingent.read`, writing `load.write`; a closed period's load is frozen. Copying
a period's load into another is one INSERT … SELECT that skips what is there already, so running
it twice adds nothing. Splitting a group into subgroups sets `student.subgroup` with one
executemany.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import Connection, and_, bindparam, delete, exists, func, insert, literal, select, update

from ejournal_desktop.domain.errors import NotFound, ValidationError
from ejournal_desktop.domain.names import full_name, russian_sort_key
from ejournal_desktop.domain.permissions import Action
from ejournal_desktop.services.auth import UserSession
from ejournal_desktop.services.contingent_common import clean, connection, require_action
from ejournal_desktop.store import models as m

CONTROL_FORM_LABELS = {
    "exam": "экзамен",
    "diff_credit": "дифференцированный зачёт",
    "credit": "зачёт",
    "other": "другие формы контроля",
}
MAX_SUBGROUPS = 3


@dataclass(frozen=True, slots=True)
class AssignmentRow:
    id: int
    group_id: int
    group_name: str
    discipline_id: int
    discipline_code: str
    discipline_name: str
    teacher_id: int
    teacher_name: str
    subgroup: int | None
    planned_hours: int
    control_form: str
    is_draft: bool
    lesson_count: int

    @property
    def control_form_label(self) -> str:
        return CONTROL_FORM_LABELS.get(self.control_form, self.control_form)


def list_assignments(session: UserSession, period_id: int) -> list[AssignmentRow]:
    """The load of a period, one query, ordered by group, discipline code, subgroup."""
    require_action(session, Action.CONTINGENT_READ)
    lessons = (
        select(func.count(m.Lesson.id))
        .where(m.Lesson.assignment_id == m.TeachingAssignment.id)
        .correlate(m.TeachingAssignment)
        .scalar_subquery()
    )
    a = m.TeachingAssignment
    query = (
        select(
            a.id,
            a.group_id,
            m.StudyGroup.name,
            a.discipline_id,
            m.Discipline.code,
            m.Discipline.name,
            a.teacher_id,
            m.Person.last_name,
            m.Person.first_name,
            m.Person.middle_name,
            a.subgroup,
            a.planned_hours,
            a.control_form,
            a.is_draft,
            lessons,
        )
        .join(m.StudyGroup, m.StudyGroup.id == a.group_id)
        .join(m.Discipline, m.Discipline.id == a.discipline_id)
        .join(m.Person, m.Person.id == a.teacher_id)
        .where(a.period_id == period_id)
    )
    with connection(session) as conn:
        rows = conn.execute(query).all()
    result = [
        AssignmentRow(r[0], r[1], r[2], r[3], r[4], r[5], r[6], full_name(r[7], r[8], r[9]), *r[10:15]) for r in rows
    ]
    return sorted(result, key=lambda x: (russian_sort_key(x.group_name), x.discipline_code, x.subgroup or 0))


def _check_period_open(conn: Connection, period_id: int) -> None:
    row = conn.execute(select(m.Period.closed_at).where(m.Period.id == period_id)).first()
    if row is None:
        raise ValidationError("Период не найден", field="period_id")
    if row[0] is not None:
        raise ValidationError("Период закрыт: его нагрузку изменить нельзя", field="period_id")


def _assignment_values(data: Mapping[str, object]) -> dict[str, object]:
    values: dict[str, object] = {}
    for name, label in (("group_id", "Группа"), ("discipline_id", "Дисциплина"), ("teacher_id", "Преподаватель")):
        value = data.get(name)
        if not value:
            raise ValidationError(f"Не выбрано поле «{label}»", field=name)
        values[name] = int(value)  # type: ignore[call-overload]
    sub = data.get("subgroup")
    subgroup = int(sub) if sub not in (None, "", 0, "0") else None  # type: ignore[call-overload]
    if subgroup is not None and not 1 <= subgroup <= MAX_SUBGROUPS:
        raise ValidationError(f"Подгруппа: допустимы 1–{MAX_SUBGROUPS} или вся группа", field="subgroup")
    hours_text = clean(data.get("planned_hours", 0)) or "0"
    if not hours_text.isdigit():
        raise ValidationError(f"Часы по плану: нужно целое неотрицательное число, а не «{hours_text}»", field="hours")
    form = clean(data.get("control_form") or "other")
    if form not in CONTROL_FORM_LABELS:
        raise ValidationError(f"Неизвестная форма контроля «{form}»", field="control_form")
    values.update(subgroup=subgroup, planned_hours=int(hours_text), control_form=form)
    return values


def save_assignment(
    session: UserSession, period_id: int, data: Mapping[str, object], assignment_id: int | None = None
) -> int:
    require_action(session, Action.LOAD_WRITE)
    values = _assignment_values(data)
    with connection(session) as conn:
        _check_period_open(conn, period_id)
        if assignment_id is None:
            statement = insert(m.TeachingAssignment).values(period_id=period_id, **values)
            return int(conn.execute(statement.returning(m.TeachingAssignment.id)).scalar_one())
        changed = conn.execute(
            update(m.TeachingAssignment)
            .where(m.TeachingAssignment.id == assignment_id, m.TeachingAssignment.period_id == period_id)
            .values(**values)
        ).rowcount
        if not changed:
            raise NotFound("Запись нагрузки не найдена: возможно, её удалили")
        return assignment_id


def delete_assignment(session: UserSession, assignment_id: int) -> None:
    require_action(session, Action.LOAD_WRITE)
    with connection(session) as conn:
        period_id = conn.execute(
            select(m.TeachingAssignment.period_id).where(m.TeachingAssignment.id == assignment_id)
        ).scalar()
        if period_id is None:
            raise NotFound("Запись нагрузки не найдена: возможно, её уже удалили")
        _check_period_open(conn, period_id)
        if conn.execute(select(m.Lesson.id).where(m.Lesson.assignment_id == assignment_id).limit(1)).first():
            raise ValidationError("По этой нагрузке уже проведены занятия: её нельзя удалить")
        conn.execute(delete(m.TeachingAssignment).where(m.TeachingAssignment.id == assignment_id))


def copy_load(session: UserSession, from_period_id: int, to_period_id: int, *, as_draft: bool = True) -> int:
    """Copy a period's load into another; what the target has already is kept. Returns rows added."""
    require_action(session, Action.LOAD_WRITE)
    if from_period_id == to_period_id:
        raise ValidationError("Нагрузку копируют в другой период", field="to_period_id")
    with connection(session) as conn:
        _check_period_open(conn, to_period_id)
        return copy_load_in(conn, from_period_id, to_period_id, as_draft=as_draft)


def copy_load_in(
    conn: Connection, from_period_id: int, to_period_id: int, *, as_draft: bool, skip_group_ids: set[int] = frozenset()
) -> int:
    """The INSERT … SELECT of `copy_load`, inside the caller's transaction (the new academic year)."""
    src = m.TeachingAssignment.__table__.alias("src")
    dst = m.TeachingAssignment.__table__
    present = exists().where(
        and_(
            dst.c.period_id == to_period_id,
            dst.c.group_id == src.c.group_id,
            dst.c.discipline_id == src.c.discipline_id,
            func.coalesce(dst.c.subgroup, 0) == func.coalesce(src.c.subgroup, 0),
        )
    )
    source = (
        select(
            src.c.group_id,
            src.c.discipline_id,
            src.c.teacher_id,
            literal(to_period_id),
            src.c.subgroup,
            src.c.planned_hours,
            src.c.control_form,
            literal(as_draft),
        )
        .join(m.StudyGroup.__table__, m.StudyGroup.id == src.c.group_id)
        .where(src.c.period_id == from_period_id, m.StudyGroup.is_archived.is_(False), ~present)
    )
    if skip_group_ids:
        source = source.where(src.c.group_id.not_in(sorted(skip_group_ids)))
    columns = ["group_id", "discipline_id", "teacher_id", "period_id", "subgroup", "planned_hours", "control_form"]
    statement = insert(dst).from_select([*columns, "is_draft"], source).returning(dst.c.id)
    return len(conn.execute(statement).all())  # rowcount is -1 for INSERT … SELECT under psycopg


def approve_load(session: UserSession, period_id: int) -> int:
    """The draft copied into a new year becomes the period's load."""
    require_action(session, Action.LOAD_WRITE)
    with connection(session) as conn:
        _check_period_open(conn, period_id)
        statement = update(m.TeachingAssignment).where(
            m.TeachingAssignment.period_id == period_id, m.TeachingAssignment.is_draft.is_(True)
        )
        return int(conn.execute(statement.values(is_draft=False)).rowcount or 0)


def split_group(session: UserSession, group_id: int, subgroups: Mapping[int, int | None]) -> int:
    """Give each chosen student a subgroup (1–3; None = not split). Returns students changed."""
    require_action(session, Action.LOAD_WRITE)
    for student_id, sub in subgroups.items():
        if sub is not None and not 1 <= sub <= MAX_SUBGROUPS:
            raise ValidationError(f"Подгруппа {sub}: допустимы 1–{MAX_SUBGROUPS}", field="subgroup", row=student_id)
    if not subgroups:
        return 0
    with connection(session) as conn:
        members = set(
            conn.execute(
                select(m.Student.id).where(m.Student.group_id == group_id, m.Student.id.in_(list(subgroups)))
            ).scalars()
        )
        strangers = sorted(set(subgroups) - members)
        if strangers:
            raise ValidationError(f"Обучающиеся не из этой группы (id {', '.join(map(str, strangers))})")
        student = m.Student.__table__
        conn.execute(
            update(student).where(student.c.id == bindparam("sid")).values(subgroup=bindparam("sub")),
            [{"sid": sid, "sub": sub} for sid, sub in subgroups.items()],
        )
    return len(subgroups)
