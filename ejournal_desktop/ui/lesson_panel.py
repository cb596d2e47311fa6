"""The side panel of the current lesson, and the dialog that adds a lesson.

The panel shows the lesson of the grid's current column: date, pair, hours, kind, topic (with the
next КТП topic one click away) and homework. Each field is saved when it is left (focus-out/Enter)
through `gradebook.update_lesson`, off the GUI thread (`ui.background.SerialJobs`: one save at a
time, in the order they were made, «Сохранение…» shown meanwhile); a refusal is shown under the
fields and the field goes back. The signals come when the save has come back from the database.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Callable

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

from ejournal_desktop.domain.calendar import format_date
from ejournal_desktop.domain.errors import DomainError
from ejournal_desktop.domain.lessons import LESSON_KIND_LABELS
from ejournal_desktop.services import gradebook as gb
from ejournal_desktop.services.auth import UserSession
from ejournal_desktop.ui.background import SerialJobs, busy_label, error_message
from ejournal_desktop.ui.i18n import tr, tr_label

ERROR_STYLE = "color: #b3261e;"


def _title(lesson: gb.LessonColumn) -> str:
    return tr("Занятие {0}, {1}-я пара").format(format_date(lesson.held_on), lesson.pair_no)


def _shown_value(lesson: gb.LessonColumn, name: str) -> object:
    """A lesson's field as its widget shows it (an empty text for no topic)."""
    value = getattr(lesson, name)
    return (value or "") if name in ("topic", "homework") else value


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
        self.busy_label = busy_label()
        self.busy_label.hide()
        self.jobs = SerialJobs(self, self._show_busy)
        self._in_flight: Counter[tuple[int, str]] = Counter()  # (lesson, field) → saves on their way
        self._sent: dict[tuple[int, str], object] = {}  # (lesson, field) → the latest value sent
        self._taking_topic: set[int] = set()  # lessons whose КТП topic is on its way

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
        layout.addWidget(self.busy_label)
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
            self.title.setText(_title(lesson))
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
        if lesson is not None:  # a value still on its way to the database is what the field shows
            for (lesson_id, name), value in list(self._sent.items()):
                if lesson_id == lesson.lesson_id:
                    self._set_widget(name, value)
        self._enable_plan_button()
        self.hint.setVisible(lesson is None)

    def focus_topic(self) -> None:
        self.topic_edit.setFocus()
        self.topic_edit.selectAll()

    @property
    def saving(self) -> bool:
        """A save of this panel is on its way (or waits for the one before it)."""
        return self.jobs.busy

    def _show_busy(self, label: str) -> None:
        self.busy_label.setText(label)
        self.busy_label.setVisible(bool(label))

    def _widget_value(self, name: str) -> object:
        widgets: dict[str, Callable[[], object]] = {
            "held_on": lambda: from_qdate(self.date_edit.date()),
            "pair_no": self.pair_spin.value,
            "hours": self.hours_spin.value,
            "lesson_kind": self.kind_combo.currentData,
            "topic": lambda: self.topic_edit.text().strip(),
            "homework": lambda: self.homework_edit.text().strip(),
        }
        return widgets[name]()

    def _set_widget(self, name: str, value: object) -> None:
        widget: QWidget = {
            "held_on": self.date_edit,
            "pair_no": self.pair_spin,
            "hours": self.hours_spin,
            "lesson_kind": self.kind_combo,
            "topic": self.topic_edit,
            "homework": self.homework_edit,
        }[name]
        widget.blockSignals(True)
        if name == "held_on":
            self.date_edit.setDate(to_qdate(value))  # type: ignore[arg-type]
        elif name in ("pair_no", "hours"):
            widget.setValue(value)  # type: ignore[attr-defined]
        elif name == "lesson_kind":
            self.kind_combo.setCurrentIndex(max(0, self.kind_combo.findData(value)))
        else:
            widget.setText(str(value or ""))  # type: ignore[attr-defined]
            widget.setCursorPosition(0)  # type: ignore[attr-defined]
        widget.blockSignals(False)

    def _expected(self, name: str) -> object:
        """What the field holds once the saves on their way are done."""
        assert self.lesson is not None
        key = (self.lesson.lesson_id, name)
        return self._sent[key] if key in self._sent else _shown_value(self.lesson, name)

    def _start(self, lesson: gb.LessonColumn, names: tuple[str, ...]) -> None:
        for name in names:
            self._in_flight[(lesson.lesson_id, name)] += 1

    def _finish(self, lesson_id: int, names: tuple[str, ...]) -> dict[str, object]:
        """One save of these fields came back: the fields no other save is changing, with the value
        each was last sent (the widget still showing it was not typed into since)."""
        untouched = {}
        for name in names:
            key = (lesson_id, name)
            self._in_flight[key] -= 1
            if self._in_flight[key] <= 0:
                del self._in_flight[key]
                untouched[name] = self._sent.pop(key, None)
        return untouched

    def _refresh_fields(self, saved: gb.LessonColumn, settled: dict[str, object], before: gb.LessonColumn) -> None:
        """Show the stored lesson in the fields that settled and that the user has not typed into since."""
        shown = self.lesson
        if shown is None or shown.lesson_id != saved.lesson_id:
            return
        for name, sent in settled.items():
            # what was sent, or what the panel showed before: the field was not typed into since
            if self._widget_value(name) in (sent, _shown_value(shown, name), _shown_value(before, name)):
                self._set_widget(name, getattr(saved, name))
        self.lesson = saved
        self.title.setText(_title(saved))
        self._enable_plan_button()

    def _enable_plan_button(self) -> None:
        shown = self.lesson
        self.plan_button.setEnabled(
            shown is not None
            and self.writable
            and shown.plan_topic_id is None
            and shown.lesson_id not in self._taking_topic
        )

    def _refusal(self, lesson: gb.LessonColumn, message: str) -> None:
        shown = self.lesson
        if shown is not None and shown.lesson_id == lesson.lesson_id:
            self.error_label.setText(message)
        else:  # the panel shows another lesson by now: say which one was refused
            self.error_label.setText(tr("Занятие {0}: {1}").format(format_date(lesson.held_on), message))

    def _save(self, name: str, value: object) -> None:
        """Save one field off the GUI thread; the value was read from the widget by the caller."""
        if self.lesson is None or not self.writable:
            return
        if isinstance(value, str):
            value = value.strip()
        if value == self._expected(name):
            return
        lesson = self.lesson
        key = (lesson.lesson_id, name)
        self._sent[key] = value
        self._start(lesson, (name,))
        self.error_label.clear()
        session, lesson_id = self.session, lesson.lesson_id
        stored = (value or None) if name in ("topic", "homework") else value

        def saved(result: gb.LessonColumn) -> None:
            settled = self._finish(lesson_id, (name,))
            self._refresh_fields(result, settled, lesson)
            moved = (result.held_on, result.pair_no) != (lesson.held_on, lesson.pair_no)
            (self.lesson_moved if moved else self.lesson_changed).emit(result)

        def refused(error: Exception) -> None:
            settled = self._finish(lesson_id, (name,))
            shown = self.lesson
            back = name in settled and shown is not None and shown.lesson_id == lesson_id
            if back and self._widget_value(name) == value:  # the refused value goes back
                self._set_widget(name, getattr(shown, name))
            self._refusal(lesson, error_message(error))

        self.jobs.add(lambda: gb.update_lesson(session, lesson_id, **{name: stored}), saved, refused)

    def _take_plan_topic(self) -> None:
        """The next КТП topic (and its homework) into the lesson, off the GUI thread."""
        if self.lesson is None or not self.writable or self.lesson.lesson_id in self._taking_topic:
            return
        lesson = self.lesson
        names = ("topic", "homework")
        self._taking_topic.add(lesson.lesson_id)
        self._start(lesson, names)
        self.plan_button.setEnabled(False)
        self.error_label.clear()
        session, assignment_id, lesson_id = self.session, self.assignment_id, lesson.lesson_id

        def take() -> gb.LessonColumn | None:
            topic = gb.next_plan_topic(session, assignment_id)
            if topic is None:
                return None
            changes: dict[str, object] = {"topic": topic.title, "plan_topic_id": topic.id}
            if topic.homework:
                changes["homework"] = topic.homework
            return gb.update_lesson(session, lesson_id, **changes)

        def done(result: gb.LessonColumn | None) -> None:
            self._taking_topic.discard(lesson_id)
            settled = self._finish(lesson_id, names)
            if result is None:
                self._refusal(lesson, tr("В КТП не осталось непройденных тем"))
                self._enable_plan_button()
                return
            self._refresh_fields(result, settled, lesson)
            self.lesson_changed.emit(result)

        def refused(error: Exception) -> None:
            self._taking_topic.discard(lesson_id)
            self._finish(lesson_id, names)
            self._enable_plan_button()
            self._refusal(lesson, error_message(error))

        self.jobs.add(take, done, refused)


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
