"""Painting a header's visible sections in one pass, for the journal's grid.

QHeaderView paints section by section, asking the model for half a dozen roles of each across the
Python boundary, and asks the selection model whether a whole row is selected, which asks the model
for the flags of every cell of it. The journal's headers (`MonthHeader`, `StudentHeader`) paint
their visible sections in one call instead, with the same style element (CE_Header) and the same
states: «On» for a section the selection crosses (the style draws it bold), «Sunken» for one
selected whole.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractItemModel, QItemSelection, QRect, Qt
from PySide6.QtGui import QBrush, QFont, QPainter, QPalette
from PySide6.QtWidgets import QHeaderView, QStyle, QStyleOptionHeader

Section = tuple[int, int, int]  # logical index, viewport position, size

_POSITIONS = QStyleOptionHeader.SectionPosition


def visible_sections(header: QHeaderView, start: int, end: int, count: int) -> list[Section]:
    """The sections of `header` that show between two viewport coordinates (none are hidden or moved)."""
    first = header.logicalIndexAt(start)
    if first < 0:
        return []
    sections = []
    for logical in range(first, count):
        position = header.sectionViewportPosition(logical)
        if position > end:
            break
        sections.append((logical, position, header.sectionSize(logical)))
    return sections


def selection_marks(selection: QItemSelection, orientation: Qt.Orientation, across: int) -> tuple[set[int], set[int]]:
    """Sections the selection crosses, and those selected whole (all `across` cells of the row or
    column); every cell of the journal is selectable, so no flags are asked."""
    crossed: set[int] = set()
    whole: set[int] = set()
    vertical = orientation == Qt.Orientation.Vertical
    for part in selection:
        first, last = (part.top(), part.bottom()) if vertical else (part.left(), part.right())
        span = (part.right() - part.left() + 1) if vertical else (part.bottom() - part.top() + 1)
        sections = range(first, last + 1)
        crossed.update(sections)
        if span >= across:
            whole.update(sections)
    return crossed, whole


class CachingHeader(QHeaderView):
    """A header that keeps something read from its model (a width, the month runs) until the
    model's sections or header data change: then `forget_cache` is called."""

    def setModel(self, model: QAbstractItemModel | None) -> None:
        old = self.model()
        if old is not None:
            for signal in _changing_signals(old):
                signal.disconnect(self.forget_cache)
        super().setModel(model)
        self.forget_cache()
        if model is not None:
            for signal in _changing_signals(model):
                signal.connect(self.forget_cache)

    def forget_cache(self, *_args: object) -> None:
        raise NotImplementedError


def _changing_signals(model: QAbstractItemModel) -> tuple[Any, ...]:
    return (
        model.modelReset,
        model.headerDataChanged,
        model.layoutChanged,
        model.rowsInserted,
        model.rowsRemoved,
        model.columnsInserted,
        model.columnsRemoved,
    )


class SectionPainter:
    """One style option, reused for each section of one paint."""

    def __init__(self, header: QHeaderView, painter: QPainter, count: int) -> None:
        self.header = header
        self.painter = painter
        self.count = count
        self.style = header.style()
        option = QStyleOptionHeader()
        header.initStyleOption(option)
        option.iconAlignment = Qt.AlignmentFlag.AlignVCenter
        state = option.state
        if header.isEnabled():
            state |= QStyle.StateFlag.State_Enabled
        if header.window().isActiveWindow():
            state |= QStyle.StateFlag.State_Active
        self.state = state
        self.option = option
        self.crossed: set[int] = set()
        self.whole: set[int] = set()
        model, selection_model = header.model(), header.selectionModel()  # the table's, shared with its headers
        highlights = header.highlightSections() and header.sectionsClickable()
        if highlights and model is not None and selection_model is not None and selection_model.hasSelection():
            vertical = header.orientation() == Qt.Orientation.Vertical
            across = model.columnCount() if vertical else model.rowCount()
            self.crossed, self.whole = selection_marks(selection_model.selection(), header.orientation(), across)

        self.palette = QPalette(option.palette)  # a copy: the option's own is replaced per section

    def paint(
        self,
        rect: QRect,
        logical: int,
        text: str,
        alignment: Qt.AlignmentFlag,
        font: QFont | None = None,
        foreground: QBrush | None = None,
    ) -> None:
        """One section: the style's CE_Header with the section's text, its font and text colour."""
        option = self.option
        option.rect = rect
        option.section = logical
        option.text = text
        option.textAlignment = alignment
        state = self.state
        if logical in self.crossed:
            state |= QStyle.StateFlag.State_On
        if logical in self.whole:
            state |= QStyle.StateFlag.State_Sunken
        option.state = state
        last = self.count - 1
        option.position = (
            _POSITIONS.OnlyOneSection
            if last == 0
            else _POSITIONS.Beginning
            if logical == 0
            else _POSITIONS.End
            if logical == last
            else _POSITIONS.Middle
        )
        if foreground is None:
            option.palette = self.palette
        else:
            palette = QPalette(self.palette)
            palette.setBrush(QPalette.ColorRole.ButtonText, foreground)
            option.palette = palette
        if font is None:
            self.style.drawControl(QStyle.ControlElement.CE_Header, option, self.painter, self.header)
            return
        self.painter.save()
        self.painter.setFont(font)
        self.style.drawControl(QStyle.ControlElement.CE_Header, option, self.painter, self.header)
        self.painter.restore()

    def paint_empty(self, rect: QRect) -> None:
        """The area past the last section, as QHeaderView paints it."""
        option = QStyleOptionHeader()
        self.header.initStyleOption(option)
        option.rect = rect
        self.style.drawControl(QStyle.ControlElement.CE_HeaderEmptyArea, option, self.painter, self.header)
