"""What the journal services share: rights, names, periods (transactions: services.unit_of_work)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import Connection, select

from ejournal_desktop.domain.errors import NotFound, PermissionDenied
from ejournal_desktop.domain.names import short_name
from ejournal_desktop.domain.permissions import Action, Scope, allowed_scopes
from ejournal_desktop.services.auth import UserSession
from ejournal_desktop.services.journal_types import DEFAULT_EDIT_WINDOW_DAYS, PeriodInfo
from ejournal_desktop.store import models as m

# --- plumbing ---------------------------------------------------------------------------------


def person_short_name(last: str | None, first: str | None, middle: str | None = None) -> str | None:
    return short_name(last, first or "", middle) if last else None


def today_date() -> dt.date:
    return dt.date.today()


PERIOD_COLUMNS = (  # what `period_info` reads, for a select that also brings other columns
    m.Period.id,
    m.Period.academic_year,
    m.Period.number,
    m.Period.starts_on,
    m.Period.ends_on,
    m.Period.closed_at,
)


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


_REFUSALS = {  # action → (not this person's assignment, the period is closed)
    Action.JOURNAL_WRITE: (
        "Только просмотр: журнал ведёт другой преподаватель",
        "Период закрыт: исправления возможны после открытия периода заместителем директора по УПР",
    ),
    Action.KTP_WRITE: (
        "Только просмотр: КТП ведёт преподаватель этой дисциплины",
        "Период закрыт: КТП можно изменить после открытия периода заместителем директора по УПР",
    ),
    Action.FINAL_MARK_WRITE: (
        "Недостаточно прав: выставление итоговых оценок",
        "Период закрыт: итоговые оценки не изменяются",
    ),
}


def write_refusal(
    session: UserSession, teacher_id: int, period_closed: bool, action: Action = Action.JOURNAL_WRITE
) -> str | None:
    """Why this person may not write this assignment's journal (or its КТП, `action`), or None
    when they may."""
    not_theirs, closed = _REFUSALS[action]
    scopes = allowed_scopes(session.user.roles, action)
    own = Scope.OWN_ASSIGNMENTS in scopes and teacher_id == session.user.person_id
    if not (Scope.ALL in scopes or own):
        return not_theirs
    if period_closed:
        return closed
    return None


@dataclass(frozen=True, slots=True)
class AssignmentInfo:
    """A teaching assignment as the services check it: whose, which group, the control form, the period."""

    teacher_id: int
    group_id: int
    control_form: str
    period: PeriodInfo


def assignment_info(connection: Connection, assignment_id: int, *, missing: str = "Журнал не найден") -> AssignmentInfo:
    """The assignment's teacher, group, control form and period (NotFound with `missing` when gone)."""
    row = connection.execute(
        select(
            m.TeachingAssignment.teacher_id,
            m.TeachingAssignment.group_id,
            m.TeachingAssignment.control_form,
            *PERIOD_COLUMNS,
        )
        .join(m.Period, m.Period.id == m.TeachingAssignment.period_id)
        .where(m.TeachingAssignment.id == assignment_id)
    ).first()
    if row is None:
        raise NotFound(missing)
    return AssignmentInfo(row.teacher_id, row.group_id, row.control_form, period_info(row))


def assignment_for_write(
    session: UserSession,
    connection: Connection,
    assignment_id: int,
    action: Action = Action.JOURNAL_WRITE,
    *,
    missing: str = "Журнал не найден",
) -> AssignmentInfo:
    """`assignment_info` once this person may write the assignment for `action` (else PermissionDenied)."""
    info = assignment_info(connection, assignment_id, missing=missing)
    refusal = write_refusal(session, info.teacher_id, info.period.is_closed, action)
    if refusal:
        raise PermissionDenied(refusal)
    return info


def window_days(value: str | None) -> int:
    try:
        return max(0, int(value)) if value is not None else DEFAULT_EDIT_WINDOW_DAYS
    except ValueError:
        return DEFAULT_EDIT_WINDOW_DAYS
