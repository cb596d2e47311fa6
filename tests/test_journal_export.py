"""The journal printed and exported: XLSX (numbers, merged month headers, print setup) and PDF
(Cyrillic names, landscape, month pages), from the service and the command line, on both backends."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from ejournal_desktop import cli
from ejournal_desktop.domain.calendar import month_name
from ejournal_desktop.domain.errors import NotFound, PermissionDenied, ValidationError
from ejournal_desktop.reports import journal_export as je
from ejournal_desktop.services import gradebook as gb
from ejournal_desktop.services.journal_find import find_assignment
from tests.conftest import DEMO_TODAY


def _busiest(session) -> gb.Journal:  # type: ignore[no-untyped-def]
    journals = gb.my_journals(session, gb.current_period_id(session, DEMO_TODAY), today=DEMO_TODAY)
    best = max(journals, key=lambda j: j.given_hours)
    return gb.open_journal(session, best.assignment_id, today=DEMO_TODAY)


def _header_row(sheet) -> int:  # type: ignore[no-untyped-def]
    return next(row[0].row for row in sheet.iter_rows(max_col=1) if row[0].value == "№")


def test_xlsx_holds_the_marks_as_typed_with_numbers_and_month_headers(act_as, tmp_path) -> None:  # type: ignore[no-untyped-def]
    session = act_as("prepod")
    journal = _busiest(session)
    path = je.export_journal(session, journal.summary.assignment_id, tmp_path / "j.xlsx", "xlsx", today=DEMO_TODAY)
    book = load_workbook(path)
    assert book.sheetnames == ["Успеваемость", "Занятия"]
    sheet = book["Успеваемость"]
    top = _header_row(sheet)
    first_lesson_column = 3
    # Months: merged over their lessons' columns, in order.
    column = first_lesson_column
    merged = {str(r) for r in sheet.merged_cells.ranges}
    for (year, month), lessons in je._months(journal.lessons):
        cell = sheet.cell(top, column)
        assert cell.value == f"{month_name(month)} {year}"
        if len(lessons) > 1:
            assert f"{cell.coordinate}:{sheet.cell(top, column + len(lessons) - 1).coordinate}" in merged
        for offset, lesson in enumerate(lessons):
            assert sheet.cell(top + 1, column + offset).value == lesson.held_on.strftime("%d.%m")
        column += len(lessons)
    # Every student row: the cells as typed; single numeric marks are number cells.
    numbers = texts = 0
    for index, student in enumerate(journal.students):
        row = top + 2 + index
        assert sheet.cell(row, 1).value == student.number and sheet.cell(row, 2).value == student.full_name
        for offset, lesson in enumerate(journal.lessons):
            value = sheet.cell(row, first_lesson_column + offset).value
            expected = journal.cell(student.student_id, lesson.lesson_id).text(lesson.hours)
            if not student.belongs_on(lesson.held_on) or not expected:
                assert value is None
            elif expected.isdigit():
                assert value == int(expected) and isinstance(value, int)
                numbers += 1
            else:
                assert value == expected
                texts += 1
    assert numbers > 50 and texts > 5
    stats = gb.student_stats(journal)
    some = next(s for s in journal.students if stats[s.student_id].average is not None)
    row = top + 2 + journal.students.index(some)
    last = sheet.max_column
    assert sheet.cell(row, last - 3).value == pytest.approx(stats[some.student_id].average)
    assert sheet.cell(row, last - 1).value == stats[some.student_id].absent_hours
    assert sheet.cell(top, last - 3).value == "Итоги"
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.print_area and "$A$1" in sheet.print_area
    lessons = book["Занятия"]
    head = _header_row_of(lessons, "Дата")
    assert [c.value for c in lessons[head]][:5] == ["Дата", "Пара", "Часов", "Вид занятия", "Тема занятия"]
    first = journal.lessons[0]
    assert lessons.cell(head + 1, 1).value.date() == first.held_on
    assert lessons.cell(head + 1, 5).value == first.topic
    total = lessons.cell(head + 1 + len(journal.lessons), 3).value
    assert total == sum(lesson.hours for lesson in journal.lessons)


def _header_row_of(sheet, text: str) -> int:  # type: ignore[no-untyped-def]
    return next(row[0].row for row in sheet.iter_rows(max_col=1) if row[0].value == text)


def test_pdf_has_the_names_in_cyrillic_page_by_month(act_as, tmp_path) -> None:  # type: ignore[no-untyped-def]
    session = act_as("prepod")
    journal = _busiest(session)
    path = je.export_journal(session, journal.summary.assignment_id, tmp_path / "j.pdf", "pdf", today=DEMO_TODAY)
    reader = PdfReader(str(path))
    months = je._months(journal.lessons)
    assert len(reader.pages) >= 2 * len(months) + 1
    page = reader.pages[0]
    assert page.mediabox.width > page.mediabox.height  # landscape
    first = page.extract_text()
    (year, month), lessons = months[0]
    assert f"{month_name(month)} {year}" in first
    assert journal.students[0].full_name.split()[0] in first
    assert journal.summary.group_name in first and journal.summary.teacher_name in first
    assert "Страница 1 из" in first
    text = "\n".join(p.extract_text() for p in reader.pages)
    for student in journal.students:
        assert student.full_name.split()[0] in text
    assert lessons[0].topic and lessons[0].topic[:20] in reader.pages[1].extract_text()
    assert "Итоговые оценки и пропуски" in reader.pages[-1].extract_text()


def test_an_empty_journal_still_prints(act_as, tmp_path) -> None:  # type: ignore[no-untyped-def]
    session = act_as("prepod")
    journal = _busiest(session)
    empty = gb.Journal(
        summary=journal.summary,
        period=journal.period,
        students=journal.students,
        lessons=[],
        cells={},
        finals={},
        final_kinds=journal.final_kinds,
        read_only_reason=None,
    )
    assert len(PdfReader(str(je.write_journal(empty, tmp_path / "e.pdf", "pdf"))).pages) >= 1
    assert load_workbook(je.write_journal(empty, tmp_path / "e.xlsx", "xlsx")).sheetnames == ["Успеваемость", "Занятия"]


def test_find_and_rights(act_as) -> None:  # type: ignore[no-untyped-def]
    session = act_as("prepod")
    journal = _busiest(session)
    s = journal.summary
    code = journal.period.code
    assert find_assignment(session, s.group_name.lower(), s.discipline_code, code, s.subgroup) == s.assignment_id
    with pytest.raises(NotFound, match="Журнал не найден"):
        find_assignment(session, "99-ЯЯ", s.discipline_code, code)
    with pytest.raises(ValidationError, match="код периода"):
        find_assignment(session, s.group_name, s.discipline_code, "2026")
    with pytest.raises(PermissionDenied):
        je.export_journal(act_as("sekretar"), s.assignment_id, "/tmp/never.pdf", "pdf")


def test_cli_export(act_as, demo_db_url, tmp_path, capsys, backend) -> None:  # type: ignore[no-untyped-def]
    if backend != "sqlite":
        pytest.skip("a server's CLI export needs login roles: tests/server/test_journal_tools_server.py")
    journal = _busiest(act_as("prepod"))
    s = journal.summary
    target = tmp_path / "cli.xlsx"
    argv = ["journal", "export", "--url", demo_db_url, "--group", s.group_name, "--discipline", s.discipline_code]
    argv += ["--period", journal.period.code, "--format", "xlsx", "-o", str(target)]
    if s.subgroup:
        argv += ["--subgroup", str(s.subgroup)]
    assert cli.main(argv) == 0
    assert "Журнал сохранён" in capsys.readouterr().out
    assert load_workbook(target)["Успеваемость"].cell(1, 1).value
    bad = [*argv[:4], "--group", "нет-такой", *argv[6:]]
    assert cli.main(bad) == 1
    assert "Журнал не найден" in capsys.readouterr().err
