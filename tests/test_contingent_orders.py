"""The screens' entry points of issue 5 on both backends: one order of any kind, the enrolment order of
students already listed, the return from leave out of an archived group, students on leave in a
graduating group (flagged, not graduated), consents on file."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import Engine, func, select

from ejournal_desktop.domain.errors import PermissionDenied, ValidationError
from ejournal_desktop.services import academic_year as ay
from ejournal_desktop.services import consents
from ejournal_desktop.services import contingent as ct
from ejournal_desktop.services import movements as mv
from ejournal_desktop.store import models as m
from tests.contingent_college import College, make_college

D = dt.date


@pytest.fixture
def college(engine: Engine) -> College:
    return make_college(engine)


def _movements(college: College) -> int:
    with college.engine.connect() as c:
        return int(c.execute(select(func.count()).select_from(m.StudentMovement)).scalar_one())


def _roster(college: College, group_id: int, day: dt.date) -> set[int]:
    return {r.student_id for r in mv.group_roster_on(college.secretary, group_id, day)}


def test_apply_order_dispatches_and_names_the_missing_group(college: College) -> None:
    s = college.secretary
    a = ct.create_student(s, {"last_name": "Акимов", "first_name": "Лев", "group_id": college.group_to})
    b = ct.create_student(s, {"last_name": "Белов", "first_name": "Ян", "group_id": college.group_to})
    with pytest.raises(ValidationError, match="Не выбрана группа") as refused:
        mv.apply_order(s, "transfer", [a], mv.Order("1-к", D(2026, 10, 1), D(2026, 10, 1)))
    assert refused.value.field == "to_group_id"
    with pytest.raises(ValidationError, match="Неизвестный вид"):
        mv.apply_order(s, "promote", [a], mv.Order("1-к", D(2026, 10, 1), D(2026, 10, 1)))
    assert _movements(college) == 0
    # A group-wide order: both students in one call; a target group on a kind without one is ignored.
    order = mv.Order("2-к", D(2026, 10, 1), D(2026, 10, 5))
    assert mv.apply_order(s, "transfer", [a, b], order, college.group_vet) == 2
    assert mv.apply_order(s, "academic_leave", [a], mv.Order("3-к", D(2026, 11, 1), D(2026, 11, 2)), 999) == 1
    assert {x.id: x.status for x in ct.list_students(s)} == {a: "academic_leave", b: "studying"}
    assert _roster(college, college.group_vet, D(2026, 10, 5)) == {a, b}
    assert _roster(college, college.group_vet, D(2026, 11, 2)) == {b}
    with pytest.raises(PermissionDenied):
        mv.apply_order(college.curator, "expel", [b], mv.Order("4-к", D(2026, 12, 1), D(2026, 12, 1)))


def test_enrolment_order_for_students_already_listed(college: College) -> None:
    s = college.secretary
    a = ct.create_student(s, {"last_name": "Акимов", "first_name": "Лев", "group_id": college.group_to})
    assert _roster(college, college.group_to, D(2026, 8, 1)) == {a}  # no order yet: from the start
    mv.record_enrolment(s, [a], mv.Order("100-к", D(2026, 8, 25), D(2026, 9, 1)))
    assert _roster(college, college.group_to, D(2026, 8, 31)) == set()
    assert _roster(college, college.group_to, D(2026, 9, 1)) == {a}
    card = ct.student_card(s, a)
    assert [(x.kind, x.to_group, x.order_no) for x in card.movements] == [("enrol", "21-ТО", "100-к")]
    with pytest.raises(ValidationError, match="зачисление оформляется первым"):
        mv.apply_order(s, "enrol", [a], mv.Order("101-к", D(2026, 9, 2), D(2026, 9, 2)))
    assert _movements(college) == 1


def test_return_from_leave_out_of_an_archived_group_needs_a_group(college: College) -> None:
    s = college.secretary
    a = ct.create_student(s, {"last_name": "Акимов", "first_name": "Лев", "group_id": college.group_to})
    mv.academic_leave(s, [a], mv.Order("1-к", D(2026, 10, 1), D(2026, 10, 1)))
    group = next(g for g in ct.list_groups(s) if g.id == college.group_to)
    ct.save_group(
        s,
        {
            "name": group.name,
            "specialty_id": group.specialty_id,
            "course": group.course,
            "admission_year": group.admission_year,
            "is_archived": True,
        },
        group.id,
    )
    with pytest.raises(ValidationError, match="21-ТО в архиве, укажите группу"):
        mv.apply_order(s, "return", [a], mv.Order("2-к", D(2027, 2, 1), D(2027, 2, 1)))
    assert _movements(college) == 1
    mv.apply_order(s, "return", [a], mv.Order("2-к", D(2027, 2, 1), D(2027, 2, 1)), college.group_vet)
    assert _roster(college, college.group_vet, D(2027, 2, 1)) == {a}


def test_new_year_flags_students_on_leave_in_a_graduating_group(college: College) -> None:
    s = college.secretary
    final = ct.save_group(
        s, {"name": "20-ТО", "specialty_id": college.specialty_id, "course": 4, "admission_year": 2023}
    )
    grads = [ct.create_student(s, {"last_name": f"Выпускник{i}", "first_name": "А", "group_id": final}) for i in (1, 2)]
    away = ct.create_student(s, {"last_name": "Отпускник", "first_name": "Олег", "group_id": final})
    elsewhere = ct.create_student(s, {"last_name": "Другой", "first_name": "Пётр", "group_id": college.group_to})
    mv.academic_leave(s, [away, elsewhere], mv.Order("50-к", D(2026, 11, 1), D(2026, 11, 1)))
    plan = ay.plan_new_year(s, "2027/2028")
    assert plan.on_leave == [("20-ТО", "Отпускник Олег")]  # not the one on leave in a group that moves up
    assert any("внимание: Отпускник Олег (20-ТО) в академическом отпуске: не выпускается" in x for x in plan.lines_ru())
    assert not plan.problems
    done = ay.apply_new_year(s, "2027/2028", mv.Order("120-к", D(2027, 6, 28), D(2027, 6, 30)))
    assert done.on_leave == [("20-ТО", "Отпускник Олег")] and done.warnings_ru()
    statuses = {x.id: x.status for x in ct.list_students(s)}
    assert [statuses[g] for g in grads] == ["graduated", "graduated"]
    assert statuses[away] == "academic_leave" and statuses[elsewhere] == "academic_leave"
    # Unticking the group: nothing to flag.
    assert ay.plan_new_year(s, "2028/2029", graduating_group_ids=[]).on_leave == []


def test_consents_on_file(college: College) -> None:
    s = college.secretary
    a = ct.create_student(s, {"last_name": "Ёлкин", "first_name": "Артём", "group_id": college.group_to})
    b = ct.create_student(s, {"last_name": "Орлов", "first_name": "Пётр", "group_id": college.group_vet})
    person_a = ct.student_card(s, a).student.person_id
    person_b = ct.student_card(s, b).student.person_id
    parent = ct.save_parent(s, {"last_name": "Ёлкина", "first_name": "Наталья"}, student_id=a)
    assert consents.consents_on_file(s) == {}
    consents.record_consent(s, person_a, D(2026, 9, 1), "согласие № 1")
    consents.record_consent(s, person_a, D(2026, 9, 3), "согласие № 2")  # a newer one wins
    consents.record_consent(s, person_b, D(2026, 9, 2))
    consents.record_consent(college.curator, parent, D(2026, 9, 4), "родитель")
    on_file = consents.consents_on_file(s)
    assert on_file[person_a] == consents.ConsentInfo(D(2026, 9, 3), "согласие № 2")
    assert set(on_file) == {person_a, person_b, parent}
    assert set(consents.consents_on_file(s, [person_b])) == {person_b}
    assert consents.consents_on_file(s, []) == {}
    # The curator sees the own group's students and parents only.
    assert set(consents.consents_on_file(college.curator)) == {person_a, parent}
