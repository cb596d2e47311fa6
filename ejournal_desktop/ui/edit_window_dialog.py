"""«Срок исправлений»: how many days a teacher may correct a lesson's marks without giving a reason.

The deputy (and the admin) set it: «Журнал → Срок исправлений…» (Ctrl+Shift+E) in the main window,
added by `install_menu` for whoever may set it (`settings.can_set_edit_window`). After the window a
correction asks the teacher for a reason — «запись ошибочна» — kept with the audit row.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QMainWindow,
    QMenu,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ejournal_desktop.domain.errors import DomainError
from ejournal_desktop.domain.plural import plural
from ejournal_desktop.services import settings
from ejournal_desktop.services.auth import UserSession
from ejournal_desktop.ui.i18n import tr

TITLE = tr("Срок исправлений")
MENU_TITLE = tr("&Журнал")
ACTION_TEXT = tr("&Срок исправлений…")
SHORTCUT = "Ctrl+Shift+E"
EXPLANATION = tr(
    "Оценки и пропуски занятия, проведённого не раньше указанного числа дней назад, преподаватель "
    "исправляет свободно. Исправление более старого занятия требует указать причину («запись "
    "ошибочна»): она сохраняется в журнале аудита вместе с изменением. 0 — причина нужна всегда, "
    "кроме занятий сегодняшнего дня."
)


def days_word(days: int) -> str:
    return plural(days, tr("день"), tr("дня"), tr("дней"))


class EditWindowDialog(QDialog):
    def __init__(self, session: UserSession, parent: QWidget | None = None, *, today: dt.date | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.today = today or dt.date.today()
        self.setWindowTitle(TITLE)
        explanation = QLabel(EXPLANATION)
        explanation.setWordWrap(True)
        self.days_spin = QSpinBox()
        self.days_spin.setRange(0, settings.MAX_EDIT_WINDOW_DAYS)
        self.days_spin.setValue(settings.edit_window_days(session))
        self.days_spin.setAccessibleName(TITLE)
        self.hint_label = QLabel()
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        self.error_label.setStyleSheet("color: #b00020")
        self.error_label.hide()
        form = QFormLayout()
        form.addRow(tr("Без &причины исправляются занятия за последние:"), self.days_spin)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.button(QDialogButtonBox.StandardButton.Save).setText(tr("Сохранить"))
        buttons.button(QDialogButtonBox.StandardButton.Save).setDefault(True)  # Enter saves
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(tr("Отмена"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addLayout(form)
        layout.addWidget(self.hint_label)
        layout.addWidget(self.error_label)
        layout.addWidget(buttons)
        self.days_spin.valueChanged.connect(self._update_hint)
        self._update_hint(self.days_spin.value())
        self.setMinimumWidth(520)

    def _update_hint(self, days: int) -> None:
        self.days_spin.setSuffix(f" {days_word(days)}")
        oldest = self.today - dt.timedelta(days=days)
        self.hint_label.setText(
            tr("Сегодня без причины исправляются занятия с {0}.").format(oldest.strftime("%d.%m.%Y"))
        )

    def accept(self) -> None:
        try:
            settings.set_edit_window_days(self.session, self.days_spin.value())
        except DomainError as exc:
            self.error_label.setText(exc.message)
            self.error_label.show()
            return
        super().accept()


def install_menu(window: QMainWindow, session: UserSession) -> QAction | None:
    """«Журнал → Срок исправлений…» in the window's menu bar, for those who may set it; None for others."""
    if not settings.can_set_edit_window(session):
        return None
    menu = next(
        (a.menu() for a in window.menuBar().actions() if isinstance(a.menu(), QMenu) and a.text() == MENU_TITLE),
        None,
    )
    if menu is None:
        menu = QMenu(MENU_TITLE, window)
        actions = window.menuBar().actions()
        if actions:  # before «Справка», which stays last
            window.menuBar().insertMenu(actions[-1], menu)
        else:
            window.menuBar().addMenu(menu)
    action = QAction(ACTION_TEXT, window)
    action.setShortcut(QKeySequence(SHORTCUT))
    action.triggered.connect(lambda: EditWindowDialog(session, window).exec())
    menu.addAction(action)
    return action
