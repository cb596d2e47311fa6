"""One transaction per service call, and the database's refusals in words a person understands.

Every service runs its writes inside `transaction(session)`: committed on success, rolled back on
any error. What the database says goes out as a domain error with a Russian message:
- a lost connection → `ConnectionLost` (the journal keeps the edit and sends it again later);
- a broken constraint → `ValidationError` naming what is wrong (known constraints by name);
- a refusal raised by the server's own functions in Russian (accounts) → the matching domain error;
- a permission or row-level-security refusal → `PermissionDenied`.
Anything else is a programming error and goes up unchanged.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Protocol

from sqlalchemy import Connection, Engine
from sqlalchemy.exc import DBAPIError, IntegrityError, OperationalError

from ejournal_desktop.domain.errors import DomainError, NotFound, PermissionDenied, ValidationError


class ConnectionLost(DomainError):
    """The database did not answer; nothing was written. The caller may keep the edit and retry."""


class HasEngine(Protocol):
    engine: Engine


CONNECTION_LOST = "Нет связи с базой данных: изменения не сохранены"

# Constraint names (and the absence trigger's message) → what to tell the person.
CONSTRAINT_MESSAGES = {
    "Пропуск больше часов занятия": "Пропуск больше часов занятия",
    "uq_account_login": "Такой логин уже занят",
    "uq_specialty_code": "Специальность с таким кодом уже есть",
    "uq_study_group_name": "Группа с таким названием уже есть",
    "uq_student_record_book_no": "Такой номер зачётной книжки уже занят",
    "uq_discipline_code_name": "Дисциплина с таким кодом и названием уже есть",
    "uq_period_academic_year": "Такой период (учебный год и семестр) уже есть",
    "uq_teaching_assignment_slot": "Эта дисциплина уже назначена группе (подгруппе) в этом периоде",
    "uq_guardian_link_student_id": "Этот родитель уже привязан к обучающемуся",
    "fk_study_group_specialty_id": "Специальность используется группами: сначала измените группы",
    "fk_student_group_id": "В группе есть обучающиеся: её нельзя удалить",
    "fk_teaching_assignment": "Запись используется в учебной нагрузке: её нельзя удалить",
    "fk_lesson_assignment_id": "По этой нагрузке уже проведены занятия: её нельзя удалить",
    "fk_student_movement": "Группа упоминается в приказах о движении: её нельзя удалить",
}

# SQLSTATEs the server's SECURITY DEFINER functions raise with a Russian message of their own.
SQLSTATE_ERRORS: dict[str, type[DomainError]] = {
    "22023": ValidationError,  # invalid_parameter_value
    "42939": ValidationError,  # reserved_name
    "42710": ValidationError,  # duplicate_object: the login is taken
    "23505": ValidationError,  # unique_violation
    "28P01": ValidationError,  # invalid_password
    "42501": PermissionDenied,  # insufficient_privilege
    "42704": NotFound,  # undefined_object
    "23503": NotFound,  # foreign_key_violation
}

_LOST_MARKERS = (
    "server closed the connection",
    "connection refused",
    "terminating connection",
    "timeout",
    "could not connect",
    "the connection is closed",
    "connection failed",
    "consuming input failed",
)
_CYRILLIC = re.compile("[а-яё]", re.IGNORECASE)


@contextmanager
def transaction(session: HasEngine) -> Iterator[Connection]:
    try:
        with session.engine.begin() as connection:
            yield connection
    except DomainError:
        raise
    except DBAPIError as exc:
        error = translate(exc)
        if error is None:
            raise
        raise error from exc


def translate(exc: DBAPIError) -> DomainError | None:
    """The domain error for what the database said; None for an unexpected failure."""
    orig = exc.orig
    first_line = str(orig).splitlines()[0] if orig else str(exc)
    state = getattr(orig, "sqlstate", None)
    if (
        exc.connection_invalidated
        or _lost(first_line)
        or (isinstance(exc, OperationalError) and state is None and "locked" not in first_line)
    ):
        return ConnectionLost(CONNECTION_LOST)
    diag = getattr(orig, "diag", None)
    own_words = (getattr(diag, "message_primary", None) or "").strip()
    if isinstance(exc, IntegrityError):
        detail = first_line + " " + _sqlite_unique_name(first_line)
        known = next((text for name, text in CONSTRAINT_MESSAGES.items() if name in detail), None)
        field = "login" if known and "логин" in known else None
        if known:
            return ValidationError(known, field=field)
    kind = SQLSTATE_ERRORS.get(state or "")
    if kind is not None and _CYRILLIC.search(own_words):
        return kind(own_words, field="login" if "логин" in own_words.lower() else None)
    if state == "42501" or "permission denied" in first_line or "row-level security" in first_line:
        return PermissionDenied("Сервер отказал в доступе: недостаточно прав")
    if isinstance(exc, IntegrityError):
        lowered = first_line.lower()
        if "unique" in lowered:
            return ValidationError("Такая запись уже есть")
        if "foreign key" in lowered:
            return ValidationError("Запись связана с другими данными: изменение невозможно")
        return ValidationError(f"Данные не прошли проверку базы ({first_line})")
    return None


def _lost(text_: str) -> bool:
    lowered = text_.lower()
    return any(marker in lowered for marker in _LOST_MARKERS)


def _sqlite_unique_name(detail: str) -> str:
    # SQLite names no constraint: "UNIQUE constraint failed: study_group.name" → uq_study_group_name
    if "UNIQUE constraint failed:" not in detail:
        return ""
    columns = detail.split(":", 1)[1].strip().split(", ")
    table = columns[0].split(".")[0]
    return "uq_" + table + "_" + "_".join(c.split(".")[1] for c in columns if "." in c)
