"""A table model over a list of row objects, and a proxy that filters as you type in any column.

`RowsModel` shows rows (dataclasses) through `Column`s; sorting uses the raw value (dates and
numbers sort as such, names in Russian order). `SearchProxy` matches every word typed against the
row's text folded like `person.search_name` (casefold, «ё» as «е»), so «елкин арт» finds
«Ёлкин Артём».
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt
from PySide6.QtGui import QBrush, QColor

from ejournal_desktop.domain.calendar import format_date
from ejournal_desktop.domain.names import russian_sort_key, search_key
from ejournal_desktop.ui.i18n import tr

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
ROW_ROLE = Qt.ItemDataRole.UserRole + 2
Index = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column:
    title: str
    value: Callable[[Any], object]
    width: int = 0  # characters; 0 = fit


def display(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return tr("да") if value else tr("нет")
    if isinstance(value, dt.date):
        return format_date(value)
    return str(value)


def _sort_value(value: object) -> object:
    if value is None:
        return (0, "")
    if isinstance(value, str):
        return (1, russian_sort_key(value))
    if isinstance(value, dt.date):
        return (2, value.toordinal())
    return (3, value)


class RowsModel(QAbstractTableModel):
    def __init__(self, columns: Sequence[Column], parent: Any = None) -> None:
        super().__init__(parent)
        self.columns = list(columns)
        self.rows: list[Any] = []
        self._texts: list[str] = []
        self.highlight: Callable[[Any], str | None] | None = None  # row → tooltip of a problem

    def set_rows(self, rows: Sequence[Any]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self._texts = [search_key(" ".join(display(c.value(r)) for c in self.columns)) for r in self.rows]
        self.endResetModel()

    def row_text(self, row: int) -> str:
        return self._texts[row]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return display(self.columns[index.column()].value(row))
        if role == SORT_ROLE:
            return _sort_value(self.columns[index.column()].value(row))
        if role == ROW_ROLE:
            return row
        if self.highlight is not None and role in (Qt.ItemDataRole.BackgroundRole, Qt.ItemDataRole.ToolTipRole):
            problem = self.highlight(row)
            if problem:
                return QBrush(QColor("#fde2e1")) if role == Qt.ItemDataRole.BackgroundRole else problem
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return self.columns[section].title
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Vertical:
            return str(section + 1)
        return None


class SearchProxy(QSortFilterProxyModel):
    def __init__(self, source: RowsModel, parent: Any = None) -> None:
        super().__init__(parent)
        self.setSourceModel(source)
        self.setSortRole(SORT_ROLE)
        self._words: list[str] = []
        self.row_filter: Callable[[Any], bool] | None = None

    def set_text(self, text: str) -> None:
        self.beginFilterChange()
        self._words = search_key(text).split()
        self.endFilterChange()

    def set_row_filter(self, row_filter: Callable[[Any], bool] | None) -> None:
        self.beginFilterChange()
        self.row_filter = row_filter
        self.endFilterChange()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        assert isinstance(model, RowsModel)
        if self.row_filter is not None and not self.row_filter(model.rows[source_row]):
            return False
        text = model.row_text(source_row)
        return all(word in text for word in self._words)

    def lessThan(self, left: Index, right: Index) -> bool:
        a, b = left.data(SORT_ROLE), right.data(SORT_ROLE)
        try:
            return a < b
        except TypeError:
            return str(a) < str(b)

    def visible_rows(self) -> list[Any]:
        return [self.index(r, 0).data(ROW_ROLE) for r in range(self.rowCount())]
