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

from PySide6.QtCore import QEvent, QItemSelectionModel, QModelIndex, QObject, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QColor, QFont, QGuiApplication, QKeyEvent, QKeySequence, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemDelegate,
    QAbstractItemView,
    QHeaderView,
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
from ejournal_desktop.ui.i18n import tr
from ejournal_desktop.ui.journal_model import LATE_ROLE, STATE_ROLE, JournalModel
from ejournal_desktop.ui.month_header import MonthHeader

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
    """A frameless line editor per cell; paints the pending/failed marks of a cell."""

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

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: Index) -> None:
        # Drawn from the model's cached look in one call, not through QStyledItemDelegate, which asks
        # the model for a dozen roles per cell across the Python boundary: the grid is hundreds of
        # cells, and that was most of a journal's first paint.
        model = index.model()
        if not isinstance(model, JournalModel):
            super().paint(painter, option, index)
            return
        look = model.look(index)
        rect = option.rect  # type: ignore[attr-defined]
        background = look.get(Qt.ItemDataRole.BackgroundRole)
        painter.fillRect(rect, background if background is not None else option.palette.base())  # type: ignore[attr-defined]
        text = look.get(Qt.ItemDataRole.DisplayRole)
        if text:
            foreground = look.get(Qt.ItemDataRole.ForegroundRole)
            painter.setFont(option.font)  # type: ignore[attr-defined]
            painter.setPen(foreground.color() if foreground is not None else option.palette.text().color())  # type: ignore[attr-defined]
            shown = option.fontMetrics.elidedText(text, Qt.TextElideMode.ElideRight, rect.width() - 4)  # type: ignore[attr-defined]
            painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, shown)
        # Selection is drawn as a tint over the cell's own colour, so a selected «2» stays red.
        selected = bool(option.state & QStyle.StateFlag.State_Selected)  # type: ignore[attr-defined]
        if selected:
            painter.fillRect(rect, SELECTION_TINT)
        if option.state & QStyle.StateFlag.State_HasFocus:  # type: ignore[attr-defined]
            painter.save()
            painter.setPen(QPen(CURRENT_BORDER, 2))
            painter.drawRect(rect.adjusted(1, 1, -1, -1))
            painter.restore()
        if look.get(LATE_ROLE):
            # «оп» in the upper right corner: the student was late.
            painter.save()
            font = QFont(option.font)  # type: ignore[attr-defined]
            font.setPointSizeF(max(6.0, font.pointSizeF() * 0.72))
            font.setBold(True)
            painter.setFont(font)
            painter.setPen(LATE_COLOR)
            painter.drawText(
                rect.adjusted(0, 1, -3, 0), Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop, LATE_MARK
            )
            painter.restore()
        state = look.get(STATE_ROLE)
        if state in ("failed", "pending"):
            painter.save()
            failed = state == "failed"
            pen = QPen(FAILED_BORDER if failed else PENDING_BORDER, 2 if failed else 1)
            if not failed:
                pen.setStyle(Qt.PenStyle.DashLine)
            painter.setPen(pen)
            painter.drawRect(option.rect.adjusted(1, 1, -2, -2))  # type: ignore[attr-defined]
            painter.restore()


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
        rows = self.verticalHeader()
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.fontMetrics().height() + 10)
        rows.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.horizontalScrollBar().valueChanged.connect(lambda _v: self.horizontalHeader().viewport().update())
        self.last_message = ""
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
        model = self.journal_model()
        header = self.horizontalHeader()
        for column in range(model.columnCount()):
            if column < model.first_final_column:
                width = LESSON_COLUMN_WIDTH
            elif column < model.first_stats_column:
                width = FINAL_COLUMN_WIDTH
            else:
                width = STATS_COLUMN_WIDTH
            header.resizeSection(column, width)

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
