"""The student card: personal data, parents, and the history of movements by order."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QTableView, QVBoxLayout, QWidget

from ejournal_desktop.domain.calendar import format_date
from ejournal_desktop.domain.errors import DomainError
from ejournal_desktop.services import contingent as ct
from ejournal_desktop.services.auth import UserSession
from ejournal_desktop.services.movements import KIND_LABELS
from ejournal_desktop.ui.partials.table_model import Column, RowsModel


class StudentCardDialog(QDialog):
    def __init__(self, session: UserSession, student_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Карточка обучающегося")
        layout = QVBoxLayout(self)
        try:
            card = ct.student_card(session, student_id)
        except DomainError as exc:
            layout.addWidget(QLabel(exc.message))
            return
        s = card.student
        form = QFormLayout()
        consent = format_date(card.consent_signed_on) if card.consent_signed_on else "нет"
        for label, value in (
            ("ФИО", s.full_name),
            ("Группа", s.group_name),
            ("Статус", s.status_label),
            ("Дата рождения", format_date(s.birth_date) if s.birth_date else ""),
            ("№ зачётной книжки", s.record_book_no or ""),
            ("Телефон", s.phone or ""),
            ("E-mail", s.email or ""),
            ("Адрес", s.address or ""),
            ("Согласие на обработку ПД", consent),
        ):
            form.addRow(label, QLabel(value))
        layout.addLayout(form)
        layout.addWidget(QLabel("<b>Родители (законные представители)</b>"))
        self.parents = RowsModel(
            [
                Column("ФИО", lambda p: p.full_name),
                Column("Телефон", lambda p: p.phone),
                Column("E-mail", lambda p: p.email),
            ],
            self,
        )
        self.parents.set_rows(card.parents)
        layout.addWidget(self._view(self.parents))
        layout.addWidget(QLabel("<b>Движение по приказам</b>"))
        self.movements = RowsModel(
            [
                Column("Вступает в силу", lambda mv: mv.effective_date),
                Column("Движение", lambda mv: KIND_LABELS.get(mv.kind, mv.kind)),
                Column("Из группы", lambda mv: mv.from_group),
                Column("В группу", lambda mv: mv.to_group),
                Column("Приказ", lambda mv: f"№ {mv.order_no} от {format_date(mv.order_date)}"),
            ],
            self,
        )
        self.movements.set_rows(card.movements)
        layout.addWidget(self._view(self.movements))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("Закрыть")
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(640, 560)

    @staticmethod
    def _view(model: RowsModel) -> QTableView:
        view = QTableView()
        view.setModel(model)
        view.resizeColumnsToContents()
        view.horizontalHeader().setStretchLastSection(True)
        return view
