"""The XLSX renderer's finish: a page header only when there is a college name (an empty one made
openpyxl warn «Cannot parse header or footer» on reading back), panes frozen under the header rows
and right of the name column, and one stored style per look (not one per cell). No database: the
reports are made by hand."""

from __future__ import annotations

import warnings
from pathlib import Path

import pytest
from openpyxl import load_workbook

from ejournal_desktop.reports.render_pdf import write_pdf
from ejournal_desktop.reports.render_xlsx import write_xlsx
from ejournal_desktop.reports.table import Column, ColumnKind, HeaderCell, Report, ReportSheet, Row, RowStyle


def _sheet(rows: int = 40, *, first: ColumnKind = ColumnKind.INT) -> ReportSheet:
    columns = [
        Column("n", first, 5),
        Column("name", ColumnKind.TEXT, 30),
        Column("avg", ColumnKind.DECIMAL, 8, 2),
        Column("pct", ColumnKind.PERCENT, 8, 1),
        Column("mark", ColumnKind.MARK, 5),
    ]
    header = [
        [HeaderCell("№", row_span=2), HeaderCell("Обучающийся", row_span=2), HeaderCell("Итоги", col_span=3)],
        [HeaderCell("Ср. балл"), HeaderCell("%"), HeaderCell("Оценка")],
    ]
    body = [
        Row([i, f"Иванов{i} Иван Иванович", 4.25, 87.5, "5"], RowStyle.RISK if i % 7 == 0 else RowStyle.NORMAL)
        for i in range(1, rows + 1)
    ]
    totals = [Row([None, "Итого", 4.1, 90.0, None], RowStyle.TOTAL)]
    return ReportSheet("Ведомость", columns, header, body, totals, subtitle_lines=["Группа 21-ТО"], landscape=True)


@pytest.mark.parametrize("college", ["", "   "])
def test_no_page_header_without_a_college_name(tmp_path: Path, college: str) -> None:
    path = write_xlsx(Report("x", "Ведомость", [_sheet()], college=college), tmp_path / "x.xlsx")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # «Cannot parse header or footer» would fail here
        book = load_workbook(path)
    ws = book.worksheets[0]
    assert ws["A1"].value == "Ведомость"  # no blank college line above the title
    assert not ws.oddHeader.left.text
    assert ws.oddFooter.center.text == "Страница &P из &N"


def test_the_college_with_an_ampersand_in_the_page_header(tmp_path: Path) -> None:
    college = "ГБПОУ «Агро & Тех»" + " очень длинное название" * 10
    path = write_xlsx(Report("x", "Ведомость", [_sheet()], college=college), tmp_path / "x.xlsx")
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        ws = load_workbook(path).worksheets[0]
    assert ws.oddHeader.left.text.startswith("ГБПОУ «Агро && Тех»")
    assert ws["A1"].value == college


def test_panes_frozen_under_the_header_and_right_of_the_names(tmp_path: Path) -> None:
    ws = load_workbook(write_xlsx(Report("x", "Ведомость", [_sheet()]), tmp_path / "x.xlsx")).worksheets[0]
    # Title, subtitle, a blank row, two header rows: the body starts on row 6, the marks in column C.
    assert ws.cell(6, 2).value == "Иванов1 Иван Иванович"
    assert ws.freeze_panes == "C6"


def test_a_sheet_led_by_its_text_column_freezes_that_column(tmp_path: Path) -> None:
    sheet = _sheet(first=ColumnKind.TEXT)
    ws = load_workbook(write_xlsx(Report("x", "Ведомость", [sheet]), tmp_path / "x.xlsx")).worksheets[0]
    assert ws.freeze_panes == "B6"


def test_cells_of_one_look_share_one_style(tmp_path: Path) -> None:
    path = write_xlsx(Report("x", "Ведомость", [_sheet(400), _sheet(10)], college="Техникум"), tmp_path / "x.xlsx")
    book = load_workbook(path)
    # A handful of looks (title lines, header, one per column kind and row style), whatever the rows.
    assert len(book._cell_styles) < 30
    ws = book.worksheets[0]
    first, other = ws.cell(7, 3), ws.cell(301, 3)
    assert first.style_id == other.style_id
    assert (first.number_format, first.alignment.horizontal, first.border.left.style) == ("0.00", "right", "thin")
    assert ws.cell(7, 4).value == pytest.approx(0.875) and ws.cell(7, 4).number_format == "0.0%"
    # The college, the title, the subtitle, a blank row, two header rows: student i is on row 6 + i.
    risk = ws.cell(6 + 7, 3)  # student 7 is at risk
    assert risk.fill.fgColor.rgb.endswith("FDE2E1") and risk.number_format == "0.00"
    total = ws.cell(6 + 401, 2)
    assert total.value == "Итого" and total.font.bold and total.fill.fgColor.rgb.endswith("EEEEEE")
    header = ws.cell(5, 3)
    assert header.value == "Итоги" and header.font.bold and header.fill.fgColor.rgb.endswith("F2F2F2")
    # The covered cells of a merged header keep the grid.
    assert ws.cell(5, 5).border.right.style == "thin"


def test_a_short_text_cell_in_the_pdf_is_still_there(tmp_path: Path) -> None:
    from pypdf import PdfReader

    long_name = "Константинопольский-Кшесинский Вольдемар Александрович " * 2
    sheet = _sheet(5)
    sheet.body.append(Row([6, long_name.strip(), None, None, None]))
    text = "".join(p.extract_text() for p in PdfReader(write_pdf(Report("x", "В", [sheet]), tmp_path / "x.pdf")).pages)
    assert "Иванов1 Иван Иванович" in text and "Итоги" in text and "Вольдемар" in text
