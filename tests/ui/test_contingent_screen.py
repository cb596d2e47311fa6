"""The secretary's contingent screen: search as you type in Cyrillic, the import wizard, export."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtWidgets import QWizard

from ejournal_desktop.resources_path import resource
from ejournal_desktop.services import auth
from ejournal_desktop.services import contingent as ct
from ejournal_desktop.services.contingent_sample import SAMPLE_NAME, write_students_file
from ejournal_desktop.ui.contingent_screen import ContingentScreen
from ejournal_desktop.ui.import_wizard import ImportWizard
from ejournal_desktop.ui.load_screen import LoadScreen
from ejournal_desktop.ui.main_window import PAGE_FACTORIES
from tests.ui.conftest import PASSWORD, type_text

SCREENSHOTS = os.environ.get("EJOURNAL_SCREENSHOTS")  # a folder: save what the tests see, to look at


@pytest.fixture
def secretary(college: auth.Profile):  # type: ignore[no-untyped-def]
    session = auth.login(college, "secretar", PASSWORD)
    specialty = ct.list_specialties(session)[0].id
    ct.save_group(session, {"name": "22-ВЕТ", "specialty_id": specialty, "course": 2, "admission_year": 2025})
    groups = {g.name: g.id for g in ct.list_groups(session)}
    for last, first, group in (
        ("Ёлкина", "Анна", "21-ТО"),
        ("Елисеев", "Пётр", "21-ТО"),
        ("Орлов", "Ёлкан", "22-ВЕТ"),
        ("Смирнов", "Иван", "22-ВЕТ"),
    ):
        ct.create_student(session, {"last_name": last, "first_name": first, "group_id": groups[group]})
    yield session
    session.close()


def _shot(widget, name: str) -> None:  # type: ignore[no-untyped-def]
    if SCREENSHOTS:
        widget.grab().save(str(Path(SCREENSHOTS) / name))


def test_screens_are_registered() -> None:
    assert PAGE_FACTORIES["contingent"] is ContingentScreen and PAGE_FACTORIES["load"] is LoadScreen


def test_search_a_student_by_typing_a_cyrillic_prefix(qtbot, secretary) -> None:  # type: ignore[no-untyped-def]
    screen = ContingentScreen(secretary)
    qtbot.addWidget(screen)
    screen.resize(1100, 600)
    screen.show()
    qtbot.waitExposed(screen)
    screen.tabs.setCurrentWidget(screen.students_page)
    proxy = screen.students.proxy
    assert proxy.rowCount() == 4
    type_text(qtbot, screen.students.search, "ёлк")
    assert screen.students.search.text() == "ёлк"
    # «ё» typed matches «Ёлкина» and the first name «Ёлкан»; «Елисеев» is filtered out.
    assert sorted(r.full_name for r in proxy.visible_rows()) == ["Ёлкина Анна", "Орлов Ёлкан"]
    type_text(qtbot, screen.students.search, "ина")
    assert [r.full_name for r in proxy.visible_rows()] == ["Ёлкина Анна"]
    screen.students.search.clear()
    screen.group_filter.setCurrentIndex(screen.group_filter.findText("22-ВЕТ"))
    assert {r.group_name for r in proxy.visible_rows()} == {"22-ВЕТ"}
    screen.group_filter.setCurrentIndex(0)
    type_text(qtbot, screen.students.search, "ЕЛ")
    assert proxy.rowCount() == 3
    _shot(screen, "contingent_screen.png")


def _run_wizard(qtbot, wizard: ImportWizard, path: Path) -> None:  # type: ignore[no-untyped-def]
    wizard.open_file(path)
    wizard.next()
    assert wizard.currentPage() is wizard.mapping_page
    wizard.next()
    assert wizard.currentPage() is wizard.preview_page


def test_import_wizard_on_the_sample(qtbot, secretary) -> None:  # type: ignore[no-untyped-def]
    screen = ContingentScreen(secretary)
    qtbot.addWidget(screen)
    wizard = ImportWizard(secretary, screen)
    qtbot.addWidget(wizard)
    wizard.show()
    _run_wizard(qtbot, wizard, resource("samples", SAMPLE_NAME))
    assert wizard.preview is not None and not wizard.preview.problems
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    with qtbot.waitSignal(wizard.import_finished, timeout=20_000):
        wizard.next()
    assert wizard.imported is not None and wizard.imported.created == 5
    assert "Добавлено обучающихся: 5" in wizard.run_page.status.text()
    screen.refresh()
    names = {r.full_name for r in screen.students.model.rows}
    assert {"Ёлкин Артём Сергеевич", "Абдуллаев Тимур Рустамович"} <= names
    # The mapping was remembered for the next file.
    assert wizard.remembered_mapping()["record_book_no"] == "Номер зачётной книжки"


def test_import_wizard_shows_problems_on_their_rows(qtbot, secretary, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = write_students_file(
        tmp_path / "bad.xlsx",
        [
            ("Верный", "Иван", "Петрович", dt.date(2008, 1, 1), "21-ТО", "21-1", "", "", "Верная Анна Ивановна"),
            ("", "Безфамильный", "", dt.date(2008, 1, 1), "21-ТО", "21-2"),
            ("Плохая", "Дата", "", "31.02.2008", "99-ХХ", "21-3"),
        ],
    )
    wizard = ImportWizard(secretary)
    qtbot.addWidget(wizard)
    wizard.show()
    _run_wizard(qtbot, wizard, path)
    page = wizard.preview_page
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()  # all or nothing by default
    model = page.model
    tooltips = [model.data(model.index(r, 0), 3) for r in range(model.rowCount())]  # ToolTipRole
    assert tooltips[0] is None
    assert "Строка 3, столбец «Фамилия»" in tooltips[1]
    assert "Дата рождения" in tooltips[2] and "99-ХХ" in tooltips[2]
    assert "Строк с ошибками: 2" in page.summary.text()
    page.only_clean.setChecked(True)
    assert wizard.button(QWizard.WizardButton.NextButton).isEnabled()
    wizard.resize(1100, 500)
    _shot(wizard, "import_preview.png")
    with qtbot.waitSignal(wizard.import_finished, timeout=20_000):
        wizard.next()
    assert wizard.imported is not None and (wizard.imported.created, wizard.imported.skipped) == (1, 2)


def test_broken_file_is_refused_on_the_first_page(qtbot, secretary, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    junk = tmp_path / "junk.xlsx"
    junk.write_bytes(b"not a workbook at all" * 100)
    wizard = ImportWizard(secretary)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.open_file(junk)
    wizard.next()
    assert wizard.currentPage() is wizard.file_page
    assert "не книга Excel" in wizard.file_page.error.text()


def test_export_the_filtered_list(qtbot, secretary, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    screen = ContingentScreen(secretary)
    qtbot.addWidget(screen)
    type_text(qtbot, screen.students.search, "ел")
    path = screen.students.export(str(tmp_path / "students.xlsx"))
    sheet = load_workbook(path).active
    assert sheet["A1"].value == "Обучающиеся" and sheet["A3"].value == "ФИО"
    assert [sheet.cell(r, 1).value for r in range(4, sheet.max_row + 1)] == [
        "Елисеев Пётр",
        "Ёлкина Анна",
        "Орлов Ёлкан",
    ]


def test_load_screen_opens(qtbot, secretary) -> None:  # type: ignore[no-untyped-def]
    ct.save_period(secretary, {"academic_year": "2026/2027", "number": 1})
    screen = LoadScreen(secretary)
    qtbot.addWidget(screen)
    assert screen.period_combo.count() == 1 and screen.table.model.rowCount() == 0
