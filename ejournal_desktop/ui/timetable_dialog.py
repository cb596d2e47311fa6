"""The weekly timetable of a journal and «Создать занятия по расписанию» for a month.

A small grid: pairs down, weekdays across, a tick where the discipline has a pair. Each tick is
saved at once, off the GUI thread («Сохранение…» by the summary meanwhile). Below it the month and
the button that creates that month's lessons from the timetable (holidays and lessons already there
are skipped; topics come from the КТП).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ejournal_desktop.domain.calendar import PAIR_TIMES, month_name
from ejournal_desktop.services import timetable as tt
from ejournal_desktop.services.auth import UserSession
from ejournal_desktop.ui.background import LOADING, SerialJobs, error_message
from ejournal_desktop.ui.i18n import tr
from ejournal_desktop.ui.jobs_dialog import JobsDialog

Index = QModelIndex | QPersistentModelIndex
PAIRS = tuple(range(1, max(PAIR_TIMES) + 1))
ERROR_STYLE = "color: #b3261e;"
CREATING = tr("Создание занятий…")
EDIT_HINT = tr("Отметьте пары, в которые идёт дисциплина; изменения сохраняются сразу.")


class TimetableModel(QAbstractTableModel):
    """Pairs × weekdays; a checked cell is a slot. A tick shows at once and the whole week is saved
    through the service off the GUI thread; `table` is what the database confirmed, `wanted` the
    places as ticked while saves are on their way. A refused save puts the stored week back."""

    refused = Signal(str)
    saved = Signal()

    def __init__(self, session: UserSession, table: tt.Timetable | None, jobs: SerialJobs, parent: Any = None) -> None:
        super().__init__(parent)
        self.session = session
        self.table = table
        self.jobs = jobs
        self.wanted: frozenset[tuple[int, int]] | None = None
        self._in_flight = 0

    def set_table(self, table: tt.Timetable) -> None:
        self.beginResetModel()
        self.table = table
        self.wanted = None
        self.endResetModel()

    @property
    def places(self) -> set[tuple[int, int]]:
        if self.wanted is not None:
            return set(self.wanted)
        return {(s.weekday, s.pair_no) for s in self.table.slots} if self.table is not None else set()

    @property
    def saving(self) -> bool:
        return self._in_flight > 0

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
        if self.table is not None and self.table.read_only_reason is None:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.CheckStateRole or not (self.flags(index) & Qt.ItemFlag.ItemIsUserCheckable):
            return False
        return self.toggle(index.column(), PAIRS[index.row()], Qt.CheckState(value) == Qt.CheckState.Checked)

    def toggle(self, weekday: int, pair_no: int, on: bool) -> bool:
        """Tick or untick a place: shown at once, the week as it now stands saved in the background."""
        if self.table is None:
            return False
        places = self.places
        if ((weekday, pair_no) in places) == on:
            return False
        if on:
            places.add((weekday, pair_no))
        else:
            places.discard((weekday, pair_no))
        self.wanted = frozenset(places)
        kept = [s for s in self.table.slots if (s.weekday, s.pair_no) in places]  # with their rooms
        stored = {(s.weekday, s.pair_no) for s in kept}
        slots = kept + [tt.Slot(w, p) for w, p in sorted(places - stored)]
        row = PAIRS.index(pair_no)
        self.dataChanged.emit(self.index(row, weekday), self.index(row, weekday))
        self._in_flight += 1
        session, aid = self.session, self.table.assignment_id
        self.jobs.add(lambda: tt.save_timetable(session, aid, slots), self._saved, self._refused)
        return True

    def _settle(self) -> None:
        self._in_flight -= 1
        if self._in_flight == 0:
            self.wanted = None  # nothing more on its way: show what is stored
        self.dataChanged.emit(self.index(0, 0), self.index(len(PAIRS) - 1, len(tt.WEEKDAY_SHORT) - 1))

    def _saved(self, table: tt.Timetable) -> None:
        self.table = table
        self._settle()
        self.saved.emit()

    def _refused(self, error: Exception) -> None:
        self._settle()
        self.refused.emit(error_message(error))


class TimetableDialog(JobsDialog):
    """The timetable is read, each tick saved and the month's lessons created off the GUI thread,
    one job at a time in order (so «Создать занятия» uses the ticks made before it); closing waits
    for them (a second close does not)."""

    lessons_created = Signal(object)  # CreatedLessons

    def __init__(
        self, session: UserSession, assignment_id: int, today: dt.date | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Расписание занятий"))
        self.session = session
        self.assignment_id = assignment_id
        self.today = today or dt.date.today()
        self._creating = False
        self.model = TimetableModel(session, None, self.jobs, self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.view.verticalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.summary = QLabel()
        self.month_combo = QComboBox()
        self.create_button = QPushButton(tr("Создать занятия по расписанию"))
        self.create_button.setToolTip(
            tr("Занятия на каждую пару расписания в выбранном месяце; праздники пропускаются")
        )
        self.create_button.clicked.connect(self.create_lessons)
        self.create_button.setEnabled(False)
        self.result_label = QLabel()
        self.result_label.setWordWrap(True)
        self.close_button = QPushButton(tr("Закрыть"))
        self.close_button.clicked.connect(self.accept)
        self.model.refused.connect(self._error)
        self.model.dataChanged.connect(self._show_summary)

        self.hint = QLabel(EDIT_HINT)  # or, once read, why the timetable may not be changed
        self.hint.setWordWrap(True)
        month_row = QHBoxLayout()
        month_row.addWidget(QLabel(tr("Месяц:")))
        month_row.addWidget(self.month_combo, 1)
        month_row.addWidget(self.create_button)
        summary_row = QHBoxLayout()
        summary_row.addWidget(self.summary, 1)
        summary_row.addWidget(self.busy_label)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addWidget(self.view, 1)
        layout.addLayout(summary_row)
        layout.addLayout(month_row)
        layout.addWidget(self.result_label)
        layout.addLayout(buttons)
        self.resize(640, 460)
        self.jobs.add(lambda: tt.load_timetable(session, assignment_id), self._loaded, self._load_failed, LOADING)

    @property
    def busy(self) -> bool:
        """A load, a save or the creation of lessons is on its way (or waits for the one before it)."""
        return self.jobs.busy

    def _loaded(self, table: tt.Timetable) -> None:
        self.model.set_table(table)
        for year, month in table.months:
            self.month_combo.addItem(f"{month_name(month)} {year}", year * 100 + month)
        current = self.month_combo.findData(self.today.year * 100 + self.today.month)
        self.month_combo.setCurrentIndex(max(0, current))
        self.hint.setText(table.read_only_reason or EDIT_HINT)
        self._enable_create()
        self._show_summary()

    def _load_failed(self, error: Exception) -> None:
        self._error(error_message(error))

    def _enable_create(self) -> None:
        table = self.model.table
        self.create_button.setEnabled(
            table is not None and table.lessons_refusal is None and not self._creating and self._closing is None
        )

    def _show_summary(self, *_: object) -> None:
        if self.model.table is None:
            self.summary.clear()
            return
        slots = [tt.Slot(weekday, pair_no) for weekday, pair_no in sorted(self.model.places)]
        self.summary.setText(
            tr("В неделю: ")
            + ("; ".join(s.label for s in slots) if slots else tr("пары не отмечены"))
            + f" ({len(slots)})"
        )

    def _error(self, message: str) -> None:
        self.result_label.setStyleSheet(ERROR_STYLE)
        self.result_label.setText(message)

    def create_lessons(self) -> None:
        """The month's lessons from the timetable, off the GUI thread, after the ticks made before."""
        if self._creating or self.model.table is None or self.month_combo.currentData() is None:
            return
        year, month = divmod(int(self.month_combo.currentData()), 100)
        self._creating = True
        self._enable_create()
        self.result_label.setStyleSheet("")
        self.result_label.setText(tr("Создание занятий…"))
        session, aid = self.session, self.assignment_id

        def done(result: tt.CreatedLessons) -> None:
            self._creating = False
            self._enable_create()
            self.result_label.setStyleSheet("")
            self.result_label.setText(result.message)
            if result.created:
                self.lessons_created.emit(result)

        def failed(error: Exception) -> None:
            self._creating = False
            self._enable_create()
            self._error(error_message(error))

        self.jobs.add(lambda: tt.create_month_lessons(session, aid, year, month), done, failed, CREATING)

    def _lock_for_closing(self) -> None:
        self.view.setEnabled(False)
        self._enable_create()
