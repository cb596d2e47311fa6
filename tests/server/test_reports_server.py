"""Reports on a real server: each person logs in as their own role and row-level security applies.

What RLS hides is silently missing, not refused: these tests check that a curator's reports still
see the lessons, marks and absences other teachers put in the curated group, that the deputy's
college-wide reports see every group and the admin's usage statistics the logins; and that the
command line logs a curator in with the password on standard input.

The college of tests/server/college.py: t1 curates 21-ТО (s1 Иванов Иван, s2 Ёлкин Егор) and
teaches it ОП.01 (lesson l1: s1 «5», s2 «4», s2 absent 2 h); t2 teaches 21-ТО ОП.02 (lesson l2:
s1 «3» and absent 2 h, s2 «5") and curates 22-ТО (s3).
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy.engine import URL

from ejournal_desktop import cli
from ejournal_desktop.domain.errors import PermissionDenied
from ejournal_desktop.reports.catalog import ReportParams, build_report
from ejournal_desktop.reports.table import column_values
from ejournal_desktop.services import auth
from tests.server.college import PASSWORD, College

pytestmark = pytest.mark.pg

TODAY = dt.date(2026, 9, 30)


def login(college: College, key: str) -> auth.UserSession:
    url = college.url
    profile = auth.Profile(
        kind="server", host=url.host or "", port=url.port or 5432, database=college.db, sslmode="disable"
    )
    return auth.login(profile, college.login(key), PASSWORD)


def test_the_curators_reports_see_other_teachers_lessons_in_the_group(college: College) -> None:
    curator = login(college, "t1")
    ids = college.ids
    params = ReportParams(ids["period_open"], ids["g1"], months=((2026, 9),), today=TODAY)
    try:
        summary = build_report(curator, "attendance-summary", params).sheets[0]
        assert column_values(summary, "name") == ["Ёлкин Егор", "Иванов Иван"]
        assert [cell.text for cell in summary.header_rows[0][2:4]] == ["ОП.01", "ОП.02"]
        d1, d2 = f"d{ids['da']}", f"d{ids['db']}"
        assert column_values(summary, f"{d1}_unexc") == [2, 0]
        assert column_values(summary, f"{d2}_unexc") == [0, 2]
        grid = build_report(curator, "curator-preliminary", params).sheets[0]
        assert column_values(grid, d1) == ["н/а", "5"]  # s2 missed the 2 h held: «н/а» whatever the mark
        assert column_values(grid, d2) == ["5", "н/а"]  # s1 missed l2 of the other teacher
        month = build_report(curator, "attendance-month", params).sheets[0]
        assert column_values(month, "missed") == [2, 2] and column_values(month, "due") == [4, 4]
        letter = build_report(curator, "parent-letter", params).sheets
        assert [sheet.body[1].values[1] for sheet in letter] == ["5", "3"]
        with pytest.raises(PermissionDenied):
            build_report(curator, "grades-summary", ReportParams(ids["period_open"], ids["g2"], today=TODAY))
    finally:
        curator.close()


def test_the_deputy_and_the_admin_see_the_whole_college(college: College) -> None:
    deputy = login(college, "deputy")
    params = ReportParams(college.ids["period_open"], None, today=TODAY)
    try:
        results = build_report(deputy, "college-results", params).sheets[0]
        assert {"21-ТО", "22-ТО"} <= {row.values[0] for row in results.body}
        control = build_report(deputy, "filling-control", params).sheets[0]
        assert len(control.body) == 4  # a1, a2, a3, a5 of the open period
        stats = build_report(deputy, "teacher-stats", params).sheets[0]
        assert column_values(stats, "journals") == [2, 2]
    finally:
        deputy.close()
    admin = login(college, "admin")
    try:
        usage = build_report(admin, "usage-stats", ReportParams(None, None, today=dt.date.today())).sheets
        assert usage[0].totals[0].values[4] >= 2  # the deputy's and this login at least
    finally:
        admin.close()


def test_the_command_line_logs_a_curator_in(college: College, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    url = college.url
    bare = URL.create("postgresql+psycopg", host=url.host, port=url.port, database=college.db)
    out = tmp_path / "summary.pdf"
    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    args = ["report", "attendance-summary", "--url", bare.render_as_string(), "--group", "21-ТО"]
    args += ["--period", "2026/2027-1", "--login", college.login("t1"), "-o", str(out)]
    assert cli.main(args) == 0
    text = PdfReader(out).pages[0].extract_text()
    assert "Иванов Иван" in text and "Ёлкин Егор" in text
