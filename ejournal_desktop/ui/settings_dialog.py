"""«Файл → Настройки…»: this PC's settings for everyone, the college's settings for the admin.

- «Вид»: font enlargement (applied at once, kept per PC in ui.app_settings);
- «Подключения»: the connection profiles of this PC (the same list as on the login window);
- «Техникум» (admin only): college name, director, deputy — printed on reports — and how often to
  remind of a backup; written to the database (services.settings), so every PC sees the same.
"""

from __future__ import annotations

import logging

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
from ejournal_desktop.ui.app_settings import FONT_SCALES, AppSettings
from ejournal_desktop.ui.login_dialog import ERROR_STYLE, ProfileEditor

log = logging.getLogger(__name__)


def font_scale_label(percent: int) -> str:
    return "обычный (как в системе)" if percent == 100 else f"крупнее: {percent} %"


class AppearanceTab(QWidget):
    def __init__(self, settings: AppSettings) -> None:
        super().__init__()
        self.font_combo = QComboBox()
        for percent in FONT_SCALES:
            self.font_combo.addItem(font_scale_label(percent), percent)
        self.font_combo.setCurrentIndex(max(0, self.font_combo.findData(settings.font_scale)))
        self.font_combo.setToolTip("Размер шрифта во всех окнах программы")
        hint = QLabel("Размер шрифта берётся из настроек системы; здесь его можно увеличить.")
        hint.setWordWrap(True)
        form = QFormLayout(self)
        form.addRow("&Размер шрифта:", self.font_combo)
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
    """The profiles of this PC: the login window's list, edited with the same editor."""

    def __init__(self, settings: AppSettings) -> None:
        super().__init__()
        self.store = settings.profiles()
        self.list = QListWidget()
        self.list.setToolTip("Подключения к базе ЭЖ на этом компьютере")
        self.edit_button = QPushButton("&Изменить…")
        self.add_button = QPushButton("&Новое…")
        self.remove_button = QPushButton("&Удалить")
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
        for profile in self.store.profiles():
            self.list.addItem(profile.name)
        names = [p.name for p in self.store.profiles()]
        self.list.setCurrentRow(names.index(select) if select in names else (0 if names else -1))
        has = bool(names)
        self.edit_button.setEnabled(has)
        self.remove_button.setEnabled(has)
        self._show_detail(self.list.currentRow())

    def current_name(self) -> str | None:
        item = self.list.currentItem()
        return item.text() if item else None

    @Slot(int)
    def _show_detail(self, _row: int) -> None:
        name = self.current_name()
        profile = self.store.find(name) if name else None
        self.detail.setText(profile.describe() if profile else "Подключений нет: добавьте новое.")

    def _edit(self, name: str | None) -> None:
        profile = self.store.find(name) if name else None
        editor = ProfileEditor(profile, {p.name for p in self.store.profiles()}, self)
        if editor.exec() == QDialog.DialogCode.Accepted:
            edited = editor.profile()
            self.store.save(edited, old_name=profile.name if profile else None)
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
            self, "Удалить подключение", f"Удалить подключение «{name}»? Сама база данных не удаляется."
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.store.remove(name)
            self.fill()


class CollegeTab(QWidget):
    """The admin's settings that matter to everyone: in the database, not on this PC."""

    def __init__(self, session: UserSession) -> None:
        super().__init__()
        self.session = session
        current = college.college_settings(session)
        self.name_edit = QLineEdit(current.college_name)
        self.name_edit.setPlaceholderText("например, ГБПОУ «Заречный аграрный техникум»")
        self.director_edit = QLineEdit(current.director_name)
        self.director_edit.setPlaceholderText("например, И. И. Петров")
        self.deputy_edit = QLineEdit(current.deputy_name)
        self.deputy_edit.setPlaceholderText("например, А. А. Смирнова")
        self.reminder_spin = QSpinBox()
        self.reminder_spin.setRange(1, college.MAX_BACKUP_REMINDER_DAYS)
        self.reminder_spin.setSuffix(" дн.")
        self.reminder_spin.setValue(current.backup_reminder_days)
        self.reminder_spin.setToolTip("Через сколько дней после последней резервной копии напоминать администратору")
        note = QLabel(
            "Эти настройки хранятся в базе данных и действуют на всех компьютерах техникума. "
            "Название, директор и заместитель печатаются в отчётах и листках с паролями."
        )
        note.setWordWrap(True)
        self.error_label = QLabel()
        self.error_label.setStyleSheet(ERROR_STYLE)
        self.error_label.setWordWrap(True)
        self.error_label.hide()
        form = QFormLayout(self)
        form.addRow(note)
        form.addRow("&Техникум:", self.name_edit)
        form.addRow("&Директор:", self.director_edit)
        form.addRow("&Заместитель директора по УПР:", self.deputy_edit)
        form.addRow("Напоминать о &резервной копии через:", self.reminder_spin)
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
        self.setWindowTitle("Настройки")
        self.setMinimumWidth(560)
        self.session = session
        self.settings = settings or AppSettings()
        self.tabs = QTabWidget()
        self.appearance = AppearanceTab(self.settings)
        self.profiles = ProfilesTab(self.settings)
        self.tabs.addTab(self.appearance, "&Вид")
        self.tabs.addTab(self.profiles, "&Подключения")
        self.college: CollegeTab | None = None
        if college.can_manage(session):
            self.college = CollegeTab(session)
            self.tabs.addTab(self.college, "Те&хникум")

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Сохранить")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Отмена")
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
        scale = self.appearance.font_scale()
        if scale != self.settings.font_scale:
            self.settings.font_scale = scale
            self.font_scale_changed.emit(scale)
        self.accept()
