"""A `Report` as an XLSX workbook: one worksheet per `ReportSheet`.

Every figure is a real number cell: hours and counts as integers, averages as decimals with the
sheet's digits, percentages as the fraction with a «%» number format (95 % is the cell value 0.95
shown «95,0 %», so Excel sums and charts it as a percentage), numeric marks as integers. Header
cells keep their merges; the page is set up for printing (landscape when the sheet says, fitted to
the page width, the header rows repeated on every page, the print area around the table).

No SQL here: the builder has done the work.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Hashable
from copy import copy
from pathlib import Path
from typing import Any

from ejournal_desktop.reports.table import (
    CellValue,
    Column,
    ColumnKind,
    Report,
    ReportSheet,
    RowStyle,
    cell_column,
    header_layout,
)

_FORBIDDEN = re.compile(r"[\\/*?:\[\]]")
RISK_FILL = "FDE2E1"
TOTAL_FILL = "EEEEEE"
SECTION_FILL = "DDE7F0"
HEADER_FILL = "F2F2F2"


def write_xlsx(report: Report, path: str | Path) -> Path:
    """Write the report to `path` and return it."""
    from openpyxl import Workbook

    target = Path(path)
    book = Workbook()
    book.remove(book.active)
    used: set[str] = set()
    styles = _Styles()
    for sheet in report.sheets:
        _write_sheet(book.create_sheet(_sheet_name(sheet, used)), report, sheet, styles)
    if not report.sheets:
        book.create_sheet("Отчёт")["A1"] = report.title
    book.properties.title = report.title
    book.properties.creator = "ЭЖ"
    target.parent.mkdir(parents=True, exist_ok=True)
    book.save(target)
    return target


def xlsx_value(column: Column, value: CellValue) -> Any:
    """What goes into the cell: a number stays a number; a numeric mark becomes one."""
    if value is None:
        return None
    if column.kind is ColumnKind.PERCENT and isinstance(value, int | float):
        return value / 100
    if column.kind is ColumnKind.MARK and isinstance(value, str) and value.isdigit():
        return int(value)
    return value


def _number_format(column: Column) -> str | None:
    if column.kind is ColumnKind.INT:
        return "0"
    if column.kind is ColumnKind.DECIMAL:
        return "0." + "0" * column.digits if column.digits else "0"
    if column.kind is ColumnKind.PERCENT:
        return ("0." + "0" * column.digits if column.digits else "0") + "%"
    if column.kind is ColumnKind.DATE:
        return "DD.MM.YYYY"
    return None


class _Styles:
    """One stored style per distinct look, shared by every cell that has it.

    Setting `cell.font = Font(...)` makes openpyxl hash the font against the workbook's list on
    every cell (and the border, fill, alignment too): that was most of an export's time. Here the
    first cell of a look is styled through the public attributes, and its style (the indices into
    the workbook's lists, an openpyxl `StyleArray`) is copied onto every later cell of that look.
    One instance per workbook: the indices are the workbook's."""

    def __init__(self) -> None:
        self._known: dict[Hashable, Any] = {}

    def known(self, key: Hashable) -> Any:
        """The stored style of this look, None until a cell has had it."""
        return self._known.get(key)

    def apply(self, cell: Any, key: Hashable, **attributes: Any) -> None:
        known = self._known.get(key)
        if known is not None:
            cell._style = copy(known)
            return
        for name, value in attributes.items():
            setattr(cell, name, value)
        self._known[key] = copy(cell._style)


def _frozen_columns(sheet: ReportSheet) -> int:
    """How many leading columns stay in view when scrolling right: up to the name column (the first
    text column when it is the first or second), none when the table has nothing to its right."""
    for index, column in enumerate(sheet.columns[:2]):
        if column.kind is ColumnKind.TEXT:
            return index + 1 if index + 1 < len(sheet.columns) else 0
    return 0


def _write_sheet(ws: Any, report: Report, sheet: ReportSheet, styles: _Styles) -> None:
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.properties import PageSetupProperties

    width = len(sheet.columns)
    last_letter = get_column_letter(max(width, 1))
    thin = Side(style="thin", color="808080")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    fills = {color: PatternFill("solid", fgColor=color) for color in (RISK_FILL, TOTAL_FILL, SECTION_FILL, HEADER_FILL)}
    row = 1

    def line(text: str, *, bold: bool = False, size: int = 11, wrap: bool = False) -> None:
        nonlocal row
        target = ws.cell(row, 1, text)
        look: dict[str, Any] = {"font": Font(bold=bold, size=size)}
        if wrap:
            look["alignment"] = Alignment(wrap_text=True, vertical="top")
        styles.apply(target, ("line", bold, size, wrap), **look)
        if wrap:
            # Wrapped across the table's width; a one-line text simply runs on over the empty cells.
            if width > 1:
                ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
            # A merged cell does not grow by itself: give long notes the lines they need.
            chars = sum(c.width for c in sheet.columns) or 80
            ws.row_dimensions[row].height = 15 * max(1, -(-len(text) // int(chars * 1.1)))
        row += 1

    if report.college.strip():
        line(report.college, size=10)
    line(sheet.title, bold=True, size=13)
    for text in sheet.subtitle_lines:
        line(text)
    row += 1

    header_top = row
    header_height = len(sheet.header_rows)
    vertical_at: dict[tuple[int, int], bool] = {}
    for r, c, cell in header_layout(sheet.header_rows, width):
        ws.cell(header_top + r, c + 1, cell.text)
        for dr in range(cell.row_span):
            for dc in range(cell.col_span):
                vertical_at[(r + dr, c + dc)] = cell.vertical
        if cell.col_span > 1 or cell.row_span > 1:
            ws.merge_cells(
                start_row=header_top + r,
                start_column=c + 1,
                end_row=header_top + r + cell.row_span - 1,
                end_column=c + cell.col_span,
            )
        if cell.vertical:
            # Rotated discipline names need a tall row (the row they start in).
            ws.row_dimensions[header_top + r].height = 130
    # Styled after the merges: merging replaces the covered cells, and their borders must stay.
    for r in range(header_height):
        for c in range(width):
            vertical = vertical_at.get((r, c), False)
            styles.apply(
                ws.cell(header_top + r, c + 1),
                ("header", vertical),
                font=Font(bold=True, size=10),
                alignment=Alignment(
                    horizontal="center", vertical="center", wrap_text=True, text_rotation=90 if vertical else 0
                ),
                border=border,
                fill=fills[HEADER_FILL],
            )
    row = header_top + header_height

    for table_row in [*sheet.body, *sheet.totals]:
        style = table_row.style
        if style is RowStyle.SECTION:
            target = ws.cell(row, 1, next((v for v in table_row.values if v not in (None, "")), ""))
            styles.apply(target, "section", font=Font(bold=True), fill=fills[SECTION_FILL], border=border)
            if width > 1:
                ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
            for c in range(1, width):
                styles.apply(ws.cell(row, c + 1), "bordered", border=border)
            row += 1
            continue
        for c, value in enumerate(table_row.values):
            column = sheet.columns[c] if table_row.kinds is None else cell_column(sheet, table_row, c)
            cell_value = xlsx_value(column, value)
            target = ws.cell(row, c + 1, cell_value)
            number_format = _number_format(column) if isinstance(cell_value, int | float | dt.date) else None
            key = ("cell", column.kind, number_format, style)
            known = styles.known(key)
            if known is not None:  # the common case, inline: no keyword arguments built per cell
                target._style = copy(known)
                continue
            horizontal = "left" if column.kind is ColumnKind.TEXT else "center"
            if column.kind in (ColumnKind.INT, ColumnKind.DECIMAL, ColumnKind.PERCENT):
                horizontal = "right"
            look: dict[str, Any] = {
                "border": border,
                "alignment": Alignment(horizontal=horizontal, vertical="top", wrap_text=column.kind is ColumnKind.TEXT),
            }
            if number_format:
                look["number_format"] = number_format
            if style is RowStyle.TOTAL:
                look["font"] = Font(bold=True)
                look["fill"] = fills[TOTAL_FILL]
            elif style is RowStyle.RISK:
                look["fill"] = fills[RISK_FILL]
            styles.apply(target, key, **look)
        row += 1
    table_bottom = row - 1

    if sheet.footnotes:
        row += 1
        for text in sheet.footnotes:
            line(text, size=9, wrap=True)
    if sheet.signatures:
        row += 1
        for text in sheet.signatures:
            line(text)
            row += 1

    for index, column in enumerate(sheet.columns, start=1):
        ws.column_dimensions[get_column_letter(index)].width = max(3.0, column.width)

    # Scrolling keeps the header rows and the name column in view.
    ws.freeze_panes = f"{get_column_letter(_frozen_columns(sheet) + 1)}{header_top + header_height}"
    ws.print_area = f"A1:{last_letter}{max(row - 1, table_bottom)}"
    if header_height:
        ws.print_title_rows = f"{header_top}:{header_top + header_height - 1}"
    ws.page_setup.orientation = "landscape" if sheet.landscape else "portrait"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.oddFooter.center.text = "Страница &P из &N"
    college = _header_text(report.college)
    if college:
        # An empty part would be written as a bare «&L», which Excel and openpyxl cannot parse.
        ws.oddHeader.left.text = college


def _header_text(text: str) -> str:
    # «&» starts a code in an Excel header: double it; a blank name makes no header at all.
    # Cut before doubling, or a cut could leave half of a «&&».
    return text.strip()[:120].replace("&", "&&")


def _sheet_name(sheet: ReportSheet, used: set[str]) -> str:
    base = _FORBIDDEN.sub(" ", sheet.name or sheet.title).strip().strip("'")[:31] or "Лист"
    name, n = base, 2
    while name.casefold() in used:
        suffix = f" ({n})"
        name, n = base[: 31 - len(suffix)] + suffix, n + 1
    used.add(name.casefold())
    return name
