"""Credential slips: one cut-out slip per person with the login and the temporary password.

The curator hands them out at the parents' meeting, so a slip carries everything needed to log in
the first time and nothing else: the name (so it reaches the right hands), group, role, login,
temporary password, where to log in, and the reminder that the password will have to be changed.

`build_slips` turns issued credentials (anything with person_name, login, password, role,
group_name, children) into `Slip`s; `render_pdf` lays them out on A4, 2 × 4 to a page, with dashed
cut lines. The PDF is the only place the temporary passwords are written: it is made on request,
and the screens say to destroy it once handed out.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ejournal_desktop.domain.roles import Role
from ejournal_desktop.reports.pdf_fonts import BOLD, MONO, REGULAR, register_fonts

FIRST_LOGIN_NOTE = "При первом входе программа попросит сменить пароль"
TITLE = "Вход в электронный журнал (ЭЖ)"
COLUMNS, ROWS = 2, 4  # slips per page: A4 in eight, 105 × 74 mm each


@dataclass(frozen=True)
class Slip:
    person_name: str
    group_name: str
    role: str  # in Russian
    login: str
    password: str
    where: str  # how to reach the journal: the server and database, or this PC's file
    college_name: str = ""
    children: str = ""  # a parent's slip names the child


def build_slips(credentials: Iterable[Any], *, where: str, college_name: str = "") -> list[Slip]:
    """Slips in the order given (the services give students, then parents, alphabetically)."""
    slips = []
    for c in credentials:
        role = Role(c.role).label if c.role in Role.__members__.values() else str(c.role)
        slips.append(
            Slip(
                person_name=c.person_name,
                group_name=c.group_name or "",
                role=role,
                login=c.login,
                password=c.password,
                where=where,
                college_name=college_name,
                children=getattr(c, "children", "") or "",
            )
        )
    return slips


def render_pdf(slips: Sequence[Slip], path: str | Path, *, title: str = "Листки с паролями") -> Path:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    register_fonts()
    target = Path(path)
    canvas = Canvas(str(target), pagesize=A4)
    canvas.setTitle(title)
    canvas.setAuthor("ЭЖ")
    width, height = A4
    slip_w, slip_h = width / COLUMNS, height / ROWS
    per_page = COLUMNS * ROWS
    for start in range(0, max(len(slips), 1), per_page):
        _cut_lines(canvas, width, height, slip_w, slip_h)
        for index, slip in enumerate(slips[start : start + per_page]):
            column, row = index % COLUMNS, index // COLUMNS
            _draw_slip(canvas, slip, column * slip_w, height - (row + 1) * slip_h, slip_w, slip_h)
        canvas.showPage()
    canvas.save()
    return target


def _cut_lines(canvas: Any, width: float, height: float, slip_w: float, slip_h: float) -> None:
    canvas.saveState()
    canvas.setDash(4, 3)
    canvas.setLineWidth(0.5)
    canvas.setStrokeGray(0.55)
    for column in range(1, COLUMNS):
        canvas.line(column * slip_w, 0, column * slip_w, height)
    for row in range(1, ROWS):
        canvas.line(0, row * slip_h, width, row * slip_h)
    canvas.restoreState()


def _draw_slip(canvas: Any, slip: Slip, x: float, y: float, w: float, h: float) -> None:
    from reportlab.lib.units import mm
    from reportlab.lib.utils import simpleSplit

    pad = 7 * mm
    left, text_w = x + pad, w - 2 * pad
    top = y + h - pad

    def lines(text: str, font: str, size: float, *, max_lines: int = 2) -> None:
        nonlocal top
        for line in simpleSplit(text, font, size, text_w)[:max_lines]:
            top -= size * 1.25
            canvas.setFont(font, size)
            canvas.drawString(left, top, line)

    canvas.setFillGray(0.35)
    if slip.college_name:
        lines(slip.college_name, REGULAR, 7)
    lines(TITLE, BOLD, 8.5, max_lines=1)
    canvas.setFillGray(0)
    top -= 2
    lines(slip.person_name, BOLD, 11)
    details = " · ".join(part for part in (slip.role, f"группа {slip.group_name}" if slip.group_name else "") if part)
    lines(details, REGULAR, 8.5, max_lines=1)
    if slip.children:
        lines(f"Ребёнок: {slip.children}", REGULAR, 8.5, max_lines=1)
    top -= 4
    from reportlab.pdfbase.pdfmetrics import stringWidth

    pairs = (("Логин:", slip.login), ("Временный пароль:", slip.password))
    value_x = left + max(stringWidth(label, REGULAR, 9) for label, _ in pairs) + 3 * mm
    for label, value in pairs:
        top -= 16
        canvas.setFont(REGULAR, 9)
        canvas.drawString(left, top + 2, label)
        canvas.setFont(MONO, 14)
        canvas.drawString(value_x, top, value)
    top -= 4
    lines(f"Где войти: {slip.where}", REGULAR, 7.5)
    canvas.setFont(BOLD, 7.5)
    canvas.drawString(left, y + pad - 2, FIRST_LOGIN_NOTE)
