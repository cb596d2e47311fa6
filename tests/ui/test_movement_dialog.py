"""«Движение…» with real key presses: from the student card and from the list (several students), a bad
date refused in Russian with nothing written, consents from the card, the «без согласия» filter,
the roster «на дату» dialog."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog

from ejournal_desktop.services import auth, consents
from ejournal_desktop.services import contingent as ct
from ejournal_desktop.ui.contingent_screen import ContingentScreen
from ejournal_desktop.ui.movement_dialog import MovementDialog
from ejournal_desktop.ui.partials.form_dialog import FormDialog
from ejournal_desktop.ui.roster_dialog import RosterDialog
from ejournal_desktop.ui.student_card import StudentCardDialog
from tests.ui.conftest import PASSWORD, type_text

SCREENSHOTS = os.environ.get("EJOURNAL_SCREENSHOTS")


def _shot(widget, name: str) -> None:  # type: ignore[no-untyped-def]
    if SCREENSHOTS:
        widget.grab().save(str(Path(SCREENSHOTS) / name))


@pytest.fixture
def secretary(college: auth.Profile):  # type: ignore[no-untyped-def]
    session = auth.login(college, "secretar", PASSWORD)
    specialty = ct.list_specialties(session)[0].id
    ct.save_group(session, {"name": "22-ВЕТ", "specialty_id": specialty, "course": 2, "admission_year": 2025})
    groups = {g.name: g.id for g in ct.list_groups(session)}
    for last, first, group in (("Ёлкина", "Анна", "21-ТО"), ("Елисеев", "Пётр", "21-ТО"), ("Орлов", "Иван", "21-ТО")):
        ct.create_student(session, {"last_name": last, "first_name": first, "group_id": groups[group]})
    yield session
    session.close()


def _student(session: auth.UserSession, last: str) -> ct.StudentRow:
    return next(s for s in ct.list_students(session) if s.last_name == last)


def _while_modal(qtbot, act: Callable[[QDialog], None], trigger: Callable[[], object]) -> object:  # type: ignore[no-untyped-def]
    """Run `trigger` (which opens a modal dialog, at once or — a shortcut's animated click — a moment
    later) and `act` on that dialog from inside its event loop; wait until it is closed again."""
    failures: list[BaseException] = []
    acted: list[bool] = []

    def step() -> None:
        if acted:
            return
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, step)
            return
        acted.append(True)
        try:
            act(dialog)
        except BaseException as exc:
            failures.append(exc)
            dialog.reject()

    QTimer.singleShot(0, step)
    result = trigger()
    qtbot.waitUntil(lambda: bool(acted) and QApplication.activeModalWidget() is None, timeout=5000)
    if failures:
        raise failures[0]
    return result


def _fill_order(qtbot, dialog: MovementDialog, number: str, order_day: str, effective_day: str) -> None:  # type: ignore[no-untyped-def]
    type_text(qtbot, dialog.order_no, number)
    for field, text in ((dialog.order_date, order_day), (dialog.effective_date, effective_day)):
        field.line.selectAll()
        qtbot.keyClick(field.line, Qt.Key.Key_Backspace)
        type_text(qtbot, field.line, text)


def test_movement_from_the_card_adds_a_history_row(qtbot, secretary) -> None:  # type: ignore[no-untyped-def]
    student = _student(secretary, "Ёлкина")
    card = StudentCardDialog(secretary, student.id)
    qtbot.addWidget(card)
    card.show()
    qtbot.waitExposed(card)
    card.activateWindow()
    qtbot.waitUntil(card.isActiveWindow)
    assert card.movements.rowCount() == 0
    groups = {g.name: g.id for g in ct.list_groups(secretary)}

    def act(dialog: QDialog) -> None:
        assert isinstance(dialog, MovementDialog)
        dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("transfer"))
        assert dialog.group_combo.isEnabled() and dialog.group_combo.currentText() == "22-ВЕТ"
        _fill_order(qtbot, dialog, "45-к", "01.10.2026", "05.10.2026")
        _shot(dialog, "movement_dialog.png")
        qtbot.keyClick(dialog.order_no, Qt.Key.Key_Return)  # Enter = «Провести приказ»

    # Ctrl+M: the card's shortcut for «Движение…».
    _while_modal(qtbot, act, lambda: qtbot.keyClick(card, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier))
    assert card.changed and card.movements.rowCount() == 1
    row = [card.movements.index(0, c).data() for c in range(card.movements.columnCount())]
    assert row[:5] == ["05.10.2026", "перевод", "21-ТО", "22-ВЕТ", "№ 45-к от 01.10.2026"]
    assert card.labels["Группа"].text() == "22-ВЕТ"
    assert ct.student_card(secretary, student.id).student.group_id == groups["22-ВЕТ"]
    card.resize(760, 600)
    _shot(card, "student_card_history.png")


def test_a_bad_date_is_refused_in_russian_and_nothing_is_written(qtbot, secretary) -> None:  # type: ignore[no-untyped-def]
    student = _student(secretary, "Елисеев")
    card = StudentCardDialog(secretary, student.id)
    qtbot.addWidget(card)
    card.show()
    seen: dict[str, str] = {}

    def act(dialog: QDialog) -> None:
        assert isinstance(dialog, MovementDialog)
        dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("expel"))
        _fill_order(qtbot, dialog, "46-к", "01.10.2026", "31.02.2026")
        qtbot.keyClick(dialog.order_no, Qt.Key.Key_Return)
        assert dialog.isVisible()
        seen["impossible"] = dialog.error_label.text()
        assert dialog.focusWidget() is dialog.effective_date.line  # the field named is focused
        dialog.effective_date.line.selectAll()
        type_text(qtbot, dialog.effective_date.line, "30.09.2026")  # before the order's date
        qtbot.keyClick(dialog.effective_date.line, Qt.Key.Key_Return)
        seen["earlier"] = dialog.error_label.text()
        dialog.order_no.clear()
        dialog.effective_date.line.setText("01.10.2026")
        qtbot.keyClick(dialog.order_no, Qt.Key.Key_Return)
        seen["number"] = dialog.error_label.text()
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    _while_modal(qtbot, act, card.move_button.click)
    assert seen["impossible"] == "Вступает в силу: Неверная дата «31.02.2026»: такого дня в календаре нет"
    assert seen["earlier"] == "Дата вступления в силу 30.09.2026 раньше даты приказа 01.10.2026"
    assert seen["number"] == "Не указан номер приказа"
    assert not card.changed and card.movements.rowCount() == 0
    card_now = ct.student_card(secretary, student.id)
    assert card_now.movements == [] and card_now.student.status == "studying"


def test_group_order_from_the_list(qtbot, secretary) -> None:  # type: ignore[no-untyped-def]
    screen = ContingentScreen(secretary)
    qtbot.addWidget(screen)
    screen.resize(1200, 600)
    screen.show()
    qtbot.waitExposed(screen)
    screen.tabs.setCurrentWidget(screen.students_page)
    screen.students.view.selectAll()
    assert len(screen.selected_students()) == 3

    def act(dialog: QDialog) -> None:
        assert isinstance(dialog, MovementDialog) and len(dialog.students) == 3
        dialog.kind_combo.setCurrentIndex(dialog.kind_combo.findData("academic_leave"))
        assert not dialog.group_combo.isEnabled()
        _fill_order(qtbot, dialog, "50-к", "01.11.2026", "02.11.2026")
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)

    _while_modal(qtbot, act, screen.move_button.click)
    assert {s.status_label for s in screen.students.model.rows} == {"академ. отпуск"}
    assert {s.status for s in ct.list_students(secretary)} == {"academic_leave"}


def test_consents_from_the_card_and_the_filter(qtbot, secretary) -> None:  # type: ignore[no-untyped-def]
    student = _student(secretary, "Орлов")
    parent = ct.save_parent(secretary, {"last_name": "Орлова", "first_name": "Нина"}, student_id=student.id)
    card = StudentCardDialog(secretary, student.id)
    qtbot.addWidget(card)
    card.show()
    assert card.consent_label.text() == "нет"

    def act(dialog: QDialog) -> None:
        assert isinstance(dialog, FormDialog)
        date = dialog.widgets["signed_on"]
        date.selectAll()  # type: ignore[attr-defined]
        type_text(qtbot, date, "32.09.2026")
        qtbot.keyClick(date, Qt.Key.Key_Return)
        assert "Дата подписания" in dialog.error_label.text()
        date.selectAll()  # type: ignore[attr-defined]
        type_text(qtbot, date, "01.09.2026")
        document = dialog.widgets["document"]
        document.selectAll()  # type: ignore[attr-defined]
        type_text(qtbot, document, "согласие № 7")
        qtbot.keyClick(document, Qt.Key.Key_Return)

    _while_modal(qtbot, act, card.consent_button.click)
    assert card.consent_label.text() == "01.09.2026, согласие № 7"
    card.parents_view.selectRow(0)
    _while_modal(
        qtbot, lambda d: qtbot.keyClick(d.widgets["document"], Qt.Key.Key_Return), card.parent_consent_button.click
    )
    assert card.parents.index(0, 3).data().startswith(dt.date.today().strftime("%d.%m.%Y"))
    assert set(consents.consents_on_file(secretary)) == {student.person_id, parent}

    screen = ContingentScreen(secretary)
    qtbot.addWidget(screen)
    screen.resize(1200, 600)
    screen.show()
    qtbot.waitExposed(screen)
    screen.tabs.setCurrentWidget(screen.students_page)
    proxy = screen.students.proxy
    assert proxy.rowCount() == 3
    qtbot.mouseClick(screen.no_consent, Qt.MouseButton.LeftButton)
    assert screen.no_consent.isChecked()
    assert sorted(r.last_name for r in proxy.visible_rows()) == ["Ёлкина", "Елисеев"]
    screen.group_filter.setCurrentIndex(screen.group_filter.findText("22-ВЕТ"))
    assert proxy.rowCount() == 0
    screen.group_filter.setCurrentIndex(screen.group_filter.findText("21-ТО"))
    assert proxy.rowCount() == 2


def test_roster_dialog_saves_the_pdf(qtbot, secretary, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    expelled = _student(secretary, "Орлов")
    from ejournal_desktop.services import movements as mv

    mv.expel(secretary, [expelled.id], mv.Order("9-к", dt.date(2026, 10, 1), dt.date(2026, 10, 1)))
    groups = [(g.name, g.id) for g in ct.list_groups(secretary)]
    dialog = RosterDialog(secretary, groups, groups[0][1] if groups[0][0] == "21-ТО" else groups[1][1])
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.date_edit.line.selectAll()
    type_text(qtbot, dialog.date_edit.line, "15.10.2026")
    qtbot.keyClick(dialog.date_edit.line, Qt.Key.Key_Return)
    assert [x.full_name for x in dialog.model.rows] == ["Елисеев Пётр", "Ёлкина Анна"]
    path = dialog.save_as("pdf", tmp_path / "list.pdf")
    assert path is not None
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(str(path)).pages).split())
    assert "Ёлкина Анна" in text and "Орлов" not in text and "на 15.10.2026" in text
    dialog.date_edit.line.selectAll()
    type_text(qtbot, dialog.date_edit.line, "30.09.2026")
    qtbot.keyClick(dialog.date_edit.line, Qt.Key.Key_Return)
    assert "Орлов Иван" in [x.full_name for x in dialog.model.rows]


def test_new_student_enrolled_by_order_from_the_list(qtbot, secretary) -> None:  # type: ignore[no-untyped-def]
    screen = ContingentScreen(secretary)
    qtbot.addWidget(screen)
    screen.resize(1200, 600)
    screen.show()
    qtbot.waitExposed(screen)
    screen.tabs.setCurrentWidget(screen.students_page)

    def fill(dialog: QDialog, effective: str) -> None:
        assert isinstance(dialog, FormDialog)
        for key, text in (("last_name", "Новиков"), ("first_name", "Илья"), ("order_no", "12-к")):
            type_text(qtbot, dialog.widgets[key], text)
        type_text(qtbot, dialog.widgets["order_date"], "25.08.2026")
        type_text(qtbot, dialog.widgets["effective_date"], effective)
        qtbot.keyClick(dialog.widgets["effective_date"], Qt.Key.Key_Return)

    def bad_then_good(dialog: QDialog) -> None:
        fill(dialog, "01.09.20")
        assert dialog.isVisible() and dialog.error_label.text().startswith("Вступает в силу: Неверная дата «01.09.20»")
        dialog.widgets["effective_date"].clear()  # type: ignore[attr-defined]
        type_text(qtbot, dialog.widgets["effective_date"], "01.09.2026")
        qtbot.keyClick(dialog.widgets["effective_date"], Qt.Key.Key_Return)

    _while_modal(qtbot, bad_then_good, screen.students.add_button.click)
    student = _student(secretary, "Новиков")
    history = ct.student_card(secretary, student.id).movements
    assert [(m.kind, m.order_no, m.effective_date) for m in history] == [("enrol", "12-к", dt.date(2026, 9, 1))]
    assert "Новиков Илья" in [r.full_name for r in screen.students.model.rows]
