"""Exporting a journal of 30 students × 80 lessons to XLSX and PDF: how long, against a bare write.

    python -m tests.benchmarks.journal_export [--students 30] [--lessons 80] [--repeat 5]

The journal is made in memory (no database: opening one is measured by gradebook_open), filled like
a real one (marks, «4/5», absences, finals). Printed, for each format:
- the median time of the builder plus the renderer (`reports.journal_export.write_journal`);
- the same cells written bare in the same run (openpyxl appending the rows; reportlab drawing the
  texts of the cells on pages with no table layout), the two taking turns, and the ratio.
Prints figures, asserts nothing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from ejournal_desktop.domain.marks import parse_cell
from ejournal_desktop.domain.membership import Interval
from ejournal_desktop.reports.journal_export import write_journal
from ejournal_desktop.services import gradebook as gb


def make_journal(students: int, lessons: int, seed: int = 1) -> gb.Journal:
    rng = random.Random(seed)
    period = gb.PeriodInfo(1, "2026/2027", 1, dt.date(2026, 9, 1), dt.date(2026, 12, 31), False)
    summary = gb.JournalSummary(
        1, 1, "21-ТО", "ОП.02", "Инженерная графика", None, 1, "Иванова М. П.", 1, "exam", 160, 160, None, 0, True
    )
    days = [d for d in (period.starts_on + dt.timedelta(n) for n in range(122)) if d.weekday() < 6]
    columns = [
        gb.LessonColumn(
            i + 1, days[i * len(days) // lessons], 1 + i % 2, 2, f"Тема {i + 1}", f"§ {i + 1}", "theory", None
        )
        for i in range(lessons)
    ]
    rows = [
        # In the group the whole time (no movements): with no interval every cell would print empty.
        gb.StudentRow(
            s + 1, s + 1, f"Фамилия{s + 1} Имя Отчество", f"Фамилия{s + 1} И. О.", None, (Interval(None, None),)
        )
        for s in range(students)
    ]
    cells = {}
    for student in rows:
        for lesson in columns:
            text = rng.choice(["", "", "5", "4", "3", "2", "4/5", "н", "н1", "зч"])
            if text:
                entry = parse_cell(text, lesson.hours)
                cells[(student.student_id, lesson.lesson_id)] = gb.CellState(
                    entry.marks,
                    (1,) * len(entry.marks),
                    entry.absent_hours,
                    "unexcused" if entry.absent_hours else None,
                )
    finals = {(s.student_id, "exam"): gb.FinalState(rng.choice("2345"), 1) for s in rows}
    return gb.Journal(summary, period, rows, columns, cells, finals, ("semester", "exam"), None)


def bare_xlsx(journal: gb.Journal, path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for student in journal.students:
        values: list[object] = [student.number, student.full_name]
        for lesson in journal.lessons:
            text = journal.cell(student.student_id, lesson.lesson_id).text(lesson.hours)
            values.append(int(text) if text.isdigit() else text or None)
        sheet.append(values)
    for lesson in journal.lessons:
        sheet.append([lesson.held_on, lesson.hours, lesson.topic, lesson.homework])
    book.save(path)


def bare_pdf(journal: gb.Journal, path: Path) -> None:
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.pdfgen.canvas import Canvas

    from ejournal_desktop.reports.pdf_fonts import register_fonts

    regular, _bold = register_fonts()
    canvas = Canvas(str(path), pagesize=landscape(A4))
    per_page = 10
    for first in range(0, len(journal.lessons), per_page):
        canvas.setFont(regular, 7)
        for r, student in enumerate(journal.students):
            y = 560 - r * 16
            canvas.drawString(20, y, student.full_name)
            for c, lesson in enumerate(journal.lessons[first : first + per_page]):
                canvas.drawString(200 + c * 50, y, journal.cell(student.student_id, lesson.lesson_id).text(2))
        canvas.showPage()
    canvas.save()


def paired_seconds(fn: Callable[[], object], bare: Callable[[], object], repeat: int) -> tuple[float, float]:
    """Medians of `repeat` runs of each after a warm-up (imports, fonts), the two taking turns: on a
    shared machine a burst of load falls on both alike."""
    fn(), bare()
    ours: list[float] = []
    theirs: list[float] = []
    for _ in range(repeat):
        for work, times in ((fn, ours), (bare, theirs)):
            start = time.perf_counter()
            work()
            times.append(time.perf_counter() - start)
    return statistics.median(ours), statistics.median(theirs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=30)
    parser.add_argument("--lessons", type=int, default=80)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    journal = make_journal(args.students, args.lessons)
    print(f"Журнал: {len(journal.students)} обучающихся × {len(journal.lessons)} занятий, {len(journal.cells)} клеток")
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        for fmt, bare in (("xlsx", bare_xlsx), ("pdf", bare_pdf)):
            ours, plain = paired_seconds(
                lambda fmt=fmt: write_journal(journal, base / f"j.{fmt}", fmt, "Техникум"),
                lambda bare=bare, fmt=fmt: bare(journal, base / f"bare.{fmt}"),
                args.repeat,
            )
            size = (base / f"j.{fmt}").stat().st_size // 1024
            print(
                f"{fmt.upper():4}  экспорт {ours * 1000:7.0f} мс ({size} КБ)  ·  голая запись {plain * 1000:7.0f} мс"
                f"  ·  отношение {ours / plain:4.1f}×"
            )


if __name__ == "__main__":
    main()
