import unicodedata

import pytest

from ejournal_desktop.domain.names import full_name, russian_sort_key, search_key, short_name


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("Петров", "петров"),
        ("  ПЕТРОВ   Пётр  ", "петров петр"),
        ("Ёлкин", "елкин"),
        (unicodedata.normalize("NFD", "Ёлкин"), "елкин"),
        ("Иванов\tИван\nИванович", "иванов иван иванович"),
        ("", ""),
    ],
)
def test_search_key(text: str, key: str) -> None:
    assert search_key(text) == key


def test_search_key_makes_a_prefix_match_case_and_yo_blind() -> None:
    assert search_key("Семёнова Алёна").startswith(search_key("СЕМЕН"))


def test_full_name() -> None:
    assert full_name("Иванов", "Иван", "Иванович") == "Иванов Иван Иванович"
    assert full_name("Смит", "Джон", None) == "Смит Джон"
    assert full_name(" Смит ", "Джон", "  ") == "Смит Джон"


def test_short_name() -> None:
    assert short_name("Иванов", "Иван", "Иванович") == "Иванов И. И."
    assert short_name("Смит", "Джон") == "Смит Д."
    assert short_name("Смит", "джон", "") == "Смит Д."
    assert short_name("Смит", "", None) == "Смит"


def test_russian_sort_order() -> None:
    names = ["Яковлев", "Ёлкин", "Елкин", "Ершов", "Егоров", "абрамов", "Иванов", "Иванова", "Ежов"]
    assert sorted(names, key=russian_sort_key) == [
        "абрамов",
        "Егоров",
        "Ежов",
        "Елкин",
        "Ёлкин",
        "Ершов",
        "Иванов",
        "Иванова",
        "Яковлев",
    ]


def test_russian_sort_key_is_total() -> None:
    assert russian_sort_key("Елкин") < russian_sort_key("Ёлкин")
    assert russian_sort_key("елкин") != russian_sort_key("Елкин")
