"""Connection profiles and the last login, kept in an INI file in the program's config folder.

Never the Windows registry or a global location: EJOURNAL_HOME moves the file (tests, portable
use). A profile is `services.auth.Profile`; the file holds no password — those live in the OS
keyring only (services.credentials).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from ejournal_desktop import paths
from ejournal_desktop.services.connection import Profile

SETTINGS_FILE = "ejournal.ini"
_ARRAY = "profiles"
_FIELDS = ("name", "kind", "path", "host", "port", "database", "sslmode")


def settings_path() -> Path:
    return paths.config_dir() / SETTINGS_FILE


def open_settings() -> QSettings:
    """The program's settings file (shared with other screens' settings)."""
    return QSettings(str(settings_path()), QSettings.Format.IniFormat)


class ProfileStore:
    """The list of profiles, in the order the user created them, and what was used last."""

    def __init__(self, settings: QSettings | None = None) -> None:
        self._settings = settings or open_settings()

    @property
    def settings(self) -> QSettings:
        """The settings file under the profiles (ui.app_settings keeps its other values there)."""
        return self._settings

    # -- reading --------------------------------------------------------------------------

    def _entries(self) -> list[dict[str, str]]:
        s = self._settings
        entries = []
        count = s.beginReadArray(_ARRAY)
        for index in range(count):
            s.setArrayIndex(index)
            entry = {key: str(s.value(key, "")) for key in (*_FIELDS, "last_login")}
            if entry["name"]:
                entries.append(entry)
        s.endArray()
        return entries

    @staticmethod
    def _to_profile(entry: dict[str, str]) -> Profile:
        default = Profile()
        try:
            port = int(entry["port"] or default.port)
        except ValueError:
            port = default.port
        return Profile(
            name=entry["name"],
            kind="server" if entry["kind"] == "server" else "embedded",
            path=entry["path"],
            host=entry["host"] or default.host,
            port=port,
            database=entry["database"] or default.database,
            sslmode=entry["sslmode"] or default.sslmode,
        )

    def profiles(self) -> list[Profile]:
        return [self._to_profile(entry) for entry in self._entries()]

    def find(self, name: str) -> Profile | None:
        return next((p for p in self.profiles() if p.name == name), None)

    def last_profile_name(self) -> str | None:
        name = str(self._settings.value("login/last_profile", ""))
        return name if self.find(name) else None

    def last_login(self, profile_name: str) -> str:
        entry = next((e for e in self._entries() if e["name"] == profile_name), None)
        return entry["last_login"] if entry else ""

    # -- writing --------------------------------------------------------------------------

    def _write(self, entries: list[dict[str, str]]) -> None:
        s = self._settings
        s.remove(_ARRAY)
        s.beginWriteArray(_ARRAY, len(entries))
        for index, entry in enumerate(entries):
            s.setArrayIndex(index)
            for key, value in entry.items():
                s.setValue(key, value)
        s.endArray()
        s.sync()

    def save(self, profile: Profile, *, old_name: str | None = None) -> None:
        """Add a profile, or replace the one called `old_name` (or `profile.name`) in place."""
        if not profile.name.strip():
            raise ValueError("a profile needs a name")
        target = old_name or profile.name
        fields = {key: str(getattr(profile, key)) for key in _FIELDS}
        entries = [e for e in self._entries() if e["name"] == target or e["name"] != profile.name]
        for index, entry in enumerate(entries):
            if entry["name"] == target:
                entries[index] = {**fields, "last_login": entry["last_login"]}
                break
        else:
            entries.append({**fields, "last_login": ""})
        self._write(entries)
        if target != profile.name and self._settings.value("login/last_profile", "") == target:
            self._settings.setValue("login/last_profile", profile.name)
            self._settings.sync()

    def remove(self, name: str) -> None:
        self._write([e for e in self._entries() if e["name"] != name])

    def set_last_used(self, profile_name: str, login: str) -> None:
        entries = self._entries()
        for entry in entries:
            if entry["name"] == profile_name:
                entry["last_login"] = login.strip()
        self._write(entries)
        self._settings.setValue("login/last_profile", profile_name)
        self._settings.sync()


def ensure_profile(store: ProfileStore, profile: Profile) -> Profile:
    """Make the store hold `profile` under its name (the demo and the default file profiles)."""
    if store.find(profile.name) != profile:
        store.save(profile)
    return profile
