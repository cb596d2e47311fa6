"""The grid's student column: «№. Фамилия И. О.» per row, the table's vertical header.

Painted in one pass (see header_paint), and sized from the widest name at once: QHeaderView's own
size hint asks the model for four roles of every row.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QFontMetrics, QPainter, QPaintEvent
from PySide6.QtWidgets import QHeaderView, QStyle, QStyleOptionHeader, QWidget

from ejournal_desktop.ui.header_paint import CachingHeader, SectionPainter, visible_sections

_VERTICAL = Qt.Orientation.Vertical
_ROLE = Qt.ItemDataRole


class StudentHeader(CachingHeader):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(_VERTICAL, parent)
        self.setSectionsClickable(True)
        self.setHighlightSections(True)
        self.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self._width: int | None = None

    def forget_cache(self, *_args: object) -> None:
        self._width = None

    def sizeHint(self) -> QSize:
        if self._width is None:
            self._width = self._widest()
        return QSize(self._width, self.defaultSectionSize())

    def _widest(self) -> int:
        """As QHeaderView measures a section (bold, for a highlighted row), for the widest name."""
        model = self.model()
        option = QStyleOptionHeader()
        self.initStyleOption(option)
        font = self.font()
        font.setBold(True)
        metrics = QFontMetrics(font)
        texts = [str(model.headerData(row, _VERTICAL) or "") for row in range(model.rowCount())] if model else []
        option.fontMetrics = metrics
        option.text = max(texts, key=metrics.horizontalAdvance, default="")
        return self.style().sizeFromContents(QStyle.ContentsType.CT_HeaderSection, option, QSize(), self).width()

    def paintEvent(self, event: QPaintEvent) -> None:
        model = self.model()
        count = model.rowCount() if model is not None else 0
        if not count:
            super().paintEvent(event)
            return
        area = event.rect()
        width = self.viewport().width()
        painter = QPainter(self.viewport())
        try:
            sections = SectionPainter(self, painter, count)
            default_alignment = self.defaultAlignment()
            bottom = -1
            for row, top, height in visible_sections(self, area.top(), area.bottom(), count):
                bottom = top + height - 1
                sections.paint(
                    QRect(0, top, width, height),
                    row,
                    str(model.headerData(row, _VERTICAL) or ""),
                    model.headerData(row, _VERTICAL, _ROLE.TextAlignmentRole) or default_alignment,
                    model.headerData(row, _VERTICAL, _ROLE.FontRole),
                    model.headerData(row, _VERTICAL, _ROLE.ForegroundRole),
                )
            if bottom < area.bottom():
                sections.paint_empty(QRect(0, bottom + 1, width, area.bottom() - bottom))
        finally:
            painter.end()
