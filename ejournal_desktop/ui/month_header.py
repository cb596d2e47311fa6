"""A horizontal header of two bands: the month over its dates (like the paper journal), «дд.мм» below.

Each section paints its lower half as an ordinary header section and its share of the upper band:
the band of a run of columns with the same group label (GROUP_ROLE) is drawn as one header box
clipped to the section, so the seams between the columns of one month disappear and the month's
name sits centred over the visible part of the run.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import QHeaderView, QStyle, QStyleOptionHeader, QWidget

from ejournal_desktop.ui.journal_model import GROUP_ROLE


class MonthHeader(QHeaderView):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setSectionsClickable(True)
        self.setHighlightSections(True)
        self.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)

    def band_height(self) -> int:
        return self.fontMetrics().height() + 8

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        return QSize(hint.width(), 2 * self.band_height())

    def sectionSizeFromContents(self, logical_index: int) -> QSize:
        size = super().sectionSizeFromContents(logical_index)
        return QSize(size.width(), 2 * self.band_height())

    def group_of(self, logical_index: int) -> str:
        model = self.model()
        if model is None:
            return ""
        return str(model.headerData(logical_index, Qt.Orientation.Horizontal, GROUP_ROLE) or "")

    def group_span(self, logical_index: int) -> tuple[int, int]:
        """First and last column of the run of columns sharing this column's group label."""
        group = self.group_of(logical_index)
        first = last = logical_index
        while first > 0 and self.group_of(first - 1) == group:
            first -= 1
        while last + 1 < self.count() and self.group_of(last + 1) == group:
            last += 1
        return first, last

    def paintSection(self, painter: QPainter, rect: QRect, logical_index: int) -> None:
        if not rect.isValid():
            return
        band = self.band_height()
        top = QRect(rect.left(), rect.top(), rect.width(), band)
        bottom = QRect(rect.left(), rect.top() + band, rect.width(), rect.height() - band)

        first, last = self.group_span(logical_index)
        left = self.sectionViewportPosition(first)
        right = self.sectionViewportPosition(last) + self.sectionSize(last)
        span = QRect(left, rect.top(), right - left, band)
        visible = span.intersected(QRect(0, rect.top(), self.viewport().width(), band))

        # The band is painted by hand: a style's CE_Header may reset the clip to its own rect.
        palette = self.palette()
        painter.save()
        painter.setClipRect(top)
        painter.fillRect(top, palette.color(QPalette.ColorRole.Button))
        painter.setPen(palette.color(QPalette.ColorRole.Mid))
        painter.drawLine(top.bottomLeft(), top.bottomRight())
        if logical_index == last:
            painter.drawLine(top.topRight(), top.bottomRight())
        painter.setPen(palette.color(QPalette.ColorRole.ButtonText))
        font = painter.font()
        font.setBold(True)
        painter.setFont(font)
        painter.drawText(visible, Qt.AlignmentFlag.AlignCenter, self.group_of(logical_index))
        painter.restore()

        painter.save()
        painter.setClipRect(bottom)
        text = self.model().headerData(logical_index, Qt.Orientation.Horizontal) if self.model() else ""
        self._draw(painter, bottom, str(text or ""), logical_index)
        painter.restore()

    def _draw(self, painter: QPainter, rect: QRect, text: str, logical_index: int) -> None:
        option = QStyleOptionHeader()
        self.initStyleOption(option)
        self.initStyleOptionForIndex(option, logical_index)
        option.rect = rect
        option.text = text
        option.textAlignment = Qt.AlignmentFlag.AlignCenter
        self.style().drawControl(QStyle.ControlElement.CE_Header, option, painter, self)
