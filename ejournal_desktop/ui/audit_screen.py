"""«Журнал аудита»: who changed what and when, for the admin and the deputy.

Filters (user's login, group, table, dates) go to the service as one query; «Показать» runs it.
A row shows only the fields that changed («было» → «стало»), so a mark correction reads as
`value: 3` → `value: 4` rather than two whole JSON documents; the tooltip holds the full values.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from PySide6.QtCore import QDate, Qt, Slot
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ejournal_desktop.domain.errors import DomainError
from ejournal_desktop.domain.permissions import Section
from ejournal_desktop.services import audit
from ejournal_desktop.services.audit import AuditRow
from ejournal_desktop.services.auth import UserSession
from ejournal_desktop.ui.i18n import tr
from ejournal_desktop.ui.main_window import register_page
from ejournal_desktop.ui.partials.table_model import Column, RowsModel
from ejournal_desktop.ui.partials.title_label import title_label

TITLE = tr("Журнал аудита")
DEFAULT_DAYS = 30
SKIPPED_FIELDS = frozenset({"id", "version", "updated_at", "updated_by"})  # bookkeeping, not the change


def format_values(values: dict[str, Any]) -> str:
    parts = [f"{key}: {_short(value)}" for key, value in values.items() if key not in SKIPPED_FIELDS]
    return "; ".join(parts)


def _short(value: Any) -> str:
    if value is None:
        return "—"
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "…"


def _was(row: AuditRow) -> str:
    return format_values(row.changed()[0])


def _became(row: AuditRow) -> str:
    return format_values(row.changed()[1])


COLUMNS = (
    Column(tr("Время"), lambda r: r.at.astimezone().strftime("%d.%m.%Y %H:%M:%S")),
    Column(tr("Пользователь"), lambda r: f"{r.user_name} ({r.db_user})" if r.user_name else r.db_user),
    Column(tr("Таблица"), lambda r: r.table_label),
    Column(tr("Запись"), lambda r: r.row_id),
    Column(tr("Действие"), lambda r: r.action_label),
    Column(tr("Было"), _was),
    Column(tr("Стало"), _became),
    Column(tr("Причина"), lambda r: r.reason or ""),
)


class AuditModel(RowsModel):
    def data(self, index, role: int = Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
        if role == Qt.ItemDataRole.ToolTipRole and index.isValid() and index.column() in (5, 6):
            row: AuditRow = self.rows[index.row()]
            doc = row.old if index.column() == 5 else row.new
            return json.dumps(doc, ensure_ascii=False, indent=1) if doc else None
        return super().data(index, role)


@register_page("audit")
class AuditScreen(QWidget):
    def __init__(self, session: UserSession, section: Section | None = None) -> None:
        super().__init__()
        self.session = session
        title = title_label(TITLE)

        self.user_edit = QLineEdit()
        self.user_edit.setPlaceholderText(tr("логин"))
        self.user_edit.setClearButtonEnabled(True)
        self.group_combo = QComboBox()
        self.group_combo.addItem(tr("Все группы"), None)
        self.table_combo = QComboBox()
        self.table_combo.addItem(tr("Все таблицы"), None)
        for name, label in audit.audited_tables():
            self.table_combo.addItem(label, name)
        today = QDate.currentDate()
        self.from_edit = self._date_edit(today.addDays(-DEFAULT_DAYS))
        self.to_edit = self._date_edit(today)
        self.show_button = QPushButton(tr("Показать"))
        self.show_button.setDefault(True)
        filters = QHBoxLayout()
        for label, widget in (
            (tr("Пользователь:"), self.user_edit),
            (tr("Группа:"), self.group_combo),
            (tr("Таблица:"), self.table_combo),
            (tr("с"), self.from_edit),
            (tr("по"), self.to_edit),
        ):
            filters.addWidget(QLabel(label))
            filters.addWidget(widget)
        filters.addWidget(self.show_button)
        filters.addStretch(1)

        self.model = AuditModel(COLUMNS, self)
        self.view = QTableView()
        self.view.setModel(self.model)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(False)
        self.view.verticalHeader().setVisible(False)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column in (5, 6):  # «было» and «стало» share what room there is; the full values are tooltips
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        self.count_label = QLabel()

        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(filters)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.count_label)

        self.show_button.clicked.connect(self.refresh)
        self.user_edit.returnPressed.connect(self.refresh)
        self._load_groups()
        self.refresh()

    @staticmethod
    def _date_edit(value: QDate) -> QDateEdit:
        edit = QDateEdit(value)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("dd.MM.yyyy")
        return edit

    def _load_groups(self) -> None:
        # The group list is reference data everyone reads; contingent's service would demand
        # contingent.read, which an auditor need not have, so the names come from the audit service.
        try:
            groups = audit.group_choices(self.session)
        except DomainError:
            groups = []
        for group_id, name in groups:
            self.group_combo.addItem(name, group_id)

    def filters(self) -> dict[str, Any]:
        return {
            "person_login": self.user_edit.text().strip() or None,
            "group_id": self.group_combo.currentData(),
            "table": self.table_combo.currentData(),
            "date_from": _to_date(self.from_edit.date()),
            "date_to": _to_date(self.to_edit.date()),
        }

    @Slot()
    def refresh(self) -> None:
        try:
            rows = audit.list_audit(self.session, **self.filters())
        except DomainError as exc:
            QMessageBox.warning(self, TITLE, exc.message)
            return
        self.model.set_rows(rows)
        for column in (0, 1, 2, 3, 4, 7):
            self.view.resizeColumnToContents(column)
        limit_note = (
            tr(" (показаны последние {0})").format(audit.DEFAULT_LIMIT) if len(rows) >= audit.DEFAULT_LIMIT else ""
        )
        self.count_label.setText(tr("Записей: {0}{1}").format(len(rows), limit_note))


def _to_date(value: QDate) -> dt.date:
    return dt.date(value.year(), value.month(), value.day())
