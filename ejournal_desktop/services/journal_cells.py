"""Saving what is typed into a journal: cells of one lesson, final marks.

A save names the state the teacher saw (`expected`); when the database holds something else,
somebody changed it first and nothing is overwritten: `Conflict` carries the current state and who
set it. Corrections of lessons older than the edit window need a reason, kept with the audit row.

On a PostgreSQL server set up by `server init`, saving cells is one call of ej_save_cells (one
statement, one round trip, the caller's own rights); on SQLite, and on a server without it, the
same rules run as separate statements (in-process, they cost nothing there).
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import weakref
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import (
    Connection,
    Engine,
    String,
    and_,
    case,
    cast,
    delete,
    insert,
    literal,
    null,
    select,
    text,
    union_all,
    update,
)
from sqlalchemy.exc import DBAPIError

from ejournal_desktop.domain import marks as mk
from ejournal_desktop.domain.attendance import UNEXCUSED
from ejournal_desktop.domain.calendar import format_date
from ejournal_desktop.domain.errors import Conflict, NotFound, PermissionDenied, ValidationError
from ejournal_desktop.domain.marks import CellEntry
from ejournal_desktop.domain.membership import belongs_on, membership_intervals
from ejournal_desktop.domain.names import short_name
from ejournal_desktop.domain.permissions import Action
from ejournal_desktop.services.auth import UserSession
from ejournal_desktop.services.journal_access import (
    assignment_for_write,
    person_short_name,
    today_date,
    window_days,
    write_refusal,
)
from ejournal_desktop.services.journal_types import (
    EMPTY_CELL_STATE,
    FINAL_KINDS_BY_CONTROL_FORM,
    CellState,
    EditReasonRequired,
    FinalState,
)
from ejournal_desktop.services.movement_rows import fold, with_movements
from ejournal_desktop.services.unit_of_work import transaction, translate
from ejournal_desktop.store import models as m


def cell_parts(mark_filter: object, attendance_filter: object):  # type: ignore[no-untyped-def]
    """Marks and absences as rows of one shape: part, lesson, student, slot, value, version, hours,
    reason, late, updater's surname and name — so one UNION ALL brings a whole journal."""
    who = m.Person.__table__
    marks_part = (
        select(
            literal("m").label("part"),
            m.Mark.lesson_id.label("lesson_id"),
            m.Mark.student_id.label("student_id"),
            m.Mark.slot.label("slot"),
            m.Mark.value.label("value"),
            m.Mark.version.label("version"),
            literal(0).label("hours"),
            cast(null(), String).label("reason"),
            literal(0).label("late"),
            who.c.last_name,
            who.c.first_name,
        )
        .outerjoin(who, who.c.id == m.Mark.updated_by)
        .where(mark_filter)
    )
    absence_part = (
        select(
            literal("a"),
            m.Attendance.lesson_id,
            m.Attendance.student_id,
            literal(0),
            cast(null(), String),
            m.Attendance.version,
            m.Attendance.absent_hours,
            m.Attendance.reason,
            case((m.Attendance.late, 1), else_=0),
            who.c.last_name,
            who.c.first_name,
        )
        .outerjoin(who, who.c.id == m.Attendance.updated_by)
        .where(attendance_filter)
    )
    return marks_part, absence_part


def fold_cells(
    rows: Sequence[tuple],  # type: ignore[type-arg]
) -> tuple[dict[tuple[int, int], CellState], dict[tuple[int, str], FinalState]]:
    """The rows of `cell_parts` (and final marks, part "f") as cell states: one pass that keeps each
    cell's marks and absence as plain tuples, then one CellState per cell. A journal is thousands of
    rows, opened whenever a teacher opens it: this is written for speed."""
    names: dict[tuple[str | None, str | None], str | None] = {}
    marks: dict[tuple[int, int], tuple[Any, ...]] = {}  # (slot, value, version, who) once or twice
    absences: dict[tuple[int, int], tuple[int, str, bool, int, str | None]] = {}
    finals: dict[tuple[int, str], FinalState] = {}
    for part, lesson_id, student_id, slot, value, version, hours, reason, late, last, first in rows:
        who = names.get((last, first), names)
        if who is names:
            who = names[(last, first)] = person_short_name(last, first)
        if part == "m":
            key = (student_id, lesson_id)
            marks[key] = (*marks.get(key, ()), slot, value, version, who)
        elif part == "a":
            absences[(student_id, lesson_id)] = (hours, reason, bool(late), version, who)
        else:
            finals[(student_id, reason)] = FinalState(value, version, who)
    # tuple.__new__ straight away: the NamedTuple's own __new__ is a Python function, a third of the fold.
    state = functools.partial(tuple.__new__, CellState)
    cells = {}
    for key, got in marks.items():
        if len(got) == 4:
            values, versions, who = (got[1],), (got[2],), got[3]
        elif got[0] < got[4]:
            values, versions, who = (got[1], got[5]), (got[2], got[6]), got[3] or got[7]
        else:
            values, versions, who = (got[5], got[1]), (got[6], got[2]), got[3] or got[7]
        absence = absences.pop(key, None)
        if absence is None:
            cells[key] = state((values, versions, 0, None, False, None, who))
        else:
            hours, reason, late, version, absence_by = absence
            cells[key] = state((values, versions, hours, reason, late, version, who or absence_by))
    for key, (hours, reason, late, version, who) in absences.items():
        cells[key] = state(((), (), hours, reason, late, version, who))
    return cells, finals


# --- saving cells ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _LessonContext:
    lesson_id: int
    assignment_id: int
    group_id: int
    subgroup: int | None
    held_on: dt.date
    hours: int
    window_days: int


def _require_reason(connection: Connection, ctx: _LessonContext, reason: str | None, today: dt.date) -> None:
    """Corrections of lessons older than the edit window need a reason (kept with the audit row)."""
    if (today - ctx.held_on).days > ctx.window_days and not (reason and reason.strip()):
        raise _reason_required(ctx.held_on, ctx.window_days)
    if connection.dialect.name == "postgresql" and reason:
        # The server's audit trigger stores it with the row it writes (ej.reason, this transaction only).
        connection.execute(text("SELECT set_config('ej.reason', :r, true)"), {"r": reason.strip()})


def _reason_required(held_on: dt.date, days: int) -> EditReasonRequired:
    return EditReasonRequired(
        f"Исправление записи занятия {format_date(held_on)} (старше {days} дн.): укажите причину исправления",
        field="reason",
    )


def _not_in_group(name: str, sid: int, held_on: dt.date) -> ValidationError:
    return ValidationError(f"{name} не числится в группе {format_date(held_on)}: ячейка закрыта для записи", row=sid)


def _too_many_hours(hours: int, sid: int) -> ValidationError:
    return ValidationError(f"Пропуск не может быть больше {hours} ч. занятия", row=sid)


def _check_marks(sid: int, entry: CellEntry) -> None:
    for value in entry.marks:
        if value not in mk.LESSON_MARK_VALUES:
            raise ValidationError(f"Недопустимая оценка «{value}»", row=sid)


def _conflict(name: str, sid: int, held_on: dt.date, hours: int, now_state: CellState) -> Conflict:
    shown = now_state.text(hours) or "пусто"
    by = now_state.updated_by or "другой пользователь"
    return Conflict(
        f"Ячейку «{name}, {format_date(held_on)}» уже изменил(а) {by}: сейчас там «{shown}». Ничего не перезаписано.",
        current_value=now_state,
        changed_by=now_state.updated_by,
        row=sid,
    )


def _lesson_context(session: UserSession, connection: Connection, lesson_id: int) -> _LessonContext:
    row = connection.execute(
        select(
            m.Lesson.id,
            m.Lesson.assignment_id,
            m.Lesson.held_on,
            m.Lesson.hours,
            m.TeachingAssignment.group_id,
            m.TeachingAssignment.subgroup,
            m.TeachingAssignment.teacher_id,
            m.Period.closed_at,
            select(m.AppSetting.value).where(m.AppSetting.key == "edit_window_days").scalar_subquery(),
        )
        .join(m.TeachingAssignment, m.TeachingAssignment.id == m.Lesson.assignment_id)
        .join(m.Period, m.Period.id == m.TeachingAssignment.period_id)
        .where(m.Lesson.id == lesson_id)
    ).first()
    if row is None:
        raise NotFound("Занятие не найдено: возможно, его удалили")
    _lid, assignment_id, held_on, hours, group_id, subgroup, teacher_id, closed_at, window = row
    refusal = write_refusal(session, teacher_id, closed_at is not None)
    if refusal:
        raise PermissionDenied(refusal)
    return _LessonContext(lesson_id, assignment_id, group_id, subgroup, held_on, hours, window_days(window))


def _check_student(connection: Connection, ctx: _LessonContext, student_ids: Sequence[int]) -> dict[int, str]:
    """Names of the students; refuses anyone who was not in the group (or subgroup) that day."""
    query = with_movements(m.Student.subgroup, m.Person.last_name, m.Person.first_name, m.Person.middle_name)
    found = {
        sid: (short_name(last, first, middle), sub, moves)
        for sid, ((sub, last, first, middle), moves) in fold(
            connection.execute(query.where(m.Student.id.in_(student_ids)))
        ).items()
    }
    names = {}
    for sid in student_ids:
        if sid not in found:
            raise NotFound("Обучающийся не найден")
        name, sub, moves = found[sid]
        in_group = belongs_on(membership_intervals(moves, ctx.group_id), ctx.held_on)
        if not in_group or (ctx.subgroup is not None and sub != ctx.subgroup):
            raise _not_in_group(name, sid, ctx.held_on)
        names[sid] = name
    return names


def _current_cells(connection: Connection, lesson_id: int, student_ids: Sequence[int]) -> dict[int, CellState]:
    marks_part, absence_part = cell_parts(
        and_(m.Mark.lesson_id == lesson_id, m.Mark.student_id.in_(student_ids)),
        and_(m.Attendance.lesson_id == lesson_id, m.Attendance.student_id.in_(student_ids)),
    )
    cells, _finals = fold_cells(connection.execute(union_all(marks_part, absence_part)).all())
    return {sid: state for (sid, _lesson), state in cells.items()}


def _excuse_reasons(connection: Connection, student_ids: Sequence[int], day: dt.date) -> dict[int, str]:
    """A document (справка) covering the day makes a new absence excused from the start."""
    rows = connection.execute(
        select(m.Excuse.student_id, m.Excuse.reason).where(
            m.Excuse.student_id.in_(student_ids), m.Excuse.from_date <= day, m.Excuse.to_date >= day
        )
    ).all()
    return {sid: reason for sid, reason in rows}


def _write_cell(
    connection: Connection,
    session: UserSession,
    ctx: _LessonContext,
    student_id: int,
    entry: CellEntry,
    current: CellState,
    excuse_reason: str | None,
    reason: str | None,
    now: dt.datetime,
) -> None:
    me = session.user.person_id
    audit: list[dict[str, object]] = []
    current_marks = dict(enumerate(current.marks, start=1))
    wanted = dict(enumerate(entry.marks, start=1))
    for slot in (1, 2):
        before, after = current_marks.get(slot), wanted.get(slot)
        where = and_(m.Mark.lesson_id == ctx.lesson_id, m.Mark.student_id == student_id, m.Mark.slot == slot)
        if before == after:
            continue
        if after is None:
            connection.execute(delete(m.Mark).where(where))
        elif before is None:
            connection.execute(
                insert(m.Mark).values(
                    lesson_id=ctx.lesson_id,
                    assignment_id=ctx.assignment_id,
                    student_id=student_id,
                    slot=slot,
                    value=after,
                    updated_by=me,
                    updated_at=now,
                    version=1,
                )
            )
        else:
            connection.execute(
                update(m.Mark)
                .where(where)
                .values(value=after, updated_by=me, updated_at=now, version=m.Mark.version + 1)
            )
        audit.append(
            {"table_name": "mark", "old": {"slot": slot, "value": before}, "new": {"slot": slot, "value": after}}
        )
    where = and_(m.Attendance.lesson_id == ctx.lesson_id, m.Attendance.student_id == student_id)
    had = current.attendance_version is not None
    wants = entry.absent_hours > 0 or entry.late
    if had and not wants:
        connection.execute(delete(m.Attendance).where(where))
    elif wants and not had:
        connection.execute(
            insert(m.Attendance).values(
                lesson_id=ctx.lesson_id,
                assignment_id=ctx.assignment_id,
                student_id=student_id,
                absent_hours=entry.absent_hours,
                reason=excuse_reason or UNEXCUSED,
                late=entry.late,
                updated_by=me,
                updated_at=now,
                version=1,
            )
        )
    elif wants and (current.absent_hours, current.late) != (entry.absent_hours, entry.late):
        connection.execute(
            update(m.Attendance)
            .where(where)
            .values(
                absent_hours=entry.absent_hours,
                late=entry.late,
                updated_by=me,
                updated_at=now,
                version=m.Attendance.version + 1,
            )
        )
    else:
        wants = had  # nothing changed in attendance
    if had != wants or (wants and current.absent_hours != entry.absent_hours):
        audit.append(
            {
                "table_name": "attendance",
                "old": {"absent_hours": current.absent_hours},
                "new": {"absent_hours": entry.absent_hours},
            }
        )
    if audit and connection.dialect.name == "sqlite":
        # The embedded file has no triggers: the service writes the audit itself (the server's
        # triggers do it on PostgreSQL, with session_user).
        connection.execute(
            insert(m.AuditLog),
            [
                {
                    "at": now,
                    "db_user": session.user.login,
                    "table_name": row["table_name"],
                    "row_id": ctx.lesson_id,
                    "action": "UPDATE",
                    "old": {**row["old"], "student_id": student_id},  # type: ignore[dict-item]
                    "new": {**row["new"], "student_id": student_id},  # type: ignore[dict-item]
                    "reason": reason or None,
                }
                for row in audit
            ],
        )


# --- one round trip on PostgreSQL ----------------------------------------------------------------
#
# On a server set up by `server init`, ej_save_cells (store/server/12_journal_save.sql) does in one
# call, with the caller's own rights (SECURITY INVOKER: row-level security applies to it), what the
# statements below do: the lesson's rights and edit window, the students on that day, the version
# check, the excuses, the writes. It is called in autocommit (the call is its own transaction: no
# BEGIN and COMMIT round trips). It returns what it found; the messages are made here, the same
# ones as on SQLite.

_SAVE_FUNCTION = "ej_save_cells(integer, jsonb, text, date)"
_HAS_SAVE_FUNCTION = text(
    "SELECT CASE WHEN to_regprocedure(:f) IS NULL THEN false "
    "ELSE has_function_privilege(to_regprocedure(:f), 'EXECUTE') END"
)
_CALL_SAVE_FUNCTION = text("SELECT ej_save_cells(:lesson_id, CAST(:edits AS jsonb), :reason, :today)")
_server_function: weakref.WeakKeyDictionary[Engine, bool] = weakref.WeakKeyDictionary()


def _server_saves(session: UserSession) -> bool:
    """Whether this login may call ej_save_cells here; asked once per engine (one engine per login)."""
    engine = session.engine
    if engine.dialect.name != "postgresql":
        return False
    known = _server_function.get(engine)
    if known is None:
        with transaction(session) as connection:
            known = bool(connection.execute(_HAS_SAVE_FUNCTION, {"f": _SAVE_FUNCTION}).scalar())
        _server_function[engine] = known
    return known


def _server_state(cell: dict[str, object]) -> CellState:
    return CellState(
        tuple(cell["m"]),  # type: ignore[arg-type]
        tuple(cell["v"]),  # type: ignore[arg-type]
        int(cell["h"]),  # type: ignore[call-overload]
        cell["r"],  # type: ignore[arg-type]
        bool(cell["l"]),
        cell["a"],  # type: ignore[arg-type]
        person_short_name(cell.get("by_last"), cell.get("by_first")),  # type: ignore[arg-type]
    )


def _save_on_server(
    session: UserSession,
    lesson_id: int,
    edits: Sequence[tuple[int, CellEntry, CellState]],
    reason: str | None,
    day: dt.date,
) -> dict[int, CellState] | None:
    """Save through ej_save_cells; None when the server cannot tell who this is (no account behind
    the login: a superuser's or the owner's session), and the separate statements must do."""
    for sid, entry, _expected in edits:
        _check_marks(sid, entry)
    payload = [
        {
            "s": sid,
            "m": list(entry.marks),
            "h": entry.absent_hours,
            "l": entry.late,
            "em": list(expected.marks),
            "ev": list(expected.mark_versions),
            "ea": expected.attendance_version,
            "eh": expected.absent_hours,
            "er": expected.reason,
        }
        for sid, entry, expected in edits
    ]
    parameters = {
        "lesson_id": lesson_id,
        "edits": json.dumps(payload, ensure_ascii=False),
        "reason": reason.strip() if reason and reason.strip() else None,
        "today": day,
    }
    try:
        with session.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            answer = connection.execute(_CALL_SAVE_FUNCTION, parameters).scalar_one()
    except DBAPIError as exc:
        error = translate(exc)
        if error is None:
            raise
        raise error from exc
    if isinstance(answer, str):
        answer = json.loads(answer)
    status = answer["status"]
    if status == "ok":
        me = person_short_name(session.user.last_name, session.user.first_name, session.user.middle_name)
        entries = {sid: entry for sid, entry, _expected in edits}
        return {
            cell["s"]: _state_after(_server_state(cell["current"]), entries[cell["s"]], cell["excuse"], me)
            for cell in answer["cells"]
        }
    if status == "no_account":
        return None
    if status == "not_found":
        raise NotFound("Занятие не найдено: возможно, его удалили")
    if status == "refused":
        refusal = write_refusal(session, answer["teacher_id"], bool(answer["closed"]))
        raise PermissionDenied(refusal or "Сервер отказал в доступе: недостаточно прав")
    if status == "too_many_hours":
        raise _too_many_hours(answer["hours"], answer["row"])
    if status == "student_not_found":
        raise NotFound("Обучающийся не найден")
    if status == "not_in_group":
        name = short_name(answer["last"], answer["first"], answer["middle"])
        raise _not_in_group(name, answer["row"], dt.date.fromisoformat(answer["held_on"]))
    if status == "reason_required":
        raise _reason_required(dt.date.fromisoformat(answer["held_on"]), answer["window"])
    if status == "conflict":
        student = answer["student"]
        name = short_name(student["last"], student["first"], student["middle"])
        held_on = dt.date.fromisoformat(answer["held_on"])
        raise _conflict(name, answer["row"], held_on, answer["hours"], _server_state(answer["current"]))
    raise RuntimeError(f"ej_save_cells answered an unknown status {status!r}")


def save_cells(
    session: UserSession,
    lesson_id: int,
    edits: Sequence[tuple[int, CellEntry, CellState]],
    *,
    reason: str | None = None,
    today: dt.date | None = None,
) -> dict[int, CellState]:
    """Save several cells of one lesson in one transaction; all or nothing."""
    if not edits:
        return {}
    day = today or today_date()
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    student_ids = [sid for sid, _e, _x in edits]
    if len(set(student_ids)) != len(student_ids):
        raise ValidationError("Одна ячейка встречается дважды в одном сохранении")
    if _server_saves(session):
        saved = _save_on_server(session, lesson_id, edits, reason, day)
        if saved is not None:
            return saved
    with transaction(session) as connection:
        ctx = _lesson_context(session, connection, lesson_id)
        for sid, entry, _expected in edits:
            if entry.absent_hours > ctx.hours:
                raise _too_many_hours(ctx.hours, sid)
            _check_marks(sid, entry)
        names = _check_student(connection, ctx, student_ids)
        _require_reason(connection, ctx, reason, day)
        current = _current_cells(connection, lesson_id, student_ids)
        for sid, _entry, expected in edits:
            now_state = current.get(sid, EMPTY_CELL_STATE)
            if not now_state.same_as(expected):
                raise _conflict(names[sid], sid, ctx.held_on, ctx.hours, now_state)
        excuses = _excuse_reasons(connection, student_ids, ctx.held_on)
        for sid, entry, _expected in edits:
            _write_cell(
                connection, session, ctx, sid, entry, current.get(sid, EMPTY_CELL_STATE), excuses.get(sid), reason, now
            )
    # What is stored now follows from what was there and what was written: no read-back round trip.
    me = person_short_name(session.user.last_name, session.user.first_name, session.user.middle_name)
    return {
        sid: _state_after(current.get(sid, EMPTY_CELL_STATE), entry, excuses.get(sid), me)
        for sid, entry, _expected in edits
    }


def _state_after(before: CellState, entry: CellEntry, excuse_reason: str | None, me: str | None) -> CellState:
    """The cell's rows and versions after `_write_cell` wrote `entry` over `before`."""
    if entry.marks == before.marks and (entry.absent_hours, entry.late) == (before.absent_hours, before.late):
        return before
    versions = []
    for slot, value in enumerate(entry.marks):
        if slot < len(before.marks):
            old_version = before.mark_versions[slot]
            versions.append(old_version if before.marks[slot] == value else old_version + 1)
        else:
            versions.append(1)
    wants_row = entry.absent_hours > 0 or entry.late
    had_row = before.attendance_version is not None
    if not wants_row:
        absence: tuple[int, str | None, bool, int | None] = (0, None, False, None)
    elif not had_row:
        absence = (entry.absent_hours, excuse_reason or UNEXCUSED, entry.late, 1)
    elif (before.absent_hours, before.late) == (entry.absent_hours, entry.late):
        absence = (before.absent_hours, before.reason, before.late, before.attendance_version)
    else:
        absence = (entry.absent_hours, before.reason, entry.late, (before.attendance_version or 0) + 1)
    return CellState(tuple(entry.marks), tuple(versions), *absence, me)


def save_cell(
    session: UserSession,
    lesson_id: int,
    student_id: int,
    entry: CellEntry,
    expected: CellState,
    *,
    reason: str | None = None,
    today: dt.date | None = None,
) -> CellState:
    """Save what was typed into one cell; see the module docstring for conflicts and reasons."""
    return save_cells(session, lesson_id, [(student_id, entry, expected)], reason=reason, today=today)[student_id]


def save_final(
    session: UserSession,
    assignment_id: int,
    student_id: int,
    kind: str,
    value: str | None,
    expected_version: int | None,
) -> FinalState | None:
    """Set (or clear, value None) a final mark; the version guards against a silent overwrite."""
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    with transaction(session) as connection:
        control_form = assignment_for_write(session, connection, assignment_id, Action.FINAL_MARK_WRITE).control_form
        kinds = FINAL_KINDS_BY_CONTROL_FORM.get(control_form, (mk.FINAL_SEMESTER,))
        if kind not in kinds:
            raise ValidationError(f"Для этой формы контроля нет итоговой оценки «{mk.FINAL_KIND_LABELS[kind]}»")
        if value is not None and value not in mk.FINAL_VALUES_BY_KIND[kind]:
            allowed = ", ".join(sorted(mk.FINAL_VALUES_BY_KIND[kind]))
            raise ValidationError(f"Недопустимая итоговая оценка «{value}»: допустимы {allowed}", field=kind)
        where = and_(
            m.FinalMark.assignment_id == assignment_id, m.FinalMark.student_id == student_id, m.FinalMark.kind == kind
        )
        who = m.Person.__table__
        current = connection.execute(
            select(m.FinalMark.value, m.FinalMark.version, who.c.last_name, who.c.first_name)
            .outerjoin(who, who.c.id == m.FinalMark.updated_by)
            .where(where)
        ).first()
        current_version = current.version if current else None
        if current_version != expected_version:
            # The current state with its version lets the teacher choose «Записать своё» knowingly.
            theirs = (
                FinalState(current.value, current.version, person_short_name(current.last_name, current.first_name))
                if current
                else None
            )
            raise Conflict(
                f"Итоговую оценку уже изменил(а) {theirs.updated_by if theirs else 'другой пользователь'}: "
                f"сейчас «{theirs.value if theirs else 'пусто'}». Ничего не перезаписано.",
                current_value=theirs,
                changed_by=theirs.updated_by if theirs else None,
            )
        me = session.user.person_id
        if value is None:
            connection.execute(delete(m.FinalMark).where(where))
            return None
        if current is None:
            connection.execute(
                insert(m.FinalMark).values(
                    assignment_id=assignment_id,
                    student_id=student_id,
                    kind=kind,
                    value=value,
                    updated_by=me,
                    updated_at=now,
                    version=1,
                )
            )
            return FinalState(value, 1, session.user.login)
        connection.execute(
            update(m.FinalMark)
            .where(where)
            .values(value=value, updated_by=me, updated_at=now, version=current.version + 1)
        )
        return FinalState(value, current.version + 1, session.user.login)
