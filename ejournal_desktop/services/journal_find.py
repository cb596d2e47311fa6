"""Find a journal (teaching assignment) by what people call it: group, discipline code, period, subgroup.

For the command line (`ejournal journal export --group 21-ТО --discipline ОП.02 --period 2026/2027-1`):
one query; names are matched folded (case, «ё»), so «21-то» finds «21-ТО» on both backends.
"""

from __future__ import annotations

from sqlalchemy import select

from ejournal_desktop.domain.calendar import parse_period_code
from ejournal_desktop.domain.errors import NotFound, ValidationError
from ejournal_desktop.domain.names import search_key
from ejournal_desktop.services.auth import UserSession
from ejournal_desktop.services.unit_of_work import transaction
from ejournal_desktop.store import models as m


def find_assignment(
    session: UserSession, group: str, discipline_code: str, period_code: str, subgroup: int | None = None
) -> int:
    """The assignment id; NotFound or ValidationError (ambiguous) with a Russian message."""
    year, number = parse_period_code(period_code)
    query = (
        select(m.TeachingAssignment.id, m.StudyGroup.name, m.Discipline.code, m.TeachingAssignment.subgroup)
        .join(m.StudyGroup, m.StudyGroup.id == m.TeachingAssignment.group_id)
        .join(m.Discipline, m.Discipline.id == m.TeachingAssignment.discipline_id)
        .join(m.Period, m.Period.id == m.TeachingAssignment.period_id)
        .where(m.Period.academic_year == year, m.Period.number == number)
    )
    with transaction(session) as connection:
        rows = connection.execute(query).all()
    wanted_group, wanted_code = search_key(group), search_key(discipline_code)
    found = [r for r in rows if search_key(r.name) == wanted_group and search_key(r.code) == wanted_code]
    label = f"{group} — {discipline_code}, {period_code}"
    if subgroup is not None:
        found = [r for r in found if r.subgroup == subgroup]
        label += f", подгруппа {subgroup}"
    if not found:
        raise NotFound(f"Журнал не найден: {label} (или он вам недоступен)")
    if len(found) > 1:
        subgroups = ", ".join(str(r.subgroup) for r in found if r.subgroup)
        raise ValidationError(f"У дисциплины несколько подгрупп ({subgroups}): укажите --subgroup")
    return found[0].id
