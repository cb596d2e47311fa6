"""Reading a contingent list from XLSX: the first sheet, its header row, the column mapping.

The header row is found among the first rows by Russian column names (Фамилия, Имя, Отчество,
Дата рождения, Группа, Номер зачётной книжки, Телефон, E-mail, Родитель (ФИО), Телефон родителя),
compared casefolded with «ё» as «е» and punctuation ignored, so «№ зачетной книжки» and
«Номер зачётной книжки» are one column. A mapping (field → header text) can override any choice.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ejournal_desktop.domain.errors import ValidationError
from ejournal_desktop.domain.names import search_key
from ejournal_desktop.services.xlsx_guard import BadWorkbook, check_workbook_file


@dataclass(frozen=True, slots=True)
class Column:
    field: str
    title: str  # the header of the sample file
    required: bool
    aliases: tuple[str, ...] = ()


COLUMNS: tuple[Column, ...] = (
    Column("last_name", "Фамилия", True),
    Column("first_name", "Имя", True),
    Column("middle_name", "Отчество", False),
    Column("birth_date", "Дата рождения", True, ("дата рожд", "д р")),
    Column("group", "Группа", True, ("учебная группа",)),
    Column(
        "record_book_no",
        "Номер зачётной книжки",
        False,
        ("зачетная книжка", "номер зачетки", "n зачетной книжки", "зачетка", "номер зк"),
    ),
    Column("phone", "Телефон", False, ("телефон обучающегося", "тел", "мобильный телефон")),
    Column("email", "E-mail", False, ("email", "e mail", "электронная почта", "эл почта")),
    Column("parent_name", "Родитель (ФИО)", False, ("родитель", "фио родителя", "законный представитель")),
    Column("parent_phone", "Телефон родителя", False, ("тел родителя", "телефон законного представителя")),
)
FIELDS = {c.field: c for c in COLUMNS}
MAX_ROWS = 20_000
MAX_COLUMNS = 60
HEADER_SCAN_ROWS = 15

Progress = Callable[[float, str], None]


@dataclass
class Sheet:
    """The raw table: header texts, and the data rows with their spreadsheet row numbers."""

    sheet_name: str
    headers: list[str]
    header_row: int
    rows: list[tuple[int, tuple[object, ...]]] = field(default_factory=list)


def header_key(text: object) -> str:
    """«№ зачётной книжки» → "n зачетной книжки": casefolded, ё→е, punctuation to spaces."""
    folded = search_key(str(text or "")).replace("№", "n")
    return " ".join(re.sub(r"[^\w]+", " ", folded).split())


_KNOWN = {header_key(c.title): c.field for c in COLUMNS} | {
    header_key(alias): c.field for c in COLUMNS for alias in c.aliases
}


def read_sheet(path: str | Path, progress: Progress | None = None) -> Sheet:
    """The first sheet of the book, read with openpyxl in read-only mode after the file checks."""
    file = check_workbook_file(path)
    from openpyxl import load_workbook

    try:
        book = load_workbook(file, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on a damaged file, all in English
        raise BadWorkbook(f"Файл «{file.name}» повреждён и не читается как книга Excel") from exc
    try:
        if not book.worksheets:
            raise BadWorkbook(f"В файле «{file.name}» нет ни одного листа")
        sheet = book.worksheets[0]
        raw: list[tuple[int, tuple[object, ...]]] = []
        try:
            for number, values in enumerate(sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS), start=1):
                if any(v not in (None, "") for v in values):
                    raw.append((number, tuple(values)))
                    if len(raw) > MAX_ROWS + HEADER_SCAN_ROWS:
                        raise BadWorkbook(
                            f"На листе «{sheet.title}» больше {MAX_ROWS} строк: разбейте список на несколько файлов"
                        )
                if progress and number % 500 == 0:
                    progress(0.0, f"Прочитано строк: {number}")
        except BadWorkbook:
            raise
        except Exception as exc:
            raise BadWorkbook(f"Файл «{file.name}» повреждён: лист «{sheet.title}» не читается") from exc
        title = sheet.title
    finally:
        book.close()
    if not raw:
        raise BadWorkbook(f"Лист «{title}» файла «{file.name}» пуст: нет ни заголовков, ни строк")
    header_index = _find_header(raw)
    if header_index is None:
        raise BadWorkbook(
            f"На листе «{title}» не найдена строка заголовков: нужны столбцы «Фамилия», «Имя», «Дата рождения», "
            "«Группа» (см. образец resources/samples/students_import_sample.xlsx)"
        )
    header_number, header_values = raw[header_index]
    headers = [str(v).strip() if v is not None else "" for v in header_values]
    width = len(headers)
    rows = [(n, tuple(values[:width]) + (None,) * (width - len(values))) for n, values in raw[header_index + 1 :]]
    if not rows:
        raise BadWorkbook(f"На листе «{title}» есть заголовки, но нет ни одной строки с обучающимися")
    return Sheet(title, headers, header_number, rows)


def _find_header(raw: list[tuple[int, tuple[object, ...]]]) -> int | None:
    for index, (_number, values) in enumerate(raw[:HEADER_SCAN_ROWS]):
        found = {_KNOWN.get(header_key(v)) for v in values if v is not None} - {None}
        if "last_name" in found and len(found) >= 2:
            return index
    return None


def auto_mapping(headers: list[str], overrides: Mapping[str, str | None] | None = None) -> dict[str, int]:
    """field → column index; `overrides` (field → header text, or None to skip) win over the guess."""
    mapping: dict[str, int] = {}
    for index, text in enumerate(headers):
        known = _KNOWN.get(header_key(text))
        if known is not None and known not in mapping:
            mapping[known] = index
    for field_name, header in (overrides or {}).items():
        if field_name not in FIELDS:
            raise ValidationError(f"Неизвестное поле сопоставления «{field_name}»")
        if not header:
            mapping.pop(field_name, None)
            continue
        keys = [header_key(h) for h in headers]
        if header_key(header) not in keys:
            raise ValidationError(f"В файле нет столбца «{header}» (поле «{FIELDS[field_name].title}»)")
        mapping[field_name] = keys.index(header_key(header))
    missing = [FIELDS[f].title for f in FIELDS if FIELDS[f].required and f not in mapping]
    if missing:
        raise ValidationError("В файле нет обязательных столбцов: " + ", ".join(f"«{t}»" for t in missing))
    return mapping
