"""«Учебная нагрузка»: the load of a period, copying last year's, approving a draft, subgroups."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ejournal_desktop.domain.errors import DomainError
from ejournal_desktop.domain.permissions import Action, Section, can
from ejournal_desktop.services import contingent as ct
from ejournal_desktop.services import load
from ejournal_desktop.services.auth import UserSession
from ejournal_desktop.ui.i18n import tr, tr_label
from ejournal_desktop.ui.main_window import register_page
from ejournal_desktop.ui.partials.form_dialog import Field, FormDialog
from ejournal_desktop.ui.partials.list_tab import ListTab
from ejournal_desktop.ui.partials.table_model import Column


@register_page("load")
class LoadScreen(QWidget):
    def __init__(self, session: UserSession, section: Section | None = None) -> None:
        super().__init__()
        self.session = session
        self.writable = can(session.user.roles, Action.LOAD_WRITE)
        self.period_combo = QComboBox()
        self.period_combo.currentIndexChanged.connect(self.refresh)
        self.table = ListTab(
            tr("Учебная нагрузка"),
            [
                Column(tr("Группа"), lambda a: a.group_name),
                Column(tr("Индекс"), lambda a: a.discipline_code),
                Column(tr("Дисциплина"), lambda a: a.discipline_name),
                Column(tr("Подгруппа"), lambda a: a.subgroup or tr("вся группа")),
                Column(tr("Преподаватель"), lambda a: a.teacher_name),
                Column(tr("Часов"), lambda a: a.planned_hours),
                Column(tr("Форма контроля"), lambda a: a.control_form_label),
                Column(tr("Черновик"), lambda a: a.is_draft),
                Column(tr("Проведено занятий"), lambda a: a.lesson_count),
            ],
            self._rows,
            edit=self._edit if self.writable else None,
            remove=(lambda a: load.delete_assignment(session, a.id)) if self.writable else None,
        )
        top = QHBoxLayout()
        top.addWidget(QLabel(tr("Период:")))
        top.addWidget(self.period_combo, 1)
        if self.writable:
            for text, slot in (
                (tr("Скопировать из прошлого года"), self.copy_previous),
                (tr("Утвердить черновик"), self.approve),
                (tr("Подгруппы…"), self.split),
            ):
                button = QPushButton(text)
                button.clicked.connect(slot)
                top.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table)
        self.reload_periods()

    def reload_periods(self) -> None:
        try:
            self.periods = ct.list_periods(self.session)
        except DomainError as exc:
            QMessageBox.warning(self, tr("Учебная нагрузка"), exc.message)
            self.periods = []
        self.period_combo.blockSignals(True)
        self.period_combo.clear()
        for period in reversed(self.periods):
            self.period_combo.addItem(tr("{0}, семестр {1}").format(period.academic_year, period.number), period.id)
        self.period_combo.blockSignals(False)
        self.refresh()

    def period_id(self) -> int | None:
        return self.period_combo.currentData()

    def _rows(self) -> list[load.AssignmentRow]:
        period_id = self.period_id()
        return [] if period_id is None else load.list_assignments(self.session, period_id)

    def refresh(self) -> None:
        self.table.refresh()

    def _edit(self, row: load.AssignmentRow | None) -> bool:
        period_id = self.period_id()
        if period_id is None:
            return False
        groups = [(g.name, g.id) for g in ct.list_groups(self.session, include_archived=False)]
        disciplines = [(f"{d.code} {d.name}", d.id) for d in ct.list_disciplines(self.session)]
        teachers = [(s.full_name, s.id) for s in ct.list_staff(self.session)]
        fields = (
            Field("group_id", tr("Группа"), "choice", groups),
            Field("discipline_id", tr("Дисциплина"), "choice", disciplines),
            Field("subgroup", tr("Подгруппа"), "choice", ((tr("вся группа"), None), ("1", 1), ("2", 2), ("3", 3))),
            Field("teacher_id", tr("Преподаватель"), "choice", teachers),
            Field("planned_hours", tr("Часов по плану"), "int", maximum=2000),
            Field(
                "control_form",
                tr("Форма контроля"),
                "choice",
                [(tr_label(v), k) for k, v in load.CONTROL_FORM_LABELS.items()],
            ),
        )
        values = {f.key: getattr(row, f.key) for f in fields} if row else {"control_form": "other"}
        dialog = FormDialog(
            tr("Нагрузка"),
            fields,
            values,
            lambda v: load.save_assignment(self.session, period_id, v, row and row.id),
            self,
        )
        return bool(dialog.exec())

    def _previous(self) -> int | None:
        current = next((p for p in self.periods if p.id == self.period_id()), None)
        if current is None:
            return None
        first = int(current.academic_year[:4])
        wanted = f"{first - 1}/{first}"
        return next((p.id for p in self.periods if p.academic_year == wanted and p.number == current.number), None)

    def copy_previous(self) -> None:
        source, target = self._previous(), self.period_id()
        if source is None or target is None:
            QMessageBox.information(self, tr("Учебная нагрузка"), tr("Нет такого же семестра прошлого учебного года"))
            return
        try:
            added = load.copy_load(self.session, source, target)
        except DomainError as exc:
            QMessageBox.warning(self, tr("Учебная нагрузка"), exc.message)
            return
        QMessageBox.information(self, tr("Учебная нагрузка"), tr("Скопировано записей (черновик): {0}").format(added))
        self.refresh()

    def approve(self) -> None:
        period_id = self.period_id()
        if period_id is None:
            return
        try:
            count = load.approve_load(self.session, period_id)
        except DomainError as exc:
            QMessageBox.warning(self, tr("Учебная нагрузка"), exc.message)
            return
        QMessageBox.information(self, tr("Учебная нагрузка"), tr("Утверждено записей: {0}").format(count))
        self.refresh()

    def split(self) -> None:
        SubgroupDialog(self.session, self).exec()
        self.refresh()


class SubgroupDialog(QDialog):
    """Split a group into up to three subgroups by choosing each student's subgroup."""

    def __init__(self, session: UserSession, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.setWindowTitle(tr("Подгруппы"))
        self.group_combo = QComboBox()
        for group in ct.list_groups(session, include_archived=False):
            self.group_combo.addItem(group.name, group.id)
        self.group_combo.currentIndexChanged.connect(self.fill)
        self.table = QTableWidget(0, 2)
        self.table.setHorizontalHeaderLabels([tr("Обучающийся"), tr("Подгруппа (0 — нет)")])
        self.table.horizontalHeader().setStretchLastSection(True)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020;")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(tr("Сохранить"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("Отмена"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.group_combo)
        layout.addWidget(self.table)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(480, 600)
        self.fill()

    def fill(self) -> None:
        group_id = self.group_combo.currentData()
        students = [] if group_id is None else ct.list_students(self.session, group_id=group_id, statuses=["studying"])
        self.student_ids = [s.id for s in students]
        self.table.setRowCount(len(students))
        for row, student in enumerate(students):
            self.table.setItem(row, 0, QTableWidgetItem(student.full_name))
            spin = QSpinBox()
            spin.setRange(0, load.MAX_SUBGROUPS)
            spin.setValue(student.subgroup or 0)
            self.table.setCellWidget(row, 1, spin)

    def save(self) -> None:
        choice: dict[int, int | None] = {}
        for row, student_id in enumerate(self.student_ids):
            spin = self.table.cellWidget(row, 1)
            assert isinstance(spin, QSpinBox)
            choice[student_id] = spin.value() or None
        try:
            load.split_group(self.session, self.group_combo.currentData(), choice)
        except DomainError as exc:
            self.error.setText(exc.message)
            return
        self.accept()
