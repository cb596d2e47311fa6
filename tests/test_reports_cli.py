"""`ejournal report …` on the hand-made college (SQLite file): the local administrator, a curator
logging in with the password on standard input, and the one-line Russian errors.

On PostgreSQL the command opens its session exactly as `ejournal account` does (the URL's own
login, or `--login` through services.auth.login), which tests/test_cli_accounts.py covers there.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy import update

from ejournal_desktop import cli
from ejournal_desktop.services.passwords import hash_password
from ejournal_desktop.store import models as m
from ejournal_desktop.store.engine import make_engine
from ejournal_desktop.store.migrate import upgrade
from tests.reports_college import build_college

PASSWORD = "Kurator-2026"


@pytest.fixture
def url(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'college.db'}"
    engine = make_engine(url)
    upgrade(engine)
    build_college(engine)
    with engine.begin() as conn:
        conn.execute(
            update(m.Account)
            .where(m.Account.login == "kurator1")
            .values(password_hash=hash_password(PASSWORD), must_change_password=False)
        )
    engine.dispose()
    return url


def run(*args: str) -> int:
    return cli.main(["report", *args])


def test_grades_summary_as_the_local_administrator(url: str, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    out = tmp_path / "summary.xlsx"
    code = run("grades-summary", "--url", url, "--group", "21-то", "--period", "2026/2027-1", "-o", str(out))
    assert code == 0, capsys.readouterr().err
    assert "Сводная ведомость учёта успеваемости" in capsys.readouterr().out
    ws = load_workbook(out).worksheets[0]
    row = next(r for r in range(1, ws.max_row + 1) if ws.cell(r, 2).value == "Алексеев Андрей Ильич")
    assert [ws.cell(r, 3).value for r in (row,)] == [5]


def test_attendance_months_and_college_results(url: str, tmp_path: Path) -> None:
    out = tmp_path / "months.pdf"
    args = ["--url", url, "--group", "21-ТО", "--period", "2026/2027-1", "--format", "pdf", "-o", str(out)]
    assert run("attendance-month", *args, "--month", "2026-10", "--month", "2026-11") == 0
    text = "\n".join(page.extract_text() for page in PdfReader(out).pages)
    assert "октябрь 2026" in text and "ноябрь 2026" in text and "Дмитриев Егор Романович" in text
    college = tmp_path / "college.xlsx"
    assert run("college-results", "--url", url, "--period", "2026/2027-1", "-o", str(college)) == 0
    assert load_workbook(college).worksheets[0].title == "Итоги по техникуму"
    control = tmp_path / "control.xlsx"
    assert run("filling-control", "--url", url, "--period", "2026/2027-1", "--days", "30", "--today",
               "30.11.2026", "-o", str(control)) == 0  # fmt: skip


def test_parent_letter_by_a_curator_with_a_password_on_stdin(
    url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "letter.pdf"
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    args = ["--url", url, "--group", "21-ТО", "--period", "2026/2027-1", "--student", "борисова", "--login"]
    assert run("parent-letter", *args, "kurator1", "-o", str(out)) == 0
    reader = PdfReader(out)
    assert len(reader.pages) == 1
    assert "Борисова Вера Николаевна" in reader.pages[0].extract_text()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["grades-summary", "--group", "99-ХХ", "--period", "2026/2027-1"], "Группа «99-ХХ» не найдена"),
        (["grades-summary", "--group", "21-ТО", "--period", "2030/2031-1"], "Период «2030/2031-1» не найден"),
        (["grades-summary", "--group", "21-ТО", "--period", "2026-1"], "Неверный код периода"),
        (["no-such", "--period", "2026/2027-1"], "Неизвестный отчёт «no-such»"),
        (["grades-summary", "--period", "2026/2027-1"], "укажите группу"),
        (["attendance-month", "--group", "21-ТО", "--month", "2026-13"], "Неверный месяц «2026-13»"),
    ],
)
def test_errors_in_one_russian_line(
    url: str, tmp_path: Path, capsys: pytest.CaptureFixture, args: list[str], message: str
) -> None:
    assert run(*args, "--url", url, "-o", str(tmp_path / "x.pdf")) == 1
    err = capsys.readouterr().err.strip()
    assert message in err and len(err.splitlines()) == 1


def test_a_curator_is_refused_another_group(
    url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    args = ["--url", url, "--group", "11-АГ", "--period", "2026/2027-1", "--login", "kurator1"]
    assert run("grades-summary", *args, "-o", str(tmp_path / "x.pdf")) == 1
    assert "только по своей группе" in capsys.readouterr().err
    assert not (tmp_path / "x.pdf").exists()


def test_list(capsys: pytest.CaptureFixture) -> None:
    assert run("list") == 0
    out = capsys.readouterr().out
    assert "usage-stats" in out and "Статистика работы с ЭЖ" in out
