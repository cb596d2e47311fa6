"""Smoke: every report builds and renders on the demo college, for the curator's group, on both
backends — in the current semester (current marks only) and the closed one before it (finals)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from ejournal_desktop.reports.catalog import REPORTS, ReportParams, available_reports, build_report
from ejournal_desktop.reports.render_pdf import write_pdf
from ejournal_desktop.reports.render_xlsx import write_xlsx
from ejournal_desktop.reports.table import RowStyle
from ejournal_desktop.services import report_data as rd
from ejournal_desktop.services.auth import UserSession
from ejournal_desktop.services.unit_of_work import transaction
from tests.conftest import DEMO_TODAY

WHO = {"usage-stats": "admin"}


def test_every_report_on_the_demo(act_as: Callable[[str], UserSession], tmp_path: Path) -> None:
    curator = act_as("kurator")
    assert {s.key for s in available_reports(curator)} == {k for k, s in REPORTS.items() if s.needs_group} | {
        "consents-missing"
    }
    group_id = curator.user.curated_group_ids[0]
    with transaction(curator) as conn:
        group_name = rd.load_group(conn, group_id).name
        periods = rd.list_periods(conn)
        current = rd.period_containing(conn, DEMO_TODAY)
    assert current is not None
    previous = [p for p in periods if p.ends_on < current.starts_on][-1]
    sessions = {"kurator": curator, "zamdir": act_as("zamdir"), "admin": act_as("admin")}
    for period in (current, previous):
        months = ((period.starts_on.year, period.starts_on.month),)
        params = ReportParams(period.id, group_id, months=months, today=DEMO_TODAY)
        for key, spec in REPORTS.items():
            who = WHO.get(key, "kurator" if spec.needs_group else "zamdir")
            report = build_report(sessions[who], key, params)
            assert report.sheets and report.sheets[0].body, key
            if spec.needs_group:
                assert any(group_name in line for line in report.sheets[0].subtitle_lines), key
            if period is previous:
                pdf = write_pdf(report, tmp_path / f"{key}.pdf")
                assert PdfReader(pdf).pages[0].extract_text()
                assert load_workbook(write_xlsx(report, tmp_path / f"{key}.xlsx")).worksheets
    # The closed semester has final marks: the group's results count real categories.
    results = build_report(curator, "group-results", ReportParams(previous.id, group_id, today=DEMO_TODAY))
    counted = results.sheets[0].body[0].values[1]
    assert isinstance(counted, int) and counted > 15
    categories = [r for r in results.sheets[0].body[1:] if r.style is not RowStyle.SECTION][:7]
    assert sum(int(r.values[1] or 0) for r in categories) == counted


@pytest.mark.parametrize("key", ["college-results", "filling-control", "teacher-stats"])
def test_college_reports_cover_every_group(act_as: Callable[[str], UserSession], key: str) -> None:
    deputy = act_as("zamdir")
    with transaction(deputy) as conn:
        period = rd.period_containing(conn, DEMO_TODAY)
        groups = rd.college_groups(conn, period.id)  # type: ignore[union-attr]
    report = build_report(deputy, key, ReportParams(period.id, None, today=DEMO_TODAY))  # type: ignore[union-attr]
    text = repr([row.values for row in report.sheets[0].body])
    for group in groups if key != "teacher-stats" else []:
        assert group.name in text
