"""The neutral report: what a builder returns and every renderer (screen preview, XLSX, PDF) reads.

A `Report` is one or more `ReportSheet`s (the monthly attendance report has one per month). A
sheet has a title block, header rows whose cells may span columns and rows (merged headers), a
body, totals, footnotes (each report prints its definitions) and signature lines. Values are
plain Python: numbers stay numbers (a renderer formats them; XLSX keeps them as number cells),
`None` is an empty cell. The column's `kind` tells a renderer how to show and align a value.

No SQL and no Qt here: builders fill it from services, renderers draw it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from ejournal_desktop.domain.calendar import format_date

CellValue = str | int | float | dt.date | None


class ColumnKind(StrEnum):
    TEXT = "text"  # left-aligned
    INT = "int"  # whole number: hours, counts
    DECIMAL = "decimal"  # one or two decimals: averages (`digits` on the column)
    PERCENT = "percent"  # a number 0–100 shown with «%»; stored as the number, not a fraction
    DATE = "date"  # дд.мм.гггг
    MARK = "mark"  # a mark or final mark as text: «5», «4/5», «н/а», «зч» — centred


class RowStyle(StrEnum):
    NORMAL = "normal"
    RISK = "risk"  # highlighted: a student at risk, a journal past the threshold
    SECTION = "section"  # a sub-heading row spanning the table («Отличники»)
    TOTAL = "total"  # bold totals


@dataclass(frozen=True, slots=True)
class Column:
    key: str
    kind: ColumnKind = ColumnKind.TEXT
    width: float = 10.0  # in characters (XLSX column width; PDF scales it to the page)
    digits: int = 2  # for DECIMAL and PERCENT


@dataclass(frozen=True, slots=True)
class HeaderCell:
    text: str
    col_span: int = 1
    row_span: int = 1
    vertical: bool = False  # rotated text for narrow discipline columns


@dataclass(slots=True)
class Row:
    values: Sequence[CellValue]
    style: RowStyle = RowStyle.NORMAL
    # Per-cell kinds for a row that differs from its columns (a «%» row under mark columns in a
    # summary sheet): a ColumnKind (PERCENT shows 1 decimal, DECIMAL 2), or a whole Column to also
    # set the digits; None: the column's own. Renderers read the effective one with `cell_column`.
    kinds: Sequence[ColumnKind | Column | None] | None = None
    # What the row is about, for a screen that acts on it (the filling control opens the journal
    # whose assignment id this is); renderers ignore it.
    ref: int | None = None


@dataclass(slots=True)
class ReportSheet:
    title: str  # «Сводная ведомость учёта успеваемости»
    columns: Sequence[Column]
    # Each header row lists its cells left to right, skipping positions covered by a span from above.
    header_rows: Sequence[Sequence[HeaderCell]]
    body: list[Row] = field(default_factory=list)
    totals: list[Row] = field(default_factory=list)
    subtitle_lines: Sequence[str] = ()  # «Группа 21-ТО, 2026/2027 учебный год, 1 семестр»
    footnotes: Sequence[str] = ()  # definitions of the figures
    signatures: Sequence[str] = ()  # «Классный руководитель ____________ И. И. Иванов»
    landscape: bool = False
    name: str = ""  # the XLSX sheet name (≤ 31 chars); the title when empty

    def __post_init__(self) -> None:
        for row in [*self.body, *self.totals]:
            if len(row.values) != len(self.columns):
                raise ValueError(f"row of {len(row.values)} values in a table of {len(self.columns)} columns")


@dataclass(slots=True)
class Report:
    key: str  # the CLI name: «grades-summary»
    title: str
    sheets: list[ReportSheet]
    college: str = ""  # printed in every page header
    made_at: dt.datetime = field(default_factory=lambda: dt.datetime.now().replace(microsecond=0))

    def sheet(self, title_or_name: str) -> ReportSheet:
        for sheet in self.sheets:
            if title_or_name in (sheet.title, sheet.name):
                return sheet
        raise KeyError(title_or_name)


def cell_column(sheet: ReportSheet, row: Row, index: int) -> Column:
    """The column a renderer formats this cell by: the sheet's, unless the row overrides it."""
    column = sheet.columns[index]
    override = row.kinds[index] if row.kinds is not None and index < len(row.kinds) else None
    if override is None:
        return column
    if isinstance(override, Column):
        return override
    if override is column.kind:
        return column
    digits = {ColumnKind.PERCENT: 1, ColumnKind.DECIMAL: 2}.get(override, column.digits)
    return Column(column.key, override, column.width, digits)


def column_values(sheet: ReportSheet, key: str, rows: Sequence[Row] | None = None) -> list[CellValue]:
    """One column of the body (or of the given rows) by its key: what tests and previews read."""
    index = [column.key for column in sheet.columns].index(key)
    return [row.values[index] for row in (sheet.body if rows is None else rows)]


def format_value(column: Column, value: CellValue) -> str:
    """A cell as people read it: 4,25; 95,0 %; 01.10.2026. Shared by the preview and both renderers."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return format_date(value)
    if isinstance(value, bool):
        return "да" if value else "нет"
    if column.kind is ColumnKind.PERCENT and isinstance(value, int | float):
        return f"{value:.{column.digits}f}".replace(".", ",") + " %"
    if column.kind is ColumnKind.DECIMAL and isinstance(value, int | float):
        return f"{value:.{column.digits}f}".replace(".", ",")
    if isinstance(value, float):
        return f"{value:g}".replace(".", ",")
    return str(value)


def header_layout(header_rows: Sequence[Sequence[HeaderCell]], width: int) -> list[tuple[int, int, HeaderCell]]:
    """(row, column, cell) of each header cell, 0-based, placing cells left to right and skipping
    the positions a span from an upper row covers. Shared by the preview and both renderers."""
    taken: set[tuple[int, int]] = set()
    placed: list[tuple[int, int, HeaderCell]] = []
    for r, cells in enumerate(header_rows):
        c = 0
        for cell in cells:
            while (r, c) in taken:
                c += 1
            if c >= width:
                raise ValueError(f"header row {r + 1} is wider than the table of {width} columns")
            placed.append((r, c, cell))
            for dr in range(cell.row_span):
                for dc in range(cell.col_span):
                    taken.add((r + dr, c + dc))
            c += cell.col_span
    return placed
