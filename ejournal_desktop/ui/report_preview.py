"""The on-screen preview of a report: a tab per sheet, saving to XLSX and PDF, printing.

A sheet is shown by `SheetModel` (a QAbstractTableModel over a `ReportSheet`): the header rows
come first, as rows of the table with their merged cells set as spans on the view, then the body
and the totals; numbers are right-aligned and formatted as the PDF prints them (decimal comma),
rows at risk are tinted, totals bold. The sheet's title, subtitle, footnotes (the definitions of
the figures) and signature lines are shown above and below the table.

The report is built off the GUI thread (`build`) with a busy indicator; the files are written by
the same renderers as `ejournal report` (reports.render_xlsx, reports.render_pdf), also off the GUI
thread. Printing goes through Qt (QPrinter + QPrintDialog) from an HTML rendering of the same
table in a QTextDocument: merged headers as colspan/rowspan, one sheet per page run.
"""

from __future__ import annotations

import datetime as dt
import html
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QRect, QSize, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetrics,
    QKeySequence,
    QPageLayout,
    QPainter,
    QShortcut,
    QTextDocument,
)
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ejournal_desktop.domain.errors import DomainError
from ejournal_desktop.reports.table import (
    ColumnKind,
    Report,
    ReportSheet,
    Row,
    RowStyle,
    cell_column,
    format_value,
    header_layout,
)
from ejournal_desktop.ui.background import run_in_background
from ejournal_desktop.ui.i18n import tr

log = logging.getLogger(__name__)
Index = QModelIndex | QPersistentModelIndex

HEADER_COLOR = "#f2f2f2"
RISK_COLOR = "#fde2e1"
TOTAL_COLOR = "#eeeeee"
SECTION_COLOR = "#dde7f0"
NUMERIC_KINDS = frozenset({ColumnKind.INT, ColumnKind.DECIMAL, ColumnKind.PERCENT})
CENTERED_KINDS = frozenset({ColumnKind.MARK, ColumnKind.DATE})
ROW_STYLE_ROLE = Qt.ItemDataRole.UserRole + 11
RAW_VALUE_ROLE = Qt.ItemDataRole.UserRole + 12
VERTICAL_ROLE = Qt.ItemDataRole.UserRole + 13
MAX_VERTICAL_HEIGHT = 240  # px: a longer discipline name wraps into a second line, then is cut (tooltip)


class SheetModel(QAbstractTableModel):
    """Header rows, body, totals of one sheet, in that order."""

    def __init__(self, sheet: ReportSheet, parent: Any = None) -> None:
        super().__init__(parent)
        self.sheet = sheet
        self.width = len(sheet.columns)
        self.header_count = len(sheet.header_rows)
        self.header_cells = {(r, c): cell for r, c, cell in header_layout(sheet.header_rows, self.width)}
        self.rows: list[Row] = [*sheet.body, *sheet.totals]

    # -- shape ----------------------------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.header_count + len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.width

    def spans(self) -> list[tuple[int, int, int, int]]:
        """(row, column, row span, column span) of every merged area: header cells and section rows."""
        spans = [
            (r, c, cell.row_span, cell.col_span)
            for (r, c), cell in self.header_cells.items()
            if cell.row_span > 1 or cell.col_span > 1
        ]
        for offset, row in enumerate(self.rows):
            if row.style is RowStyle.SECTION and self.width > 1:
                spans.append((self.header_count + offset, 0, 1, self.width))
        return spans

    def body_row(self, model_row: int) -> Row | None:
        index = model_row - self.header_count
        return self.rows[index] if 0 <= index < len(self.rows) else None

    # -- data -----------------------------------------------------------------------------------

    def text(self, model_row: int, column: int) -> str:
        if model_row < self.header_count:
            cell = self.header_cells.get((model_row, column))
            return cell.text if cell is not None else ""
        row = self.rows[model_row - self.header_count]
        return format_value(cell_column(self.sheet, row, column), row.values[column])

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        r, c = index.row(), index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            text = self.text(r, c)
            return text if role == Qt.ItemDataRole.DisplayRole or len(text) > 12 else None
        header = r < self.header_count
        row = None if header else self.rows[r - self.header_count]
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if header:
                return int(Qt.AlignmentFlag.AlignCenter)
            assert row is not None
            kind = cell_column(self.sheet, row, c).kind
            if kind in NUMERIC_KINDS and isinstance(row.values[c], int | float):
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if kind in CENTERED_KINDS:
                return int(Qt.AlignmentFlag.AlignCenter)
            return int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.BackgroundRole:
            if header:
                return QBrush(QColor(HEADER_COLOR))
            assert row is not None
            color = {RowStyle.RISK: RISK_COLOR, RowStyle.TOTAL: TOTAL_COLOR, RowStyle.SECTION: SECTION_COLOR}.get(
                row.style
            )
            return QBrush(QColor(color)) if color else None
        if role == Qt.ItemDataRole.FontRole:
            if header or (row is not None and row.style in (RowStyle.TOTAL, RowStyle.SECTION)):
                font = QFont()
                font.setBold(True)
                return font
            return None
        if role == ROW_STYLE_ROLE:
            return "header" if header else str(row.style) if row is not None else None
        if role == RAW_VALUE_ROLE:
            return None if header or row is None else row.values[c]
        if role == VERTICAL_ROLE:
            cell = self.header_cells.get((r, c)) if header else None
            return bool(cell is not None and cell.vertical)
        return None


class VerticalHeaderDelegate(QStyledItemDelegate):
    """Header cells marked `vertical` (narrow discipline columns) are drawn rotated, bottom to top."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        if not index.data(VERTICAL_ROLE):
            super().paint(painter, option, index)
            return
        painter.save()
        background = index.data(Qt.ItemDataRole.BackgroundRole)
        if isinstance(background, QBrush):
            painter.fillRect(option.rect, background)
        font = index.data(Qt.ItemDataRole.FontRole)
        if isinstance(font, QFont):
            painter.setFont(font)
        rect = option.rect
        painter.translate(rect.left(), rect.bottom())
        painter.rotate(-90)
        target = QRect(4, 0, rect.height() - 8, rect.width())
        flags = int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop) | int(Qt.TextFlag.TextWordWrap)
        painter.setClipRect(target)  # a name too long for the cell is cut here; the tooltip has it whole
        painter.drawText(target, flags, str(index.data(Qt.ItemDataRole.DisplayRole) or ""))
        painter.restore()

    def sizeHint(self, option: QStyleOptionViewItem, index: Index) -> QSize:
        if not index.data(VERTICAL_ROLE):
            return super().sizeHint(option, index)
        metrics = option.fontMetrics
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        length = metrics.horizontalAdvance(text) + 12
        lines = 1 if length <= MAX_VERTICAL_HEIGHT else 2
        return QSize(metrics.height() * lines + 6, min(length // lines + 40 * (lines - 1), MAX_VERTICAL_HEIGHT))


class SheetView(QWidget):
    """One sheet: title and subtitle, the table, footnotes and signatures."""

    def __init__(self, sheet: ReportSheet, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.sheet = sheet
        self.model = SheetModel(sheet, self)
        title = QLabel(sheet.title)
        font = title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        title.setFont(font)
        title.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(title)
        if sheet.subtitle_lines:
            subtitle = QLabel("\n".join(sheet.subtitle_lines))
            subtitle.setWordWrap(True)
            layout.addWidget(subtitle)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.horizontalHeader().hide()
        self.table.verticalHeader().hide()
        self.table.setWordWrap(True)
        self.table.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.table.setItemDelegate(VerticalHeaderDelegate(self.table))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ContiguousSelection)
        for r, c, rows, cols in self.model.spans():
            self.table.setSpan(r, c, rows, cols)
        metrics = self.table.fontMetrics()
        char = metrics.averageCharWidth()
        widest_word = dict.fromkeys(range(len(sheet.columns)), 0)
        bold = QFont(self.table.font())
        bold.setBold(True)
        bold_metrics = QFontMetrics(bold)
        for (_r, c), cell in self.model.header_cells.items():
            if cell.col_span == 1 and not cell.vertical:
                words = cell.text.split() or [""]
                widest_word[c] = max(widest_word[c], max(bold_metrics.horizontalAdvance(w) for w in words))
        vertical = {c for (_r, c), cell in self.model.header_cells.items() if cell.vertical}
        for index, column in enumerate(sheet.columns):
            width = int(max(4.0, min(column.width, 60.0)) * char * 1.1 + 14)
            if index in vertical:
                width = max(width, 2 * metrics.height() + 10)  # room for two lines of rotated text
            self.table.setColumnWidth(index, max(width, widest_word[index] + 14))
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        layout.addWidget(self.table, 1)
        if sheet.footnotes:
            notes = QLabel("\n".join(sheet.footnotes))
            notes.setWordWrap(True)
            notes.setStyleSheet("color: #444;")
            layout.addWidget(notes)
        if sheet.signatures:
            signatures = QLabel("\n".join(sheet.signatures))
            signatures.setWordWrap(True)
            layout.addWidget(signatures)


class ReportPreview(QWidget):
    """Shows a report and saves or prints it. `build(fn)` makes the report off the GUI thread."""

    built = Signal(object)  # Report
    failed = Signal(str)
    saved = Signal(str)  # the path written
    printed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.report: Report | None = None
        self.title = QLabel(tr("Отчёт не сформирован"))
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.25)
        self.title.setFont(font)
        self.xlsx_button = QPushButton(tr("Сохранить XLSX…"))
        self.xlsx_button.setToolTip(tr("Сохранить в Excel (Ctrl+S)"))
        self.pdf_button = QPushButton(tr("Сохранить PDF…"))
        self.pdf_button.setToolTip(tr("Сохранить в PDF (Ctrl+Shift+S)"))
        self.print_button = QPushButton(tr("Печать…"))
        self.print_button.setToolTip(tr("Печать (Ctrl+P)"))
        self.xlsx_button.clicked.connect(lambda: self.save_xlsx())
        self.pdf_button.clicked.connect(lambda: self.save_pdf())
        self.print_button.clicked.connect(lambda: self.print_report())
        for sequence, slot in (
            ("Ctrl+S", self.save_xlsx),
            ("Ctrl+Shift+S", self.save_pdf),
            ("Ctrl+P", self.print_report),
        ):
            shortcut = QShortcut(QKeySequence(sequence), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(lambda slot=slot: slot())
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)  # an endless bar: something is happening
        self.busy.setMaximumWidth(160)
        self.busy.setTextVisible(False)
        self.busy.hide()
        self.status = QLabel()
        self.status.setStyleSheet("color: #555;")
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.extra = QHBoxLayout()  # screens add their own buttons here («Отправить родителям»)

        top = QHBoxLayout()
        top.addWidget(self.title, 1)
        top.addWidget(self.busy)
        top.addLayout(self.extra)
        top.addWidget(self.xlsx_button)
        top.addWidget(self.pdf_button)
        top.addWidget(self.print_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.status)
        self._set_enabled()

    # -- showing --------------------------------------------------------------------------------

    def _set_enabled(self, working: bool = False) -> None:
        ready = self.report is not None and not working
        for button in (self.xlsx_button, self.pdf_button, self.print_button):
            button.setEnabled(ready)

    def add_button(self, text: str, callback: Callable[[], None], tooltip: str = "") -> QPushButton:
        button = QPushButton(text)
        button.setToolTip(tooltip)
        button.clicked.connect(lambda: callback())
        self.extra.addWidget(button)
        return button

    def set_report(self, report: Report) -> None:
        self.report = report
        self.title.setText(report.title)
        old_views = [self.tabs.widget(index) for index in range(self.tabs.count())]
        self.tabs.clear()  # removes the pages without deleting them: each rebuild would keep its views
        for view in old_views:
            view.deleteLater()
        for sheet in report.sheets:
            self.tabs.addTab(SheetView(sheet), sheet.name or sheet.title)
        self.tabs.tabBar().setVisible(len(report.sheets) > 1)
        rows = sum(len(sheet.body) for sheet in report.sheets)
        made = report.made_at.strftime("%d.%m.%Y %H:%M")
        self.status.setText(tr("Сформирован {0} · листов: {1} · строк: {2}").format(made, len(report.sheets), rows))
        self._set_enabled()

    def sheet_view(self, index: int = 0) -> SheetView:
        widget = self.tabs.widget(index)
        assert isinstance(widget, SheetView)
        return widget

    def build(self, make: Callable[[], Report], title: str = "") -> None:
        """Make the report off the GUI thread; `built` or `failed` says how it went."""
        self.busy.show()
        self.status.setText(tr("Формирование отчёта{0}…").format(" «" + title + "»" if title else ""))
        self._set_enabled(working=True)
        run_in_background(make, self._built, self._failed, context=self)

    def _built(self, report: Report) -> None:
        self.busy.hide()
        self.set_report(report)
        self.built.emit(report)

    def _failed(self, error: Exception) -> None:
        self.busy.hide()
        self._set_enabled()
        if not isinstance(error, DomainError):
            log.error("building a report failed", exc_info=error)
        message = error.message if isinstance(error, DomainError) else tr("Не удалось сформировать отчёт")
        self.status.setText(message)
        self.failed.emit(message)

    # -- files ----------------------------------------------------------------------------------

    def default_name(self, suffix: str) -> str:
        key = self.report.key if self.report is not None else "otchet"
        return f"{key}_{dt.date.today():%Y-%m-%d}.{suffix}"

    def _ask_path(self, suffix: str, caption: str, pattern: str) -> str:
        start = str(Path.home() / self.default_name(suffix))
        path, _filter = QFileDialog.getSaveFileName(self, caption, start, pattern)
        if path and not path.lower().endswith(f".{suffix}"):
            path += f".{suffix}"
        return path

    def save_xlsx(self, path: str | Path | None = None) -> None:
        if self.report is None:
            return
        target = (
            str(path) if path else self._ask_path("xlsx", tr("Сохранить отчёт в Excel"), tr("Книга Excel (*.xlsx)"))
        )
        if target:
            from ejournal_desktop.reports.render_xlsx import write_xlsx

            self._write(write_xlsx, target)

    def save_pdf(self, path: str | Path | None = None) -> None:
        if self.report is None:
            return
        target = str(path) if path else self._ask_path("pdf", tr("Сохранить отчёт в PDF"), tr("Документ PDF (*.pdf)"))
        if target:
            from ejournal_desktop.reports.render_pdf import write_pdf

            self._write(write_pdf, target)

    def _write(self, writer: Callable[[Report, str], object], target: str) -> None:
        report = self.report
        assert report is not None
        self.busy.show()
        self._set_enabled(working=True)
        self.status.setText(tr("Сохранение {0}…").format(target))

        def done(_result: object) -> None:
            self.busy.hide()
            self._set_enabled()
            self.status.setText(tr("Сохранено: {0}").format(target))
            self.saved.emit(target)

        def failed(error: Exception) -> None:
            self.busy.hide()
            self._set_enabled()
            log.error("writing %s failed", target, exc_info=error)
            text = tr("Не удалось сохранить {0}: {1}").format(target, error)
            self.status.setText(text)
            QMessageBox.warning(self, tr("Отчёт не сохранён"), text)

        run_in_background(lambda: writer(report, target), done, failed, context=self)

    # -- printing -------------------------------------------------------------------------------

    def print_report(self, printer: QPrinter | None = None) -> bool:
        """Print through the print dialog, or straight to the given printer (tests: a PDF file)."""
        if self.report is None:
            return False
        if printer is None:
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            if any(sheet.landscape for sheet in self.report.sheets):
                printer.setPageOrientation(QPageLayout.Orientation.Landscape)
            dialog = QPrintDialog(printer, self)
            dialog.setWindowTitle(tr("Печать отчёта"))
            if dialog.exec() != QDialog.DialogCode.Accepted:
                return False
        document = QTextDocument()
        document.setDefaultFont(QFont(self.font().family(), 9))
        document.setHtml(report_html(self.report))
        document.print_(printer)
        self.status.setText(tr("Отчёт отправлен на печать"))
        self.printed.emit()
        return True


def _cell_style(sheet: ReportSheet, row: Row, column: int) -> str:
    kind = cell_column(sheet, row, column).kind
    if kind in NUMERIC_KINDS and isinstance(row.values[column], int | float):
        return "text-align: right;"
    if kind in CENTERED_KINDS:
        return "text-align: center;"
    return ""


def report_html(report: Report) -> str:
    """The report as HTML for QTextDocument: what is printed. Each sheet starts on a new page."""
    parts = ["<html><body>"]
    for number, sheet in enumerate(report.sheets):
        brk = ' style="page-break-before: always;"' if number else ""
        if report.college:
            parts.append(f'<p{brk} align="center">{html.escape(report.college)}</p>')
            brk = ""
        parts.append(f'<h3{brk} align="center">{html.escape(sheet.title)}</h3>')
        for line in sheet.subtitle_lines:
            parts.append(f'<p align="center">{html.escape(line)}</p>')
        parts.append('<table border="1" cellspacing="0" cellpadding="3" width="100%">')
        width = len(sheet.columns)
        total = sum(max(column.width, 3.0) for column in sheet.columns) or 1.0
        shares = [round(100 * max(column.width, 3.0) / total) for column in sheet.columns]
        layout = header_layout(sheet.header_rows, width)
        for r in range(len(sheet.header_rows)):
            parts.append(f'<tr bgcolor="{HEADER_COLOR}">')
            for _r, _c, cell in (item for item in layout if item[0] == r):
                parts.append(f'<th colspan="{cell.col_span}" rowspan="{cell.row_span}">{html.escape(cell.text)}</th>')
            parts.append("</tr>")
        for row in [*sheet.body, *sheet.totals]:
            color = {RowStyle.RISK: RISK_COLOR, RowStyle.TOTAL: TOTAL_COLOR, RowStyle.SECTION: SECTION_COLOR}.get(
                row.style
            )
            parts.append(f'<tr bgcolor="{color}">' if color else "<tr>")
            bold = row.style in (RowStyle.TOTAL, RowStyle.SECTION)
            if row.style is RowStyle.SECTION:
                text = " ".join(str(v) for v in row.values if v not in (None, ""))
                parts.append(f'<td colspan="{width}"><b>{html.escape(text)}</b></td></tr>')
                continue
            for column in range(width):
                text = html.escape(format_value(cell_column(sheet, row, column), row.values[column]))
                style = _cell_style(sheet, row, column)
                cell = f"<b>{text}</b>" if bold else text
                attributes = f' width="{shares[column]}%"' + (f' style="{style}"' if style else "")
                parts.append(f"<td{attributes}>{cell}</td>")
            parts.append("</tr>")
        parts.append("</table>")
        for note in sheet.footnotes:
            parts.append(f'<p style="font-size: small;">{html.escape(note)}</p>')
        for signature in sheet.signatures:
            parts.append(f"<p>{html.escape(signature)}</p>")
    parts.append("</body></html>")
    return "".join(parts)


class ReportWindow(QDialog):
    """A preview in its own window (not modal): the screens open reports here."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        self.resize(1000, 680)
        self.preview = ReportPreview(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.preview)


def open_report_window(parent: QWidget, title: str, make: Callable[[], Report]) -> ReportWindow:
    """Open a window and build the report in it off the GUI thread."""
    window = ReportWindow(title, parent)
    window.show()
    window.preview.build(make, title)
    return window
