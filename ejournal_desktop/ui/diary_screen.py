"""«Дневник»: the marks, attendance, homework and timetable of a student; a parent switches children.

Read-only. The diary is fetched off the GUI thread (one service call, a constant number of queries);
«что нового» since the last visit is shown once per child and session, and the visit is recorded.
A parent also sets here which e-mail notices they get (`NoticesDialog`, services.notifications).
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, Qt, Slot
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ejournal_desktop.domain.attendance import REASON_LABELS
from ejournal_desktop.domain.calendar import format_date
from ejournal_desktop.domain.errors import DomainError
from ejournal_desktop.domain.permissions import Section
from ejournal_desktop.services import diary, notifications
from ejournal_desktop.services.auth import UserSession
from ejournal_desktop.ui.background import run_in_background
from ejournal_desktop.ui.i18n import tr, tr_label
from ejournal_desktop.ui.main_window import register_page
from ejournal_desktop.ui.partials.table_model import Column, RowsModel
from ejournal_desktop.ui.partials.title_label import title_label


def _average(value: float | None) -> str:
    return "" if value is None else f"{value:.2f}".replace(".", ",")


def _news_text(news: diary.WhatsNew | None) -> str:
    if news is None:
        return ""
    if news.since is None:
        head = tr("Что нового: это первый вход в дневник.")
    else:
        head = tr("Что нового с {0}:").format(format_date(news.since.date()))
    parts = []
    if news.marks:
        shown = ", ".join(f"{value} ({name}, {format_date(day)})" for day, name, value in news.marks[:6])
        more = tr(" и ещё {0}").format(len(news.marks) - 6) if len(news.marks) > 6 else ""
        parts.append(tr("новые оценки: {0}{1}").format(shown, more))
    if news.absences:
        hours = sum(h for _d, _n, h in news.absences)
        parts.append(tr("пропуски: {0} занятий ({1} ч)").format(len(news.absences), hours))
    if news.unread_messages:
        parts.append(tr("непрочитанных сообщений: {0}").format(news.unread_messages))
    if not parts:
        return tr("{0} ничего нового.").format(head) if news.since else head
    return head + " " + "; ".join(parts) + "."


def _table(model: RowsModel) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(True)
    view.setWordWrap(False)
    view.verticalHeader().setVisible(False)
    view.horizontalHeader().setStretchLastSection(True)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    return view


ERROR_STYLE = "color: #b00020;"
NOTE_STYLE = "QLabel { background: #fff7d6; border: 1px solid #e6d27a; padding: 6px; }"


class NoticesDialog(QDialog):
    """A parent's e-mail notices: a «2», an unexcused absence, the weekly digest (three boxes).

    Shows the address the letters go to, or says that none is known (the service then refuses to
    switch a notice on, and its message is shown under the boxes)."""

    def __init__(self, session: UserSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Уведомления на e-mail"))
        self.setMinimumWidth(480)
        self.session = session
        current = notifications.get_subscription(session)
        self.address = QLabel()
        self.address.setWordWrap(True)
        self.address.setTextFormat(Qt.TextFormat.PlainText)
        if current.has_address:
            self.address.setText(tr("Письма приходят на адрес: {0}").format(current.email))
        else:
            written = tr(" («{0}» записан с ошибкой)").format(current.email) if current.email else ""
            self.address.setText(
                tr(
                    "У вас не записан адрес электронной почты{0}. Его вносит классный руководитель или "
                    "секретарь учебной части; после этого уведомления можно включить."
                ).format(written)
            )
            self.address.setStyleSheet(NOTE_STYLE)
        self.bad_marks_box = QCheckBox(tr("Новая оценка «&2»"))
        self.bad_marks_box.setChecked(current.bad_marks)
        self.absences_box = QCheckBox(tr("&Пропуск занятия без уважительной причины"))
        self.absences_box.setChecked(current.absences)
        self.digest_box = QCheckBox(tr("&Итоги недели: оценки и пропуски (письмо по выходным)"))
        self.digest_box.setChecked(current.weekly_digest)
        hint = QLabel(tr("Письмо приходит, когда в журнале появляется новая запись; о прошлых записях писем нет."))
        hint.setWordWrap(True)
        hint.setStyleSheet("color: #555;")
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setTextFormat(Qt.TextFormat.PlainText)
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText(tr("Сохранить"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("Отмена"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.address)
        layout.addWidget(QLabel(tr("Присылать письмо, когда у ребёнка:")))
        for box in (self.bad_marks_box, self.absences_box, self.digest_box):
            layout.addWidget(box)
        layout.addWidget(hint)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        self.saved: notifications.Subscription | None = None

    @Slot()
    def save(self) -> None:
        try:
            self.saved = notifications.set_subscription(
                self.session,
                bad_marks=self.bad_marks_box.isChecked(),
                absences=self.absences_box.isChecked(),
                weekly_digest=self.digest_box.isChecked(),
            )
        except DomainError as exc:
            self.error_label.setText(exc.message)
            self.error_label.show()
            return
        self.accept()


@register_page("diary")
class DiaryScreen(QWidget):
    def __init__(self, session: UserSession, section: Section | None = None) -> None:
        super().__init__()
        self.session = session
        self.current: diary.Diary | None = None
        self._news: dict[int, diary.WhatsNew | None] = {}  # first «что нового» per child this session

        self.child_combo = QComboBox()
        self.child_combo.setMinimumWidth(280)
        self.child_label = QLabel(tr("Обучающийся:"))
        self.period_combo = QComboBox()
        self.period_combo.setMinimumWidth(220)
        self.status = QLabel("")
        top = QHBoxLayout()
        top.addWidget(self.child_label)
        top.addWidget(self.child_combo)
        top.addSpacing(12)
        top.addWidget(QLabel(tr("Период:")))
        top.addWidget(self.period_combo)
        top.addStretch(1)
        top.addWidget(self.status)
        self.notices_button: QPushButton | None = None
        if "parent" in session.user.roles:
            self.notices_button = QPushButton(tr("&Уведомления на e-mail…"))
            self.notices_button.setToolTip(tr("Письма о новой «2», пропуске без уважительной причины, итоги недели"))
            self.notices_button.clicked.connect(self.open_notices)
            top.addWidget(self.notices_button)

        self.title = title_label("", 1.3)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.summary = QLabel("")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.news = QLabel("")
        self.news.setTextFormat(Qt.TextFormat.PlainText)
        self.news.setWordWrap(True)
        self.news.setStyleSheet(NOTE_STYLE)
        self.news.hide()

        self.disciplines = RowsModel(
            [
                Column(tr("Индекс"), lambda d: d.code),
                Column(tr("Дисциплина"), lambda d: d.name),
                Column(tr("Преподаватель"), lambda d: d.teacher),
                Column(tr("Оценки"), lambda d: d.marks_text),
                Column(tr("Ср. балл"), lambda d: _average(d.average)),
                Column(tr("Итоговые"), lambda d: d.finals_text),
                Column(tr("Пропущено, ч"), lambda d: d.absent_hours or ""),
                Column(tr("Уважит., ч"), lambda d: d.excused_hours or ""),
            ],
            self,
        )
        self.marks = RowsModel(
            [
                Column(tr("Дата"), lambda x: x.held_on),
                Column(tr("Оценка"), lambda x: x.value),
                Column(tr("Тема занятия"), lambda x: x.topic),
            ],
            self,
        )
        self.absences = RowsModel(
            [
                Column(tr("Дата"), lambda a: a.held_on),
                Column(tr("Пропущено, ч"), lambda a: a.hours or (tr("опоздание") if a.late else "")),
                Column(tr("Причина"), lambda a: tr_label(REASON_LABELS.get(a.reason, a.reason))),
            ],
            self,
        )
        self.homework = RowsModel(
            [
                Column(tr("К занятию"), lambda h: h.due_on),
                Column(tr("Дисциплина"), lambda h: h.discipline),
                Column(tr("Задано"), lambda h: h.given_on),
                Column(tr("Задание"), lambda h: h.homework),
            ],
            self,
        )
        self.timetable = RowsModel(
            [
                Column(tr("День"), lambda t: t.weekday_name),
                Column(tr("Пара"), lambda t: t.pair_no),
                Column(tr("Время"), lambda t: t.time_text),
                Column(tr("Дисциплина"), lambda t: t.discipline),
                Column(tr("Преподаватель"), lambda t: t.teacher),
                Column(tr("Аудитория"), lambda t: t.room),
            ],
            self,
        )
        self.disciplines_view = _table(self.disciplines)
        self.disciplines_view.selectionModel().selectionChanged.connect(self._discipline_chosen)
        self.marks_view = _table(self.marks)
        self.absences_view = _table(self.absences)
        detail = QSplitter(Qt.Orientation.Horizontal)
        detail.addWidget(self.marks_view)
        detail.addWidget(self.absences_view)
        detail.setSizes([600, 300])
        marks_page = QSplitter(Qt.Orientation.Vertical)
        marks_page.addWidget(self.disciplines_view)
        marks_page.addWidget(detail)
        marks_page.setSizes([320, 200])
        self.tabs = QTabWidget()
        self.tabs.addTab(marks_page, tr("Оценки и посещаемость"))
        self.homework_view = _table(self.homework)
        self.timetable_view = _table(self.timetable)
        self.tabs.addTab(self.homework_view, tr("Домашние задания"))
        self.tabs.addTab(self.timetable_view, tr("Расписание недели"))

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.title)
        layout.addWidget(self.summary)
        layout.addWidget(self.news)
        layout.addWidget(self.tabs, 1)

        QShortcut(QKeySequence("F5"), self, activated=self.reload)
        self.child_combo.currentIndexChanged.connect(self._child_changed)
        self.period_combo.currentIndexChanged.connect(self._period_changed)
        self._load_students()

    # -- e-mail notices (a parent) --------------------------------------------------------------

    @Slot()
    def open_notices(self) -> None:
        try:
            dialog = NoticesDialog(self.session, self)
        except DomainError as exc:
            QMessageBox.warning(self, tr("Уведомления на e-mail"), exc.message)
            return
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.saved is not None:
            saved = dialog.saved
            self.status.setText(tr("Уведомления включены") if saved.any else tr("Уведомления выключены"))

    # -- loading ----------------------------------------------------------------------------

    def _load_students(self) -> None:
        try:
            students = diary.diary_students(self.session)
        except DomainError as exc:
            QMessageBox.warning(self, tr("Дневник"), exc.message)
            students = []
        self.child_combo.blockSignals(True)
        self.child_combo.clear()
        for student in students:
            self.child_combo.addItem(f"{student.name} ({student.group_name})", student.student_id)
        self.child_combo.blockSignals(False)
        several = len(students) > 1 or "parent" in self.session.user.roles
        self.child_label.setText(tr("Ребёнок:") if "parent" in self.session.user.roles else tr("Обучающийся:"))
        self.child_combo.setVisible(several)
        self.child_label.setVisible(several)
        if students:
            self.load(students[0].student_id)
        else:
            self.title.setText(tr("Нет обучающихся, чей дневник вам доступен"))

    def student_id(self) -> int | None:
        value = self.child_combo.currentData()
        return int(value) if value is not None else None

    def reload(self) -> None:
        student_id = self.student_id()
        if student_id is not None:
            self.load(student_id, self.period_combo.currentData())

    def load(self, student_id: int, period_id: int | None = None) -> None:
        session = self.session
        self.status.setText(tr("Загрузка…"))

        def fetch() -> diary.Diary:
            return diary.diary(session, student_id, period_id=period_id)

        run_in_background(fetch, self._show, self._failed, context=self)

    @Slot(int)
    def _child_changed(self, _index: int) -> None:
        student_id = self.student_id()
        if student_id is not None:
            self.load(student_id)

    @Slot(int)
    def _period_changed(self, _index: int) -> None:
        self.reload()

    def _failed(self, error: Exception) -> None:
        self.status.setText("")
        message = (
            error.message if isinstance(error, DomainError) else tr("Не удалось открыть дневник: {0}").format(error)
        )
        QMessageBox.warning(self, tr("Дневник"), message)

    def _show(self, book: diary.Diary) -> None:
        self.current = book
        self.status.setText("")
        student_id = book.student.student_id
        if student_id not in self._news:
            self._news[student_id] = book.whats_new
            session = self.session
            run_in_background(lambda: diary.mark_visited(session, student_id), lambda _r: None, lambda _e: None)
        news = self._news[student_id]
        text = _news_text(news)
        self.news.setText(text)
        self.news.setVisible(bool(text))
        self.title.setText(tr("{0}, группа {1}").format(book.student.name, book.student.group_name))
        average = _average(book.average)
        self.summary.setText(
            (tr("Средний балл за период: {0}. ").format(average) if average else "")
            + tr("Пропущено: {0} ч, из них по уважительной причине: {1} ч.").format(
                book.absent_hours, book.excused_hours
            )
        )
        self.period_combo.blockSignals(True)
        self.period_combo.clear()
        for period in reversed(book.periods):
            self.period_combo.addItem(period.label, period.id)
        if book.period is not None:
            self.period_combo.setCurrentIndex(self.period_combo.findData(book.period.id))
        self.period_combo.blockSignals(False)
        self.disciplines.set_rows(book.disciplines)
        self.homework.set_rows(book.homework)
        self.timetable.set_rows(book.timetable)
        self.marks.set_rows([])
        self.absences.set_rows([])
        for view, widths in (
            (self.disciplines_view, (80, 300, 130, 250, 75, 120, 95)),
            (self.marks_view, (90, 60)),
            (self.homework_view, (90, 380, 90)),
            (self.timetable_view, (110, 50, 100, 380, 150)),
        ):
            for column, width in enumerate(widths):
                view.setColumnWidth(column, width)
        if book.disciplines:
            self.disciplines_view.selectRow(0)

    @Slot(QItemSelection, QItemSelection)
    def _discipline_chosen(self, *_args: object) -> None:
        rows = self.disciplines_view.selectionModel().selectedRows()
        if not rows:
            return
        chosen = self.disciplines.rows[rows[0].row()]
        self.marks.set_rows(chosen.marks)
        self.absences.set_rows(chosen.absences)
