"""Closing and reopening a period: the deputy's `period.close`.

A closed period freezes its journals (domain.permissions.PERIOD_LOCKED_ACTIONS): marks, absences,
lessons, the КТП and final marks become read-only for everyone, and a curator's справка can no
longer change an absence in it. Reopening lets corrections in again. Both are audited: on
PostgreSQL by the server's trigger on `period` (the deputy may update only closed_at/closed_by,
07_grants.sql), on SQLite by `audit.record` in the same transaction.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select, update

from ejournal_desktop.domain.errors import NotFound, ValidationError
from ejournal_desktop.domain.permissions import Action, can, require
from ejournal_desktop.services import audit
from ejournal_desktop.services.auth import UserSession
from ejournal_desktop.services.journal_access import period_info
from ejournal_desktop.services.journal_types import PeriodInfo
from ejournal_desktop.services.unit_of_work import transaction
from ejournal_desktop.store import models as m


def _set_closed(session: UserSession, period_id: int, close: bool) -> PeriodInfo:
    require(session.user.roles, Action.PERIOD_CLOSE)
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
    with transaction(session) as conn:
        row = conn.execute(select(m.Period.__table__).where(m.Period.id == period_id)).first()
        if row is None:
            raise NotFound("Период не найден")
        period = row
        info = period_info(period)
        if close and info.is_closed:
            raise ValidationError(f"Период «{info.label}» уже закрыт")
        if not close and not info.is_closed:
            raise ValidationError(f"Период «{info.label}» не закрыт")
        values = {"closed_at": now if close else None, "closed_by": session.user.person_id if close else None}
        conn.execute(update(m.Period).where(m.Period.id == period_id).values(**values))
        audit.record(
            conn,
            session,
            "period",
            period_id,
            "UPDATE",
            old={"closed_at": period.closed_at, "closed_by": period.closed_by},
            new=values,
        )
    return PeriodInfo(info.id, info.academic_year, info.number, info.starts_on, info.ends_on, is_closed=close)


def close_period(session: UserSession, period_id: int) -> PeriodInfo:
    """Close the period: its journals become read-only."""
    return _set_closed(session, period_id, True)


def reopen_period(session: UserSession, period_id: int) -> PeriodInfo:
    """Open a closed period again for corrections."""
    return _set_closed(session, period_id, False)


def may_close_periods(session: UserSession) -> bool:
    return can(session.user.roles, Action.PERIOD_CLOSE)
