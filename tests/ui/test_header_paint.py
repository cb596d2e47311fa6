"""The journal's headers paint their visible sections in one pass: they must look exactly as Qt's
own QHeaderView paints the same sections, in every state a teacher sees."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QItemSelection, QItemSelectionModel, QPoint, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QImage, QPalette, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QHeaderView, QTableView

from ejournal_desktop.ui.journal_model import GROUP_ROLE
from ejournal_desktop.ui.month_header import MonthHeader
from ejournal_desktop.ui.student_header import StudentHeader

ROW_HEIGHT = 29
LEFT_CENTER = Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter


def _students_model() -> QStandardItemModel:
    model = QStandardItemModel(6, 5)
    for row in range(6):
        item = QStandardItem(f"{row + 1}. Иванов{'ский' * (row % 3)} И. И.")
        item.setTextAlignment(LEFT_CENTER)
        if row == 2:  # a student who left the group: italic and grey, as the journal shows them
            font = QFont()
            font.setItalic(True)
            item.setFont(font)
            item.setForeground(QBrush(QColor("#8a8a8a")))
        model.setVerticalHeaderItem(row, item)
    return model


def _table(qtbot, header: QHeaderView) -> QTableView:  # type: ignore[no-untyped-def]
    table = QTableView()
    qtbot.addWidget(table)
    table.setVerticalHeader(header)
    header.setDefaultSectionSize(ROW_HEIGHT)
    table.setModel(_students_model())
    table.resize(500, 300)  # taller than the rows: the empty area below is painted too
    table.show()
    model = table.model()
    selection = table.selectionModel()
    whole_row = QItemSelection(model.index(1, 0), model.index(1, 4))
    some_cells = QItemSelection(model.index(3, 1), model.index(4, 2))
    selection.select(whole_row, QItemSelectionModel.SelectionFlag.Select)
    selection.select(some_cells, QItemSelectionModel.SelectionFlag.Select)
    return table


def _qt_vertical_header() -> QHeaderView:
    header = QHeaderView(Qt.Orientation.Vertical)
    header.setSectionsClickable(True)
    header.setHighlightSections(True)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
    header.setDefaultAlignment(LEFT_CENTER)
    return header


def _image(header: QHeaderView) -> QImage:
    return header.viewport().grab().toImage()


def test_student_header_paints_and_sizes_as_qt_does(qtbot) -> None:  # type: ignore[no-untyped-def]
    ours = _table(qtbot, StudentHeader())
    qts = _table(qtbot, _qt_vertical_header())
    qtbot.waitExposed(ours)
    qtbot.waitExposed(qts)

    assert ours.verticalHeader().sizeHint().width() == qts.verticalHeader().sizeHint().width()
    ours_image, qt_image = _image(ours.verticalHeader()), _image(qts.verticalHeader())
    assert ours_image.size() == qt_image.size()
    assert ours_image == qt_image  # the selected row bold and sunken, the crossed rows bold, the left one grey

    # The state matters: with nothing selected the picture changes, on both alike.
    ours.clearSelection()
    qts.clearSelection()
    assert _image(ours.verticalHeader()) != ours_image
    assert _image(ours.verticalHeader()) == _image(qts.verticalHeader())


def test_student_header_grows_with_a_longer_name(qtbot) -> None:  # type: ignore[no-untyped-def]
    table = _table(qtbot, StudentHeader())
    header = table.verticalHeader()
    before = header.sizeHint().width()
    model = table.model()
    assert isinstance(model, QStandardItemModel)
    model.setVerticalHeaderItem(0, QStandardItem("1. Константинопольская-Преображенская А. А."))
    assert header.sizeHint().width() > before


def _months_model() -> QStandardItemModel:
    model = QStandardItemModel(3, 6)
    september, october = "Сентябрь", "Октябрь"
    days = (("02.09", september), ("09.09", september), ("16.09", september), ("07.10", october), ("14.10", october))
    for column, (day, month) in enumerate(days):
        model.setHeaderData(column, Qt.Orientation.Horizontal, day)
        model.setHeaderData(column, Qt.Orientation.Horizontal, month, GROUP_ROLE)
    model.setHeaderData(5, Qt.Orientation.Horizontal, "Сем.")
    model.setHeaderData(5, Qt.Orientation.Horizontal, "Итог", GROUP_ROLE)
    return model


@pytest.mark.parametrize("scrolled", [0, 30])
def test_month_header_dates_as_qt_paints_them_under_one_band_per_month(qtbot, scrolled: int) -> None:  # type: ignore[no-untyped-def]
    model = _months_model()
    ours = MonthHeader()
    qt = QHeaderView(Qt.Orientation.Horizontal)
    for header in (ours, qt):
        qtbot.addWidget(header)
        header.setModel(model)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
        header.setSectionsClickable(True)
        header.setHighlightSections(True)
        header.setDefaultSectionSize(46)
    band = ours.band_height()
    width = 46 * 6 + 60  # room past the last column: the empty area
    ours.resize(width, 2 * band)
    qt.resize(width, band)
    for header in (ours, qt):
        header.show()
        header.setOffset(scrolled)
    qtbot.waitExposed(ours)
    qtbot.waitExposed(qt)

    ours_image, qt_image = _image(ours), _image(qt)
    dates = ours_image.copy(0, band, width, band)
    assert dates == qt_image

    # The band: no seam between the columns of one month, a line where the month ends.
    button = ours.palette().color(QPalette.ColorRole.Button)
    seam_y = band // 4  # above the month's name
    inside_september = ours.sectionViewportPosition(1) - 1  # the last pixel of «02.09»
    end_of_september = ours.sectionViewportPosition(3) - 1
    assert ours_image.pixelColor(QPoint(inside_september, seam_y)) == button
    assert ours_image.pixelColor(QPoint(end_of_september, seam_y)) != button
