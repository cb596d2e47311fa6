"""Weekly timetable and «Создать занятия по расписанию», on SQLite and PostgreSQL (small demo college)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from ejournal_desktop.domain.calendar import is_school_day
from ejournal_desktop.domain.errors import PermissionDenied, ValidationError
from ejournal_desktop.services import gradebook as gb
from ejournal_desktop.services import ktp
from ejournal_desktop.services import timetable as tt
from ejournal_desktop.store import models as m
from tests.conftest import DEMO_TODAY


def _assignment(session, *, closed: bool = False) -> int:  # type: ignore[no-untyped-def]
    periods = gb.list_periods(session)
    period_id = next(p.id for p in periods if p.is_closed) if closed else gb.current_period_id(session, DEMO_TODAY)
    return gb.my_journals(session, period_id, today=DEMO_TODAY)[0].assignment_id


def _lessons(session, aid: int, year: int, month: int) -> list[tuple[dt.date, int, int | None]]:  # type: ignore[no-untyped-def]
    first = dt.date(year, month, 1)
    with session.engine.connect() as connection:
        return [
            tuple(row)
            for row in connection.execute(
                select(m.Lesson.held_on, m.Lesson.pair_no, m.Lesson.plan_topic_id)
                .where(m.Lesson.assignment_id == aid, func.extract("month", m.Lesson.held_on) == month)
                .where(m.Lesson.held_on >= first)
                .order_by(m.Lesson.held_on, m.Lesson.pair_no)
            )
        ]


def test_the_demo_timetable_is_read(act_as) -> None:  # type: ignore[no-untyped-def]
    session = act_as("prepod")
    table = tt.load_timetable(session, _assignment(session))
    assert table.slots and table.read_only_reason is None and table.lessons_refusal is None
    assert all(0 <= s.weekday <= 5 and 1 <= s.pair_no <= 8 for s in table.slots)
    assert (2026, 9) in table.months and (2026, 12) in table.months


def test_a_month_of_lessons_skipping_holidays_and_existing_ones(act_as) -> None:  # type: ignore[no-untyped-def]
    session = act_as("prepod")
    aid = _assignment(session)
    saved = tt.save_timetable(session, aid, [tt.Slot(2, 7), tt.Slot(4, 7, "101")])  # Wednesday, Friday, 7th pair
    assert saved.slots == (tt.Slot(2, 7), tt.Slot(4, 7, "101"))
    plan = ktp.load_ktp(session, aid)
    next_topic = gb.next_plan_topic(session, aid)
    result = tt.create_month_lessons(session, aid, 2026, 11)
    # November 2026: Wednesdays 4, 11, 18, 25 (4 November is a holiday), Fridays 6, 13, 20, 27.
    expected = [dt.date(2026, 11, d) for d in (6, 11, 13, 18, 20, 25, 27)]
    assert [day for day, _pair in result.created] == expected
    assert result.holidays == (dt.date(2026, 11, 4),) and result.existing == 0 and result.outside == 0
    assert "Создано занятий за ноябрь 2026: 7" in result.message and "04.11.2026" in result.message
    created = [row for row in _lessons(session, aid, 2026, 11) if row[1] == 7]
    assert [row[0] for row in created] == expected
    if next_topic is not None:
        topic_ids = [t.id for t in plan.topics if t.position >= next_topic.position]
        assert [row[2] for row in created] == (topic_ids + [None] * 7)[:7]
        assert result.topics_used == min(7, len(topic_ids))
    again = tt.create_month_lessons(session, aid, 2026, 11)
    assert again.created == () and again.existing == 7 and "уже были — 7" in again.message


def test_dates_outside_the_period_are_skipped(act_as) -> None:  # type: ignore[no-untyped-def]
    session = act_as("prepod")
    aid = _assignment(session)
    table = tt.save_timetable(session, aid, [tt.Slot(0, 8)])
    ends = table.period.ends_on
    after = dt.date(ends.year + (ends.month == 12), ends.month % 12 + 1, 1)
    result = tt.create_month_lessons(session, aid, after.year, after.month)
    mondays = [d for d in tt._month_days(after.year, after.month) if d.weekday() == 0]
    assert result.created == () and result.outside == len(mondays)
    month = tt.create_month_lessons(session, aid, ends.year, ends.month)
    inside = [d for d in tt._month_days(ends.year, ends.month) if d.weekday() == 0 and d <= ends and is_school_day(d)]
    assert [d for d, _p in month.created] == inside


def test_rights_and_bad_input(act_as) -> None:  # type: ignore[no-untyped-def]
    teacher = act_as("prepod")
    aid = _assignment(teacher)
    deputy = act_as("zamdir")
    assert tt.load_timetable(deputy, aid).read_only_reason is not None
    with pytest.raises(PermissionDenied):
        tt.save_timetable(deputy, aid, [tt.Slot(0, 1)])
    with pytest.raises(PermissionDenied):
        tt.create_month_lessons(deputy, aid, 2026, 12)
    secretary = act_as("sekretar")
    assert tt.save_timetable(secretary, aid, [tt.Slot(1, 3)]).slots == (tt.Slot(1, 3),)
    with pytest.raises(PermissionDenied):
        tt.create_month_lessons(secretary, aid, 2026, 12)
    closed = _assignment(teacher, closed=True)
    with pytest.raises(PermissionDenied, match="Период закрыт"):
        tt.create_month_lessons(teacher, closed, 2026, 3)
    with pytest.raises(ValidationError, match="Номер пары"):
        tt.save_timetable(teacher, aid, [tt.Slot(0, 9)])
    with pytest.raises(ValidationError, match="понедельника по субботу"):
        tt.save_timetable(teacher, aid, [tt.Slot(6, 1)])
    tt.save_timetable(teacher, aid, [])
    with pytest.raises(ValidationError, match="Расписание не задано"):
        tt.create_month_lessons(teacher, aid, 2026, 12)


def test_a_month_takes_a_constant_number_of_statements(act_as) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import event

    session = act_as("prepod")
    aid = _assignment(session)
    statements: list[str] = []
    event.listen(session.engine, "before_cursor_execute", lambda *a: statements.append(a[2]))
    counts = []
    for slots in ([tt.Slot(0, 8)], [tt.Slot(w, p) for w in range(6) for p in (7, 8)]):
        tt.save_timetable(session, aid, slots)
        statements.clear()
        result = tt.create_month_lessons(session, aid, 2026, 12)
        assert result.created
        counts.append(len([s for s in statements if not s.lstrip().upper().startswith(("BEGIN", "COMMIT"))]))
    assert counts[0] == counts[1] <= 6, counts
