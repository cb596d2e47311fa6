"""«Учётные записи»: the admin's (and a curator's, for the own group) list of accounts and what to do with them.

Filters: group and role ask the service again (one query); the text filters the rows as you type.
Actions: create one account, create for a whole group (students and parents; off the GUI thread with
progress, then offers the slips PDF), reset a password (the new temporary one is shown once, with a
slip on offer), lock and unlock. Temporary passwords live only in the dialog that shows them and in
the PDF the person chooses to save.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import Qt, Slot
from PySide6.QtGui import QBrush, QColor, QFont, QFontDatabase
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ejournal_desktop.domain.errors import DomainError
from ejournal_desktop.domain.permissions import Section
from ejournal_desktop.domain.roles import Role
from ejournal_desktop.services import accounts
from ejournal_desktop.services.accounts import AccountRow, IssuedCredential
from ejournal_desktop.services.auth import UserSession
from ejournal_desktop.ui.i18n import tr, tr_label
from ejournal_desktop.ui.main_window import register_page
from ejournal_desktop.ui.partials.progress_task import run_with_progress
from ejournal_desktop.ui.partials.table_model import ROW_ROLE, Column, RowsModel, SearchProxy
from ejournal_desktop.ui.partials.title_label import title_label

ERROR_STYLE = "color: #b00020;"
TITLE = tr("Учётные записи")
SLIPS_FILTER = "PDF (*.pdf)"


def format_moment(value: dt.datetime | None) -> str:
    """дд.мм.гггг чч:мм in this PC's local time (the database keeps UTC)."""
    if value is None:
        return "—"
    return value.astimezone().strftime("%d.%m.%Y %H:%M")


COLUMNS = (
    Column(tr("ФИО"), lambda r: r.full_name),
    Column(tr("Логин"), lambda r: r.login),
    Column(tr("Роли"), lambda r: r.roles_ru),
    Column(tr("Группа"), lambda r: r.groups),
    Column(tr("Активна"), lambda r: r.is_active),
    Column(tr("Последний вход"), lambda r: format_moment(r.last_login_at)),
    Column(tr("Смена пароля"), lambda r: tr("требуется") if r.must_change_password else ""),
)


class AccountsModel(RowsModel):
    """The rows of `list_accounts`; a locked account is greyed, so it stands out in a long list."""

    def data(self, index, role: int = Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
        if index.isValid() and role == Qt.ItemDataRole.ForegroundRole and not self.rows[index.row()].is_active:
            return QBrush(QColor("#888888"))
        return super().data(index, role)


@register_page("accounts")
class AccountsScreen(QWidget):
    def __init__(self, session: UserSession, section: Section | None = None) -> None:
        super().__init__()
        self.session = session
        title = title_label(TITLE)

        self.group_combo = QComboBox()
        self.group_combo.addItem(tr("Все группы"), None)
        self.role_combo = QComboBox()
        self.role_combo.addItem(tr("Все роли"), None)
        for role in Role:
            self.role_combo.addItem(tr_label(role.label), role.value)
        self.search = QLineEdit()
        self.search.setPlaceholderText(tr("Поиск по ФИО или логину…"))
        self.search.setClearButtonEnabled(True)
        filters = QHBoxLayout()
        filters.addWidget(QLabel(tr("Группа:")))
        filters.addWidget(self.group_combo)
        filters.addWidget(QLabel(tr("Роль:")))
        filters.addWidget(self.role_combo)
        filters.addWidget(self.search, 1)

        self.model = AccountsModel(COLUMNS, self)
        self.proxy = SearchProxy(self.model, self)
        self.view = QTableView()
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.verticalHeader().setVisible(False)

        self.create_button = QPushButton(tr("Создать…"))
        self.bulk_button = QPushButton(tr("Для группы…"))
        self.reset_button = QPushButton(tr("Сбросить пароль"))
        self.lock_button = QPushButton(tr("Заблокировать"))
        self.unlock_button = QPushButton(tr("Разблокировать"))
        buttons = QHBoxLayout()
        for button in (self.create_button, self.bulk_button, self.reset_button, self.lock_button, self.unlock_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.count_label = QLabel()
        buttons.addWidget(self.count_label)

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(filters)
        layout.addWidget(self.view, 1)
        layout.addLayout(buttons)

        self.create_button.clicked.connect(self.create_one)
        self.bulk_button.clicked.connect(self.create_for_group)
        self.reset_button.clicked.connect(self.reset_selected)
        self.lock_button.clicked.connect(lambda: self.set_active(False))
        self.unlock_button.clicked.connect(lambda: self.set_active(True))
        self.search.textChanged.connect(self._text_changed)
        self.group_combo.currentIndexChanged.connect(self.refresh)
        self.role_combo.currentIndexChanged.connect(self.refresh)
        self.view.selectionModel().selectionChanged.connect(self._update_buttons)

        self._load_groups()
        self.refresh()

    # -- data ------------------------------------------------------------------------------------

    def _load_groups(self) -> None:
        try:
            self.groups = accounts.group_choices(self.session)
        except DomainError as exc:
            QMessageBox.warning(self, TITLE, exc.message)
            self.groups = []
        for group_id, name in self.groups:
            self.group_combo.addItem(name, group_id)

    @Slot()
    def refresh(self) -> None:
        try:
            rows = accounts.list_accounts(
                self.session, group_id=self.group_combo.currentData(), role=self.role_combo.currentData()
            )
        except DomainError as exc:
            QMessageBox.warning(self, TITLE, exc.message)
            return
        self.model.set_rows(rows)
        self.view.resizeColumnsToContents()
        self._update_buttons()

    def _text_changed(self, text: str) -> None:
        self.proxy.set_text(text)
        self._update_buttons()

    def visible_rows(self) -> list[AccountRow]:
        return self.proxy.visible_rows()

    def current_row(self) -> AccountRow | None:
        index = self.view.currentIndex()
        rows = self.view.selectionModel().selectedRows()
        if not rows:
            return None
        return rows[0].data(ROW_ROLE) if index.isValid() else None

    def select_login(self, login: str) -> None:
        for r in range(self.proxy.rowCount()):
            if self.proxy.index(r, 0).data(ROW_ROLE).login == login:
                self.view.selectRow(r)
                return

    @Slot()
    def _update_buttons(self) -> None:
        row = self.current_row()
        self.reset_button.setEnabled(row is not None)
        self.lock_button.setEnabled(
            row is not None and row.is_active and row.account_id != self.session.user.account_id
        )
        self.unlock_button.setEnabled(row is not None and not row.is_active)
        shown, total = self.proxy.rowCount(), self.model.rowCount()
        self.count_label.setText(
            tr("Показано {0} из {1}").format(shown, total) if shown != total else tr("Всего: {0}").format(total)
        )

    # -- actions ---------------------------------------------------------------------------------

    @Slot()
    def create_one(self) -> None:
        dialog = CreateAccountDialog(self.session, self.groups, self)
        if dialog.exec() and dialog.issued is not None:
            self.refresh()
            self.select_login(dialog.issued.login)
            CredentialsDialog(self.session, [dialog.issued], tr("Учётная запись создана"), self).exec()

    @Slot()
    def create_for_group(self) -> None:
        if not self.groups:
            QMessageBox.information(self, TITLE, tr("Нет групп, для которых вы можете создавать учётные записи."))
            return
        chooser = GroupChooser(self.groups, self.group_combo.currentData(), self)
        if not chooser.exec():
            return
        group_id, group_name, with_parents = chooser.choice()

        def work(progress):  # type: ignore[no-untyped-def]
            return accounts.bulk_create_for_group(
                self.session, group_id, include_parents=with_parents, progress=progress
            )

        self.bulk_button.setEnabled(False)
        run_with_progress(
            self,
            tr("Учётные записи для группы {0}").format(group_name),
            work,
            lambda issued: self._bulk_done(group_name, issued),
            self._bulk_failed,
        )

    def _bulk_done(self, group_name: str, issued: list[IssuedCredential]) -> None:
        self.bulk_button.setEnabled(True)
        self.last_issued = issued
        self.refresh()
        if not issued:
            QMessageBox.information(self, TITLE, tr("В группе {0} у всех уже есть учётные записи.").format(group_name))
            return
        CredentialsDialog(
            self.session, issued, tr("Созданы учётные записи: группа {0}").format(group_name), self
        ).exec()

    def _bulk_failed(self, error: object) -> None:
        self.bulk_button.setEnabled(True)
        if isinstance(error, DomainError):
            QMessageBox.warning(self, TITLE, tr("{0}\n\nНи одна учётная запись не создана.").format(error.message))
            return
        raise error  # type: ignore[misc]  # unexpected: the application's hook logs it and says so

    @Slot()
    def reset_selected(self) -> None:
        row = self.current_row()
        if row is None:
            return
        answer = QMessageBox.question(
            self,
            tr("Сбросить пароль"),
            tr(
                "Сбросить пароль учётной записи «{0}» ({1})?\n"
                "Старый пароль перестанет действовать; новый временный пароль будет показан один раз."
            ).format(row.login, row.full_name),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            issued = accounts.reset_password(self.session, row.account_id)
        except DomainError as exc:
            QMessageBox.warning(self, TITLE, exc.message)
            return
        self.refresh()
        self.select_login(issued.login)
        CredentialsDialog(self.session, [issued], tr("Пароль сброшен"), self).exec()

    def set_active(self, active: bool) -> None:
        row = self.current_row()
        if row is None:
            return
        try:
            (accounts.unlock if active else accounts.lock)(self.session, row.account_id)
        except DomainError as exc:
            QMessageBox.warning(self, TITLE, exc.message)
            return
        self.refresh()
        self.select_login(row.login)


# -- dialogs -------------------------------------------------------------------------------------


class GroupChooser(QDialog):
    def __init__(self, groups: Sequence[tuple[int, str]], current: int | None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(tr("Учётные записи для группы"))
        self.combo = QComboBox()
        for group_id, name in groups:
            self.combo.addItem(name, group_id)
        if current is not None:
            self.combo.setCurrentIndex(max(0, self.combo.findData(current)))
        self.parents_box = QCheckBox(tr("Вместе с родителями"))
        self.parents_box.setChecked(True)
        note = QLabel(
            tr(
                "Учётные записи создаются для всех обучающихся группы (и их родителей), у кого их ещё нет. "
                "Все сразу или ни одной: при ошибке ничего не создаётся."
            )
        )
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("Создать"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("Отмена"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(tr("Группа:"), self.combo)
        form.addRow("", self.parents_box)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.setMinimumWidth(420)

    def choice(self) -> tuple[int, str, bool]:
        return self.combo.currentData(), self.combo.currentText(), self.parents_box.isChecked()


class CreateAccountDialog(QDialog):
    """A person without an account (filter as you type), the role and, if wanted, a login of one's own."""

    def __init__(self, session: UserSession, groups: Sequence[tuple[int, str]], parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        self.issued: IssuedCredential | None = None
        self.setWindowTitle(tr("Новая учётная запись"))
        self.search = QLineEdit()
        self.search.setPlaceholderText(tr("Фамилия…"))
        self.search.setClearButtonEnabled(True)
        self.people = QListWidget()
        self.role_combo = QComboBox()
        for role in Role:
            self.role_combo.addItem(tr_label(role.label), role.value)
        self.login_edit = QLineEdit()
        self.login_edit.setPlaceholderText(tr("по ФИО автоматически"))
        self.error_label = QLabel()
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setWordWrap(True)
        form = QFormLayout()
        form.addRow(tr("Человек:"), self.search)
        form.addRow("", self.people)
        form.addRow(tr("Роль:"), self.role_combo)
        form.addRow(tr("Логин:"), self.login_edit)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("Создать"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("Отмена"))
        buttons.accepted.connect(self.try_create)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        self.setMinimumSize(480, 420)
        self.search.textChanged.connect(self.load_people)
        self.people.currentItemChanged.connect(self._person_chosen)
        self.load_people("")

    @Slot(str)
    def load_people(self, text: str) -> None:
        try:
            candidates = accounts.list_candidates(self.session, search=text)
        except DomainError as exc:
            self.error_label.setText(exc.message)
            return
        self.people.clear()
        for candidate in candidates[:500]:
            label = candidate.full_name + (f" — {candidate.group_name}" if candidate.group_name else "")
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, candidate)
            self.people.addItem(item)

    def _person_chosen(self, item: QListWidgetItem | None) -> None:
        candidate = item.data(Qt.ItemDataRole.UserRole) if item else None
        if candidate is not None and candidate.role:
            self.role_combo.setCurrentIndex(self.role_combo.findData(candidate.role))

    @Slot()
    def try_create(self) -> None:
        item = self.people.currentItem()
        if item is None:
            self.error_label.setText(tr("Выберите человека в списке"))
            return
        candidate = item.data(Qt.ItemDataRole.UserRole)
        self.login_edit.setStyleSheet("")
        try:
            self.issued = accounts.create_account(
                self.session, candidate.person_id, self.role_combo.currentData(), self.login_edit.text() or None
            )
        except DomainError as exc:
            self.error_label.setText(exc.message)
            if exc.field == "login":
                self.login_edit.setStyleSheet("border: 1px solid #b00020;")
                self.login_edit.setFocus()
            return
        self.accept()


class SecretsModel(RowsModel):
    """Logins and passwords in a fixed-width bold font: they are read off the screen and typed in."""

    SECRET_COLUMNS = (3, 4)

    def data(self, index, role: int = Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
        if role == Qt.ItemDataRole.FontRole and index.isValid() and index.column() in self.SECRET_COLUMNS:
            mono = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
            mono.setWeight(QFont.Weight.Bold)
            return mono
        return super().data(index, role)


class CredentialsDialog(QDialog):
    """The new logins and temporary passwords, shown once; «Сохранить листки (PDF)…» prints the slips."""

    def __init__(
        self, session: UserSession, issued: Sequence[IssuedCredential], title: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.issued = list(issued)
        self.saved_path: str | None = None
        self.setWindowTitle(title)
        note = QLabel(
            tr(
                "Временные пароли показаны один раз и нигде не хранятся. Раздайте их лично или сохраните листки "
                "для печати; после раздачи уничтожьте файл. При первом входе программа попросит сменить пароль."
            )
        )
        note.setWordWrap(True)
        self.table = QTableView()
        self.model = SecretsModel(
            (
                Column(tr("ФИО"), lambda c: c.person_name),
                Column(tr("Роль"), lambda c: c.role_ru),
                Column(tr("Группа"), lambda c: c.group_name),
                Column(tr("Логин"), lambda c: c.login),
                Column(tr("Временный пароль"), lambda c: c.password),
            ),
            self,
        )
        self.model.set_rows(self.issued)
        self.table.setModel(self.model)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.resizeColumnsToContents()
        self.save_button = QPushButton(tr("Сохранить листки (PDF)…"))
        self.save_button.clicked.connect(lambda: self.save_slips())
        close = QPushButton(tr("Закрыть"))
        close.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(note)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.resize(760, min(560, 170 + 30 * len(self.issued)))

    def default_file_name(self) -> str:
        groups = sorted({c.group_name for c in self.issued if c.group_name})
        return tr("Листки с паролями {0}").format(groups[0] if len(groups) == 1 else "").strip() + ".pdf"

    def save_slips(self, path: str | None = None) -> str | None:
        if not path:
            path, _ = QFileDialog.getSaveFileName(self, tr("Листки с паролями"), self.default_file_name(), SLIPS_FILTER)
        if not path:
            return None
        try:
            accounts.save_slips(self.session, self.issued, path)
        except DomainError as exc:
            QMessageBox.warning(self, tr("Листки с паролями"), exc.message)
            return None
        self.saved_path = path
        self.save_button.setText(tr("Листки сохранены"))
        return path
