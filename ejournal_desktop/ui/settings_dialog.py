"""«Файл → Настройки…»: this PC's settings for everyone, the college's settings for the admin.

- «Вид»: font enlargement (applied at once, kept per PC in ui.app_settings);
- «Подключения»: the connection profiles of this PC (the same list as on the login window);
- «Техникум» (admin only): college name, director, deputy — printed on reports — and how often to
  remind of a backup; written to the database (services.settings), so every PC sees the same;
- «Почта» (admin only): the SMTP server of the letters to parents (ui.smtp_settings).

Nothing is written until «Сохранить»: the profile edits are kept in the tab and applied then, so
«Отмена» (or Esc, or closing the window) leaves every setting as it was.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ejournal_desktop.domain.errors import DomainError
from ejournal_desktop.services import settings as college
from ejournal_desktop.services.auth import UserSession
from ejournal_desktop.services.connection import Profile
from ejournal_desktop.ui.app_settings import FONT_SCALES, AppSettings
from ejournal_desktop.ui.i18n import tr
from ejournal_desktop.ui.login_dialog import ERROR_STYLE, ProfileEditor
from ejournal_desktop.ui.profiles import ProfileStore
from ejournal_desktop.ui.smtp_settings import SmtpSettingsTab

log = logging.getLogger(__name__)


def font_scale_label(percent: int) -> str:
    return tr("обычный (как в системе)") if percent == 100 else tr("крупнее: {0} %").format(percent)


class AppearanceTab(QWidget):
    def __init__(self, settings: AppSettings) -> None:
        super().__init__()
        self.font_combo = QComboBox()
        for percent in FONT_SCALES:
            self.font_combo.addItem(font_scale_label(percent), percent)
        self.font_combo.setCurrentIndex(max(0, self.font_combo.findData(settings.font_scale)))
        self.font_combo.setToolTip(tr("Размер шрифта во всех окнах программы"))
        hint = QLabel(tr("Размер шрифта берётся из настроек системы; здесь его можно увеличить."))
        hint.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow(tr("&Размер шрифта:"), self.font_combo)
        form.addRow(hint)
        self._label_for(form, self.font_combo)

    @staticmethod
    def _label_for(form: QFormLayout, field: QWidget) -> None:
        label = form.labelForField(field)
        if isinstance(label, QLabel):
            label.setBuddy(field)

    def font_scale(self) -> int:
        return int(self.font_combo.currentData())


class ProfilesTab(QWidget):
    """The profiles of this PC: the login window's list, edited with the same editor.

    Edits change a working copy shown in the list and are remembered as steps; `commit` replays the
    steps on the store (the dialog's «Сохранить»), so a cancelled dialog writes nothing.
    """

    def __init__(self, settings: AppSettings) -> None:
        super().__init__()
        self.store = settings.profiles()
        self.working: list[Profile] = self.store.profiles()
        self.pending: list[Callable[[ProfileStore], None]] = []
        self.list = QListWidget()
        self.list.setToolTip(tr("Подключения к базе ЭЖ на этом компьютере"))
        self.edit_button = QPushButton(tr("&Изменить…"))
        self.add_button = QPushButton(tr("&Новое…"))
        self.remove_button = QPushButton(tr("&Удалить"))
        self.edit_button.clicked.connect(self.edit)
        self.add_button.clicked.connect(self.add)
        self.remove_button.clicked.connect(self.remove)
        self.list.itemDoubleClicked.connect(lambda _item: self.edit())
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.list.currentRowChanged.connect(self._show_detail)
        buttons = QVBoxLayout()
        for button in (self.edit_button, self.add_button, self.remove_button):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        buttons.addStretch(1)
        row = QHBoxLayout()
        row.addWidget(self.list, 1)
        row.addLayout(buttons)
        layout = QVBoxLayout(self)
        layout.addLayout(row, 1)
        layout.addWidget(self.detail)
        self.fill()

    def fill(self, select: str | None = None) -> None:
        self.list.clear()
        for profile in self.working:
            self.list.addItem(profile.name)
        names = [p.name for p in self.working]
        self.list.setCurrentRow(names.index(select) if select in names else (0 if names else -1))
        has = bool(names)
        self.edit_button.setEnabled(has)
        self.remove_button.setEnabled(has)
        self._show_detail(self.list.currentRow())

    def current_name(self) -> str | None:
        item = self.list.currentItem()
        return item.text() if item else None

    def find(self, name: str) -> Profile | None:
        return next((p for p in self.working if p.name == name), None)

    @Slot(int)
    def _show_detail(self, _row: int) -> None:
        name = self.current_name()
        profile = self.find(name) if name else None
        self.detail.setText(profile.describe() if profile else tr("Подключений нет: добавьте новое."))

    def _edit(self, name: str | None) -> None:
        profile = self.find(name) if name else None
        editor = ProfileEditor(profile, {p.name for p in self.working}, self)
        if editor.exec() == QDialog.DialogCode.Accepted:
            edited = editor.profile()
            old_name = profile.name if profile else None
            # The same as ProfileStore.save: replace `old_name` in place, or add at the end.
            target = old_name or edited.name
            kept = [p for p in self.working if p.name == target or p.name != edited.name]
            index = next((i for i, p in enumerate(kept) if p.name == target), None)
            if index is None:
                kept.append(edited)
            else:
                kept[index] = edited
            self.working = kept
            self.pending.append(lambda store: store.save(edited, old_name=old_name))
            self.fill(edited.name)

    @Slot()
    def edit(self) -> None:
        if self.current_name():
            self._edit(self.current_name())

    @Slot()
    def add(self) -> None:
        self._edit(None)

    @Slot()
    def remove(self) -> None:
        name = self.current_name()
        if not name:
            return
        answer = QMessageBox.question(
            self,
            tr("Удалить подключение"),
            tr("Удалить подключение «{0}»? Сама база данных не удаляется.").format(name),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.working = [p for p in self.working if p.name != name]
            self.pending.append(lambda store: store.remove(name))
            self.fill()

    def commit(self) -> None:
        """Write the edits made since the dialog opened (in the order they were made)."""
        steps, self.pending = self.pending, []
        for step in steps:
            step(self.store)


class CollegeTab(QWidget):
    """The admin's settings that matter to everyone: in the database, not on this PC."""

    def __init__(self, session: UserSession) -> None:
        super().__init__()
        self.session = session
        current = college.college_settings(session)
        self.name_edit = QLineEdit(current.college_name)
        self.name_edit.setPlaceholderText(tr("например, ГБПОУ «Заречный аграрный техникум»"))
        self.director_edit = QLineEdit(current.director_name)
        self.director_edit.setPlaceholderText(tr("например, И. И. Петров"))
        self.deputy_edit = QLineEdit(current.deputy_name)
        self.deputy_edit.setPlaceholderText(tr("например, А. А. Смирнова"))
        self.reminder_spin = QSpinBox()
        self.reminder_spin.setRange(1, college.MAX_BACKUP_REMINDER_DAYS)
        self.reminder_spin.setSuffix(tr(" дн."))
        self.reminder_spin.setValue(current.backup_reminder_days)
        self.reminder_spin.setToolTip(
            tr("Через сколько дней после последней резервной копии напоминать администратору")
        )
        note = QLabel(
            tr(
                "Эти настройки хранятся в базе данных и действуют на всех компьютерах техникума. "
                "Название, директор и заместитель печатаются в отчётах и листках с паролями."
            )
        )
        note.setWordWrap(True)
        self.error_label = QLabel()
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        form = QFormLayout(self)
        form.addRow(note)
        form.addRow(tr("&Техникум:"), self.name_edit)
        form.addRow(tr("&Директор:"), self.director_edit)
        form.addRow(tr("&Заместитель директора по УПР:"), self.deputy_edit)
        form.addRow(tr("Напоминать о &резервной копии через:"), self.reminder_spin)
        form.addRow(self.error_label)
        for field in (self.name_edit, self.director_edit, self.deputy_edit, self.reminder_spin):
            label = form.labelForField(field)
            if isinstance(label, QLabel):
                label.setBuddy(field)
        self.loaded = current

    def values(self) -> college.CollegeSettings:
        return college.CollegeSettings(
            college_name=self.name_edit.text(),
            director_name=self.director_edit.text(),
            deputy_name=self.deputy_edit.text(),
            backup_reminder_days=self.reminder_spin.value(),
        )

    def save(self) -> bool:
        if self.values() == self.loaded:
            return True
        try:
            self.loaded = college.save_college_settings(self.session, self.values())
        except DomainError as exc:
            self.error_label.setText(exc.message)
            self.error_label.show()
            return False
        self.error_label.hide()
        return True


class SettingsDialog(QDialog):
    font_scale_changed = Signal(int)

    def __init__(self, session: UserSession, settings: AppSettings | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(tr("Настройки"))
        self.setMinimumWidth(560)
        self.session = session
        self.settings = settings or AppSettings()
        self.tabs = QTabWidget()
        self.appearance = AppearanceTab(self.settings)
        self.profiles = ProfilesTab(self.settings)
        self.tabs.addTab(self.appearance, tr("&Вид"))
        self.tabs.addTab(self.profiles, tr("&Подключения"))
        self.college: CollegeTab | None = None
        self.mail: SmtpSettingsTab | None = None
        if college.can_manage(session):
            self.college = CollegeTab(session)
            self.tabs.addTab(self.college, tr("Те&хникум"))
            self.mail = SmtpSettingsTab(session)
            self.tabs.addTab(self.mail, tr("По&чта"))
            self.setMinimumWidth(660)  # the mail tab's «Запомнить пароль…» box in full

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(tr("Сохранить"))
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("Отмена"))
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)

    @Slot()
    def save(self) -> None:
        if self.college is not None and not self.college.save():
            self.tabs.setCurrentWidget(self.college)
            return
        if self.mail is not None and not self.mail.save():
            self.tabs.setCurrentWidget(self.mail)
            return
        self.profiles.commit()
        scale = self.appearance.font_scale()
        if scale != self.settings.font_scale:
            self.settings.font_scale = scale
            self.font_scale_changed.emit(scale)
        self.accept()
