"""Teaching load, subgroups, the new academic year, consents and list export, on both backends."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import Engine, select

from ejournal_desktop.domain.errors import PermissionDenied, ValidationError
from ejournal_desktop.reports.list_export import ListTable, write_xlsx
from ejournal_desktop.services import academic_year as ay
from ejournal_desktop.services import consents, load
from ejournal_desktop.services import contingent as ct
from ejournal_desktop.services.movements import Order, group_roster_on
from ejournal_desktop.store import models as m
from tests.contingent_college import College, make_college

D = dt.date


@pytest.fixture
def college(engine: Engine) -> College:
    return make_college(engine)


def _discipline(college: College, code: str, name: str) -> int:
    return ct.save_discipline(college.secretary, {"code": code, "name": name, "kind": code.split(".")[0]})


def test_load_crud_copy_and_split(college: College) -> None:
    s = college.secretary
    d1 = _discipline(college, "ОП.01", "Инженерная графика")
    d2 = _discipline(college, "МДК.01.01", "Назначение и общее устройство тракторов")
    base = {"group_id": college.group_to, "teacher_id": college.teacher_id}
    a1 = load.save_assignment(s, college.period_id, {**base, "discipline_id": d1, "planned_hours": "72"})
    load.save_assignment(
        s, college.period_id, {**base, "discipline_id": d2, "subgroup": 1, "control_form": "exam", "planned_hours": 40}
    )
    load.save_assignment(s, college.period_id, {**base, "discipline_id": d2, "subgroup": 2, "planned_hours": 40})
    with pytest.raises(ValidationError, match="уже назначена"):
        load.save_assignment(s, college.period_id, {**base, "discipline_id": d1})
    with pytest.raises(ValidationError, match="Подгруппа"):
        load.save_assignment(s, college.period_id, {**base, "discipline_id": d1, "subgroup": 4})
    with pytest.raises(ValidationError, match="форма контроля"):
        load.save_assignment(s, college.period_id, {**base, "discipline_id": d1, "control_form": "экзамен"}, a1)
    with pytest.raises(PermissionDenied):
        load.save_assignment(college.curator, college.period_id, {**base, "discipline_id": d1})
    rows = load.list_assignments(s, college.period_id)
    assert [(r.discipline_code, r.subgroup, r.control_form_label) for r in rows] == [
        ("МДК.01.01", 1, "экзамен"),
        ("МДК.01.01", 2, "другие формы контроля"),
        ("ОП.01", None, "другие формы контроля"),
    ]
    assert rows[0].teacher_name == "Иванов Иван Иванович"
    target = ct.save_period(s, {"academic_year": "2026/2027", "number": 2})
    assert load.copy_load(s, college.period_id, target) == 3
    assert load.copy_load(s, college.period_id, target) == 0  # idempotent
    assert all(r.is_draft for r in load.list_assignments(s, target))
    assert load.approve_load(s, target) == 3
    load.delete_assignment(s, a1)
    assert len(load.list_assignments(s, college.period_id)) == 2
    # Subgroups by choosing students.
    ids = [
        ct.create_student(s, {"last_name": f"Студент{i}", "first_name": "Имя", "group_id": college.group_to})
        for i in range(4)
    ]
    assert load.split_group(s, college.group_to, {ids[0]: 1, ids[1]: 1, ids[2]: 2, ids[3]: 3}) == 4
    assert [x.subgroup for x in ct.list_students(s, group_id=college.group_to)] == [1, 1, 2, 3]
    with pytest.raises(ValidationError, match="допустимы"):
        load.split_group(s, college.group_to, {ids[0]: 4})
    other = ct.create_student(s, {"last_name": "Чужой", "first_name": "Ян", "group_id": college.group_vet})
    with pytest.raises(ValidationError, match="не из этой группы"):
        load.split_group(s, college.group_to, {other: 1})


def test_new_academic_year_dry_run_then_apply(college: College) -> None:
    s = college.secretary
    # 21-ТО is on course 3 of 4; add a final-course group with two students and last year's load.
    final = ct.save_group(
        s, {"name": "20-ТО", "specialty_id": college.specialty_id, "course": 4, "admission_year": 2023}
    )
    grads = [ct.create_student(s, {"last_name": f"Выпускник{i}", "first_name": "А", "group_id": final}) for i in (1, 2)]
    stay = ct.create_student(s, {"last_name": "Третьекурсник", "first_name": "Б", "group_id": college.group_to})
    d1 = _discipline(college, "ОП.01", "Инженерная графика")
    for gid in (college.group_to, final):
        load.save_assignment(
            s, college.period_id, {"group_id": gid, "discipline_id": d1, "teacher_id": college.teacher_id}
        )
    plan = ay.plan_new_year(s, "2027/2028")
    assert [n for n, _a, _b in plan.new_periods] == [1, 2]
    assert [g.name for g in plan.graduating] == ["20-ТО"] and plan.graduating[0].students == 2
    assert {g.name for g in plan.moving_up} == {"21-ТО", "22-ВЕТ"}
    # Last year's (2026/2027) semester-1 load of the group that stays; the graduating group's is left out.
    assert plan.load_to_copy == {1: 1} and not plan.problems
    assert any("выпустить группу 20-ТО" in line for line in plan.lines_ru())
    with college.engine.connect() as c:  # the dry run wrote nothing
        assert c.execute(select(m.Period.id).where(m.Period.academic_year == "2027/2028")).first() is None
    with pytest.raises(ValidationError, match="приказ"):
        ay.apply_new_year(s, "2027/2028", None)
    with pytest.raises(ValidationError, match="старше курса нет"):
        ay.apply_new_year(s, "2027/2028", None, graduating_group_ids=[])
    with pytest.raises(PermissionDenied):
        ay.plan_new_year(college.deputy, "2027/2028")
    order = Order("101-к", D(2027, 6, 28), D(2027, 6, 30))
    ay.apply_new_year(s, "2027/2028", order)
    groups = {g.name: g for g in ct.list_groups(s)}
    assert groups["20-ТО"].is_archived and groups["21-ТО"].course == 4 and groups["22-ВЕТ"].course == 3
    assert {x.status for x in ct.list_students(s, group_id=final)} == {"graduated"}
    assert {r.student_id for r in group_roster_on(s, final, D(2027, 6, 29))} == set(grads)
    assert group_roster_on(s, final, D(2027, 6, 30)) == []
    new_periods = {p.number: p.id for p in ct.list_periods(s) if p.academic_year == "2027/2028"}
    copied = load.list_assignments(s, new_periods[1])
    assert [(a.group_name, a.is_draft) for a in copied] == [("21-ТО", True)]
    assert stay in {x.id for x in ct.list_students(s, group_id=college.group_to)}


def test_consents(college: College) -> None:
    s = college.secretary
    sid = ct.create_student(s, {"last_name": "Ёлкин", "first_name": "Артём", "group_id": college.group_to})
    other = ct.create_student(s, {"last_name": "Орлов", "first_name": "Пётр", "group_id": college.group_vet})
    parent = ct.save_parent(s, {"last_name": "Ёлкина", "first_name": "Наталья"}, student_id=sid)
    missing = consents.missing_consents(s)
    assert [(x.group_name, x.full_name, x.kind) for x in missing] == [
        ("21-ТО", "Ёлкин Артём", "обучающийся"),
        ("21-ТО", "Ёлкина Наталья", "родитель"),
        ("22-ВЕТ", "Орлов Пётр", "обучающийся"),
    ]
    assert missing[1].student_name == "Ёлкин Артём"
    consents.record_consent(college.curator, parent, D(2026, 9, 1), "согласие от 01.09.2026")
    card_person = ct.student_card(s, other).student.person_id
    with pytest.raises(PermissionDenied):
        consents.record_consent(college.curator, card_person, D(2026, 9, 1))
    with pytest.raises(ValidationError, match="будущем"):
        consents.record_consent(s, card_person, D(2100, 1, 1))
    consents.record_consent(s, card_person, D(2026, 9, 2))
    assert [x.full_name for x in consents.missing_consents(college.curator)] == ["Ёлкин Артём"]
    assert consents.missing_consents(s, group_id=college.group_vet) == []
    assert ct.student_card(s, other).consent_signed_on == D(2026, 9, 2)


def test_list_export(tmp_path: Path) -> None:
    table = ListTable("Обучающиеся 21-ТО", ["ФИО", "Дата рождения"], [["Ёлкин Артём", D(2008, 3, 14)]], "на 01.09.2026")
    path = write_xlsx(table, tmp_path / "list.xlsx")
    sheet = load_workbook(path).active
    assert sheet["A1"].value == "Обучающиеся 21-ТО" and sheet["A3"].value == "ФИО"
    assert sheet["A4"].value == "Ёлкин Артём" and sheet["B4"].value.date() == D(2008, 3, 14)
    assert sheet.freeze_panes == "A4" and sheet.auto_filter.ref == "A3:B4"
