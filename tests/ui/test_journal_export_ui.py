"""The journal view's «Экспорт в XLSX…» and «Печать в PDF…», pressed by their shortcuts."""

from __future__ import annotations

import os

from openpyxl import load_workbook
from pypdf import PdfReader
from PySide6.QtCore import Qt, QThreadPool

from ejournal_desktop.services import gradebook as gb
from ejournal_desktop.ui.journal_view import JournalView
from tests.conftest import DEMO_TODAY

WAIT_MS = 20_000
CTRL = Qt.KeyboardModifier.ControlModifier


def test_export_and_print_from_the_toolbar(qtbot, act_as, tmp_path) -> None:  # type: ignore[no-untyped-def]
    session = act_as("prepod")
    summary = gb.my_journals(session, gb.current_period_id(session, DEMO_TODAY), today=DEMO_TODAY)[0]
    view = JournalView(session, summary.assignment_id, today=DEMO_TODAY)
    qtbot.addWidget(view)
    view.resize(1300, 760)
    view.show()
    qtbot.waitUntil(lambda: view.model is not None, timeout=WAIT_MS)
    if os.environ.get("EJOURNAL_SHOTS"):
        view.grab().save(os.path.join(os.environ["EJOURNAL_SHOTS"], "journal_toolbar.png"))
    asked: list[tuple[str, str]] = []

    def choose(fmt: str, suggested: str) -> str:
        asked.append((fmt, suggested))
        return str(tmp_path / suggested)

    view.choose_export_path = choose
    view.grid.setFocus()
    with qtbot.waitSignal(view.exported, timeout=WAIT_MS) as xlsx:
        qtbot.keyClick(view.grid, Qt.Key.Key_E, CTRL)
    assert asked[0][0] == "xlsx" and summary.group_name in asked[0][1] and asked[0][1].endswith(".xlsx")
    book = load_workbook(xlsx.args[0])
    assert book["Успеваемость"].cell(2, 1).value == "Учёт успеваемости и посещаемости"
    assert "Журнал сохранён" in view.status.currentMessage()
    with qtbot.waitSignal(view.exported, timeout=WAIT_MS) as pdf:
        qtbot.keyClick(view.grid, Qt.Key.Key_P, CTRL)
    assert asked[1][0] == "pdf"
    assert summary.group_name in PdfReader(pdf.args[0]).pages[0].extract_text()
    view.choose_export_path = lambda _fmt, _name: None  # cancelled: nothing happens
    view.xlsx_action.trigger()
    assert view.xlsx_action.isEnabled()
    QThreadPool.globalInstance().waitForDone(WAIT_MS)
