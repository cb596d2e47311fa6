"""ui.app_settings: the settings file's upgrade steps, the installer's default profile, a person's UI state."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QApplication

from ejournal_desktop.services.auth import Profile
from ejournal_desktop.ui import app_settings as aps
from ejournal_desktop.ui.app_settings import AppSettings, apply_default_profile, apply_font_scale, upgrade
from ejournal_desktop.ui.profiles import ProfileStore, settings_path

# A file as the first releases wrote it (no version), edited by hand: a nameless entry, a duplicate,
# a server entry without a kind, a port that is not a number.
LEGACY_INI = """\
[General]
login\\last_profile=Сервер техникума

[profiles]
1\\name=Сервер техникума
1\\host=10.0.0.5
1\\port=пять
1\\database=ejournal
1\\last_login=ivanov_ii
2\\name=
2\\path=/tmp/x.sqlite3
3\\name=Локальная база
3\\kind=embedded
3\\path=/home/t/journal.sqlite3
4\\name=Сервер техникума
4\\host=192.168.0.1
size=4
"""


def write_ini(path: Path, text: str, *, bom: bool = False) -> QSettings:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))
    return QSettings(str(path), QSettings.Format.IniFormat)


def test_step_1_brings_the_unversioned_file_to_version_1(tmp_path: Path) -> None:
    settings = write_ini(tmp_path / "ejournal.ini", LEGACY_INI)
    assert aps.file_version(settings) == 0
    assert upgrade(settings) == [1]
    assert aps.file_version(settings) == aps.SETTINGS_VERSION == 1
    store = ProfileStore(settings)
    assert store.profiles() == [
        Profile(name="Сервер техникума", kind="server", host="10.0.0.5", port=5432, database="ejournal"),
        Profile(name="Локальная база", kind="embedded", path="/home/t/journal.sqlite3"),
    ]
    assert store.last_login("Сервер техникума") == "ivanov_ii"  # what the person had is kept
    assert store.last_profile_name() == "Сервер техникума"
    # Reopened from disk: the same, and nothing runs twice.
    again = QSettings(str(tmp_path / "ejournal.ini"), QSettings.Format.IniFormat)
    assert upgrade(again) == []
    assert ProfileStore(again).profiles() == store.profiles()


def test_steps_run_once_in_order_from_the_files_version(tmp_path: Path) -> None:
    calls: list[str] = []
    steps = (
        lambda s: calls.append("1"),
        lambda s: calls.append("2"),
        lambda s: (calls.append("3"), s.setValue("ui/new_key", "x")),
    )
    settings = write_ini(tmp_path / "a.ini", "[meta]\nsettings_version=1\n")
    assert upgrade(settings, steps) == [2, 3]
    assert calls == ["2", "3"]
    assert settings.value("ui/new_key") == "x"
    assert upgrade(settings, steps) == []
    assert calls == ["2", "3"]


def test_a_file_of_a_newer_program_is_read_and_left_alone(tmp_path: Path) -> None:
    text = "[meta]\nsettings_version=9\n\n[profiles]\n1\\name=Сервер\n1\\kind=server\n1\\host=srv\n2\\name=\nsize=2\n"
    settings = write_ini(tmp_path / "new.ini", text)
    assert upgrade(settings) == []
    assert aps.file_version(settings) == 9
    assert [p.name for p in ProfileStore(settings).profiles()] == ["Сервер"]
    assert "2\\name=" in (tmp_path / "new.ini").read_text(encoding="utf-8")  # not rewritten


def test_app_settings_upgrades_the_users_file_on_open() -> None:
    write_ini(settings_path(), LEGACY_INI)
    settings = AppSettings()
    assert aps.file_version(settings.settings) == aps.SETTINGS_VERSION
    assert [p.name for p in settings.profiles().profiles()] == ["Сервер техникума", "Локальная база"]


# -- the installer's default profile ----------------------------------------------------------

# What installer/ejournal.iss writes (UTF-8 with a BOM, from Inno Setup's SaveStringsToUTF8File).
INSTALLER_INI = """\
[profiles]
1\\name=Сервер техникума
1\\kind=server
1\\host={host}
1\\port=5432
1\\database=ejournal
1\\sslmode=prefer
size=1
"""


def test_the_installers_profile_is_taken_once_per_content(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shipped = tmp_path / "program" / aps.DEFAULT_PROFILE_FILE
    write_ini(shipped, INSTALLER_INI.format(host="10.0.0.5"), bom=True)
    monkeypatch.setenv(aps.DEFAULT_PROFILE_ENV, str(shipped))
    store = AppSettings().profiles()
    taken = apply_default_profile(store)
    assert taken == Profile(name="Сервер техникума", kind="server", host="10.0.0.5", database="ejournal")
    assert store.profiles() == [taken]
    assert store.last_profile_name() == "Сервер техникума"
    # The person changes the port: the next start does not revert it.
    store.save(Profile(name="Сервер техникума", kind="server", host="10.0.0.5", port=6432))
    assert apply_default_profile(store) is None
    assert store.find("Сервер техникума").port == 6432
    # A reinstall with a new server address does update it.
    write_ini(shipped, INSTALLER_INI.format(host="ej-server.college.local"), bom=True)
    assert apply_default_profile(store).host == "ej-server.college.local"
    assert [p.host for p in store.profiles()] == ["ej-server.college.local"]


def test_without_an_installers_file_nothing_changes(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv(aps.DEFAULT_PROFILE_ENV, str(tmp_path / "missing.ini"))
    store = AppSettings().profiles()
    assert aps.default_profile_file() is None
    assert apply_default_profile(store) is None
    assert store.profiles() == []


# -- typed values and a person's UI state -------------------------------------------------------


def test_options_give_their_type_and_clamp(tmp_path: Path) -> None:
    settings = write_ini(tmp_path / "o.ini", "[ui]\nfont_scale_percent=500\n")
    assert aps.FONT_SCALE.get(settings) == 200
    settings.setValue("ui/font_scale_percent", "ерунда")
    assert aps.FONT_SCALE.get(settings) == 100
    flag = aps.Option("ui/flag", False)
    settings.setValue("ui/flag", "true")
    assert flag.get(settings) is True


def test_ui_state_is_kept_per_login() -> None:
    settings = AppSettings()
    geometry = QByteArray(b"\x01\xd9\xd0\xcb geometry")
    settings.set_window_geometry("prepod", geometry)
    settings.set_column_widths("prepod", "journals.0", [120, 80, 300])
    settings.set_last_journal("prepod", 42)
    again = AppSettings()  # read back from the file
    assert again.window_geometry("prepod") == geometry
    assert again.window_geometry("kurator") is None
    assert again.column_widths("prepod", "journals.0") == [120, 80, 300]
    assert again.column_widths("kurator", "journals.0") == []
    assert again.last_journal("prepod") == 42
    assert again.last_journal("kurator") is None
    # A login can never nest keys or reach another person's values.
    again.set_last_journal("a/../prepod", 7)
    assert again.last_journal("prepod") == 42


def test_the_font_scale_enlarges_from_the_system_size(qtbot) -> None:  # type: ignore[no-untyped-def]
    app = QApplication.instance()
    base = app.font().pointSizeF()
    try:
        apply_font_scale(app, 150)
        assert app.font().pointSizeF() == pytest.approx(base * 1.5)
        apply_font_scale(app, 130)  # from the system size, not from the enlarged one
        assert app.font().pointSizeF() == pytest.approx(base * 1.3)
    finally:
        apply_font_scale(app, 100)
    assert app.font().pointSizeF() == pytest.approx(base)
