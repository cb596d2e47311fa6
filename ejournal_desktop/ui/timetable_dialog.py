"""The weekly timetable of a journal and «Создать занятия по расписанию» for a month.

A small grid: pairs down, weekdays across, a tick where the discipline has a pair. Each tick is
saved at once. Below it the month and the button that creates that month's lessons from the
timetable (holidays and lessons already there are skipped; topics come from the КТП).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ejournal_desktop.domain.calendar import PAIR_TIMES, month_name
from ejournal_desktop.domain.errors import DomainError
from ejournal_desktop.services import timetable as tt
from ejournal_desktop.services.auth import UserSession
from ejournal_desktop.ui.i18n import tr

Index = QModelIndex | QPersistentModelIndex
PAIRS = tuple(range(1, max(PAIR_TIMES) + 1))
ERROR_STYLE = "color: #b3261e;"


class TimetableModel(QAbstractTableModel):
    """Pairs × weekdays; a checked cell is a slot. Toggling saves the whole week through the service."""

    refused = Signal(str)
    saved = Signal()

    def __init__(self, session: UserSession, table: tt.Timetable, parent: Any = None) -> None:
        super().__init__(parent)
        self.session = session
        self.table = table

    @property
    def places(self) -> set[tuple[int, int]]:
        return {(s.weekday, s.pair_no) for s in self.table.slots}

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(PAIRS)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(tt.WEEKDAY_SHORT)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return tt.WEEKDAY_SHORT[section]
        start, end = PAIR_TIMES[PAIRS[section]]
        return tr("{0} пара  {1:%H:%M}–{2:%H:%M}").format(PAIRS[section], start, end)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        place = (index.column(), PAIRS[index.row()])
        if role == Qt.ItemDataRole.CheckStateRole:
            return Qt.CheckState.Checked if place in self.places else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.ToolTipRole:
            return tr("{0}, {1}-я пара").format(tt.WEEKDAY_NAMES[place[0]], place[1])
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.table.read_only_reason is None:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or not (self.flags(index) & Qt.ItemFlag.ItemIsUserCheckable):
            return False
        return self.toggle(index.column(), PAIRS[index.row()], Qt.CheckState(value) == Qt.CheckState.Checked)

    def toggle(self, weekday: int, pair_no: int, on: bool) -> bool:
        slots = [s for s in self.table.slots if (s.weekday, s.pair_no) != (weekday, pair_no)]
        if on:
            slots.append(tt.Slot(weekday, pair_no))
        try:
            self.table = tt.save_timetable(self.session, self.table.assignment_id, slots)
        except DomainError as exc:
            self.refused.emit(exc.message)
            return False
        row = PAIRS.index(pair_no)
        self.dataChanged.emit(self.index(row, weekday), self.index(row, weekday))
        self.saved.emit()
        return True


class TimetableDialog(QDialog):
    lessons_created = Signal(object)  # CreatedLessons

    def __init__(
        self, session: UserSession, assignment_id: int, today: dt.date | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Расписание занятий"))
        self.session = session
        table = tt.load_timetable(session, assignment_id)
        self.model = TimetableModel(session, table, self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.view.verticalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.summary = QLabel()
        self.month_combo = QComboBox()
        day = today or dt.date.today()
        for year, month in table.months:
            self.month_combo.addItem(f"{month_name(month)} {year}", year * 100 + month)
        current = self.month_combo.findData(day.year * 100 + day.month)
        self.month_combo.setCurrentIndex(max(0, current))
        self.create_button = QPushButton(tr("Создать занятия по расписанию"))
        self.create_button.setToolTip(
            tr("Занятия на каждую пару расписания в выбранном месяце; праздники пропускаются")
        )
        self.create_button.clicked.connect(self.create_lessons)
        self.result_label = QLabel()
        self.result_label.setWordWrap(True)
        self.close_button = QPushButton(tr("Закрыть"))
        self.close_button.clicked.connect(self.accept)
        self.model.refused.connect(self._error)
        self.model.saved.connect(self._show_summary)

        note = table.read_only_reason or tr("Отметьте пары, в которые идёт дисциплина; изменения сохраняются сразу.")
        hint = QLabel(note)
        hint.setWordWrap(True)
        month_row = QHBoxLayout()
        month_row.addWidget(QLabel(tr("Месяц:")))
        month_row.addWidget(self.month_combo, 1)
        month_row.addWidget(self.create_button)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(hint)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.summary)
        layout.addLayout(month_row)
        layout.addWidget(self.result_label)
        layout.addLayout(buttons)
        self.create_button.setEnabled(table.lessons_refusal is None)
        self._show_summary()
        self.resize(640, 460)

    def _show_summary(self) -> None:
        slots = self.model.table.slots
        self.summary.setText(
            tr("В неделю: ")
            + ("; ".join(s.label for s in slots) if slots else tr("пары не отмечены"))
            + f" ({len(slots)})"
        )

    def _error(self, message: str) -> None:
        self.result_label.setStyleSheet(ERROR_STYLE)
        self.result_label.setText(message)

    def create_lessons(self) -> tt.CreatedLessons | None:
        year, month = divmod(int(self.month_combo.currentData()), 100)
        try:
            result = tt.create_month_lessons(self.session, self.model.table.assignment_id, year, month)
        except DomainError as exc:
            self._error(exc.message)
            return None
        self.result_label.setStyleSheet("")
        self.result_label.setText(result.message)
        if result.created:
            self.lessons_created.emit(result)
        return result
