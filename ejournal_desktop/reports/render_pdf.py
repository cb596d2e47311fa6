"""A `Report` as a PDF (reportlab platypus), ready to print.

Each `ReportSheet` starts on a new page, in the orientation it asks for. Every page carries a
header (the college, the sheet's subtitle) and «Страница N из M»; the header rows of a long table
repeat on each page; merged header cells stay merged, narrow discipline columns get rotated text;
footnotes with the definitions and the signature lines close the sheet. The font is DejaVu Sans
(reports/pdf_fonts), reportlab's own fonts have no Cyrillic.

No SQL here: the builder has done the work.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.platypus.flowables import Flowable

from ejournal_desktop.domain.calendar import format_date
from ejournal_desktop.reports.pdf_fonts import register_fonts
from ejournal_desktop.reports.table import (
    Column,
    ColumnKind,
    Report,
    ReportSheet,
    RowStyle,
    cell_column,
    format_value,
    header_layout,
)

MARGIN_MM = 12
MAX_VERTICAL_HEADER = 150  # points: the tallest a rotated discipline name may make the header


def write_pdf(report: Report, path: str | Path) -> Path:
    """Write the report to `path` and return it."""
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.units import mm
    from reportlab.platypus import BaseDocTemplate, Frame, NextPageTemplate, PageBreak, PageTemplate

    regular, bold = register_fonts()
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    margin = MARGIN_MM * mm
    state: dict[str, Any] = {"subtitle": _page_subtitle(report.sheets[0]) if report.sheets else ""}

    def on_page(canvas: Any, doc: Any) -> None:
        width, height = canvas._pagesize  # the page template's size: portrait or landscape
        canvas.saveState()
        canvas.setFont(regular, 7.5)
        left = " · ".join(part for part in (report.college, state["subtitle"]) if part)
        canvas.drawString(margin, height - margin + 4 * mm, left[:180])
        canvas.drawRightString(width - margin, height - margin + 4 * mm, format_date(report.made_at))
        canvas.setLineWidth(0.3)
        canvas.line(margin, height - margin + 2.5 * mm, width - margin, height - margin + 2.5 * mm)
        canvas.restoreState()

    templates = []
    for name, size in (("portrait", A4), ("landscape", landscape(A4))):
        frame = Frame(margin, margin, size[0] - 2 * margin, size[1] - 2 * margin, id=name, showBoundary=0)
        templates.append(PageTemplate(id=name, frames=[frame], onPage=on_page, pagesize=size))
    doc = BaseDocTemplate(
        str(target),
        pagesize=A4,
        leftMargin=margin,
        rightMargin=margin,
        topMargin=margin,
        bottomMargin=margin,
        title=report.title,
        author="ЭЖ",
    )
    doc.addPageTemplates(templates)

    story: list[Any] = []
    sheets = report.sheets or [ReportSheet(title=report.title, columns=[Column("x")], header_rows=[])]
    first = sheets[0]
    if first.landscape:
        doc.pageTemplates.insert(0, doc.pageTemplates.pop(1))
    for index, sheet in enumerate(sheets):
        orientation = "landscape" if sheet.landscape else "portrait"
        if index:
            # Drawn at the end of the previous page: the next page's header already shows it.
            story.append(_Subtitle(state, _page_subtitle(sheet)))
            story.append(NextPageTemplate(orientation))
            story.append(PageBreak())
        size = landscape(A4) if sheet.landscape else A4
        story.extend(_sheet_story(sheet, size[0] - 2 * margin, regular, bold))
    doc.build(story, canvasmaker=_numbered_canvas(regular, margin))
    return target


def _page_subtitle(sheet: ReportSheet) -> str:
    return sheet.subtitle_lines[0] if sheet.subtitle_lines else ""


def _sheet_story(sheet: ReportSheet, avail: float, regular: str, bold: str) -> list[Any]:
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import KeepTogether, Paragraph, Spacer, TableStyle

    n = len(sheet.columns)
    font_size = 8.5 if n <= 8 else 7.5 if n <= 14 else 6.5 if n <= 22 else 5.5
    title_style = ParagraphStyle("title", fontName=bold, fontSize=12, leading=15, alignment=TA_CENTER)
    sub_style = ParagraphStyle("sub", fontName=regular, fontSize=9.5, leading=12, alignment=TA_CENTER)
    cell_style = ParagraphStyle("cell", fontName=regular, fontSize=font_size, leading=font_size * 1.2)
    bold_cell = ParagraphStyle("bcell", parent=cell_style, fontName=bold)
    head_style = ParagraphStyle("head", parent=cell_style, fontName=bold, alignment=TA_CENTER)
    note_style = ParagraphStyle("note", fontName=regular, fontSize=7.5, leading=9.5)
    sign_style = ParagraphStyle("sign", fontName=regular, fontSize=10, leading=13)

    story: list[Any] = [Paragraph(escape(sheet.title), title_style)]
    story.extend(Paragraph(escape(text), sub_style) for text in sheet.subtitle_lines)
    story.append(Spacer(1, 4 * mm))

    total_width = sum(max(column.width, 2.5) for column in sheet.columns) or 1
    widths = [avail * max(column.width, 2.5) / total_width for column in sheet.columns]
    room = [w - 4 for w in widths]  # inside the left and right padding of 2 points
    if n:
        data: list[list[Any]] = [["" for _ in range(n)] for _ in sheet.header_rows]
        spans: list[tuple[Any, ...]] = []
        for r, c, cell in header_layout(sheet.header_rows, n):
            text = escape(cell.text)
            if cell.vertical:
                data[r][c] = _VerticalText(cell.text, bold, font_size)
            elif _fits(cell.text, bold, font_size, sum(room[c : c + cell.col_span]) + 4 * (cell.col_span - 1)):
                data[r][c] = cell.text  # bold and centred by the header rows' commands
            else:
                data[r][c] = Paragraph(text, head_style)
            if cell.col_span > 1 or cell.row_span > 1:
                spans.append(("SPAN", (c, r), (c + cell.col_span - 1, r + cell.row_span - 1)))
        header_count = len(data)
        commands: list[tuple[Any, ...]] = [
            ("FONTNAME", (0, 0), (-1, -1), regular),
            ("FONTSIZE", (0, 0), (-1, -1), font_size),
            ("LEADING", (0, 0), (-1, -1), font_size * 1.2),
            ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("LEFTPADDING", (0, 0), (-1, -1), 2),
            ("RIGHTPADDING", (0, 0), (-1, -1), 2),
            ("TOPPADDING", (0, 0), (-1, -1), 1.5),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
            *spans,
        ]
        if header_count:
            commands.append(("BACKGROUND", (0, 0), (-1, header_count - 1), colors.HexColor("#F2F2F2")))
            commands.append(("FONTNAME", (0, 0), (-1, header_count - 1), bold))
            commands.append(("ALIGN", (0, 0), (-1, header_count - 1), "CENTER"))
        for c, column in enumerate(sheet.columns):
            if column.kind is not ColumnKind.TEXT:
                align = "RIGHT" if column.kind in (ColumnKind.INT, ColumnKind.DECIMAL, ColumnKind.PERCENT) else "CENTER"
                commands.append(("ALIGN", (c, header_count), (c, -1), align))
        for table_row in [*sheet.body, *sheet.totals]:
            r = len(data)
            if table_row.style is RowStyle.SECTION:
                heading = next((v for v in table_row.values if v not in (None, "")), "")
                data.append([Paragraph(escape(str(heading)), bold_cell)] + [""] * (n - 1))
                commands.append(("SPAN", (0, r), (-1, r)))
                commands.append(("BACKGROUND", (0, r), (-1, r), colors.HexColor("#DDE7F0")))
                continue
            style = bold_cell if table_row.style is RowStyle.TOTAL else cell_style
            cells: list[Any] = []
            for c, value in enumerate(table_row.values):
                column = sheet.columns[c] if table_row.kinds is None else cell_column(sheet, table_row, c)
                text = format_value(column, value)
                if column.kind is ColumnKind.TEXT and not _fits(text, style.fontName, font_size, room[c]):
                    # Only a text that needs wrapping pays for a Paragraph; a short one is drawn as it is.
                    cells.append(Paragraph(escape(text), style))
                else:
                    cells.append(text)
            data.append(cells)
            if table_row.style is RowStyle.TOTAL:
                commands.append(("FONTNAME", (0, r), (-1, r), bold))
                commands.append(("BACKGROUND", (0, r), (-1, r), colors.HexColor("#EEEEEE")))
            elif table_row.style is RowStyle.RISK:
                commands.append(("BACKGROUND", (0, r), (-1, r), colors.HexColor("#FDE2E1")))
        if len(data) > header_count or header_count:
            table = _table_class()(data, colWidths=widths, repeatRows=header_count, hAlign="CENTER")
            table.setStyle(TableStyle(commands))
            story.append(table)
    if sheet.footnotes:
        story.append(Spacer(1, 3 * mm))
        story.extend(Paragraph(escape(text), note_style) for text in sheet.footnotes)
    if sheet.signatures:
        lines = [Spacer(1, 6 * mm)]
        for text in sheet.signatures:
            lines.append(Paragraph(escape(text), sign_style))
            lines.append(Spacer(1, 4 * mm))
        story.append(KeepTogether(lines))
    return story


@cache
def _table_class() -> type:
    """reportlab's Table, except that an empty cell draws nothing (reportlab starts a text object
    for it all the same: a journal grid is a third empty cells)."""
    from reportlab.platypus import Table

    class SparseTable(Table):  # type: ignore[misc]
        def _drawCell(self, cellval: Any, cellstyle: Any, pos: Any, size: Any) -> None:
            linked = getattr(cellstyle, "href", None) or getattr(cellstyle, "destination", None)
            if isinstance(cellval, str) and not cellval and not linked:
                return
            super()._drawCell(cellval, cellstyle, pos, size)

    return SparseTable


def _fits(text: str, font: str, size: float, room: float) -> bool:
    """Whether the text stands on one line of the cell, as a plain string needs to."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return "\n" not in text and stringWidth(text, font, size) <= room


def _numbered_canvas(font: str, margin_mm: float) -> type:
    """A canvas that knows the page count when it saves: «Страница N из M»."""
    from reportlab.pdfgen.canvas import Canvas

    class NumberedCanvas(Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for page in self._pages:
                self.__dict__.update(page)
                width = self._pagesize[0]
                self.saveState()
                self.setFont(font, 7.5)
                self.drawRightString(width - margin_mm, margin_mm / 2, f"Страница {self._pageNumber} из {total}")
                self.restoreState()
                super().showPage()
            super().save()

    return NumberedCanvas


class _Subtitle(Flowable):  # type: ignore[misc]
    """Zero-size: sets the subtitle the page header prints from this page on."""

    def __init__(self, state: dict[str, Any], text: str) -> None:
        super().__init__()
        self.state = state
        self.text = text
        self.width = self.height = 0

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return 0, 0

    def draw(self) -> None:
        self.state["subtitle"] = self.text


class _VerticalText(Flowable):  # type: ignore[misc]
    """Text rotated 90°, for narrow discipline columns of a summary sheet."""

    def __init__(self, text: str, font: str, size: float) -> None:
        super().__init__()
        self.text = text
        self.font = font
        self.size = size

    def _lines(self, max_height: float, max_lines: int) -> list[str]:
        from reportlab.pdfbase.pdfmetrics import stringWidth

        lines: list[str] = []
        current = ""
        for word in self.text.split():
            candidate = f"{current} {word}".strip()
            if current and stringWidth(candidate, self.font, self.size) > max_height:
                lines.append(current)
                current = word
            else:
                current = candidate
        if current:
            lines.append(current)
        if len(lines) > max_lines:
            # What does not fit the column is cut with «…»: the footnotes give every full name.
            kept = lines[:max_lines]
            last = kept[-1]
            while last and stringWidth(last + "…", self.font, self.size) > max_height:
                last = last[:-1]
            kept[-1] = last.rstrip() + "…"
            lines = kept
        return lines or [""]

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        from reportlab.pdfbase.pdfmetrics import stringWidth

        step = self.size * 1.1
        max_lines = max(1, int((avail_width - 1) // step))
        total = stringWidth(self.text, self.font, self.size)
        # As tall as the text needs in the lines the column allows, within sensible bounds.
        height = min(max(total / max_lines * 1.15, 30), MAX_VERTICAL_HEADER)
        self._text_lines = self._lines(height, max_lines)
        longest = max(stringWidth(line, self.font, self.size) for line in self._text_lines)
        self.width = step * len(self._text_lines)
        self.height = longest + 2
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        canvas.saveState()
        canvas.setFont(self.font, self.size)
        canvas.rotate(90)
        for index, line in enumerate(self._text_lines):
            canvas.drawString(1, -(index + 1) * self.size * 1.1 + self.size * 0.2, line)
        canvas.restoreState()
