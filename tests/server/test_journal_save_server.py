"""Saving journal cells through ej_save_cells (12_journal_save.sql): one statement per save on a real
server, each person logged in as their own login role — and every rule of the separate statements
still holds, with the same Russian messages: a closed period, another teacher's lesson (row-level
security), a conflict with who set the other value, a reason for an old lesson (kept in the audit
log), a student not in the group that day, an absence longer than the lesson."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import psycopg
import pytest
from sqlalchemy import event

from ejournal_desktop.domain.errors import Conflict, NotFound, PermissionDenied, ValidationError
from ejournal_desktop.domain.marks import CellEntry, parse_cell
from ejournal_desktop.services import auth
from ejournal_desktop.services import gradebook as gb
from tests.conftest import DEMO_TODAY
from tests.server.demo_server import PASSWORD, ServerDemo

pytestmark = pytest.mark.pg


@pytest.fixture
def login(server_demo: ServerDemo) -> Iterator[Any]:
    sessions: list[auth.UserSession] = []

    def make(name: str) -> auth.UserSession:
        session = auth.login(server_demo.profile, name, PASSWORD)
        sessions.append(session)
        return session

    yield make
    for session in sessions:
        session.close()


def _journal(session: auth.UserSession, *, index: int = 0) -> gb.Journal:
    period = gb.current_period_id(session, DEMO_TODAY)
    journals = [j for j in gb.my_journals(session, period, today=DEMO_TODAY) if j.can_write]
    return gb.open_journal(session, journals[index].assignment_id, today=DEMO_TODAY)


def _free_cell(session: auth.UserSession, journal: gb.Journal) -> tuple[gb.StudentRow, gb.LessonColumn]:
    """An empty cell of a lesson inside the edit window: a new lesson (the module shares one database)."""
    taken = {(x.held_on, x.pair_no) for x in journal.lessons}
    for days_back in range(1, journal.edit_window_days):
        day = DEMO_TODAY - dt.timedelta(days=days_back)
        for pair in range(1, 9):
            if (day, pair) in taken:
                continue
            try:
                lesson = gb.add_lesson(session, journal.summary.assignment_id, day, pair)
            except ValidationError:
                continue
            journal.lessons.append(lesson)
            student = next(s for s in journal.students if s.belongs_on(day))
            return student, lesson
    raise AssertionError("no free pair in the edit window")


def _counted(session: auth.UserSession, call: Any, *args: Any, **kwargs: Any) -> tuple[Any, list[str]]:
    """What `call` returned and the SQL statements it sent through the session's engine."""
    seen: list[str] = []

    def listener(*listened: Any) -> None:
        seen.append(str(listened[2]))

    event.listen(session.engine, "before_cursor_execute", listener)
    try:
        result = call(*args, **kwargs)
    finally:
        event.remove(session.engine, "before_cursor_execute", listener)
    return result, seen


def test_the_function_runs_with_the_callers_rights_and_only_teachers_may_call_it(server_demo: ServerDemo) -> None:
    with server_demo.superuser() as c:
        definer, config = c.execute(
            "SELECT prosecdef, proconfig FROM pg_proc "
            "WHERE oid = 'ej_save_cells(integer, jsonb, text, date)'::regprocedure"
        ).fetchone()
        assert definer is False  # SECURITY INVOKER: row-level security applies inside it
        assert any(item.startswith("search_path=") for item in config)
        granted = c.execute(
            "SELECT r.rolname FROM pg_roles r WHERE r.rolname = ANY(%s) AND "
            "has_function_privilege(r.oid, 'ej_save_cells(integer, jsonb, text, date)', 'EXECUTE') ORDER BY 1",
            (["ej_admin", "ej_deputy", "ej_secretary", "ej_teacher", "ej_student", "ej_parent", "ej_backup"],),
        ).fetchall()
    assert [row[0] for row in granted] == ["ej_teacher"]
    with server_demo.connect_as("student") as student, pytest.raises(psycopg.errors.InsufficientPrivilege):
        student.execute("SELECT ej_save_cells(1, '[]', NULL, CURRENT_DATE)")


def test_saving_one_mark_is_one_statement_and_returns_what_is_stored(login) -> None:  # type: ignore[no-untyped-def]
    teacher = login("prepod")
    journal = _journal(teacher)
    student, lesson = _free_cell(teacher, journal)
    key = (student.student_id, lesson.lesson_id)
    # The first save also asks once whether the function is there (cached for the engine).
    state = gb.save_cell(teacher, lesson.lesson_id, student.student_id, CellEntry(("4",)), gb.EMPTY_CELL_STATE,
                         today=DEMO_TODAY)  # fmt: skip
    late = CellEntry(("3",), 0, late=True)  # опоздание: an attendance row with no hours
    for entry in [*(parse_cell(t, lesson.hours) for t in ("4/5", "н", "5 н1")), late, CellEntry(("3",)), CellEntry()]:
        text_ = entry.marks
        state, statements = _counted(teacher, gb.save_cell, teacher, lesson.lesson_id, student.student_id, entry,
                                     state, today=DEMO_TODAY)  # fmt: skip
        assert len(statements) == 1 and "ej_save_cells" in statements[0], statements
        stored = gb.open_journal(teacher, journal.summary.assignment_id, today=DEMO_TODAY).cell(*key)
        assert state.same_as(stored) and state.late == stored.late, (text_, state, stored)
        assert stored.entry == entry
    assert state.is_empty
    # A pasted block of one lesson: still one statement for the whole batch.
    rows = [s for s in journal.students if s.belongs_on(lesson.held_on)][:3]
    edits = [(s.student_id, CellEntry(("3",)), journal.cell(s.student_id, lesson.lesson_id)) for s in rows]
    edits = [e for e in edits if e[0] != student.student_id]
    saved_batch, statements = _counted(teacher, gb.save_cells, teacher, lesson.lesson_id, edits, today=DEMO_TODAY)
    assert len(statements) == 1
    after = gb.open_journal(teacher, journal.summary.assignment_id, today=DEMO_TODAY)
    for sid, _entry, _expected in edits:
        assert saved_batch[sid].same_as(after.cell(sid, lesson.lesson_id))
        assert after.cell(sid, lesson.lesson_id).marks == ("3",)


def test_a_closed_period_and_another_teachers_lesson_are_refused(login, server_demo: ServerDemo) -> None:  # type: ignore[no-untyped-def]
    teacher = login("prepod")
    closed = next(p for p in gb.list_periods(teacher) if p.is_closed)
    old = gb.open_journal(teacher, gb.my_journals(teacher, closed.id)[0].assignment_id, today=DEMO_TODAY)
    sid, lid = old.students[0].student_id, old.lessons[0].lesson_id
    with pytest.raises(PermissionDenied, match="Период закрыт"):
        gb.save_cell(teacher, lid, sid, CellEntry(("5",)), old.cell(sid, lid), today=DEMO_TODAY)

    # Another teacher's lesson: prepod's login cannot even read it (row-level security).
    with server_demo.superuser() as c:
        other_lesson, other_student = c.execute(
            "SELECT l.id, s.id FROM lesson l JOIN teaching_assignment t ON t.id = l.assignment_id "
            "JOIN period p ON p.id = t.period_id JOIN student s ON s.group_id = t.group_id "
            "WHERE p.closed_at IS NULL AND t.teacher_id <> %s AND t.subgroup IS NULL "
            "AND t.group_id NOT IN (SELECT id FROM study_group WHERE curator_id = %s) "
            "AND NOT EXISTS (SELECT 1 FROM mark m WHERE m.lesson_id = l.id AND m.student_id = s.id) "
            "ORDER BY l.held_on DESC LIMIT 1",
            (teacher.user.person_id, teacher.user.person_id),
        ).fetchone()
    with pytest.raises((NotFound, PermissionDenied)):
        gb.save_cell(teacher, other_lesson, other_student, CellEntry(("2",)), gb.EMPTY_CELL_STATE, today=DEMO_TODAY)
    # Straight SQL as prepod's login, bypassing the services: nothing is written.
    with server_demo.connect_as("prepod") as c:
        answer = c.execute(
            "SELECT ej_save_cells(%s, %s::jsonb, NULL, %s)",
            (other_lesson, f'[{{"s": {other_student}, "m": ["2"], "h": 0}}]', DEMO_TODAY),
        ).fetchone()[0]
        assert answer["status"] in ("not_found", "refused")
    with server_demo.superuser() as c:
        written = c.execute(
            "SELECT count(*) FROM mark WHERE lesson_id = %s AND student_id = %s", (other_lesson, other_student)
        ).fetchone()[0]
    assert written == 0

    # A curator reads the journals of the group, but writes none of another teacher's: same message.
    curator = login("kurator")
    group = curator.user.curated_group_ids[0]
    period = gb.current_period_id(curator, DEMO_TODAY)
    theirs = next(
        j for j in gb.my_journals(curator, period, today=DEMO_TODAY) if j.group_id == group and not j.can_write
    )
    journal = gb.open_journal(curator, theirs.assignment_id, today=DEMO_TODAY)
    lesson = journal.lessons[-1]
    sid = next(s.student_id for s in journal.students if s.belongs_on(lesson.held_on))
    with pytest.raises(PermissionDenied, match="Только просмотр"):
        gb.save_cell(curator, lesson.lesson_id, sid, CellEntry(("5",)), journal.cell(sid, lesson.lesson_id),
                     today=DEMO_TODAY)  # fmt: skip


def test_a_second_editor_gets_a_conflict_with_the_value_and_who_set_it(login) -> None:  # type: ignore[no-untyped-def]
    first, second = login("prepod"), login("prepod")
    journal = _journal(first)
    student, lesson = _free_cell(first, journal)
    gb.save_cell(first, lesson.lesson_id, student.student_id, CellEntry(("5",)), gb.EMPTY_CELL_STATE, today=DEMO_TODAY)
    with pytest.raises(Conflict) as caught:
        gb.save_cell(second, lesson.lesson_id, student.student_id, CellEntry(("3",)), gb.EMPTY_CELL_STATE,
                     today=DEMO_TODAY)  # fmt: skip
    theirs = caught.value.current_value
    assert isinstance(theirs, gb.CellState) and theirs.marks == ("5",) and theirs.mark_versions == (1,)
    me = first.user
    assert caught.value.changed_by == theirs.updated_by and theirs.updated_by.startswith(me.last_name)
    assert caught.value.row == student.student_id
    assert f"уже изменил(а) {theirs.updated_by}: сейчас там «5». Ничего не перезаписано." in str(caught.value)
    assert student.short_name in str(caught.value)
    # «Записать своё»: against the state now seen it goes through.
    mine = gb.save_cell(second, lesson.lesson_id, student.student_id, CellEntry(("3",)), theirs, today=DEMO_TODAY)
    assert mine.marks == ("3",) and mine.mark_versions == (2,)
    # An absence changed meanwhile is a conflict too (attendance version).
    absent = gb.save_cell(first, lesson.lesson_id, student.student_id, CellEntry(("3",), 1), mine, today=DEMO_TODAY)
    with pytest.raises(Conflict):
        gb.save_cell(second, lesson.lesson_id, student.student_id, CellEntry(("4",)), mine, today=DEMO_TODAY)
    assert absent.absent_hours == 1 and absent.attendance_version == 1


def test_an_old_lesson_needs_a_reason_which_the_audit_log_keeps(login, server_demo: ServerDemo) -> None:  # type: ignore[no-untyped-def]
    teacher = login("prepod")
    journal = _journal(teacher)
    early = next(x for x in journal.lessons if (DEMO_TODAY - x.held_on).days > journal.edit_window_days)
    sid = next(s.student_id for s in journal.students if s.belongs_on(early.held_on))
    state = journal.cell(sid, early.lesson_id)
    value = "2" if state.marks[:1] != ("2",) else "3"
    with pytest.raises(gb.EditReasonRequired, match="укажите причину исправления") as caught:
        gb.save_cell(teacher, early.lesson_id, sid, CellEntry((value,)), state, today=DEMO_TODAY)
    assert caught.value.field == "reason" and early.held_on.strftime("%d.%m.%Y") in str(caught.value)
    with pytest.raises(gb.EditReasonRequired):
        gb.save_cell(teacher, early.lesson_id, sid, CellEntry((value,)), state, reason="   ", today=DEMO_TODAY)
    saved = gb.save_cell(
        teacher, early.lesson_id, sid, CellEntry((value,)), state, reason=" Запись ошибочна (сервер) ", today=DEMO_TODAY
    )
    assert saved.marks == (value,)
    with server_demo.superuser() as c:
        rows = c.execute(
            "SELECT db_user, reason FROM audit_log WHERE table_name = 'mark' AND new ->> 'lesson_id' = %s "
            "AND new ->> 'student_id' = %s ORDER BY id DESC LIMIT 1",
            (str(early.lesson_id), str(sid)),
        ).fetchall()
    assert rows == [("prepod", "Запись ошибочна (сервер)")]
    # The reason belongs to that one call: the next save in the window carries none.
    student, lesson = _free_cell(teacher, journal)
    gb.save_cell(teacher, lesson.lesson_id, student.student_id, CellEntry(("4",)), gb.EMPTY_CELL_STATE,
                 today=DEMO_TODAY)  # fmt: skip
    with server_demo.superuser() as c:
        reason = c.execute(
            "SELECT reason FROM audit_log WHERE table_name = 'mark' AND new ->> 'lesson_id' = %s "
            "AND new ->> 'student_id' = %s ORDER BY id DESC LIMIT 1",
            (str(lesson.lesson_id), str(student.student_id)),
        ).fetchone()[0]
    assert reason is None


def test_a_student_not_in_the_group_that_day_and_bad_input_are_refused(login, server_demo: ServerDemo) -> None:  # type: ignore[no-untyped-def]
    deputy = login("zamdir")
    current = gb.current_period_id(deputy, DEMO_TODAY)
    with server_demo.superuser() as c:
        moved = c.execute(
            "SELECT student_id, from_group_id, effective_date FROM student_movement "
            "WHERE kind IN ('transfer', 'expel') AND from_group_id IS NOT NULL ORDER BY id"
        ).fetchall()
        teachers = dict(c.execute("SELECT person_id, login FROM account").fetchall())
    assert moved
    found = None
    for sid, group_id, left_on in moved:
        for summary in gb.my_journals(deputy, current, scope="all"):
            if summary.group_id != group_id or summary.subgroup:
                continue
            journal = gb.open_journal(deputy, summary.assignment_id, today=DEMO_TODAY)
            later = [x for x in journal.lessons if x.held_on >= left_on]
            if later and any(s.student_id == sid for s in journal.students):
                found = (sid, summary, later[-1])
                break
        if found:
            break
    assert found, "the demo has a student who left a group mid-period"
    sid, summary, later = found
    teacher = login(teachers[summary.teacher_id])
    # The teacher's own journal shows the student greyed from that day (the movements are readable) …
    shown = gb.open_journal(teacher, summary.assignment_id, today=DEMO_TODAY)
    row = next(s for s in shown.students if s.student_id == sid)
    assert not row.belongs_on(later.held_on)
    # … and the server refuses the save with the same message as the embedded path.
    with pytest.raises(ValidationError) as caught:
        gb.save_cell(teacher, later.lesson_id, sid, CellEntry(("5",)), gb.EMPTY_CELL_STATE, today=DEMO_TODAY)
    assert f"не числится в группе {later.held_on.strftime('%d.%m.%Y')}" in str(caught.value)
    assert caught.value.row == sid
    with server_demo.superuser() as c:
        assert (
            c.execute(
                "SELECT count(*) FROM mark WHERE lesson_id = %s AND student_id = %s", (later.lesson_id, sid)
            ).fetchone()[0]
            == 0
        )

    prepod = login("prepod")
    journal = _journal(prepod)
    student, lesson = _free_cell(prepod, journal)
    with pytest.raises(ValidationError, match=f"Пропуск не может быть больше {lesson.hours} ч. занятия"):
        gb.save_cell(prepod, lesson.lesson_id, student.student_id, CellEntry(absent_hours=lesson.hours + 1),
                     gb.EMPTY_CELL_STATE, today=DEMO_TODAY)  # fmt: skip
    with pytest.raises(NotFound, match="Занятие не найдено"):
        gb.save_cell(prepod, 10**8, student.student_id, CellEntry(("5",)), gb.EMPTY_CELL_STATE, today=DEMO_TODAY)
    assert (
        gb.open_journal(prepod, journal.summary.assignment_id, today=DEMO_TODAY)
        .cell(student.student_id, lesson.lesson_id)
        .is_empty
    )


def test_an_excuse_of_the_day_makes_a_new_absence_excused(login, server_demo: ServerDemo) -> None:  # type: ignore[no-untyped-def]
    teacher = login("prepod")
    journal = _journal(teacher)
    student, lesson = _free_cell(teacher, journal)
    with server_demo.superuser() as c:
        c.execute(
            "INSERT INTO excuse (student_id, from_date, to_date, reason, document) VALUES (%s, %s, %s, 'sick', 'т')",
            (student.student_id, lesson.held_on - dt.timedelta(days=1), lesson.held_on),
        )
    saved = gb.save_cell(teacher, lesson.lesson_id, student.student_id, parse_cell("н", lesson.hours),
                         gb.EMPTY_CELL_STATE, today=DEMO_TODAY)  # fmt: skip
    stored = gb.open_journal(teacher, journal.summary.assignment_id, today=DEMO_TODAY).cell(
        student.student_id, lesson.lesson_id
    )
    assert saved.reason == stored.reason == "sick" and saved.same_as(stored)
