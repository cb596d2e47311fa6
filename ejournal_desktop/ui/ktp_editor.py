"""The КТП editor: a table of the plan's topics edited in place, opened from a journal («КТП…»).

Each cell is saved when it is left (no Save button), through `services.ktp`; a refusal is shown
under the table and the cell keeps the stored value. Rows are added (Ins), deleted (Del), moved
(Ctrl+↑/↓); the plan is imported from and exported to XLSX. The line under the title compares the
planned hours with those given, and a warning appears when the lessons run past the plan.

The file choosers and the confirmation are attributes (`choose_import_file`, `choose_export_file`,
`confirm`) so that tests can answer them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QBrush, QColor, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
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
from ejournal_desktop.ui.i18n import tr, tr_label

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
WARNING_STYLE = "background: #fff4ce; border: 1px solid #e0c060; padding: 4px 8px;"
ERROR_STYLE = "color: #b3261e;"


class KtpModel(QAbstractTableModel):
    """The topics of one КТП; `setData` saves through the service and reports refusals."""

    refused = Signal(str)
    saved = Signal()

    def __init__(self, session: UserSession, plan: ktp_service.Ktp, parent: Any = None) -> None:
        super().__init__(parent)
        self.session = session
        self.plan = plan

    def set_plan(self, plan: ktp_service.Ktp) -> None:
        self.beginResetModel()
        self.plan = plan
        self.endResetModel()

    @property
    def topics(self) -> tuple[ktp_service.KtpTopic, ...]:
        return self.plan.topics

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.plan.topics)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section][0]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        topic = self.plan.topics[index.row()]
        column = index.column()
        name = COLUMNS[column][1]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if column == 0:
                return topic.position
            if column == len(COLUMNS) - 1:
                return format_date(topic.given_on) if topic.given_on else ""
            value = getattr(topic, name or "")
            if name == "lesson_kind" and role == Qt.ItemDataRole.DisplayRole:
                return tr_label(LESSON_KIND_LABELS.get(value, value))
            return "" if value is None else value
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (0, 3, 6):
            return Qt.AlignmentFlag.AlignCenter
        if role == Qt.ItemDataRole.BackgroundRole and topic.given_on is not None:
            return QBrush(GIVEN_COLOR)
        if role == Qt.ItemDataRole.ToolTipRole:
            if topic.given_on:
                return tr("Проведено с {0}: {1} ч.").format(format_date(topic.given_on), topic.given_hours)
            return tr("Тема ещё не проведена")
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.plan.writable and COLUMNS[index.column()][1] is not None:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if role != Qt.ItemDataRole.EditRole or not (self.flags(index) & Qt.ItemFlag.ItemIsEditable):
            return False
        topic = self.plan.topics[index.row()]
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
        if value == getattr(topic, name):
            return False
        try:
            saved = ktp_service.update_topic(self.session, topic.id, **{name: value})
        except DomainError as exc:
            self.refused.emit(tr("Тема {0}: {1}").format(topic.position, exc.message))
            return False
        topics = list(self.plan.topics)
        topics[index.row()] = ktp_service.KtpTopic(
            saved.id, saved.position, saved.section, saved.title, saved.hours, saved.lesson_kind, saved.homework,
            topic.given_on, topic.given_hours,
        )  # fmt: skip
        self.plan = _replace_topics(self.plan, tuple(topics))
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), len(COLUMNS) - 1))
        self.saved.emit()
        return True


def _replace_topics(plan: ktp_service.Ktp, topics: tuple[ktp_service.KtpTopic, ...]) -> ktp_service.Ktp:
    from dataclasses import replace

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


class KtpEditor(QDialog):
    """The КТП of one assignment."""

    changed = Signal()  # the plan changed: the journal may propose other topics now

    def __init__(self, session: UserSession, assignment_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.assignment_id = assignment_id
        self.setWindowTitle(tr("КТП — календарно-тематический план"))
        self.choose_import_file: Callable[[], str | None] = self._import_dialog
        self.choose_export_file: Callable[[str], str | None] = self._export_dialog
        self.confirm: Callable[[str], bool] = self._confirm_dialog
        plan = ktp_service.load_ktp(session, assignment_id)
        self.model = KtpModel(session, plan, self)
        self.model.refused.connect(self._show_error)
        self.model.saved.connect(self._after_change)
        self._build()
        self._show_plan()
        self.resize(1100, 640)

    # -- building -------------------------------------------------------------------------

    def _build(self) -> None:
        self.title = QLabel()
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

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.hours_label)
        layout.addWidget(self.warning_label)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error_label)
        layout.addWidget(hint)
        layout.addLayout(buttons)

    @property
    def plan(self) -> ktp_service.Ktp:
        return self.model.plan

    def _show_plan(self) -> None:
        plan = self.plan
        self.title.setText(tr("КТП: {0}").format(plan.title))
        self.hours_label.setText(plan.hours_line)
        warnings = plan.warnings
        if plan.read_only_reason:
            warnings = [plan.read_only_reason, *warnings]
        self.warning_label.setText("\n".join(warnings))
        self.warning_label.setVisible(bool(warnings))
        writable = plan.writable
        has_rows = bool(plan.topics)
        for button in (self.add_button, self.import_button):
            button.setEnabled(writable)
        for button in (self.delete_button, self.up_button, self.down_button):
            button.setEnabled(writable and has_rows)
        self.export_button.setEnabled(has_rows)
        self.table.resizeRowsToContents()

    # -- actions --------------------------------------------------------------------------

    def _show_error(self, message: str) -> None:
        self.error_label.setText(message)

    def _after_change(self) -> None:
        # Only the row changed (the model updated it): no reset while the cell editor is closing.
        self.error_label.clear()
        self._show_plan()
        self.changed.emit()

    def reload(self, select_id: int | None = None) -> None:
        current = self.current_topic()
        keep = select_id if select_id is not None else (current.id if current else None)
        column = max(0, self.table.currentIndex().column())
        try:
            plan = ktp_service.load_ktp(self.session, self.assignment_id)
        except DomainError as exc:
            self._show_error(exc.message)
            return
        self.model.set_plan(plan)
        self._show_plan()
        row = next((i for i, t in enumerate(plan.topics) if t.id == keep), None)
        if row is not None:
            self.table.setCurrentIndex(self.model.index(row, column))

    def current_topic(self) -> ktp_service.KtpTopic | None:
        index = self.table.currentIndex()
        return self.plan.topics[index.row()] if index.isValid() and index.row() < len(self.plan.topics) else None

    def _run(self, work: Callable[[], object]) -> tuple[bool, object]:
        """(done, result) of a service call; a refusal is shown under the table."""
        try:
            result = work()
        except DomainError as exc:
            self._show_error(exc.message)
            return False, None
        self.error_label.clear()
        self.changed.emit()
        return True, result

    def add_topic(self) -> None:
        if not self.plan.writable:
            return
        current = self.current_topic()
        position = current.position + 1 if current else None
        section = current.section if current else None
        draft = ktp_service.TopicDraft(tr("Новая тема"), 2, current.lesson_kind if current else "theory", None, section)
        done, topic = self._run(lambda: ktp_service.insert_topic(self.session, self.assignment_id, draft, position))
        if done and isinstance(topic, ktp_service.KtpTopic):
            self.reload(topic.id)
            index = self.model.index(topic.position - 1, 2)
            self.table.setCurrentIndex(index)
            self.table.setFocus()
            self.table.edit(index)

    def delete_topic(self) -> None:
        topic = self.current_topic()
        if topic is None or not self.plan.writable:
            return
        extra = (
            tr("\nПо ней уже проведены занятия ({0} ч.): их темы останутся в журнале.").format(topic.given_hours)
            if topic.given_on
            else ""
        )
        if not self.confirm(tr("Удалить тему {0} «{1}»?{2}").format(topic.position, topic.title, extra)):
            return
        row = self.table.currentIndex().row()
        if not self._run(lambda: ktp_service.delete_topic(self.session, topic.id))[0]:
            return
        self.reload()
        if self.plan.topics:
            self.table.setCurrentIndex(self.model.index(min(row, len(self.plan.topics) - 1), 2))

    def move_topic(self, step: int) -> None:
        topic = self.current_topic()
        if topic is None or not self.plan.writable:
            return
        target = topic.position + step
        if not 1 <= target <= len(self.plan.topics):
            return
        if self._run(lambda: ktp_service.move_topic(self.session, topic.id, target))[0]:
            self.reload(topic.id)

    def import_xlsx(self) -> None:
        if not self.plan.writable:
            return
        path = self.choose_import_file()
        if not path:
            return
        try:
            drafts = read_ktp_xlsx(path)
        except DomainError as exc:
            self._show_error(exc.message)
            return
        hours = sum(d.hours for d in drafts)
        question = tr("Заменить КТП темами из файла «{0}»: {1} тем, {2} ч.?").format(
            Path(path).name, len(drafts), hours
        )
        if self.plan.topics:
            question += tr("\nСейчас в КТП {0} тем; занятия сохранят свои темы.").format(len(self.plan.topics))
        if not self.confirm(question):
            return
        done, count = self._run(lambda: ktp_service.replace_ktp(self.session, self.assignment_id, drafts))
        if done:
            self.reload()
            self.error_label.setText(tr("Загружено тем: {0}").format(count))

    def export_xlsx(self) -> None:
        plan = self.plan
        suggested = tr("КТП {0} {1}.xlsx").format(plan.group_name, plan.discipline_code).replace("/", "-")
        path = self.choose_export_file(suggested)
        if not path:
            return
        try:
            write_ktp_xlsx(plan, path)
        except OSError as exc:
            self._show_error(tr("Файл не записан: {0}").format(exc.strerror or exc))
            return
        self.error_label.setText(tr("КТП сохранён: {0}").format(path))

    # -- default dialogs ------------------------------------------------------------------

    def _import_dialog(self) -> str | None:
        path, _ = QFileDialog.getOpenFileName(self, tr("Импорт КТП"), "", tr("Книга Excel (*.xlsx)"))
        return path or None

    def _export_dialog(self, suggested: str) -> str | None:
        path, _ = QFileDialog.getSaveFileName(self, tr("Экспорт КТП"), suggested, tr("Книга Excel (*.xlsx)"))
        return path or None

    def _confirm_dialog(self, text: str) -> bool:
        return QMessageBox.question(self, tr("КТП"), text) == QMessageBox.StandardButton.Yes
