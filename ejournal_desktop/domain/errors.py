"""Errors the services raise and the UI shows as is: the message is always Russian and complete."""

from __future__ import annotations


class DomainError(Exception):
    """Base of every expected failure.

    `field`, `row` and `column` let the UI point at the offending cell (an import row, a grid
    column) instead of showing a bare message box.
    """

    def __init__(
        self,
        message: str,
        *,
        field: str | None = None,
        row: int | None = None,
        column: str | int | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        self.row = row
        self.column = column

    def __str__(self) -> str:
        return self.message


class ValidationError(DomainError):
    """The input itself is wrong: a mark «6», a date outside the period, a broken file row."""


class PermissionDenied(DomainError):
    """The acting user's roles or scopes do not allow the action."""


class NotFound(DomainError):
    """The object is gone, e.g. deleted by someone else after the screen was opened."""


class Conflict(DomainError):
    """Someone else changed the same thing first; nothing was overwritten.

    `current_value` and `changed_by` let the UI tell the second editor what is there now and who
    put it there, so they can decide instead of losing either edit.
    """

    def __init__(
        self,
        message: str,
        *,
        current_value: object = None,
        changed_by: str | None = None,
        field: str | None = None,
        row: int | None = None,
        column: str | int | None = None,
    ) -> None:
        super().__init__(message, field=field, row=row, column=column)
        self.current_value = current_value
        self.changed_by = changed_by
