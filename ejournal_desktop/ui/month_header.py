"""A horizontal header of two bands: the month over its dates (like the paper journal), «дд.мм» below.

Each section paints its lower half as an ordinary header section and its share of the upper band:
the band of a run of columns with the same group label (GROUP_ROLE) is drawn as one header box
clipped to the section, so the seams between the columns of one month disappear and the month's
name sits centred over the visible part of the run.

The group labels are read from the model once per change of its columns, not on every paint: a
section's paint needs its whole run.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractItemModel, QRect, QSize, Qt
from PySide6.QtGui import QPainter, QPalette
from PySide6.QtWidgets import QHeaderView, QStyle, QStyleOptionHeader, QWidget

from ejournal_desktop.ui.journal_model import GROUP_ROLE


class MonthHeader(QHeaderView):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setSectionsClickable(True)
        self.setHighlightSections(True)
        self.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        self._spans: list[tuple[str, int, int]] | None = None

    def band_height(self) -> int:
        return self.fontMetrics().height() + 8

    def sizeHint(self) -> QSize:
        # QHeaderView's own hint measures up to 200 sections' texts, only for a height that is fixed.
        return QSize(self.defaultSectionSize(), 2 * self.band_height())

    def sectionSizeFromContents(self, logical_index: int) -> QSize:
        size = super().sectionSizeFromContents(logical_index)
        return QSize(size.width(), 2 * self.band_height())

    def setModel(self, model: QAbstractItemModel | None) -> None:
        old = self.model()
        if old is not None:
            for signal in self._forgetting_signals(old):
                signal.disconnect(self._forget_groups)
        super().setModel(model)
        self._forget_groups()
        if model is not None:
            for signal in self._forgetting_signals(model):
                signal.connect(self._forget_groups)

    @staticmethod
    def _forgetting_signals(model: QAbstractItemModel) -> tuple[Any, ...]:
        return (
            model.modelReset,
            model.headerDataChanged,
            model.layoutChanged,
            model.columnsInserted,
            model.columnsRemoved,
        )

    def _forget_groups(self, *_args: object) -> None:
        self._spans = None

    def _group_spans(self) -> list[tuple[str, int, int]]:
        """Per column: its group label and the first and last column of its run."""
        spans = self._spans
        model = self.model()
        if spans is None and model is not None:
            count = model.columnCount()
            labels = [str(model.headerData(c, Qt.Orientation.Horizontal, GROUP_ROLE) or "") for c in range(count)]
            spans = []
            first = 0
            for column in range(count + 1):
                if column == count or labels[column] != labels[first]:
                    spans.extend((labels[first], first, column - 1) for _ in range(first, column))
                    first = column
            self._spans = spans
        return spans or []

    def group_of(self, logical_index: int) -> str:
        spans = self._group_spans()
        return spans[logical_index][0] if 0 <= logical_index < len(spans) else ""

    def group_span(self, logical_index: int) -> tuple[int, int]:
        """First and last column of the run of columns sharing this column's group label."""
        spans = self._group_spans()
        if not 0 <= logical_index < len(spans):
            return logical_index, logical_index
        return spans[logical_index][1], spans[logical_index][2]

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
