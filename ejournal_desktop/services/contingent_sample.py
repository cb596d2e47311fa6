"""The sample contingent file (resources/samples/students_import_sample.xlsx) and generated lists.

    python -m ejournal_desktop.services.contingent_sample   # rewrites the sample in resources/

The sample's first sheet is what the import expects; its second sheet «Описание» documents every
column. `generated_rows` makes a large, valid list (the benchmark's 1,500 students with parents).
"""

from __future__ import annotations

import datetime as dt
import random
import sys
from collections.abc import Iterable, Sequence
from pathlib import Path

from ejournal_desktop.services.contingent_sheet import COLUMNS

SAMPLE_NAME = "students_import_sample.xlsx"
SAMPLE_GROUPS = ("21-ТО", "22-ВЕТ")
HEADERS = tuple(c.title for c in COLUMNS)

SAMPLE_ROWS: tuple[tuple[object, ...], ...] = (
    ("Ёлкин", "Артём", "Сергеевич", dt.date(2008, 3, 14), "21-ТО", "21-0101", "+7 912 345-67-01",
     "elkin@example.ru", "Ёлкина Наталья Петровна", "+7 912 111-22-01"),
    ("Ёлкина", "Дарья", "Сергеевна", dt.date(2009, 11, 2), "22-ВЕТ", "22-0102", "+7 912 345-67-02",
     "", "Ёлкина Наталья Петровна", "+7 912 111-22-01"),
    ("Кузьмин", "Никита", "Андреевич", dt.date(2008, 7, 30), "21-ТО", "21-0103", "", "", "Кузьмин Андрей Викторович",
     "8 (912) 111-22-03"),
    ("Широкова", "Полина", "", dt.date(2008, 1, 9), "21-ТО", "21-0104", "+7 912 345-67-04", "", "", ""),
    ("Абдуллаев", "Тимур", "Рустамович", "05.05.2009", "22-ВЕТ", "22-0105", "", "timur@example.ru",
     "Абдуллаева Гульнара Ринатовна", "+7 912 111-22-05"),
)  # fmt: skip

DESCRIPTION = (
    ("Столбец", "Обязательный", "Что писать"),
    ("Фамилия", "да", "Фамилия обучающегося"),
    ("Имя", "да", "Имя"),
    ("Отчество", "нет", "Отчество, если есть"),
    ("Дата рождения", "да", "Дата в формате ячейки «Дата» или текстом дд.мм.гггг"),
    ("Группа", "да", "Название группы, как в ЭЖ (например, 21-ТО); группа должна быть создана заранее"),
    ("Номер зачётной книжки", "нет", "Уникальный номер; по нему повторный импорт узнаёт обучающегося"),
    ("Телефон", "нет", "Телефон обучающегося"),
    ("E-mail", "нет", "Адрес электронной почты обучающегося"),
    ("Родитель (ФИО)", "нет", "ФИО родителя (законного представителя): фамилия, имя, отчество"),
    ("Телефон родителя", "нет", "Братья и сёстры с одинаковыми ФИО и телефоном родителя получат одного родителя"),
    ("", "", ""),
    ("Порядок", "", "Первая строка — заголовки; названия столбцов можно сопоставить вручную в мастере импорта"),
    ("Повторный импорт", "", "Ничего не меняет: обучающиеся сопоставляются по номеру книжки, иначе по ФИО и дате"),
)


def write_students_file(path: str | Path, rows: Iterable[Sequence[object]], *, describe: bool = False) -> Path:
    """Write a contingent list in the import's format (write-only mode: fast for thousands of rows)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Обучающиеся")
    bold = Font(bold=True)
    header = []
    for title in HEADERS:
        cell = WriteOnlyCell(sheet, value=title)
        cell.font = bold
        header.append(cell)
    sheet.append(header)
    for row in rows:
        values = []
        for value in row:
            cell = WriteOnlyCell(sheet, value=value)
            if isinstance(value, dt.date):
                cell.number_format = "DD.MM.YYYY"
            values.append(cell)
        sheet.append(values)
    if describe:
        notes = book.create_sheet("Описание")
        for line in DESCRIPTION:
            notes.append(list(line))
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    book.save(target)
    return target


def write_sample(path: str | Path) -> Path:
    return write_students_file(path, SAMPLE_ROWS, describe=True)


_SURNAMES = (
    "Иванов",
    "Смирнов",
    "Кузнецов",
    "Попов",
    "Васильев",
    "Петров",
    "Соколов",
    "Михайлов",
    "Новиков",
    "Фёдоров",
    "Морозов",
    "Волков",
    "Алексеев",
    "Лебедев",
    "Семёнов",
    "Егоров",
    "Павлов",
    "Козлов",
)
_MALE = ("Александр", "Дмитрий", "Максим", "Сергей", "Андрей", "Алексей", "Артём", "Илья", "Кирилл", "Михаил")
_FEMALE = ("Анастасия", "Мария", "Дарья", "Анна", "Елизавета", "Полина", "Виктория", "Екатерина", "Софья")
_FATHERS = ("Иван", "Пётр", "Николай", "Владимир", "Олег", "Юрий", "Игорь", "Виктор")


def generated_rows(count: int, groups: Sequence[str], *, seed: int = 7) -> list[tuple[object, ...]]:
    """`count` valid students with parents (every fifth family has two children), spread over `groups`."""
    rng = random.Random(seed)
    rows: list[tuple[object, ...]] = []
    family = 0
    while len(rows) < count:
        family += 1
        surname = rng.choice(_SURNAMES)
        father = rng.choice(_FATHERS)
        parent = f"{surname}а {rng.choice(_FEMALE)} {rng.choice(_FATHERS)}овна"
        parent_phone = f"+7 9{family % 100:02d} {family:07d}"
        for _child in range(2 if family % 5 == 0 else 1):
            number = len(rows) + 1
            male = rng.random() < 0.5
            last = surname if male else surname + "а"
            first = rng.choice(_MALE if male else _FEMALE)
            middle = father + ("ович" if male else "овна")
            birth = dt.date(2006, 1, 1) + dt.timedelta(days=rng.randrange(1400))
            rows.append(
                (last, first, middle, birth, groups[number % len(groups)], f"Б-{number:05d}",
                 f"+7 950 {number:07d}", f"s{number}@example.ru", parent, parent_phone)
            )  # fmt: skip
            if len(rows) == count:
                break
    return rows


def main(argv: Sequence[str] | None = None) -> int:
    from ejournal_desktop.resources_path import resources_dir

    args = list(sys.argv[1:] if argv is None else argv)
    target = Path(args[0]) if args else resources_dir() / "samples" / SAMPLE_NAME
    print(write_sample(target))
    return 0


if __name__ == "__main__":
    sys.exit(main())
