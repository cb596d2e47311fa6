"""One journal printed or exported as the paper journal's two sides.

Left side — the marks grid: students × lessons by date under month headers, then the final marks
and per student the average, the number of marks and the hours absent (of them excused). Right
side — the lessons: date, pair, hours, kind, topic, homework, teacher.

The builder turns an opened `Journal` into a neutral `Report` (reports/table.py); the shared
renderers draw it. XLSX: one sheet with the whole grid (a student's row holds the marks as typed —
numbers as number cells, «4/5» and «н» as text — one lesson per column under its date, months as
merged headers) and one with the lessons. PDF: month by month, the grid page followed by that
month's lessons page, as the paper journal is laid out, then a page of totals.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from itertools import groupby
from pathlib import Path

from ejournal_desktop.domain import marks as mk
from ejournal_desktop.domain.calendar import format_date, month_name
from ejournal_desktop.domain.lessons import LESSON_KIND_LABELS
from ejournal_desktop.reports.table import (
    CellValue,
    Column,
    ColumnKind,
    HeaderCell,
    Report,
    ReportSheet,
    Row,
    RowStyle,
)
from ejournal_desktop.services import gradebook as gb
from ejournal_desktop.services.auth import UserSession

FORMATS = ("xlsx", "pdf")
FINAL_SHORT = {
    mk.FINAL_SEMESTER: "Семестр",
    mk.FINAL_EXAM: "Экзамен",
    mk.FINAL_CREDIT: "Зачёт",
    mk.FINAL_DIFF_CREDIT: "Диф. зачёт",
}
STATS = (
    ("average", "Ср. балл", ColumnKind.DECIMAL),
    ("marks", "Оценок", ColumnKind.INT),
    ("absent", "Пропущено, ч.", ColumnKind.INT),
    ("excused", "из них по уваж. причине", ColumnKind.INT),
)
LEGEND = (
    "Обозначения: 5, 4, 3, 2 — оценки; 4/5 — две оценки за занятие; зч — зачтено, нз — не зачтено; "
    "н — отсутствовал всё занятие, н1 — пропущен 1 час; пустая клетка в периоды, когда обучающийся "
    "не состоял в группе."
)


def _heading(journal: gb.Journal) -> str:
    s = journal.summary
    sub = f", подгруппа {s.subgroup}" if s.subgroup else ""
    return (
        f"Группа {s.group_name}{sub} · {s.discipline_code} {s.discipline_name} · "
        f"преподаватель {s.teacher_name} · {journal.period.number} семестр {journal.period.academic_year} уч. г."
    )


def _subtitles(journal: gb.Journal) -> list[str]:
    p = journal.period
    return [_heading(journal), f"Период: {format_date(p.starts_on)} — {format_date(p.ends_on)}"]


def _months(lessons: Sequence[gb.LessonColumn]) -> list[tuple[tuple[int, int], list[gb.LessonColumn]]]:
    return [(key, list(group)) for key, group in groupby(lessons, key=lambda x: (x.held_on.year, x.held_on.month))]


def _month_label(year: int, month: int) -> str:
    return f"{month_name(month)} {year}"


def _cell_text(journal: gb.Journal, student: gb.StudentRow, lesson: gb.LessonColumn) -> CellValue:
    if not student.belongs_on(lesson.held_on):
        return None
    text = journal.cell(student.student_id, lesson.lesson_id).text(lesson.hours)
    return text or None


def grid_sheet(
    journal: gb.Journal,
    lessons: Sequence[gb.LessonColumn],
    *,
    title: str,
    name: str,
    with_totals: bool,
) -> ReportSheet:
    """Students × these lessons under month headers; with the finals and the student's totals."""
    columns = [Column("number", ColumnKind.INT, 4), Column("student", ColumnKind.TEXT, 26)]
    columns += [Column(f"lesson:{lesson.lesson_id}", ColumnKind.MARK, 5) for lesson in lessons]
    top = [HeaderCell("№", row_span=2), HeaderCell("Обучающийся", row_span=2)]
    top += [HeaderCell(_month_label(*key), col_span=len(group)) for key, group in _months(lessons)]
    second = [HeaderCell(lesson.held_on.strftime("%d.%m")) for lesson in lessons]
    finals = journal.final_kinds if with_totals else ()
    if finals:
        columns += [Column(f"final:{kind}", ColumnKind.MARK, 8) for kind in finals]
        top.append(HeaderCell("Итоговые оценки" if len(finals) > 1 else "Итоговая", col_span=len(finals)))
        second += [HeaderCell(FINAL_SHORT.get(kind, kind)) for kind in finals]
    if with_totals:
        columns += [Column(key, kind, 8 if key != "excused" else 10) for key, _t, kind in STATS]
        top.append(HeaderCell("Итоги", col_span=len(STATS)))
        second += [HeaderCell(text) for _k, text, _kind in STATS]
    stats = gb.student_stats(journal) if with_totals else {}
    body = []
    for student in journal.students:
        values: list[CellValue] = [student.number, student.full_name]
        values += [_cell_text(journal, student, lesson) for lesson in lessons]
        for kind in finals:
            final = journal.finals.get((student.student_id, kind))
            values.append(final.value if final else None)
        if with_totals:
            st = stats.get(student.student_id)
            values += [
                st.average if st else None,
                st.marks_count if st else 0,
                st.absent_hours if st else 0,
                st.excused_hours if st else 0,
            ]
        body.append(Row(values))
    header_rows: list[list[HeaderCell]] = [top, second] if len(columns) > 2 else [top]
    if len(columns) == 2:  # no lessons and no totals: a plain list
        header_rows = [[HeaderCell("№"), HeaderCell("Обучающийся")]]
    return ReportSheet(
        title=title,
        columns=columns,
        header_rows=header_rows,
        body=body,
        subtitle_lines=_subtitles(journal),
        footnotes=(LEGEND,) if lessons else (),
        landscape=True,
        name=name,
    )


def lessons_sheet(journal: gb.Journal, lessons: Sequence[gb.LessonColumn], *, title: str, name: str) -> ReportSheet:
    """The right side: what was taught, lesson by lesson."""
    columns = [
        Column("date", ColumnKind.DATE, 11),
        Column("pair", ColumnKind.INT, 5),
        Column("hours", ColumnKind.INT, 6),
        Column("kind", ColumnKind.TEXT, 16),
        Column("topic", ColumnKind.TEXT, 48),
        Column("homework", ColumnKind.TEXT, 30),
        Column("teacher", ColumnKind.TEXT, 16),
    ]
    headers = ["Дата", "Пара", "Часов", "Вид занятия", "Тема занятия", "Домашнее задание", "Преподаватель"]
    body = [
        Row(
            [
                lesson.held_on,
                lesson.pair_no,
                lesson.hours,
                LESSON_KIND_LABELS.get(lesson.lesson_kind, lesson.lesson_kind),
                lesson.topic,
                lesson.homework,
                journal.summary.teacher_name,
            ]
        )
        for lesson in lessons
    ]
    hours = sum(lesson.hours for lesson in lessons)
    totals = [Row([None, None, hours, "Итого часов", None, None, None], RowStyle.TOTAL)] if lessons else []
    return ReportSheet(
        title=title,
        columns=columns,
        header_rows=[[HeaderCell(text) for text in headers]],
        body=body,
        totals=totals,
        subtitle_lines=_subtitles(journal),
        landscape=True,
        name=name,
    )


def _title(journal: gb.Journal) -> str:
    return f"Журнал учебных занятий: {journal.summary.group_name}, {journal.summary.discipline_code}"


def build_xlsx_report(journal: gb.Journal, college: str = "") -> Report:
    """Two sheets: the whole grid with totals, and the lessons."""
    return Report(
        key="journal",
        title=_title(journal),
        college=college,
        sheets=[
            grid_sheet(
                journal,
                journal.lessons,
                title="Учёт успеваемости и посещаемости",
                name="Успеваемость",
                with_totals=True,
            ),
            lessons_sheet(journal, journal.lessons, title="Содержание занятий", name="Занятия"),
        ],
    )


def build_pdf_report(journal: gb.Journal, college: str = "") -> Report:
    """Month by month: the grid, then the lessons of that month; the totals at the end."""
    sheets: list[ReportSheet] = []
    for (year, month), lessons in _months(journal.lessons):
        label = _month_label(year, month)
        sheets.append(
            grid_sheet(
                journal,
                lessons,
                title=f"Учёт успеваемости и посещаемости — {label}",
                name=f"Успеваемость {label}",
                with_totals=False,
            )
        )
        sheets.append(lessons_sheet(journal, lessons, title=f"Содержание занятий — {label}", name=f"Занятия {label}"))
    sheets.append(grid_sheet(journal, [], title="Итоговые оценки и пропуски за период", name="Итоги", with_totals=True))
    return Report(key="journal", title=_title(journal), college=college, sheets=sheets)


def default_file_name(journal: gb.Journal, fmt: str) -> str:
    s = journal.summary
    sub = f" подгр{s.subgroup}" if s.subgroup else ""
    name = f"Журнал {s.group_name}{sub} {s.discipline_code} {journal.period.academic_year}-{journal.period.number}"
    return "".join("-" if ch in '\\/:*?"<>|' else ch for ch in name) + f".{fmt}"


def write_journal(journal: gb.Journal, path: str | Path, fmt: str, college: str = "") -> Path:
    """Render an opened journal to XLSX or PDF."""
    if fmt == "xlsx":
        from ejournal_desktop.reports.render_xlsx import write_xlsx

        return write_xlsx(build_xlsx_report(journal, college), path)
    if fmt == "pdf":
        from ejournal_desktop.reports.render_pdf import write_pdf

        return write_pdf(build_pdf_report(journal, college), path)
    raise ValueError(f"unknown format {fmt!r}")


def export_journal(
    session: UserSession, assignment_id: int, path: str | Path, fmt: str, *, today: dt.date | None = None
) -> Path:
    """Open the journal as this person may read it and write it to `path` (constant number of queries)."""
    from ejournal_desktop.services.settings import college_name

    journal = gb.open_journal(session, assignment_id, today=today)
    return write_journal(journal, path, fmt, college_name(session))
