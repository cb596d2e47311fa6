"""The list of a group «на дату» on a copy of the demo college, on both backends: the builder, the PDF
(its text read back with pypdf), the XLSX (opened with openpyxl), and `ejournal roster`."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from ejournal_desktop.cli import main
from ejournal_desktop.domain.errors import NotFound, PermissionDenied
from ejournal_desktop.reports import roster
from ejournal_desktop.services import contingent as ct
from ejournal_desktop.services import movements as mv

D = dt.date
DAY = D(2026, 11, 1)


def _pdf_text(path: Path) -> str:
    return " ".join((page.extract_text() or "") for page in PdfReader(str(path)).pages)


@pytest.fixture
def story(act_as):  # type: ignore[no-untyped-def]
    """24-ТО: one student expelled before DAY, one transferred out after DAY, one enrolled after DAY."""
    s = act_as("sekretar")
    group = roster.group_id_by_name(s, "24-то")
    other = roster.group_id_by_name(s, "25-АГ")
    students = ct.list_students(s, group_id=group, statuses=["studying"])
    expelled, moved = students[0], students[1]
    mv.expel(s, [expelled.id], mv.Order("301-к", D(2026, 10, 1), D(2026, 10, 1)))
    mv.transfer(s, [moved.id], other, mv.Order("302-к", D(2026, 11, 10), D(2026, 11, 15)))
    late = mv.enrol(
        s, {"last_name": "Новоприбывший", "first_name": "Ян", "record_book_no": "24-0999"}, group,
        mv.Order("303-к", D(2026, 11, 20), D(2026, 11, 20)),
    )  # fmt: skip
    return s, group, expelled, moved, late, len(students)


def test_roster_on_a_date_builder_pdf_and_xlsx(story, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    s, group, expelled, moved, _late, studying = story
    built = roster.build_roster(s, group, DAY)
    names = [line.full_name for line in built.lines]
    assert expelled.full_name not in names and moved.full_name in names
    assert "Новоприбывший Ян" not in names
    assert len(names) == studying - 1 and [line.number for line in built.lines] == list(range(1, len(names) + 1))
    assert built.group_name == "24-ТО" and built.college_name
    assert [position for position, _name in built.signatures] == ["Секретарь учебной части", "Куратор группы"]
    assert all(name for _position, name in built.signatures)  # the secretary's and the curator's names
    # Before the expulsion the expelled student is on the list; after the transfer the moved one is not.
    assert expelled.full_name in [x.full_name for x in roster.build_roster(s, group, D(2026, 9, 30)).lines]
    after = [x.full_name for x in roster.build_roster(s, group, D(2026, 11, 20)).lines]
    assert moved.full_name not in after and "Новоприбывший Ян" in after

    pdf = roster.render_pdf(built, tmp_path / "roster.pdf")
    text = " ".join(_pdf_text(pdf).split())
    assert "Список обучающихся группы 24-ТО" in text and "по состоянию на 01.11.2026" in text
    assert built.college_name in text and "Секретарь учебной части" in text and "Куратор группы" in text
    assert moved.full_name in text and expelled.full_name not in text and "Новоприбывший" not in text
    assert f"Всего: {len(names)}" in text

    xlsx = roster.render_xlsx(built, tmp_path / "roster.xlsx")
    sheet = load_workbook(xlsx).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    header = next(i for i, row in enumerate(values) if row[0] == "№ п/п")
    body = [row for row in values[header + 1 :] if isinstance(row[0], int)]
    assert [row[1] for row in body] == names
    assert body[0][0] == 1 and (body[0][2] is None or body[0][2].date() == built.lines[0].birth_date)
    assert values[1][0] == "Список обучающихся группы 24-ТО" and values[3][0] == "по состоянию на 01.11.2026"
    assert sheet.freeze_panes == f"A{header + 2}" and sheet.cell(header + 1, 1).font.bold


def test_roster_rights(act_as) -> None:  # type: ignore[no-untyped-def]
    curator = act_as("kurator")
    own = curator.user.curated_group_ids[0]
    assert roster.build_roster(curator, own, DAY).lines
    other = next(g.id for g in ct.list_groups(act_as("sekretar")) if g.id != own)
    with pytest.raises(PermissionDenied):
        roster.build_roster(curator, other, DAY)
    with pytest.raises(NotFound, match="не найдена"):
        roster.group_id_by_name(act_as("sekretar"), "99-ХХ")


@pytest.mark.parametrize("backend", ["sqlite"])  # the CLI logs in as the URL's own login: a local file here
def test_cli_roster(story, demo_db_url: str, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    _s, _group, expelled, moved, _late, _n = story
    pdf, xlsx = tmp_path / "r.pdf", tmp_path / "r.xlsx"
    args = ["roster", "--url", demo_db_url, "--group", "24-ТО", "--date", "2026-11-01"]
    assert main([*args, "--format", "pdf", "-o", str(pdf)]) == 0
    text = " ".join(_pdf_text(pdf).split())
    assert moved.full_name in text and expelled.full_name not in text
    assert main([*args[:-2], "--date", "01.11.2026", "-o", str(xlsx)]) == 0  # the format from the suffix
    names = [row[1].value for row in load_workbook(xlsx).active.iter_rows() if isinstance(row[0].value, int)]
    assert moved.full_name in names and expelled.full_name not in names
    assert "24-ТО по состоянию на 01.11.2026" in capsys.readouterr().out
    assert main(["roster", "--url", demo_db_url, "--group", "99", "-o", str(tmp_path / "x.pdf")]) == 1
    assert "Группа «99» не найдена" in capsys.readouterr().err
    assert main([*args, "-o", str(tmp_path / "x.txt")]) == 1
    assert not (tmp_path / "x.pdf").exists() and not (tmp_path / "x.txt").exists()


def test_roster_query_count_does_not_grow_with_the_group(act_as) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import event

    s = act_as("sekretar")
    statements: list[str] = []

    def count(conn, cursor, statement, parameters, context, executemany) -> None:  # type: ignore[no-untyped-def]
        statements.append(statement)

    event.listen(s.engine, "before_cursor_execute", count)
    try:
        sizes = {}
        for group in ct.list_groups(s):
            statements.clear()
            built = roster.build_roster(s, group.id, DAY)
            sizes[len(built.lines)] = len(statements)
    finally:
        event.remove(s.engine, "before_cursor_execute", count)
    assert len(sizes) > 1 and len(set(sizes.values())) == 1 and max(sizes.values()) <= 8


def _url(world, key: str) -> str:  # type: ignore[no-untyped-def]
    from sqlalchemy.engine import URL

    from tests.server.college import PASSWORD

    if world.college is None:
        return f"sqlite:///{world.profile.path}"
    url = world.college.url
    login = URL.create("postgresql", username=world.logins[key], password=PASSWORD, host=url.host, port=url.port,
                       database=world.college.db)  # fmt: skip
    return login.render_as_string(hide_password=False)


def test_orders_and_roster_under_real_logins(world, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    """On PostgreSQL as the people's own LOGIN roles (row-level security): the secretary's order is
    written, the curator's roster of the own group is printed, a student's of another group refused."""
    secretary = world.session("secretary")
    _person, _parent = world.add_family("g1", "Уходящий", with_parent=False)
    leaving = next(x for x in ct.list_students(secretary, group_id=world.ids["g1"]) if x.last_name == "Уходящий")
    mv.apply_order(secretary, "expel", [leaving.id], mv.Order("77-к", D(2026, 10, 1), D(2026, 10, 1)))
    assert ct.student_card(secretary, leaving.id).movements[0].order_no == "77-к"
    pdf = tmp_path / "g1.pdf"
    args = ["roster", "--group", "21-ТО", "--date", "2026-11-01", "-o", str(pdf)]
    assert main([*args, "--url", _url(world, "t1")]) == 0
    text = " ".join(_pdf_text(pdf).split())
    assert "Иванов Иван" in text and "Ёлкин Егор" in text and "Уходящий" not in text
    assert main(["roster", "--group", "21-ТО", "--date", "2026-09-30", "-o", str(pdf), "--url", _url(world, "t1")]) == 0
    assert "Уходящий" in _pdf_text(pdf)
    capsys.readouterr()
    # A student of 22-ТО asks for 21-ТО: another group.
    code = main(["roster", "--group", "21-ТО", "-o", str(tmp_path / "g1.xlsx"), "--url", _url(world, "s3")])
    if world.college is not None:  # on a server each login reads what its rights allow
        assert code == 1 and "Недостаточно прав" in capsys.readouterr().err
        assert not (tmp_path / "g1.xlsx").exists()
    else:  # an embedded file: whoever opens it is its local administrator
        assert code == 0
