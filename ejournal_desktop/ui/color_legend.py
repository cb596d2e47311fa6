"""A row of coloured chips, each with what its colour means (the journal's legend).

Painted in one pass: as rich-text labels the six chips were laid out and painted as six small
documents on every journal opened, a millisecond and more of its first paint.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

SPACING = 10  # between one meaning and the next chip
GAP = 4  # between a chip and its meaning


class ColorLegend(QWidget):
    def __init__(self, items: Sequence[tuple[QColor, str]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.items = tuple(items)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setToolTip("\n".join(text for _color, text in self.items))

    def _chip_size(self) -> QSize:
        metrics = self.fontMetrics()
        return QSize(metrics.horizontalAdvance("\u00a0" * 4), metrics.height())

    def sizeHint(self) -> QSize:
        metrics = self.fontMetrics()
        chip = self._chip_size()
        width = sum(chip.width() + GAP + metrics.horizontalAdvance(text) for _color, text in self.items)
        return QSize(width + SPACING * max(0, len(self.items) - 1), metrics.height() + 2)

    def paintEvent(self, _event: QPaintEvent) -> None:
        painter = QPainter(self)
        metrics = self.fontMetrics()
        chip = self._chip_size()
        top = (self.height() - chip.height()) // 2
        painter.setPen(self.palette().windowText().color())
        x = 0
        for color, text in self.items:
            painter.fillRect(QRect(x, top, chip.width(), chip.height()), color)
            x += chip.width() + GAP
            width = metrics.horizontalAdvance(text)
            painter.drawText(QRect(x, 0, width, self.height()), Qt.AlignmentFlag.AlignVCenter, text)
            x += width + SPACING
        painter.end()
