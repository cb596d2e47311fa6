"""A tiny college for the contingent tests: a secretary, a curator, a teacher, two groups, a period.

Sessions are built straight from the rows (no password check): the services' permission checks
are what these tests exercise, on both backends.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Engine, insert

from ejournal_desktop.domain.names import search_key
from ejournal_desktop.services.auth import CurrentUser, Profile, UserSession
from ejournal_desktop.store import models as m


@dataclass
class College:
    engine: Engine
    specialty_id: int
    group_to: int  # 21-ТО, curated by the curator
    group_vet: int  # 22-ВЕТ
    secretary: UserSession
    curator: UserSession
    teacher: UserSession
    deputy: UserSession
    period_id: int
    curator_id: int
    teacher_id: int


def _person(connection, last: str, first: str, middle: str, position: str | None = None) -> int:  # type: ignore[no-untyped-def]
    return connection.execute(
        insert(m.Person)
        .values(
            last_name=last,
            first_name=first,
            middle_name=middle,
            search_name=search_key(f"{last} {first} {middle}"),
            position=position,
        )
        .returning(m.Person.id)
    ).scalar_one()


def _session(engine: Engine, person_id: int, login: str, roles: set[str], curated: tuple[int, ...] = ()) -> UserSession:
    user = CurrentUser(
        account_id=person_id,
        person_id=person_id,
        login=login,
        last_name=login,
        first_name=login,
        middle_name=None,
        roles=frozenset(roles),
        curated_group_ids=curated,
    )
    return UserSession(profile=Profile(), engine=engine, user=user)


def make_college(engine: Engine) -> College:
    with engine.begin() as c:
        secretary = _person(c, "Сидорова", "Ольга", "Николаевна", "секретарь учебной части")
        curator = _person(c, "Петрова", "Мария", "Сергеевна", "преподаватель")
        teacher = _person(c, "Иванов", "Иван", "Иванович", "преподаватель")
        deputy = _person(c, "Смирнова", "Елена", "Павловна", "заместитель директора по УПР")
        for pid, login, role in (
            (secretary, "sekretar", "secretary"),
            (curator, "kurator", "teacher"),
            (teacher, "prepod", "teacher"),
            (deputy, "zamdir", "deputy"),
        ):
            c.execute(insert(m.Account).values(person_id=pid, login=login, role=role, must_change_password=False))
        specialty = c.execute(
            insert(m.Specialty)
            .values(code="35.02.16", name="Эксплуатация и ремонт сельскохозяйственной техники", qualification="Техник")
            .returning(m.Specialty.id)
        ).scalar_one()
        group_to = c.execute(
            insert(m.StudyGroup)
            .values(name="21-ТО", specialty_id=specialty, course=3, admission_year=2024, curator_id=curator)
            .returning(m.StudyGroup.id)
        ).scalar_one()
        group_vet = c.execute(
            insert(m.StudyGroup)
            .values(name="22-ВЕТ", specialty_id=specialty, course=2, admission_year=2025)
            .returning(m.StudyGroup.id)
        ).scalar_one()
        period = c.execute(
            insert(m.Period)
            .values(academic_year="2026/2027", number=1, starts_on=dt.date(2026, 9, 1), ends_on=dt.date(2026, 12, 31))
            .returning(m.Period.id)
        ).scalar_one()
    return College(
        engine=engine,
        specialty_id=specialty,
        group_to=group_to,
        group_vet=group_vet,
        secretary=_session(engine, secretary, "sekretar", {"secretary"}),
        curator=_session(engine, curator, "kurator", {"teacher"}, (group_to,)),
        teacher=_session(engine, teacher, "prepod", {"teacher"}),
        deputy=_session(engine, deputy, "zamdir", {"deputy"}),
        period_id=period,
        curator_id=curator,
        teacher_id=teacher,
    )
