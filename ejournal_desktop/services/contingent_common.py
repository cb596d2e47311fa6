"""Shared plumbing of the contingent services: transactions, permission checks, field checks.

Every public call of contingent, movements, load, consents and the import gets the acting
`UserSession`, checks the permission matrix, runs in one transaction and turns a broken database
constraint into a Russian `ValidationError`.
"""

from __future__ import annotations

import datetime as dt
import re

from sqlalchemy import Connection, select

from ejournal_desktop.domain.calendar import parse_date
from ejournal_desktop.domain.errors import PermissionDenied, ValidationError
from ejournal_desktop.domain.names import search_key
from ejournal_desktop.domain.permissions import Action, Scope, allowed_scopes, require
from ejournal_desktop.services.auth import UserSession
from ejournal_desktop.services.unit_of_work import transaction as connection  # noqa: F401 (the services' name)
from ejournal_desktop.store import models as m

_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_PHONE_CHARS = re.compile(r"[\d\s()+\-]+")


def require_action(session: UserSession, action: Action, scope: Scope | None = None) -> None:
    require(session.user.roles, action, scope)


def has_all(session: UserSession, action: Action) -> bool:
    return Scope.ALL in allowed_scopes(session.user.roles, action)


def readable_group_ids(session: UserSession, conn: Connection) -> set[int] | None:
    """Groups whose contingent the person may read; None means every group."""
    scopes = allowed_scopes(session.user.roles, Action.CONTINGENT_READ)
    if Scope.ALL in scopes:
        return None
    if not scopes:
        raise PermissionDenied(f"Недостаточно прав: {Action.CONTINGENT_READ.label}")
    groups: set[int] = set()
    if Scope.CURATED_GROUP in scopes:
        groups.update(session.user.curated_group_ids)
    if Scope.OWN_GROUPS in scopes:
        own = select(m.TeachingAssignment.group_id).where(m.TeachingAssignment.teacher_id == session.user.person_id)
        groups.update(conn.execute(own.distinct()).scalars())
    if Scope.SELF in scopes:
        mine = select(m.Student.group_id).where(m.Student.person_id == session.user.person_id)
        groups.update(conn.execute(mine).scalars())
    if Scope.CHILDREN in scopes:
        children = (
            select(m.Student.group_id)
            .join(m.GuardianLink, m.GuardianLink.student_id == m.Student.id)
            .where(m.GuardianLink.guardian_id == session.user.person_id)
        )
        groups.update(conn.execute(children).scalars())
    return groups


# -- field checks -------------------------------------------------------------------------------


def clean(value: object) -> str:
    """A cell or form value as stripped text; None and empty cells become ""."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def optional(value: object) -> str | None:
    text = clean(value)
    return text or None


def required(value: object, field_ru: str, field: str, max_length: int = 100) -> str:
    text = clean(value)
    if not text:
        raise ValidationError(f"Не заполнено поле «{field_ru}»", field=field)
    if len(text) > max_length:
        raise ValidationError(f"Поле «{field_ru}» длиннее {max_length} символов", field=field)
    return text


def to_date(value: object, field_ru: str, field: str) -> dt.date | None:
    """A date from a date/datetime, дд.мм.гггг text or nothing; a bad one names the field."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return parse_date(str(value))
    except ValidationError as exc:
        raise ValidationError(f"{field_ru}: {exc.message}", field=field) from None


def check_birth_date(value: dt.date | None, field_ru: str = "Дата рождения") -> None:
    if value is None:
        return
    today = dt.date.today()
    if value > today or value.year < 1900:
        raise ValidationError(f"{field_ru}: дата {value:%d.%m.%Y} невозможна", field="birth_date")


def check_phone(value: str | None, field_ru: str = "Телефон") -> str | None:
    if not value:
        return None
    if not _PHONE_CHARS.fullmatch(value) or sum(ch.isdigit() for ch in value) < 5:
        raise ValidationError(f"{field_ru}: «{value}» не похож на номер телефона", field="phone")
    return value


def is_email(value: str | None) -> bool:
    """Looks like an e-mail address (name@domain.tld): the one test for contingent data and mail."""
    return bool(value) and _EMAIL.fullmatch(value or "") is not None


def check_email(value: str | None) -> str | None:
    if not value:
        return None
    if not is_email(value):
        raise ValidationError(f"E-mail: «{value}» не похож на адрес электронной почты", field="email")
    return value


def person_search_name(last: str, first: str, middle: str | None) -> str:
    """The value person.search_name must hold: every write of a name goes through here."""
    return search_key(" ".join(p for p in (last, first, middle or "") if p))
