"""«Новый учебный год» on a copy of the demo college: the preview (with a student on academic leave in
the graduating group flagged), a refusal that writes nothing, the run in one step, then approving the
draft load in the load screen."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox

from ejournal_desktop.services import contingent as ct
from ejournal_desktop.services import load
from ejournal_desktop.services import movements as mv
from ejournal_desktop.ui.load_screen import LoadScreen
from ejournal_desktop.ui.new_year_dialog import NewYearDialog
from tests.ui.conftest import type_text
from tests.ui.test_movement_dialog import _shot, _while_modal

D = dt.date


def _press_yes(qtbot, box: QDialog) -> None:  # type: ignore[no-untyped-def]
    assert isinstance(box, QMessageBox)
    qtbot.mouseClick(box.button(QMessageBox.StandardButton.Yes), Qt.MouseButton.LeftButton)


@pytest.mark.parametrize("backend", ["sqlite"])
def test_new_year_on_the_demo_college(qtbot, act_as) -> None:  # type: ignore[no-untyped-def]
    s = act_as("sekretar")
    groups = {g.name: g for g in ct.list_groups(s)}
    final = groups["23-ТЭ"]
    away = ct.list_students(s, group_id=final.id, statuses=["studying"])[0]
    mv.academic_leave(s, [away.id], mv.Order("250-к", D(2026, 11, 20), D(2026, 11, 21)))

    dialog = NewYearDialog(s)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.year() == "2027/2028"
    preview = dialog.preview.toPlainText()
    assert "выпустить группу 23-ТЭ" in preview and "перевести группу 24-ТО с 3 на 4 курс" in preview
    assert "скопировать нагрузку семестра 1 как черновик" in preview
    assert dialog.warnings.isVisible() and f"{away.full_name} (23-ТЭ) в академическом отпуске" in dialog.warnings.text()
    _shot(dialog, "new_year_preview.png")

    # Unticking the final-course group: a course 4 group cannot move up — refused, the button is off.
    row = next(r for r in range(dialog.groups.rowCount()) if dialog.groups.item(r, 0).text() == "23-ТЭ")
    dialog.groups.item(row, 3).setCheckState(Qt.CheckState.Unchecked)
    assert "старше курса нет" in dialog.error.text() and not dialog.run_button.isEnabled()
    assert not dialog.warnings.isVisible()
    dialog.groups.item(row, 3).setCheckState(Qt.CheckState.Checked)
    assert dialog.run_button.isEnabled() and dialog.warnings.isVisible()

    # No order number: refused before anything runs.
    qtbot.mouseClick(dialog.run_button, Qt.MouseButton.LeftButton)
    assert dialog.error.text() == "Приказ о выпуске: Не указан номер приказа"
    assert {g.name: (g.course, g.is_archived) for g in ct.list_groups(s)} == {
        n: (g.course, g.is_archived) for n, g in groups.items()
    }
    type_text(qtbot, dialog.order_no, "120-к")
    _while_modal(
        qtbot,
        lambda box: _press_yes(qtbot, box),
        lambda: qtbot.mouseClick(dialog.run_button, Qt.MouseButton.LeftButton),
    )
    qtbot.waitUntil(lambda: dialog.result_plan is not None, timeout=20_000)
    assert dialog.preview.toPlainText().startswith("Выполнено: новый учебный год 2027/2028")
    assert f"{away.full_name} (23-ТЭ) в академическом отпуске" in dialog.preview.toPlainText()
    assert dialog.result_plan.on_leave == [("23-ТЭ", away.full_name)]
    _shot(dialog, "new_year_done.png")

    after = {g.name: g for g in ct.list_groups(s)}
    assert after["23-ТЭ"].is_archived
    assert {n: after[n].course for n in groups if n != "23-ТЭ"} == {
        n: g.course + 1 for n, g in groups.items() if n != "23-ТЭ"
    }
    statuses = {x.id: x.status for x in ct.list_students(s, group_id=final.id)}
    assert statuses.pop(away.id) == "academic_leave" and set(statuses.values()) <= {"graduated", "expelled"}

    # The draft load of the new year, approved from the load screen.
    screen = LoadScreen(s)
    qtbot.addWidget(screen)
    screen.show()
    new_period = next(p for p in ct.list_periods(s) if p.academic_year == "2027/2028" and p.number == 1)
    screen.period_combo.setCurrentIndex(screen.period_combo.findData(new_period.id))
    assert screen.table.model.rows and all(a.is_draft for a in screen.table.model.rows)
    approve = next(b for b in screen.findChildren(type(dialog.run_button)) if b.text() == "Утвердить черновик")
    _while_modal(qtbot, lambda box: box.accept(), lambda: qtbot.mouseClick(approve, Qt.MouseButton.LeftButton))
    assert not any(a.is_draft for a in load.list_assignments(s, new_period.id))
    assert not any(a.is_draft for a in screen.table.model.rows)
