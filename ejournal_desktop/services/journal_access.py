"""The plumbing the journal services share: one transaction, lost connections, rights, names."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import (
    Connection,
)
from sqlalchemy.exc import DBAPIError, IntegrityError

from ejournal_desktop.domain.errors import DomainError, PermissionDenied, ValidationError
from ejournal_desktop.domain.names import short_name
from ejournal_desktop.domain.permissions import Action, Scope, allowed_scopes
from ejournal_desktop.services.auth import UserSession
from ejournal_desktop.services.journal_types import DEFAULT_EDIT_WINDOW_DAYS, ConnectionLost, PeriodInfo
from ejournal_desktop.store import models as m

# --- plumbing ---------------------------------------------------------------------------------


@contextmanager
def journal_transaction(session: UserSession, *, write: bool = False) -> Iterator[Connection]:
    """One transaction; a lost connection becomes ConnectionLost, a broken constraint a Russian message."""
    try:
        with session.engine.begin() as connection:
            yield connection
    except DomainError:
        raise
    except IntegrityError as exc:
        detail = str(exc.orig).splitlines()[0] if exc.orig else ""
        if "Пропуск больше часов занятия" in detail:
            raise ValidationError("Пропуск больше часов занятия") from exc
        raise ValidationError(f"Запись не сохранена: данные не прошли проверку базы ({detail})") from exc
    except DBAPIError as exc:
        if exc.connection_invalidated or looks_like_lost_connection(exc):
            raise ConnectionLost("Нет связи с базой данных: изменения будут отправлены, когда связь появится") from exc
        message = str(exc.orig).splitlines()[0] if exc.orig else str(exc)
        if "permission denied" in message or "row-level security" in message:
            raise PermissionDenied("Сервер отказал в доступе: недостаточно прав") from exc
        raise


def looks_like_lost_connection(exc: DBAPIError) -> bool:
    text_ = str(exc.orig or exc).lower()
    return any(
        marker in text_
        for marker in (
            "server closed the connection",
            "connection refused",
            "terminating connection",
            "timeout",
            "could not connect",
            "the connection is closed",
            "connection failed",
            "consuming input failed",
        )
    )


def person_short_name(last: str | None, first: str | None, middle: str | None = None) -> str | None:
    return short_name(last, first or "", middle) if last else None


def today_date() -> dt.date:
    return dt.date.today()


def period_info(row: m.Period | object) -> PeriodInfo:
    return PeriodInfo(
        id=row.id,  # type: ignore[attr-defined]
        academic_year=row.academic_year,  # type: ignore[attr-defined]
        number=row.number,  # type: ignore[attr-defined]
        starts_on=row.starts_on,  # type: ignore[attr-defined]
        ends_on=row.ends_on,  # type: ignore[attr-defined]
        is_closed=row.closed_at is not None,  # type: ignore[attr-defined]
    )


def read_allowed(session: UserSession, teacher_id: int, group_id: int) -> bool:
    scopes = allowed_scopes(session.user.roles, Action.JOURNAL_READ)
    if Scope.ALL in scopes:
        return True
    if Scope.OWN_ASSIGNMENTS in scopes and teacher_id == session.user.person_id:
        return True
    return Scope.CURATED_GROUP in scopes and group_id in session.user.curated_group_ids


def write_refusal(session: UserSession, teacher_id: int, period_closed: bool) -> str | None:
    """Why this person may not write this journal, or None when they may."""
    scopes = allowed_scopes(session.user.roles, Action.JOURNAL_WRITE)
    own = Scope.OWN_ASSIGNMENTS in scopes and teacher_id == session.user.person_id
    if not (Scope.ALL in scopes or own):
        return "Только просмотр: журнал ведёт другой преподаватель"
    if period_closed:
        return "Период закрыт: исправления возможны после открытия периода заместителем директора по УПР"
    return None


def window_days(value: str | None) -> int:
    try:
        return max(0, int(value)) if value is not None else DEFAULT_EDIT_WINDOW_DAYS
    except ValueError:
        return DEFAULT_EDIT_WINDOW_DAYS
