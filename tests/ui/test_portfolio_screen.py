"""The portfolio screen on the demo college: every service call off the GUI thread, with real clicks and keys.

The loads are held at a gate (tests/ui/conftest.hold_at_gate) to show what the screen does meanwhile:
it answers, says «Загрузка…», disables what would clash; and the answer for a student no longer
chosen never overwrites the chosen one.
"""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path

from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtWidgets import QApplication

from ejournal_desktop.services import auth, portfolio
from ejournal_desktop.services.auth import Profile, UserSession
from ejournal_desktop.ui.portfolio_screen import PortfolioScreen
from tests.conftest import DEMO_PASSWORD
from tests.ui.conftest import hold_at_gate, type_text

WAIT_MS = 10_000


def _session(demo_file: Path, login: str) -> UserSession:
    return auth.login(Profile(name="Демо", kind="embedded", path=str(demo_file)), login, DEMO_PASSWORD)


def _screen(qtbot, session: UserSession) -> PortfolioScreen:  # type: ignore[no-untyped-def]
    screen = PortfolioScreen(session)
    qtbot.addWidget(screen)
    screen.resize(1100, 500)
    screen.show()
    qtbot.waitExposed(screen)
    return screen


def _loaded(qtbot, screen: PortfolioScreen) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: screen.shown is not None and not screen.busy, timeout=WAIT_MS)
    assert screen.shown is not None and screen.shown.student_id == screen.student_id()


def _finish(screen: PortfolioScreen, session: UserSession) -> None:
    screen.close()
    QThreadPool.globalInstance().waitForDone(WAIT_MS)
    QApplication.processEvents()
    session.close()


def _click(qtbot, button) -> None:  # type: ignore[no-untyped-def]
    assert button.isVisible() and button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_loading_runs_off_the_gui_thread_and_shows_its_busy_state(qtbot, demo_file: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Held at the gate, the student list and then a student's portfolio are read in a worker: the
    screen is built and answers meanwhile, says «Загрузка…» and has nothing to press; once the gate
    opens it fills. Were the calls made on the GUI thread, building the screen would block on the gate."""
    session = _session(demo_file, "kurator")
    students_gate = hold_at_gate(monkeypatch, portfolio, "portfolio_students", WAIT_MS)
    items_gate = hold_at_gate(monkeypatch, portfolio, "student_portfolio", WAIT_MS)
    screen = _screen(qtbot, session)
    qtbot.waitUntil(lambda: bool(students_gate.calls), timeout=WAIT_MS)
    assert students_gate.calls[0][0] is not threading.main_thread()
    assert screen.busy and screen.busy_label.text() == "Загрузка…" and screen.busy_label.isVisible()
    assert screen.student_combo.count() == 0 and not screen.student_combo.isEnabled()
    for button in (screen.add_button, screen.confirm_button, screen.delete_button, screen.pdf_button):
        assert not button.isEnabled()
    assert screen.add_button.isVisible() and screen.confirm_button.isVisible()  # the curator's, from the matrix

    students_gate.open()
    qtbot.waitUntil(lambda: screen.student_combo.count() > 0 and bool(items_gate.calls), timeout=WAIT_MS)
    assert items_gate.calls[0][0] is not threading.main_thread()
    assert screen.busy_label.text() == "Загрузка…" and screen.model.rowCount() == 0
    assert not screen.add_button.isEnabled() and screen.student_combo.isEnabled()

    items_gate.open()
    _loaded(qtbot, screen)
    shown = screen.shown
    assert shown.writable and shown.confirmable
    assert screen.busy_label.text() == "" and screen.add_button.isEnabled() and screen.confirm_button.isEnabled()
    assert screen.model.rowCount() == len(shown.items)
    assert screen.summary.text() == f"Достижений: {len(shown.items)}, подтверждено: {shown.confirmed_count}"
    _finish(screen, session)


def test_a_late_answer_for_the_previous_student_is_dropped(qtbot, demo_file: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Student B is chosen with the keyboard and held at the gate; then C is chosen and read at once.
    B's answer, let through last, must not replace C's portfolio."""
    session = _session(demo_file, "kurator")
    screen = _screen(qtbot, session)
    _loaded(qtbot, screen)
    assert screen.student_combo.count() >= 3
    real = portfolio.student_portfolio
    gate = hold_at_gate(monkeypatch, portfolio, "student_portfolio", WAIT_MS)
    screen.student_combo.setFocus()
    qtbot.keyClick(screen.student_combo, Qt.Key.Key_Down)
    qtbot.waitUntil(lambda: bool(gate.calls), timeout=WAIT_MS)
    held_for = screen.student_id()
    assert screen.shown is None and screen.model.rowCount() == 0 and screen.busy_label.text() == "Загрузка…"
    assert not screen.add_button.isEnabled() and not screen.delete_button.isEnabled()

    monkeypatch.setattr(portfolio, "student_portfolio", real)
    qtbot.keyClick(screen.student_combo, Qt.Key.Key_Down)
    chosen = screen.student_id()
    assert chosen != held_for
    # C's answer is in; B's is still held, so the screen still says it is loading nothing newer.
    qtbot.waitUntil(lambda: screen.shown is not None, timeout=WAIT_MS)
    assert screen.shown.student_id == chosen
    expected = real(session, chosen)
    gate.open()
    QThreadPool.globalInstance().waitForDone(WAIT_MS)
    qtbot.wait(50)  # B's queued answer reaches the GUI thread
    assert screen.shown.student_id == chosen == screen.student_id()
    assert [r.id for r in screen.model.rows] == [i.id for i in expected.items]
    assert not screen.busy
    _finish(screen, session)


def test_the_curator_adds_confirms_saves_the_file_writes_the_pdf_and_deletes(
    qtbot, demo_file: Path, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    session = _session(demo_file, "kurator")
    screen = _screen(qtbot, session)
    _loaded(qtbot, screen)
    student_id = screen.student_id()
    before = len(screen.model.rows)
    notes: list[str] = []
    screen.inform = notes.append
    screen.warn = notes.append

    # Ctrl+N opens the dialog; an empty title is refused in the dialog, which stays open.
    qtbot.keyClick(screen, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: screen.add_dialog is not None and screen.add_dialog.isVisible(), timeout=WAIT_MS)
    dialog = screen.add_dialog
    _click(qtbot, dialog.ok_button)
    qtbot.waitUntil(lambda: dialog.error.text() != "", timeout=WAIT_MS)
    assert dialog.error.text() == "Укажите название достижения" and dialog.isVisible()

    scan = tmp_path / "диплом.txt"
    scan.write_bytes(b"scan of the diploma")
    dialog.choose_scan = lambda: str(scan)
    _click(qtbot, dialog.choose_button)
    assert dialog.file_label.text() == "диплом.txt"
    dialog.title.setFocus()
    type_text(qtbot, dialog.title, "Конкурс «Лучший тракторист»")
    dialog.result.setFocus()
    type_text(qtbot, dialog.result, "победитель")
    _click(qtbot, dialog.ok_button)
    qtbot.waitUntil(lambda: screen.add_dialog is None, timeout=WAIT_MS)
    qtbot.waitUntil(lambda: len(screen.model.rows) == before + 1 and not screen.busy, timeout=WAIT_MS)
    item = screen.current()
    assert item is not None and item.id == dialog.item_id and item.title == "Конкурс «Лучший тракторист»"
    assert item.achieved_on == dt.date.today() and item.file_name == "диплом.txt" and not item.confirmed

    _click(qtbot, screen.confirm_button)
    assert screen.busy_label.text() == "Сохранение…" or screen.current().confirmed
    qtbot.waitUntil(
        lambda: not screen.busy and screen.current() is not None and screen.current().confirmed, timeout=WAIT_MS
    )
    assert screen.current().id == item.id and screen.current().confirmed_by

    target = tmp_path / "скан.txt"
    screen.choose_save_file = lambda name: str(target) if name == "диплом.txt" else None
    screen.save_file()
    qtbot.waitUntil(lambda: bool(notes), timeout=WAIT_MS)
    assert notes.pop() == f"Сохранено: {target}" and target.read_bytes() == b"scan of the diploma"

    pdf = tmp_path / "портфолио.pdf"
    suggested: list[str] = []
    screen.choose_pdf_file = lambda name: suggested.append(name) or str(pdf)
    screen.activateWindow()  # the offscreen platform gives it back to no window once the dialog is gone
    qtbot.waitUntil(lambda: QApplication.activeWindow() is screen, timeout=WAIT_MS)
    qtbot.keyClick(screen, Qt.Key.Key_P, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: bool(notes), timeout=WAIT_MS)
    assert notes.pop() == f"Сохранено: {pdf}" and pdf.read_bytes().startswith(b"%PDF")
    assert suggested[0].startswith("Портфолио ") and suggested[0].endswith(".pdf")

    asked: list[str] = []
    screen.confirm = lambda text: asked.append(text) or True
    _click(qtbot, screen.delete_button)
    qtbot.waitUntil(lambda: not screen.busy and len(screen.model.rows) == before, timeout=WAIT_MS)
    assert asked == ["Удалить «Конкурс «Лучший тракторист»»?"] and not notes
    assert item.id not in {i.id for i in portfolio.list_items(session, student_id)}
    _finish(screen, session)


def test_a_refusal_is_shown_in_russian_and_the_portfolio_read_again(qtbot, demo_file: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The student may delete only unconfirmed items: deleting a confirmed one, the refusal comes back
    from the worker in Russian and the list is read again (the delete held at the gate meanwhile)."""
    curator = _session(demo_file, "kurator")
    session = _session(demo_file, "student")
    [me] = portfolio.portfolio_students(session)
    item_id = portfolio.add_item(
        session, me.student_id, achieved_on=dt.date.today(), kind="olympiad", title="Олимпиада", level="college"
    )
    portfolio.confirm(curator, item_id)
    curator.close()
    screen = _screen(qtbot, session)
    _loaded(qtbot, screen)
    assert screen.shown.writable and not screen.shown.confirmable
    assert screen.add_button.isVisible() and not screen.confirm_button.isVisible()
    warnings: list[str] = []
    screen.warn = warnings.append
    screen.confirm = lambda _text: True
    screen.view.selectRow(next(n for n, i in enumerate(screen.model.rows) if i.id == item_id))
    gate = hold_at_gate(monkeypatch, portfolio, "delete_item", WAIT_MS)
    _click(qtbot, screen.delete_button)
    qtbot.waitUntil(lambda: bool(gate.calls), timeout=WAIT_MS)
    assert gate.calls[0][0] is not threading.main_thread()
    assert screen.busy_label.text() == "Сохранение…"
    assert not screen.delete_button.isEnabled() and not screen.add_button.isEnabled()
    assert not screen.student_combo.isEnabled()
    gate.open()
    qtbot.waitUntil(lambda: bool(warnings) and not screen.busy, timeout=WAIT_MS)
    assert warnings == ["Подтверждённое достижение удаляет только куратор"]
    assert item_id in {i.id for i in screen.model.rows} and screen.delete_button.isEnabled()
    _finish(screen, session)
