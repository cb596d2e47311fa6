"""«Запомнить пароль»: passwords kept in the operating system's keyring, and nowhere else.

No file, no log, no settings ever hold a password. Where the machine has no real keyring (a
headless Linux box has only keyring's `fail` backend), `keyring_available()` says so in Russian
and the login dialog does not offer to remember. Keyring errors never break a login: storing
fails quietly (returns False), reading gives None.
"""

from __future__ import annotations

import logging

import keyring
from keyring.backend import KeyringBackend
from keyring.backends import chainer, fail, null
from keyring.errors import KeyringError, PasswordDeleteError

from ejournal_desktop.services.connection import Profile

log = logging.getLogger(__name__)

NO_KEYRING_REASON = (
    "На этом компьютере нет хранилища паролей операционной системы, "
    "поэтому пароль нельзя запомнить: вводите его при каждом входе."
)
KEYRING_BROKEN_REASON = "Хранилище паролей операционной системы недоступно, поэтому пароль нельзя запомнить."


def _is_real(backend: KeyringBackend) -> bool:
    """A backend that actually keeps passwords; decided by class, not by priority (tests use -1)."""
    if isinstance(backend, fail.Keyring | null.Keyring):
        return False
    if isinstance(backend, chainer.ChainerBackend):
        return any(_is_real(inner) for inner in backend.backends)
    return True


def keyring_available() -> tuple[bool, str]:
    """Whether «Запомнить пароль» can work here; when not, a Russian reason for the tooltip."""
    try:
        backend = keyring.get_keyring()
        real = _is_real(backend)
    except Exception:  # a broken keyring installation must not stop the login dialog
        log.warning("keyring backend could not be determined", exc_info=True)
        return False, KEYRING_BROKEN_REASON
    if not real:
        return False, NO_KEYRING_REASON
    return True, ""


def _key(login: str) -> str:
    return login.strip()


def remember_secret(service: str, key: str, secret: str) -> bool:
    """Keep a secret in this PC's keyring under (service, key); False when there is no keyring or it
    refused (the caller asks each time then)."""
    if not secret or not key or not keyring_available()[0]:
        return False
    try:
        keyring.set_password(service, key, secret)
    except (KeyringError, NotImplementedError):
        log.warning("the keyring refused to store a secret for %s", key)
        return False
    return True


def recall_secret(service: str, key: str) -> str | None:
    """The remembered secret, or None when there is none (or no keyring)."""
    if not key or not keyring_available()[0]:
        return None
    try:
        return keyring.get_password(service, key)
    except (KeyringError, NotImplementedError):
        log.warning("the keyring could not be read for %s", key)
        return None


def forget_secret(service: str, key: str) -> None:
    """Remove a remembered secret; nothing to remove is fine."""
    if not key or not keyring_available()[0]:
        return
    try:
        keyring.delete_password(service, key)
    except PasswordDeleteError:
        pass  # nothing was remembered
    except (KeyringError, NotImplementedError):
        log.warning("the keyring could not delete the secret of %s", key)


def remember_password(profile: Profile, login: str, password: str) -> bool:
    """Store the password for this profile and login; False when the keyring refused."""
    return remember_secret(profile.keyring_service(), _key(login), password)


def recall_password(profile: Profile, login: str) -> str | None:
    """The remembered password, or None when there is none (or no keyring)."""
    return recall_secret(profile.keyring_service(), _key(login))


def forget_password(profile: Profile, login: str) -> None:
    """Remove a remembered password; nothing to remove is fine."""
    forget_secret(profile.keyring_service(), _key(login))
