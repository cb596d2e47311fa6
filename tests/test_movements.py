"""Movements by order, the roster «на дату» and membership intervals, on both backends."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import Engine, func, insert, select

from ejournal_desktop.domain.errors import PermissionDenied, ValidationError
from ejournal_desktop.domain.membership import Interval
from ejournal_desktop.services import contingent as ct
from ejournal_desktop.services import movements as mv
from ejournal_desktop.store import models as m
from tests.contingent_college import College, make_college

D = dt.date


def order(no: str, day: dt.date) -> mv.Order:
    return mv.Order(no, day, day)


@pytest.fixture
def college(engine: Engine) -> College:
    return make_college(engine)


def _status(college: College, sid: int) -> tuple[str, int]:
    with college.engine.connect() as c:
        return tuple(c.execute(select(m.Student.status, m.Student.group_id).where(m.Student.id == sid)).one())  # type: ignore[return-value]


def test_story_of_a_student(college: College) -> None:
    s = college.secretary
    sid = mv.enrol(s, {"last_name": "Новиков", "first_name": "Илья", "record_book_no": "26-1"}, college.group_to,
                   order("12-к", D(2026, 9, 1)))  # fmt: skip
    stay = ct.create_student(s, {"last_name": "Старожилов", "first_name": "Олег", "group_id": college.group_to})
    # A mark in the first group survives every movement.
    with college.engine.begin() as c:
        c.execute(insert(m.Discipline).values(id=1, code="ОП.01", name="Черчение", kind="ОП"))
        c.execute(
            insert(m.TeachingAssignment).values(
                id=1,
                group_id=college.group_to,
                discipline_id=1,
                teacher_id=college.teacher_id,
                period_id=college.period_id,
            )
        )
        c.execute(insert(m.Lesson).values(id=1, assignment_id=1, held_on=D(2026, 9, 5), pair_no=1))
        c.execute(insert(m.Mark).values(lesson_id=1, student_id=sid, value="5"))
    mv.transfer(s, [sid], college.group_vet, order("40-к", D(2026, 10, 10)))
    assert _status(college, sid) == ("studying", college.group_vet)
    mv.academic_leave(s, [sid], order("50-к", D(2026, 11, 1)))
    assert _status(college, sid) == ("academic_leave", college.group_vet)
    mv.return_from_leave(s, [sid], order("70-к", D(2027, 2, 1)), to_group_id=college.group_to)
    mv.expel(s, [sid], order("90-к", D(2027, 3, 1)))
    mv.reinstate(s, [sid], college.group_to, order("95-к", D(2027, 4, 1)))
    mv.graduate(s, [sid, stay], order("120-к", D(2027, 6, 30)))
    assert _status(college, sid) == ("graduated", college.group_to)
    with college.engine.connect() as c:
        assert c.execute(select(func.count()).select_from(m.Mark)).scalar() == 1
        kinds = c.execute(
            select(m.StudentMovement.kind).where(m.StudentMovement.student_id == sid).order_by(m.StudentMovement.id)
        ).scalars()
        assert list(kinds) == ["enrol", "transfer", "academic_leave", "return", "expel", "reinstate", "graduate"]
    card = ct.student_card(s, sid)
    assert [(x.kind, x.from_group, x.to_group) for x in card.movements][:2] == [
        ("enrol", "", "21-ТО"),
        ("transfer", "21-ТО", "22-ВЕТ"),
    ]

    def roster(group: int, day: dt.date) -> set[int]:
        return {r.student_id for r in mv.group_roster_on(s, group, day)}

    assert roster(college.group_to, D(2026, 8, 31)) == {stay}  # before the enrolment
    assert roster(college.group_to, D(2026, 9, 1)) == {sid, stay}  # effective date = first day in the group
    assert roster(college.group_to, D(2026, 10, 9)) == {sid, stay}  # last day in the old group
    assert roster(college.group_to, D(2026, 10, 10)) == {stay}
    assert roster(college.group_vet, D(2026, 10, 10)) == {sid}
    assert roster(college.group_vet, D(2026, 11, 1)) == set()  # on leave from that day
    assert roster(college.group_to, D(2027, 2, 1)) == {sid, stay}
    assert roster(college.group_to, D(2027, 3, 15)) == {stay}  # expelled
    assert roster(college.group_to, D(2027, 6, 30)) == set()  # graduated that day

    intervals = mv.membership_intervals(s, college.group_to, D(2026, 9, 1), D(2027, 6, 30))
    assert intervals[stay] == (Interval(D(2026, 9, 1), D(2027, 6, 29)),)
    assert intervals[sid] == (
        Interval(D(2026, 9, 1), D(2026, 10, 9)),
        Interval(D(2027, 2, 1), D(2027, 2, 28)),
        Interval(D(2027, 4, 1), D(2027, 6, 29)),
    )
    assert mv.membership_intervals(s, college.group_vet, D(2026, 9, 1), D(2026, 12, 31)) == {
        sid: (Interval(D(2026, 10, 10), D(2026, 10, 31)),)
    }
    assert mv.membership_intervals(s, college.group_vet, D(2027, 1, 1), D(2027, 1, 31)) == {}


def test_refused_movements_write_nothing(college: College) -> None:
    s = college.secretary
    a = ct.create_student(s, {"last_name": "Акимов", "first_name": "Лев", "group_id": college.group_to})
    b = ct.create_student(s, {"last_name": "Белов", "first_name": "Ян", "group_id": college.group_to})
    mv.expel(s, [b], order("1-к", D(2026, 10, 1)))
    with pytest.raises(ValidationError, match="Белов Ян: отчислен, перевод невозможно"):
        mv.transfer(s, [a, b], college.group_vet, order("2-к", D(2026, 10, 2)))
    assert _status(college, a) == ("studying", college.group_to)  # the whole order was refused
    with pytest.raises(ValidationError, match="позже"):
        mv.reinstate(s, [b], college.group_to, order("3-к", D(2026, 9, 15)))
    with pytest.raises(ValidationError, match="уже в этой группе"):
        mv.transfer(s, [a], college.group_to, order("4-к", D(2026, 10, 2)))
    with pytest.raises(ValidationError, match="номер приказа"):
        mv.expel(s, [a], order(" ", D(2026, 10, 2)))
    with pytest.raises(ValidationError, match="раньше даты приказа"):
        mv.expel(s, [a], mv.Order("5-к", D(2026, 10, 2), D(2026, 10, 1)))
    with pytest.raises(ValidationError, match="Не выбран"):
        mv.expel(s, [], order("6-к", D(2026, 10, 2)))
    for session in (college.curator, college.teacher, college.deputy):
        with pytest.raises(PermissionDenied):
            mv.expel(session, [a], order("7-к", D(2026, 10, 2)))
    with pytest.raises(PermissionDenied):
        mv.group_roster_on(college.curator, college.group_vet, D(2026, 10, 2))
    assert {r.student_id for r in mv.group_roster_on(college.curator, college.group_to, D(2026, 10, 2))} == {a}
