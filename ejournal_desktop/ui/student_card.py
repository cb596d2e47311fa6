"""The student card: personal data, consents, parents, and the history of movements by order.

From the card the secretary issues an order for the student («Движение…», Ctrl+M) and registers a
signed consent to personal-data processing for the student or a parent; the card re-reads itself
after each, so the new history row or consent date shows at once.
"""

from __future__ import annotations

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ejournal_desktop.domain.calendar import format_date
from ejournal_desktop.domain.errors import DomainError, ValidationError
from ejournal_desktop.domain.permissions import Action, can
from ejournal_desktop.services import consents
from ejournal_desktop.services import contingent as ct
from ejournal_desktop.services.auth import UserSession
from ejournal_desktop.services.contingent_common import to_date
from ejournal_desktop.services.movements import KIND_LABELS
from ejournal_desktop.ui.i18n import tr
from ejournal_desktop.ui.partials.form_dialog import Field, FormDialog
from ejournal_desktop.ui.partials.table_model import ROW_ROLE, Column, RowsModel


def consent_text(info: consents.ConsentInfo | None) -> str:
    if info is None:
        return tr("нет")
    return f"{format_date(info.signed_on)}" + (f", {info.document}" if info.document else "")


def record_consent_dialog(session: UserSession, person_id: int, who: str, parent: QWidget | None) -> bool:
    """Ask the date and the document of a signed consent and register it."""

    def save(values: dict[str, object]) -> object:
        day = to_date(values.get("signed_on"), tr("Дата подписания"), "signed_on")
        if day is None:
            raise ValidationError(tr("Не заполнено поле «Дата подписания»"), field="signed_on")
        return consents.record_consent(session, person_id, day, str(values.get("document") or ""))

    import datetime as dt

    fields = (Field("signed_on", tr("Дата подписания (дд.мм.гггг)")), Field("document", tr("Документ")))
    values = {"signed_on": format_date(dt.date.today()), "document": tr("согласие на обработку ПД")}
    dialog = FormDialog(tr("Согласие на обработку ПД: {0}").format(who), fields, values, save, parent)
    return bool(dialog.exec())


class StudentCardDialog(QDialog):
    def __init__(self, session: UserSession, student_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.student_id = student_id
        self.card: ct.StudentCard | None = None
        self.changed = False
        self.setWindowTitle(tr("Карточка обучающегося"))
        roles = session.user.roles
        layout = QVBoxLayout(self)
        self.form = QFormLayout()
        self.labels: dict[str, QLabel] = {}
        for key in (
            tr("ФИО"),
            tr("Группа"),
            tr("Статус"),
            tr("Дата рождения"),
            tr("№ зачётной книжки"),
            tr("Телефон"),
            "E-mail",
            tr("Адрес"),
        ):
            self.labels[key] = QLabel()
            self.form.addRow(key, self.labels[key])
        self.consent_label = QLabel()
        consent_row = QHBoxLayout()
        consent_row.addWidget(self.consent_label, 1)
        self.consent_button = QPushButton(tr("Согласие…"))
        self.consent_button.setToolTip(tr("Зарегистрировать подписанное согласие обучающегося"))
        self.consent_button.clicked.connect(self.add_student_consent)
        consent_row.addWidget(self.consent_button)
        self.form.addRow(tr("Согласие на обработку ПД"), consent_row)
        layout.addLayout(self.form)
        self.error = QLabel()
        self.error.setStyleSheet("color: #b00020;")
        self.error.setWordWrap(True)
        layout.addWidget(self.error)

        parents_head = QHBoxLayout()
        parents_head.addWidget(QLabel(tr("<b>Родители (законные представители)</b>")), 1)
        self.parent_consent_button = QPushButton(tr("Согласие родителя…"))
        self.parent_consent_button.clicked.connect(self.add_parent_consent)
        parents_head.addWidget(self.parent_consent_button)
        layout.addLayout(parents_head)
        self.consents: dict[int, consents.ConsentInfo] = {}
        self.parents = RowsModel(
            [
                Column(tr("ФИО"), lambda p: p.full_name),
                Column(tr("Телефон"), lambda p: p.phone),
                Column("E-mail", lambda p: p.email),
                Column(tr("Согласие на обработку ПД"), lambda p: consent_text(self.consents.get(p.id))),
            ],
            self,
        )
        self.parents_view = self._view(self.parents)
        layout.addWidget(self.parents_view)

        history_head = QHBoxLayout()
        history_head.addWidget(QLabel(tr("<b>Движение по приказам</b>")), 1)
        self.move_button = QPushButton(tr("Движение…"))
        self.move_button.setShortcut(QKeySequence("Ctrl+M"))
        self.move_button.setToolTip(tr("Приказ о движении: перевод, академический отпуск, отчисление… (Ctrl+M)"))
        self.move_button.clicked.connect(self.open_movement)
        history_head.addWidget(self.move_button)
        layout.addLayout(history_head)
        self.movements = RowsModel(
            [
                Column(tr("Вступает в силу"), lambda mv: mv.effective_date),
                Column(tr("Движение"), lambda mv: KIND_LABELS.get(mv.kind, mv.kind)),
                Column(tr("Из группы"), lambda mv: mv.from_group),
                Column(tr("В группу"), lambda mv: mv.to_group),
                Column(tr("Приказ"), lambda mv: tr("№ {0} от {1}").format(mv.order_no, format_date(mv.order_date))),
                Column(tr("Примечание"), lambda mv: mv.note or ""),
            ],
            self,
        )
        self.history_view = self._view(self.movements)
        layout.addWidget(self.history_view)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText(tr("Закрыть"))
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        for button in (self.consent_button, self.parent_consent_button, self.move_button):
            button.setAutoDefault(False)  # Enter in the card opens nothing by surprise
        self.move_button.setVisible(can(roles, Action.MOVEMENT_WRITE))
        writes_consents = can(roles, Action.CONTINGENT_WRITE) or can(roles, Action.GUARDIAN_WRITE)
        self.consent_button.setVisible(writes_consents)
        self.parent_consent_button.setVisible(writes_consents)
        self.resize(760, 640)
        self.reload()

    def reload(self) -> None:
        try:
            card = ct.student_card(self.session, self.student_id)
            people = [card.student.person_id, *(p.id for p in card.parents)]
            self.consents = consents.consents_on_file(self.session, people)
        except DomainError as exc:
            self.error.setText(exc.message)
            return
        self.card = card
        s = card.student
        for key, value in (
            (tr("ФИО"), s.full_name),
            (tr("Группа"), s.group_name),
            (tr("Статус"), s.status_label),
            (tr("Дата рождения"), format_date(s.birth_date) if s.birth_date else ""),
            (tr("№ зачётной книжки"), s.record_book_no or ""),
            (tr("Телефон"), s.phone or ""),
            ("E-mail", s.email or ""),
            (tr("Адрес"), s.address or ""),
        ):
            self.labels[key].setText(value)
        self.consent_label.setText(consent_text(self.consents.get(s.person_id)))
        self.parents.set_rows(card.parents)
        self.movements.set_rows(card.movements)
        for view in (self.parents_view, self.history_view):
            view.resizeColumnsToContents()

    def open_movement(self) -> bool:
        from ejournal_desktop.ui.movement_dialog import MovementDialog, Mover

        if self.card is None:
            return False
        s = self.card.student
        try:
            groups = [(g.name, g.id) for g in ct.list_groups(self.session, include_archived=False)]
        except DomainError as exc:
            QMessageBox.warning(self, tr("Движение по приказу"), exc.message)
            return False
        dialog = MovementDialog(
            self.session, [Mover(s.id, s.full_name, s.group_id, s.group_name, s.status)], groups, self
        )
        self.movement_dialog = dialog  # reachable while open (tests, screenshots)
        if dialog.exec():
            self.changed = True
            self.reload()
            return True
        return False

    def add_student_consent(self) -> None:
        if self.card is not None and record_consent_dialog(
            self.session, self.card.student.person_id, self.card.student.full_name, self
        ):
            self.changed = True
            self.reload()

    def add_parent_consent(self) -> None:
        index = self.parents_view.currentIndex()
        row = index.data(ROW_ROLE) if index.isValid() else None
        if row is None:
            QMessageBox.information(self, tr("Согласие родителя"), tr("Выберите родителя в таблице"))
            return
        if record_consent_dialog(self.session, row.id, row.full_name, self):
            self.changed = True
            self.reload()

    @staticmethod
    def _view(model: RowsModel) -> QTableView:
        view = QTableView()
        view.setModel(model)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.verticalHeader().setVisible(False)
        view.resizeColumnsToContents()
        view.horizontalHeader().setStretchLastSection(True)
        return view
