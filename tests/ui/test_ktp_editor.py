"""The КТП editor opened from a journal, driven by real key presses, on SQLite and PostgreSQL.

Its service calls run off the GUI thread: the tests wait for them (`_idle`, `waitUntil`), and one
test holds a save in the worker to see that the key press came back at once.
"""

from __future__ import annotations

import os
import threading

from PySide6.QtCore import Qt, QThreadPool
from PySide6.QtWidgets import QAbstractItemView, QApplication, QLineEdit, QWidget

from ejournal_desktop.reports.ktp_xlsx import write_ktp_xlsx
from ejournal_desktop.services import gradebook as gb
from ejournal_desktop.services import ktp
from ejournal_desktop.ui.journal_view import JournalView
from ejournal_desktop.ui.ktp_editor import KtpEditor
from tests.conftest import DEMO_TODAY
from tests.ui.conftest import hold_at_gate, type_text

WAIT_MS = 10_000


def _open_view(qtbot, session, assignment_id: int) -> JournalView:  # type: ignore[no-untyped-def]
    view = JournalView(session, assignment_id, today=DEMO_TODAY)
    qtbot.addWidget(view)
    view.resize(1300, 760)
    view.show()
    qtbot.waitUntil(lambda: view.model is not None, timeout=WAIT_MS)
    return view


def _first_assignment(session) -> int:  # type: ignore[no-untyped-def]
    period = gb.current_period_id(session, DEMO_TODAY)
    return gb.my_journals(session, period, today=DEMO_TODAY)[0].assignment_id


def _cell_editor(editor: KtpEditor) -> QWidget:
    """The line edit the table opened in its current cell."""
    found = [w for w in editor.table.viewport().findChildren(QLineEdit) if w.isVisible()]
    assert len(found) == 1, "the cell editor is open"
    return found[0]


def _enter(qtbot, widget: QWidget) -> None:  # type: ignore[no-untyped-def]
    """Enter in a cell editor: the delegate commits on a queued call, so let the events run."""
    qtbot.keyClick(widget, Qt.Key.Key_Return)
    QApplication.processEvents()


def _idle(qtbot, editor: KtpEditor) -> None:  # type: ignore[no-untyped-def]
    """Wait until the editor's service calls (load, saves, row changes, files) have all come back."""
    qtbot.waitUntil(lambda: not editor.busy, timeout=WAIT_MS)
    assert editor.busy_label.text() == ""


def _open_editor(qtbot, view: JournalView) -> KtpEditor:  # type: ignore[no-untyped-def]
    assert view.ktp_action.isEnabled()
    view.grid.setFocus()
    qtbot.keyClick(view.grid, Qt.Key.Key_K, Qt.KeyboardModifier.ControlModifier)  # the toolbar's shortcut
    qtbot.waitUntil(lambda: view.ktp_editor is not None and view.ktp_editor.isVisible(), timeout=WAIT_MS)
    editor = view.ktp_editor
    assert editor is not None
    editor.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is editor, timeout=WAIT_MS)
    _idle(qtbot, editor)  # the plan was read in the background
    assert editor.plan is not None
    return editor


def test_edit_a_topic_by_typing_and_add_and_move_with_buttons(qtbot, act_as, tmp_path) -> None:  # type: ignore[no-untyped-def]
    session = act_as("prepod")
    aid = _first_assignment(session)
    view = _open_view(qtbot, session, aid)
    editor = _open_editor(qtbot, view)
    plan = editor.plan
    assert plan.topics and editor.add_button.isEnabled()
    assert editor.hours_label.text() == plan.hours_line
    if os.environ.get("EJOURNAL_SHOTS"):
        editor.grab().save(os.path.join(os.environ["EJOURNAL_SHOTS"], "ktp_editor.png"))

    # Type a new title into the second topic: the editor opens on the first key, Enter saves.
    index = editor.model.index(1, 2)
    editor.table.setCurrentIndex(index)
    editor.table.setFocus()
    qtbot.keyClick(editor.table, Qt.Key.Key_F2)
    cell_editor = _cell_editor(editor)
    cell_editor.selectAll()  # type: ignore[attr-defined]
    type_text(qtbot, cell_editor, "Почвы и их свойства")
    _enter(qtbot, cell_editor)
    _idle(qtbot, editor)
    stored = ktp.load_ktp(session, aid)
    assert stored.topics[1].title == "Почвы и их свойства"
    assert stored.topics[1].id == plan.topics[1].id

    # Hours: a wrong value is refused with a Russian message and nothing changes.
    editor.table.setCurrentIndex(editor.model.index(1, 3))
    qtbot.keyClick(editor.table, Qt.Key.Key_F2)
    hours_editor = _cell_editor(editor)
    hours_editor.selectAll()  # type: ignore[attr-defined]
    type_text(qtbot, hours_editor, "12")
    _enter(qtbot, hours_editor)
    qtbot.waitUntil(lambda: "Часы" in editor.error_label.text(), timeout=WAIT_MS)
    assert "от 1 до 8" in editor.error_label.text()
    _idle(qtbot, editor)
    assert ktp.load_ktp(session, aid).topics[1].hours == plan.topics[1].hours
    assert editor.model.index(1, 3).data() == plan.topics[1].hours  # the refused value went back

    # «Добавить тему» after the second one, then «Выше»: it becomes the second.
    qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: editor.table.state() == QAbstractItemView.State.EditingState, timeout=WAIT_MS)
    new_editor = _cell_editor(editor)
    new_editor.selectAll()  # type: ignore[attr-defined]
    type_text(qtbot, new_editor, "Новая тема урока")
    _enter(qtbot, new_editor)
    _idle(qtbot, editor)
    after_add = ktp.load_ktp(session, aid)
    assert len(after_add.topics) == len(plan.topics) + 1
    assert after_add.topics[2].title == "Новая тема урока"
    qtbot.mouseClick(editor.up_button, Qt.MouseButton.LeftButton)
    _idle(qtbot, editor)
    moved = ktp.load_ktp(session, aid)
    assert moved.topics[1].title == "Новая тема урока" and moved.topics[2].title == "Почвы и их свойства"
    assert editor.model.topics[1].title == "Новая тема урока"
    assert editor.current_topic().title == "Новая тема урока"

    # «Удалить» asks first.
    editor.confirm = lambda _text: True
    qtbot.mouseClick(editor.delete_button, Qt.MouseButton.LeftButton)
    _idle(qtbot, editor)
    assert [t.id for t in ktp.load_ktp(session, aid).topics] == [t.id for t in stored.topics]

    # Export, change nothing, import back: the same plan; the journal reloads when the editor closes.
    target = tmp_path / "ktp.xlsx"
    editor.choose_export_file = lambda _name: str(target)
    qtbot.mouseClick(editor.export_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "КТП сохранён" in editor.error_label.text(), timeout=WAIT_MS)
    assert target.exists()
    editor.choose_import_file = lambda: str(target)
    qtbot.mouseClick(editor.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Загружено тем" in editor.error_label.text(), timeout=WAIT_MS)
    _idle(qtbot, editor)
    assert [t.draft for t in ktp.load_ktp(session, aid).topics] == [t.draft for t in stored.topics]
    with qtbot.waitSignal(view.loaded, timeout=WAIT_MS):
        qtbot.mouseClick(editor.close_button, Qt.MouseButton.LeftButton)
    QThreadPool.globalInstance().waitForDone(WAIT_MS)


def test_a_bad_file_is_named_and_the_warning_shows(qtbot, act_as, tmp_path) -> None:  # type: ignore[no-untyped-def]
    session = act_as("prepod")
    aid = _first_assignment(session)
    ktp.replace_ktp(session, aid, [ktp.TopicDraft("Вводное занятие", 2)])
    view = _open_view(qtbot, session, aid)
    editor = _open_editor(qtbot, view)
    assert editor.warning_label.isVisible() and "Занятия вышли за план" in editor.warning_label.text()
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"junk")
    editor.choose_import_file = lambda: str(bad)
    editor.confirm = lambda _text: True
    qtbot.mouseClick(editor.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "не книга Excel" in editor.error_label.text(), timeout=WAIT_MS)
    _idle(qtbot, editor)
    assert editor.add_button.isEnabled() and editor.import_button.isEnabled()  # the rows are free again
    assert len(ktp.load_ktp(session, aid).topics) == 1
    good = write_ktp_xlsx(ktp.load_ktp(session, aid), tmp_path / "good.xlsx")
    assert good.exists()
    editor.close()
    QThreadPool.globalInstance().waitForDone(WAIT_MS)


def test_read_only_for_the_deputy(qtbot, act_as) -> None:  # type: ignore[no-untyped-def]
    teacher = act_as("prepod")
    aid = _first_assignment(teacher)
    deputy = act_as("zamdir")
    view = _open_view(qtbot, deputy, aid)
    editor = _open_editor(qtbot, view)
    assert not editor.add_button.isEnabled() and not editor.import_button.isEnabled()
    assert editor.export_button.isEnabled()
    assert "Только просмотр" in editor.warning_label.text()
    assert not (editor.model.flags(editor.model.index(0, 2)) & Qt.ItemFlag.ItemIsEditable)
    editor.close()
    QThreadPool.globalInstance().waitForDone(WAIT_MS)


def test_a_cell_is_saved_off_the_gui_thread_and_its_latest_value_wins(qtbot, act_as, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The save is held in the worker: the key press has come back, «Сохранение…» shows, the typed
    value is in the cell; a second value typed meanwhile waits its turn and is the one stored, and
    closing waits for it. Were the save made on the GUI thread, Enter would block on the gate and
    the call would be seen on the main thread."""
    session = act_as("prepod")
    aid = _first_assignment(session)
    view = _open_view(qtbot, session, aid)
    editor = _open_editor(qtbot, view)
    topic = editor.model.topics[0]
    gate = hold_at_gate(monkeypatch, ktp, "update_topic", WAIT_MS)
    calls = gate.calls
    editor.table.setCurrentIndex(editor.model.index(0, 2))
    editor.table.setFocus()
    for title in ("Первая версия темы", "Вторая версия темы"):
        qtbot.keyClick(editor.table, Qt.Key.Key_F2)
        cell_editor = _cell_editor(editor)
        cell_editor.selectAll()  # type: ignore[attr-defined]
        type_text(qtbot, cell_editor, title)
        _enter(qtbot, cell_editor)
        qtbot.waitUntil(lambda: bool(calls), timeout=WAIT_MS)  # the first save has started, in a worker
        assert calls[0][0] is not threading.main_thread()
        assert editor.busy and editor.busy_label.text() == "Сохранение…"
        assert editor.model.index(0, 2).data() == title  # shown at once
        assert editor.model.index(0, 2).data(Qt.ItemDataRole.ToolTipRole) == "Сохраняется…"
        assert ktp.load_ktp(session, aid).topics[0].title == topic.title  # still held at the gate
    assert len(calls) == 1  # the second save waits for the first

    qtbot.mouseClick(editor.close_button, Qt.MouseButton.LeftButton)
    assert editor.isVisible() and "окно закроется" in editor.busy_label.text()  # not closed over the saves
    with qtbot.waitSignal(view.loaded, timeout=WAIT_MS):  # closed once saved, and the journal re-read
        gate.open()
    assert [kwargs for _thread, kwargs in calls] == [{"title": "Первая версия темы"}, {"title": "Вторая версия темы"}]
    assert ktp.load_ktp(session, aid).topics[0].title == "Вторая версия темы"
    QThreadPool.globalInstance().waitForDone(WAIT_MS)
