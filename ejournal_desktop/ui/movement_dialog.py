"""«Движение по приказу»: one order (kind, number, dates, target group) for one or several students.

The dialog collects the order and calls `movements.apply_order`; the service checks everything
(status allows the movement, dates in order, a target group where one is needed) and refuses with
a Russian message naming the field, which the dialog shows under the fields with that field
outlined and focused. Nothing is written on a refusal; on success the dialog closes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ejournal_desktop.domain.errors import DomainError
from ejournal_desktop.services import movements as mv
from ejournal_desktop.services.auth import UserSession
from ejournal_desktop.ui.i18n import tr, tr_label
from ejournal_desktop.ui.partials.date_field import DateField
from ejournal_desktop.ui.partials.form_dialog import BAD_FIELD_STYLE, ERROR_STYLE

# The kind a student's status most likely needs next: the default of the combo.
_NEXT_KIND = {"studying": "transfer", "academic_leave": "return", "expelled": "reinstate", "graduated": "reinstate"}


@dataclass(frozen=True)
class Mover:
    """A student the order is about: enough to show who and to choose defaults."""

    id: int
    full_name: str
    group_id: int
    group_name: str
    status: str


class MovementDialog(QDialog):
    def __init__(
        self,
        session: UserSession,
        students: Sequence[Mover],
        groups: Sequence[tuple[str, int]],  # (name, id): the groups one may move into (not archived)
        parent: QWidget | None = None,
        *,
        kind: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.students = list(students)
        self.applied = 0
        self.setWindowTitle(tr("Движение по приказу"))
        if len(self.students) == 1:
            s = self.students[0]
            who = tr("<b>{0}</b>, группа {1}").format(s.full_name, s.group_name)
        else:
            names = ", ".join(s.full_name for s in self.students[:5])
            more = tr(" и ещё {0}").format(len(self.students) - 5) if len(self.students) > 5 else ""
            who = tr("<b>Обучающихся: {0}</b> — {1}{2}").format(len(self.students), names, more)
        header = QLabel(who)
        header.setWordWrap(True)

        self.kind_combo = QComboBox()
        for code, label in mv.KIND_LABELS.items():
            self.kind_combo.addItem(tr_label(label), code)
        statuses = {s.status for s in self.students}
        default = kind or (_NEXT_KIND.get(statuses.pop()) if len(statuses) == 1 else "transfer")
        self.kind_combo.setCurrentIndex(max(self.kind_combo.findData(default), 0))
        self.order_no = QLineEdit()
        self.order_no.setPlaceholderText(tr("например, 45-к"))
        self.order_no.setMaxLength(32)
        today = dt.date.today()
        self.order_date = DateField(tr("Дата приказа"), "order_date", today)
        self.effective_date = DateField(tr("Вступает в силу"), "effective_date", today)
        self.group_combo = QComboBox()
        self._groups = list(groups)
        self.note = QLineEdit()
        self.note.setPlaceholderText(tr("необязательно: основание, заявление"))
        form = QFormLayout()
        form.addRow(tr("Вид движения"), self.kind_combo)
        form.addRow(tr("Номер приказа"), self.order_no)
        form.addRow(tr("Дата приказа"), self.order_date)
        form.addRow(tr("Вступает в силу"), self.effective_date)
        self.group_label = QLabel(tr("В группу"))
        form.addRow(self.group_label, self.group_combo)
        form.addRow(tr("Примечание"), self.note)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setStyleSheet("color: #555;")
        self.error_label = QLabel()
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setWordWrap(True)
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(tr("Провести приказ"))
        self.ok_button.setDefault(True)
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("Отмена"))
        buttons.accepted.connect(self.try_apply)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(header)
        layout.addLayout(form)
        layout.addWidget(self.hint)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        QShortcut(QKeySequence("Ctrl+Return"), self, activated=self.try_apply)
        self.widgets: dict[str, QWidget] = {
            "kind": self.kind_combo,
            "order_no": self.order_no,
            "order_date": self.order_date,
            "effective_date": self.effective_date,
            "to_group_id": self.group_combo,
            "group_id": self.group_combo,
        }
        self.kind_combo.currentIndexChanged.connect(self._kind_changed)
        self._kind_changed()
        self.setMinimumWidth(480)
        self.order_no.setFocus()

    def kind(self) -> str:
        return str(self.kind_combo.currentData())

    def _kind_changed(self) -> None:
        kind = self.kind()
        current = {s.group_id for s in self.students}
        self.group_combo.clear()
        if kind in mv.TARGET_OPTIONAL:
            self.group_combo.addItem(tr("— в ту же группу —"), None)
        if kind in mv.TARGET_REQUIRED | mv.TARGET_OPTIONAL:
            for name, group_id in self._groups:
                if kind == "transfer" and group_id in current:
                    continue
                self.group_combo.addItem(name, group_id)
        uses_group = kind in mv.TARGET_REQUIRED | mv.TARGET_OPTIONAL
        self.group_combo.setEnabled(uses_group)
        self.group_label.setEnabled(uses_group)
        self.hint.setText(_HINTS.get(kind, ""))

    def order(self) -> mv.Order:
        """The order as typed; a bad or missing date raises a `ValidationError` naming its field."""
        return mv.Order(self.order_no.text(), self.order_date.date(), self.effective_date.date(), self.note.text())

    def try_apply(self) -> None:
        for widget in self.widgets.values():
            widget.setStyleSheet("")
        self.error_label.clear()
        try:
            order = self.order()
            self.applied = mv.apply_order(
                self.session, self.kind(), [s.id for s in self.students], order, self.group_combo.currentData()
            )
        except DomainError as exc:
            self.error_label.setText(exc.message)
            bad = self.widgets.get(exc.field or "")
            if bad is not None:
                bad.setStyleSheet(BAD_FIELD_STYLE)
                bad.setFocus()
            return
        self.accept()


_HINTS = {
    "enrol": tr(
        "Приказ о зачислении для тех, кто уже внесён в список группы без приказа: "
        "с даты вступления в силу обучающийся числится в своей группе."
    ),
    "transfer": tr("С даты вступления в силу — в новой группе; в прежней — по предыдущий день. Оценки сохраняются."),
    "academic_leave": tr("С даты вступления в силу обучающийся не числится в группе; оценки сохраняются."),
    "return": tr("Выход из академического отпуска: в ту же группу или в другую (обычно младшего курса)."),
    "expel": tr("С даты вступления в силу обучающийся не числится в группе; оценки и пропуски сохраняются."),
    "reinstate": tr("Восстановление отчисленного: выберите группу."),
    "graduate": tr("Выпуск: с даты вступления в силу обучающийся не числится в группе."),
}
