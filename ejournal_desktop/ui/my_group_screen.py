"""«Моя группа»: the curator's dashboard of the group for a period, the справки, the group's reports.

- «Обучающиеся»: each student's current average, number of marks and absences (hours, of them
  excused, of them for illness, unexcused); students at risk are tinted with the reason in the last
  column and in the tooltip (services.group_dashboard says what counts as a risk).
- «Справки»: the group's excuses; «Добавить справку…» (Ctrl+N) opens `ExcuseDialog` — student,
  dates дд.мм.гггг, reason, document — and the student's absences of those dates become excused at
  once; «Удалить справку» (Delete) makes them unexcused again.
- The buttons under the title open the curator's reports of the catalog in a preview window.
Everything is loaded and saved off the GUI thread (the dialog's save and the deletion show
«Сохранение…» / «Удаление справки…» with their button disabled meanwhile); «Обновить» is F5.
"""

from __future__ import annotations

import datetime as dt
import logging

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QCompleter,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ejournal_desktop.domain.calendar import format_date
from ejournal_desktop.domain.errors import DomainError, ValidationError
from ejournal_desktop.domain.forecast import MIN_LESSONS_FOR_NA
from ejournal_desktop.domain.permissions import Section
from ejournal_desktop.domain.statistics import round_half_up
from ejournal_desktop.reports.catalog import ReportParams, available_reports
from ejournal_desktop.services import excuses
from ejournal_desktop.services import gradebook as gb
from ejournal_desktop.services import group_dashboard as gd
from ejournal_desktop.services.auth import UserSession
from ejournal_desktop.services.contingent_reference import list_groups
from ejournal_desktop.ui.background import SAVING, SerialJobs, busy_label, error_message, run_in_background
from ejournal_desktop.ui.i18n import tr
from ejournal_desktop.ui.main_window import register_page
from ejournal_desktop.ui.partials.date_field import DateField
from ejournal_desktop.ui.partials.period_combo import fill_period_combo
from ejournal_desktop.ui.partials.table_model import ROW_ROLE, Column, RowsModel
from ejournal_desktop.ui.partials.title_label import title_label
from ejournal_desktop.ui.report_launch import open_catalog_report

log = logging.getLogger(__name__)

ERROR_STYLE = "color: #b00020;"
BAD_FIELD_STYLE = "border: 1px solid #b00020;"


def decimal(value: float | None, digits: int = 2) -> str:
    if value is None:
        return ""
    return f"{round_half_up(value, digits):.{digits}f}".replace(".", ",")


class _Number(float):
    """A number that shows with a decimal comma in RowsModel but still sorts as a number."""

    def __str__(self) -> str:
        return decimal(self)


def _average(line: gd.StudentLine) -> object:
    return None if line.average is None else _Number(line.average)


STUDENT_COLUMNS = [
    Column("№", lambda s: s.number),
    Column(tr("Обучающийся"), lambda s: s.full_name),
    Column(tr("Средний балл"), _average),
    Column(tr("Оценок"), lambda s: s.marks),
    Column(tr("Пропущено, ч"), lambda s: s.absent_hours),
    Column(tr("по уважит. причине, ч"), lambda s: s.excused_hours),
    Column(tr("в т. ч. болезнь, ч"), lambda s: s.sick_hours),
    Column(tr("без уважит. причины, ч"), lambda s: s.unexcused_hours),
    Column(tr("Риск"), lambda s: s.risk_text),
]
EXCUSE_COLUMNS = [
    Column(tr("Обучающийся"), lambda e: e.student_name),
    Column(tr("Даты"), lambda e: e.dates_label),
    Column(tr("Причина"), lambda e: e.reason_label),
    Column(tr("Документ"), lambda e: e.document),
    Column(tr("Пропусков оправдано"), lambda e: tr("{0} ({1} ч)").format(e.lessons, e.hours)),
]
NUMERIC_COLUMNS = {0, 2, 3, 4, 5, 6, 7}


class _AlignedModel(RowsModel):
    def data(self, index, role=Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in NUMERIC_COLUMNS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return super().data(index, role)


def _table(model: RowsModel) -> QTableView:
    table = QTableView()
    table.setModel(model)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.verticalHeader().hide()
    table.horizontalHeader().setStretchLastSection(True)
    return table


class ExcuseDialog(QDialog):
    """A справка: student (type to find), dates, reason, document. Saved through `save_function(values)`
    off the GUI thread: the form is read and checked here, the service runs in a worker while
    «Сохранить» is disabled and «Сохранение…» shows; a refusal comes back next to its field."""

    def __init__(self, students: list[gd.StudentLine], on: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Справка об уважительной причине"))
        self.students = students
        self.result_value: excuses.ExcuseResult | None = None
        self.save_function = None  # set by the screen: values → ExcuseResult
        self.student_combo = QComboBox()
        self.student_combo.setEditable(True)
        self.student_combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for line in students:
            self.student_combo.addItem(line.full_name, line.student_id)
        self.student_combo.setCurrentIndex(-1)
        self.student_combo.lineEdit().setPlaceholderText(tr("начните вводить фамилию"))
        completer = QCompleter([line.full_name for line in students], self.student_combo)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.student_combo.setCompleter(completer)
        self.from_field = DateField(tr("С"), "from_date", on)
        self.to_field = DateField(tr("По"), "to_date", on)
        self.reason_combo = QComboBox()
        for label, value in excuses.REASON_CHOICES:
            self.reason_combo.addItem(label, value)
        self.document_edit = QLineEdit()
        self.document_edit.setPlaceholderText(tr("справка № 15 от 03.10.2026, заявление, приказ"))
        self.error_label = QLabel()
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setWordWrap(True)
        self.busy_label = busy_label()
        self.busy_label.hide()
        self.saving = False
        form = QFormLayout()
        form.addRow(tr("Обучающийся:"), self.student_combo)
        form.addRow(tr("С (дд.мм.гггг):"), self.from_field)
        form.addRow(tr("По (дд.мм.гггг):"), self.to_field)
        form.addRow(tr("Причина:"), self.reason_combo)
        form.addRow(tr("Документ:"), self.document_edit)
        note = QLabel(tr("Пропуски обучающегося без уважительной причины в эти дни станут уважительными."))
        note.setWordWrap(True)
        note.setStyleSheet("color: #555;")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(tr("Сохранить"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("Отмена"))
        buttons.accepted.connect(self.try_save)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.fields = {
            "student": self.student_combo,
            "from_date": self.from_field,
            "to_date": self.to_field,
            "reason": self.reason_combo,
            "document": self.document_edit,
        }
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.error_label)
        layout.addWidget(self.busy_label)
        layout.addWidget(buttons)
        self.setMinimumWidth(480)

    def student_id(self) -> int:
        text = self.student_combo.currentText().strip()
        index = self.student_combo.findText(text, Qt.MatchFlag.MatchFixedString)
        if index < 0 and text:
            # A unique part of a name is enough: «кондр» finds «Кондратьев Глеб Юрьевич».
            wanted = text.casefold()
            names = [self.student_combo.itemText(i).casefold() for i in range(self.student_combo.count())]
            matches = [i for i, name in enumerate(names) if wanted in name]
            index = matches[0] if len(matches) == 1 else -1
        if index < 0:
            raise ValidationError(tr("Выберите обучающегося из списка группы"), field="student")
        return int(self.student_combo.itemData(index))

    def values(self) -> dict[str, object]:
        return {
            "student_id": self.student_id(),
            "from_date": self.from_field.date(),
            "to_date": self.to_field.date(),
            "reason": self.reason_combo.currentData(),
            "document": self.document_edit.text(),
        }

    def try_save(self) -> None:
        if self.saving:
            return  # Enter again while the first save runs
        for widget in self.fields.values():
            widget.setStyleSheet("")
        try:
            values = self.values()
        except DomainError as exc:
            self._refuse(exc.message, exc.field)
            return
        save = self.save_function
        assert save is not None
        self._set_saving(True)
        run_in_background(lambda: save(values), self._saved, self._failed, context=self)

    def _saved(self, result: excuses.ExcuseResult) -> None:
        self._set_saving(False)
        self.result_value = result
        self.accept()

    def _failed(self, error: Exception) -> None:
        self._set_saving(False)
        self._refuse(error_message(error), getattr(error, "field", None))

    def _refuse(self, message: str, field: str | None) -> None:
        self.error_label.setText(message)
        bad = self.fields.get(field or "")
        if bad is not None:
            bad.setStyleSheet(BAD_FIELD_STYLE)
            bad.setFocus()

    def _set_saving(self, saving: bool) -> None:
        self.saving = saving
        self.buttons.setEnabled(not saving)  # «Отмена» too: the справка is on its way already
        self.busy_label.setText(SAVING if saving else "")
        self.busy_label.setVisible(saving)
        if saving:
            self.error_label.clear()

    def reject(self) -> None:
        if self.saving:
            return  # the справка is on its way to the database: its result is shown, not lost
        super().reject()


@register_page("my_group")
class MyGroupScreen(QWidget):
    loaded = Signal()  # the dashboard is shown
    excuses_loaded = Signal()

    def __init__(self, session: UserSession, section: Section | None = None, *, today: dt.date | None = None) -> None:
        super().__init__()
        self.session = session
        self.today = today
        self.dashboard: gd.GroupDashboard | None = None
        self.windows: list[QWidget] = []  # report windows opened from here
        self.ask_excuse = self._ask_excuse  # tests may answer the dialog themselves
        self.confirm = self._confirm

        title = title_label(tr("Моя группа"))
        self.group_combo = QComboBox()
        self.period_combo = QComboBox()
        self.period_combo.setMinimumWidth(220)
        self.threshold_spin = QSpinBox()
        self.threshold_spin.setRange(0, 500)
        self.threshold_spin.setValue(gd.DEFAULT_THRESHOLD_HOURS)
        self.threshold_spin.setSuffix(tr(" ч"))
        self.threshold_spin.setToolTip(
            tr("Пропуски без уважительной причины за период, после которых обучающийся в зоне риска")
        )
        self.refresh_button = QPushButton(tr("Обновить"))
        self.refresh_button.setToolTip(tr("Обновить (F5)"))
        self.refresh_button.clicked.connect(self.refresh)
        top = QHBoxLayout()
        self.group_label = QLabel(tr("Группа:"))
        top.addWidget(self.group_label)
        top.addWidget(self.group_combo)
        top.addWidget(QLabel(tr("Период:")))
        top.addWidget(self.period_combo)
        top.addWidget(QLabel(tr("Порог пропусков:")))
        top.addWidget(self.threshold_spin)
        top.addWidget(self.refresh_button)
        top.addStretch(1)

        self.summary = QLabel(tr("Загрузка…"))
        self.summary.setWordWrap(True)

        self.report_bar = QHBoxLayout()
        self.report_bar.addWidget(QLabel(tr("Отчёты:")))
        self.report_buttons: dict[str, QPushButton] = {}
        for spec in available_reports(session):
            if not spec.needs_group:
                continue
            button = QPushButton(_short_title(spec.title))
            button.setToolTip(spec.title + (f"\n{spec.description}" if spec.description else ""))
            button.clicked.connect(lambda _checked=False, key=spec.key: self.open_report(key))
            self.report_bar.addWidget(button)
            self.report_buttons[spec.key] = button
        self.report_bar.addStretch(1)

        self.student_model = _AlignedModel(STUDENT_COLUMNS, self)
        self.student_model.highlight = lambda line: line.risk_text or None
        self.student_table = _table(self.student_model)
        self.excuse_model = RowsModel(EXCUSE_COLUMNS, self)
        self.excuse_table = _table(self.excuse_model)
        self.add_excuse_button = QPushButton(tr("Добавить справку…"))
        self.add_excuse_button.setToolTip("Ctrl+N")
        self.add_excuse_button.clicked.connect(self.add_excuse)
        self.delete_excuse_button = QPushButton(tr("Удалить справку"))
        self.delete_excuse_button.setToolTip(tr("Delete: пропуски снова станут неуважительными"))
        self.delete_excuse_button.clicked.connect(self.delete_excuse)
        self.busy_label = busy_label()
        self.busy_label.hide()
        self.jobs = SerialJobs(self, self._show_busy)
        excuse_page = QWidget()
        excuse_buttons = QHBoxLayout()
        excuse_buttons.addWidget(self.add_excuse_button)
        excuse_buttons.addWidget(self.delete_excuse_button)
        excuse_buttons.addWidget(self.busy_label)
        excuse_buttons.addStretch(1)
        excuse_layout = QVBoxLayout(excuse_page)
        excuse_layout.setContentsMargins(0, 6, 0, 0)
        excuse_layout.addLayout(excuse_buttons)
        excuse_layout.addWidget(self.excuse_table, 1)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.student_table, tr("Обучающиеся"))
        self.tabs.addTab(excuse_page, tr("Справки"))
        self.note = QLabel()
        self.done = ""  # what the last save or deletion did: put before the notes of the reload after it
        self.note.setStyleSheet("color: #555;")
        self.note.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.addWidget(title)
        layout.addLayout(top)
        layout.addLayout(self.report_bar)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.note)

        for sequence, slot in (("F5", self.refresh), ("Ctrl+N", self.add_excuse)):
            shortcut = QShortcut(QKeySequence(sequence), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        self.excuse_table.installEventFilter(self)  # Delete on the list removes the справка
        self.group_combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.period_combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.threshold_spin.editingFinished.connect(self.refresh)
        self._load_choices()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            watched is self.excuse_table
            and event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() == Qt.Key.Key_Delete
        ):
            self.delete_excuse()
            return True
        return super().eventFilter(watched, event)

    # -- loading --------------------------------------------------------------------------------

    def _load_choices(self) -> None:
        session, today = self.session, self.today
        curated = set(session.user.curated_group_ids)

        def fetch():  # type: ignore[no-untyped-def]
            groups = [g for g in list_groups(session) if g.id in curated]
            return groups, *gb.periods_and_current(session, today)

        run_in_background(fetch, self._show_choices, self._show_error, context=self)

    def _show_choices(self, result) -> None:  # type: ignore[no-untyped-def]
        groups, periods, current = result
        self.group_combo.blockSignals(True)
        self.group_combo.clear()
        for group in groups:
            self.group_combo.addItem(group.name, group.id)
        self.group_combo.blockSignals(False)
        fill_period_combo(self.period_combo, periods, current)
        self.group_combo.setVisible(len(groups) > 1)
        self.group_label.setVisible(len(groups) > 1)
        if not groups:
            self.summary.setText(tr("Вы не назначены куратором группы"))
            self.loaded.emit()
            return
        if not periods:
            self.summary.setText(tr("Периоды обучения ещё не созданы: обратитесь к секретарю учебной части"))
            self.loaded.emit()
            return
        self.refresh()

    def group_id(self) -> int | None:
        return self.group_combo.currentData()

    def period_id(self) -> int | None:
        return self.period_combo.currentData()

    def refresh(self) -> None:
        group_id, period_id = self.group_id(), self.period_id()
        if group_id is None or period_id is None:
            return
        session, today, threshold = self.session, self.today, self.threshold_spin.value()
        self.note.setText(self._with_done(tr("Загрузка…")))

        def fetch():  # type: ignore[no-untyped-def]
            dashboard = gd.group_dashboard(session, group_id, period_id, threshold_hours=threshold, today=today)
            return dashboard, excuses.list_excuses(session, group_id)

        run_in_background(fetch, self._show, self._show_error, context=self)

    def _show(self, result) -> None:  # type: ignore[no-untyped-def]
        dashboard, excuse_rows = result
        self.dashboard = dashboard
        self.student_model.set_rows(dashboard.students)
        header = self.student_table.horizontalHeader()
        header.resizeSections(QHeaderView.ResizeMode.ResizeToContents)
        header.resizeSection(1, max(header.sectionSize(1), 260))
        self.excuse_model.set_rows(excuse_rows)
        self.excuse_table.horizontalHeader().resizeSections(QHeaderView.ResizeMode.ResizeToContents)
        risky = len(dashboard.at_risk)
        parts = [
            tr("Группа {0}").format(dashboard.group_name),
            tr("обучающихся: {0}").format(len(dashboard.students)),
            tr("средний балл: {0}").format(decimal(dashboard.average) or "—"),
            tr("пропущено: {0} ч, из них по уважительной причине {1} ч").format(
                dashboard.absent_hours, dashboard.excused_hours
            ),
            tr("в зоне риска: {0}").format(risky),
        ]
        if dashboard.left:
            parts.append(tr("выбыли в периоде: {0}").format(dashboard.left))
        self.summary.setText(" · ".join(parts))
        notes = [*dashboard.notes, tr("Данные на {0}.").format(format_date(dashboard.on))]
        if risky:
            notes.append(tr("Обучающиеся в зоне риска выделены цветом; причина — в последнем столбце."))
        notes.append(
            tr(
                "Риск: итоговая или прогнозная «2» / «н/а» по дисциплине (средний балл текущих оценок; пропущено "
                "больше половины часов; нет оценок за {0} и более занятий) или пропуски без "
                "уважительной причины выше порога."
            ).format(MIN_LESSONS_FOR_NA)
        )
        self.note.setText(self._with_done(" ".join(notes)))
        self.done = ""
        self.loaded.emit()
        self.excuses_loaded.emit()

    def _with_done(self, text: str) -> str:
        return f"{self.done}. {text}" if self.done else text

    def _show_error(self, error: Exception) -> None:
        if not isinstance(error, DomainError):
            log.error("«Моя группа» failed to load", exc_info=error)
        self.note.setText(error.message if isinstance(error, DomainError) else tr("Не удалось загрузить данные группы"))
        self.loaded.emit()

    def student_lines(self) -> list[gd.StudentLine]:
        return list(self.student_model.rows)

    def line_of(self, student_id: int) -> gd.StudentLine | None:
        return next((line for line in self.student_model.rows if line.student_id == student_id), None)

    # -- excuses --------------------------------------------------------------------------------

    def _ask_excuse(self, dialog: ExcuseDialog) -> bool:
        return dialog.exec() == QDialog.DialogCode.Accepted

    def make_excuse_dialog(self) -> ExcuseDialog:
        students = self.dashboard.students if self.dashboard else []
        on = self.dashboard.on if self.dashboard else (self.today or dt.date.today())
        dialog = ExcuseDialog(students, on, self)
        session = self.session

        def save(values: dict[str, object]) -> excuses.ExcuseResult:
            return excuses.create_excuse(
                session,
                values["student_id"],  # type: ignore[arg-type]
                values["from_date"],  # type: ignore[arg-type]
                values["to_date"],  # type: ignore[arg-type]
                str(values["reason"]),
                str(values["document"]),
            )

        dialog.save_function = save
        return dialog

    def add_excuse(self) -> None:
        if self.dashboard is None:
            return
        dialog = self.make_excuse_dialog()
        if self.ask_excuse(dialog) and dialog.result_value is not None:
            result = dialog.result_value
            self.done = tr("Справка сохранена: пропусков стало уважительными — {0} ({1} ч)").format(
                result.lessons, result.hours
            )
            self.refresh()

    def _confirm(self, text: str) -> bool:
        answer = QMessageBox.question(self, tr("Удалить справку"), text)
        return answer == QMessageBox.StandardButton.Yes

    def _show_busy(self, label: str) -> None:
        self.busy_label.setText(label)
        self.busy_label.setVisible(bool(label))
        self.delete_excuse_button.setEnabled(not label)

    @property
    def busy(self) -> bool:
        return self.jobs.busy

    def delete_excuse(self) -> None:
        if self.jobs.busy:
            return  # the list still shows the справка being deleted
        row = self.excuse_table.currentIndex().data(ROW_ROLE)
        if row is None:
            return
        if not self.confirm(
            tr(
                "Удалить справку «{0}» ({1}, {2})?\nОправданные ею пропуски ({3}, {4} ч) снова станут неуважительными."
            ).format(row.document, row.student_name, row.dates_label, row.lessons, row.hours)
        ):
            return
        session, excuse_id = self.session, row.id
        self.jobs.add(
            lambda: excuses.delete_excuse(session, excuse_id),
            lambda reverted: self._deleted(excuse_id, reverted),
            self._not_deleted,
            tr("Удаление справки…"),
        )

    def _deleted(self, excuse_id: int, reverted: int) -> None:
        # Gone from the list at once (no second Delete of it); the reload brings the new hours.
        self.excuse_model.set_rows([e for e in self.excuse_model.rows if e.id != excuse_id])
        self.done = tr("Справка удалена: пропусков снова без уважительной причины — {0}").format(reverted)
        self.refresh()

    def _not_deleted(self, error: Exception) -> None:
        QMessageBox.warning(self, tr("Справка не удалена"), error_message(error))

    # -- reports --------------------------------------------------------------------------------

    def report_params(self) -> ReportParams:
        on = self.dashboard.on if self.dashboard else (self.today or dt.date.today())
        return ReportParams(
            period_id=self.period_id(),
            group_id=self.group_id(),
            months=((on.year, on.month),),
            today=self.today,
        )

    def open_report(self, key: str) -> QWidget | None:
        if self.group_id() is None or self.period_id() is None:
            return None
        window = open_catalog_report(self, self.session, key, self.report_params())
        self.windows.append(window)
        return window


def _short_title(title: str) -> str:
    """A button's text: the catalog title without the words every group report shares."""
    for prefix, short in (
        (tr("Отчёт о посещаемости группы за месяц"), tr("Посещаемость за месяц")),
        (tr("Сводная ведомость учёта посещаемости"), tr("Ведомость посещаемости")),
        (tr("Сводная ведомость учёта успеваемости"), tr("Ведомость успеваемости")),
        (tr("Итоги успеваемости группы за период"), tr("Итоги успеваемости")),
        (tr("Предварительный отчёт классного руководителя"), tr("Предварительный отчёт")),
        (tr("Отчёт классного руководителя за период"), tr("Отчёт куратора")),
        (tr("Информационное письмо для родителей"), tr("Письма родителям")),
    ):
        if title == prefix:
            return short
    return title
