"""The printed portfolio of a student: a title block and a table of achievements, A4 portrait.

Data from `services.portfolio.portfolio_report` (anything with college, student_name, group_name,
specialty, made_on and items of achieved_on, kind_label, title, level_label, result, confirmed,
confirmed_by); this module only lays it out, with the Cyrillic DejaVu font.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ejournal_desktop.domain.calendar import format_date
from ejournal_desktop.reports.pdf_fonts import BOLD, REGULAR, register_fonts


def render_pdf(report: Any, path: str | Path) -> Path:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    register_fonts()
    target = Path(path)
    body = ParagraphStyle("body", fontName=REGULAR, fontSize=9, leading=11)
    small = ParagraphStyle("small", parent=body, fontSize=8, leading=10)
    head = ParagraphStyle("head", parent=body, fontName=BOLD, fontSize=14, leading=18, alignment=1)
    sub = ParagraphStyle("sub", parent=body, fontSize=10, leading=13, alignment=1)

    def p(text: str, style: ParagraphStyle = body) -> Paragraph:
        # Plain text: the markup characters of reportlab's mini-HTML are escaped.
        return Paragraph((text or "").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"), style)

    story: list[Any] = []
    if report.college:
        story.append(p(report.college, sub))
    story += [
        Spacer(1, 4 * mm),
        p("Портфолио обучающегося", head),
        Spacer(1, 2 * mm),
        p(report.student_name, sub),
        p(f"Группа {report.group_name}, специальность {report.specialty}", sub),
        Spacer(1, 6 * mm),
    ]
    header = ["№", "Дата", "Вид", "Достижение", "Уровень", "Результат", "Подтверждено"]
    rows: list[list[Any]] = [[p(h, small) for h in header]]
    for n, item in enumerate(report.items, start=1):
        rows.append(
            [
                p(str(n), small),
                p(format_date(item.achieved_on), small),
                p(item.kind_label, small),
                p(item.title),
                p(item.level_label, small),
                p(item.result, small),
                p(item.confirmed_by or "да" if item.confirmed else "нет", small),
            ]
        )
    if not report.items:
        rows.append([p(""), p(""), p(""), p("Достижений пока нет"), p(""), p(""), p("")])
    widths = [7 * mm, 21 * mm, 26 * mm, 48 * mm, 19 * mm, 27 * mm, 27 * mm]
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
                ("BACKGROUND", (0, 0), (-1, 0), colors.Color(0.9, 0.9, 0.9)),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LEFTPADDING", (0, 0), (-1, -1), 3),
                ("RIGHTPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    story += [
        table,
        Spacer(1, 8 * mm),
        p(f"Всего достижений: {len(report.items)}, подтверждено: {sum(1 for i in report.items if i.confirmed)}"),
        Spacer(1, 10 * mm),
        p(f"Дата формирования: {format_date(report.made_on)}"),
        Spacer(1, 6 * mm),
        p("Куратор группы ____________________ /____________________/"),
    ]
    doc = SimpleDocTemplate(
        str(target),
        pagesize=A4,
        leftMargin=15 * mm,
        rightMargin=15 * mm,
        topMargin=15 * mm,
        bottomMargin=15 * mm,
        title=f"Портфолио — {report.student_name}",
    )
    doc.build(story)
    return target
