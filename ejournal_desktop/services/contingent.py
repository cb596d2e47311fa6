"""The secretary's contingent: one entry point over the reference lists and the people.

`contingent_reference` holds specialties, groups, staff, disciplines and periods;
`contingent_people` students, parents, the student card and the search as you type. The
movements by order live in `movements`, the import in `contingent_import`, the load in `load`.
"""

from __future__ import annotations

from ejournal_desktop.services.contingent_people import (
    STATUS_LABELS,
    MovementRow,
    ParentRow,
    StudentCard,
    StudentRow,
    create_student,
    link_parent,
    list_parents,
    list_students,
    save_parent,
    search_students,
    student_card,
    unlink_parent,
    update_student,
)
from ejournal_desktop.services.contingent_reference import (
    DISCIPLINE_KINDS,
    DisciplineRow,
    GroupRow,
    PeriodRow,
    SpecialtyRow,
    StaffRow,
    delete_discipline,
    delete_group,
    delete_period,
    delete_specialty,
    list_disciplines,
    list_groups,
    list_periods,
    list_specialties,
    list_staff,
    save_discipline,
    save_group,
    save_period,
    save_specialty,
    save_staff,
)

__all__ = [
    "DISCIPLINE_KINDS",
    "STATUS_LABELS",
    "DisciplineRow",
    "GroupRow",
    "MovementRow",
    "ParentRow",
    "PeriodRow",
    "SpecialtyRow",
    "StaffRow",
    "StudentCard",
    "StudentRow",
    "create_student",
    "delete_discipline",
    "delete_group",
    "delete_period",
    "delete_specialty",
    "link_parent",
    "list_disciplines",
    "list_groups",
    "list_parents",
    "list_periods",
    "list_specialties",
    "list_staff",
    "list_students",
    "save_discipline",
    "save_group",
    "save_parent",
    "save_period",
    "save_specialty",
    "save_staff",
    "search_students",
    "student_card",
    "unlink_parent",
    "update_student",
]
