"""Accounts: list, create (one person or a whole group), reset a password, lock, unlock, change own password.

One API over both backends:

- SQLite (the embedded file): the account row holds a scrypt hash (`services.passwords`); this module
  writes it, and writes the audit rows itself (SQLite has no triggers).
- PostgreSQL (a server set up by `ejournal server init`): an account is a LOGIN role. The SECURITY
  DEFINER functions ej_create_login / ej_set_password / ej_lock_login / ej_unlock_login /
  ej_change_own_password create and change it and check the permission rule again on the server.
  The client sends a SCRAM-SHA-256 verifier computed here by libpq — never the cleartext password, so
  it cannot appear in the server's log or in an error's CONTEXT line.

Permission: accounts.manage — the admin for anyone; a curator (teacher, CURATED_GROUP scope) for the
students of the curated group(s) and their parents only.

Temporary passwords come from `generate_password` (no look-alike characters: they are read off paper)
and must be changed at the first login (must_change_password).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, exists, func, or_, select, text, union, update
from sqlalchemy.exc import OperationalError

from ejournal_desktop.domain.errors import DomainError, NotFound, ValidationError
from ejournal_desktop.domain.names import full_name, russian_sort_key, search_key, translit
from ejournal_desktop.domain.permissions import Action, Scope, require
from ejournal_desktop.domain.roles import Role, parse_role
from ejournal_desktop.services import audit
from ejournal_desktop.services.auth import UserSession
from ejournal_desktop.services.passwords import generate_password, hash_password, verify_password
from ejournal_desktop.services.unit_of_work import transaction
from ejournal_desktop.store import models as m
from ejournal_desktop.store.engine import make_engine
from ejournal_desktop.store.server.server_init import LOGIN_PATTERN, RESERVED_LOGINS, scram_verifier

Progress = Callable[[str, float], None]

MIN_PASSWORD_LENGTH = 8
ACTIVE_STUDENT_STATUSES = ("studying", "academic_leave")  # the expelled and graduated get no new logins
LOGIN_RULE = "только строчные латинские буквы, цифры и «_», от 2 до 63 знаков, первая — буква"
_SERVER_NOT_SET_UP = (
    "База на сервере не настроена командой «ejournal server init»: учётные записи сервера "
    "создаются только на настроенном сервере"
)


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


def _require_server_functions(conn: Connection) -> None:
    present = conn.execute(text("SELECT to_regprocedure('ej_create_login(text, text, text, integer)') IS NOT NULL"))
    if not present.scalar():
        raise DomainError(_SERVER_NOT_SET_UP)


def _curated_person_ids(group_ids: Sequence[int]) -> Any:
    """Students of the groups and their guardians — a curator's reach, as on the server."""
    students = select(m.Student.person_id).where(m.Student.group_id.in_(group_ids))
    guardians = (
        select(m.GuardianLink.guardian_id)
        .join(m.Student, m.Student.id == m.GuardianLink.student_id)
        .where(m.Student.group_id.in_(group_ids))
    )
    return union(students, guardians)


def _scope_for(conn: Connection, session: UserSession, person_id: int, role: str) -> Scope:
    """CURATED_GROUP when the person is a student/parent of a group the user curates; ALL otherwise."""
    curated = session.user.curated_group_ids
    if curated and role in (Role.STUDENT, Role.PARENT):
        reach = _curated_person_ids(curated).subquery()
        if conn.execute(select(reach.c.person_id).where(reach.c.person_id == person_id)).first():
            return Scope.CURATED_GROUP
    return Scope.ALL


def _require_manage(conn: Connection, session: UserSession, person_id: int, role: str) -> None:
    require(session.user.roles, Action.ACCOUNTS_MANAGE, _scope_for(conn, session, person_id, role))


def _taken_logins(conn: Connection) -> set[str]:
    """Logins in use: the accounts here and, on a server, every role of the cluster (roles are global)."""
    taken = set(conn.execute(select(m.Account.login)).scalars())
    if _is_server(conn):
        taken.update(conn.execute(text("SELECT rolname FROM pg_roles")).scalars())
    return taken | RESERVED_LOGINS


def _account_values(conn: Connection, account_id: int) -> dict[str, Any]:
    a = m.Account
    row = conn.execute(
        select(a.id, a.person_id, a.login, a.role, a.is_active, a.must_change_password).where(a.id == account_id)
    ).first()
    if row is None:
        raise NotFound("Учётная запись не найдена: возможно, её удалили")
    return dict(row._mapping)


# -- reading -------------------------------------------------------------------------------------


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
    if not _manages_all(session):
        query = query.where(p.id.in_(_curated_person_ids(session.user.curated_group_ids or (-1,))))
    if group_id is not None:
        query = query.where(p.id.in_(_curated_person_ids((group_id,))))
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


def _manages_all(session: UserSession) -> bool:
    from ejournal_desktop.domain.permissions import allowed_scopes

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
    if not _manages_all(session):
        query = query.where(p.id.in_(_curated_person_ids(session.user.curated_group_ids or (-1,))))
    if group_id is not None:
        query = query.where(p.id.in_(_curated_person_ids((group_id,))))
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
        _require_server_functions(conn)
        verifier = scram_verifier(password, conn, login)
        account_id = conn.execute(
            text("SELECT ej_create_login(:login, :role, :verifier, :person)"),
            {"login": login, "role": role, "verifier": verifier, "person": person.id},
        ).scalar()
    else:
        values = {
            "person_id": person.id,
            "login": login,
            "role": role,
            "is_active": True,
            "must_change_password": True,
            "failed_logins": 0,
        }
        account_id = conn.execute(
            m.Account.__table__.insert().values(**values, password_hash=hash_password(password)).returning(m.Account.id)
        ).scalar_one()
        audit.record(conn, session, "account", account_id, "INSERT", new={"id": account_id, **values})
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
            _require_server_functions(conn)
            verifier = scram_verifier(password, conn, before["login"])
            conn.execute(
                text("SELECT ej_set_password(:login, :verifier)"), {"login": before["login"], "verifier": verifier}
            )
        else:
            conn.execute(
                update(m.Account)
                .where(m.Account.id == account_id)
                .values(password_hash=hash_password(password), must_change_password=True, failed_logins=0)
            )
            audit.record(
                conn, session, "account", account_id, "UPDATE", old=before, new={**before, "must_change_password": True}
            )
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
            _require_server_functions(conn)
            function = "ej_unlock_login" if active else "ej_lock_login"
            conn.execute(text(f"SELECT {function}(:login)"), {"login": before["login"]})
            return
        if before["is_active"] == active:
            return
        conn.execute(update(m.Account).where(m.Account.id == account_id).values(is_active=active, failed_logins=0))
        audit.record(conn, session, "account", account_id, "UPDATE", old=before, new={**before, "is_active": active})


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
        _change_on_server(session, old_password, new_password)
    else:
        with transaction(session) as conn:
            stored = conn.execute(
                select(m.Account.password_hash).where(m.Account.id == session.user.account_id)
            ).scalar()
            if not verify_password(old_password, stored):
                raise ValidationError("Текущий пароль введён неверно", field="old_password")
            conn.execute(
                update(m.Account)
                .where(m.Account.id == session.user.account_id)
                .values(password_hash=hash_password(new_password), must_change_password=False)
            )
            audit.record(
                conn,
                session,
                "account",
                session.user.account_id,
                "UPDATE",
                old={"must_change_password": session.user.must_change_password},
                new={"must_change_password": False, "password": "изменён владельцем"},
            )
    session.user = dataclasses.replace(session.user, must_change_password=False)


def _change_on_server(session: UserSession, old_password: str, new_password: str) -> None:
    url = session.engine.url
    probe = make_engine(url.set(password=old_password))
    try:
        with probe.connect() as conn:
            conn.execute(text("SELECT 1"))
    except OperationalError as exc:
        if "password authentication failed" in str(exc.orig or exc):
            raise ValidationError("Текущий пароль введён неверно", field="old_password") from exc
        raise DomainError("Не удалось проверить текущий пароль: нет связи с сервером") from exc
    finally:
        probe.dispose()
    with transaction(session) as conn:
        _require_server_functions(conn)
        verifier = scram_verifier(new_password, conn, session.user.login)
        conn.execute(text("SELECT ej_change_own_password(:verifier)"), {"verifier": verifier})
    old_engine = session.engine
    session.engine = make_engine(url.set(password=new_password))
    old_engine.dispose()


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


def group_choices(session: UserSession) -> list[tuple[int, str]]:
    """The groups whose accounts this person manages, for the screen's filters: all, or the curated ones."""
    require(session.user.roles, Action.ACCOUNTS_MANAGE)
    query = select(m.StudyGroup.id, m.StudyGroup.name).where(m.StudyGroup.is_archived.is_(False))
    if not _manages_all(session):
        query = query.where(m.StudyGroup.id.in_(session.user.curated_group_ids or (-1,)))
    with session.engine.connect() as conn:
        rows = conn.execute(query).all()
    return sorted(((row.id, row.name) for row in rows), key=lambda item: russian_sort_key(item[1]))
