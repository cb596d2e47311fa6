"""«Согласия на обработку персональных данных: кого нет» — for the curator, the secretary and the admin.

Students (studying or on academic leave) and their parents with no signed consent on file, by
group. The rows come from services.consents.missing_consents (one query), which keeps a curator
to their own group; `group_id` narrows the list further.
"""

from __future__ import annotations

from ejournal_desktop.reports.catalog import REPORTS, ReportParams
from ejournal_desktop.reports.common import hc, made_on
from ejournal_desktop.reports.table import Column, ColumnKind, Report, ReportSheet, Row
from ejournal_desktop.services import settings
from ejournal_desktop.services.auth import UserSession
from ejournal_desktop.services.consents import missing_consents

KEY = "consents-missing"


def build_consents_missing(session: UserSession, params: ReportParams) -> Report:
    missing = missing_consents(session, params.group_id)
    rows = [
        Row([number, item.group_name, item.full_name, item.kind, item.student_name or None])
        for number, item in enumerate(missing, start=1)
    ]
    students = sum(1 for item in missing if item.kind == "обучающийся")
    sheet = ReportSheet(
        title=REPORTS[KEY].title,
        name="Нет согласия",
        columns=[
            Column("n", ColumnKind.INT, 5),
            Column("group", ColumnKind.TEXT, 10),
            Column("name", ColumnKind.TEXT, 36),
            Column("kind", ColumnKind.TEXT, 14),
            Column("child", ColumnKind.TEXT, 26),
        ],
        header_rows=[[hc("№"), hc("Группа"), hc("ФИО"), hc("Кто"), hc("Чей родитель")]],
        body=rows,
        subtitle_lines=[
            f"Обучающихся без согласия: {students}; родителей: {len(missing) - students}",
            made_on(params.on()),
        ],
        footnotes=[
            "В списке обучающиеся (в том числе в академическом отпуске) и их родители (законные представители), "
            "чьё согласие на обработку персональных данных не зарегистрировано в ЭЖ."
        ],
    )
    return Report(key=KEY, title=REPORTS[KEY].title, sheets=[sheet], college=settings.college_name(session))
