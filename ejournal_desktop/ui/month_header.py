"""A horizontal header of two bands: the month over its dates (like the paper journal), «дд.мм» below.

The dates are ordinary header sections (the style's CE_Header); the band of a run of columns with
the same group label (GROUP_ROLE) is drawn as one box, so there are no seams between the columns of
one month, and the month's name sits centred over the visible part of the run. The visible sections
are painted in one pass (see header_paint).

The group labels are read from the model once per change of its columns, not on every paint: a
section's paint needs its whole run.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QWidget

from ejournal_desktop.ui.header_paint import CachingHeader, Section, SectionPainter, visible_sections
from ejournal_desktop.ui.journal_model import GROUP_ROLE

_HORIZONTAL = Qt.Orientation.Horizontal
_CENTER = Qt.AlignmentFlag.AlignCenter


class MonthHeader(CachingHeader):
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

    def forget_cache(self, *_args: object) -> None:
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

    def paintEvent(self, event: QPaintEvent) -> None:
        """The visible sections in one pass: the dates as header sections, then the band of each
        visible run of columns as one box, its title centred over the run's visible part."""
        model = self.model()
        count = model.columnCount() if model is not None else 0
        if not count:
            super().paintEvent(event)
            return
        area = event.rect()
        sections = visible_sections(self, area.left(), area.right(), count)
        if not sections:
            super().paintEvent(event)
            return
        right = sections[-1][1] + sections[-1][2] - 1
        band = self.band_height()
        height = self.viewport().height()
        painter = QPainter(self.viewport())
        try:
            dates = SectionPainter(self, painter, count)
            for column, left, width in sections:
                text = str(model.headerData(column, _HORIZONTAL) or "")
                dates.paint(QRect(left, band, width, height - band), column, text, _CENTER)
            self._paint_band(painter, sections, band)
            if right < area.right():
                dates.paint_empty(QRect(right + 1, 0, area.right() - right, height))
        finally:
            painter.end()

    def _paint_band(self, painter: QPainter, sections: list[Section], band: int) -> None:
        palette = self.palette()
        left = sections[0][1]
        right = sections[-1][1] + sections[-1][2]
        painter.fillRect(QRect(left, 0, right - left, band), palette.color(QPalette.ColorRole.Button))
        painter.setPen(palette.color(QPalette.ColorRole.Mid))
        painter.drawLine(left, band - 1, right - 1, band - 1)
        runs: list[tuple[str, int, int]] = []  # title, first and last column of each visible run
        for column, _left, _width in sections:
            title, first, last = self._group_spans()[column]
            if not runs or runs[-1][1] != first:
                runs.append((title, first, last))
        viewport = QRect(0, 0, self.viewport().width(), band)
        font = painter.font()
        font.setBold(True)
        for title, first, last in runs:
            run_left = self.sectionViewportPosition(first)
            run_right = self.sectionViewportPosition(last) + self.sectionSize(last)
            painter.setPen(palette.color(QPalette.ColorRole.Mid))
            painter.drawLine(run_right - 1, 0, run_right - 1, band - 1)
            painter.setPen(palette.color(QPalette.ColorRole.ButtonText))
            painter.setFont(font)
            painter.drawText(QRect(run_left, 0, run_right - run_left, band).intersected(viewport), _CENTER, title)
