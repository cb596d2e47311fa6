"""One tab of a list screen: a filter-as-you-type field, a sortable table, actions, export to XLSX."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ejournal_desktop.domain.errors import DomainError
from ejournal_desktop.reports.list_export import ListTable, write_xlsx
from ejournal_desktop.ui.i18n import tr
from ejournal_desktop.ui.partials.table_model import ROW_ROLE, Column, RowsModel, SearchProxy


class ListTab(QWidget):
    """`load` fetches the rows (one service call); `edit(row or None)` opens the form."""

    activated = Signal(object)  # a row was double-clicked

    def __init__(
        self,
        title: str,
        columns: Sequence[Column],
        load: Callable[[], Sequence[Any]],
        *,
        edit: Callable[[Any | None], bool] | None = None,
        remove: Callable[[Any], None] | None = None,
        placeholder: str = tr("Поиск: начните вводить…"),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.title = title
        self._load = load
        self._edit = edit
        self._remove = remove
        self.model = RowsModel(columns, self)
        self.proxy = SearchProxy(self.model, self)
        self.search = QLineEdit()
        self.search.setPlaceholderText(placeholder)
        self.search.setClearButtonEnabled(True)
        self.search.textChanged.connect(self.proxy.set_text)
        self.view = QTableView()
        self.view.setModel(self.proxy)
        self.view.setSortingEnabled(True)
        self.view.sortByColumn(0, Qt.SortOrder.AscendingOrder)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setAlternatingRowColors(True)
        # Row numbers of the source model mean nothing once sorted or filtered.
        self.view.verticalHeader().setVisible(False)
        self.view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.view.horizontalHeader().setStretchLastSection(True)
        self.view.doubleClicked.connect(self._double_clicked)
        self.toolbar = QHBoxLayout()
        self.toolbar.addWidget(self.search, 1)
        if edit is not None:
            self.add_button = self._button(tr("Добавить…"), lambda: self._run_edit(None))
            self.edit_button = self._button(tr("Изменить…"), self._edit_current)
        if remove is not None:
            self.remove_button = self._button(tr("Удалить"), self._remove_current)
        self.export_button = self._button(tr("Экспорт в Excel…"), self.export)
        # Keys: Ctrl+F to the search field; Insert adds, F2 edits, Delete removes the current row.
        context = Qt.ShortcutContext.WidgetWithChildrenShortcut
        keys: list[tuple[str, Callable[[], None]]] = [("Ctrl+F", self._focus_search)]
        if edit is not None:
            keys += [("Ins", lambda: self._run_edit(None)), ("F2", self._edit_current)]
        if remove is not None:
            keys.append(("Del", self._remove_current))
        for key, slot in keys:
            QShortcut(QKeySequence(key), self, activated=slot, context=context)
        layout = QVBoxLayout(self)
        layout.addLayout(self.toolbar)
        layout.addWidget(self.view)

    def _button(self, text: str, slot: Callable[[], None]) -> QPushButton:
        button = QPushButton(text)
        button.clicked.connect(slot)
        self.toolbar.addWidget(button)
        return button

    def _focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def refresh(self) -> None:
        try:
            rows = self._load()
        except DomainError as exc:
            QMessageBox.warning(self, self.title, exc.message)
            return
        self.model.set_rows(rows)
        self.view.resizeColumnsToContents()

    def current_row(self) -> Any | None:
        index = self.view.currentIndex()
        return index.data(ROW_ROLE) if index.isValid() else None

    def _double_clicked(self) -> None:
        row = self.current_row()
        if row is None:
            return
        if self._edit is not None:
            self._run_edit(row)
        self.activated.emit(row)

    def _edit_current(self) -> None:
        row = self.current_row()
        if row is None:
            QMessageBox.information(self, self.title, tr("Выберите строку в таблице"))
            return
        self._run_edit(row)

    def _run_edit(self, row: Any | None) -> None:
        assert self._edit is not None
        if self._edit(row):
            self.refresh()

    def _remove_current(self) -> None:
        row = self.current_row()
        if row is None or self._remove is None:
            return
        answer = QMessageBox.question(self, self.title, tr("Удалить выбранную запись?"))
        if answer != QMessageBox.StandardButton.Yes:
            return
        try:
            self._remove(row)
        except DomainError as exc:
            QMessageBox.warning(self, self.title, exc.message)
            return
        self.refresh()

    def table(self) -> ListTable:
        """The rows as shown now (filtered and sorted) as a neutral table for export."""
        columns = self.model.columns
        rows = [[c.value(row) for c in columns] for row in self.proxy.visible_rows()]
        return ListTable(self.title, [c.title for c in columns], rows)

    def export(self, path: str | None = None) -> str | None:
        if not path:
            path, _ = QFileDialog.getSaveFileName(
                self, tr("Экспорт в Excel"), f"{self.title}.xlsx", tr("Книга Excel (*.xlsx)")
            )
        if not path:
            return None
        try:
            write_xlsx(self.table(), path)
        except OSError as exc:
            QMessageBox.warning(self, tr("Экспорт в Excel"), tr("Файл не сохранён: {0}").format(exc.strerror or exc))
            return None
        return path
