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

from sqlalchemy import select, text, update

from ejournal_desktop.domain.errors import PermissionDenied, ValidationError
from ejournal_desktop.domain.permissions import Action, can, require
from ejournal_desktop.services import audit
from ejournal_desktop.services.auth import UserSession
from ejournal_desktop.services.journal_types import DEFAULT_EDIT_WINDOW_DAYS
from ejournal_desktop.services.unit_of_work import transaction
from ejournal_desktop.store import models as m

EDIT_WINDOW_KEY = "edit_window_days"
COLLEGE_NAME_KEY = "college_name"
MAX_EDIT_WINDOW_DAYS = 365


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
        old = conn.execute(select(m.AppSetting.value).where(m.AppSetting.key == key)).scalar()
        if old is None:
            conn.execute(m.AppSetting.__table__.insert().values(key=key, value=value))
            audit.record(conn, session, "app_setting", None, "INSERT", new={"key": key, "value": value})
        elif old != value:
            conn.execute(update(m.AppSetting).where(m.AppSetting.key == key).values(value=value))
            before, after = {"key": key, "value": old}, {"key": key, "value": value}
            audit.record(conn, session, "app_setting", None, "UPDATE", old=before, new=after)
