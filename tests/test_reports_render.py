"""Every report rendered to XLSX and PDF: numbers stay number cells, headers stay merged, the page is
set up; the PDF carries the Cyrillic names and page numbers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy import Engine

from ejournal_desktop.reports.catalog import REPORTS, ReportParams, build_report
from ejournal_desktop.reports.render_pdf import write_pdf
from ejournal_desktop.reports.render_xlsx import write_xlsx
from ejournal_desktop.reports.table import (
    Column,
    ColumnKind,
    HeaderCell,
    Report,
    ReportSheet,
    Row,
    RowStyle,
    cell_column,
    format_value,
)
from ejournal_desktop.services.auth import CurrentUser, Profile, UserSession
from tests.reports_college import IDS, TODAY, build_college

# What each report's PDF must show: a Cyrillic name from its body.
EXPECTED_NAME = {
    "attendance-month": "Борисова Вера Николаевна",
    "attendance-summary": "Васильев Глеб Олегович",
    "grades-summary": "Григорьева Дарья Павловна",
    "group-results": "Алексеев А. И.",
    "curator-preliminary": "Васильев Глеб Олегович",
    "curator-report": "Дмитриев Егор Романович",
    "parent-letter": "Борисова Вера Николаевна",
    "filling-control": "Тихонов С. П.",
    "college-results": "Итого по 2 курсу",
    "teacher-stats": "Петрова А. В.",
    "usage-stats": "Петрова Анна Викторовна",
    "consents-missing": "Борисова Вера Николаевна",
}


@pytest.fixture
def admin(engine: Engine) -> UserSession:
    build_college(engine)
    user = CurrentUser(4, 4, "adm", "Админов", "Олег", "Олегович", frozenset({"admin"}))
    return UserSession(profile=Profile(kind="embedded"), engine=engine, user=user)


def _build(session: UserSession, key: str) -> Report:
    spec = REPORTS[key]
    params = ReportParams(
        period_id=IDS.period,
        group_id=IDS.group if spec.needs_group else None,
        months=((2026, 9), (2026, 10), (2026, 11)),
        today=TODAY,
    )
    return build_report(session, key, params)


def _identity(value: object) -> object:
    return value.date() if isinstance(value, dt.datetime) else value


def _find_row(ws: object, sheet: ReportSheet, row: Row, used: set[int]) -> int:
    """The worksheet row holding this table row, found by its text and date cells."""
    keys = [
        (i, v)
        for i, v in enumerate(row.values)
        if isinstance(v, str | dt.date) and v != "" and cell_column(sheet, row, i).kind is not ColumnKind.MARK
    ]
    assert keys, (sheet.title, row.values)
    for r in range(1, ws.max_row + 1):  # type: ignore[attr-defined]
        if r not in used and all(_identity(ws.cell(r, i + 1).value) == v for i, v in keys):  # type: ignore[attr-defined]
            used.add(r)
            return r
    raise AssertionError((sheet.title, row.values))


def _check_cell(value: object, column: Column, cell: object) -> None:
    got = cell.value  # type: ignore[attr-defined]
    if value is None or value == "":
        assert got in (None, "")
    elif isinstance(value, bool):
        assert got == value
    elif isinstance(value, int | float):
        assert isinstance(got, int | float) and not isinstance(got, bool), (value, got)
        if column.kind is ColumnKind.PERCENT:
            assert got == pytest.approx(value / 100)
            assert cell.number_format.endswith("%")  # type: ignore[attr-defined]
        else:
            assert got == pytest.approx(value)
    elif isinstance(value, dt.date):
        assert (got.date() if isinstance(got, dt.datetime) else got) == value
        assert cell.number_format == "DD.MM.YYYY"  # type: ignore[attr-defined]
    elif column.kind is ColumnKind.MARK and str(value).isdigit():
        assert got == int(str(value))
    else:
        assert got == value


@pytest.mark.parametrize("key", list(REPORTS))
def test_every_report_to_xlsx(admin: UserSession, tmp_path: Path, key: str) -> None:
    report = _build(admin, key)
    path = write_xlsx(report, tmp_path / f"{key}.xlsx")
    book = load_workbook(path)
    assert len(book.worksheets) == len(report.sheets)
    for ws, sheet in zip(book.worksheets, report.sheets, strict=True):
        used: set[int] = set()
        for row in [*sheet.body, *sheet.totals]:
            if row.style is RowStyle.SECTION:
                continue
            r = _find_row(ws, sheet, row, used)
            for c, value in enumerate(row.values):
                _check_cell(value, cell_column(sheet, row, c), ws.cell(r, c + 1))
        spans = [cell for cells in sheet.header_rows for cell in cells if cell.col_span > 1 or cell.row_span > 1]
        merged = {str(rng) for rng in ws.merged_cells.ranges}
        for cell in spans:
            owners = [rng for rng in ws.merged_cells.ranges if ws.cell(rng.min_row, rng.min_col).value == cell.text]
            assert owners, (sheet.title, cell.text, merged)
            assert owners[0].size["columns"] == cell.col_span and owners[0].size["rows"] == cell.row_span
        assert ws.print_area
        assert ws.page_setup.orientation == ("landscape" if sheet.landscape else "portrait")
        assert ws.print_title_rows
        assert ws.column_dimensions["B"].width > 3


def test_xlsx_layout_of_the_grades_summary(admin: UserSession, tmp_path: Path) -> None:
    book = load_workbook(write_xlsx(_build(admin, "grades-summary"), tmp_path / "g.xlsx"))
    ws = book.worksheets[0]
    assert ws.title == "Успеваемость"
    assert ws["A1"].value == "ГБПОУ «Тестовый техникум»"
    assert ws["A2"].value == "Сводная ведомость учёта успеваемости"
    # The discipline names are rotated over their final-mark columns («сем.», «экз.»).
    titles = {ws.cell(r.min_row, r.min_col).value: r for r in ws.merged_cells.ranges}
    math = titles["ОП.01 Математика"]
    assert math.size == {"columns": 2, "rows": 1}
    assert ws.cell(math.min_row, math.min_col).alignment.text_rotation == 90
    assert [ws.cell(math.min_row + 1, math.min_col + i).value for i in range(2)] == ["сем.", "экз."]
    row = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 2).value == "Абсолютная успеваемость, %")
    assert ws.cell(row, 3).value == pytest.approx(0.75) and ws.cell(row, 3).number_format == "0.0%"


@pytest.mark.parametrize("key", list(REPORTS))
def test_every_report_to_pdf(admin: UserSession, tmp_path: Path, key: str) -> None:
    report = _build(admin, key)
    path = write_pdf(report, tmp_path / f"{key}.pdf")
    reader = PdfReader(path)
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert EXPECTED_NAME[key] in text
    assert "ГБПОУ «Тестовый техникум»" in text
    assert f"Страница 1 из {len(reader.pages)}" in text
    assert report.sheets[0].title.split(":")[0] in text
    first = reader.pages[0].mediabox
    landscape = float(first.width) > float(first.height)
    assert landscape == report.sheets[0].landscape


def test_parent_letters_one_per_page(admin: UserSession, tmp_path: Path) -> None:
    report = _build(admin, "parent-letter")
    reader = PdfReader(write_pdf(report, tmp_path / "letters.pdf"))
    assert len(reader.pages) == 4
    names = ["Алексеев Андрей Ильич", "Борисова Вера Николаевна", "Васильев Глеб Олегович", "Григорьева Дарья"]
    for page, name in zip(reader.pages, names, strict=True):
        text = page.extract_text()
        assert name in text and "Тихонов С. П." in text


def test_a_long_table_repeats_its_header_on_every_page(tmp_path: Path) -> None:
    columns = [
        Column("n", ColumnKind.INT, 5),
        Column("name", ColumnKind.TEXT, 30),
        Column("p", ColumnKind.PERCENT, digits=1),
    ]
    sheet = ReportSheet(
        title="Длинная таблица",
        columns=columns,
        header_rows=[[HeaderCell("№"), HeaderCell("Обучающийся"), HeaderCell("Доля, %")]],
        body=[Row([i, f"Студент {i}", 12.5]) for i in range(1, 201)],
    )
    reader = PdfReader(write_pdf(Report("x", "Длинная таблица", [sheet]), tmp_path / "long.pdf"))
    assert len(reader.pages) > 2
    assert all("Обучающийся" in page.extract_text() for page in reader.pages)
    assert "12,5 %" in reader.pages[0].extract_text()


def test_format_value() -> None:
    assert format_value(Column("x", ColumnKind.PERCENT, digits=1), 95.0) == "95,0 %"
    assert format_value(Column("x", ColumnKind.DECIMAL, digits=2), 4.5) == "4,50"
    assert format_value(Column("x", ColumnKind.DATE), dt.date(2026, 10, 5)) == "05.10.2026"
    assert format_value(Column("x", ColumnKind.INT), None) == ""
