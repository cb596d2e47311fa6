"""The КТП as an XLSX book, and back.

Columns: №, Раздел/тема, Часы, Вид занятия, Домашнее задание. A section is a row of its own (no
number, no hours) above its topics, as on the paper plan; the closing «Итого» row is skipped on
import. Reading is all or nothing: every bad row is named (row, column, what is wrong) and nothing
is returned; a file that is not a readable XLSX book is refused by `services.xlsx_guard` first.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ejournal_desktop.domain.errors import ValidationError
from ejournal_desktop.domain.lessons import LESSON_KIND_LABELS, LESSON_KINDS
from ejournal_desktop.domain.names import search_key
from ejournal_desktop.services.ktp import MAX_HOURS, MIN_HOURS, Ktp, TopicDraft, draft_problems
from ejournal_desktop.services.xlsx_guard import check_workbook_file

HEADERS = ("№", "Раздел/тема", "Часы", "Вид занятия", "Домашнее задание")
WIDTHS = (6, 60, 8, 26, 50)
TOTAL = "Итого"
MAX_PROBLEMS = 30

# What teachers write in «Вид занятия» besides the full labels and the codes.
KIND_ALIASES: dict[str, str] = {
    "теория": "theory",
    "теоретическое": "theory",
    "лекция": "theory",
    "урок": "theory",
    "практика": "practice",
    "практическое": "practice",
    "практическая работа": "practice",
    "пз": "practice",
    "лабораторная": "lab",
    "лабораторное занятие": "lab",
    "лр": "lab",
    "контрольная": "test",
    "кр": "test",
    "зачёт": "test",
    "семинарское занятие": "seminar",
}
_KINDS = {
    **{search_key(label): kind for kind, label in LESSON_KIND_LABELS.items()},
    **{kind: kind for kind in LESSON_KINDS},
    **{search_key(alias): kind for alias, kind in KIND_ALIASES.items()},
}


@dataclass(frozen=True, slots=True)
class KtpRowProblem:
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        column = f", столбец «{self.column}»" if self.column else ""
        return f"Строка {self.row}{column}: {self.message}"


class KtpImportRejected(ValidationError):
    """Some rows are bad: nothing is imported. `problems` names each one."""

    def __init__(self, problems: Sequence[KtpRowProblem]) -> None:
        rows = len({p.row for p in problems})
        shown = "\n".join(str(p) for p in problems[:MAX_PROBLEMS])
        more = f"\n… и ещё {len(problems) - MAX_PROBLEMS}" if len(problems) > MAX_PROBLEMS else ""
        super().__init__(f"КТП не загружен: ошибки в строках ({rows}), ничего не изменено.\n{shown}{more}")
        self.problems = list(problems)


# --- writing ------------------------------------------------------------------------------------


def write_ktp_xlsx(ktp: Ktp, path: str | Path) -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.properties import PageSetupProperties

    book = Workbook()
    sheet = book.active
    sheet.title = "КТП"
    sheet.append(["Календарно-тематический план"])
    sheet["A1"].font = Font(bold=True, size=13)
    sheet.append([f"{ktp.title}, {ktp.period_code}, преподаватель {ktp.teacher_name}"])
    sheet.append([])
    header_row = 4
    sheet.append(list(HEADERS))
    thin = Side(style="thin", color="808080")
    border = Border(left=thin, right=thin, top=thin, bottom=thin)
    for cell in sheet[header_row]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.fill = PatternFill("solid", fgColor="F2F2F2")
    section: str | None = None
    for topic in ktp.topics:
        if topic.section and topic.section != section:
            sheet.append([None, topic.section])
            sheet.cell(sheet.max_row, 2).font = Font(bold=True)
        section = topic.section
        sheet.append([topic.position, topic.title, topic.hours, topic.kind_label, topic.homework])
    sheet.append([None, TOTAL, ktp.plan_hours])
    last = sheet.max_row
    sheet.cell(last, 2).font = Font(bold=True)
    sheet.cell(last, 3).font = Font(bold=True)
    for row in sheet.iter_rows(min_row=header_row, max_row=last, max_col=len(HEADERS)):
        for cell in row:
            cell.border = border
            if cell.column in (2, 4, 5) and cell.row > header_row:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
            elif cell.row > header_row:
                cell.alignment = Alignment(horizontal="center", vertical="top")
    for index, width in enumerate(WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = sheet.cell(header_row + 1, 1)
    sheet.print_title_rows = f"{header_row}:{header_row}"
    sheet.print_area = f"A1:E{last}"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    target = Path(path)
    book.save(target)
    return target


# --- reading ------------------------------------------------------------------------------------


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def _column_of(header: str) -> int | None:
    key = search_key(header)
    if key.startswith("№") or key in ("n", "номер", "no", "п/п"):
        return 0
    if "тем" in key or "раздел" in key or "наименование" in key:
        return 1
    if "час" in key:
        return 2
    if "вид" in key:
        return 3
    if "домашн" in key or "д/з" in key or "задани" in key:
        return 4
    return None


def _find_header(rows: list[tuple[Any, ...]]) -> tuple[int, dict[int, int]] | None:
    """(index of the header row, our column → the file's column) among the first rows."""
    for index, row in enumerate(rows[:15]):
        found: dict[int, int] = {}
        for position, value in enumerate(row):
            column = _column_of(_text(value)) if value is not None else None
            if column is not None and column not in found:
                found[column] = position
        if 1 in found and 2 in found:
            return index, found
    return None


def _hours(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else None
    text = _text(value).replace(",", ".")
    try:
        number = float(text)
    except ValueError:
        return None
    return int(number) if number.is_integer() else None


def read_ktp_xlsx(path: str | Path) -> list[TopicDraft]:
    """The topics of a КТП book, in order; `KtpImportRejected` naming every bad row otherwise."""
    from openpyxl import load_workbook

    file = check_workbook_file(path)
    try:
        book = load_workbook(file, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl's own errors are English: say it in Russian
        raise ValidationError(f"Файл «{file.name}» не читается как книга Excel: он повреждён") from exc
    try:
        sheet = book.active
        rows = [tuple(row) for row in sheet.iter_rows(values_only=True)]
    finally:
        book.close()
    header = _find_header(rows)
    if header is None:
        needed = ", ".join(f"«{h}»" for h in HEADERS)
        raise ValidationError(f"В файле «{file.name}» не найдена строка заголовков: нужны столбцы {needed}")
    header_index, columns = header

    def cell(row: tuple[Any, ...], column: int) -> Any:
        position = columns.get(column)
        return row[position] if position is not None and position < len(row) else None

    drafts: list[TopicDraft] = []
    problems: list[KtpRowProblem] = []
    section: str | None = None
    for index in range(header_index + 1, len(rows)):
        row, number = rows[index], index + 1
        values = [cell(row, column) for column in range(5)]
        texts = [_text(v) for v in values]
        if not any(texts):
            continue
        no, title, hours_text, kind_text, homework = texts
        if search_key(title) in (search_key(TOTAL), "всего") and not no:
            continue
        if title and not no and not hours_text and not kind_text and not homework:
            section = title
            continue
        if no and _hours(values[0]) is None:
            problems.append(KtpRowProblem(number, HEADERS[0], f"«{no}» — не номер темы"))
        hours = _hours(values[2])
        if not hours_text:
            problems.append(KtpRowProblem(number, HEADERS[2], "не указано число часов"))
        elif hours is None or not MIN_HOURS <= hours <= MAX_HOURS:
            problems.append(
                KtpRowProblem(
                    number, HEADERS[2], f"«{hours_text}» — нужно целое число часов от {MIN_HOURS} до {MAX_HOURS}"
                )
            )
        kind = _KINDS.get(search_key(kind_text)) if kind_text else "theory"
        if kind is None:
            known = ", ".join(LESSON_KIND_LABELS.values())
            problems.append(
                KtpRowProblem(number, HEADERS[3], f"неизвестный вид занятия «{kind_text}» (допустимы: {known})")
            )
        draft = TopicDraft(
            title=title, hours=hours or 2, lesson_kind=kind or "theory", homework=homework or None, section=section
        )
        for name, message in draft_problems(draft):
            if name in ("title", "section"):
                problems.append(KtpRowProblem(number, HEADERS[1], message))
        drafts.append(draft)
    if problems:
        raise KtpImportRejected(problems)
    if not drafts:
        raise ValidationError(f"В файле «{file.name}» нет ни одной темы под строкой заголовков")
    return drafts
