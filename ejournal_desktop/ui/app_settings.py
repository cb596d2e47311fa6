"""Typed settings of this PC and this person, over QSettings — the same `ejournal.ini` as the profiles.

What lives here (per PC, per person): the connection profiles (kept by `ui.profiles.ProfileStore` in
this file, not copied), the installer's default profile, the font enlargement, and each login's UI
state: window geometry, column widths, the last opened journal. What matters to the whole college
(college name, director, deputy, backup reminder) lives in the database: `services.settings`.

The file carries its format version (`meta/settings_version`). `upgrade()` runs the steps from the
file's version to `SETTINGS_VERSION` once, in order; a file written by a newer program is read as is
and never downgraded. A step must be safe on a file that is already in the new shape.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from ejournal_desktop.services.connection import Profile
from ejournal_desktop.ui.profiles import ProfileStore, open_settings

T = TypeVar("T")

VERSION_KEY = "meta/settings_version"
DEFAULT_PROFILE_FILE = "default_profile.ini"  # written by the Windows installer next to the program
DEFAULT_PROFILE_ENV = "EJOURNAL_DEFAULT_PROFILE"  # another place for it (tests, a Linux install script)
_IMPORTED_KEY = "installer/imported_default_profile"

FONT_SCALES = (100, 115, 130, 150, 175, 200)  # per cent of the system's font size


@dataclass(frozen=True)
class Option(Generic[T]):
    """One typed value: QSettings' INI file gives strings back, this gives the declared type."""

    key: str
    default: T
    minimum: int | None = None
    maximum: int | None = None

    def get(self, settings: QSettings) -> T:
        raw = settings.value(self.key, None)
        if raw is None:
            return self.default
        default = self.default
        try:
            if isinstance(default, bool):
                value: object = raw if isinstance(raw, bool) else str(raw).strip().lower() in ("1", "true", "yes")
            elif isinstance(default, int):
                number = int(str(raw).strip())
                if self.minimum is not None:
                    number = max(self.minimum, number)
                if self.maximum is not None:
                    number = min(self.maximum, number)
                value = number
            elif isinstance(default, str):
                value = str(raw)
            else:
                value = raw
        except (TypeError, ValueError):
            return self.default
        return value  # type: ignore[return-value]

    def set(self, settings: QSettings, value: T) -> None:
        settings.setValue(self.key, value)


FONT_SCALE = Option("ui/font_scale_percent", 100, minimum=FONT_SCALES[0], maximum=FONT_SCALES[-1])


# -- upgrade steps ----------------------------------------------------------------------------


def _step_1_profiles(settings: QSettings) -> None:
    """The unversioned file of the first releases (profiles as ProfileStore wrote them, or written by
    hand or an installer): drop nameless and duplicate entries, infer a missing kind, fix the port."""
    count = settings.beginReadArray("profiles")
    entries: list[dict[str, str]] = []
    seen: set[str] = set()
    for index in range(count):
        settings.setArrayIndex(index)
        entry = {key: str(settings.value(key, "") or "") for key in settings.childKeys()}
        name = entry.get("name", "").strip()
        if not name or name in seen:
            continue
        seen.add(name)
        entry["name"] = name
        if entry.get("kind") not in ("embedded", "server"):
            entry["kind"] = "server" if entry.get("host") and not entry.get("path") else "embedded"
        try:
            port = int(entry.get("port") or 5432)
        except ValueError:
            port = 5432
        entry["port"] = str(port if 0 < port < 65536 else 5432)
        entries.append(entry)
    settings.endArray()
    settings.remove("profiles")
    settings.beginWriteArray("profiles", len(entries))
    for index, entry in enumerate(entries):
        settings.setArrayIndex(index)
        for key, value in entry.items():
            settings.setValue(key, value)
    settings.endArray()


# Step N brings a file from version N-1 to N. Append new steps; never change a released one.
UPGRADE_STEPS: tuple[Callable[[QSettings], None], ...] = (_step_1_profiles,)
SETTINGS_VERSION = len(UPGRADE_STEPS)


def file_version(settings: QSettings) -> int:
    try:
        return int(str(settings.value(VERSION_KEY, 0)))
    except ValueError:
        return 0


def upgrade(settings: QSettings, steps: tuple[Callable[[QSettings], None], ...] = UPGRADE_STEPS) -> list[int]:
    """Run the steps the file has not seen yet; the versions reached, in order ([] if none)."""
    done = []
    version = file_version(settings)
    for number, step in enumerate(steps, start=1):
        if number <= version:
            continue
        step(settings)
        settings.setValue(VERSION_KEY, number)
        settings.sync()
        done.append(number)
    return done


# -- the installer's default profile ----------------------------------------------------------


def default_profile_file() -> Path | None:
    """`default_profile.ini` beside the installed program (or where EJOURNAL_DEFAULT_PROFILE says)."""
    override = os.environ.get(DEFAULT_PROFILE_ENV)
    if override:
        path = Path(override)
    elif getattr(sys, "frozen", False):
        path = Path(sys.executable).resolve().parent / DEFAULT_PROFILE_FILE
    else:
        return None
    return path if path.is_file() else None


def apply_default_profile(store: ProfileStore, path: Path | None = None) -> Profile | None:
    """Take the installer's profile into this person's list — once per content of the file, so a
    reinstall with a new server address updates it, and a profile the person edited is not reverted
    at every start. Returns the profile taken, or None."""
    path = path or default_profile_file()
    if path is None:
        return None
    import hashlib

    fingerprint = hashlib.sha256(path.read_bytes()).hexdigest()
    settings = store.settings
    if settings.value(_IMPORTED_KEY, "") == fingerprint:
        return None
    shipped = ProfileStore(QSettings(str(path), QSettings.Format.IniFormat)).profiles()
    settings.setValue(_IMPORTED_KEY, fingerprint)
    settings.sync()
    if not shipped:
        return None
    profile = shipped[0]
    store.save(profile)
    if store.last_profile_name() is None:
        settings.setValue("login/last_profile", profile.name)
        settings.sync()
    return profile


# -- per person ------------------------------------------------------------------------------


def _key_part(login: str) -> str:
    """A login as one QSettings key level (logins are plain, but never let one nest keys)."""
    return "".join(ch if ch.isalnum() or ch in "-_." else "_" for ch in login.strip())


class AppSettings:
    """The typed face of the settings file; every getter has a default, so a damaged file never stops the start."""

    def __init__(self, settings: QSettings | None = None) -> None:
        self.settings = settings or open_settings()
        upgrade(self.settings)

    def profiles(self) -> ProfileStore:
        return ProfileStore(self.settings)

    # -- font -------------------------------------------------------------------------------

    @property
    def font_scale(self) -> int:
        return FONT_SCALE.get(self.settings)

    @font_scale.setter
    def font_scale(self, percent: int) -> None:
        FONT_SCALE.set(self.settings, max(FONT_SCALES[0], min(FONT_SCALES[-1], int(percent))))
        self.settings.sync()

    # -- a login's UI state ---------------------------------------------------------------

    def _user_key(self, login: str, *parts: str) -> str:
        return "/".join(("users", _key_part(login) or "_", *parts))

    def window_geometry(self, login: str, window: str = "main") -> QByteArray | None:
        value = self.settings.value(self._user_key(login, "geometry", window))
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def set_window_geometry(self, login: str, geometry: QByteArray, window: str = "main") -> None:
        self.settings.setValue(self._user_key(login, "geometry", window), geometry)
        self.settings.sync()

    def column_widths(self, login: str, table: str) -> list[int]:
        raw = str(self.settings.value(self._user_key(login, "columns", _key_part(table)), "") or "")
        try:
            return [max(20, int(part)) for part in raw.split(",") if part.strip()]
        except ValueError:
            return []

    def set_column_widths(self, login: str, table: str, widths: list[int]) -> None:
        key = self._user_key(login, "columns", _key_part(table))
        self.settings.setValue(key, ",".join(str(int(w)) for w in widths))
        self.settings.sync()

    def last_journal(self, login: str) -> int | None:
        """The teaching assignment whose journal the person opened last."""
        value = self.settings.value(self._user_key(login, "last_journal"))
        try:
            return int(str(value)) if value not in (None, "") else None
        except ValueError:
            return None

    def set_last_journal(self, login: str, assignment_id: int) -> None:
        self.settings.setValue(self._user_key(login, "last_journal"), int(assignment_id))
        self.settings.sync()


def apply_font_scale(app: QApplication, percent: int) -> None:
    """Every widget's font enlarged from the system's size (kept aside, so changing it twice is exact)."""
    base = getattr(app, "_ejournal_base_font", None)
    if base is None:
        base = QFont(app.font())
        app._ejournal_base_font = base  # type: ignore[attr-defined]
    font = QFont(base)
    if base.pointSizeF() > 0:
        font.setPointSizeF(base.pointSizeF() * percent / 100)
    elif base.pixelSize() > 0:
        font.setPixelSize(round(base.pixelSize() * percent / 100))
    app.setFont(font)
