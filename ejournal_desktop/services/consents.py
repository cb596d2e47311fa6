"""Consents to personal-data processing (согласия на обработку ПД) of students and parents.

A consent is on file when `pd_consent` has a row for the person. Registering one is the
secretary's job (`contingent.write`) or the curator's for their own group (`guardian.write` in
the curated-group scope). The list of who is still missing is one query per call.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import exists, insert, literal, or_, select, union_all

from ejournal_desktop.domain.errors import NotFound, PermissionDenied, ValidationError
from ejournal_desktop.domain.names import full_name, russian_sort_key
from ejournal_desktop.domain.permissions import Action, Scope, allowed_scopes
from ejournal_desktop.services.auth import UserSession
from ejournal_desktop.services.contingent_common import clean, connection, has_all, readable_group_ids, require_action
from ejournal_desktop.store import models as m

ACTIVE = ("studying", "academic_leave")


@dataclass(frozen=True, slots=True)
class MissingConsent:
    group_name: str
    person_id: int
    full_name: str
    kind: str  # «обучающийся» | «родитель»
    student_name: str  # for a parent: whose parent


@dataclass(frozen=True, slots=True)
class ConsentInfo:
    signed_on: dt.date
    document: str


def consents_on_file(session: UserSession, person_ids: Iterable[int] | None = None) -> dict[int, ConsentInfo]:
    """The latest consent of each person who has one (one query): of the given persons, or of every
    student and parent the user may read (the «без согласия» filter of the students' list)."""
    require_action(session, Action.CONTINGENT_READ)
    query = select(m.PdConsent.person_id, m.PdConsent.signed_on, m.PdConsent.document).order_by(
        m.PdConsent.signed_on, m.PdConsent.id
    )
    with connection(session) as conn:
        if person_ids is not None:
            ids = sorted(set(person_ids))
            if not ids:
                return {}
            query = query.where(m.PdConsent.person_id.in_(ids))
        groups = readable_group_ids(session, conn)
        if groups is not None:
            in_groups = m.Student.group_id.in_(sorted(groups))
            students = select(m.Student.person_id).where(in_groups)
            parents = (
                select(m.GuardianLink.guardian_id)
                .join(m.Student, m.Student.id == m.GuardianLink.student_id)
                .where(in_groups)
            )
            query = query.where(m.PdConsent.person_id.in_(union_all(students, parents).subquery().select()))
        rows = conn.execute(query).all()
    return {pid: ConsentInfo(day, document or "") for pid, day, document in rows}  # the latest wins


def record_consent(session: UserSession, person_id: int, signed_on: dt.date, document: str = "") -> int:
    if signed_on > dt.date.today():
        raise ValidationError("Дата согласия не может быть в будущем", field="signed_on")
    with connection(session) as conn:
        student_group = select(m.Student.group_id).where(m.Student.person_id == person_id)
        parent_groups = (
            select(m.Student.group_id)
            .join(m.GuardianLink, m.GuardianLink.student_id == m.Student.id)
            .where(m.GuardianLink.guardian_id == person_id)
        )
        groups = set(conn.execute(union_all(student_group, parent_groups)).scalars())
        if not groups and conn.execute(select(m.Person.id).where(m.Person.id == person_id)).first() is None:
            raise NotFound("Человек не найден: возможно, его удалили")
        if not has_all(session, Action.CONTINGENT_WRITE):
            curated = set(session.user.curated_group_ids)
            scopes = allowed_scopes(session.user.roles, Action.GUARDIAN_WRITE)
            if Scope.CURATED_GROUP not in scopes or not groups or not groups & curated:
                raise PermissionDenied("Недостаточно прав: согласия на обработку ПД (только своей группы)")
        values = {
            "person_id": person_id,
            "signed_on": signed_on,
            "document": clean(document)[:255],
            "created_by": session.user.person_id or None,
        }
        return int(conn.execute(insert(m.PdConsent).values(**values).returning(m.PdConsent.id)).scalar_one())


def missing_consents(session: UserSession, group_id: int | None = None) -> list[MissingConsent]:
    """Students (studying or on leave) and their parents with no consent on file, by group."""
    require_action(session, Action.CONTINGENT_READ)
    child = m.Person.__table__.alias("child")
    parent = m.Person.__table__.alias("parent")
    consent = m.PdConsent.__table__
    students = (
        select(
            m.StudyGroup.name,
            child.c.id,
            child.c.last_name,
            child.c.first_name,
            child.c.middle_name,
            literal("обучающийся"),
            literal(""),
            literal(""),
        )
        .select_from(m.Student)
        .join(child, child.c.id == m.Student.person_id)
        .join(m.StudyGroup, m.StudyGroup.id == m.Student.group_id)
        .where(m.Student.status.in_(ACTIVE), ~exists().where(consent.c.person_id == child.c.id))
    )
    parents = (
        select(
            m.StudyGroup.name,
            parent.c.id,
            parent.c.last_name,
            parent.c.first_name,
            parent.c.middle_name,
            literal("родитель"),
            child.c.last_name,
            child.c.first_name,
        )
        .select_from(m.GuardianLink)
        .join(m.Student, m.Student.id == m.GuardianLink.student_id)
        .join(parent, parent.c.id == m.GuardianLink.guardian_id)
        .join(child, child.c.id == m.Student.person_id)
        .join(m.StudyGroup, m.StudyGroup.id == m.Student.group_id)
        .where(m.Student.status.in_(ACTIVE), ~exists().where(consent.c.person_id == parent.c.id))
    )
    with connection(session) as conn:
        groups = readable_group_ids(session, conn)
        if group_id is not None:
            groups = {group_id} if groups is None else groups & {group_id}
        if groups is not None:
            students = students.where(m.Student.group_id.in_(sorted(groups)))
            parents = parents.where(or_(m.Student.group_id.in_(sorted(groups))))
        rows = conn.execute(union_all(students, parents)).all()
    result = [
        MissingConsent(g, pid, full_name(last, first, middle), kind, f"{c_last} {c_first}".strip())
        for g, pid, last, first, middle, kind, c_last, c_first in rows
    ]
    return sorted(result, key=lambda r: (russian_sort_key(r.group_name), r.kind != "обучающийся", r.full_name))
