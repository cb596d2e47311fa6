"""«Контроль журналов»: the deputy's control of the journals and the periods.

- The filling-control report («Своевременность заполнения журналов») inline, for the chosen period
  and threshold in days (default 7), worst first, rows past the threshold tinted; it saves and
  prints like every report. A double click (or Enter) on a row opens that journal read-only («←
  Контроль журналов» comes back).
- «Закрыть период» / «Открыть период» (services.periods, permission period.close, audited): asked
  first, then done off the GUI thread with the button disabled and «Закрытие периода…» shown; the
  filling report is built again afterwards.
- «Итоги по техникуму» and «Статистика преподавателей» open in a preview window.
"""

from __future__ import annotations

import datetime as dt
import logging

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ejournal_desktop.domain.errors import DomainError
from ejournal_desktop.domain.permissions import Section
from ejournal_desktop.reports.catalog import DEFAULT_LATE_DAYS, REPORTS, ReportParams, available_reports, build_report
from ejournal_desktop.reports.table import Report
from ejournal_desktop.services import gradebook as gb
from ejournal_desktop.services import periods as period_service
from ejournal_desktop.services.auth import UserSession
from ejournal_desktop.ui.background import SerialJobs, busy_label, error_message, run_in_background
from ejournal_desktop.ui.i18n import tr
from ejournal_desktop.ui.journal_view import JournalView
from ejournal_desktop.ui.main_window import register_page
from ejournal_desktop.ui.partials.period_combo import fill_period_combo
from ejournal_desktop.ui.partials.title_label import title_label
from ejournal_desktop.ui.report_launch import open_catalog_report
from ejournal_desktop.ui.report_preview import ReportPreview

log = logging.getLogger(__name__)

FILLING = "filling-control"


class ControlPage(QWidget):
    """The control page itself (the screen stacks it with an open journal)."""

    loaded = Signal()  # the filling report is shown
    open_requested = Signal(int)  # assignment_id

    def __init__(self, session: UserSession, today: dt.date | None) -> None:
        super().__init__()
        self.session = session
        self.today = today
        self.periods: list[gb.PeriodInfo] = []
        self.windows: list[QWidget] = []
        self.confirm = self._confirm

        title = title_label(tr("Контроль журналов"))
        self.period_combo = QComboBox()
        self.period_combo.setMinimumWidth(240)
        self.days_spin = QSpinBox()
        self.days_spin.setRange(0, 365)
        self.days_spin.setValue(DEFAULT_LATE_DAYS)
        self.days_spin.setSuffix(tr(" дн."))
        self.days_spin.setToolTip(tr("Журнал, в котором нет записей дольше порога, выделяется"))
        self.refresh_button = QPushButton(tr("Обновить"))
        self.refresh_button.setToolTip("F5")
        self.refresh_button.clicked.connect(self.refresh)
        self.period_state = QLabel()
        self.close_button = QPushButton(tr("Закрыть период…"))
        self.close_button.setToolTip(tr("После закрытия оценки и пропуски периода изменить нельзя"))
        self.close_button.clicked.connect(self.toggle_period)
        self.close_button.setVisible(period_service.may_close_periods(session))  # the roles only, no database
        self.busy_label = busy_label()
        self.busy_label.hide()
        self.jobs = SerialJobs(self, self._show_busy)

        top = QHBoxLayout()
        top.addWidget(QLabel(tr("Период:")))
        top.addWidget(self.period_combo)
        top.addWidget(QLabel(tr("Порог без записей:")))
        top.addWidget(self.days_spin)
        top.addWidget(self.refresh_button)
        top.addStretch(1)
        top.addWidget(self.period_state)
        top.addWidget(self.busy_label)
        top.addWidget(self.close_button)

        reports = QHBoxLayout()
        reports.addWidget(QLabel(tr("Отчёты:")))
        self.report_buttons: dict[str, QPushButton] = {}
        keys = {spec.key for spec in available_reports(session)}
        for key, text in (
            ("college-results", tr("Итоги по техникуму")),
            ("teacher-stats", tr("Статистика преподавателей")),
        ):
            if key not in keys:
                continue
            button = QPushButton(text)
            button.setToolTip(REPORTS[key].title + "\n" + REPORTS[key].description)
            button.clicked.connect(lambda _checked=False, key=key: self.open_report(key))
            reports.addWidget(button)
            self.report_buttons[key] = button
        reports.addStretch(1)

        self.preview = ReportPreview()
        self.preview.built.connect(self._built)
        self.preview.failed.connect(lambda _text: self.loaded.emit())
        self.hint = QLabel(tr("Открыть журнал (только просмотр) — двойной щелчок по строке или Enter"))
        self.hint.setStyleSheet("color: #555;")

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.addWidget(title)
        layout.addLayout(top)
        layout.addLayout(reports)
        layout.addWidget(self.preview, 1)
        layout.addWidget(self.hint)

        shortcut = QShortcut(QKeySequence("F5"), self)
        shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        shortcut.activated.connect(self.refresh)
        self.period_combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.days_spin.editingFinished.connect(self.refresh)
        self._load_periods()

    # -- loading --------------------------------------------------------------------------------

    def _load_periods(self) -> None:
        session, today = self.session, self.today
        run_in_background(
            lambda: gb.periods_and_current(session, today),
            self._show_periods,
            self._show_error,
            context=self,
        )

    def _show_periods(self, result) -> None:  # type: ignore[no-untyped-def]
        periods, current = result
        self.periods = periods
        fill_period_combo(self.period_combo, periods, current)
        if not periods:
            self.period_state.setText(tr("Периоды обучения ещё не созданы"))
            self.loaded.emit()
            return
        self.refresh()

    def period(self) -> gb.PeriodInfo | None:
        return next((p for p in self.periods if p.id == self.period_combo.currentData()), None)

    def params(self) -> ReportParams:
        return ReportParams(
            period_id=self.period_combo.currentData(), group_id=None, days=self.days_spin.value(), today=self.today
        )

    def refresh(self) -> None:
        period = self.period()
        if period is None:
            return
        self._show_period_state(period)
        session, params = self.session, self.params()

        def make() -> Report:
            return build_report(session, FILLING, params)

        self.preview.build(make, REPORTS[FILLING].title)

    def _built(self, _report: Report) -> None:
        for index in range(self.preview.tabs.count()):
            view = self.preview.sheet_view(index)
            view.table.activated.connect(self._activated)  # a double click or Enter
        self.loaded.emit()

    def _show_error(self, error: Exception) -> None:
        if not isinstance(error, DomainError):
            log.error("the control page failed to load", exc_info=error)
        self.period_state.setText(
            error.message if isinstance(error, DomainError) else tr("Не удалось загрузить периоды")
        )
        self.loaded.emit()

    def _show_period_state(self, period: gb.PeriodInfo) -> None:
        self.period_state.setText(tr("Период закрыт") if period.is_closed else tr("Период открыт"))
        self.period_state.setStyleSheet("color: #b3261e; font-weight: bold;" if period.is_closed else "color: #1b5e20;")
        self.close_button.setText(tr("Открыть период…") if period.is_closed else tr("Закрыть период…"))

    # -- journals -------------------------------------------------------------------------------

    def assignment_at(self, model_row: int) -> int | None:
        model = self.preview.sheet_view(0).model
        row = model.body_row(model_row)
        return None if row is None else row.ref  # the filling-control rows carry their assignment id

    def _activated(self, index: QModelIndex) -> None:
        assignment_id = self.assignment_at(index.row())
        if assignment_id is not None:
            self.open_requested.emit(assignment_id)

    # -- periods --------------------------------------------------------------------------------

    def _confirm(self, text: str) -> bool:
        answer = QMessageBox.question(self, tr("Период"), text)
        return answer == QMessageBox.StandardButton.Yes

    def _show_busy(self, label: str) -> None:
        self.busy_label.setText(label)
        self.busy_label.setVisible(bool(label))
        self.close_button.setEnabled(not label)

    @property
    def busy(self) -> bool:
        return self.jobs.busy

    def toggle_period(self) -> None:
        period = self.period()
        if period is None or self.jobs.busy:
            return
        if period.is_closed:
            question = tr("Открыть период «{0}»? Преподаватели снова смогут исправлять оценки и пропуски.").format(
                period.label
            )
        else:
            question = tr(
                "Закрыть период «{0}»? Оценки, пропуски, занятия и итоговые оценки станут "
                "доступны только для просмотра."
            ).format(period.label)
        if not self.confirm(question):
            return
        session, period_id = self.session, period.id
        if period.is_closed:
            self.jobs.add(
                lambda: period_service.reopen_period(session, period_id),
                self._period_changed,
                self._period_refused,
                tr("Открытие периода…"),
            )
        else:
            self.jobs.add(
                lambda: period_service.close_period(session, period_id),
                self._period_changed,
                self._period_refused,
                tr("Закрытие периода…"),
            )

    def _period_changed(self, changed: gb.PeriodInfo) -> None:
        self.periods = [changed if p.id == changed.id else p for p in self.periods]
        index = self.period_combo.findData(changed.id)
        self.period_combo.setItemText(index, changed.label)
        if self.period_combo.currentData() == changed.id:
            self.refresh()  # the state beside the button, and the report again

    def _period_refused(self, error: Exception) -> None:
        QMessageBox.warning(self, tr("Период"), error_message(error))

    # -- reports --------------------------------------------------------------------------------

    def open_report(self, key: str) -> QWidget:
        window = open_catalog_report(self, self.session, key, self.params())
        self.windows.append(window)
        return window


@register_page("control")
class ControlScreen(QWidget):
    journal_opened = Signal(object)  # JournalView

    def __init__(self, session: UserSession, section: Section | None = None, *, today: dt.date | None = None) -> None:
        super().__init__()
        self.session = session
        self.today = today
        self.page = ControlPage(session, today)
        self.page.open_requested.connect(self.open_journal)
        self.stack = QStackedWidget()
        self.stack.addWidget(self.page)
        self.view: JournalView | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.stack)

    def open_journal(self, assignment_id: int) -> JournalView:
        self.close_journal()
        view = JournalView(self.session, assignment_id, today=self.today)
        view.back_button.setText(tr("← Контроль журналов"))
        view.back_requested.connect(self.back)
        self.stack.addWidget(view)
        self.stack.setCurrentWidget(view)
        self.view = view
        self.journal_opened.emit(view)
        return view

    def back(self) -> None:
        self.close_journal()
        self.stack.setCurrentWidget(self.page)

    def close_journal(self) -> None:
        view, self.view = self.view, None
        if view is not None:
            self.stack.removeWidget(view)
            view.deleteLater()
