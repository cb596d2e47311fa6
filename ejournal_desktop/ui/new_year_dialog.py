"""«Новый учебный год»: see what will change, adjust the graduating groups, then do it in one step.

The dialog asks `academic_year.plan_new_year` (a dry run) whenever the year or the ticks change and
shows the plan: periods to create, groups that graduate (by one order) and go to the archive,
groups that move one course up, the load copied as a draft, and — flagged — students on academic
leave in a graduating group (they are not graduated). «Начать учебный год» runs
`apply_new_year` in one transaction off the GUI thread and shows what was done, or the refusal
(nothing written).
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ejournal_desktop.domain.errors import DomainError
from ejournal_desktop.services import academic_year as ay
from ejournal_desktop.services import contingent as ct
from ejournal_desktop.services.auth import UserSession
from ejournal_desktop.services.movements import Order
from ejournal_desktop.ui.i18n import tr
from ejournal_desktop.ui.partials.date_field import DateField
from ejournal_desktop.ui.partials.progress_task import run_with_progress

WARNING_STYLE = "background: #fff4ce; border: 1px solid #e0c060; padding: 6px;"
ERROR_STYLE = "color: #b00020;"


def next_academic_year(session: UserSession) -> str:
    """The year after the latest one that has periods; from today when there are none."""
    years = [p.academic_year for p in ct.list_periods(session)]
    if years:
        first = max(int(y[:4]) for y in years) + 1
    else:
        today = dt.date.today()
        first = today.year if today.month >= 7 else today.year - 1
    return f"{first}/{first + 1}"


class NewYearDialog(QDialog):
    def __init__(self, session: UserSession, parent: QWidget | None = None, *, year: str | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.plan: ay.YearPlan | None = None
        self.result_plan: ay.YearPlan | None = None
        self.confirm = self._ask  # replaced by nothing in the product; a test answers the real box
        self.setWindowTitle(tr("Новый учебный год"))
        self.year_edit = QLineEdit(year or next_academic_year(session))
        self.year_edit.setMaxLength(9)
        self.year_edit.editingFinished.connect(self.refresh)
        first = self._first_year()
        graduation_day = dt.date(first, 6, 30) if first else dt.date.today()
        self.order_no = QLineEdit()
        self.order_no.setPlaceholderText(tr("например, 120-к"))
        self.order_date = DateField(tr("Дата приказа"), "order_date", graduation_day)
        self.effective_date = DateField(tr("Вступает в силу"), "effective_date", graduation_day)
        form = QFormLayout()
        form.addRow(tr("Учебный год"), self.year_edit)
        form.addRow(tr("Приказ о выпуске: номер"), self.order_no)
        form.addRow(tr("дата приказа"), self.order_date)
        form.addRow(tr("вступает в силу"), self.effective_date)

        self.groups = QTableWidget(0, 4)
        self.groups.setHorizontalHeaderLabels([tr("Группа"), tr("Курс"), tr("Обучающихся"), tr("Выпускается")])
        self.groups.verticalHeader().setVisible(False)
        self.groups.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.groups.horizontalHeader().setStretchLastSection(True)
        self.groups.itemChanged.connect(self._tick_changed)

        self.preview = QPlainTextEdit()
        self.preview.setReadOnly(True)
        self.warnings = QLabel()
        self.warnings.setWordWrap(True)
        self.warnings.setStyleSheet(WARNING_STYLE)
        self.warnings.hide()
        self.error = QLabel()
        self.error.setWordWrap(True)
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.run_button = QPushButton(tr("Начать учебный год"))
        self.run_button.clicked.connect(self.run)
        close = QPushButton(tr("Закрыть"))
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.run_button)
        buttons.addWidget(close)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel(tr("<b>Группы</b> (снимите или поставьте отметку «выпускается», если нужно)")))
        layout.addWidget(self.groups, 2)
        layout.addWidget(QLabel(tr("<b>Что будет сделано</b>")))
        layout.addWidget(self.preview, 3)
        layout.addWidget(self.warnings)
        layout.addWidget(self.error)
        layout.addLayout(buttons)
        self.resize(720, 720)
        self._ticks_by_user: dict[int, bool] = {}
        self.refresh()

    def _first_year(self) -> int | None:
        text = self.year_edit.text().strip()
        return int(text[:4]) if text[:4].isdigit() else None

    def year(self) -> str:
        return self.year_edit.text().strip()

    def graduating_ids(self) -> list[int] | None:
        if not self._ticks_by_user:
            return None
        result = []
        for row in range(self.groups.rowCount()):
            item = self.groups.item(row, 3)
            if item is not None and item.checkState() == Qt.CheckState.Checked:
                result.append(int(item.data(Qt.ItemDataRole.UserRole)))
        return result

    def _tick_changed(self, item: QTableWidgetItem) -> None:
        if item.column() != 3:
            return
        self._ticks_by_user[int(item.data(Qt.ItemDataRole.UserRole))] = item.checkState() == Qt.CheckState.Checked
        self.refresh()

    def refresh(self) -> None:
        self.error.clear()
        try:
            plan = ay.plan_new_year(self.session, self.year(), self.graduating_ids())
        except DomainError as exc:
            self.plan = None
            self.error.setText(exc.message)
            self.preview.clear()
            self.run_button.setEnabled(False)
            return
        self.plan = plan
        self.groups.blockSignals(True)
        self.groups.setRowCount(len(plan.groups))
        for row, group in enumerate(plan.groups):
            for column, value in enumerate((group.name, group.course, group.students)):
                item = QTableWidgetItem(str(value))
                item.setFlags(Qt.ItemFlag.ItemIsEnabled)
                self.groups.setItem(row, column, item)
            tick = QTableWidgetItem(tr("выпускается") if group.graduates else "")
            tick.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable)
            tick.setCheckState(Qt.CheckState.Checked if group.graduates else Qt.CheckState.Unchecked)
            tick.setData(Qt.ItemDataRole.UserRole, group.group_id)
            self.groups.setItem(row, 3, tick)
        self.groups.blockSignals(False)
        self.preview.setPlainText("\n".join(plan.lines_ru()))
        warnings = plan.warnings_ru()
        self.warnings.setVisible(bool(warnings))
        self.warnings.setText(tr("Внимание:\n") + "\n".join(f"• {w}" for w in warnings))
        if plan.problems:
            self.error.setText(tr("Нельзя начать учебный год:\n") + "\n".join(plan.problems))
        self.run_button.setEnabled(not plan.problems)

    def order(self) -> Order | None:
        if not self.order_no.text().strip() and not (self.plan and self.plan.graduating):
            return None
        return Order(self.order_no.text(), self.order_date.date(), self.effective_date.date())

    def _ask(self, text: str) -> bool:
        answer = QMessageBox.question(self, tr("Новый учебный год"), text)
        return answer == QMessageBox.StandardButton.Yes

    def run(self) -> None:
        self.refresh()
        if self.plan is None or self.plan.problems:
            return
        year, graduating = self.year(), self.graduating_ids()
        try:
            order = self.order()
            if order is not None:
                order = order.checked()
        except DomainError as exc:
            self.error.setText(tr("Приказ о выпуске: {0}").format(exc.message))
            self.order_no.setFocus()
            return
        if not self.confirm(
            tr("Начать учебный год {0}? Это изменит курсы групп и выпустит выпускные группы.").format(year)
        ):
            return
        self.run_button.setEnabled(False)

        def work(progress):  # type: ignore[no-untyped-def]
            progress(tr("Новый учебный год: одна транзакция…"), 0.3)
            return ay.apply_new_year(self.session, year, order, graduating)

        run_with_progress(self, tr("Новый учебный год"), work, self._done, self._failed)

    def _done(self, plan: ay.YearPlan) -> None:
        self.result_plan = plan
        lines = plan.lines_ru()
        lines[0] = tr("Выполнено: новый учебный год {0}").format(plan.academic_year)
        self.preview.setPlainText("\n".join(lines))
        self.error.clear()
        self.run_button.setEnabled(False)
        self.run_button.setText(tr("Учебный год начат"))

    def _failed(self, error: object) -> None:
        self.run_button.setEnabled(True)
        if isinstance(error, DomainError):
            self.error.setText(tr("Ничего не изменено. {0}").format(error.message))
            return
        self.error.setText(tr("Ничего не изменено: {0}").format(error))
