"""Every role × action of `domain.permissions.MATRIX` through the services, on SQLite and PostgreSQL.

Each demo login (prepod, kurator, zamdir, sekretar, admin, student, roditel) calls one representative
service per action on a private copy of the small demo college. The target of a scoped action is the
one nearest to the actor (their own open journal, a student of the group they curate …); the scope
that target has *for this actor* decides what the matrix expects:

- allowed — the call returns (a real write is made);
- refused — `PermissionDenied`.
Any other error means the probe itself is wrong and fails the test, so a refusal cannot hide behind
a `ValidationError`.

On PostgreSQL the `act_as` sessions use the test superuser's connection (no server init, no RLS):
this file tests the services' own checks; tests/server checks the same matrix through SQL.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select, text

from ejournal_desktop.domain.errors import PermissionDenied
from ejournal_desktop.domain.permissions import MATRIX, Action, Scope, can
from ejournal_desktop.domain.roles import Role
from ejournal_desktop.reports.catalog import ReportParams, build_report
from ejournal_desktop.services import (
    accounts,
    audit,
    backup,
    board,
    contingent_people,
    contingent_reference,
    diary,
    excuses,
    gradebook,
    journal_cells,
    ktp,
    lessons,
    load,
    messages,
    movements,
    periods,
    portfolio,
    settings,
)
from ejournal_desktop.services.auth import UserSession
from ejournal_desktop.store import models as m
from tests.conftest import DEMO_TODAY

LOGINS = ("prepod", "kurator", "zamdir", "sekretar", "admin", "student", "roditel")

# Actions whose services need more than a database to run (none now: every action has its probe).
SKIPPED: dict[Action, str] = {}


@dataclass
class Demo:
    """Ids of the demo college the probes aim at, looked up once per test."""

    session: UserSession
    person_id: int
    open_period: int
    closed_period: int
    assignment: int  # an open journal: the actor's own, or else one of the curated group, or else prepod's
    assignment_scope: Scope
    student: int  # a student: of the curated group when the actor curates one, else the demo student's
    student_scope: Scope
    group: int

    def one(self, sql: str, **params: Any) -> Any:
        with self.session.engine.connect() as conn:
            return conn.execute(text(sql), params).scalar()


def _demo(session: UserSession) -> Demo:
    me = session.user.person_id
    with session.engine.connect() as conn:
        open_period = conn.execute(select(m.Period.id).where(m.Period.closed_at.is_(None))).scalar()
        closed_period = conn.execute(select(m.Period.id).where(m.Period.closed_at.is_not(None))).scalar()
        prepod = conn.execute(select(m.Account.person_id).where(m.Account.login == "prepod")).scalar()
        curated = conn.execute(select(m.StudyGroup.id).where(m.StudyGroup.curator_id == me)).scalar()
        in_open = select(m.TeachingAssignment.id).where(m.TeachingAssignment.period_id == open_period)
        own = conn.execute(in_open.where(m.TeachingAssignment.teacher_id == me).limit(1)).scalar()
        if own is not None:
            assignment, a_scope = own, Scope.OWN_ASSIGNMENTS
        elif curated is not None:
            assignment = conn.execute(in_open.where(m.TeachingAssignment.group_id == curated).limit(1)).scalar()
            a_scope = Scope.CURATED_GROUP
        else:
            assignment = conn.execute(in_open.where(m.TeachingAssignment.teacher_id == prepod).limit(1)).scalar()
            a_scope = Scope.ALL
        demo_student = conn.execute(
            select(m.Student.id).join(m.Account, m.Account.person_id == m.Student.person_id)
            .where(m.Account.login == "student")
        ).scalar()  # fmt: skip
        if curated is not None:
            student = conn.execute(select(m.Student.id).where(m.Student.group_id == curated).limit(1)).scalar()
            s_scope = Scope.CURATED_GROUP
        else:
            student, s_scope = demo_student, Scope.ALL
        group = conn.execute(select(m.Student.group_id).where(m.Student.id == student)).scalar()
    return Demo(session, me, open_period, closed_period, assignment, a_scope, student, s_scope, group)


Probe = Callable[[Demo, Path], None]


def _journal_read(d: Demo, _tmp: Path) -> None:
    gradebook.open_journal(d.session, d.assignment, today=DEMO_TODAY)


def _journal_write(d: Demo, _tmp: Path) -> None:
    lessons.add_lesson(d.session, d.assignment, DEMO_TODAY - dt.timedelta(days=3), 7)


def _final_mark_write(d: Demo, _tmp: Path) -> None:
    group = d.one("SELECT group_id FROM teaching_assignment WHERE id = :a", a=d.assignment)
    student = d.one("SELECT min(id) FROM student WHERE group_id = :g", g=group)
    version = d.one(
        "SELECT version FROM final_mark WHERE assignment_id = :a AND student_id = :s AND kind = 'semester'",
        a=d.assignment,
        s=student,
    )
    journal_cells.save_final(d.session, d.assignment, student, "semester", "5", version)


def _ktp_write(d: Demo, _tmp: Path) -> None:
    ktp.insert_topic(d.session, d.assignment, ktp.TopicDraft(title="Проверка прав: тема"))


def _contingent_read(d: Demo, _tmp: Path) -> None:
    contingent_people.list_students(d.session)


def _contingent_write(d: Demo, _tmp: Path) -> None:
    contingent_reference.save_discipline(d.session, {"code": "ОП.99", "name": "Проверка прав", "kind": "ОП"})


def _guardian_write(d: Demo, _tmp: Path) -> None:
    contingent_people.save_parent(
        d.session, {"last_name": "Проверкина", "first_name": "Анна", "phone": "+7 900 111-22-33"}, student_id=d.student
    )


def _excuse_write(d: Demo, _tmp: Path) -> None:
    day = DEMO_TODAY - dt.timedelta(days=40)
    excuses.create_excuse(d.session, d.student, day, day, "sick", "справка № 1 (проверка прав)")


def _movement_write(d: Demo, _tmp: Path) -> None:
    order = movements.Order("77-к", DEMO_TODAY, DEMO_TODAY)
    movements.academic_leave(d.session, [d.student], order)


def _load_write(d: Demo, _tmp: Path) -> None:
    teacher = d.one("SELECT teacher_id FROM teaching_assignment WHERE id = :a", a=d.assignment)
    discipline = d.one("SELECT discipline_id FROM teaching_assignment WHERE id = :a", a=d.assignment)
    load.save_assignment(
        d.session,
        d.open_period,
        {"group_id": d.group, "discipline_id": discipline, "teacher_id": teacher, "subgroup": 2,
         "planned_hours": 36, "control_form": "credit"},
    )  # fmt: skip


def _period_write(d: Demo, _tmp: Path) -> None:
    contingent_reference.save_period(
        d.session, {"academic_year": "2027/2028", "number": 1, "starts_on": "2027-09-01", "ends_on": "2027-12-31"}
    )


def _period_close(d: Demo, _tmp: Path) -> None:
    periods.reopen_period(d.session, d.closed_period)


def _accounts_manage(d: Demo, _tmp: Path) -> None:
    accounts.list_accounts(d.session)


def _audit_read(d: Demo, _tmp: Path) -> None:
    audit.list_audit(d.session, limit=5)


def _diary_read(d: Demo, _tmp: Path) -> None:
    diary.diary_students(d.session)


def _settings_manage(d: Demo, _tmp: Path) -> None:
    settings.set_setting(d.session, settings.COLLEGE_NAME_KEY, "ГБПОУ «Проверка прав»")


def _import_contingent(d: Demo, tmp: Path) -> None:
    from ejournal_desktop.services import contingent_import, contingent_sample

    path = contingent_sample.write_sample(tmp / "sample.xlsx")
    contingent_import.preview_import(d.session, path)


def _board_read(d: Demo, _tmp: Path) -> None:
    board.list_announcements(d.session, today=DEMO_TODAY)


def _board_publish(d: Demo, _tmp: Path) -> None:
    board.publish(d.session, title="Проверка прав: объявление", body="", audience="group", target_group_id=d.group)


def _board_moderate(d: Demo, _tmp: Path) -> None:
    with d.session.engine.begin() as conn:  # somebody else's notice, put there directly
        notice = conn.execute(
            text(
                "INSERT INTO announcement (author_id, author_name, audience, title, body, publish_on, pinned,"
                " created_at) VALUES ((SELECT min(id) FROM person WHERE id <> :me), 'Другой', 'everyone',"
                " 'Проверка прав: чужое', '', :day, :no, :now) RETURNING id"
            ),
            {"me": d.person_id, "day": DEMO_TODAY, "no": False, "now": dt.datetime(2026, 11, 29, 12, 0)},
        ).scalar_one()
    board.delete_announcement(d.session, notice)


def _messages_use(d: Demo, _tmp: Path) -> None:
    messages.inbox(d.session)


def _backup_manage(d: Demo, _tmp: Path) -> None:
    backup.history(d.session)


def _portfolio_write(d: Demo, _tmp: Path) -> None:
    portfolio.add_item(
        d.session, d.student, achieved_on=DEMO_TODAY, kind="olympiad", title="Проверка прав: олимпиада", level="college"
    )


def _portfolio_confirm(d: Demo, _tmp: Path) -> None:
    with d.session.engine.begin() as conn:  # an unconfirmed item of the target student, put there directly
        item = conn.execute(
            text(
                "INSERT INTO portfolio_item (student_id, achieved_on, kind, title, level, result, created_at)"
                " VALUES (:s, :d, 'other', 'Проверка прав: грамота', 'college', '', :now) RETURNING id"
            ),
            {"s": d.student, "d": DEMO_TODAY, "now": dt.datetime(2026, 11, 29, 12, 0)},
        ).scalar_one()
    portfolio.confirm(d.session, item)


def _reports_group(d: Demo, _tmp: Path) -> None:
    build_report(d.session, "grades-summary", ReportParams(d.open_period, d.group, today=DEMO_TODAY))


def _reports_college(d: Demo, _tmp: Path) -> None:
    build_report(d.session, "college-results", ReportParams(d.open_period, None, today=DEMO_TODAY))


def _student_target_scope(d: Demo) -> Scope:
    """The scope the target student has for the actor: themself, their child, else as `_demo` found it."""
    if d.one("SELECT person_id FROM student WHERE id = :s", s=d.student) == d.person_id:
        return Scope.SELF
    if d.one(
        "SELECT count(*) FROM guardian_link WHERE student_id = :s AND guardian_id = :p", s=d.student, p=d.person_id
    ):
        return Scope.CHILDREN
    return d.student_scope


def _group_target_scope(d: Demo) -> Scope:
    """The scope the target group has for the actor: curated, taught, else ALL (anyone else's)."""
    if d.student_scope is Scope.CURATED_GROUP:
        return Scope.CURATED_GROUP
    if d.one(
        "SELECT count(*) FROM teaching_assignment WHERE teacher_id = :p AND group_id = :g", p=d.person_id, g=d.group
    ):
        return Scope.OWN_GROUPS
    return Scope.ALL


# The scope the probe's target has for the actor; None: a list call, allowed in any scope of the action.
SCOPE_OF: dict[Action, Callable[[Demo], Scope | None]] = {
    Action.JOURNAL_READ: lambda d: d.assignment_scope,
    Action.JOURNAL_WRITE: lambda d: d.assignment_scope,
    Action.FINAL_MARK_WRITE: lambda d: d.assignment_scope,
    Action.KTP_WRITE: lambda d: d.assignment_scope,
    Action.GUARDIAN_WRITE: lambda d: d.student_scope,
    Action.EXCUSE_WRITE: lambda d: d.student_scope,
    Action.CONTINGENT_READ: lambda d: None,
    Action.ACCOUNTS_MANAGE: lambda d: None,
    Action.DIARY_READ: lambda d: None,
    Action.BOARD_READ: lambda d: None,
    Action.MESSAGES_USE: lambda d: None,
    Action.BOARD_PUBLISH: _group_target_scope,
    Action.PORTFOLIO_WRITE: _student_target_scope,
    Action.PORTFOLIO_CONFIRM: _student_target_scope,
    Action.REPORTS_GROUP: _group_target_scope,
}

PROBES: dict[Action, Probe] = {
    Action.JOURNAL_READ: _journal_read,
    Action.JOURNAL_WRITE: _journal_write,
    Action.FINAL_MARK_WRITE: _final_mark_write,
    Action.KTP_WRITE: _ktp_write,
    Action.CONTINGENT_READ: _contingent_read,
    Action.CONTINGENT_WRITE: _contingent_write,
    Action.GUARDIAN_WRITE: _guardian_write,
    Action.EXCUSE_WRITE: _excuse_write,
    Action.MOVEMENT_WRITE: _movement_write,
    Action.LOAD_WRITE: _load_write,
    Action.PERIOD_WRITE: _period_write,
    Action.PERIOD_CLOSE: _period_close,
    Action.ACCOUNTS_MANAGE: _accounts_manage,
    Action.AUDIT_READ: _audit_read,
    Action.DIARY_READ: _diary_read,
    Action.SETTINGS_MANAGE: _settings_manage,
    Action.IMPORT_CONTINGENT: _import_contingent,
    Action.BOARD_READ: _board_read,
    Action.BOARD_PUBLISH: _board_publish,
    Action.BOARD_MODERATE: _board_moderate,
    Action.MESSAGES_USE: _messages_use,
    Action.BACKUP_MANAGE: _backup_manage,
    Action.PORTFOLIO_WRITE: _portfolio_write,
    Action.PORTFOLIO_CONFIRM: _portfolio_confirm,
    Action.REPORTS_GROUP: _reports_group,
    Action.REPORTS_COLLEGE: _reports_college,
}


def test_every_action_has_a_probe_or_a_stated_reason() -> None:
    assert set(PROBES) | set(SKIPPED) == set(Action)
    assert not set(PROBES) & set(SKIPPED)
    assert all(reason.strip() for reason in SKIPPED.values())
    # every role of the matrix is one of the demo logins' roles
    assert {Role(r) for r in ("teacher", "deputy", "secretary", "admin", "student", "parent")} == set(MATRIX)


@pytest.mark.parametrize("login", LOGINS)
def test_the_services_follow_the_matrix(act_as, login: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    session = act_as(login)
    demo = _demo(session)
    roles = session.user.roles
    wrong: list[str] = []
    for action, probe in PROBES.items():
        scope = SCOPE_OF.get(action, lambda _d: Scope.ALL)(demo)
        try:
            probe(demo, tmp_path)
            allowed = True
        except PermissionDenied as exc:
            allowed = False
            assert any("а" <= ch <= "я" for ch in str(exc).lower()), exc  # said in Russian
        expected = can(roles, action, scope) if scope is not None else can(roles, action)
        if allowed != expected:
            verdict = "разрешено" if allowed else "запрещено"
            wrong.append(f"{login} ({', '.join(sorted(roles))}) × {action.value} [{scope}]: сервис — {verdict}")
    assert not wrong, "\n".join(wrong)
