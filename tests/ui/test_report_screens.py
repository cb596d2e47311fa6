"""«Моя группа», «Отчёты», «Контроль журналов» and the report preview, driven like a person would.

On a copy of the small demo college (SQLite, today = 29.11.2026), through the main window:
the curator types a справка and sees the absences become excused; the deputy builds a report and
saves it to XLSX; the preview prints to a PDF file through QPrinter; the deputy opens a journal
from the filling control and closes and reopens the period.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QDialog
from sqlalchemy import text

from ejournal_desktop.reports.catalog import ReportParams, build_report
from ejournal_desktop.reports.parent_letter import build_letters_with_recipients
from ejournal_desktop.services import auth, excuses
from ejournal_desktop.services import periods as period_service
from ejournal_desktop.ui.control_screen import ControlScreen
from ejournal_desktop.ui.main_window import MainWindow
from ejournal_desktop.ui.my_group_screen import ExcuseDialog, MyGroupScreen
from ejournal_desktop.ui.report_preview import RISK_COLOR, ReportPreview
from ejournal_desktop.ui.reports_screen import ReportsScreen
from tests.conftest import DEMO_PASSWORD, DEMO_TODAY
from tests.ui.conftest import hold_at_gate, type_text

WAIT_MS = 20_000


@pytest.fixture
def open_window(qtbot, demo_file: Path) -> Iterator:  # type: ignore[no-untyped-def]
    windows: list[MainWindow] = []

    def make(login: str) -> MainWindow:
        session = auth.login(auth.Profile(kind="embedded", path=str(demo_file)), login, DEMO_PASSWORD)
        window = MainWindow(session)
        qtbot.addWidget(window)
        window.show()
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.close_session()


def page_of(window: MainWindow, key: str, screen_type: type, qtbot, signal_name: str):  # type: ignore[no-untyped-def]
    """Open the section like a click on the navigation; the page is built today = DEMO_TODAY."""
    from ejournal_desktop.ui import main_window as mw

    factory = mw.PAGE_FACTORIES[key]
    mw.PAGE_FACTORIES[key] = lambda session, section: screen_type(session, section, today=DEMO_TODAY)
    try:
        page = window.page(key)
        screen = page.page if isinstance(page, ControlScreen) else page
        with qtbot.waitSignal(getattr(screen, signal_name), timeout=WAIT_MS):
            window.open_section(key)
    finally:
        mw.PAGE_FACTORIES[key] = factory
    assert isinstance(page, screen_type)
    return page


def test_curator_types_a_spravka_and_sees_the_absences_become_excused(qtbot, open_window) -> None:  # type: ignore[no-untyped-def]
    window = open_window("kurator")
    assert "my_group" in window.section_keys()
    screen: MyGroupScreen = page_of(window, "my_group", MyGroupScreen, qtbot, "loaded")
    assert screen.dashboard is not None and len(screen.student_lines()) == 21
    session = window.session
    # A day on which a student of the group has unexcused absences and no справка yet.
    with session.engine.connect() as conn:
        student_id, day, last_name, first_name = conn.execute(
            text(
                "SELECT a.student_id, l.held_on, p.last_name, p.first_name FROM attendance a "
                "JOIN lesson l ON l.id = a.lesson_id JOIN student s ON s.id = a.student_id "
                "JOIN person p ON p.id = s.person_id "
                "WHERE s.group_id = :g AND a.reason = 'unexcused' AND a.absent_hours > 0 AND l.held_on >= '2026-11-01' "
                "AND NOT EXISTS (SELECT 1 FROM excuse e WHERE e.student_id = a.student_id "
                "                AND l.held_on BETWEEN e.from_date AND e.to_date) "
                "ORDER BY l.held_on DESC, p.last_name LIMIT 1"
            ),
            {"g": screen.group_id()},
        ).one()
        day = dt.date.fromisoformat(str(day))
        hours = conn.execute(
            text(
                "SELECT sum(a.absent_hours) FROM attendance a JOIN lesson l ON l.id = a.lesson_id "
                "WHERE a.student_id = :s AND l.held_on = :d AND a.reason = 'unexcused' AND a.absent_hours > 0"
            ),
            {"s": student_id, "d": day.isoformat()},
        ).scalar_one()
    before = screen.line_of(student_id)
    assert before is not None
    shown: list[ExcuseDialog] = []

    def fill(dialog: ExcuseDialog) -> bool:
        shown.append(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        type_text(qtbot, dialog.student_combo.lineEdit(), f"{last_name} {first_name}")
        for field in (dialog.from_field, dialog.to_field):
            field.line.clear()
            qtbot.keyClicks(field.line, day.strftime("%d.%m.%Y"))
        type_text(qtbot, dialog.document_edit, "Справка ЦРБ № 77")
        qtbot.keyClick(dialog.document_edit, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: not dialog.saving, timeout=WAIT_MS)  # saved off the GUI thread
        return dialog.result() == QDialog.DialogCode.Accepted

    screen.ask_excuse = fill
    screen.student_table.setFocus()
    with qtbot.waitSignal(screen.loaded, timeout=WAIT_MS):
        qtbot.keyClick(screen.student_table, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert shown and shown[0].result_value is not None
    assert shown[0].result_value.hours == hours
    after = screen.line_of(student_id)
    assert after is not None
    assert after.excused_hours == before.excused_hours + hours
    assert after.sick_hours == before.sick_hours + hours  # «болезнь» is the first choice
    assert after.absent_hours == before.absent_hours
    excuse = next(e for e in screen.excuse_model.rows if e.document == "Справка ЦРБ № 77")
    assert (excuse.student_id, excuse.from_date, excuse.to_date, excuse.hours) == (student_id, day, day, hours)

    # Deleting it (Delete on the list, confirmed) makes them unexcused again.
    screen.tabs.setCurrentIndex(1)
    row = screen.excuse_model.rows.index(excuse)
    screen.excuse_table.setCurrentIndex(screen.excuse_table.model().index(row, 0))
    screen.excuse_table.setFocus()
    screen.confirm = lambda _text: True
    with qtbot.waitSignal(screen.loaded, timeout=WAIT_MS):
        qtbot.keyClick(screen.excuse_table, Qt.Key.Key_Delete)
    restored = screen.line_of(student_id)
    assert restored is not None and restored.excused_hours == before.excused_hours
    assert all(e.document != "Справка ЦРБ № 77" for e in screen.excuse_model.rows)


def test_a_bad_spravka_keeps_the_dialog_open_with_the_reason(qtbot, open_window) -> None:  # type: ignore[no-untyped-def]
    window = open_window("kurator")
    screen: MyGroupScreen = page_of(window, "my_group", MyGroupScreen, qtbot, "loaded")
    dialog = screen.make_excuse_dialog()
    qtbot.addWidget(dialog)
    dialog.show()
    type_text(qtbot, dialog.student_combo.lineEdit(), "Никого Нет")
    dialog.try_save()
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert "Выберите обучающегося" in dialog.error_label.text()
    dialog.student_combo.setCurrentIndex(0)
    dialog.to_field.line.setText("31.02.2026")
    dialog.try_save()
    assert "По" in dialog.error_label.text()
    # The service's own refusal comes back from the worker: the dialog stays, the field is marked.
    dialog.to_field.line.setText(dialog.from_field.line.text())
    dialog.try_save()
    assert dialog.saving and not dialog.save_button.isEnabled()
    qtbot.waitUntil(lambda: not dialog.saving, timeout=WAIT_MS)
    assert dialog.result() != QDialog.DialogCode.Accepted and dialog.save_button.isEnabled()
    assert "Укажите документ" in dialog.error_label.text()
    assert dialog.document_edit.styleSheet() and not dialog.busy_label.isVisible()


def test_saving_and_deleting_a_spravka_run_off_the_gui_thread(qtbot, open_window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The excuses service is held at a gate in its worker: the GUI has come back and shows
    «Сохранение…» / «Удаление справки…» with the button disabled; the result shows once the gate
    opens. Were the call made on the GUI thread, the click would block on the gate."""
    window = open_window("kurator")
    screen: MyGroupScreen = page_of(window, "my_group", MyGroupScreen, qtbot, "loaded")
    student = screen.student_lines()[0]
    held = hold_at_gate(monkeypatch, excuses, "create_excuse", WAIT_MS)

    def fill(dialog: ExcuseDialog) -> bool:
        dialog.show()
        qtbot.waitExposed(dialog)
        dialog.student_combo.setCurrentIndex(dialog.student_combo.findData(student.student_id))
        type_text(qtbot, dialog.document_edit, "Справка № 5 от 29.11.2026")
        qtbot.keyClick(dialog.document_edit, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: bool(held.calls), timeout=WAIT_MS)
        assert held.calls[0][0] is not threading.main_thread()
        assert dialog.saving and not dialog.save_button.isEnabled()
        assert dialog.busy_label.isVisible() and dialog.busy_label.text() == "Сохранение…"
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)  # not while the справка is on its way
        qtbot.keyClick(dialog.document_edit, Qt.Key.Key_Return)  # nor a second save
        assert dialog.isVisible() and len(held.calls) == 1
        held.open()
        qtbot.waitUntil(lambda: not dialog.saving, timeout=WAIT_MS)
        return dialog.result() == QDialog.DialogCode.Accepted

    screen.ask_excuse = fill
    screen.tabs.setCurrentIndex(1)
    with qtbot.waitSignal(screen.loaded, timeout=WAIT_MS):
        qtbot.mouseClick(screen.add_excuse_button, Qt.MouseButton.LeftButton)
    assert screen.note.text().startswith("Справка сохранена")
    excuse = next(e for e in screen.excuse_model.rows if e.document == "Справка № 5 от 29.11.2026")

    screen.excuse_table.setCurrentIndex(screen.excuse_model.index(screen.excuse_model.rows.index(excuse), 0))
    asked: list[str] = []
    screen.confirm = lambda question: asked.append(question) or True
    gate = hold_at_gate(monkeypatch, excuses, "delete_excuse", WAIT_MS)
    qtbot.mouseClick(screen.delete_excuse_button, Qt.MouseButton.LeftButton)
    assert len(asked) == 1 and "Справка № 5" in asked[0]  # asked on the GUI thread, before the call
    qtbot.waitUntil(lambda: bool(gate.calls), timeout=WAIT_MS)
    assert gate.calls[0][0] is not threading.main_thread()
    assert not screen.delete_excuse_button.isEnabled()
    assert screen.busy_label.isVisible() and screen.busy_label.text() == "Удаление справки…"
    screen.excuse_table.setFocus()
    qtbot.keyClick(screen.excuse_table, Qt.Key.Key_Delete)  # no second deletion meanwhile
    assert len(asked) == 1 and len(gate.calls) == 1
    assert excuse in screen.excuse_model.rows
    with window.session.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM excuse WHERE id = :e"), {"e": excuse.id}).scalar() == 1
    with qtbot.waitSignal(screen.loaded, timeout=WAIT_MS):
        gate.open()
    assert screen.delete_excuse_button.isEnabled() and not screen.busy_label.isVisible()
    assert all(e.id != excuse.id for e in screen.excuse_model.rows)
    assert screen.note.text().startswith("Справка удалена")
    with window.session.engine.connect() as conn:
        assert conn.execute(text("SELECT count(*) FROM excuse WHERE id = :e"), {"e": excuse.id}).scalar() == 0


def test_deputy_builds_a_report_and_saves_xlsx(qtbot, open_window, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window("zamdir")
    screen: ReportsScreen = page_of(window, "reports", ReportsScreen, qtbot, "ready")
    keys = [spec.key for spec in screen.specs]
    assert "attendance-summary" in keys and "filling-control" in keys and "usage-stats" not in keys
    screen.select("attendance-summary")
    assert not screen.form.isRowVisible(screen.month_list)
    screen.group_combo.setCurrentIndex(screen.group_combo.findText("23-ТЭ"))
    with qtbot.waitSignal(screen.preview.built, timeout=WAIT_MS):
        qtbot.mouseClick(screen.build_button, Qt.MouseButton.LeftButton)
    report = screen.preview.report
    assert report is not None and report.key == "attendance-summary"
    target = tmp_path / "посещаемость.xlsx"
    with qtbot.waitSignal(screen.preview.saved, timeout=WAIT_MS):
        screen.preview.save_xlsx(target)
    book = load_workbook(target)
    values = [cell.value for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]
    names = [row.values[1] for row in report.sheets[0].body]
    assert names and names[0] in values
    assert any(isinstance(v, int | float) and not isinstance(v, bool) for v in values)

    # The monthly report asks for months: the current one is ticked, and a sheet per month comes out.
    screen.select("attendance-month")
    assert screen.form.isRowVisible(screen.month_list)
    assert screen.checked_months() == ((2026, 11),)
    screen.month_list.item(1).setCheckState(Qt.CheckState.Checked)  # October
    with qtbot.waitSignal(screen.preview.built, timeout=WAIT_MS):
        qtbot.keyClick(screen.report_list, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert screen.preview.tabs.count() == 2


def test_preview_shows_merged_headers_numbers_and_risk_and_prints_to_pdf(qtbot, demo_file: Path, tmp_path) -> None:  # type: ignore[no-untyped-def]
    session = auth.login(auth.Profile(kind="embedded", path=str(demo_file)), "zamdir", DEMO_PASSWORD)
    try:
        params = ReportParams(period_id=3, group_id=None, days=3, today=DEMO_TODAY)
        report = build_report(session, "filling-control", params)
    finally:
        session.close()
    preview = ReportPreview()
    qtbot.addWidget(preview)
    preview.set_report(report)
    view = preview.sheet_view(0)
    model = view.model
    assert model.header_count == 2
    assert (0, 6, 1, 2) in model.spans()  # «Прошедших занятий» over two columns
    assert view.table.columnSpan(0, 6) == 2 and view.table.rowSpan(0, 0) == 2
    sheet = report.sheets[0]
    first = model.header_count
    percent_column = len(sheet.columns) - 1
    shown = model.index(first, percent_column).data()
    assert shown.endswith(" %") and "," in shown  # 70,6 %: a decimal comma
    alignment = model.index(first, percent_column).data(Qt.ItemDataRole.TextAlignmentRole)
    assert alignment & int(Qt.AlignmentFlag.AlignRight)
    risky = [i for i, row in enumerate(sheet.body) if row.style.value == "risk"]
    assert risky  # journals with no entry for more than 3 days
    brush = model.index(first + risky[0], 1).data(Qt.ItemDataRole.BackgroundRole)
    assert isinstance(brush, QBrush) and brush.color().name() == RISK_COLOR
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    target = tmp_path / "печать.pdf"
    printer.setOutputFileName(str(target))
    with qtbot.waitSignal(preview.printed, timeout=WAIT_MS):
        assert preview.print_report(printer)
    text_ = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(target).pages)
    assert "Своевременность заполнения журналов" in text_
    assert str(sheet.body[0].values[1]).split()[0] in text_  # the first teacher's surname


def test_deputy_opens_a_journal_from_the_control_and_closes_the_period(qtbot, open_window) -> None:  # type: ignore[no-untyped-def]
    window = open_window("zamdir")
    screen: ControlScreen = page_of(window, "control", ControlScreen, qtbot, "loaded")
    page = screen.page
    assert page.days_spin.value() == 7
    view = page.preview.sheet_view(0)
    first = view.model.header_count
    assignment_id = page.assignment_at(first)
    assert assignment_id is not None
    index = view.model.index(first, 1)
    view.table.setCurrentIndex(index)
    view.table.setFocus()
    with qtbot.waitSignal(screen.journal_opened, timeout=WAIT_MS) as opened:
        qtbot.keyClick(view.table, Qt.Key.Key_Return)
    journal = opened.args[0]
    qtbot.waitUntil(lambda: journal.model is not None, timeout=WAIT_MS)
    assert journal.assignment_id == assignment_id
    assert journal.model.journal.read_only_reason  # the deputy reads, never writes
    journal.back_button.click()
    assert screen.stack.currentWidget() is page
    # A double click on the next row opens that journal.
    second = view.model.index(first + 1, 3)
    where = view.table.visualRect(second).center()
    with qtbot.waitSignal(screen.journal_opened, timeout=WAIT_MS) as opened:
        qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=where)
        qtbot.mouseDClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=where)
    assert opened.args[0].assignment_id == page.assignment_at(first + 1)
    screen.back()

    page.confirm = lambda _text: True
    assert page.close_button.text() == "Закрыть период…"
    with qtbot.waitSignal(page.loaded, timeout=WAIT_MS):  # closed off the GUI thread, then shown again
        page.close_button.click()
    assert page.period() is not None and page.period().is_closed
    assert page.close_button.text() == "Открыть период…"
    with window.session.engine.connect() as conn:
        assert conn.execute(text("SELECT closed_at FROM period WHERE id = 3")).scalar() is not None
    with qtbot.waitSignal(page.loaded, timeout=WAIT_MS):
        page.close_button.click()
    assert page.close_button.text() == "Закрыть период…" and page.period_state.text() == "Период открыт"
    with window.session.engine.connect() as conn:
        assert conn.execute(text("SELECT closed_at FROM period WHERE id = 3")).scalar() is None


def test_closing_a_period_runs_off_the_gui_thread(qtbot, open_window, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The question comes first, on the GUI thread; then `close_period` is held at a gate in its
    worker while the screen shows «Закрытие периода…» with the button disabled."""
    window = open_window("zamdir")
    screen: ControlScreen = page_of(window, "control", ControlScreen, qtbot, "loaded")
    page = screen.page
    period = page.period()
    assert period is not None and not period.is_closed
    asked: list[str] = []
    page.confirm = lambda question: asked.append(question) or True
    gate = hold_at_gate(monkeypatch, period_service, "close_period", WAIT_MS)
    qtbot.mouseClick(page.close_button, Qt.MouseButton.LeftButton)
    assert len(asked) == 1 and asked[0].startswith(f"Закрыть период «{period.label}»?")
    qtbot.waitUntil(lambda: bool(gate.calls), timeout=WAIT_MS)
    assert gate.calls[0][0] is not threading.main_thread()
    assert not page.close_button.isEnabled()
    assert page.busy_label.isVisible() and page.busy_label.text() == "Закрытие периода…"
    assert page.period_state.text() == "Период открыт"
    page.toggle_period()  # a second click meanwhile changes nothing
    assert len(asked) == 1 and len(gate.calls) == 1
    with window.session.engine.connect() as conn:
        query = text("SELECT closed_at FROM period WHERE id = :p")
        assert conn.execute(query, {"p": period.id}).scalar() is None
    with qtbot.waitSignal(page.loaded, timeout=WAIT_MS):
        gate.open()
    assert page.close_button.isEnabled() and not page.busy_label.isVisible()
    assert page.close_button.text() == "Открыть период…" and page.period_state.text() == "Период закрыт"
    with window.session.engine.connect() as conn:
        assert conn.execute(query, {"p": period.id}).scalar() is not None


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS:UserWarning")
def test_admin_sets_up_mail_and_the_curator_sends_a_letter(qtbot, open_window, memory_keyring) -> None:  # type: ignore[no-untyped-def]
    from ejournal_desktop.services import mailer
    from ejournal_desktop.ui.smtp_settings import SmtpSettingsDialog
    from tests.test_mailer import SMTP_PASSWORD, running_smtp

    with running_smtp(SMTP_PASSWORD) as (inbox, port):
        admin = open_window("admin")
        dialog = SmtpSettingsDialog(admin.session)
        qtbot.addWidget(dialog)
        dialog.show()
        tab = dialog.tab
        for edit, value in (
            (tab.host_edit, "127.0.0.1"),
            (tab.user_edit, "ej"),
            (tab.sender_edit, "ej@college.example"),
        ):
            edit.clear()
            qtbot.keyClicks(edit, value)
        tab.security_combo.setCurrentIndex(tab.security_combo.findData("none"))
        tab.port_spin.setValue(port)
        qtbot.keyClicks(tab.password_edit, SMTP_PASSWORD)
        tab.remember_box.setChecked(True)
        with qtbot.waitSignal(dialog.accepted, timeout=WAIT_MS):
            qtbot.keyClick(tab.sender_edit, Qt.Key.Key_Return)
        assert list(memory_keyring.passwords.values()) == [SMTP_PASSWORD]
        with admin.session.engine.connect() as conn:
            stored = " ".join(v for (v,) in conn.execute(text("SELECT value FROM app_setting")).all())
        assert SMTP_PASSWORD not in stored and "127.0.0.1" in stored

        window = open_window("kurator")
        screen: ReportsScreen = page_of(window, "reports", ReportsScreen, qtbot, "ready")
        screen.select("parent-letter")
        assert screen.form.isRowVisible(screen.student_combo)
        qtbot.waitUntil(lambda: screen.student_combo.count() > 1, timeout=WAIT_MS)
        _letters, letters = build_letters_with_recipients(window.session, screen.params())
        recipients, _without = mailer.letter_addresses(letters)
        one = recipients[0]
        screen.student_combo.setCurrentIndex(screen.student_combo.findData(one.student_id))
        with qtbot.waitSignal(screen.preview.built, timeout=WAIT_MS):
            screen.build_button.click()
        assert screen.send_button.isVisible()
        assert screen.mailer is not None
        results: list[mailer.SendReport] = []
        screen.mailer.show_result = results.append
        screen.mailer.ask_password = lambda _settings: pytest.fail("the password is in the keyring")
        screen.send_button.click()
        qtbot.waitUntil(lambda: bool(results), timeout=WAIT_MS)
        sent = {r.email for r in results[0].sent}
        assert sent == {r.email for r in recipients if r.student_id == one.student_id}
        assert {rcpt[0] for rcpt, _message in inbox.messages} == sent
