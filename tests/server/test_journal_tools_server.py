"""The КТП, the timetable and the journal export on a real server, each person as their own login role:
row-level security agrees with the services, and the CLI export logs in with --login."""

from __future__ import annotations

import io

import psycopg
import pytest
from pypdf import PdfReader

from ejournal_desktop import cli
from ejournal_desktop.domain.errors import PermissionDenied
from ejournal_desktop.services import auth, ktp
from ejournal_desktop.services import gradebook as gb
from ejournal_desktop.services import timetable as tt
from tests.conftest import DEMO_TODAY
from tests.server.demo_server import PASSWORD

pytestmark = pytest.mark.pg


def test_ktp_timetable_and_export_as_login_roles(server_demo, monkeypatch, capsys, tmp_path) -> None:  # type: ignore[no-untyped-def]
    profile, url, db = server_demo.profile, server_demo.url, server_demo.db
    capsys.readouterr()
    teacher = auth.login(profile, "prepod", PASSWORD)
    deputy = auth.login(profile, "zamdir", PASSWORD)
    try:
        period = gb.current_period_id(teacher, DEMO_TODAY)
        summary = gb.my_journals(teacher, period, today=DEMO_TODAY)[0]
        aid = summary.assignment_id
        plan = ktp.load_ktp(teacher, aid)
        assert plan.topics and plan.writable
        added = ktp.insert_topic(teacher, aid, ktp.TopicDraft("Тема с сервера", 2), position=1)
        assert ktp.load_ktp(teacher, aid).topics[0].id == added.id
        ktp.delete_topic(teacher, added.id)
        assert [t.id for t in ktp.load_ktp(teacher, aid).topics] == [t.id for t in plan.topics]
        with pytest.raises(PermissionDenied):
            ktp.update_topic(deputy, plan.topics[0].id, title="Замдир правит")
        # Straight SQL, bypassing the services: the deputy has no grant; the teacher's own login
        # changes no other teacher's КТП (row-level security), though such rows exist.
        with deputy.engine.begin() as connection, pytest.raises(Exception, match="permission denied"):
            connection.exec_driver_sql("UPDATE plan_topic SET title = 'обход' WHERE assignment_id = %(a)s", {"a": aid})
        others = "assignment_id IN (SELECT id FROM teaching_assignment WHERE teacher_id <> %(p)s)"
        with teacher.engine.begin() as connection:
            changed = connection.exec_driver_sql(
                f"UPDATE plan_topic SET title = 'обход' WHERE {others}", {"p": teacher.user.person_id}
            ).rowcount
        assert changed == 0
        with psycopg.connect(host=url.host, port=url.port, user=url.username, password=url.password, dbname=db) as c:
            query = others.replace("%(p)s", str(teacher.user.person_id))
            assert c.execute(f"SELECT count(*) FROM plan_topic WHERE {query}").fetchone()[0] > 0
        tt.save_timetable(teacher, aid, [tt.Slot(2, 7)])
        result = tt.create_month_lessons(teacher, aid, 2026, 12)
        assert len(result.created) == 5 and result.holidays == ()  # Wednesdays of December 2026
        assert len(gb.open_journal(teacher, aid, today=DEMO_TODAY).lessons) == summary_lessons(teacher, aid)
    finally:
        teacher.close()
        deputy.close()

    target = tmp_path / "server.pdf"
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    argv = ["journal", "export", "--url", f"postgresql://{url.host}:{url.port}/{db}?sslmode=disable"]
    argv += ["--login", "prepod", "--group", summary.group_name, "--discipline", summary.discipline_code]
    argv += ["--period", "2026/2027-1", "--format", "pdf", "-o", str(target)]
    if summary.subgroup:
        argv += ["--subgroup", str(summary.subgroup)]
    assert cli.main(argv) == 0, capsys.readouterr().err
    text = "\n".join(page.extract_text() for page in PdfReader(str(target)).pages)
    assert summary.group_name in text and "Декабрь 2026" in text
    monkeypatch.setattr("sys.stdin", io.StringIO("wrong\n"))
    assert cli.main(argv) == 1
    assert "Неверный логин или пароль" in capsys.readouterr().err


def summary_lessons(session, aid: int) -> int:  # type: ignore[no-untyped-def]
    with session.engine.connect() as connection:
        return connection.exec_driver_sql(
            "SELECT count(*) FROM lesson WHERE assignment_id = %(a)s", {"a": aid}
        ).scalar()


def test_an_open_journal_takes_in_others_changes_keeping_the_cursor_and_typing(  # type: ignore[no-untyped-def]
    server_demo, qtbot
) -> None:
    import datetime as dt

    from PySide6.QtCore import Qt, QThreadPool
    from PySide6.QtWidgets import QAbstractItemView

    from ejournal_desktop.domain.marks import CellEntry
    from ejournal_desktop.ui.journal_view import JournalView
    from tests.ui.conftest import type_text

    wait_ms = 15_000
    mine = auth.login(server_demo.profile, "prepod", PASSWORD)
    other = auth.login(server_demo.profile, "prepod", PASSWORD)  # the same teacher on another PC
    view = None
    try:
        summary = gb.my_journals(mine, gb.current_period_id(mine, DEMO_TODAY), today=DEMO_TODAY)[1]
        aid = summary.assignment_id
        view = JournalView(mine, aid, today=DEMO_TODAY, retry_ms=100)
        qtbot.addWidget(view)
        view.resize(1300, 760)
        view.show()
        qtbot.waitUntil(lambda: view.model is not None, timeout=wait_ms)
        qtbot.waitUntil(lambda: view.listener is not None and view.listener.is_listening, timeout=wait_ms)
        model, grid = view.model, view.grid
        columns_before = len(model.lessons)

        # A lesson added elsewhere: a new column appears by itself.
        with qtbot.waitSignal(view.refreshed, timeout=wait_ms):
            lesson = gb.add_lesson(other, aid, DEMO_TODAY - dt.timedelta(days=1), 8)
        assert len(model.lessons) == columns_before + 1
        column = model.column_of_lesson(lesson.lesson_id)
        rows = [r for r in range(model.rowCount()) if model.is_editable(model.index(r, column))]

        # I am typing «4» in one cell (not committed yet); the other PC puts «5» in the next one.
        grid.setCurrentIndex(model.index(rows[0], column))
        grid.setFocus()
        type_text(qtbot, grid.focus_target(), "4")
        assert grid.state() == QAbstractItemView.State.EditingState
        theirs = model.students[rows[1]].student_id
        with qtbot.waitSignal(view.refreshed, timeout=wait_ms):
            gb.save_cell(other, lesson.lesson_id, theirs, CellEntry(("5",)), gb.EMPTY_CELL_STATE, today=DEMO_TODAY)
        assert model.text_at(model.index(rows[1], column)) == "5"
        assert grid.state() == QAbstractItemView.State.EditingState and grid.focus_target().text() == "4"
        assert grid.currentIndex() == model.index(rows[0], column)
        qtbot.keyClick(grid.focus_target(), Qt.Key.Key_Return)
        qtbot.waitUntil(view.queue.is_idle, timeout=wait_ms)
        stored = gb.open_journal(other, aid, today=DEMO_TODAY)
        assert stored.cell(model.students[rows[0]].student_id, lesson.lesson_id).marks == ("4",)
        assert stored.cell(theirs, lesson.lesson_id).marks == ("5",)

        # My own saves cause no refresh (their hints come from my own connections).
        grid.setCurrentIndex(model.index(rows[2], column))
        with qtbot.assertNotEmitted(view.refreshed, wait=1500):
            type_text(qtbot, grid.focus_target(), "3")
            qtbot.keyClick(grid.focus_target(), Qt.Key.Key_Return)
            qtbot.waitUntil(view.queue.is_idle, timeout=wait_ms)

        # A new lesson while I type: the columns change only after my cell is committed.
        grid.setCurrentIndex(model.index(rows[3], column))
        type_text(qtbot, grid.focus_target(), "2")
        gb.add_lesson(other, aid, DEMO_TODAY - dt.timedelta(days=2), 8)
        qtbot.wait(1500)
        assert len(model.lessons) == columns_before + 1 and grid.focus_target().text() == "2"
        with qtbot.waitSignal(view.refreshed, timeout=wait_ms):
            qtbot.keyClick(grid.focus_target(), Qt.Key.Key_Return)
        assert len(model.lessons) == columns_before + 2
        qtbot.waitUntil(view.queue.is_idle, timeout=wait_ms)
        key = (model.students[rows[3]].student_id, lesson.lesson_id)
        assert gb.open_journal(other, aid, today=DEMO_TODAY).cell(*key).marks == ("2",)
        assert model.text_at(model.index_of(key)) == "2"

        # The listening connection is cut: the thread reconnects and re-reads the journal once.
        listener = view.listener
        assert listener is not None and listener.backend_pid
        old_pid = listener.backend_pid
        with qtbot.waitSignal(view.refreshed, timeout=wait_ms), server_demo.superuser() as admin:
            admin.execute("SELECT pg_terminate_backend(%s)", (old_pid,))
            admin.commit()
        qtbot.waitUntil(lambda: listener.is_listening and listener.backend_pid != old_pid, timeout=wait_ms)
        third = model.students[rows[4]].student_id
        with qtbot.waitSignal(view.refreshed, timeout=wait_ms):
            gb.save_cell(other, lesson.lesson_id, third, CellEntry(("3",)), gb.EMPTY_CELL_STATE, today=DEMO_TODAY)
        assert model.text_at(model.index(rows[4], model.column_of_lesson(lesson.lesson_id))) == "3"
    finally:
        if view is not None:
            view.stop_listening()
        QThreadPool.globalInstance().waitForDone(wait_ms)
        mine.close()
        other.close()
