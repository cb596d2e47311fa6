"""Hand-written SQL the report benchmarks compare against: who belongs to a group on a day, by the
movements, as domain.membership decides it — so that a bare query counts the same students.

A student is in group G on day D when the last movement touching G on or before D brought them in
(a movement into G: enrol, transfer, return, reinstate with to_group_id = G; out of G: transfer,
academic leave, expel, graduate with from_group_id = G or NULL); with none by D, when their story
does not start with a movement into G (lists typed in before the journal was kept). Candidates
are the students now in G or moved into or out of it. `{g}` and `{d}` are SQL expressions.
"""

from __future__ import annotations

INTO = "('enrol', 'transfer', 'return', 'reinstate')"
OUT = "('transfer', 'academic_leave', 'expel', 'graduate')"


def touching(mv: str, g: str) -> str:
    return (
        f"(({mv}.kind IN {INTO} AND {mv}.to_group_id = {g}) "
        f"OR ({mv}.kind IN {OUT} AND ({mv}.from_group_id = {g} OR {mv}.from_group_id IS NULL)))"
    )


def member_on(student_id: str, g: str, d: str) -> str:
    """A condition: the student `student_id` is in group `g` on day `d`."""
    into = f"mv.kind IN {INTO} AND mv.to_group_id = {g}"
    return f"""COALESCE(
        (SELECT CASE WHEN {into} THEN 1 ELSE 0 END FROM student_movement mv
          WHERE mv.student_id = {student_id} AND mv.effective_date <= {d} AND {touching("mv", g)}
          ORDER BY mv.effective_date DESC, mv.id DESC LIMIT 1),
        (SELECT CASE WHEN {into} THEN 0 ELSE 1 END FROM student_movement mv
          WHERE mv.student_id = {student_id} AND {touching("mv", g)}
          ORDER BY mv.effective_date, mv.id LIMIT 1),
        1) = 1"""


def candidates(g: str) -> str:
    """A condition on `student st`: now in the group, or moved into or out of it."""
    return (
        f"(st.group_id = {g} OR st.id IN "
        f"(SELECT student_id FROM student_movement WHERE from_group_id = {g} OR to_group_id = {g}))"
    )
