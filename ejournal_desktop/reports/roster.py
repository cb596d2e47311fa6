"""The list of a group «на дату»: who belonged to the group on a chosen day, by the movements by order.

`build_roster` asks the services (the roster from the movement history, the group, its specialty,
the college's name: four small queries whatever the group's size) and returns a `Roster`;
`render_pdf` prints it on A4 (college, group, specialty, date, a numbered table, the total and the
signature lines) and `render_xlsx` writes the same rows as a workbook. No SQL here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape as _escape

from ejournal_desktop.domain.calendar import format_date, format_date_long
from ejournal_desktop.domain.errors import NotFound
from ejournal_desktop.domain.names import search_key, short_name
from ejournal_desktop.domain.plural import plural
from ejournal_desktop.reports.pdf_fonts import BOLD, REGULAR, register_fonts
from ejournal_desktop.services.auth import UserSession

HEADERS = ("№ п/п", "Фамилия, имя, отчество", "Дата рождения", "№ зачётной книжки")


@dataclass(frozen=True, slots=True)
class RosterLine:
    number: int
    full_name: str
    birth_date: dt.date | None
    record_book_no: str


@dataclass
class Roster:
    college_name: str
    group_name: str
    specialty: str  # «35.02.16 Эксплуатация и ремонт …»
    day: dt.date
    curator: str  # short name, «Петрова М. С.», or ""
    # Signature lines: (position, short name or "" to be written by hand).
    signatures: list[tuple[str, str]] = field(default_factory=list)
    lines: list[RosterLine] = field(default_factory=list)

    @property
    def title(self) -> str:
        return f"Список обучающихся группы {self.group_name}"

    @property
    def subtitle(self) -> str:
        return f"по состоянию на {format_date(self.day)}"

    def file_stem(self) -> str:
        return f"Список {self.group_name} на {format_date(self.day)}"


def group_id_by_name(session: UserSession, name: str) -> int:
    """A group by its name as typed («24-то» finds «24-ТО»), for the command line."""
    from ejournal_desktop.services import contingent as ct

    wanted = search_key(name)
    for group in ct.list_groups(session):
        if search_key(group.name) == wanted:
            return group.id
    raise NotFound(f"Группа «{name}» не найдена")


def build_roster(session: UserSession, group_id: int, day: dt.date) -> Roster:
    from ejournal_desktop.services import contingent as ct
    from ejournal_desktop.services.movements import group_roster_on
    from ejournal_desktop.services.settings import college_name

    entries = group_roster_on(session, group_id, day)  # checks the right to read this group
    group = next((g for g in ct.list_groups(session) if g.id == group_id), None)
    if group is None:
        raise NotFound("Группа не найдена: возможно, её удалили")
    specialty = next((s for s in ct.list_specialties(session) if s.id == group.specialty_id), None)
    user = session.user
    curator = ""
    if group.curator_name:
        parts = group.curator_name.split()
        curator = short_name(parts[0], parts[1] if len(parts) > 1 else "", parts[2] if len(parts) > 2 else None)
    return Roster(
        college_name=college_name(session),
        group_name=group.name,
        specialty=f"{specialty.code} {specialty.name}" if specialty else group.specialty_code,
        day=day,
        curator=curator,
        signatures=[
            (
                "Секретарь учебной части",
                short_name(user.last_name, user.first_name, user.middle_name) if "secretary" in user.roles else "",
            ),
            ("Куратор группы", curator),
        ],
        lines=[
            RosterLine(number, e.full_name, e.birth_date, e.record_book_no or "")
            for number, e in enumerate(entries, start=1)
        ],
    )


def _people(count: int) -> str:
    """«1 человек», «3 человека», «12 человек»."""
    return f"{count} {plural(count, 'человек', 'человека', 'человек')}"


def render_pdf(roster: Roster, path: str | Path) -> Path:
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    register_fonts()
    target = Path(path)
    normal = ParagraphStyle("normal", fontName=REGULAR, fontSize=10.5, leading=12.5)
    centre = ParagraphStyle("centre", parent=normal, alignment=1)
    heading = ParagraphStyle("heading", parent=centre, fontName=BOLD, fontSize=13, leading=17, spaceBefore=4)
    small = ParagraphStyle("small", parent=centre, fontSize=9.5, leading=12)
    head = ParagraphStyle("head", parent=centre, fontName=BOLD, fontSize=9.5, leading=11.5)
    story: list = []
    if roster.college_name:
        story.append(Paragraph(_escape(roster.college_name), small))
        story.append(Spacer(1, 4 * mm))
    story.append(Paragraph(_escape(roster.title), heading))
    if roster.specialty:
        story.append(Paragraph(f"специальность {_escape(roster.specialty)}", centre))
    story.append(Paragraph(_escape(roster.subtitle), centre))
    story.append(Spacer(1, 5 * mm))
    data: list[list[object]] = [[Paragraph(_escape(h), head) for h in HEADERS]]
    for line in roster.lines:
        data.append(
            [
                str(line.number),
                Paragraph(_escape(line.full_name), normal),
                format_date(line.birth_date) if line.birth_date else "",
                line.record_book_no,
            ]
        )
    if not roster.lines:
        data.append(["", Paragraph("На эту дату в группе нет обучающихся", normal), "", ""])
    table = Table(data, colWidths=[14 * mm, 92 * mm, 30 * mm, 38 * mm], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("FONT", (0, 0), (-1, -1), REGULAR, 10.5),
                ("FONT", (0, 0), (-1, 0), BOLD, 9.5),
                ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
                ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("ALIGN", (0, 0), (0, -1), "CENTER"),
                ("ALIGN", (2, 0), (-1, -1), "CENTER"),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    story.append(table)
    story.append(Spacer(1, 4 * mm))
    tail: list = [Paragraph(f"Всего: {_people(len(roster.lines))}", normal), Spacer(1, 4 * mm)]
    blank = "_" * 16
    # Plain strings in a Table are drawn as they are (not Paragraph markup): no escaping here.
    sign_rows = [[position, "_" * 23, name or blank] for position, name in roster.signatures]
    if sign_rows:
        sign = Table(sign_rows, colWidths=[62 * mm, 60 * mm, 52 * mm], rowHeights=9 * mm)
        sign.setStyle(TableStyle([("FONT", (0, 0), (-1, -1), REGULAR, 10.5), ("VALIGN", (0, 0), (-1, -1), "BOTTOM")]))
        tail.append(sign)
    tail.append(Spacer(1, 3 * mm))
    tail.append(Paragraph(f"Дата составления: {format_date_long(dt.date.today())}", normal))
    story.append(KeepTogether(tail))
    doc = SimpleDocTemplate(
        str(target),
        pagesize=A4,
        leftMargin=18 * mm,
        rightMargin=18 * mm,
        topMargin=15 * mm,
        bottomMargin=15 * mm,
        title=f"{roster.title} {roster.subtitle}",
        author="ЭЖ",
    )
    doc.build(story, onLaterPages=_page_number, onFirstPage=_page_number)
    return target


def _page_number(canvas, doc) -> None:  # type: ignore[no-untyped-def]
    canvas.saveState()
    canvas.setFont(REGULAR, 8)
    canvas.drawRightString(doc.pagesize[0] - doc.rightMargin, doc.bottomMargin / 2, f"стр. {doc.page}")
    canvas.restoreState()


def render_xlsx(roster: Roster, path: str | Path) -> Path:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side

    book = Workbook()
    sheet = book.active
    sheet.title = f"{roster.group_name} на {format_date(roster.day)}"[:31]
    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    for text, bold in (
        (roster.college_name, False),
        (roster.title, True),
        (f"специальность {roster.specialty}" if roster.specialty else "", False),
        (roster.subtitle, False),
    ):
        sheet.append([text])
        sheet.cell(sheet.max_row, 1).font = Font(bold=bold, size=13 if bold else 11)
    sheet.append([None])
    sheet.append(list(HEADERS))
    header_row = sheet.max_row
    for cell in sheet[header_row]:
        cell.font = Font(bold=True)
        cell.border = box
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for line in roster.lines:
        sheet.append([line.number, line.full_name, line.birth_date, line.record_book_no])
        row = sheet.max_row
        sheet.cell(row, 3).number_format = "DD.MM.YYYY"
        for column in range(1, 5):
            sheet.cell(row, column).border = box
    sheet.append([])
    sheet.append([f"Всего: {_people(len(roster.lines))}"])
    sheet.append([])
    for position, name in roster.signatures:
        sheet.append([None, position, "_" * 15, name or "_" * 15])
    for letter, width in (("A", 8), ("B", 42), ("C", 16), ("D", 20)):
        sheet.column_dimensions[letter].width = width
    sheet.freeze_panes = sheet.cell(header_row + 1, 1)
    target = Path(path)
    book.save(target)
    return target
