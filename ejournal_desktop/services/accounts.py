"""Accounts: list, create (one person or a whole group), reset a password, lock, unlock, change own password.

One API over both backends (this module checks the permission matrix and runs the transaction; the
backend's half does the writing):

- SQLite (the embedded file): `accounts_embedded` — the account row holds a scrypt hash; the audit
  rows are written there (SQLite has no triggers).
- PostgreSQL (a server set up by `ejournal server init`): `accounts_server` — an account is a LOGIN
  role, created and changed by SECURITY DEFINER functions that check the permission rule again on
  the server; the client sends a SCRAM verifier, never the cleartext password.
- Reading (the list, people without an account, the filters' groups): `accounts_lists`, re-exported here.

Permission: accounts.manage — the admin for anyone; a curator (teacher, CURATED_GROUP scope) for the
students of the curated group(s) and their parents only.

Temporary passwords come from `generate_password` (no look-alike characters: they are read off paper)
and must be changed at the first login (must_change_password).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, exists, select

from ejournal_desktop.domain.errors import DomainError, NotFound, ValidationError
from ejournal_desktop.domain.names import full_name, russian_sort_key, translit
from ejournal_desktop.domain.permissions import Action, Scope, require
from ejournal_desktop.domain.roles import Role, parse_role
from ejournal_desktop.services import accounts_embedded as embedded
from ejournal_desktop.services import accounts_server as server
from ejournal_desktop.services.accounts_lists import (
    AccountRow,
    Candidate,
    account_id_by_login,
    curated_person_ids,
    group_choices,
    list_accounts,
    list_candidates,
)
from ejournal_desktop.services.auth import UserSession
from ejournal_desktop.services.passwords import generate_password
from ejournal_desktop.services.unit_of_work import transaction
from ejournal_desktop.store import models as m
from ejournal_desktop.store.server.server_init import LOGIN_PATTERN, RESERVED_LOGINS

__all__ = [
    "MIN_PASSWORD_LENGTH",
    "AccountRow",
    "Candidate",
    "IssuedCredential",
    "account_id_by_login",
    "bulk_create_for_group",
    "change_own_password",
    "check_login",
    "check_new_password",
    "create_account",
    "group_choices",
    "issued_from_row",
    "list_accounts",
    "list_candidates",
    "lock",
    "reset_password",
    "save_slips",
    "suggest_login",
    "unlock",
    "where_to_log_in",
]

Progress = Callable[[str, float], None]

MIN_PASSWORD_LENGTH = 8
ACTIVE_STUDENT_STATUSES = ("studying", "academic_leave")  # the expelled and graduated get no new logins
LOGIN_RULE = "только строчные латинские буквы, цифры и «_», от 2 до 63 знаков, первая — буква"


@dataclass(frozen=True)
class IssuedCredential:
    """What goes on a credential slip: shown once, printed, never stored in cleartext."""

    person_name: str
    login: str
    password: str
    role: str
    group_name: str = ""
    children: str = ""  # for a parent: whose parent, so the slip finds the right hands
    account_id: int | None = None

    @property
    def role_ru(self) -> str:
        return Role(self.role).label


# -- rules ---------------------------------------------------------------------------------------


def check_login(login: str) -> str:
    """The rule of ej_check_login() on the server, said here first and naming the field."""
    login = (login or "").strip()
    if not LOGIN_PATTERN.fullmatch(login):
        raise ValidationError(f"Недопустимый логин: {LOGIN_RULE}", field="login")
    if login.startswith(("ej_", "pg_")) or login in RESERVED_LOGINS:
        raise ValidationError(f"Логин «{login}» зарезервирован сервером, выберите другой", field="login")
    return login


def check_new_password(password: str, login: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValidationError(
            f"Новый пароль слишком короткий: нужно не меньше {MIN_PASSWORD_LENGTH} знаков", field="new_password"
        )
    if password.strip().casefold() == login.strip().casefold():
        raise ValidationError("Новый пароль не должен совпадать с логином", field="new_password")
    if password != password.strip():
        raise ValidationError("Пароль не должен начинаться или заканчиваться пробелом", field="new_password")


def _parse_role(role: str) -> str:
    try:
        return parse_role(role).value
    except ValidationError as exc:
        raise ValidationError(exc.message, field="role") from None


def suggest_login(last: str, first: str, middle: str | None, taken: set[str]) -> str:
    """ivanov_ii, ivanov_ii2 …: the surname transliterated, then the initials; free in `taken`."""
    initials = "".join(translit(part)[:1] for part in (first, middle or "") if part)
    stem = f"{translit(last)[:50]}_{initials}".strip("_") or "user"
    if not stem[0].isalpha() or stem.startswith(("ej_", "pg_")) or len(stem) < 2 or stem in RESERVED_LOGINS:
        stem = "u" + stem  # a role name: a letter first, never a reserved prefix
    login, n = stem, 1
    while login in taken:
        n += 1
        login = f"{stem}{n}"
    return login


# -- plumbing ------------------------------------------------------------------------------------


def _is_server(conn: Connection) -> bool:
    return conn.dialect.name == "postgresql"


def _scope_for(conn: Connection, session: UserSession, person_id: int, role: str) -> Scope:
    """CURATED_GROUP when the person is a student/parent of a group the user curates; ALL otherwise."""
    curated = session.user.curated_group_ids
    if curated and role in (Role.STUDENT, Role.PARENT):
        reach = curated_person_ids(curated).subquery()
        if conn.execute(select(reach.c.person_id).where(reach.c.person_id == person_id)).first():
            return Scope.CURATED_GROUP
    return Scope.ALL


def _require_manage(conn: Connection, session: UserSession, person_id: int, role: str) -> None:
    require(session.user.roles, Action.ACCOUNTS_MANAGE, _scope_for(conn, session, person_id, role))


def _taken_logins(conn: Connection) -> set[str]:
    """Logins in use: the accounts here and, on a server, every role of the cluster (roles are global)."""
    taken = set(conn.execute(select(m.Account.login)).scalars())
    if _is_server(conn):
        taken.update(server.role_names(conn))
    return taken | RESERVED_LOGINS


def _account_values(conn: Connection, account_id: int) -> dict[str, Any]:
    a = m.Account
    row = conn.execute(
        select(a.id, a.person_id, a.login, a.role, a.is_active, a.must_change_password).where(a.id == account_id)
    ).first()
    if row is None:
        raise NotFound("Учётная запись не найдена: возможно, её удалили")
    return dict(row._mapping)


# -- creating ------------------------------------------------------------------------------------


@dataclass
class _Person:
    id: int
    last: str
    first: str
    middle: str | None
    group_name: str = ""
    children: str = ""

    @property
    def name(self) -> str:
        return full_name(self.last, self.first, self.middle)


def create_account(session: UserSession, person_id: int, role: str, login: str | None = None) -> IssuedCredential:
    """An account for one person, with a temporary password that must be changed at the first login.

    The login is generated from the transliterated name when not given. Returns the credentials
    (login and temporary password, with the name and group for the slip).
    """
    require(session.user.roles, Action.ACCOUNTS_MANAGE)  # no right at all: say so before any look-up
    role = _parse_role(role)
    login = check_login(login) if login is not None and login.strip() else None
    with transaction(session) as conn:
        person = _load_person(conn, person_id)
        _require_manage(conn, session, person_id, role)
        _check_role_fits(conn, person, role)
        if conn.execute(select(m.Account.id).where(m.Account.person_id == person_id)).first():
            raise ValidationError(f"У человека «{person.name}» уже есть учётная запись")
        taken = _taken_logins(conn)
        if login is None:
            login = suggest_login(person.last, person.first, person.middle, taken)
        elif login in taken:
            raise ValidationError(f"Логин «{login}» уже занят", field="login")
        return _create(conn, session, person, role, login)


def bulk_create_for_group(
    session: UserSession, group_id: int, *, include_parents: bool = True, progress: Progress | None = None
) -> list[IssuedCredential]:
    """Accounts for everyone of the group who has none: its students and (by default) their parents.

    One transaction: all accounts are created, or — on any refusal — none. Students first, then the
    parents, each list in Russian alphabetical order (the order the slips are printed in).
    """
    with transaction(session) as conn:
        group = conn.execute(select(m.StudyGroup.name).where(m.StudyGroup.id == group_id)).scalar()
        if group is None:
            raise NotFound("Группа не найдена: возможно, её удалили")
        scope = Scope.CURATED_GROUP if group_id in session.user.curated_group_ids else Scope.ALL
        require(session.user.roles, Action.ACCOUNTS_MANAGE, scope)
        people = _group_people_without_account(conn, group_id, str(group), include_parents)
        taken = _taken_logins(conn)
        issued: list[IssuedCredential] = []
        for index, (person, role) in enumerate(people):
            if progress:
                progress(f"{person.name} ({index + 1} из {len(people)})", index / max(len(people), 1))
            login = suggest_login(person.last, person.first, person.middle, taken)
            taken.add(login)
            issued.append(_create(conn, session, person, role, login))
        if progress:
            progress("Готово", 1.0)
        return issued


def _group_people_without_account(
    conn: Connection, group_id: int, group_name: str, include_parents: bool
) -> list[tuple[_Person, str]]:
    p = m.Person
    no_account = ~exists(select(1).where(m.Account.person_id == p.id))
    students = conn.execute(
        select(p.id, p.last_name, p.first_name, p.middle_name)
        .join(m.Student, m.Student.person_id == p.id)
        .where(m.Student.group_id == group_id, m.Student.status.in_(ACTIVE_STUDENT_STATUSES), no_account)
    ).all()
    result = [(_Person(r.id, r.last_name, r.first_name, r.middle_name, group_name), "student") for r in students]
    result.sort(key=lambda item: russian_sort_key(item[0].name))
    if not include_parents:
        return result
    child = m.Person.__table__.alias("child")
    rows = conn.execute(
        select(p.id, p.last_name, p.first_name, p.middle_name, child.c.last_name, child.c.first_name)
        .select_from(m.GuardianLink)
        .join(p, p.id == m.GuardianLink.guardian_id)
        .join(m.Student, m.Student.id == m.GuardianLink.student_id)
        .join(child, child.c.id == m.Student.person_id)
        .where(m.Student.group_id == group_id, m.Student.status.in_(ACTIVE_STUDENT_STATUSES), no_account)
    ).all()
    parents: dict[int, _Person] = {}
    for r in rows:
        parent = parents.setdefault(r[0], _Person(r[0], r[1], r[2], r[3], group_name))
        kid = f"{r[4]} {r[5]}"
        parent.children = ", ".join(sorted({*filter(None, parent.children.split(", ")), kid}))
    result.extend((parent, "parent") for parent in sorted(parents.values(), key=lambda x: russian_sort_key(x.name)))
    return result


def _load_person(conn: Connection, person_id: int) -> _Person:
    row = conn.execute(
        select(m.Person.last_name, m.Person.first_name, m.Person.middle_name).where(m.Person.id == person_id)
    ).first()
    if row is None:
        raise NotFound("Человек не найден: возможно, его удалили")
    person = _Person(person_id, row.last_name, row.first_name, row.middle_name)
    group = conn.execute(
        select(m.StudyGroup.name)
        .join(m.Student, m.Student.group_id == m.StudyGroup.id)
        .where(m.Student.person_id == person_id)
        .limit(1)
    ).scalar()
    children = conn.execute(
        select(m.Person.last_name, m.Person.first_name, m.StudyGroup.name)
        .select_from(m.GuardianLink)
        .join(m.Student, m.Student.id == m.GuardianLink.student_id)
        .join(m.Person, m.Person.id == m.Student.person_id)
        .join(m.StudyGroup, m.StudyGroup.id == m.Student.group_id)
        .where(m.GuardianLink.guardian_id == person_id)
    ).all()
    person.group_name = group or ", ".join(sorted({c[2] for c in children}))
    person.children = ", ".join(sorted(f"{c[0]} {c[1]}" for c in children))
    return person


def _check_role_fits(conn: Connection, person: _Person, role: str) -> None:
    """A student's login for a student, a parent's for a guardian: a slip in the wrong hands is a leak."""
    if role == Role.STUDENT and not conn.execute(select(m.Student.id).where(m.Student.person_id == person.id)).first():
        raise ValidationError(f"«{person.name}» не числится обучающимся: роль «Обучающийся» не подходит", field="role")
    if (
        role == Role.PARENT
        and not conn.execute(select(m.GuardianLink.id).where(m.GuardianLink.guardian_id == person.id)).first()
    ):
        raise ValidationError(
            f"«{person.name}» не указан(а) родителем обучающегося: роль «Родитель» не подходит", field="role"
        )


def _create(conn: Connection, session: UserSession, person: _Person, role: str, login: str) -> IssuedCredential:
    password = generate_password()
    if _is_server(conn):
        account_id = server.create_login(conn, login, role, password, person.id)
    else:
        account_id = embedded.create_account_row(conn, session, person.id, role, login, password)
    return IssuedCredential(
        person_name=person.name,
        login=login,
        password=password,
        role=role,
        group_name=person.group_name,
        children=person.children if role == Role.PARENT else "",
        account_id=account_id,
    )


# -- changing ------------------------------------------------------------------------------------


def reset_password(session: UserSession, account_id: int) -> IssuedCredential:
    """A new temporary password (to be changed at the next login); the old one stops working."""
    require(session.user.roles, Action.ACCOUNTS_MANAGE)
    password = generate_password()
    with transaction(session) as conn:
        before = _account_values(conn, account_id)
        _require_manage(conn, session, before["person_id"], before["role"])
        person = _load_person(conn, before["person_id"])
        if _is_server(conn):
            server.set_password(conn, before["login"], password)
        else:
            embedded.set_password(conn, session, account_id, before, password)
    return IssuedCredential(
        person_name=person.name,
        login=before["login"],
        password=password,
        role=before["role"],
        group_name=person.group_name,
        children=person.children if before["role"] == Role.PARENT else "",
        account_id=account_id,
    )


def lock(session: UserSession, account_id: int) -> None:
    """Nobody logs in with this account any more; on a server its open sessions lose all rows at once."""
    _set_active(session, account_id, False)


def unlock(session: UserSession, account_id: int) -> None:
    _set_active(session, account_id, True)


def _set_active(session: UserSession, account_id: int, active: bool) -> None:
    require(session.user.roles, Action.ACCOUNTS_MANAGE)
    with transaction(session) as conn:
        before = _account_values(conn, account_id)
        _require_manage(conn, session, before["person_id"], before["role"])
        if not active and account_id == session.user.account_id:
            raise ValidationError("Нельзя заблокировать собственную учётную запись")
        if _is_server(conn):
            server.set_active(conn, before["login"], active)
        else:
            embedded.set_active(conn, session, account_id, before, active)


def change_own_password(session: UserSession, old_password: str, new_password: str) -> None:
    """The person changes their own password; the current one is checked first.

    On a server the check is a fresh connection with the old password (the server verifies it),
    then ej_change_own_password() stores the new verifier; the session's engine is replaced by one
    with the new password, so the connections it opens next still authenticate.
    """
    login = session.user.login
    if not old_password:
        raise ValidationError("Введите текущий пароль", field="old_password")
    check_new_password(new_password, login)
    if new_password == old_password:
        raise ValidationError("Новый пароль совпадает с текущим: придумайте другой", field="new_password")
    if session.backend == "postgresql":
        server.change_own_password(session, old_password, new_password)
    else:
        embedded.change_own_password(session, old_password, new_password)
    session.user = dataclasses.replace(session.user, must_change_password=False)


def issued_from_row(row: AccountRow, password: str) -> IssuedCredential:
    """A slip for an account row and a password just set (the screen's «Печать листка»)."""
    return IssuedCredential(
        person_name=row.full_name, login=row.login, password=password, role=row.role, group_name=row.groups
    )


# -- credential slips ----------------------------------------------------------------------------


def where_to_log_in(session: UserSession) -> str:
    """The line «Где войти» of a slip: the program and the server (or this PC's file) of the session."""
    profile = session.profile
    if profile.is_server:
        return f"программа ЭЖ, {profile.describe()}"
    return "программа ЭЖ на компьютере техникума (встроенная база)"


def save_slips(session: UserSession, credentials: Sequence[IssuedCredential], path: str | Path) -> Path:
    """The credential slips PDF of these credentials, headed with the college's name when it is set."""
    from ejournal_desktop.reports.credential_slips import build_slips, render_pdf
    from ejournal_desktop.services.settings import college_name

    if not credentials:
        raise ValidationError("Нет учётных записей для печати листков")
    slips = build_slips(credentials, where=where_to_log_in(session), college_name=college_name(session))
    try:
        return render_pdf(slips, path)
    except OSError as exc:
        raise DomainError(f"Файл не сохранён: {exc.strerror or exc}") from exc
