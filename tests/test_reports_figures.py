"""Every figure of every report against values computed by hand (tests/reports_college.py), on
SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator

import pytest
from sqlalchemy import Engine, delete, event

from ejournal_desktop.domain.errors import PermissionDenied, ValidationError
from ejournal_desktop.reports.catalog import (
    REPORTS,
    ReportParams,
    available_reports,
    build_report,
    group_choices,
    period_choices,
)
from ejournal_desktop.reports.table import Report, ReportSheet, Row, RowStyle, column_values
from ejournal_desktop.services.auth import CurrentUser, Profile, UserSession
from ejournal_desktop.store import models as m
from tests.reports_college import IDS, TODAY, build_college

A, B, C, E, F = (
    "Алексеев Андрей Ильич",
    "Борисова Вера Николаевна",
    "Васильев Глеб Олегович",
    ("Григорьева Дарья Павловна"),
    "Дмитриев Егор Романович",
)
COUNTED = [A, B, C, E]

USERS = {
    "deputy": (3, "zam", "Блинова", "Вера", "Кирилловна", {"deputy"}, ()),
    "admin": (4, "adm", "Админов", "Олег", "Олегович", {"admin"}, ()),
    "curator": (1, "kurator1", "Тихонов", "Сергей", "Петрович", {"teacher"}, (1,)),
    "teacher": (2, "prepod2", "Петрова", "Анна", "Викторовна", {"teacher"}, ()),
}


@pytest.fixture
def college(engine: Engine) -> Engine:
    build_college(engine)
    return engine


@pytest.fixture
def as_user(college: Engine) -> Callable[[str], UserSession]:
    def make(who: str) -> UserSession:
        pid, login, last, first, middle, roles, curated = USERS[who]
        user = CurrentUser(pid, pid, login, last, first, middle, frozenset(roles), curated)
        return UserSession(profile=Profile(kind="embedded"), engine=college, user=user)

    return make


def params(**kw: object) -> ReportParams:
    base: dict[str, object] = {"period_id": IDS.period, "group_id": IDS.group, "today": TODAY}
    base.update(kw)
    return ReportParams(**base)  # type: ignore[arg-type]


def build(as_user: Callable[[str], UserSession], key: str, who: str = "deputy", **kw: object) -> Report:
    return build_report(as_user(who), key, params(**kw))


def by_name(sheet: ReportSheet, name: str, key: str = "name") -> Row:
    index = [c.key for c in sheet.columns].index(key)
    found = [row for row in [*sheet.body, *sheet.totals] if row.values[index] == name]
    assert len(found) == 1, (name, [r.values for r in sheet.body])
    return found[0]


def values(sheet: ReportSheet, row: Row, *keys: str) -> list[object]:
    columns = [c.key for c in sheet.columns]
    return [row.values[columns.index(k)] for k in keys]


# --- attendance ---------------------------------------------------------------------------------


def test_attendance_month_per_student_and_totals(as_user: Callable[[str], UserSession]) -> None:
    report = build(as_user, "attendance-month", months=((2026, 10), (2026, 11)))
    october, november = report.sheets
    keys = ("missed", "respectful", "sick", "unexcused", "due", "attendance")
    # October: lessons D1 05.10 and D2 06.10, 4 h due; F is still in the group on 31.10.
    assert column_values(october, "name") == [A, B, C, E, F]
    assert values(october, by_name(october, A), *keys) == [1, 0, 0, 1, 4, 75.0]
    assert values(october, by_name(october, B), *keys) == [0, 0, 0, 0, 4, 100.0]
    assert values(october, by_name(october, C), *keys) == [2, 2, 0, 0, 4, 50.0]
    assert values(october, by_name(october, E), *keys) == [2, 2, 2, 0, 4, 50.0]
    assert values(october, by_name(october, F), *keys) == [2, 0, 0, 2, 4, 50.0]
    assert values(october, october.totals[0], *keys) == [7, 4, 2, 3, 20, 65.0]
    # November: D1 09.11 and D3 25.11, 4 h due; F has left.
    assert column_values(november, "name") == COUNTED
    assert values(november, by_name(november, B), *keys) == [2, 2, 2, 0, 4, 50.0]
    assert values(november, by_name(november, A), *keys) == [0, 0, 0, 0, 4, 100.0]
    assert values(november, november.totals[0], *keys) == [2, 2, 2, 0, 16, 87.5]
    assert any(F in note for note in november.footnotes)
    assert november.name == "Ноябрь 2026"


def test_attendance_month_refuses_a_month_outside_the_period(as_user: Callable[[str], UserSession]) -> None:
    with pytest.raises(ValidationError, match="вне периода"):
        build(as_user, "attendance-month", months=((2027, 2),))
    with pytest.raises(ValidationError, match="месяц"):
        build(as_user, "attendance-month")


def test_attendance_summary_students_by_disciplines(as_user: Callable[[str], UserSession]) -> None:
    sheet = build(as_user, "attendance-summary").sheets[0]
    d1, d2, d3 = (f"d{i}" for i in (IDS.d1, IDS.d2, IDS.d3))
    keys = (f"{d1}_resp", f"{d1}_unexc", f"{d2}_resp", f"{d2}_unexc", f"{d3}_resp", f"{d3}_unexc")
    keys += ("total", "resp", "unexc")
    assert column_values(sheet, "name") == COUNTED
    assert values(sheet, by_name(sheet, A), *keys) == [0, 1, 0, 0, 0, 0, 1, 0, 1]
    assert values(sheet, by_name(sheet, B), *keys) == [2, 0, 0, 0, 0, 0, 2, 2, 0]
    assert values(sheet, by_name(sheet, C), *keys) == [0, 0, 2, 0, 0, 0, 2, 2, 0]
    assert values(sheet, by_name(sheet, E), *keys) == [0, 0, 2, 2, 0, 0, 4, 2, 2]
    assert values(sheet, sheet.totals[0], *keys) == [2, 1, 4, 2, 0, 0, 9, 6, 3]
    assert sheet.header_rows[0][2].text == "ОП.01" and sheet.header_rows[0][2].col_span == 2


# --- grades ---------------------------------------------------------------------------------------


def test_grades_summary_marks_averages_and_discipline_figures(as_user: Callable[[str], UserSession]) -> None:
    sheet = build(as_user, "grades-summary").sheets[0]
    marks = ("d1_semester", "d1_exam", "d2_semester", "d3_credit", "average", "missed", "respectful")
    assert column_values(sheet, "name") == COUNTED
    assert values(sheet, by_name(sheet, A), *marks) == ["5", "5", "5", "зч", 5.0, 1, 0]
    assert values(sheet, by_name(sheet, B), *marks) == ["3", "3", "5", "зч", 4.0, 2, 2]
    assert values(sheet, by_name(sheet, C), *marks) == ["2", "2", "3", "нз", 2.5, 2, 2]
    assert values(sheet, by_name(sheet, E), *marks) == ["4", "5", "н/а", "зч", 5.0, 4, 2]
    assert [by_name(sheet, n).style for n in COUNTED] == [
        RowStyle.NORMAL,
        RowStyle.NORMAL,
        RowStyle.RISK,
        RowStyle.RISK,
    ]
    cols = ("d1_semester", "d1_exam", "d2_semester", "d3_credit")
    expected = {
        "Количество «5»": [1, 2, 2, 0],
        "Количество «4»": [1, 0, 0, 0],
        "Количество «3»": [1, 1, 1, 0],
        "Количество «2»": [1, 1, 0, 0],
        "Количество «н/а»": [0, 0, 1, 0],
        "Количество «зч»": [0, 0, 0, 3],
        "Количество «нз»": [0, 0, 0, 1],
        "Абсолютная успеваемость, %": [75.0, 75.0, 75.0, 75.0],
        "Качество знаний, %": [50.0, 50.0, 50.0, None],
        "Средний балл": [3.5, 3.75, 4.33, None],
    }
    for label, figures in expected.items():
        assert values(sheet, by_name(sheet, label), *cols) == figures, label
    group = by_name(sheet, "По группе")
    assert values(sheet, group, "average", "missed", "respectful") == [4.0, 9, 6]
    summary = sheet.footnotes[0]
    assert "абсолютная успеваемость 50,0 %" in summary and "качество знаний 25,0 %" in summary
    assert "СОУ 61,9 %" in summary and "средний балл 4,00" in summary


def _results(sheet: ReportSheet) -> dict[str, list[object]]:
    return {str(row.values[0]): list(row.values[1:]) for row in sheet.body if row.style is not RowStyle.SECTION}


def test_group_results_categories_and_figures(as_user: Callable[[str], UserSession]) -> None:
    sheet = build(as_user, "group-results").sheets[0]
    rows = _results(sheet)
    assert rows["Обучающихся на конец периода"][0] == 4
    assert rows["Отличники"] == [1, 25.0, "Алексеев А. И."]
    assert rows["С одной «4»"] == [0, 0.0, None]
    assert rows["Хорошисты"] == [0, 0.0, None]
    assert rows["С одной «3»"] == [1, 25.0, "Борисова В. Н. (ОП.01)"]
    assert rows["Троечники"] == [0, 0.0, None]
    assert rows["Неуспевающие"] == [1, 25.0, "Васильев Г. О. («2»: ОП.01; «нз»: ОП.03)"]
    assert rows["Не аттестованные"] == [1, 25.0, "Григорьева Д. П. («н/а»: ОП.02)"]
    assert "Нет оценок" not in rows
    assert rows["Абсолютная успеваемость"][:2] == [2, 50.0]
    assert rows["Качество знаний"][:2] == [1, 25.0]
    assert rows["СОУ (степень обученности)"][1] == 61.9
    assert rows["Средний балл"][1] == 4.0
    assert any("СОУ" in note for note in sheet.footnotes)


# --- the curator ----------------------------------------------------------------------------------


def test_curator_preliminary_forecasts_from_current_marks(
    as_user: Callable[[str], UserSession], college: Engine
) -> None:
    with college.begin() as conn:
        conn.execute(delete(m.FinalMark))
    grid, results, risks = build(as_user, "curator-preliminary", who="curator").sheets
    keys = ("d1", "d2", "d3", "average", "missed", "risks")
    # A: D1 5,4,5 → 4.67 → 5; D2 4,4 → 4; D3 зч.  B: D1 3,2 → 2.5 → 3 (college rounding); D2 4,5,5 → 5.
    # C: D1 2,2 → 2; D2 3; D3 нз.  E: D2 4 h missed of 4 held → н/а.
    assert values(grid, by_name(grid, A), *keys) == ["5", "4", "зч", 4.4, 1, 0]
    assert values(grid, by_name(grid, B), *keys) == ["3", "5", "зч", 3.8, 2, 0]
    assert values(grid, by_name(grid, C), *keys) == ["2", "3", "нз", 2.33, 2, 2]
    assert values(grid, by_name(grid, E), *keys) == ["4", "н/а", "зч", 4.0, 4, 1]
    rows = _results(results)
    assert rows["С одной «4»"][:2] == [1, 25.0]
    assert rows["С одной «3»"][:2] == [1, 25.0]
    assert rows["Неуспевающие"][:2] == [1, 25.0]
    assert rows["Не аттестованные"][:2] == [1, 25.0]
    assert rows["Абсолютная успеваемость"][:2] == [2, 50.0]
    assert rows["Качество знаний"][:2] == [1, 25.0]
    assert rows["СОУ (степень обученности)"][1] == 52.9  # (2·100 + 2·64 + 2·36 + 16 + 7) / 8
    assert rows["Средний балл"][1] == 3.71  # 26 / 7
    listed = [(r.values[1], r.values[2], r.values[7]) for r in risks.body]
    assert listed == [
        (C, "ОП.01 Математика", "2"),
        (C, "ОП.03 Физическая культура", "нз"),
        (E, "ОП.02 Информатика", "н/а"),
    ]
    assert values(risks, risks.body[0], "average", "marks", "missed", "held") == [2.0, 2, 0, 6]
    assert "пропущено 4 ч из 4" in str(risks.body[2].values[8])


def test_curator_report_results_attendance_and_movement(as_user: Callable[[str], UserSession]) -> None:
    results, attendance, movement = build(as_user, "curator-report", who="curator").sheets
    assert _results(results)["Абсолютная успеваемость"][:2] == [2, 50.0]
    keys = ("missed", "respectful", "sick", "unexcused", "late", "attendance")
    # 14 h of lessons held for the group in the period.
    assert values(attendance, by_name(attendance, A), *keys) == [1, 0, 0, 1, 1, 92.9]
    assert values(attendance, by_name(attendance, B), *keys) == [2, 2, 2, 0, 0, 85.7]
    assert values(attendance, by_name(attendance, C), *keys) == [2, 2, 0, 0, 0, 85.7]
    assert values(attendance, by_name(attendance, E), *keys) == [4, 2, 2, 2, 0, 71.4]
    assert values(attendance, attendance.totals[0], *keys) == [9, 6, 4, 3, 1, 83.9]
    assert values(attendance, attendance.totals[1], *keys[:5]) == [2.3, 1.5, 1.0, 0.8, 0.3]
    assert [r.values[1:5] for r in movement.body] == [[F, "отчисление", dt.date(2026, 11, 1), "№ 12-к от 25.10.2026"]]
    assert [r.values[6] for r in movement.totals] == [5, 4]
    assert any("Тихонов С. П." in s for s in movement.signatures)


def test_parent_letter_for_one_student(as_user: Callable[[str], UserSession]) -> None:
    report = build(as_user, "parent-letter", who="curator", student_id=IDS.b)
    (sheet,) = report.sheets
    rows = [r.values for r in sheet.body]
    assert rows == [
        ["ОП.01 Математика", "3 2", 2.5, "3", 2, 2],
        ["ОП.02 Информатика", "4 5 5", 4.67, "5", 0, 0],
        ["ОП.03 Физическая культура", "зч", None, "зч", 0, 0],
    ]
    assert sheet.totals[0].values == ["Итого", "оценок: 6", 3.8, None, 2, 2]
    assert any(B in line for line in sheet.subtitle_lines)
    assert any("Борисова Ольга Ивановна — мать" in line for line in sheet.subtitle_lines)
    assert any("Тихонов Сергей Петрович" in n and "+7 900 111-22-33" in n for n in sheet.footnotes)


def test_parent_letters_for_the_whole_group(as_user: Callable[[str], UserSession]) -> None:
    from ejournal_desktop.reports.parent_letter import build_letters_with_recipients, single_letter

    report, recipients = build_letters_with_recipients(as_user("curator"), params())
    assert [r.student_name for r in recipients] == COUNTED
    assert [r.emails for r in recipients] == [[], ["olga@parents.example"], [], []]
    assert len({s.name for s in report.sheets}) == 4
    assert single_letter(report, recipients[1]).sheets[0].body[0].values[1] == "3 2"


# --- the deputy -------------------------------------------------------------------------------------


def test_filling_control_worst_first(as_user: Callable[[str], UserSession]) -> None:
    sheet = build(as_user, "filling-control", days=7).sheets[0]
    keys = ("teacher", "group", "discipline", "last", "since", "no_topic", "no_marks", "planned", "given", "done")
    assert [values(sheet, row, *keys) for row in sheet.body] == [
        ["Петрова А. В.", "21-ТО", "ОП.02 Информатика", dt.date(2026, 10, 6), 55, 0, 0, 30, 4, 13.3],
        ["Тихонов С. П.", "21-ТО", "ОП.01 Математика", dt.date(2026, 11, 9), 21, 1, 0, 40, 6, 15.0],
        ["Петрова А. В.", "21-ТО", "ОП.03 Физическая культура", dt.date(2026, 11, 25), 5, 0, 1, 20, 4, 20.0],
        ["Петрова А. В.", "11-АГ", "ОП.01 Математика", dt.date(2026, 11, 27), 3, 0, 0, 40, 2, 5.0],
    ]
    assert [row.style for row in sheet.body] == [RowStyle.RISK, RowStyle.RISK, RowStyle.NORMAL, RowStyle.NORMAL]
    # Each row carries its journal's assignment id, for the control screen to open it.
    assert len({row.ref for row in sheet.body}) == 4 and all(isinstance(row.ref, int) for row in sheet.body)
    assert sheet.totals[0].ref is None
    assert values(sheet, sheet.totals[0], "no_topic", "no_marks", "planned", "given", "done") == [1, 1, 130, 16, 12.3]
    # A threshold of 30 days: only the journal 55 days old is late.
    wide = build(as_user, "filling-control", days=30).sheets[0]
    assert [row.style for row in wide.body].count(RowStyle.RISK) == 1


def test_teacher_stats(as_user: Callable[[str], UserSession]) -> None:
    sheet = build(as_user, "teacher-stats", days=7).sheets[0]
    keys = ("teacher", "journals", "on_time", "on_time_pct", "lessons", "late", "late_pct", "marks", "corrections")
    assert [values(sheet, row, *keys) for row in sheet.body] == [
        ["Петрова А. В.", 3, 2, 66.7, 5, 1, 20.0, 11, 1],
        ["Тихонов С. П.", 1, 0, 0.0, 3, 0, 0.0, 9, 2],
    ]
    assert values(sheet, sheet.totals[0], *keys[1:]) == [4, 2, 50.0, 8, 1, 12.5, 20, 3]


def test_college_results_groups_courses_specialties(as_user: Callable[[str], UserSession]) -> None:
    sheet = build(as_user, "college-results", group_id=None).sheets[0]
    keys = ("students", "excellent", "good", "failing", "absolute", "quality", "average", "sou", "missed")
    keys += ("per_student",)
    table = {row.values[0]: values(sheet, row, *keys) for row in sheet.body if row.style is not RowStyle.SECTION}
    g = [4, 1, 0, 2, 50.0, 25.0, 4.0, 61.9, 9, 2.3]
    h = [1, 0, 1, 0, 100.0, 100.0, 4.0, 64.0, 0, 0.0]
    assert table == {
        "11-АГ": h,
        "Итого по 1 курсу": h,
        "21-ТО": g,
        "Итого по 2 курсу": g,
        "Итого по 35.02.05": h,
        "Итого по 35.02.16": g,
    }
    # The college pools its 5 students: 3 successful, 2 with only 4/5; 9 marks for СОУ.
    assert values(sheet, sheet.totals[0], *keys) == [5, 1, 1, 2, 60.0, 40.0, 4.0, 62.1, 9, 1.8]
    assert [row.values[0] for row in sheet.body if row.style is RowStyle.SECTION] == [
        "1 курс",
        "2 курс",
        "По специальностям",
    ]


def test_usage_stats(as_user: Callable[[str], UserSession]) -> None:
    by_role, by_day, never = build(as_user, "usage-stats", who="admin", group_id=None).sheets
    roles = {row.values[0]: row.values[1:] for row in by_role.body}
    assert roles["Преподаватель"] == [2, 2, 1, 2, 1]
    assert roles["Зам. директора по УПР"] == [1, 1, 1, 1, 0]
    assert roles["Администратор"] == [1, 1, 0, 0, 1]
    assert by_role.totals[0].values == ["Итого", 4, 4, 2, 3, 2]
    assert [(r.values[0], r.values[-1]) for r in by_day.body] == [(dt.date(2026, 11, 2), 2), (dt.date(2026, 11, 3), 1)]
    day_keys = [c.key for c in by_day.columns]
    assert by_day.body[0].values[day_keys.index("teacher")] == 2
    assert by_day.body[1].values[day_keys.index("deputy")] == 1
    assert [r.values[1] for r in never.body] == ["adm", "prepod2"]


# --- rights and query counts ---------------------------------------------------------------------


def test_who_may_build_what(as_user: Callable[[str], UserSession]) -> None:
    group_keys = {"attendance-month", "attendance-summary", "grades-summary", "group-results"}
    group_keys |= {"curator-preliminary", "curator-report", "parent-letter", "consents-missing"}
    assert {s.key for s in available_reports(as_user("curator"))} == group_keys
    assert {s.key for s in available_reports(as_user("deputy"))} == set(REPORTS) - {"usage-stats"}
    assert {s.key for s in available_reports(as_user("admin"))} == set(REPORTS)
    assert available_reports(as_user("teacher")) == []
    with pytest.raises(PermissionDenied):
        build(as_user, "grades-summary", who="curator", group_id=IDS.other_group)
    with pytest.raises(PermissionDenied):
        build(as_user, "college-results", who="curator")
    with pytest.raises(PermissionDenied):
        build(as_user, "usage-stats", who="deputy")
    with pytest.raises(PermissionDenied):
        build(as_user, "grades-summary", who="teacher")
    with pytest.raises(ValidationError, match="Неизвестный отчёт"):
        build(as_user, "no-such-report")
    assert group_choices(as_user("curator")) == [(IDS.group, "21-ТО")]
    assert group_choices(as_user("deputy")) == [(IDS.other_group, "11-АГ"), (IDS.group, "21-ТО")]
    assert group_choices(as_user("teacher")) == []
    assert [p.code for p in period_choices(as_user("curator"))] == ["2026/2027-1"]


@pytest.fixture
def statements(college: Engine) -> Iterator[list[str]]:
    seen: list[str] = []

    def count(conn: object, cursor: object, statement: str, *args: object) -> None:
        if statement.lstrip().upper().startswith(("SELECT", "WITH")):
            seen.append(statement)

    event.listen(college, "before_cursor_execute", count)
    yield seen
    event.remove(college, "before_cursor_execute", count)


@pytest.mark.parametrize(
    ("key", "queries"),
    [
        ("attendance-month", 4),
        ("attendance-summary", 3),
        ("grades-summary", 3),
        ("group-results", 3),
        ("curator-preliminary", 5),
        ("curator-report", 5),
        ("parent-letter", 5),
        ("college-results", 5),
        ("filling-control", 3),
        ("teacher-stats", 3),
        ("usage-stats", 4),
    ],
)
def test_a_constant_number_of_queries(
    as_user: Callable[[str], UserSession], statements: list[str], key: str, queries: int
) -> None:
    """However many students and lessons: the fixture's counts are the counts for any group."""
    who = "admin"
    kw: dict[str, object] = {"months": ((2026, 9), (2026, 10), (2026, 11))}
    build(as_user, key, who=who, **kw)
    assert len(statements) == queries, statements
