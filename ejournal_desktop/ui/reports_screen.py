"""«Отчёты»: every report the person may build (reports.catalog), its parameters, and the preview.

On the left the list from `available_reports(session)` and, under it, only the fields the chosen
report needs: period, group, months (ticked), a student (the parent letter: one or the whole
group), the threshold in days (filling control). «Сформировать» (Ctrl+Enter) builds the report off
the GUI thread into the preview on the right, which saves it to XLSX or PDF and prints it. A
curator is offered their own group only; the deputy every group.
"""

from __future__ import annotations

import datetime as dt
import logging

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ejournal_desktop.domain.calendar import month_name, months_of
from ejournal_desktop.domain.errors import DomainError
from ejournal_desktop.domain.permissions import Action, Scope, Section, allowed_scopes
from ejournal_desktop.reports.catalog import (
    DEFAULT_LATE_DAYS,
    ReportParams,
    ReportSpec,
    available_reports,
    build_report,
)
from ejournal_desktop.services import gradebook as gb
from ejournal_desktop.services.auth import UserSession
from ejournal_desktop.services.contingent_people import list_students
from ejournal_desktop.services.contingent_reference import list_groups
from ejournal_desktop.ui.background import run_in_background
from ejournal_desktop.ui.i18n import tr
from ejournal_desktop.ui.main_window import register_page
from ejournal_desktop.ui.partials.period_combo import fill_period_combo
from ejournal_desktop.ui.partials.title_label import title_label
from ejournal_desktop.ui.report_launch import PARENT_LETTER, ParentMailer
from ejournal_desktop.ui.report_preview import ReportPreview

log = logging.getLogger(__name__)

DAYS_REPORTS = frozenset({"filling-control"})
SPEC_ROLE = Qt.ItemDataRole.UserRole + 1


@register_page("reports")
class ReportsScreen(QWidget):
    ready = Signal()  # periods and groups are loaded
    students_loaded = Signal()

    def __init__(self, session: UserSession, section: Section | None = None, *, today: dt.date | None = None) -> None:
        super().__init__()
        self.session = session
        self.today = today
        self.specs = available_reports(session)
        self.periods: list[gb.PeriodInfo] = []
        self.mailer: ParentMailer | None = None

        title = title_label(tr("Отчёты"))
        self.report_list = QListWidget()
        for spec in self.specs:
            item = QListWidgetItem(spec.title)
            item.setData(SPEC_ROLE, spec.key)
            item.setToolTip(spec.description)
            self.report_list.addItem(item)
        self.description = QLabel()
        self.description.setWordWrap(True)
        self.description.setStyleSheet("color: #555;")

        self.period_combo = QComboBox()
        self.group_combo = QComboBox()
        self.month_list = QListWidget()
        self.month_list.setMaximumHeight(130)
        self.student_combo = QComboBox()
        self.days_spin = QSpinBox()
        self.days_spin.setRange(0, 365)
        self.days_spin.setValue(DEFAULT_LATE_DAYS)
        self.days_spin.setSuffix(tr(" дн."))
        self.form = QFormLayout()
        self.form.addRow(tr("Период:"), self.period_combo)
        self.form.addRow(tr("Группа:"), self.group_combo)
        self.form.addRow(tr("Месяцы:"), self.month_list)
        self.form.addRow(tr("Обучающийся:"), self.student_combo)
        self.form.addRow(tr("Порог, дней:"), self.days_spin)
        self.build_button = QPushButton(tr("Сформировать"))
        self.build_button.setToolTip("Ctrl+Enter")
        self.build_button.setDefault(True)
        self.build_button.clicked.connect(self.build)
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet("color: #b00020;")

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 6, 0)
        left_layout.addWidget(title)
        left_layout.addWidget(self.report_list, 1)
        left_layout.addWidget(self.description)
        left_layout.addLayout(self.form)
        left_layout.addWidget(self.build_button)
        left_layout.addWidget(self.error)
        self.preview = ReportPreview()
        self.send_button = self.preview.add_button(
            tr("Отправить родителям…"), self._send, tr("Отправить каждому родителю с известной эл. почтой письмо в PDF")
        )
        self.send_button.hide()
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.preview)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([330, 900])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.addWidget(splitter)

        for sequence in ("Ctrl+Return", "Ctrl+Enter"):
            shortcut = QShortcut(QKeySequence(sequence), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(self.build)
        self.report_list.currentRowChanged.connect(lambda _row: self._spec_changed())
        self.period_combo.currentIndexChanged.connect(lambda _i: self._fill_months())
        self.group_combo.currentIndexChanged.connect(lambda _i: self._load_students())
        self.preview.built.connect(self._built)
        if self.specs:
            self.report_list.setCurrentRow(0)
        self._load_choices()

    # -- choices --------------------------------------------------------------------------------

    def _load_choices(self) -> None:
        session, today = self.session, self.today
        every_group = Scope.ALL in allowed_scopes(session.user.roles, Action.REPORTS_GROUP)
        curated = set(session.user.curated_group_ids)
        needs_groups = any(spec.needs_group for spec in self.specs)

        def fetch():  # type: ignore[no-untyped-def]
            groups = []
            if needs_groups:
                groups = [g for g in list_groups(session, include_archived=False) if every_group or g.id in curated]
            return *gb.periods_and_current(session, today), groups

        run_in_background(fetch, self._show_choices, self._show_error, context=self)

    def _show_choices(self, result) -> None:  # type: ignore[no-untyped-def]
        periods, current, groups = result
        self.periods = periods
        fill_period_combo(self.period_combo, periods, current)
        self.group_combo.blockSignals(True)
        self.group_combo.clear()
        for group in groups:
            self.group_combo.addItem(group.name, group.id)
        self.group_combo.blockSignals(False)
        self._fill_months()
        self._load_students()
        self.ready.emit()

    def _fill_months(self) -> None:
        self.month_list.clear()
        period = next((p for p in self.periods if p.id == self.period_combo.currentData()), None)
        if period is None:
            return
        today = self.today or dt.date.today()
        for year, month in months_of(period.starts_on, period.ends_on):
            item = QListWidgetItem(f"{month_name(month)} {year}")
            item.setData(SPEC_ROLE, (year, month))
            current = (year, month) == (today.year, today.month)
            item.setCheckState(Qt.CheckState.Checked if current else Qt.CheckState.Unchecked)
            self.month_list.addItem(item)

    def _load_students(self) -> None:
        self.student_combo.clear()
        self.student_combo.addItem(tr("вся группа"), None)
        group_id = self.group_combo.currentData()
        spec = self.spec()
        if group_id is None or spec is None or not spec.per_student:
            return
        session = self.session
        run_in_background(
            lambda: list_students(session, group_id=group_id, statuses=("studying",)),
            self._show_students,
            self._show_error,
            context=self,
        )

    def _show_students(self, students) -> None:  # type: ignore[no-untyped-def]
        for student in students:
            self.student_combo.addItem(student.full_name, student.id)
        self.students_loaded.emit()

    def _show_error(self, error: Exception) -> None:
        if not isinstance(error, DomainError):
            log.error("the reports screen failed to load", exc_info=error)
        self.error.setText(error.message if isinstance(error, DomainError) else tr("Не удалось загрузить данные"))

    # -- the chosen report ----------------------------------------------------------------------

    def spec(self) -> ReportSpec | None:
        item = self.report_list.currentItem()
        if item is None:
            return None
        key = item.data(SPEC_ROLE)
        return next((spec for spec in self.specs if spec.key == key), None)

    def select(self, key: str) -> None:
        for row in range(self.report_list.count()):
            if self.report_list.item(row).data(SPEC_ROLE) == key:
                self.report_list.setCurrentRow(row)
                return
        raise KeyError(key)

    def _spec_changed(self) -> None:
        spec = self.spec()
        if spec is None:
            return
        self.description.setText(spec.description)
        self.error.clear()
        for widget, visible in (
            (self.period_combo, spec.needs_period),
            (self.group_combo, spec.needs_group),
            (self.month_list, spec.needs_month),
            (self.student_combo, spec.per_student),
            (self.days_spin, spec.key in DAYS_REPORTS),
        ):
            self.form.setRowVisible(widget, visible)
        if spec.per_student and self.student_combo.count() <= 1:
            self._load_students()

    def checked_months(self) -> tuple[tuple[int, int], ...]:
        months = []
        for row in range(self.month_list.count()):
            item = self.month_list.item(row)
            if item.checkState() == Qt.CheckState.Checked:
                months.append(item.data(SPEC_ROLE))
        return tuple(months)

    def params(self) -> ReportParams:
        spec = self.spec()
        assert spec is not None
        return ReportParams(
            period_id=self.period_combo.currentData() if spec.needs_period else None,
            group_id=self.group_combo.currentData() if spec.needs_group else None,
            months=self.checked_months() if spec.needs_month else (),
            student_id=self.student_combo.currentData() if spec.per_student else None,
            days=self.days_spin.value(),
            today=self.today,
        )

    def build(self) -> None:
        spec = self.spec()
        if spec is None:
            return
        self.error.clear()
        params = self.params()
        self.send_button.hide()
        session = self.session
        self._building = (spec.key, params)
        self.preview.build(lambda: build_report(session, spec.key, params), spec.title)

    def _built(self, _report: object) -> None:
        key, params = getattr(self, "_building", (None, None))
        if key == PARENT_LETTER and params is not None:
            self.mailer = ParentMailer(self, self.session, params)
            self.send_button.show()

    def _send(self) -> None:
        if self.mailer is not None:
            self.mailer.send()
