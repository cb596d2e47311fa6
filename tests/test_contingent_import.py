"""Import of students from XLSX: happy path, every problem kind, re-import, all or nothing, broken files."""

from __future__ import annotations

import datetime as dt
import random
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import Engine, func, select

from ejournal_desktop import cli
from ejournal_desktop.domain.errors import DomainError, PermissionDenied
from ejournal_desktop.resources_path import resource
from ejournal_desktop.services import contingent as ct
from ejournal_desktop.services import contingent_import as imp
from ejournal_desktop.services.contingent_sample import SAMPLE_NAME, write_sample, write_students_file
from ejournal_desktop.services.xlsx_guard import OLE_MAGIC, BadWorkbook
from ejournal_desktop.store import models as m
from tests.contingent_college import College, make_college

SAMPLE = resource("samples", SAMPLE_NAME)


@pytest.fixture
def college(engine: Engine) -> College:
    return make_college(engine)


def _counts(engine: Engine) -> tuple[int, int, int]:
    with engine.connect() as c:
        return tuple(  # type: ignore[return-value]
            c.execute(select(func.count()).select_from(t)).scalar() for t in (m.Person, m.Student, m.GuardianLink)
        )


def test_the_committed_sample_is_what_the_generator_writes(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    fresh = write_sample(tmp_path / "sample.xlsx")
    rows = [list(load_workbook(p, read_only=True).worksheets[0].values) for p in (fresh, SAMPLE)]
    assert rows[0] == rows[1]
    assert rows[0][0][:6] == ("Фамилия", "Имя", "Отчество", "Дата рождения", "Группа", "Номер зачётной книжки")


def test_sample_imports_and_reimport_changes_nothing(college: College) -> None:
    before = _counts(college.engine)
    result = imp.import_students(college.secretary, SAMPLE)
    assert (result.created, result.updated, result.skipped) == (5, 0, 0)
    assert (result.parents_created, result.links_created) == (3, 4)  # the Ёлкины share their mother
    after = _counts(college.engine)
    assert after == (before[0] + 8, before[1] + 5, before[2] + 4)
    students = {s.full_name: s for s in ct.list_students(college.secretary)}
    assert students["Абдуллаев Тимур Рустамович"].birth_date == dt.date(2009, 5, 5)
    assert students["Ёлкин Артём Сергеевич"].parents == "Ёлкина Наталья Петровна"
    assert [s.full_name for s in ct.search_students(college.secretary, "елк")] == [
        "Ёлкин Артём Сергеевич",
        "Ёлкина Дарья Сергеевна",
    ]
    again = imp.import_students(college.secretary, SAMPLE)
    assert (again.created, again.updated, again.unchanged, again.parents_created, again.links_created) == (
        0,
        0,
        5,
        0,
        0,
    )
    assert _counts(college.engine) == after


def test_reimport_matches_by_name_and_birth_date_and_fills_in(college: College, tmp_path: Path) -> None:
    first = write_students_file(tmp_path / "a.xlsx", [("Орлов", "Пётр", "", dt.date(2008, 1, 2), "21-ТО", "", "", "")])
    imp.import_students(college.secretary, first)
    second = write_students_file(
        tmp_path / "b.xlsx", [("Орлов", "Пётр", "", dt.date(2008, 1, 2), "21-ТО", "21-77", "+7 900 123-45-67", "")]
    )
    result = imp.import_students(college.secretary, second)
    assert (result.created, result.updated) == (0, 1)
    (student,) = ct.list_students(college.secretary)
    assert (student.record_book_no, student.phone) == ("21-77", "+7 900 123-45-67")
    assert imp.import_students(college.secretary, second).unchanged == 1


def test_every_problem_is_named_and_nothing_is_written(college: College, tmp_path: Path) -> None:
    ct.create_student(
        college.secretary,
        {"last_name": "Занятов", "first_name": "Ян", "group_id": college.group_vet, "record_book_no": "22-5"},
    )
    rows = [
        ("Верный", "Иван", "", dt.date(2008, 1, 1), "21-ТО", "21-1"),  # 2
        ("", "Безфамильный", "", dt.date(2008, 1, 1), "21-ТО", "21-2"),  # 3
        ("Плохая", "Дата", "", "31.02.2008", "21-ТО", "21-3"),  # 4
        ("Нет", "Группы", "", dt.date(2008, 1, 1), "99-ХХ", "21-4"),  # 5
        ("Занятов", "Ян", "", dt.date(2008, 1, 1), "21-ТО", "22-5"),  # 6: already in 22-ВЕТ (same book, same person?)
        ("Дубль", "Книжки", "", dt.date(2008, 1, 1), "21-ТО", "21-1"),  # 7
        ("Верный", "Иван", "", dt.date(2008, 1, 1), "21-ТО", ""),  # 8: the same person twice
        ("Без", "Телефона", "", dt.date(2008, 1, 1), "21-ТО", "21-8", "звоните"),  # 9
        ("Без", "Родителя", "", dt.date(2008, 1, 1), "21-ТО", "21-9", "", "", "", "+7 900 000-00-00"),  # 10
        ("Будущий", "Студент", "", dt.date(2100, 1, 1), "21-ТО", "21-10"),  # 11
    ]
    path = write_students_file(tmp_path / "bad.xlsx", rows)
    before = _counts(college.engine)
    with pytest.raises(imp.ImportRejected) as caught:
        imp.import_students(college.secretary, path)
    assert _counts(college.engine) == before
    found = {(p.row_number, p.column_name) for p in caught.value.problems}
    assert found == {
        (3, "Фамилия"),
        (4, "Дата рождения"),
        (5, "Группа"),
        (6, "Номер зачётной книжки"),
        (7, "Номер зачётной книжки"),
        (8, "Фамилия"),
        (9, "Телефон"),
        (10, "Родитель (ФИО)"),
        (11, "Дата рождения"),
    }
    messages = {p.row_number: p.message_ru for p in caught.value.problems}
    assert "99-ХХ" in messages[5] and "строке 2" in messages[7] and "строка 2" in messages[8]
    assert str(caught.value.problems[0]).startswith("Строка 3, столбец «Фамилия»")
    assert "ошибки в 9 строках" in str(caught.value)
    # The same person with no record book, already in another group: a transfer needs an order.
    moved = write_students_file(tmp_path / "moved.xlsx", [("Занятов", "Ян", "", None, "21-ТО")])
    with pytest.raises(imp.ImportRejected):
        imp.import_students(college.secretary, moved)
    preview = imp.preview_import(college.secretary, path)
    assert len(preview.clean_rows) == 1 and preview.count("new") == 1
    result = imp.import_students(college.secretary, path, only_clean_rows=True)
    assert (result.created, result.skipped) == (1, 9)


def test_student_already_in_another_group_by_name(college: College, tmp_path: Path) -> None:
    ct.create_student(
        college.secretary,
        {"last_name": "Занятов", "first_name": "Ян", "birth_date": "01.01.2008", "group_id": college.group_vet},
    )
    path = write_students_file(tmp_path / "x.xlsx", [("Занятов", "Ян", "", dt.date(2008, 1, 1), "21-ТО")])
    with pytest.raises(imp.ImportRejected) as caught:
        imp.import_students(college.secretary, path)
    (problem,) = caught.value.problems
    assert problem.column_name == "Группа" and "уже в группе 22-ВЕТ" in problem.message_ru


def test_mapping_override_and_permissions(college: College, tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.append(["Список группы"])  # a title line above the header
    sheet.append(["Фамилия", "Имя", "Д/р", "Гр."])
    sheet.append(["Орлов", "Пётр", "02.01.2008", "21-ТО"])
    path = tmp_path / "odd.xlsx"
    book.save(path)
    with pytest.raises(DomainError, match="нет обязательных столбцов"):
        imp.preview_import(college.secretary, path)
    mapping = {"birth_date": "Д/р", "group": "Гр."}
    preview = imp.preview_import(college.secretary, path, mapping)
    assert preview.sheet.header_row == 2 and preview.rows[0].row_number == 3 and not preview.problems
    with pytest.raises(DomainError, match="нет столбца «Пол»"):
        imp.preview_import(college.secretary, path, {"group": "Пол"})
    for session in (college.curator, college.deputy):
        with pytest.raises(PermissionDenied):
            imp.import_students(session, path, mapping)


# -- broken files -------------------------------------------------------------------------------


def _random(path: Path) -> None:
    path.write_bytes(random.Random(1).randbytes(20_000))


def _truncated(path: Path) -> None:
    path.write_bytes(SAMPLE.read_bytes()[: SAMPLE.stat().st_size // 2])


def _zip_junk(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("readme.txt", "не книга")


def _zip_fake_book(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", "<junk")
        z.writestr("xl/workbook.xml", b"\x00\x01garbage")


def _empty_book(path: Path) -> None:
    Workbook().save(path)


def _headers_only(path: Path) -> None:
    write_students_file(path, [])


def _no_header(path: Path) -> None:
    book = Workbook()
    book.active.append(["a", "b", "c"])
    book.save(path)


def _encrypted(path: Path) -> None:
    # An OLE compound file whose directory names the EncryptedPackage stream, as Excel writes it.
    path.write_bytes(OLE_MAGIC + bytes(504) + "EncryptedPackage".encode("utf-16-le") + bytes(2000))


def _old_xls(path: Path) -> None:
    path.write_bytes(OLE_MAGIC + bytes(504) + "Workbook".encode("utf-16-le") + bytes(2000))


def _big_junk(path: Path) -> None:
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)  # sparse: 50 MB of zeros without writing them


def _zero_bytes(path: Path) -> None:
    path.write_bytes(b"")


BROKEN = {
    "random bytes": (_random, "не книга Excel"),
    "truncated xlsx": (_truncated, "повреждён"),
    "zip with junk": (_zip_junk, "архив, но не книга"),
    "zip posing as a book": (_zip_fake_book, "повреждён"),
    "empty workbook": (_empty_book, "пуст"),
    "headers only": (_headers_only, "нет ни одной строки"),
    "no header row": (_no_header, "не найдена строка заголовков"),
    "password-protected": (_encrypted, "защищён паролем"),
    "old xls": (_old_xls, "XLS"),
    "50 MB of junk": (_big_junk, "слишком большой"),
    "zero bytes": (_zero_bytes, "пуст"),
}


@pytest.mark.parametrize("kind", sorted(BROKEN))
def test_broken_files_get_a_clear_message(college: College, tmp_path: Path, kind: str) -> None:
    make, message = BROKEN[kind]
    path = tmp_path / "list.xlsx"
    make(path)
    before = _counts(college.engine)
    with pytest.raises(BadWorkbook, match=message):
        imp.import_students(college.secretary, path)
    assert _counts(college.engine) == before


def test_missing_file(college: College, tmp_path: Path) -> None:
    with pytest.raises(BadWorkbook, match="не найден"):
        imp.preview_import(college.secretary, tmp_path / "нет.xlsx")


def test_mutated_sample_fuzz(college: College, tmp_path: Path) -> None:
    """Flipped bytes anywhere in a real book: a domain error or a clean read, never anything else."""
    data = bytearray(SAMPLE.read_bytes())
    rng = random.Random(5)
    for attempt in range(25):
        mutated = bytearray(data)
        for _ in range(rng.randint(1, 20)):
            mutated[rng.randrange(len(mutated))] = rng.randrange(256)
        path = tmp_path / f"m{attempt}.xlsx"
        path.write_bytes(bytes(mutated))
        try:
            imp.preview_import(college.secretary, path)
        except DomainError as exc:
            assert exc.message


# -- the command line ---------------------------------------------------------------------------


def test_cli_import(college: College, db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = write_students_file(
        tmp_path / "bad.xlsx", [("", "Иван", "", dt.date(2008, 1, 1), "21-ТО"), ("Орлов", "Пётр", "", "x", "00")]
    )
    assert cli.main(["import", "students", str(bad), "--url", db_url]) == cli.EXIT_ERROR
    err = capsys.readouterr().err
    assert "Строка 2, столбец «Фамилия»" in err and "Строка 3, столбец «Дата рождения»" in err
    assert "Строка 3, столбец «Группа»" in err and "ничего не записано" in err
    assert _counts(college.engine)[1] == 0
    assert cli.main(["import", "students", str(SAMPLE), "--url", db_url]) == cli.EXIT_OK
    assert "Добавлено обучающихся: 5" in capsys.readouterr().out
    assert cli.main(["import", "students", str(tmp_path / "none.xlsx"), "--url", db_url]) == cli.EXIT_ERROR
    assert "не найден" in capsys.readouterr().err
