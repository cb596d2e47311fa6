"""services/portfolio.student_portfolio — what the portfolio screen reads — on SQLite and PostgreSQL.

A student's items and the person's rights on them come in one transaction and agree with
`list_items`; who may read, write and confirm is spelt out here per
demo login (the rights come from the permission matrix: contingent.read, portfolio.write,
portfolio.confirm, not from role names).
"""

from __future__ import annotations

import pytest
from sqlalchemy import event, text

from ejournal_desktop.domain.errors import NotFound, PermissionDenied
from ejournal_desktop.services import portfolio


def _scalar(session, sql: str, **params):  # type: ignore[no-untyped-def]
    with session.engine.connect() as conn:
        return conn.execute(text(sql), params).scalar()


class Counter:
    """Statements and transactions begun on an engine while it listens."""

    def __init__(self, engine) -> None:  # type: ignore[no-untyped-def]
        self.engine = engine
        self.statements = 0
        self.begins = 0
        event.listen(engine, "before_cursor_execute", self._statement)
        event.listen(engine, "begin", self._begin)

    def _statement(self, *args) -> None:  # type: ignore[no-untyped-def]
        self.statements += 1

    def _begin(self, *args) -> None:  # type: ignore[no-untyped-def]
        self.begins += 1

    def close(self) -> None:
        event.remove(self.engine, "before_cursor_execute", self._statement)
        event.remove(self.engine, "begin", self._begin)


def test_items_and_rights_in_one_transaction_for_each_reader(act_as) -> None:  # type: ignore[no-untyped-def]
    student = act_as("student")
    [me] = portfolio.portfolio_students(student)
    teaches = bool(
        _scalar(
            student,
            "SELECT count(*) FROM teaching_assignment t JOIN account a ON a.person_id = t.teacher_id "
            "WHERE a.login = 'prepod' AND t.group_id = (SELECT group_id FROM student WHERE id = :s)",
            s=me.student_id,
        )
    )
    # login → (reads, writes, confirms) on the demo student's portfolio
    expected = {
        "student": (True, True, False),
        "roditel": (True, False, False),
        "kurator": (True, True, True),
        "zamdir": (True, False, True),
        "sekretar": (True, False, False),
        "admin": (True, False, False),
        "prepod": (teaches, False, False),
    }
    items = portfolio.list_items(student, me.student_id)
    assert items, "the demo gives the student some achievements"
    for login, (reads, writes, confirms) in expected.items():
        session = act_as(login)
        if not reads:
            with pytest.raises(PermissionDenied, match="портфолио другого обучающегося"):
                portfolio.student_portfolio(session, me.student_id)
            continue
        counter = Counter(session.engine)
        try:
            book = portfolio.student_portfolio(session, me.student_id)
        finally:
            counter.close()
        assert counter.begins == 1, login  # one transaction
        assert counter.statements <= 3, login  # the student, the person's circle (if needed), the items
        assert (book.writable, book.confirmable) == (writes, confirms), login
        assert book.student_id == me.student_id and book.items == portfolio.list_items(session, me.student_id), login
        assert book.confirmed_count == sum(1 for i in book.items if i.confirmed)


def test_a_student_of_another_group_reads_nothing_and_an_unknown_student_is_not_found(act_as) -> None:  # type: ignore[no-untyped-def]
    student = act_as("student")
    [me] = portfolio.portfolio_students(student)
    other_login = _scalar(
        student,
        "SELECT a.login FROM account a JOIN student s ON s.person_id = a.person_id "
        "JOIN study_group g ON g.id = s.group_id WHERE g.name <> :g AND s.status = 'studying' ORDER BY a.login LIMIT 1",
        g=me.group_name,
    )
    other = act_as(other_login)
    with pytest.raises(PermissionDenied):
        portfolio.student_portfolio(other, me.student_id)
    with pytest.raises(PermissionDenied):
        portfolio.portfolio_report(other, me.student_id)
    with pytest.raises(NotFound, match="Обучающийся не найден"):
        portfolio.student_portfolio(student, 10**9)
