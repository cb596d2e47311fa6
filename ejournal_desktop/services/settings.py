"""Settings that matter to the whole college, kept in the database (app_setting), not on one PC.

Everyone reads them. Writing is settings.manage — the admin — with one deliberate exception:

The edit window («edit_window_days», default 7): how many days after a lesson a teacher may
correct a mark without giving a reason. Setting it is part of the deputy's control of the journals
(the same job as closing a period), so `set_edit_window_days` accepts settings.manage OR
period.close. That is the least surprising rule: the deputy gets this one key, not every setting,
and the matrix in domain/ stays as it is (a deputy has no settings.manage). On PostgreSQL the
deputy writes it through ej_set_edit_window_days() (SECURITY DEFINER, 08_settings.sql), since
row-level security lets only the admin write app_setting.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from sqlalchemy import Connection, select, text, update

from ejournal_desktop.domain.errors import PermissionDenied, ValidationError
from ejournal_desktop.domain.permissions import Action, can, require
from ejournal_desktop.services import audit
from ejournal_desktop.services.auth import UserSession
from ejournal_desktop.services.journal_types import DEFAULT_EDIT_WINDOW_DAYS
from ejournal_desktop.services.unit_of_work import transaction
from ejournal_desktop.store import models as m

EDIT_WINDOW_KEY = "edit_window_days"
COLLEGE_NAME_KEY = "college_name"
DIRECTOR_NAME_KEY = "director_name"
DEPUTY_NAME_KEY = "deputy_name"
BACKUP_REMINDER_KEY = "backup_reminder_days"
MAX_EDIT_WINDOW_DAYS = 365
DEFAULT_BACKUP_REMINDER_DAYS = 7
MAX_BACKUP_REMINDER_DAYS = 365
MAX_TEXT_SETTING = 300


def get_setting(session: UserSession, key: str, default: str | None = None) -> str | None:
    with session.engine.connect() as conn:
        value = conn.execute(select(m.AppSetting.value).where(m.AppSetting.key == key)).scalar()
    return default if value is None else str(value)


def set_setting(session: UserSession, key: str, value: str) -> None:
    """Any setting, by the admin (settings.manage)."""
    require(session.user.roles, Action.SETTINGS_MANAGE)
    if key == EDIT_WINDOW_KEY:
        set_edit_window_days(session, _parse_days(value))
        return
    _write(session, key, value)


def college_name(session: UserSession) -> str:
    return get_setting(session, COLLEGE_NAME_KEY, "") or ""


def edit_window_days(session: UserSession) -> int:
    """The edit window in days; the default when unset or unreadable (never an error at the grid)."""
    value = get_setting(session, EDIT_WINDOW_KEY)
    try:
        return max(0, int(value)) if value is not None else DEFAULT_EDIT_WINDOW_DAYS
    except ValueError:
        return DEFAULT_EDIT_WINDOW_DAYS


def can_set_edit_window(session: UserSession) -> bool:
    roles = session.user.roles
    return can(roles, Action.SETTINGS_MANAGE) or can(roles, Action.PERIOD_CLOSE)


def set_edit_window_days(session: UserSession, days: int) -> None:
    if not can_set_edit_window(session):
        raise PermissionDenied("Недостаточно прав: срок исправлений задаёт заместитель директора по УПР")
    days = _parse_days(days)
    if session.backend == "postgresql":
        has_function = text("SELECT to_regprocedure('ej_set_edit_window_days(integer)') IS NOT NULL")
        with transaction(session) as conn:
            if conn.execute(has_function).scalar():
                conn.execute(text("SELECT ej_set_edit_window_days(:days)"), {"days": days})
                return
    _write(session, EDIT_WINDOW_KEY, str(days))


def _parse_days(value: object) -> int:
    try:
        days = int(str(value).strip())
    except ValueError:
        raise ValidationError("Срок исправлений — целое число дней", field=EDIT_WINDOW_KEY) from None
    if not 0 <= days <= MAX_EDIT_WINDOW_DAYS:
        raise ValidationError(f"Срок исправлений — от 0 до {MAX_EDIT_WINDOW_DAYS} дней", field=EDIT_WINDOW_KEY)
    return days


def _write(session: UserSession, key: str, value: str) -> None:
    with transaction(session) as conn:
        _write_in(conn, session, key, value)


def _write_in(conn: Connection, session: UserSession, key: str, value: str) -> None:
    old = conn.execute(select(m.AppSetting.value).where(m.AppSetting.key == key)).scalar()
    if old is None:
        conn.execute(m.AppSetting.__table__.insert().values(key=key, value=value))
        audit.record(conn, session, "app_setting", None, "INSERT", new={"key": key, "value": value})
    elif old != value:
        conn.execute(update(m.AppSetting).where(m.AppSetting.key == key).values(value=value))
        before, after = {"key": key, "value": old}, {"key": key, "value": value}
        audit.record(conn, session, "app_setting", None, "UPDATE", old=before, new=after)


# -- the college-wide settings the admin edits in «Настройки» (typed, read in one query) ----------


@dataclass(frozen=True)
class CollegeSettings:
    """Printed on reports (college, director, deputy) and the admin's backup reminder."""

    college_name: str = ""
    director_name: str = ""  # «Директор ____ И. И. Иванов»
    deputy_name: str = ""  # «Зам. директора по УПР ____ …»
    backup_reminder_days: int = DEFAULT_BACKUP_REMINDER_DAYS


_COLLEGE_KEYS = {
    "college_name": COLLEGE_NAME_KEY,
    "director_name": DIRECTOR_NAME_KEY,
    "deputy_name": DEPUTY_NAME_KEY,
    "backup_reminder_days": BACKUP_REMINDER_KEY,
}
_COLLEGE_LABELS = {
    "college_name": "Название техникума",
    "director_name": "Директор",
    "deputy_name": "Заместитель директора по УПР",
}


def college_settings(session: UserSession) -> CollegeSettings:
    """Everyone reads them; a value unset or unreadable gives the default (never an error on a report)."""
    with session.engine.connect() as conn:
        rows = dict(
            conn.execute(
                select(m.AppSetting.key, m.AppSetting.value).where(m.AppSetting.key.in_(_COLLEGE_KEYS.values()))
            ).all()
        )
    try:
        days = int(rows.get(BACKUP_REMINDER_KEY, DEFAULT_BACKUP_REMINDER_DAYS))
    except ValueError:
        days = DEFAULT_BACKUP_REMINDER_DAYS
    return CollegeSettings(
        college_name=str(rows.get(COLLEGE_NAME_KEY, "") or ""),
        director_name=str(rows.get(DIRECTOR_NAME_KEY, "") or ""),
        deputy_name=str(rows.get(DEPUTY_NAME_KEY, "") or ""),
        backup_reminder_days=days,
    )


def can_manage(session: UserSession) -> bool:
    return can(session.user.roles, Action.SETTINGS_MANAGE)


def save_college_settings(session: UserSession, new: CollegeSettings) -> CollegeSettings:
    """Check every field, then write the changed ones in one transaction (the admin only)."""
    require(session.user.roles, Action.SETTINGS_MANAGE)
    cleaned = {}
    for field in fields(CollegeSettings):
        value = getattr(new, field.name)
        if field.name == "backup_reminder_days":
            cleaned[field.name] = str(_parse_reminder(value))
            continue
        text_value = " ".join(str(value or "").split())
        if len(text_value) > MAX_TEXT_SETTING:
            label = _COLLEGE_LABELS[field.name]
            raise ValidationError(f"{label}: не длиннее {MAX_TEXT_SETTING} знаков", field=_COLLEGE_KEYS[field.name])
        cleaned[field.name] = text_value
    with transaction(session) as conn:
        for name, value in cleaned.items():
            _write_in(conn, session, _COLLEGE_KEYS[name], value)
    return college_settings(session)


def _parse_reminder(value: object) -> int:
    try:
        days = int(str(value).strip())
    except ValueError:
        raise ValidationError("Напоминание о резервной копии — целое число дней", field=BACKUP_REMINDER_KEY) from None
    if not 1 <= days <= MAX_BACKUP_REMINDER_DAYS:
        raise ValidationError(
            f"Напоминание о резервной копии — от 1 до {MAX_BACKUP_REMINDER_DAYS} дней", field=BACKUP_REMINDER_KEY
        )
    return days
