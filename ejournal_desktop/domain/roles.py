"""Roles a person can hold; a person may hold several.

A curator (классный руководитель) is not a role: it is a teacher whose person is the
`curator_id` of a group, which widens the teacher's scope to that group.
"""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum

from ejournal_desktop.domain.errors import ValidationError


class Role(StrEnum):
    ADMIN = "admin"
    DEPUTY = "deputy"
    SECRETARY = "secretary"
    TEACHER = "teacher"
    STUDENT = "student"
    PARENT = "parent"

    @property
    def label(self) -> str:
        return ROLE_LABELS[self]


ROLE_LABELS: dict[Role, str] = {
    Role.ADMIN: "Администратор",
    Role.DEPUTY: "Зам. директора по УПР",
    Role.SECRETARY: "Секретарь учебной части",
    Role.TEACHER: "Преподаватель",
    Role.STUDENT: "Обучающийся",
    Role.PARENT: "Родитель",
}


def parse_role(code: str) -> Role:
    try:
        return Role(code)
    except ValueError:
        raise ValidationError(f"Неизвестная роль «{code}»") from None


def parse_roles(codes: Iterable[str] | str) -> frozenset[Role]:
    """Roles from their codes; a single code is accepted as is, not split into letters."""
    if isinstance(codes, str):
        codes = (codes,)
    return frozenset(parse_role(code) for code in codes)
