"""What never reaches the log file: passwords and personal data beyond logins.

The program's own messages carry logins only; the danger is in what libraries put into exception
texts — SQLAlchemy's `[parameters: …]` (names, birth dates, password hashes of the row being
written), a connection URL with its password, libpq's `password=…`, a SCRAM verifier. The filter
rewrites each record (message and traceback) before any handler formats it.
"""

from __future__ import annotations

import logging
import re

REDACTED = "***"

_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = (
    # SQLAlchemy appends the statement's parameters to its errors: the row's data.
    (re.compile(r"\[parameters: .*?\](?=\s*(\(|\[|$))", re.DOTALL | re.MULTILINE), f"[parameters: {REDACTED}]"),
    # scheme://user:password@host
    (re.compile(r"(\b[a-z][a-z0-9+.-]*://[^:/@\s]+:)[^@\s]+@", re.IGNORECASE), rf"\1{REDACTED}@"),
    # password=…, password: …, "password": "…", PASSWORD '…'
    (
        re.compile(r"""(?i)((?:pass(?:word|wd)?|пароль)["']?\s*[=:]\s*["']?)[^\s"',;)]+"""),
        rf"\1{REDACTED}",
    ),
    (re.compile(r"(?i)(PASSWORD\s+)'[^']*'"), rf"\1'{REDACTED}'"),
    (re.compile(r"SCRAM-SHA-256\$[^\s'\"]+"), f"SCRAM-SHA-256${REDACTED}"),
    (re.compile(r"\$scrypt\$[^\s'\"]+|scrypt:[^\s'\"]+"), f"scrypt:{REDACTED}"),
    # e-mail addresses and phone numbers of students and parents
    (re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+"), f"<e-mail {REDACTED}>"),
    (re.compile(r"(?<!\d)(?:\+7|8)[\s(-]*\d{3}[\s)-]*\d{3}[\s-]*\d{2}[\s-]*\d{2}(?!\d)"), f"<телефон {REDACTED}>"),
)


def redact(text: str) -> str:
    for pattern, replacement in _PATTERNS:
        text = pattern.sub(replacement, text)
    return text


class PrivacyFilter(logging.Filter):
    """Put on a handler: every record it writes is redacted (message, arguments and traceback)."""

    def __init__(self) -> None:
        super().__init__("privacy")
        self._formatter = logging.Formatter()

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken %-format: keep what there is
            message = str(record.msg)
        record.msg, record.args = redact(message), ()
        if record.exc_info and not record.exc_text:
            record.exc_text = self._formatter.formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = redact(record.exc_text)
        if record.stack_info:
            record.stack_info = redact(record.stack_info)
        return True
