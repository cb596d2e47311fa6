"""Any list of the contingent screens as an XLSX file: a neutral table in, a workbook out.

The screen (or a service) builds a `ListTable` from the rows it shows; `write_xlsx` renders it
with a bold, frozen header, an auto-filter and column widths fitted to the text. No SQL here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

MAX_WIDTH = 60


@dataclass
class ListTable:
    title: str
    headers: Sequence[str]
    rows: list[Sequence[object]] = field(default_factory=list)
    subtitle: str = ""


def write_xlsx(table: ListTable, path: str | Path) -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    sheet.title = _sheet_title(table.title)
    sheet.append([table.title])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append([table.subtitle] if table.subtitle else [])
    header_row = 3
    sheet.append(list(table.headers))
    for cell in sheet[header_row]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    widths = [len(str(h)) for h in table.headers]
    for row in table.rows:
        values = list(row)
        sheet.append(values)
        for index, value in enumerate(values[: len(widths)]):
            widths[index] = max(widths[index], len(_text(value)))
        for index, value in enumerate(values, start=1):
            if isinstance(value, dt.date):
                sheet.cell(sheet.max_row, index).number_format = "DD.MM.YYYY"
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = min(MAX_WIDTH, width + 2)
    sheet.freeze_panes = sheet.cell(header_row + 1, 1)
    if table.headers:
        last = get_column_letter(len(table.headers))
        sheet.auto_filter.ref = f"A{header_row}:{last}{header_row + len(table.rows)}"
    target = Path(path)
    book.save(target)
    return target


def _text(value: object) -> str:
    if isinstance(value, dt.date):
        return "00.00.0000"
    return "" if value is None else str(value)


def _sheet_title(title: str) -> str:
    cleaned = "".join(ch for ch in title if ch not in "[]:*?/\\")
    return (cleaned or "Список")[:31]
