"""The КТП editor: a table of the plan's topics edited in place, opened from a journal («КТП…»).

Each cell is saved when it is left (no Save button), through `services.ktp`, off the GUI thread (the
typed value shows at once, tinted until it is stored); a refusal is shown under the table and the
cell goes back to the stored value. Rows are added (Ins), deleted (Del), moved
(Ctrl+↑/↓); the plan is imported from and exported to XLSX. The line under the title compares the
planned hours with those given, and a warning appears when the lessons run past the plan.

The file choosers and the confirmation are attributes (`choose_import_file`, `choose_export_file`,
`confirm`) so that tests can answer them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QBrush, QColor, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QStyledItemDelegate,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ejournal_desktop.domain.calendar import format_date
from ejournal_desktop.domain.errors import DomainError
from ejournal_desktop.domain.lessons import LESSON_KIND_LABELS
from ejournal_desktop.reports.ktp_xlsx import read_ktp_xlsx, write_ktp_xlsx
from ejournal_desktop.services import ktp as ktp_service
from ejournal_desktop.services.auth import UserSession
from ejournal_desktop.ui.background import LOADING, SerialJobs, error_message
from ejournal_desktop.ui.i18n import tr, tr_label
from ejournal_desktop.ui.jobs_dialog import JobsDialog

Index = QModelIndex | QPersistentModelIndex

# (title, topic field or None, width in characters)
COLUMNS: tuple[tuple[str, str | None, int], ...] = (
    ("№", None, 4),
    (tr("Раздел"), "section", 18),
    (tr("Тема"), "title", 44),
    (tr("Часы"), "hours", 5),
    (tr("Вид занятия"), "lesson_kind", 20),
    (tr("Домашнее задание"), "homework", 24),
    (tr("Проведено"), None, 10),
)
KIND_COLUMN = 4
GIVEN_COLOR = QColor("#eef6ee")
SAVING_COLOR = QColor("#d3e6ff")  # as a pending cell of the journal
READING = tr("Чтение файла…")
WRITING = tr("Запись файла…")
WARNING_STYLE = "background: #fff4ce; border: 1px solid #e0c060; padding: 4px 8px;"
ERROR_STYLE = "color: #b3261e;"


class KtpModel(QAbstractTableModel):
    """The topics of one КТП; `setData` shows the new value at once and saves it off the GUI thread.

    `plan` holds what the database confirmed; a value on its way is kept per (topic, field) and shown
    over it (tinted, «Сохраняется…» in the tooltip) until its save comes back. A refused value goes
    back to the stored one and `refused` says why; `saved` follows every save that came back.
    `locked` (a row is being added, deleted, moved or imported) lets no cell editor open.
    """

    refused = Signal(str)
    saved = Signal()

    def __init__(
        self, session: UserSession, plan: ktp_service.Ktp | None, jobs: SerialJobs, parent: Any = None
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.plan = plan
        self.jobs = jobs
        self.locked = False
        self._typed: dict[tuple[int, str], object] = {}  # (topic, field) → the latest value sent
        self._in_flight: Counter[tuple[int, str]] = Counter()

    def set_plan(self, plan: ktp_service.Ktp) -> None:
        self.beginResetModel()
        self.plan = plan
        self.endResetModel()

    @property
    def topics(self) -> tuple[ktp_service.KtpTopic, ...]:
        return self.plan.topics if self.plan is not None else ()

    @property
    def saving(self) -> bool:
        return bool(self._in_flight)

    def value(self, topic: ktp_service.KtpTopic, name: str) -> Any:
        """The field as the teacher last typed it (on its way to the database) or as stored."""
        key = (topic.id, name)
        return self._typed[key] if key in self._typed else getattr(topic, name)

    def _topic_saving(self, topic: ktp_service.KtpTopic) -> bool:
        return any(topic_id == topic.id for topic_id, _name in self._in_flight)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.topics)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section][0]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        topic = self.topics[index.row()]
        column = index.column()
        name = COLUMNS[column][1]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if column == 0:
                return topic.position
            if column == len(COLUMNS) - 1:
                return format_date(topic.given_on) if topic.given_on else ""
            value = self.value(topic, name or "")
            if name == "lesson_kind" and role == Qt.ItemDataRole.DisplayRole:
                return tr_label(LESSON_KIND_LABELS.get(value, value))
            return "" if value is None else value
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (0, 3, 6):
            return Qt.AlignmentFlag.AlignCenter
        if role == Qt.ItemDataRole.BackgroundRole:
            if self._topic_saving(topic):
                return QBrush(SAVING_COLOR)
            if topic.given_on is not None:
                return QBrush(GIVEN_COLOR)
        if role == Qt.ItemDataRole.ToolTipRole:
            if self._topic_saving(topic):
                return tr("Сохраняется…")
            if topic.given_on:
                return tr("Проведено с {0}: {1} ч.").format(format_date(topic.given_on), topic.given_hours)
            return tr("Тема ещё не проведена")
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        writable = self.plan is not None and self.plan.writable and not self.locked
        if writable and COLUMNS[index.column()][1] is not None:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not (self.flags(index) & Qt.ItemFlag.ItemIsEditable):
            return False
        topic = self.topics[index.row()]
        name = COLUMNS[index.column()][1]
        assert name is not None
        if name == "hours":
            try:
                value = int(str(value).strip())
            except ValueError:
                self.refused.emit(tr("Часы: «{0}» — не число (от 1 до 8)").format(value))
                return False
        elif isinstance(value, str):
            value = value.strip()
            if name in ("section", "homework"):
                value = value or None
        if value == self.value(topic, name):
            return False
        key = (topic.id, name)
        self._typed[key] = value
        self._in_flight[key] += 1
        self._row_changed(topic.id)
        session, topic_id, position = self.session, topic.id, topic.position
        self.jobs.add(
            lambda: ktp_service.update_topic(session, topic_id, **{name: value}),
            lambda saved: self._saved(key, saved),
            lambda error: self._refused(key, position, error),
        )
        return True

    def _settle(self, key: tuple[int, str]) -> None:
        self._in_flight[key] -= 1
        if self._in_flight[key] <= 0:
            del self._in_flight[key]
            self._typed.pop(key, None)

    def _row_changed(self, topic_id: int) -> None:
        row = next((i for i, t in enumerate(self.topics) if t.id == topic_id), None)
        if row is not None:
            self.dataChanged.emit(self.index(row, 0), self.index(row, len(COLUMNS) - 1))

    def _saved(self, key: tuple[int, str], saved: ktp_service.KtpTopic) -> None:
        self._settle(key)
        if self.plan is not None:
            self.plan = _replace_topics(
                self.plan,
                tuple(
                    replace(saved, given_on=topic.given_on, given_hours=topic.given_hours)
                    if topic.id == saved.id
                    else topic
                    for topic in self.plan.topics
                ),
            )
        self._row_changed(saved.id)
        self.saved.emit()

    def _refused(self, key: tuple[int, str], position: int, error: Exception) -> None:
        self._settle(key)  # the cell shows the stored value again (unless a later value is on its way)
        self._row_changed(key[0])
        self.refused.emit(tr("Тема {0}: {1}").format(position, error_message(error)))


def _replace_topics(plan: ktp_service.Ktp, topics: tuple[ktp_service.KtpTopic, ...]) -> ktp_service.Ktp:
    return replace(plan, topics=topics)


class KindDelegate(QStyledItemDelegate):
    """«Вид занятия» picked from the list of kinds."""

    def createEditor(self, parent: QWidget, option: Any, index: Index) -> QWidget:
        combo = QComboBox(parent)
        for kind, label in LESSON_KIND_LABELS.items():
            combo.addItem(tr_label(label), kind)
        return combo

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        editor.setCurrentIndex(max(0, editor.findData(index.data(Qt.ItemDataRole.EditRole))))

    def setModelData(self, editor: QWidget, model: Any, index: Index) -> None:
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)


class KtpEditor(JobsDialog):
    """The КТП of one assignment.

    Every service call (the load, each cell's save, add/delete/move, import, export) runs off the GUI
    thread through `jobs`, one at a time in order; meanwhile the line by the title says «Загрузка…» /
    «Сохранение…». While a row is being added, deleted, moved or imported the row buttons are off and
    no cell opens for editing. Closing waits for the saves on their way (a second close does not).
    """

    changed = Signal()  # the plan changed: the journal may propose other topics now

    def __init__(self, session: UserSession, assignment_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.assignment_id = assignment_id
        self.setWindowTitle(tr("КТП — календарно-тематический план"))
        self.choose_import_file: Callable[[], str | None] = self._import_dialog
        self.choose_export_file: Callable[[str], str | None] = self._export_dialog
        self.confirm: Callable[[str], bool] = self._confirm_dialog
        self._rows_changing = False  # add, delete, move or import on its way
        self._exporting = False
        self.model = KtpModel(session, None, self.jobs, self)
        self.model.refused.connect(self._show_error)
        self.model.saved.connect(self._after_change)
        self._build()
        self._show_plan()
        self.resize(1100, 640)
        self.reload()

    # -- building -------------------------------------------------------------------------

    def _build(self) -> None:
        self.title = QLabel(tr("КТП"))
        font = self.title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.title.setFont(font)
        self.hours_label = QLabel()
        self.warning_label = QLabel()
        self.warning_label.setStyleSheet(WARNING_STYLE)
        self.warning_label.setWordWrap(True)
        self.error_label = QLabel()
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setWordWrap(True)
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setItemDelegateForColumn(KIND_COLUMN, KindDelegate(self.table))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.table.verticalHeader().hide()
        self.table.setWordWrap(True)
        metrics = self.table.fontMetrics()
        header = self.table.horizontalHeader()
        for column, (_title, _name, width) in enumerate(COLUMNS):
            header.resizeSection(column, metrics.averageCharWidth() * width + 12)
        header.resizeSection(len(COLUMNS) - 1, metrics.horizontalAdvance("00.00.0000") + 16)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)

        self.add_button = QPushButton(tr("Добавить тему"))
        self.add_button.setToolTip(tr("Новая тема после текущей (Insert)"))
        self.delete_button = QPushButton(tr("Удалить"))
        self.delete_button.setToolTip(tr("Удалить текущую тему (Ctrl+Delete)"))
        self.up_button = QPushButton(tr("Выше"))
        self.up_button.setToolTip(tr("Переместить тему выше (Ctrl+↑)"))
        self.down_button = QPushButton(tr("Ниже"))
        self.down_button.setToolTip(tr("Переместить тему ниже (Ctrl+↓)"))
        self.import_button = QPushButton(tr("Импорт из XLSX…"))
        self.export_button = QPushButton(tr("Экспорт в XLSX…"))
        self.close_button = QPushButton(tr("Закрыть"))
        self.add_button.clicked.connect(self.add_topic)
        self.delete_button.clicked.connect(self.delete_topic)
        self.up_button.clicked.connect(lambda: self.move_topic(-1))
        self.down_button.clicked.connect(lambda: self.move_topic(1))
        self.import_button.clicked.connect(self.import_xlsx)
        self.export_button.clicked.connect(self.export_xlsx)
        self.close_button.clicked.connect(self.accept)
        for sequence, slot in (
            (QKeySequence(Qt.Key.Key_Insert), self.add_topic),
            (QKeySequence("Ctrl+Delete"), self.delete_topic),
            (QKeySequence("Ctrl+Up"), lambda: self.move_topic(-1)),
            (QKeySequence("Ctrl+Down"), lambda: self.move_topic(1)),
        ):
            action = QAction(self)
            action.setShortcut(sequence)
            action.triggered.connect(slot)
            self.addAction(action)

        buttons = QHBoxLayout()
        for button in (self.add_button, self.delete_button, self.up_button, self.down_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        for button in (self.import_button, self.export_button, self.close_button):
            buttons.addWidget(button)
        hint = QLabel(tr("Ячейка сохраняется, когда вы её покидаете. Зелёным — темы, по которым уже были занятия."))
        hint.setStyleSheet("color: #555;")

        title_row = QHBoxLayout()
        title_row.addWidget(self.title, 1)
        title_row.addWidget(self.busy_label)
        layout = QVBoxLayout(self)
        layout.addLayout(title_row)
        layout.addWidget(self.hours_label)
        layout.addWidget(self.warning_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error_label)
        layout.addWidget(hint)
        layout.addLayout(buttons)

    @property
    def plan(self) -> ktp_service.Ktp | None:
        """The plan as the database confirmed it (None until it has been read)."""
        return self.model.plan

    @property
    def busy(self) -> bool:
        """A load or a save is on its way (or waits for the one before it)."""
        return self.jobs.busy

    def _show_plan(self) -> None:
        plan = self.plan
        if plan is None:  # not read yet (or could not be): nothing to change or export
            self.hours_label.clear()
            self.warning_label.hide()
            for button in (self.add_button, self.delete_button, self.up_button, self.down_button):
                button.setEnabled(False)
            self.import_button.setEnabled(False)
            self.export_button.setEnabled(False)
            return
        self.title.setText(tr("КТП: {0}").format(plan.title))
        self.hours_label.setText(plan.hours_line)
        warnings = plan.warnings
        if plan.read_only_reason:
            warnings = [plan.read_only_reason, *warnings]
        self.warning_label.setText("\n".join(warnings))
        self.warning_label.setVisible(bool(warnings))
        writable = plan.writable and not self._rows_changing
        has_rows = bool(plan.topics)
        for button in (self.add_button, self.import_button):
            button.setEnabled(writable)
        for button in (self.delete_button, self.up_button, self.down_button):
            button.setEnabled(writable and has_rows)
        self.export_button.setEnabled(has_rows and not self._exporting)
        self.table.resizeRowsToContents()

    # -- actions --------------------------------------------------------------------------

    def _show_error(self, message: str) -> None:
        self.error_label.setText(message)

    def _after_change(self) -> None:
        # Only the row changed (the model updated it): no reset while the cell editor is closing.
        self.error_label.clear()
        self._show_plan()
        self.changed.emit()

    def _commit_editor(self) -> None:
        """A cell being typed into is saved before the rows change (a reset would drop it)."""
        if self.table.state() != QAbstractItemView.State.EditingState:
            return
        editor = QApplication.focusWidget()
        if editor is not None and self.table.viewport().isAncestorOf(editor):
            self.table.commitData(editor)
            self.table.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)

    def _take_plan(self, plan: ktp_service.Ktp, select_id: int | None = None, row: int | None = None) -> None:
        """The plan read back from the database; the cursor stays on its topic (or goes to `select_id`)."""
        current = self.current_topic()
        keep = select_id if select_id is not None else (current.id if current else None)
        column = max(0, self.table.currentIndex().column())
        self.model.set_plan(plan)
        self._show_plan()
        found = next((i for i, t in enumerate(plan.topics) if t.id == keep), None)
        if found is None and row is not None and plan.topics:
            found, column = min(row, len(plan.topics) - 1), 2
        if found is not None:
            self.table.setCurrentIndex(self.model.index(found, column))

    def reload(self, select_id: int | None = None) -> None:
        """Read the plan again (off the GUI thread)."""
        session, aid = self.session, self.assignment_id
        self.jobs.add(
            lambda: ktp_service.load_ktp(session, aid),
            lambda plan: self._take_plan(plan, select_id),
            lambda error: self._show_error(error_message(error)),
            LOADING,
        )

    def current_topic(self) -> ktp_service.KtpTopic | None:
        index = self.table.currentIndex()
        topics = self.model.topics
        return topics[index.row()] if index.isValid() and index.row() < len(topics) else None

    def _may_change_rows(self) -> bool:
        return self.plan is not None and self.plan.writable and not self._rows_changing

    def _rows_begin(self) -> None:
        self._commit_editor()
        self._rows_changing = self.model.locked = True
        self._show_plan()

    def _rows_end(self) -> None:
        self._rows_changing = self.model.locked = False
        self._show_plan()

    def _change_rows(self, work: Callable[[], object], after: Callable[[object, ktp_service.Ktp], None]) -> None:
        """A service call that changes the rows, and the plan read back, in one job off the GUI thread.
        A refusal is shown under the table and nothing else changes."""
        session, aid = self.session, self.assignment_id

        def job() -> tuple[object, ktp_service.Ktp | DomainError]:
            result = work()
            try:
                return result, ktp_service.load_ktp(session, aid)
            except DomainError as exc:  # done, but not read back: say so, keep the rows shown
                return result, exc

        def done(outcome: tuple[object, ktp_service.Ktp | DomainError]) -> None:
            result, plan = outcome
            self._rows_end()
            self.changed.emit()
            if isinstance(plan, DomainError):
                self._show_error(plan.message)
                return
            self.error_label.clear()
            after(result, plan)

        def failed(error: Exception) -> None:
            self._rows_end()
            self._show_error(error_message(error))

        self.jobs.add(job, done, failed)

    def add_topic(self) -> None:
        if not self._may_change_rows():
            return
        self._rows_begin()
        current = self.current_topic()
        position = current.position + 1 if current else None
        section = current.section if current else None
        draft = ktp_service.TopicDraft(tr("Новая тема"), 2, current.lesson_kind if current else "theory", None, section)
        session, aid = self.session, self.assignment_id

        def after(topic: object, plan: ktp_service.Ktp) -> None:
            assert isinstance(topic, ktp_service.KtpTopic)
            self._take_plan(plan, topic.id)
            index = self.model.index(topic.position - 1, 2)
            self.table.setCurrentIndex(index)
            self.table.setFocus()
            self.table.edit(index)

        self._change_rows(lambda: ktp_service.insert_topic(session, aid, draft, position), after)

    def delete_topic(self) -> None:
        topic = self.current_topic()
        if topic is None or not self._may_change_rows():
            return
        extra = (
            tr("\nПо ней уже проведены занятия ({0} ч.): их темы останутся в журнале.").format(topic.given_hours)
            if topic.given_on
            else ""
        )
        if not self.confirm(tr("Удалить тему {0} «{1}»?{2}").format(topic.position, topic.title, extra)):
            return
        row = self.table.currentIndex().row()
        self._rows_begin()
        session, topic_id = self.session, topic.id
        self._change_rows(
            lambda: ktp_service.delete_topic(session, topic_id), lambda _r, plan: self._take_plan(plan, row=row)
        )

    def move_topic(self, step: int) -> None:
        topic = self.current_topic()
        if topic is None or not self._may_change_rows():
            return
        target = topic.position + step
        if not 1 <= target <= len(self.model.topics):
            return
        self._rows_begin()
        session, topic_id = self.session, topic.id
        self._change_rows(
            lambda: ktp_service.move_topic(session, topic_id, target), lambda _r, plan: self._take_plan(plan, topic_id)
        )

    def import_xlsx(self) -> None:
        """Read the file, ask, replace the plan: the reading and the replacing off the GUI thread."""
        if not self._may_change_rows():
            return
        path = self.choose_import_file()
        if not path:
            return
        self._rows_begin()

        def failed(error: Exception) -> None:
            self._rows_end()
            self._show_error(error_message(error))

        self.jobs.add(lambda: read_ktp_xlsx(path), lambda drafts: self._confirm_import(path, drafts), failed, READING)

    def _confirm_import(self, path: str, drafts: list[ktp_service.TopicDraft]) -> None:
        hours = sum(d.hours for d in drafts)
        question = tr("Заменить КТП темами из файла «{0}»: {1} тем, {2} ч.?").format(
            Path(path).name, len(drafts), hours
        )
        if self.model.topics:
            question += tr("\nСейчас в КТП {0} тем; занятия сохранят свои темы.").format(len(self.model.topics))
        if not self.confirm(question):
            self._rows_end()
            return
        session, aid = self.session, self.assignment_id

        def after(count: object, plan: ktp_service.Ktp) -> None:
            self._take_plan(plan)
            self.error_label.setText(tr("Загружено тем: {0}").format(count))

        self._change_rows(lambda: ktp_service.replace_ktp(session, aid, drafts), after)

    def export_xlsx(self) -> None:
        """The plan as stored (after the saves on their way), written off the GUI thread."""
        plan = self.plan
        if plan is None or self._exporting:
            return
        suggested = tr("КТП {0} {1}.xlsx").format(plan.group_name, plan.discipline_code).replace("/", "-")
        path = self.choose_export_file(suggested)
        if not path:
            return
        session, aid = self.session, self.assignment_id
        self._exporting = True
        self._show_plan()

        def done(_written: object) -> None:
            self._exporting = False
            self._show_plan()
            self.error_label.setText(tr("КТП сохранён: {0}").format(path))

        def failed(error: Exception) -> None:
            self._exporting = False
            self._show_plan()
            if isinstance(error, OSError):
                self._show_error(tr("Файл не записан: {0}").format(error.strerror or error))
            else:
                self._show_error(error_message(error))

        self.jobs.add(lambda: write_ktp_xlsx(ktp_service.load_ktp(session, aid), path), done, failed, WRITING)

    def _lock_for_closing(self) -> None:
        self.table.setEnabled(False)

    # -- default dialogs ------------------------------------------------------------------

    def _import_dialog(self) -> str | None:
        path, _ = QFileDialog.getOpenFileName(self, tr("Импорт КТП"), "", tr("Книга Excel (*.xlsx)"))
        return path or None

    def _export_dialog(self, suggested: str) -> str | None:
        path, _ = QFileDialog.getSaveFileName(self, tr("Экспорт КТП"), suggested, tr("Книга Excel (*.xlsx)"))
        return path or None

    def _confirm_dialog(self, text: str) -> bool:
        return QMessageBox.question(self, tr("КТП"), text) == QMessageBox.StandardButton.Yes
