"""The college-wide settings (services.settings), «О программе»'s versions, the support zip and the
log's privacy filter — on SQLite and PostgreSQL (the demo college)."""

from __future__ import annotations

import logging
import zipfile
from pathlib import Path

import pytest

from ejournal_desktop.domain.errors import PermissionDenied, ValidationError
from ejournal_desktop.log_privacy import PrivacyFilter, redact
from ejournal_desktop.services import settings, support_bundle, system_info
from ejournal_desktop.services.audit import list_audit
from ejournal_desktop.services.settings import CollegeSettings


def test_defaults_when_nothing_is_set(act_as) -> None:  # type: ignore[no-untyped-def]
    teacher = act_as("prepod")
    current = settings.college_settings(teacher)
    assert current.college_name == "ГБПОУ «Заречный аграрный техникум»"  # the demo sets it
    assert (current.director_name, current.deputy_name) == ("", "")
    assert current.backup_reminder_days == settings.DEFAULT_BACKUP_REMINDER_DAYS == 7


def test_the_admin_saves_them_and_everyone_reads_them(act_as) -> None:  # type: ignore[no-untyped-def]
    admin, teacher = act_as("admin"), act_as("prepod")
    saved = settings.save_college_settings(
        admin,
        CollegeSettings(
            college_name="  ГБПОУ   «Тестовый техникум» ",
            director_name="Петров И. И.",
            deputy_name="Смирнова А. А.",
            backup_reminder_days=3,
        ),
    )
    assert saved == CollegeSettings("ГБПОУ «Тестовый техникум»", "Петров И. И.", "Смирнова А. А.", 3)
    assert settings.college_settings(teacher) == saved
    assert settings.college_name(teacher) == "ГБПОУ «Тестовый техникум»"  # the old reader sees it too
    # Saving the same again writes nothing.
    assert settings.save_college_settings(admin, saved) == saved


def test_changes_are_audited(act_as) -> None:  # type: ignore[no-untyped-def]
    admin = act_as("admin")
    settings.save_college_settings(admin, CollegeSettings("Техникум", "Директор Д. Д.", "", 7))
    if admin.backend == "postgresql":
        pytest.skip("on PostgreSQL the server's trigger writes it (08_settings.sql); act_as has no server init")
    rows = list_audit(admin, table="app_setting")
    assert any((r.new or {}).get("key") == "director_name" for r in rows)


@pytest.mark.parametrize("login", ["prepod", "zamdir", "sekretar", "student", "roditel"])
def test_only_the_admin_may_change_them(act_as, login: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(PermissionDenied):
        settings.save_college_settings(act_as(login), CollegeSettings(college_name="Чужой"))
    assert settings.can_manage(act_as(login)) is False


@pytest.mark.parametrize(
    ("values", "message"),
    [
        (CollegeSettings(backup_reminder_days=0), "Напоминание о резервной копии — от 1 до 365 дней"),
        (CollegeSettings(backup_reminder_days=366), "Напоминание о резервной копии — от 1 до 365 дней"),
        (CollegeSettings(director_name="Д" * 301), "Директор: не длиннее 300 знаков"),
    ],
)
def test_bad_values_are_refused_and_nothing_is_written(act_as, values, message) -> None:  # type: ignore[no-untyped-def]
    admin = act_as("admin")
    before = settings.college_settings(admin)
    with pytest.raises(ValidationError) as error:
        settings.save_college_settings(admin, CollegeSettings(**{**before.__dict__, **_changed(values)}))
    assert str(error.value) == message
    assert settings.college_settings(admin) == before


def _changed(values: CollegeSettings) -> dict[str, object]:
    default = CollegeSettings()
    return {k: v for k, v in values.__dict__.items() if v != getattr(default, k)}


# -- versions and the support file --------------------------------------------------------------


def test_database_info_names_the_server_and_the_schema(act_as) -> None:  # type: ignore[no-untyped-def]
    teacher = act_as("prepod")
    info = system_info.database_info(teacher)
    assert info.backend == teacher.backend
    assert info.server_version.startswith("PostgreSQL 1" if teacher.backend == "postgresql" else "SQLite 3.")
    assert info.schema_is_current and info.schema_revision == info.schema_head
    assert info.login == "prepod"
    versions = system_info.program_versions()
    assert versions["ЭЖ"] and versions["SQLAlchemy"] != "—" and versions["Python"].startswith("3.")


def test_the_support_zip_has_versions_and_redacted_logs(act_as, isolated_user_dirs: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from ejournal_desktop import paths

    (paths.log_dir() / "ejournal-desktop.log").write_text(
        "ERROR boom [SQL: INSERT INTO person] [parameters: ('Иванов', 'Иван', '2008-01-01')]\n"
        "ERROR connect postgresql://prepod:Тайна-1@server/ej failed\n",
        encoding="utf-8",
    )
    names = support_bundle.write_support_zip(tmp_path / "s.zip", act_as("prepod"), {"Qt": "6"})
    assert names == ["versions.txt", "logs/ejournal-desktop.log"]
    with zipfile.ZipFile(tmp_path / "s.zip") as archive:
        versions = archive.read("versions.txt").decode("utf-8")
        log_text = archive.read("logs/ejournal-desktop.log").decode("utf-8")
    assert "Вошёл: prepod" in versions and "Qt: 6" in versions and "Схема:" in versions
    assert "Иванов" not in log_text and "Тайна-1" not in log_text and "2008-01-01" not in log_text
    assert "[parameters: ***]" in log_text and "prepod:***@server" in log_text


# -- the log's privacy filter (no database: once) -------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kept", "gone"),
    [
        ("connect postgresql://ivanov:Секрет1@10.0.0.5/ej", "ivanov:***@10.0.0.5", "Секрет1"),
        ("dsn host=x password=abc user=y", "password=***", "abc"),
        ("CREATE ROLE x LOGIN PASSWORD 'p@ss'", "PASSWORD '***'", "p@ss"),
        ("verifier SCRAM-SHA-256$4096:c2FsdA==$abc:def", "SCRAM-SHA-256$***", "c2FsdA=="),
        ("[SQL: UPDATE person SET phone=?] [parameters: ('+79123456789', 7)]", "[parameters: ***]", "+7912"),
        ("parent mail ivanova@mail.ru, tel. 8 (912) 345-67-89", "<e-mail ***>", "345-67-89"),
        ("logged in: prepod, файл /tmp/demo.sqlite3", "logged in: prepod, файл /tmp/demo.sqlite3", "\x00"),
    ],
)
def test_redact(text: str, kept: str, gone: str) -> None:
    result = redact(text)
    assert kept in result
    assert gone not in result


def test_the_filter_redacts_arguments_and_tracebacks(tmp_path: Path) -> None:
    log_file = tmp_path / "t.log"
    handler = logging.FileHandler(log_file, encoding="utf-8")
    handler.addFilter(PrivacyFilter())
    logger = logging.getLogger("privacy-test")
    logger.addHandler(handler)
    try:
        logger.error("login %s with %s", "prepod", "postgresql://prepod:Тайна@h/db")
        try:
            raise RuntimeError("CREATE ROLE x PASSWORD 'Тайна2'")
        except RuntimeError:
            logger.exception("failed")
    finally:
        logger.removeHandler(handler)
        handler.close()
    text = log_file.read_text(encoding="utf-8")
    assert "login prepod with postgresql://prepod:***@h/db" in text
    assert "Тайна" not in text and "RuntimeError" in text
