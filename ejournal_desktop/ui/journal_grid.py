"""The grid's table view and its cell editor: keyboard first.

- typing in a cell opens the editor with that character; Enter/↓ saves and goes down to the next
  student, ↑ up, Tab/→ right (→ and ← leave the cell only at the end/start of the text);
- refused text stays in the editor, with the reason in a tooltip at the cell; Esc gives up;
- Del/Backspace clears the selected cells; Ctrl+C copies them; Ctrl+V pastes a block copied from
  Excel (tab/newline separated) from the current cell; Ctrl+Z/Ctrl+Y undo and redo.

The student column is the view's vertical header, so it stays put while the lessons scroll
sideways and scrolls up and down with the rows by construction — nothing to synchronise.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPointF,
    QRect,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QColor,
    QFont,
    QGuiApplication,
    QKeyEvent,
    QKeySequence,
    QPainter,
    QPaintEvent,
    QPen,
    QStaticText,
    QTransform,
)
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemDelegate,
    QAbstractItemView,
    QLineEdit,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionHeader,
    QStyleOptionViewItem,
    QTableView,
    QToolTip,
    QWidget,
)

from ejournal_desktop.domain.errors import ValidationError
from ejournal_desktop.ui.header_paint import Section, visible_sections
from ejournal_desktop.ui.i18n import tr
from ejournal_desktop.ui.journal_model import CellLook, JournalModel
from ejournal_desktop.ui.month_header import MonthHeader
from ejournal_desktop.ui.student_header import StudentHeader

Index = QModelIndex | QPersistentModelIndex

LESSON_COLUMN_WIDTH = 46
FINAL_COLUMN_WIDTH = 58
STATS_COLUMN_WIDTH = 74
FAILED_BORDER = QColor("#d32f2f")
PENDING_BORDER = QColor("#5b8fd6")
SELECTION_TINT = QColor(40, 100, 200, 55)
CURRENT_BORDER = QColor("#1f4e9c")
TOOLTIP_MS = 6000
LATE_COLOR = QColor("#b35c00")
LATE_MARK = tr("оп")

_MOVES = {
    Qt.Key.Key_Return: (1, 0),
    Qt.Key.Key_Enter: (1, 0),
    Qt.Key.Key_Down: (1, 0),
    Qt.Key.Key_Up: (-1, 0),
    Qt.Key.Key_Tab: (0, 1),
    Qt.Key.Key_Backtab: (0, -1),
}


class CellDelegate(QStyledItemDelegate):
    """A frameless line editor per cell (the grid paints the cells itself)."""

    navigate = Signal(int, int)  # rows, columns to move after a successful commit

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.editor: QLineEdit | None = None
        self.last_commit_ok = True

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        editor = QLineEdit(parent)
        editor.setFrame(False)
        editor.setAlignment(Qt.AlignmentFlag.AlignCenter)
        editor.setMaxLength(16)
        self.editor = editor
        editor.destroyed.connect(self._forget_editor)
        return editor

    def _forget_editor(self, *_: object) -> None:
        self.editor = None

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QLineEdit)
        editor.setText(str(index.data(Qt.ItemDataRole.EditRole) or ""))
        editor.selectAll()

    def setModelData(self, editor: QWidget, model: Any, index: Index) -> None:
        assert isinstance(editor, QLineEdit)
        self.last_commit_ok = bool(model.setData(index, editor.text(), Qt.ItemDataRole.EditRole))

    def eventFilter(self, editor: QObject, event: QEvent) -> bool:
        if isinstance(editor, QLineEdit) and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            move = self._move_for(editor, event)
            if move is not None:
                self.commitData.emit(editor)
                if self.last_commit_ok:
                    self.closeEditor.emit(editor, QAbstractItemDelegate.EndEditHint.NoHint)
                    self.navigate.emit(*move)
                else:
                    editor.selectAll()
                return True
        return super().eventFilter(editor, event)

    @staticmethod
    def _move_for(editor: QLineEdit, event: QKeyEvent) -> tuple[int, int] | None:
        key = Qt.Key(event.key())
        if key in _MOVES:
            return _MOVES[key]
        if key == Qt.Key.Key_Right and editor.cursorPosition() == len(editor.text()) and not editor.hasSelectedText():
            return (0, 1)
        if key == Qt.Key.Key_Left and editor.cursorPosition() == 0 and not editor.hasSelectedText():
            return (0, -1)
        return None


class JournalGrid(QTableView):
    """The table of the journal. `message` reports refusals for the status line."""

    message = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setHorizontalHeader(MonthHeader(self))
        self.delegate = CellDelegate(self)
        self.delegate.navigate.connect(self.move_by)
        self.setItemDelegate(self.delegate)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.AnyKeyPressed
            | QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.setSelectionMode(QAbstractItemView.SelectionMode.ContiguousSelection)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setWordWrap(False)
        self.setCornerButtonEnabled(False)
        self.setVerticalHeader(StudentHeader(self))
        self.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 10)
        self.horizontalScrollBar().valueChanged.connect(lambda _v: self.horizontalHeader().viewport().update())
        self.last_message = ""
        self._texts: dict[tuple[str, int, int], tuple[QStaticText, float, float]] = {}
        corner = self.findChild(QAbstractButton)
        if corner is not None:
            corner.installEventFilter(self)
        self._corner = corner

    # -- model ----------------------------------------------------------------------------

    def journal_model(self) -> JournalModel:
        model = self.model()
        assert isinstance(model, JournalModel)
        return model

    def setModel(self, model: Any) -> None:
        super().setModel(model)
        if isinstance(model, JournalModel):
            model.invalid_input.connect(self.show_refusal)
            model.modelReset.connect(self.fit_columns)
            self.fit_columns()

    def fit_columns(self) -> None:
        """Lessons take the default width; only the final and total columns are sized one by one."""
        model = self.journal_model()
        header = self.horizontalHeader()
        header.setDefaultSectionSize(LESSON_COLUMN_WIDTH)
        for column in range(model.first_final_column, model.columnCount()):
            header.resizeSection(
                column, FINAL_COLUMN_WIDTH if column < model.first_stats_column else STATS_COLUMN_WIDTH
            )

    # -- painting -------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        """The visible cells in one pass from the model's cached looks.

        QTableView would call the delegate once per cell across the Python boundary, with a style
        option built each time, and ask the model for the flags of each: that was most of a journal's
        first paint (36 µs a cell). Here a cell costs a dictionary look-up and a few QPainter calls.
        Everything else — the editor, headers, scrolling, selection — stays QTableView's own."""
        model = self.model()
        if not isinstance(model, JournalModel) or not model.rowCount() or not model.columnCount():
            super().paintEvent(event)
            return
        area = event.rect()
        rows = visible_sections(self.verticalHeader(), area.top(), area.bottom(), model.rowCount())
        columns = visible_sections(self.horizontalHeader(), area.left(), area.right(), model.columnCount())
        palette = self.palette()
        painter = QPainter(self.viewport())
        try:
            painter.fillRect(area, palette.base())
            if rows and columns:  # none: only the empty space past the last row or column is repainted
                self._paint_cells(painter, model, rows, columns)
        finally:
            painter.end()

    def _paint_cells(self, painter: QPainter, model: JournalModel, rows: list[Section], columns: list[Section]) -> None:
        palette = self.palette()
        text_color = palette.text().color()
        painter.setFont(self.font())
        selected = [(r.top(), r.bottom(), r.left(), r.right()) for r in self.selectionModel().selection()]
        current = self.currentIndex()
        focus_cell = (current.row(), current.column()) if current.isValid() and self.hasFocus() else None
        grid = self.showGrid()
        inset = 1 if grid else 0
        pen_color: QColor | None = None
        for row, top, height in rows:
            row_selected = [(first, last) for t, b, first, last in selected if t <= row <= b]
            for column, left, width in columns:
                look = model.cell_look(row, column)
                rect = QRect(left, top, width - inset, height - inset)
                if look.background is not None:
                    painter.fillRect(rect, look.background)
                if look.text:
                    color = look.foreground or text_color
                    if color is not pen_color:
                        painter.setPen(color)
                        pen_color = color
                    text, x, y = self._laid_out(look.text, width - inset, height - inset)
                    painter.drawStaticText(QPointF(left + x, top + y), text)
                # Selection is a tint over the cell's own colour, so a selected «2» stays red.
                if row_selected and any(first <= column <= last for first, last in row_selected):
                    painter.fillRect(rect, SELECTION_TINT)
                if look.late or look.state in ("failed", "pending") or (row, column) == focus_cell:
                    self._paint_marks(painter, rect, look, (row, column) == focus_cell)
                    pen_color = None
        if grid:
            self._paint_grid(painter, rows, columns)

    def _laid_out(self, text: str, width: int, height: int) -> tuple[QStaticText, float, float]:
        """A cell's text laid out once (a journal shows a few dozen different texts), elided to the
        cell, with its offset to be centred in it: drawing it again costs a quarter of drawText."""
        key = (text, width, height)
        laid_out = self._texts.get(key)
        if laid_out is None:
            metrics = self.fontMetrics()
            if metrics.horizontalAdvance(text) > width - 4:
                text = metrics.elidedText(text, Qt.TextElideMode.ElideRight, width - 4)
            static = QStaticText(text)
            static.setTextFormat(Qt.TextFormat.PlainText)
            static.prepare(QTransform(), self.font())
            size = static.size()
            laid_out = self._texts[key] = (static, (width - size.width()) / 2, (height - size.height()) / 2)
        return laid_out

    def changeEvent(self, event: QEvent) -> None:
        if event.type() in (QEvent.Type.FontChange, QEvent.Type.StyleChange):
            self._texts.clear()
        super().changeEvent(event)

    def _paint_marks(self, painter: QPainter, rect: QRect, look: CellLook, current: bool) -> None:
        """The current cell's frame, «оп» for a late student, the border of a cell being saved or failed."""
        painter.save()
        if current:
            painter.setPen(QPen(CURRENT_BORDER, 2))
            painter.drawRect(rect.adjusted(1, 1, -1, -1))
        if look.late:
            # «оп» in the upper right corner: the student was late.
            font = QFont(self.font())
            font.setPointSizeF(max(6.0, font.pointSizeF() * 0.72))
            font.setBold(True)
            painter.setFont(font)
            painter.setPen(LATE_COLOR)
            painter.drawText(
                rect.adjusted(0, 1, -3, 0), Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop, LATE_MARK
            )
        if look.state in ("failed", "pending"):
            failed = look.state == "failed"
            pen = QPen(FAILED_BORDER if failed else PENDING_BORDER, 2 if failed else 1)
            if not failed:
                pen.setStyle(Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.drawRect(rect.adjusted(1, 1, -2, -2))
        painter.restore()

    def _paint_grid(self, painter: QPainter, rows: list[Section], columns: list[Section]) -> None:
        """The lines between cells, where QTableView draws them: on each cell's last pixel."""
        option = QStyleOptionViewItem()
        option.initFrom(self)
        color = self.style().styleHint(QStyle.StyleHint.SH_Table_GridLineColor, option, self)
        painter.setPen(QPen(QColor.fromRgba(color & 0xFFFFFFFF), 0, self.gridStyle()))
        top, bottom = rows[0][1], rows[-1][1] + rows[-1][2] - 1
        left, right = columns[0][1], columns[-1][1] + columns[-1][2] - 1
        for _column, x, width in columns:
            painter.drawLine(x + width - 1, top, x + width - 1, bottom)
        for _row, y, height in rows:
            painter.drawLine(left, y + height - 1, right, y + height - 1)

    # -- keyboard -------------------------------------------------------------------------

    def focus_target(self) -> QWidget:
        """Where the keyboard goes now: the open cell editor, or the grid itself."""
        editor = self.delegate.editor
        return editor if editor is not None and editor.isVisible() else self

    def move_by(self, rows: int, columns: int) -> None:
        current = self.currentIndex()
        model = self.model()
        if not current.isValid() or model is None:
            return
        row = min(max(current.row() + rows, 0), model.rowCount() - 1)
        column = min(max(current.column() + columns, 0), model.columnCount() - 1)
        target = model.index(row, column)
        self.setCurrentIndex(target)
        self.scrollTo(target)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if self.state() != QAbstractItemView.State.EditingState:
            if event.matches(QKeySequence.StandardKey.Undo):
                self.journal_model().undo_stack.undo()
                return
            if event.matches(QKeySequence.StandardKey.Redo) or (
                event.key() == Qt.Key.Key_Y and event.modifiers() == Qt.KeyboardModifier.ControlModifier
            ):
                self.journal_model().undo_stack.redo()
                return
            if event.matches(QKeySequence.StandardKey.Paste):
                self.paste(QGuiApplication.clipboard().text())
                return
            if event.matches(QKeySequence.StandardKey.Copy):
                self.copy()
                return
            if event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and not event.modifiers():
                self.clear_selection()
                return
            if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                self.move_by(1, 0)
                return
            if event.key() == Qt.Key.Key_Tab:
                self.move_by(0, 1)
                return
            if event.key() == Qt.Key.Key_Backtab:
                self.move_by(0, -1)
                return
            current = self.currentIndex()
            if event.text() and event.text().isprintable() and not self.journal_model().is_editable(current):
                self.show_refusal(self._why_not_editable(current), current)
                return
        super().keyPressEvent(event)

    def _why_not_editable(self, index: QModelIndex) -> str:
        model = self.journal_model()
        if not model.writable:
            return model.journal.read_only_reason or tr("Журнал только для просмотра")
        return model.locked_reason(index.row(), index.column()) or tr("Эта колонка считается сама")

    def show_refusal(self, message: str, index: QModelIndex) -> None:
        self.last_message = message
        rect = self.visualRect(index) if index.isValid() else self.viewport().rect()
        QToolTip.showText(self.viewport().mapToGlobal(rect.bottomLeft()), message, self.viewport(), rect, TOOLTIP_MS)
        self.message.emit(message)

    # -- block operations -----------------------------------------------------------------

    def selected_editable(self) -> list[QModelIndex]:
        model = self.journal_model()
        indexes = self.selectionModel().selectedIndexes() or [self.currentIndex()]
        return [i for i in indexes if i.isValid() and model.is_editable(i)]

    def clear_selection(self) -> None:
        model = self.journal_model()
        targets = self.selected_editable()
        if not targets:
            self.show_refusal(self._why_not_editable(self.currentIndex()), self.currentIndex())
            return
        values = {}
        for index in targets:
            key = model.key_at(index)
            assert key is not None
            values[key] = model.parse(index, "")
        model.edit(values, tr("Очистка"))

    def copy(self) -> None:
        indexes = self.selectionModel().selectedIndexes() or [self.currentIndex()]
        rows = sorted({i.row() for i in indexes})
        columns = sorted({i.column() for i in indexes})
        model = self.journal_model()
        lines = ["\t".join(model.text_at(model.index(r, c)) for c in columns) for r in rows]
        QGuiApplication.clipboard().setText("\n".join(lines))

    def paste(self, text: str) -> bool:
        """Paste a block (rows by newlines, cells by tabs) from the current cell; all or nothing."""
        model = self.journal_model()
        start = self.currentIndex()
        if not start.isValid() or not text:
            return False
        lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        if lines and lines[-1] == "":
            lines.pop()
        values: dict[Any, object] = {}
        problems: list[str] = []
        for i, line in enumerate(lines):
            for j, cell_text in enumerate(line.split("\t")):
                row, column = start.row() + i, start.column() + j
                if row >= model.rowCount() or column >= model.first_stats_column:
                    problems.append(tr("«{0}»: за пределами журнала").format(cell_text))
                    continue
                index = model.index(row, column)
                where = self._cell_name(index)
                if not model.is_editable(index):
                    problems.append(f"{where}: {self._why_not_editable(index)}")
                    continue
                try:
                    value = model.parse(index, cell_text)
                except ValidationError as exc:
                    problems.append(f"{where}: {exc.message}")
                    continue
                values[model.key_at(index)] = value
        if problems:
            shown = problems[:8] + ([tr("… и ещё {0}").format(len(problems) - 8)] if len(problems) > 8 else [])
            self.show_refusal(tr("Ничего не вставлено:\n") + "\n".join(shown), start)
            return False
        model.edit(values, tr("Вставка"))
        last = model.index(start.row() + len(lines) - 1, start.column() + max(len(x.split("\t")) for x in lines) - 1)
        self.selectionModel().select(_selection(model, start, last), QItemSelectionModel.SelectionFlag.ClearAndSelect)
        return True

    def _cell_name(self, index: QModelIndex) -> str:
        model = self.journal_model()
        student = model.students[index.row()]
        lesson = model.lesson_at(index.column())
        if lesson is not None:
            column = lesson.held_on.strftime("%d.%m")
        else:
            column = str(model.headerData(index.column(), Qt.Orientation.Horizontal))
        return f"{student.short_name}, {column}"

    # -- the corner names the student column ----------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        corner = getattr(self, "_corner", None)
        if corner is not None and watched is corner and event.type() == QEvent.Type.Paint:
            painter = QPainter(corner)
            option = QStyleOptionHeader()
            option.initFrom(corner)
            option.state |= QStyle.StateFlag.State_Enabled
            option.palette = self.palette()
            option.rect = corner.rect().adjusted(4, 0, 0, -4)
            option.text = tr("№  Обучающийся")
            option.textAlignment = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignBottom
            option.position = QStyleOptionHeader.SectionPosition.OnlyOneSection
            self.style().drawControl(QStyle.ControlElement.CE_Header, option, painter, corner)
            painter.end()
            return True
        return super().eventFilter(watched, event)


def _selection(model: JournalModel, first: QModelIndex, last: QModelIndex) -> Any:
    from PySide6.QtCore import QItemSelection

    return QItemSelection(first, model.index(min(last.row(), model.rowCount() - 1), last.column()))
