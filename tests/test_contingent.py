"""Reference lists, students, parents and the search as you type, on both backends."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import Engine, select

from ejournal_desktop.domain.errors import NotFound, PermissionDenied, ValidationError
from ejournal_desktop.domain.names import search_key
from ejournal_desktop.services import contingent as ct
from ejournal_desktop.store import models as m
from tests.contingent_college import College, make_college


@pytest.fixture
def college(engine: Engine) -> College:
    return make_college(engine)


def _student(college: College, last: str, first: str, middle: str = "", group: int | None = None, **extra) -> int:  # type: ignore[no-untyped-def]
    data = {"last_name": last, "first_name": first, "middle_name": middle, "group_id": group or college.group_to}
    data.update(extra)
    return ct.create_student(college.secretary, data)


def test_specialty_crud_and_duplicate_code(college: College) -> None:
    sid = ct.save_specialty(
        college.secretary, {"code": "36.02.01", "name": "Ветеринария", "qualification": "Ветфельдшер"}
    )
    assert any(s.code == "36.02.01" for s in ct.list_specialties(college.secretary))
    with pytest.raises(ValidationError, match="Специальность с таким кодом уже есть"):
        ct.save_specialty(college.secretary, {"code": "36.02.01", "name": "Другая"})
    with pytest.raises(ValidationError, match="«Наименование»"):
        ct.save_specialty(college.secretary, {"code": "1", "name": " "}, sid)
    ct.delete_specialty(college.secretary, sid)
    with pytest.raises(NotFound):
        ct.delete_specialty(college.secretary, sid)
    with pytest.raises(ValidationError):  # used by the groups
        ct.delete_specialty(college.secretary, college.specialty_id)


def test_group_validation_and_list(college: College) -> None:
    data = {"name": "26-ТО", "specialty_id": college.specialty_id, "course": 1, "admission_year": 2026}
    gid = ct.save_group(college.secretary, {**data, "curator_id": college.teacher_id, "base_grade": 11})
    groups = {g.name: g for g in ct.list_groups(college.secretary)}
    assert groups["26-ТО"].curator_name == "Иванов Иван Иванович" and groups["26-ТО"].base_grade == 11
    with pytest.raises(ValidationError, match="Группа с таким названием уже есть"):
        ct.save_group(college.secretary, data)
    with pytest.raises(ValidationError, match="Курс"):
        ct.save_group(college.secretary, {**data, "name": "x", "course": 5})
    with pytest.raises(ValidationError, match="База"):
        ct.save_group(college.secretary, {**data, "name": "x", "base_grade": 10})
    ct.save_group(college.secretary, {**data, "name": "26-ТО-1"}, gid)
    assert "26-ТО-1" in {g.name for g in ct.list_groups(college.secretary)}


def test_discipline_period_and_staff(college: College) -> None:
    ct.save_discipline(college.secretary, {"code": "ОП.02", "name": "Техническая механика", "kind": "ОП"})
    with pytest.raises(ValidationError, match="Вид дисциплины"):
        ct.save_discipline(college.secretary, {"code": "X", "name": "Y", "kind": "ZZ"})
    assert [d.code for d in ct.list_disciplines(college.secretary)] == ["ОП.02"]
    pid = ct.save_period(college.secretary, {"academic_year": "2026/2027", "number": 2})
    period = next(p for p in ct.list_periods(college.secretary) if p.id == pid)
    assert (period.starts_on, period.ends_on) == (dt.date(2027, 1, 12), dt.date(2027, 6, 30))
    with pytest.raises(ValidationError, match="пересекаются"):
        ct.save_period(college.secretary, {"academic_year": "2026/2027", "number": 2, "starts_on": "01.12.2026"}, pid)
    with pytest.raises(ValidationError, match="вне учебного года"):
        ct.save_period(college.secretary, {"academic_year": "2027/2028", "number": 1, "ends_on": "01.01.2030"})
    with pytest.raises(ValidationError, match="Неверная дата"):
        ct.save_period(college.secretary, {"academic_year": "2027/2028", "number": 1, "starts_on": "31.02.2027"})
    with pytest.raises(ValidationError, match="учебный год"):
        ct.save_period(college.secretary, {"academic_year": "2027-2028", "number": 1})
    staff = {s.full_name: s for s in ct.list_staff(college.secretary)}
    assert staff["Петрова Мария Сергеевна"].roles == "Преподаватель"
    new = ct.save_staff(college.secretary, {"last_name": "Ёжиков", "first_name": "Олег", "position": "мастер п/о"})
    with college.engine.connect() as c:
        assert c.execute(select(m.Person.search_name).where(m.Person.id == new)).scalar() == "ежиков олег"


def test_permissions_of_reference_lists(college: College) -> None:
    for session in (college.teacher, college.curator, college.deputy):
        with pytest.raises(PermissionDenied, match="Недостаточно прав"):
            ct.save_specialty(session, {"code": "1", "name": "x"})
        with pytest.raises(PermissionDenied):
            ct.save_period(session, {"academic_year": "2027/2028", "number": 1})
    assert ct.list_groups(college.deputy)


def test_students_parents_and_curator_rights(college: College) -> None:
    sid = _student(college, "Ёлкин", "Артём", "Сергеевич", birth_date="14.03.2008", record_book_no="21-1")
    other = _student(college, "Орлов", "Пётр", group=college.group_vet)
    parent = ct.save_parent(
        college.secretary, {"last_name": "Ёлкина", "first_name": "Наталья", "phone": "+7 912 000-00-01"}, student_id=sid
    )
    card = ct.student_card(college.secretary, sid)
    assert card.student.full_name == "Ёлкин Артём Сергеевич" and card.student.birth_date == dt.date(2008, 3, 14)
    assert [p.id for p in card.parents] == [parent]
    assert card.student.parents == "Ёлкина Наталья"
    # The curator edits contacts of their own group, and nothing else.
    ct.update_student(college.curator, sid, {"phone": "+7 900 111-11-11", "email": "a@b.ru"})
    ct.save_parent(college.curator, {"phone": "+7 900 222-22-22"}, parent)
    with pytest.raises(PermissionDenied, match="только контакты"):
        ct.update_student(college.curator, sid, {"last_name": "Иванов", "first_name": "Иван"})
    with pytest.raises(PermissionDenied, match="своей группы"):
        ct.update_student(college.curator, other, {"phone": "+7 900 111-11-11"})
    with pytest.raises(PermissionDenied):
        ct.update_student(college.teacher, sid, {"phone": "+7 900 111-11-11"})
    with pytest.raises(ValidationError, match="E-mail"):
        ct.update_student(college.secretary, sid, {"email": "не почта"})
    # The curator reads the own group only; the secretary everything.
    assert {s.id for s in ct.list_students(college.curator)} == {sid}
    assert {s.id for s in ct.list_students(college.secretary)} == {sid, other}
    with pytest.raises(NotFound):
        ct.student_card(college.curator, other)
    parents = ct.list_parents(college.secretary)
    assert parents[0].phone == "+7 900 222-22-22" and "Ёлкин Артём (21-ТО)" in parents[0].children
    # A full edit keeps the search key in step with the name.
    ct.update_student(college.secretary, sid, {"last_name": "Елкин", "first_name": "Артём", "middle_name": ""})
    with college.engine.connect() as c:
        person = c.execute(select(m.Student.person_id).where(m.Student.id == sid)).scalar()
        assert c.execute(select(m.Person.search_name).where(m.Person.id == person)).scalar() == "елкин артем"


def test_search_as_you_type(college: College) -> None:
    names = [("Петров", "Пётр"), ("Петрова", "Анна"), ("Ёлкин", "Пётр"), ("Сидоров", "Петр"), ("Иванов", "Иван")]
    for last, first in names:
        _student(college, last, first)
    found = ct.search_students(college.secretary, "ПЕТР")
    # Prefix matches first, then the names that only contain the text.
    assert [s.last_name for s in found[:2]] == ["Петров", "Петрова"]
    assert {s.last_name for s in found[2:]} == {"Ёлкин", "Сидоров"}
    assert [s.last_name for s in ct.search_students(college.secretary, "елк")] == ["Ёлкин"]
    assert [s.last_name for s in ct.search_students(college.secretary, "ёлкин пё")] == ["Ёлкин"]
    assert ct.search_students(college.secretary, "  ") == []
    assert ct.search_students(college.secretary, "%") == []
    assert len(ct.search_students(college.secretary, "е", limit=2)) == 2
    assert ct.search_students(college.secretary, "петр", group_id=college.group_vet) == []
    assert search_key("ПЕТР") == "петр"
