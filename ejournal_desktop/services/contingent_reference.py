"""Reference lists of the contingent: specialties, groups, staff, disciplines, periods.

Reads need `contingent.read`; writes `contingent.write` (periods: `period.write`). Each list is
one query; each save validates every field first and names the field in Russian.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import Connection, delete, func, insert, or_, select, update

from ejournal_desktop.domain.calendar import parse_academic_year, semester_bounds
from ejournal_desktop.domain.errors import NotFound, ValidationError
from ejournal_desktop.domain.names import full_name, russian_sort_key
from ejournal_desktop.domain.permissions import Action
from ejournal_desktop.domain.roles import ROLE_LABELS, Role
from ejournal_desktop.services.auth import UserSession
from ejournal_desktop.services.contingent_common import (
    check_email,
    check_phone,
    clean,
    connection,
    optional,
    person_search_name,
    require_action,
    required,
    to_date,
)
from ejournal_desktop.services.journal_types import PeriodInfo
from ejournal_desktop.store import models as m

DISCIPLINE_KINDS = m.DISCIPLINE_KINDS
STAFF_ROLES = (Role.TEACHER, Role.SECRETARY, Role.DEPUTY, Role.ADMIN)


@dataclass(frozen=True, slots=True)
class SpecialtyRow:
    id: int
    code: str
    name: str
    qualification: str
    group_count: int


@dataclass(frozen=True, slots=True)
class GroupRow:
    id: int
    name: str
    specialty_id: int
    specialty_code: str
    course: int
    admission_year: int
    base_grade: int
    curator_id: int | None
    curator_name: str
    is_archived: bool
    student_count: int


@dataclass(frozen=True, slots=True)
class StaffRow:
    id: int
    last_name: str
    first_name: str
    middle_name: str | None
    position: str
    phone: str | None
    email: str | None
    login: str
    roles: str  # Russian role names, «Преподаватель, Зам. директора по УПР»

    @property
    def full_name(self) -> str:
        return full_name(self.last_name, self.first_name, self.middle_name)


@dataclass(frozen=True, slots=True)
class DisciplineRow:
    id: int
    code: str
    name: str
    kind: str


# The journal and the contingent show the same period: one type.
PeriodRow = PeriodInfo


def _sorted(rows: list, key) -> list:  # type: ignore[no-untyped-def]
    return sorted(rows, key=key)


# -- specialties --------------------------------------------------------------------------------


def list_specialties(session: UserSession) -> list[SpecialtyRow]:
    require_action(session, Action.CONTINGENT_READ)
    groups = (
        select(func.count(m.StudyGroup.id))
        .where(m.StudyGroup.specialty_id == m.Specialty.id)
        .correlate(m.Specialty)
        .scalar_subquery()
    )
    query = select(m.Specialty.id, m.Specialty.code, m.Specialty.name, m.Specialty.qualification, groups).order_by(
        m.Specialty.code
    )
    with connection(session) as conn:
        return [SpecialtyRow(*row) for row in conn.execute(query)]


def save_specialty(session: UserSession, data: Mapping[str, object], specialty_id: int | None = None) -> int:
    require_action(session, Action.CONTINGENT_WRITE)
    values = {
        "code": required(data.get("code"), "Код", "code", 16),
        "name": required(data.get("name"), "Наименование", "name", 255),
        "qualification": clean(data.get("qualification")),
    }
    with connection(session) as conn:
        return _save(conn, m.Specialty, values, specialty_id, "Специальность")


def delete_specialty(session: UserSession, specialty_id: int) -> None:
    require_action(session, Action.CONTINGENT_WRITE)
    with connection(session) as conn:
        _delete(conn, m.Specialty, specialty_id, "Специальность")


# -- groups -------------------------------------------------------------------------------------


def list_groups(session: UserSession, *, include_archived: bool = True) -> list[GroupRow]:
    require_action(session, Action.CONTINGENT_READ)
    curator = m.Person.__table__.alias("curator")
    studying = (
        select(func.count(m.Student.id))
        .where(m.Student.group_id == m.StudyGroup.id, m.Student.status.in_(("studying", "academic_leave")))
        .correlate(m.StudyGroup)
        .scalar_subquery()
    )
    query = (
        select(
            m.StudyGroup.id,
            m.StudyGroup.name,
            m.StudyGroup.specialty_id,
            m.Specialty.code,
            m.StudyGroup.course,
            m.StudyGroup.admission_year,
            m.StudyGroup.base_grade,
            m.StudyGroup.curator_id,
            curator.c.last_name,
            curator.c.first_name,
            curator.c.middle_name,
            m.StudyGroup.is_archived,
            studying,
        )
        .join(m.Specialty, m.Specialty.id == m.StudyGroup.specialty_id)
        .outerjoin(curator, curator.c.id == m.StudyGroup.curator_id)
    )
    if not include_archived:
        query = query.where(m.StudyGroup.is_archived.is_(False))
    with connection(session) as conn:
        rows = conn.execute(query).all()
    result = [
        GroupRow(
            id=r[0],
            name=r[1],
            specialty_id=r[2],
            specialty_code=r[3],
            course=r[4],
            admission_year=r[5],
            base_grade=r[6],
            curator_id=r[7],
            curator_name=full_name(r[8], r[9], r[10]) if r[8] else "",
            is_archived=r[11],
            student_count=r[12],
        )
        for r in rows
    ]
    return sorted(result, key=lambda g: (g.is_archived, g.course, russian_sort_key(g.name)))


def save_group(session: UserSession, data: Mapping[str, object], group_id: int | None = None) -> int:
    require_action(session, Action.CONTINGENT_WRITE)
    course = _int(data.get("course"), "Курс", "course", 1, 4)
    admission_year = _int(data.get("admission_year"), "Год набора", "admission_year", 1990, 2100)
    base_grade = _int(data.get("base_grade") or 9, "База (классов)", "base_grade", 9, 11)
    if base_grade not in (9, 11):
        raise ValidationError("База (классов): допустимы 9 или 11", field="base_grade")
    values: dict[str, object] = {
        "name": required(data.get("name"), "Группа", "name", 32),
        "specialty_id": _int(data.get("specialty_id"), "Специальность", "specialty_id"),
        "course": course,
        "admission_year": admission_year,
        "base_grade": base_grade,
        "curator_id": _int(data["curator_id"], "Куратор", "curator_id") if data.get("curator_id") else None,
        "is_archived": bool(data.get("is_archived", False)),
    }
    with connection(session) as conn:
        if conn.execute(select(m.Specialty.id).where(m.Specialty.id == values["specialty_id"])).first() is None:
            raise ValidationError("Специальность не найдена", field="specialty_id")
        if values["curator_id"] is not None:
            exists = conn.execute(select(m.Person.id).where(m.Person.id == values["curator_id"])).first()
            if exists is None:
                raise ValidationError("Куратор не найден среди сотрудников", field="curator_id")
        return _save(conn, m.StudyGroup, values, group_id, "Группа")


def delete_group(session: UserSession, group_id: int) -> None:
    require_action(session, Action.CONTINGENT_WRITE)
    with connection(session) as conn:
        _delete(conn, m.StudyGroup, group_id, "Группа")


# -- staff --------------------------------------------------------------------------------------


def list_staff(session: UserSession) -> list[StaffRow]:
    """Persons with a staff position or a staff role (teacher, secretary, deputy, admin)."""
    require_action(session, Action.CONTINGENT_READ)
    staff_codes = tuple(r.value for r in STAFF_ROLES)
    extra = (
        select(func.aggregate_strings(m.AccountRole.role, ","))
        .where(m.AccountRole.account_id == m.Account.id)
        .correlate(m.Account)
        .scalar_subquery()
    )
    query = (
        select(
            m.Person.id,
            m.Person.last_name,
            m.Person.first_name,
            m.Person.middle_name,
            m.Person.position,
            m.Person.phone,
            m.Person.email,
            m.Account.login,
            m.Account.role,
            extra,
        )
        .outerjoin(m.Account, m.Account.person_id == m.Person.id)
        .where(or_(m.Person.position.is_not(None), m.Account.role.in_(staff_codes)))
    )
    with connection(session) as conn:
        rows = conn.execute(query).all()
    result = []
    for pid, last, first, middle, position, phone, email, login, role, more in rows:
        held = {role, *(more or "").split(",")} - {None, ""}
        roles = ", ".join(r.label for r in Role if r.value in held)
        result.append(StaffRow(pid, last, first, middle, position or "", phone, email, login or "", roles))
    return sorted(result, key=lambda s: russian_sort_key(s.full_name))


def save_staff(session: UserSession, data: Mapping[str, object], person_id: int | None = None) -> int:
    """A staff person's name, position and contacts; accounts and roles are the admin's job."""
    require_action(session, Action.CONTINGENT_WRITE)
    values = person_values(data)
    values["position"] = required(data.get("position"), "Должность", "position", 100)
    with connection(session) as conn:
        return _save(conn, m.Person, values, person_id, "Сотрудник")


def staff_role_label(code: str) -> str:
    return ROLE_LABELS[Role(code)]


def person_values(data: Mapping[str, object]) -> dict[str, object]:
    """Validated person columns from a form, with the search key that must follow the name."""
    last = required(data.get("last_name"), "Фамилия", "last_name")
    first = required(data.get("first_name"), "Имя", "first_name")
    middle = optional(data.get("middle_name"))
    values: dict[str, object] = {
        "last_name": last,
        "first_name": first,
        "middle_name": middle,
        "search_name": person_search_name(last, first, middle),
    }
    if "birth_date" in data:
        birth = to_date(data.get("birth_date"), "Дата рождения", "birth_date")
        if birth is not None and (birth > dt.date.today() or birth.year < 1900):
            raise ValidationError(f"Дата рождения {birth:%d.%m.%Y} невозможна", field="birth_date")
        values["birth_date"] = birth
    values.update(contact_values(data))
    return values


def contact_values(data: Mapping[str, object]) -> dict[str, object]:
    values: dict[str, object] = {}
    if "phone" in data:
        values["phone"] = check_phone(optional(data.get("phone")))
    if "email" in data:
        values["email"] = check_email(optional(data.get("email")))
    if "address" in data:
        values["address"] = optional(data.get("address"))
    return values


# -- disciplines --------------------------------------------------------------------------------


def list_disciplines(session: UserSession) -> list[DisciplineRow]:
    require_action(session, Action.CONTINGENT_READ)
    query = select(m.Discipline.id, m.Discipline.code, m.Discipline.name, m.Discipline.kind)
    with connection(session) as conn:
        rows = [DisciplineRow(*r) for r in conn.execute(query)]
    return sorted(rows, key=lambda d: (d.code, russian_sort_key(d.name)))


def save_discipline(session: UserSession, data: Mapping[str, object], discipline_id: int | None = None) -> int:
    require_action(session, Action.CONTINGENT_WRITE)
    kind = clean(data.get("kind"))
    if kind not in DISCIPLINE_KINDS:
        raise ValidationError(f"Вид дисциплины «{kind}»: допустимы {', '.join(DISCIPLINE_KINDS)}", field="kind")
    values = {
        "code": required(data.get("code"), "Индекс", "code", 32),
        "name": required(data.get("name"), "Наименование", "name", 255),
        "kind": kind,
    }
    with connection(session) as conn:
        return _save(conn, m.Discipline, values, discipline_id, "Дисциплина")


def delete_discipline(session: UserSession, discipline_id: int) -> None:
    require_action(session, Action.CONTINGENT_WRITE)
    with connection(session) as conn:
        _delete(conn, m.Discipline, discipline_id, "Дисциплина")


# -- periods ------------------------------------------------------------------------------------


def list_periods(session: UserSession) -> list[PeriodRow]:
    require_action(session, Action.CONTINGENT_READ)
    query = select(
        m.Period.id, m.Period.academic_year, m.Period.number, m.Period.starts_on, m.Period.ends_on, m.Period.closed_at
    ).order_by(m.Period.starts_on)
    with connection(session) as conn:
        return [PeriodRow(r[0], r[1], r[2], r[3], r[4], r[5] is not None) for r in conn.execute(query)]


def period_values(data: Mapping[str, object]) -> dict[str, object]:
    """Validated period columns: the dates must lie in the academic year, start before the end."""
    year = required(data.get("academic_year"), "Учебный год", "academic_year", 9)
    first_year = parse_academic_year(year)
    number = _int(data.get("number"), "Семестр", "number", 1, 2)
    default_start, default_end = semester_bounds(year, number)
    starts_on = to_date(data.get("starts_on"), "Начало", "starts_on") or default_start
    ends_on = to_date(data.get("ends_on"), "Окончание", "ends_on") or default_end
    if starts_on >= ends_on:
        raise ValidationError("Начало периода должно быть раньше окончания", field="ends_on")
    year_start, year_end = dt.date(first_year, 7, 1), dt.date(first_year + 1, 8, 31)
    for value, field, label in ((starts_on, "starts_on", "Начало"), (ends_on, "ends_on", "Окончание")):
        if not year_start <= value <= year_end:
            raise ValidationError(f"{label} {value:%d.%m.%Y} вне учебного года {year}", field=field)
    return {"academic_year": year, "number": number, "starts_on": starts_on, "ends_on": ends_on}


def save_period(session: UserSession, data: Mapping[str, object], period_id: int | None = None) -> int:
    require_action(session, Action.PERIOD_WRITE)
    values = period_values(data)
    with connection(session) as conn:
        overlap = select(m.Period.academic_year, m.Period.number).where(
            m.Period.starts_on <= values["ends_on"], m.Period.ends_on >= values["starts_on"]
        )
        if period_id is not None:
            overlap = overlap.where(m.Period.id != period_id)
        clash = conn.execute(overlap).first()
        if clash is not None:
            raise ValidationError(f"Даты пересекаются с периодом {clash[0]}, семестр {clash[1]}", field="starts_on")
        return _save(conn, m.Period, values, period_id, "Период")


def delete_period(session: UserSession, period_id: int) -> None:
    require_action(session, Action.PERIOD_WRITE)
    with connection(session) as conn:
        _delete(conn, m.Period, period_id, "Период")


# -- helpers ------------------------------------------------------------------------------------


def _int(value: object, field_ru: str, field: str, low: int | None = None, high: int | None = None) -> int:
    text = clean(value)
    try:
        number = int(text)
    except ValueError:
        raise ValidationError(f"Поле «{field_ru}»: нужно целое число, а не «{text}»", field=field) from None
    if (low is not None and number < low) or (high is not None and number > high):
        raise ValidationError(f"Поле «{field_ru}»: допустимо от {low} до {high}", field=field)
    return number


def _save(conn: Connection, model: type[m.Base], values: dict[str, object], row_id: int | None, what: str) -> int:
    table = model.__table__
    if row_id is None:
        return int(conn.execute(insert(table).values(**values).returning(table.c.id)).scalar_one())
    changed = conn.execute(update(table).where(table.c.id == row_id).values(**values)).rowcount
    if not changed:
        raise NotFound(f"{what} не найдена: возможно, её удалили")
    return row_id


def _delete(conn: Connection, model: type[m.Base], row_id: int, what: str) -> None:
    table = model.__table__
    if not conn.execute(delete(table).where(table.c.id == row_id)).rowcount:
        raise NotFound(f"{what} не найдена: возможно, её уже удалили")
