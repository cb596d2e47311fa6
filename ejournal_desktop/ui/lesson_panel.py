"""The side panel of the current lesson, and the dialog that adds a lesson.

The panel shows the lesson of the grid's current column: date, pair, hours, kind, topic (with the
next КТП topic one click away) and homework. Each field is saved when it is left (focus-out/Enter)
through `gradebook.update_lesson`; a refusal is shown under the fields and the field goes back.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ejournal_desktop.domain.errors import DomainError
from ejournal_desktop.domain.lessons import LESSON_KIND_LABELS
from ejournal_desktop.services import gradebook as gb
from ejournal_desktop.services.auth import UserSession
from ejournal_desktop.ui.i18n import tr, tr_label

ERROR_STYLE = "color: #b3261e;"


def to_qdate(day: dt.date) -> QDate:
    return QDate(day.year, day.month, day.day)


def from_qdate(day: QDate) -> dt.date:
    return dt.date(day.year(), day.month(), day.day())


def _kind_combo() -> QComboBox:
    combo = QComboBox()
    for kind, label in LESSON_KIND_LABELS.items():
        combo.addItem(tr_label(label), kind)
    return combo


def _date_edit(period: gb.PeriodInfo | None = None) -> QDateEdit:
    edit = QDateEdit()
    edit.setDisplayFormat("dd.MM.yyyy")
    edit.setCalendarPopup(True)
    if period is not None:
        edit.setDateRange(to_qdate(period.starts_on), to_qdate(period.ends_on))
    return edit


class LessonPanel(QWidget):
    lesson_changed = Signal(object)  # LessonColumn (topic, homework, kind, hours)
    lesson_moved = Signal(object)  # LessonColumn whose date or pair changed: the columns reorder

    def __init__(self, session: UserSession, assignment_id: int, parent: QWidget | None = None) -> None:
        """Built with the journal's view, before the journal is read: nothing is editable until
        `set_journal` gives the period and whether the journal may be written."""
        super().__init__(parent)
        self.session = session
        self.assignment_id = assignment_id
        self.writable = False
        self.lesson: gb.LessonColumn | None = None
        self.title = QLabel(tr("Занятие"))
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.date_edit = _date_edit()
        self.pair_spin = QSpinBox()
        self.pair_spin.setRange(1, 8)
        self.hours_spin = QSpinBox()
        self.hours_spin.setRange(1, 4)
        self.kind_combo = _kind_combo()
        self.topic_edit = QLineEdit()
        self.topic_edit.setPlaceholderText(tr("Тема занятия"))
        self.plan_button = QPushButton(tr("Тема из КТП"))
        self.plan_button.setToolTip(tr("Взять следующую тему календарно-тематического плана"))
        self.homework_edit = QLineEdit()
        self.homework_edit.setPlaceholderText(tr("Домашнее задание"))
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.hint = QLabel(tr("Выберите колонку занятия в журнале"))
        self.hint.setWordWrap(True)

        form = QFormLayout()
        form.addRow(tr("Дата"), self.date_edit)
        form.addRow(tr("Пара"), self.pair_spin)
        form.addRow(tr("Часов"), self.hours_spin)
        form.addRow(tr("Вид"), self.kind_combo)
        form.addRow(tr("Тема"), self.topic_edit)
        form.addRow("", self.plan_button)
        form.addRow(tr("Д/з"), self.homework_edit)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 4, 4, 4)
        layout.addWidget(self.title)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(self.hint)
        layout.addStretch(1)

        self.date_edit.editingFinished.connect(lambda: self._save("held_on", from_qdate(self.date_edit.date())))
        self.pair_spin.editingFinished.connect(lambda: self._save("pair_no", self.pair_spin.value()))
        self.hours_spin.editingFinished.connect(lambda: self._save("hours", self.hours_spin.value()))
        self.kind_combo.activated.connect(lambda _i: self._save("lesson_kind", self.kind_combo.currentData()))
        self.topic_edit.editingFinished.connect(lambda: self._save("topic", self.topic_edit.text()))
        self.homework_edit.editingFinished.connect(lambda: self._save("homework", self.homework_edit.text()))
        self.plan_button.clicked.connect(self._take_plan_topic)
        self.show_lesson(None)

    def set_journal(self, period: gb.PeriodInfo, writable: bool) -> None:
        self.date_edit.setDateRange(to_qdate(period.starts_on), to_qdate(period.ends_on))
        self.writable = writable
        self.show_lesson(self.lesson)

    def show_lesson(self, lesson: gb.LessonColumn | None) -> None:
        self.lesson = lesson
        self.error_label.clear()
        fields = (self.date_edit, self.pair_spin, self.hours_spin, self.kind_combo, self.topic_edit, self.homework_edit)
        for widget in fields:
            widget.blockSignals(True)
        if lesson is not None:
            self.title.setText(
                tr("Занятие {0}, {1}-я пара").format(lesson.held_on.strftime("%d.%m.%Y"), lesson.pair_no)
            )
            self.date_edit.setDate(to_qdate(lesson.held_on))
            self.pair_spin.setValue(lesson.pair_no)
            self.hours_spin.setValue(lesson.hours)
            self.kind_combo.setCurrentIndex(max(0, self.kind_combo.findData(lesson.lesson_kind)))
            self.topic_edit.setText(lesson.topic or "")
            self.topic_edit.setCursorPosition(0)
            self.homework_edit.setText(lesson.homework or "")
            self.homework_edit.setCursorPosition(0)
        else:
            self.title.setText(tr("Занятие"))
            self.topic_edit.clear()
            self.homework_edit.clear()
        for widget in fields:
            widget.blockSignals(False)
            widget.setEnabled(lesson is not None and self.writable)
        self.plan_button.setEnabled(lesson is not None and self.writable and lesson.plan_topic_id is None)
        self.hint.setVisible(lesson is None)

    def focus_topic(self) -> None:
        self.topic_edit.setFocus()
        self.topic_edit.selectAll()

    def _current_value(self, name: str) -> object:
        assert self.lesson is not None
        value = getattr(self.lesson, name)
        return value or "" if name in ("topic", "homework") else value

    def _save(self, name: str, value: object) -> None:
        if self.lesson is None or not self.writable:
            return
        if isinstance(value, str):
            value = value.strip()
        if value == self._current_value(name):
            return
        try:
            if name in ("topic", "homework"):
                value = value or None
            saved = gb.update_lesson(self.session, self.lesson.lesson_id, **{name: value})
        except DomainError as exc:
            lesson = self.lesson
            self.show_lesson(lesson)
            self.error_label.setText(exc.message)
            return
        moved = (saved.held_on, saved.pair_no) != (self.lesson.held_on, self.lesson.pair_no)
        self.show_lesson(saved)
        (self.lesson_moved if moved else self.lesson_changed).emit(saved)

    def _take_plan_topic(self) -> None:
        if self.lesson is None:
            return
        try:
            topic = gb.next_plan_topic(self.session, self.assignment_id)
        except DomainError as exc:
            self.error_label.setText(exc.message)
            return
        if topic is None:
            self.error_label.setText(tr("В КТП не осталось непройденных тем"))
            return
        try:
            saved = gb.update_lesson(
                self.session,
                self.lesson.lesson_id,
                topic=topic.title,
                homework=topic.homework or self.lesson.homework,
                plan_topic_id=topic.id,
            )
        except DomainError as exc:
            self.error_label.setText(exc.message)
            return
        self.show_lesson(saved)
        self.lesson_changed.emit(saved)


class AddLessonDialog(QDialog):
    """A new lesson: date within the period, pair, hours, kind; the topic comes from the КТП."""

    def __init__(
        self,
        session: UserSession,
        assignment_id: int,
        period: gb.PeriodInfo,
        today: dt.date,
        taken: set[tuple[dt.date, int]],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Добавить занятие"))
        self.session = session
        self.assignment_id = assignment_id
        self.taken = taken
        self.lesson: gb.LessonColumn | None = None
        self.date_edit = _date_edit(period)
        day = min(max(today, period.starts_on), period.ends_on)
        self.date_edit.setDate(to_qdate(day))
        self.pair_spin = QSpinBox()
        self.pair_spin.setRange(1, 8)
        self.hours_spin = QSpinBox()
        self.hours_spin.setRange(1, 4)
        self.hours_spin.setValue(2)
        self.kind_combo = QComboBox()
        self.kind_combo.addItem(tr("по КТП"), None)
        for kind, label in LESSON_KIND_LABELS.items():
            self.kind_combo.addItem(tr_label(label), kind)
        self.plan_label = QLabel()
        self.plan_label.setWordWrap(True)
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet(ERROR_STYLE)
        try:
            topic = gb.next_plan_topic(session, assignment_id)
        except DomainError:
            topic = None
        self.plan_label.setText(
            tr("Тема по КТП: {0}. {1}").format(topic.position, topic.title)
            if topic
            else tr("В КТП нет следующей темы: тему можно ввести")
        )
        form = QFormLayout()
        form.addRow(tr("Дата"), self.date_edit)
        form.addRow(tr("Пара"), self.pair_spin)
        form.addRow(tr("Часов"), self.hours_spin)
        form.addRow(tr("Вид занятия"), self.kind_combo)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("Добавить"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("Отмена"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.plan_label)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        self.date_edit.dateChanged.connect(self._first_free_pair)
        self._first_free_pair()
        self.setMinimumWidth(380)

    def _first_free_pair(self, *_: object) -> None:
        day = from_qdate(self.date_edit.date())
        free = next((n for n in range(1, 9) if (day, n) not in self.taken), 1)
        self.pair_spin.setValue(free)

    def accept(self) -> None:
        try:
            self.lesson = gb.add_lesson(
                self.session,
                self.assignment_id,
                from_qdate(self.date_edit.date()),
                self.pair_spin.value(),
                self.hours_spin.value(),
                self.kind_combo.currentData(),
            )
        except DomainError as exc:
            self.error_label.setText(exc.message)
            return
        super().accept()
