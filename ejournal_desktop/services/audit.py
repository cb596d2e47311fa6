"""The audit log: who changed what and when — reading it, and writing it where no trigger does.

On PostgreSQL the server's triggers write every row (with `session_user`, which no client can forge)
and nobody else may insert. On the embedded SQLite file there are no triggers: the services that
change audited tables call `record()` in the same transaction. `record()` does nothing on PostgreSQL,
so a service calls it unconditionally.

Reading (`list_audit`) is audit.read: the admin and the deputy. One query, newest first.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, and_, exists, func, insert, or_, select

from ejournal_desktop.domain.errors import DomainError, PermissionDenied, ValidationError
from ejournal_desktop.domain.names import full_name
from ejournal_desktop.domain.permissions import Action, require
from ejournal_desktop.services.auth import UserSession
from ejournal_desktop.services.report_data import list_groups
from ejournal_desktop.services.unit_of_work import transaction
from ejournal_desktop.store import models as m

DEFAULT_LIMIT = 500
MAX_LIMIT = 10_000

# What the screen shows in «Таблица»; the raw name stays available for anything not listed.
TABLE_LABELS: dict[str, str] = {
    "mark": "Оценки",
    "attendance": "Посещаемость",
    "final_mark": "Итоговые оценки",
    "lesson": "Занятия",
    "excuse": "Уважительные причины",
    "student": "Обучающиеся",
    "student_movement": "Движение контингента",
    "account": "Учётные записи",
    "account_role": "Роли учётных записей",
    "person": "Люди",
    "guardian_link": "Связи с родителями",
    "pd_consent": "Согласия на обработку ПД",
    "app_setting": "Настройки",
}
ACTION_LABELS: dict[str, str] = {
    "INSERT": "добавление",
    "UPDATE": "изменение",
    "DELETE": "удаление",
    "LOGIN": "вход",
}
# Never shown nor stored: secrets and bookkeeping noise.
HIDDEN_KEYS = frozenset({"password_hash"})


@dataclass(frozen=True)
class AuditRow:
    id: int
    at: dt.datetime  # UTC, timezone-aware
    db_user: str
    table_name: str
    row_id: int | None
    action: str
    old: dict[str, Any] | None
    new: dict[str, Any] | None
    reason: str | None
    user_name: str = ""  # the person behind db_user, when the login is an account of the journal

    @property
    def table_label(self) -> str:
        return TABLE_LABELS.get(self.table_name, self.table_name)

    @property
    def action_label(self) -> str:
        return ACTION_LABELS.get(self.action, self.action)

    def changed(self) -> tuple[dict[str, Any], dict[str, Any]]:
        """Only the fields that differ (an UPDATE), or everything (INSERT/DELETE): what a reader wants."""
        old = {k: v for k, v in (self.old or {}).items() if k not in HIDDEN_KEYS}
        new = {k: v for k, v in (self.new or {}).items() if k not in HIDDEN_KEYS}
        if old and new:
            keys = [k for k in {**old, **new} if old.get(k) != new.get(k)]
            return {k: old.get(k) for k in keys}, {k: new.get(k) for k in keys}
        return old, new


def record(
    conn: Connection,
    session: UserSession,
    table: str,
    row_id: int | None,
    action: str,
    *,
    old: dict[str, Any] | None = None,
    new: dict[str, Any] | None = None,
    reason: str | None = None,
) -> None:
    """One audit row, in the caller's transaction — on SQLite only (PostgreSQL's triggers do it)."""
    if conn.dialect.name == "postgresql":
        return
    clean_old = _jsonable(old)
    clean_new = _jsonable(new)
    conn.execute(
        insert(m.AuditLog).values(
            at=dt.datetime.now(dt.UTC).replace(tzinfo=None),
            db_user=session.user.login,
            table_name=table,
            row_id=row_id,
            action=action,
            old=clean_old,
            new=clean_new,
            reason=reason,
        )
    )


def _jsonable(doc: dict[str, Any] | None) -> dict[str, Any] | None:
    if doc is None:
        return None
    out: dict[str, Any] = {}
    for key, value in doc.items():
        if key in HIDDEN_KEYS:
            continue
        out[key] = value.isoformat() if isinstance(value, dt.date | dt.datetime) else value
    return out


def list_audit(
    session: UserSession,
    *,
    person_login: str | None = None,
    group_id: int | None = None,
    table: str | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    limit: int = DEFAULT_LIMIT,
) -> list[AuditRow]:
    """The log, newest first, filtered; dates are inclusive and in UTC days (the log's own clock).

    `group_id` keeps the rows about that group's students: their marks, attendance, finals,
    excuses, movements and student rows (matched by the student id the row carries), and the
    lessons of the group's teaching assignments — rows deleted since included.
    """
    require(session.user.roles, Action.AUDIT_READ)
    if date_from and date_to and date_from > date_to:
        raise ValidationError("Дата «с» позже даты «по»", field="date_from")
    limit = max(1, min(int(limit), MAX_LIMIT))
    log = m.AuditLog
    query = (
        select(log, m.Person.last_name, m.Person.first_name, m.Person.middle_name)
        .outerjoin(m.Account, m.Account.login == log.db_user)
        .outerjoin(m.Person, m.Person.id == m.Account.person_id)
        .order_by(log.at.desc(), log.id.desc())
        .limit(limit)
    )
    if person_login:
        query = query.where(log.db_user == person_login.strip())
    if table:
        query = query.where(log.table_name == table)
    if date_from:
        query = query.where(log.at >= dt.datetime.combine(date_from, dt.time.min))
    if date_to:
        query = query.where(log.at < dt.datetime.combine(date_to + dt.timedelta(days=1), dt.time.min))
    if group_id is not None:
        query = query.where(_about_group(group_id))
    try:
        with session.engine.connect() as conn:
            rows = conn.execute(query).all()
    except DomainError:
        raise
    except Exception as exc:  # a database refusal (RLS, grants) is told in words
        if "permission denied" in str(exc):
            raise PermissionDenied("Сервер отказал в доступе к журналу аудита") from exc
        raise
    return [
        AuditRow(
            id=row.id,
            at=row.at.replace(tzinfo=dt.UTC),
            db_user=row.db_user,
            table_name=row.table_name,
            row_id=row.row_id,
            action=row.action,
            old=row.old,
            new=row.new,
            reason=row.reason,
            user_name=full_name(row.last_name, row.first_name, row.middle_name) if row.last_name else "",
        )
        for row in rows
    ]


# Tables whose audit rows name the student they are about (the `student_id` of the row).
_BY_STUDENT = ("mark", "attendance", "final_mark", "excuse", "student_movement")


def _about_group(group_id: int) -> Any:
    """A WHERE clause: the audit row is about the group (see `list_audit`).

    Matched on what the row itself carried — `student_id`, a lesson's `assignment_id`, a student's
    `group_id` — read from its new values (old ones for a deletion), so a row deleted since is found
    too; and, for rows whose values do not name it (a service that logged only the changed fields),
    through the row id against the live tables. SQLAlchemy's JSON access works on both backends
    (json_extract on SQLite, ->> on PostgreSQL's jsonb).
    """
    log = m.AuditLog
    students = select(m.Student.id).where(m.Student.group_id == group_id)
    assignments = select(m.TeachingAssignment.id).where(m.TeachingAssignment.group_id == group_id)
    lessons = select(m.Lesson.id).where(m.Lesson.assignment_id.in_(assignments))

    def carried(key: str) -> Any:
        return func.coalesce(log.new[key].as_integer(), log.old[key].as_integer())

    def live_row_of(model: Any) -> Any:
        return and_(
            log.table_name == model.__tablename__,
            exists(select(model.id).where(model.id == log.row_id, model.student_id.in_(students))),
        )

    return or_(
        and_(log.table_name == "student", or_(log.row_id.in_(students), carried("group_id") == group_id)),
        and_(log.table_name == "lesson", or_(log.row_id.in_(lessons), carried("assignment_id").in_(assignments))),
        and_(log.table_name.in_(_BY_STUDENT), carried("student_id").in_(students)),
        *(live_row_of(model) for model in (m.Mark, m.Attendance, m.FinalMark, m.Excuse, m.StudentMovement)),
    )


def audited_tables() -> list[tuple[str, str]]:
    """(table, Russian label) for the screen's table filter."""
    return sorted(TABLE_LABELS.items(), key=lambda item: item[1])


def group_choices(session: UserSession) -> list[tuple[int, str]]:
    """(id, name) of the groups, for the group filter of the audit screen."""
    require(session.user.roles, Action.AUDIT_READ)
    with transaction(session) as conn:
        return list_groups(conn, with_archived=True)  # the audit reaches back to archived groups
