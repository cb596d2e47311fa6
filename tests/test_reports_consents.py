"""«Согласия на обработку ПД: кого нет»: the admin sees every group, a curator only theirs, a teacher
who curates nothing gets no such report; the figures match the consents service row for row."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader

from ejournal_desktop.domain.errors import PermissionDenied
from ejournal_desktop.reports.catalog import ReportParams, available_reports, build_report
from ejournal_desktop.reports.render_pdf import write_pdf
from ejournal_desktop.reports.table import column_values
from ejournal_desktop.services import consents
from ejournal_desktop.services.auth import UserSession

KEY = "consents-missing"


def params(group_id: int | None = None) -> ReportParams:
    return ReportParams(period_id=None, group_id=group_id, today=dt.date(2026, 11, 20))


def test_the_admin_lists_every_group_and_a_registered_consent_leaves_the_list(
    act_as: Callable[[str], UserSession], tmp_path: Path
) -> None:
    admin, secretary = act_as("admin"), act_as("sekretar")
    assert KEY in {spec.key for spec in available_reports(admin)}
    sheet = build_report(admin, KEY, params()).sheets[0]
    expected = consents.missing_consents(secretary)
    assert column_values(sheet, "name") == [item.full_name for item in expected]
    assert len(set(column_values(sheet, "group"))) > 1
    assert column_values(sheet, "n") == list(range(1, len(expected) + 1))

    first = expected[0]
    consents.record_consent(secretary, first.person_id, dt.date(2026, 11, 1), "согласие № 1")
    after = build_report(admin, KEY, params()).sheets[0]
    assert len(after.body) == len(sheet.body) - 1
    assert first.full_name not in column_values(after, "name") or column_values(after, "name").count(
        first.full_name
    ) < column_values(sheet, "name").count(first.full_name)

    pdf = write_pdf(build_report(admin, KEY, params()), tmp_path / "consents.pdf")
    text = "".join(page.extract_text() for page in PdfReader(str(pdf)).pages)
    assert expected[1].full_name.split()[0] in text


def test_a_curator_sees_only_their_group_and_a_plain_teacher_none(act_as: Callable[[str], UserSession]) -> None:
    curator = act_as("kurator")
    sheet = build_report(curator, KEY, params()).sheets[0]
    own = consents.missing_consents(act_as("sekretar"), curator.user.curated_group_ids[0])
    assert column_values(sheet, "name") == [item.full_name for item in own]
    assert set(column_values(sheet, "group")) <= {own[0].group_name} if own else sheet.body == []

    teacher = act_as("prepod")
    assert KEY not in {spec.key for spec in available_reports(teacher)}
    with pytest.raises(PermissionDenied):
        build_report(teacher, KEY, params())
