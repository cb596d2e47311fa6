"""A date typed as дд.мм.гггг, or picked from a calendar: `DateField`.

The text is read only when asked (`date()`), through the domain's `parse_date`, so a bad date —
«31.02.2026», «1.13.2026», letters — is refused with a Russian message naming the field instead of
being silently corrected the way a QDateEdit corrects it. The button beside opens a calendar.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QCalendarWidget, QHBoxLayout, QLineEdit, QMenu, QToolButton, QWidget, QWidgetAction

from ejournal_desktop.domain.calendar import format_date, parse_date
from ejournal_desktop.domain.errors import ValidationError
from ejournal_desktop.ui.i18n import tr


class DateField(QWidget):
    changed = Signal()  # editing finished or a day picked in the calendar

    def __init__(self, label: str, field: str, day: dt.date | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label, self.field = label, field
        self.line = QLineEdit(format_date(day) if day else "")
        self.line.setPlaceholderText(tr("дд.мм.гггг"))
        self.line.setMaxLength(10)
        self.line.editingFinished.connect(self.changed)
        self.calendar = QCalendarWidget()
        self.calendar.setGridVisible(True)
        self.calendar.clicked.connect(self._picked)
        menu = QMenu(self)
        action = QWidgetAction(menu)
        action.setDefaultWidget(self.calendar)
        menu.addAction(action)
        self.menu = menu
        self.button = QToolButton()
        self.button.setText("▾")
        self.button.setToolTip(tr("Выбрать в календаре"))
        self.button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.button.setMenu(menu)
        self.button.setStyleSheet("QToolButton::menu-indicator { image: none; }")
        menu.aboutToShow.connect(self._sync_calendar)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.line, 1)
        layout.addWidget(self.button)
        self.setFocusProxy(self.line)

    def text(self) -> str:
        return self.line.text()

    def set_date(self, day: dt.date | None) -> None:
        self.line.setText(format_date(day) if day else "")
        self.changed.emit()

    def date(self) -> dt.date:
        """The typed date; a `ValidationError` naming the field when it is empty or impossible."""
        text = self.line.text().strip()
        if not text:
            raise ValidationError(tr("Не заполнено поле «{0}»").format(self.label), field=self.field)
        try:
            return parse_date(text)
        except ValidationError as exc:
            raise ValidationError(f"{self.label}: {exc.message}", field=self.field) from None

    def _sync_calendar(self) -> None:
        try:
            self.calendar.setSelectedDate(QDate(self.date()))
        except ValidationError:
            self.calendar.setSelectedDate(QDate.currentDate())

    def _picked(self, value: QDate) -> None:
        self.set_date(dt.date(value.year(), value.month(), value.day()))
        self.menu.hide()

    def setStyleSheet(self, style: str) -> None:
        self.line.setStyleSheet(style)
