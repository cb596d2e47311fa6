"""Accounts, reading: the list with last logins, people without an account, the filters' groups.

Part of `services.accounts` (which re-exports everything public here); the same queries on both
backends. On PostgreSQL the server's row-level security narrows them again (a curator sees the
accounts of the curated groups' students and parents only).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import exists, func, or_, select, union

from ejournal_desktop.domain.errors import NotFound
from ejournal_desktop.domain.names import full_name, russian_sort_key, search_key
from ejournal_desktop.domain.permissions import Action, Scope, allowed_scopes, require
from ejournal_desktop.domain.roles import Role
from ejournal_desktop.services.auth import UserSession
from ejournal_desktop.services.report_data import list_groups
from ejournal_desktop.services.unit_of_work import transaction
from ejournal_desktop.store import models as m


@dataclass(frozen=True)
class AccountRow:
    account_id: int
    person_id: int
    full_name: str
    login: str
    role: str  # the main one
    roles: tuple[str, ...]  # main first, then the extra ones
    is_active: bool
    must_change_password: bool
    last_login_at: dt.datetime | None  # UTC, timezone-aware
    groups: str  # a student's group; a parent's children's groups

    @property
    def roles_ru(self) -> str:
        return ", ".join(Role(r).label for r in self.roles if r in Role.__members__.values())


@dataclass(frozen=True)
class Candidate:
    """A person without an account, with the role an account for them would most likely have."""

    person_id: int
    full_name: str
    role: str | None  # student / parent; None for staff (the admin chooses)
    group_name: str


def curated_person_ids(group_ids: Sequence[int]) -> Any:
    """Students of the groups and their guardians — a curator's reach, as on the server."""
    students = select(m.Student.person_id).where(m.Student.group_id.in_(group_ids))
    guardians = (
        select(m.GuardianLink.guardian_id)
        .join(m.Student, m.Student.id == m.GuardianLink.student_id)
        .where(m.Student.group_id.in_(group_ids))
    )
    return union(students, guardians)


def list_accounts(
    session: UserSession, *, group_id: int | None = None, role: str | None = None, search: str = ""
) -> list[AccountRow]:
    """Accounts with the person's name, roles, group(s) and last login — one query.

    A curator sees the accounts of the curated groups' students and parents only.
    """
    require(session.user.roles, Action.ACCOUNTS_MANAGE)
    a, p = m.Account, m.Person
    extra_roles = (
        select(func.aggregate_strings(m.AccountRole.role, ","))
        .where(m.AccountRole.account_id == a.id)
        .scalar_subquery()
    )
    own_group = (
        select(m.StudyGroup.name)
        .join(m.Student, m.Student.group_id == m.StudyGroup.id)
        .where(m.Student.person_id == p.id)
        .limit(1)
        .scalar_subquery()
    )
    children_groups = (
        select(func.aggregate_strings(m.StudyGroup.name, ", "))
        .select_from(m.GuardianLink)
        .join(m.Student, m.Student.id == m.GuardianLink.student_id)
        .join(m.StudyGroup, m.StudyGroup.id == m.Student.group_id)
        .where(m.GuardianLink.guardian_id == p.id)
        .scalar_subquery()
    )
    query = select(
        a.id,
        a.person_id,
        a.login,
        a.role,
        a.is_active,
        a.must_change_password,
        a.last_login_at,
        p.last_name,
        p.first_name,
        p.middle_name,
        extra_roles.label("extra_roles"),
        own_group.label("own_group"),
        children_groups.label("children_groups"),
    ).join(p, p.id == a.person_id)
    if not manages_all(session):
        query = query.where(p.id.in_(curated_person_ids(session.user.curated_group_ids or (-1,))))
    if group_id is not None:
        query = query.where(p.id.in_(curated_person_ids((group_id,))))
    if role:
        query = query.where(
            or_(a.role == role, exists(select(1).where(m.AccountRole.account_id == a.id, m.AccountRole.role == role)))
        )
    for word in search_key(search).split():
        query = query.where(or_(p.search_name.contains(word, autoescape=True), a.login.contains(word, autoescape=True)))
    with session.engine.connect() as conn:
        rows = conn.execute(query).all()
    result = [
        AccountRow(
            account_id=row.id,
            person_id=row.person_id,
            full_name=full_name(row.last_name, row.first_name, row.middle_name),
            login=row.login,
            role=row.role,
            roles=(row.role, *sorted(r for r in (row.extra_roles or "").split(",") if r and r != row.role)),
            is_active=bool(row.is_active),
            must_change_password=bool(row.must_change_password),
            last_login_at=row.last_login_at.replace(tzinfo=dt.UTC) if row.last_login_at else None,
            groups=", ".join(g for g in (row.own_group, _sorted_names(row.children_groups)) if g),
        )
        for row in rows
    ]
    result.sort(key=lambda r: russian_sort_key(r.full_name))
    return result


def _sorted_names(joined: str | None) -> str:
    return ", ".join(sorted(set(filter(None, (joined or "").split(", ")))))


def manages_all(session: UserSession) -> bool:
    """Whether the person manages every account (the admin), not only the curated groups' (a curator)."""
    return Scope.ALL in allowed_scopes(session.user.roles, Action.ACCOUNTS_MANAGE)


def list_candidates(session: UserSession, *, group_id: int | None = None, search: str = "") -> list[Candidate]:
    """People without an account (for «Создать…»), with the role their account would likely have."""
    require(session.user.roles, Action.ACCOUNTS_MANAGE)
    p = m.Person
    is_student = select(m.StudyGroup.name).join(m.Student, m.Student.group_id == m.StudyGroup.id)
    student_group = is_student.where(m.Student.person_id == p.id).limit(1).scalar_subquery()
    child_group = (
        select(m.StudyGroup.name)
        .select_from(m.GuardianLink)
        .join(m.Student, m.Student.id == m.GuardianLink.student_id)
        .join(m.StudyGroup, m.StudyGroup.id == m.Student.group_id)
        .where(m.GuardianLink.guardian_id == p.id)
        .limit(1)
        .scalar_subquery()
    )
    query = select(
        p.id,
        p.last_name,
        p.first_name,
        p.middle_name,
        student_group.label("student_group"),
        child_group.label("child_group"),
    ).where(~exists(select(1).where(m.Account.person_id == p.id)))
    if not manages_all(session):
        query = query.where(p.id.in_(curated_person_ids(session.user.curated_group_ids or (-1,))))
    if group_id is not None:
        query = query.where(p.id.in_(curated_person_ids((group_id,))))
    for word in search_key(search).split():
        query = query.where(p.search_name.contains(word, autoescape=True))
    with session.engine.connect() as conn:
        rows = conn.execute(query).all()
    result = [
        Candidate(
            person_id=row.id,
            full_name=full_name(row.last_name, row.first_name, row.middle_name),
            role="student" if row.student_group else "parent" if row.child_group else None,
            group_name=row.student_group or row.child_group or "",
        )
        for row in rows
    ]
    result.sort(key=lambda c: russian_sort_key(c.full_name))
    return result


def account_id_by_login(session: UserSession, login: str) -> int:
    with session.engine.connect() as conn:
        found = conn.execute(select(m.Account.id).where(m.Account.login == login.strip())).scalar()
    if found is None:
        raise NotFound(f"Учётная запись «{login.strip()}» не найдена", field="login")
    return int(found)


def group_choices(session: UserSession) -> list[tuple[int, str]]:
    """The groups whose accounts this person manages, for the screen's filters: all, or the curated ones."""
    require(session.user.roles, Action.ACCOUNTS_MANAGE)
    with transaction(session) as conn:
        return list_groups(conn, None if manages_all(session) else list(session.user.curated_group_ids))
