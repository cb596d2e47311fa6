"""The teacher's journal through the services, on SQLite and PostgreSQL, on the small demo college."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import event, select, text

from ejournal_desktop.domain.errors import Conflict, PermissionDenied, ValidationError
from ejournal_desktop.domain.marks import CellEntry, parse_cell
from ejournal_desktop.services import gradebook as gb
from ejournal_desktop.store import models as m
from tests.conftest import DEMO_TODAY


def _current_journal(session, *, writable: bool = True) -> gb.Journal:  # type: ignore[no-untyped-def]
    period_id = gb.current_period_id(session, DEMO_TODAY)
    journals = [j for j in gb.my_journals(session, period_id, today=DEMO_TODAY) if j.can_write == writable]
    assert journals, "the demo teacher has journals in the current period"
    return gb.open_journal(session, journals[0].assignment_id, today=DEMO_TODAY)


def _free_cell(journal: gb.Journal) -> tuple[gb.StudentRow, gb.LessonColumn]:
    """A recent lesson and a student who belonged to the group that day, with an empty cell."""
    for lesson in reversed(journal.lessons):
        for student in journal.students:
            if student.belongs_on(lesson.held_on) and journal.cell(student.student_id, lesson.lesson_id).is_empty:
                return student, lesson
    raise AssertionError("no empty cell")


def test_my_journals_lists_the_teachers_assignments_with_their_state(act_as) -> None:  # type: ignore[no-untyped-def]
    session = act_as("prepod")
    periods = gb.list_periods(session)
    current = gb.current_period_id(session, DEMO_TODAY)
    assert [p.id for p in periods if p.contains(DEMO_TODAY)] == [current]
    journals = gb.my_journals(session, current, today=DEMO_TODAY)
    assert journals and all(j.teacher_id == session.user.person_id for j in journals)
    assert all(j.can_write for j in journals)
    assert any(j.given_hours > 0 and j.last_entry_on is not None for j in journals)
    closed = next(p for p in periods if p.is_closed)
    assert all(not j.can_write for j in gb.my_journals(session, closed.id, today=DEMO_TODAY))


def test_opening_a_journal_takes_four_statements_whatever_its_size(act_as) -> None:  # type: ignore[no-untyped-def]
    session = act_as("prepod")
    current = gb.current_period_id(session, DEMO_TODAY)
    statements: list[str] = []
    event.listen(session.engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
    sizes = []
    for summary in gb.my_journals(session, current, today=DEMO_TODAY)[:3]:
        statements.clear()
        journal = gb.open_journal(session, summary.assignment_id, today=DEMO_TODAY)
        data_statements = [s for s in statements if not s.lstrip().upper().startswith(("BEGIN", "COMMIT", "ROLLBACK"))]
        assert len(data_statements) == 4, data_statements
        sizes.append(len(journal.students) * len(journal.lessons))
        assert journal.students and journal.lessons
        assert [s.number for s in journal.students] == list(range(1, len(journal.students) + 1))
        assert journal.lessons == sorted(journal.lessons, key=lambda lesson: (lesson.held_on, lesson.pair_no))
    assert len(set(sizes)) > 1  # different sizes, same count


def test_the_cells_match_the_database(act_as, demo_db_url) -> None:  # type: ignore[no-untyped-def]
    session = act_as("prepod")
    journal = _current_journal(session)
    lesson_ids = [lesson.lesson_id for lesson in journal.lessons]
    with session.engine.connect() as connection:
        marks = connection.execute(
            select(m.Mark.student_id, m.Mark.lesson_id, m.Mark.slot, m.Mark.value).where(
                m.Mark.lesson_id.in_(lesson_ids)
            )
        ).all()
        absences = connection.execute(
            select(m.Attendance.student_id, m.Attendance.lesson_id, m.Attendance.absent_hours).where(
                m.Attendance.lesson_id.in_(lesson_ids)
            )
        ).all()
    assert marks and absences
    for sid, lid, slot, value in marks:
        assert journal.cell(sid, lid).marks[slot - 1] == value
    for sid, lid, hours in absences:
        assert journal.cell(sid, lid).absent_hours == hours
    assert sum(len(c.marks) for c in journal.cells.values()) == len(marks)
    stats = gb.student_stats(journal)
    some = next(s for s in journal.students if stats[s.student_id].marks_count)
    numeric = [int(v) for (sid, _l, _s, v) in marks if sid == some.student_id and v.isdigit()]
    assert stats[some.student_id].average == pytest.approx(sum(numeric) / len(numeric))


def test_typing_marks_and_absences_saves_them(act_as) -> None:  # type: ignore[no-untyped-def]
    session = act_as("prepod")
    journal = _current_journal(session)
    student, lesson = _free_cell(journal)
    saved = gb.save_cell(
        session,
        lesson.lesson_id,
        student.student_id,
        parse_cell("4/5", lesson.hours),
        gb.EMPTY_CELL_STATE,
        today=DEMO_TODAY,
    )
    assert saved.marks == ("4", "5") and saved.mark_versions == (1, 1)
    again = gb.open_journal(session, journal.summary.assignment_id, today=DEMO_TODAY)
    assert again.cell(student.student_id, lesson.lesson_id).text(lesson.hours) == "4/5"
    absent = gb.save_cell(
        session, lesson.lesson_id, student.student_id, parse_cell("н", lesson.hours), saved, today=DEMO_TODAY
    )
    assert absent.marks == () and absent.absent_hours == lesson.hours and absent.reason == "unexcused"
    cleared = gb.save_cell(session, lesson.lesson_id, student.student_id, CellEntry(), absent, today=DEMO_TODAY)
    assert cleared.is_empty
    final = gb.open_journal(session, journal.summary.assignment_id, today=DEMO_TODAY)
    assert final.cell(student.student_id, lesson.lesson_id).is_empty


def test_a_second_editor_is_told_and_nothing_is_overwritten(act_as) -> None:  # type: ignore[no-untyped-def]
    first, second = act_as("prepod"), act_as("prepod")
    journal = _current_journal(first)
    student, lesson = _free_cell(journal)
    gb.save_cell(first, lesson.lesson_id, student.student_id, CellEntry(("5",)), gb.EMPTY_CELL_STATE, today=DEMO_TODAY)
    with pytest.raises(Conflict) as caught:
        gb.save_cell(
            second, lesson.lesson_id, student.student_id, CellEntry(("3",)), gb.EMPTY_CELL_STATE, today=DEMO_TODAY
        )
    assert caught.value.current_value.marks == ("5",)
    assert "уже изменил" in str(caught.value)
    # Choosing to write over it names the state now seen.
    mine = gb.save_cell(
        second, lesson.lesson_id, student.student_id, CellEntry(("3",)), caught.value.current_value, today=DEMO_TODAY
    )
    assert mine.marks == ("3",) and mine.mark_versions == (2,)


def test_bad_input_is_refused_and_nothing_is_written(act_as) -> None:  # type: ignore[no-untyped-def]
    session = act_as("prepod")
    journal = _current_journal(session)
    student, lesson = _free_cell(journal)
    with pytest.raises(ValidationError, match="Пропуск не может быть больше"):
        gb.save_cell(
            session,
            lesson.lesson_id,
            student.student_id,
            CellEntry(absent_hours=lesson.hours + 1),
            gb.EMPTY_CELL_STATE,
            today=DEMO_TODAY,
        )
    after = gb.open_journal(session, journal.summary.assignment_id, today=DEMO_TODAY)
    assert after.cell(student.student_id, lesson.lesson_id).is_empty


def test_a_student_outside_the_group_that_day_is_locked(act_as) -> None:  # type: ignore[no-untyped-def]
    session = act_as("prepod")
    current = gb.current_period_id(session, DEMO_TODAY)
    with session.engine.connect() as connection:
        moved = connection.execute(
            select(
                m.StudentMovement.student_id, m.StudentMovement.from_group_id, m.StudentMovement.effective_date
            ).where(m.StudentMovement.kind.in_(("transfer", "expel")))
        ).all()
    assert moved
    # Find any journal (any teacher) of the group the student left, and a lesson after they left.
    sid, group_id, left_on = moved[0]
    deputy = act_as("zamdir")
    summary = next(j for j in gb.my_journals(deputy, current, scope="all") if j.group_id == group_id and not j.subgroup)
    journal = gb.open_journal(deputy, summary.assignment_id, today=DEMO_TODAY)
    row = next(s for s in journal.students if s.student_id == sid)
    later = next(lesson for lesson in journal.lessons if lesson.held_on >= left_on)
    earlier = next(lesson for lesson in journal.lessons if lesson.held_on < left_on)
    assert not row.belongs_on(later.held_on) and row.belongs_on(earlier.held_on)
    teacher = act_as(_login_of(deputy, summary.teacher_id))
    with pytest.raises(ValidationError, match="не числится в группе"):
        gb.save_cell(teacher, later.lesson_id, sid, CellEntry(("5",)), gb.EMPTY_CELL_STATE, today=DEMO_TODAY)


def _login_of(session, person_id: int) -> str:  # type: ignore[no-untyped-def]
    with session.engine.connect() as connection:
        return connection.execute(select(m.Account.login).where(m.Account.person_id == person_id)).scalar_one()


def test_rights_closed_period_and_the_edit_window(act_as) -> None:  # type: ignore[no-untyped-def]
    teacher = act_as("prepod")
    journal = _current_journal(teacher)
    student, lesson = _free_cell(journal)
    for login in ("zamdir", "admin", "kurator"):
        other = act_as(login)
        with pytest.raises(PermissionDenied):
            gb.save_cell(
                other, lesson.lesson_id, student.student_id, CellEntry(("5",)), gb.EMPTY_CELL_STATE, today=DEMO_TODAY
            )
    closed = next(p for p in gb.list_periods(teacher) if p.is_closed)
    old = gb.open_journal(teacher, gb.my_journals(teacher, closed.id)[0].assignment_id, today=DEMO_TODAY)
    assert old.read_only_reason and "Период закрыт" in old.read_only_reason
    with pytest.raises(PermissionDenied, match="Период закрыт"):
        gb.save_cell(
            teacher,
            old.lessons[0].lesson_id,
            old.students[0].student_id,
            CellEntry(("5",)),
            old.cell(old.students[0].student_id, old.lessons[0].lesson_id),
            today=DEMO_TODAY,
        )
    # A lesson older than the edit window needs a reason, which the audit keeps.
    early = next(lesson for lesson in journal.lessons if (DEMO_TODAY - lesson.held_on).days > 7)
    sid = next(s.student_id for s in journal.students if s.belongs_on(early.held_on))
    state = journal.cell(sid, early.lesson_id)
    with pytest.raises(gb.EditReasonRequired):
        gb.save_cell(teacher, early.lesson_id, sid, CellEntry(("2",)), state, today=DEMO_TODAY)
    gb.save_cell(teacher, early.lesson_id, sid, CellEntry(("2",)), state, reason="Запись ошибочна", today=DEMO_TODAY)
    if teacher.backend == "sqlite":
        with teacher.engine.connect() as connection:
            reasons = connection.execute(text("SELECT reason FROM audit_log WHERE reason IS NOT NULL")).scalars().all()
        assert "Запись ошибочна" in reasons


def test_lessons_take_the_next_ktp_topic_and_stay_in_the_period(act_as) -> None:  # type: ignore[no-untyped-def]
    session = act_as("prepod")
    journal = _current_journal(session)
    aid = journal.summary.assignment_id
    proposed = gb.next_plan_topic(session, aid)
    day = DEMO_TODAY + dt.timedelta(days=1)
    lesson = gb.add_lesson(session, aid, day, 7)
    if proposed:
        assert lesson.topic == proposed.title and lesson.plan_topic_id == proposed.id
    with pytest.raises(ValidationError, match="уже есть занятие"):
        gb.add_lesson(session, aid, day, 7)
    with pytest.raises(ValidationError, match="вне периода"):
        gb.add_lesson(session, aid, journal.period.ends_on + dt.timedelta(days=1), 1)
    changed = gb.update_lesson(session, lesson.lesson_id, topic="  Практическая работа № 5 ", homework="§ 12")
    assert changed.topic == "Практическая работа № 5" and changed.homework == "§ 12"
    sid = next(s.student_id for s in journal.students if s.belongs_on(day))
    gb.save_cell(session, lesson.lesson_id, sid, CellEntry(("5",)), gb.EMPTY_CELL_STATE, today=day)
    with pytest.raises(ValidationError, match="Занятие не пустое"):
        gb.delete_lesson(session, lesson.lesson_id)
    gb.delete_lesson(session, lesson.lesson_id, force=True)
    assert all(x.lesson_id != lesson.lesson_id for x in gb.open_journal(session, aid, today=day).lessons)


def test_final_marks_follow_the_control_form_and_versions(act_as) -> None:  # type: ignore[no-untyped-def]
    session = act_as("prepod")
    journal = _current_journal(session)
    kind = journal.final_kinds[-1]
    sid = journal.students[0].student_id
    wrong = "5" if kind == "credit" else "зч"
    with pytest.raises(ValidationError, match="Недопустимая итоговая оценка"):
        gb.save_final(session, journal.summary.assignment_id, sid, kind, wrong, None)
    value = "зч" if kind == "credit" else "4"
    state = gb.save_final(session, journal.summary.assignment_id, sid, kind, value, None)
    assert state is not None and state.version == 1
    with pytest.raises(Conflict) as caught:
        gb.save_final(session, journal.summary.assignment_id, sid, kind, value, None)
    theirs = caught.value.current_value
    assert isinstance(theirs, gb.FinalState) and theirs.value == value and theirs.version == 1
    assert caught.value.changed_by == theirs.updated_by and theirs.updated_by
    # «Записать своё»: saving again against the version now seen goes through.
    other = "нз" if kind == "credit" else "5"
    assert gb.save_final(session, journal.summary.assignment_id, sid, kind, other, theirs.version).version == 2
    reopened = gb.open_journal(session, journal.summary.assignment_id, today=DEMO_TODAY)
    assert reopened.finals[(sid, kind)].value == other


@pytest.mark.parametrize(
    ("first", "second"),
    [("5", "4/5"), ("4/5", "3"), ("н", "5"), ("5", "н1 5"), ("н1", "н"), ("4/5", ""), ("", "н")],
)
def test_the_returned_state_is_what_the_database_holds(act_as, first: str, second: str) -> None:  # type: ignore[no-untyped-def]
    session = act_as("prepod")
    journal = _current_journal(session)
    student, lesson = _free_cell(journal)
    state = gb.EMPTY_CELL_STATE
    for text_ in (first, second):
        state = gb.save_cell(
            session, lesson.lesson_id, student.student_id, parse_cell(text_, lesson.hours), state, today=DEMO_TODAY
        )
        stored = gb.open_journal(session, journal.summary.assignment_id, today=DEMO_TODAY).cell(
            student.student_id, lesson.lesson_id
        )
        assert state.same_as(stored), (text_, state, stored)
