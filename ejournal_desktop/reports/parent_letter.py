"""Информационное письмо для родителей: one sheet (one printed page) per student.

Each discipline of the period with the student's lesson marks in date order, their average, the
final mark when set, and the hours missed; the curator's name and contacts; the curator's
signature. For one student (`params.student_id`) or the whole group, in one file.
`letter_recipients` tells the e-mail screen who may get their letter.
"""

from __future__ import annotations

from dataclasses import dataclass

from ejournal_desktop.domain.errors import NotFound
from ejournal_desktop.domain.statistics import average_mark
from ejournal_desktop.reports.catalog import REPORTS, ReportParams
from ejournal_desktop.reports.common import curator_signature, hc, join_nonempty, made_on, rounded
from ejournal_desktop.reports.table import Column, ColumnKind, Report, ReportSheet, Row, RowStyle
from ejournal_desktop.services import report_data as rd
from ejournal_desktop.services.auth import UserSession
from ejournal_desktop.services.unit_of_work import transaction


@dataclass(frozen=True, slots=True)
class LetterRecipient:
    student_id: int
    student_name: str
    sheet_name: str  # the sheet of the report that is this student's letter
    guardians: tuple[tuple[str, str, str], ...]  # (full name, relation, e-mail)

    @property
    def emails(self) -> list[str]:
        return [email for _name, _relation, email in self.guardians if email]


def build_parent_letters(session: UserSession, params: ReportParams) -> Report:
    report, _recipients = build_letters_with_recipients(session, params)
    return report


def build_letters_with_recipients(session: UserSession, params: ReportParams) -> tuple[Report, list[LetterRecipient]]:
    """The letters and, for each, the parents (with e-mail when known): what the e-mail screen sends."""
    assert params.group_id is not None and params.period_id is not None
    with transaction(session) as conn:
        ctx = rd.load_context(conn, params.group_id, params.period_id)
        students = ctx.counted
        if params.student_id is not None:
            students = [s for s in ctx.students if s.id == params.student_id]
            if not students:
                raise NotFound(f"Обучающийся не найден в группе {ctx.group.name} в этом периоде")
        ids = [s.id for s in students]
        marks = rd.mark_lists(conn, ctx, ids)
        finals, absence = rd.finals_and_absences(conn, ctx)
        parents = rd.guardians(conn, ids)
    g = ctx.group
    contacts = join_nonempty([g.curator_full, f"тел. {g.curator_phone}" if g.curator_phone else "", g.curator_email])
    sheets, recipients = [], []
    used: set[str] = set()
    for student in students:
        rows = []
        every: list[str] = []
        missed_all = rd.Absence()
        for d in ctx.disciplines:
            values = [value for _day, value in marks.get((student.id, d.id), [])]
            every += values
            away = absence.get((student.id, d.id), rd.Absence())
            missed_all = missed_all + away
            rows.append(
                Row(
                    [
                        d.title,
                        " ".join(values) or None,
                        rounded(average_mark(values)),
                        rd.decisive(finals.get((student.id, d.id))),
                        away.total,
                        away.respectful,
                    ]
                )
            )
        totals = [
            Row(
                [
                    "Итого",
                    f"оценок: {len(every)}",
                    rounded(average_mark(every)),
                    None,
                    missed_all.total,
                    missed_all.respectful,
                ],
                RowStyle.TOTAL,
            )
        ]
        name = _unique(student.short_name, used)
        who = parents.get(student.id, [])
        to_whom = "; ".join(join_nonempty([n, r], " — ") for n, r, _e in who)
        sheets.append(
            ReportSheet(
                title="Информационное письмо для родителей (законных представителей)",
                name=name,
                columns=[
                    Column("discipline", ColumnKind.TEXT, 32),
                    Column("marks", ColumnKind.TEXT, 34),
                    Column("average", ColumnKind.DECIMAL, 11, 2),
                    Column("final", ColumnKind.MARK, 11),
                    Column("missed", ColumnKind.INT, 13),
                    Column("respectful", ColumnKind.INT, 12),
                ],
                header_rows=[
                    [
                        hc("Дисциплина"),
                        hc("Оценки за период"),
                        hc("Средний балл"),
                        hc("Итоговая оценка"),
                        hc("Пропущено часов"),
                        hc("из них по уважит. причине"),
                    ]
                ],
                body=rows,
                totals=totals,
                subtitle_lines=[
                    f"Обучающийся: {student.full_name}, группа {g.name}",
                    ctx.period.long_label,
                    *([f"Кому: {to_whom}"] if to_whom else []),
                ],
                footnotes=[
                    "Уважаемые родители! Сообщаем вам об успеваемости и посещаемости вашего ребёнка за период. "
                    "Средний балл — среднее числовых оценок («зч», «нз» не учитываются).",
                    f"Классный руководитель: {contacts or '—'}.",
                ],
                signatures=[
                    curator_signature(ctx),
                    made_on(params.on()),
                ],
            )
        )
        recipients.append(LetterRecipient(student.id, student.full_name, name, tuple(who)))
    report = Report(
        key="parent-letter",
        title=REPORTS["parent-letter"].title,
        sheets=sheets,
        college=ctx.settings.get("college_name", ""),
    )
    return report, recipients


def single_letter(report: Report, recipient: LetterRecipient) -> Report:
    """The report cut down to one student's letter (to attach to that family's e-mail)."""
    return Report(
        key=report.key,
        title=report.title,
        sheets=[report.sheet(recipient.sheet_name)],
        college=report.college,
        made_at=report.made_at,
    )


def _unique(name: str, used: set[str]) -> str:
    candidate, n = name[:31], 2
    while candidate in used:
        suffix = f" {n}"
        candidate, n = name[: 31 - len(suffix)] + suffix, n + 1
    used.add(candidate)
    return candidate
