"""Credential slips: a PDF with one slip per person, Cyrillic names readable, logins and passwords."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from ejournal_desktop.reports.credential_slips import COLUMNS, FIRST_LOGIN_NOTE, ROWS, build_slips, render_pdf
from ejournal_desktop.services.accounts import IssuedCredential
from ejournal_desktop.services.passwords import generate_password

NAMES = [
    "Иванов Иван Иванович",
    "Ёлкин Егор Александрович",
    "Кузнецова-Водкина Мария Константиновна",
    "Щукин Юрий",
    "Абдурахманов Абдурахман Абдурахманович",
    "Петрова Анна",
    "Сидоров Пётр Петрович",
    "Смирнова Ольга",
    "Фёдоров Фёдор",
]


def credentials() -> list[IssuedCredential]:
    return [
        IssuedCredential(
            person_name=name,
            login=f"user_{i}",
            password=generate_password(),
            role="student" if i < 6 else "parent",
            group_name="21-ТО",
            children="Иванов Иван" if i >= 6 else "",
        )
        for i, name in enumerate(NAMES)
    ]


def page_texts(path: Path) -> list[str]:
    return [page.extract_text() or "" for page in PdfReader(str(path)).pages]


def test_every_person_gets_one_slip_with_name_login_and_password(tmp_path: Path) -> None:
    issued = credentials()
    slips = build_slips(issued, where="программа ЭЖ, сервер 10.0.0.5:5432, база «ejournal»", college_name="ГБПОУ «ЗАТ»")
    path = render_pdf(slips, tmp_path / "slips.pdf")
    pages = page_texts(path)
    assert len(pages) == -(-len(NAMES) // (COLUMNS * ROWS))  # 9 slips, 8 to a page: 2 pages
    text = "\n".join(pages)
    for credential in issued:
        first_word = credential.person_name.split()[0]
        assert text.count(first_word + " ") >= 1, first_word
        assert text.count(credential.login) == 1
        assert text.count(credential.password) == 1
    assert text.count(FIRST_LOGIN_NOTE) == len(NAMES)
    assert "Обучающийся" in text and "Родитель" in text and "Ребёнок: Иванов Иван" in text
    assert "ГБПОУ «ЗАТ»" in text and "10.0.0.5:5432" in text


def test_an_unknown_role_code_is_printed_as_is_and_nothing_is_empty(tmp_path: Path) -> None:
    slip = build_slips([IssuedCredential("Тестов Тест", "testov_t", "Abcdefgh2", "teacher")], where="здесь")[0]
    assert slip.role == "Преподаватель" and slip.group_name == ""
    path = render_pdf([slip], tmp_path / "one.pdf")
    assert "Тестов Тест" in page_texts(path)[0]


@pytest.mark.parametrize("count", [0, 8, 16])
def test_pages_are_filled_eight_at_a_time(tmp_path: Path, count: int) -> None:
    issued = (credentials() * 2)[:count]
    path = render_pdf(build_slips(issued, where="здесь"), tmp_path / f"s{count}.pdf")
    assert len(page_texts(path)) == max(1, count // 8)
