"""`ejournal backup create|verify|restore` and the safety copy of `ejournal db upgrade`, on both backends."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import select, text

from ejournal_desktop import cli
from ejournal_desktop.store import models as m
from ejournal_desktop.store.engine import make_engine
from ejournal_desktop.store.migrate import head_revision, schema_state, upgrade
from ejournal_desktop.store.pg_admin import admin_engine, database_url, drop_database
from tests.test_backup import new_db_name, table_fingerprints


def copies(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.suffix in (".dump", ".sqlite3"))


def test_create_keep_verify_restore(
    backend: str, demo_db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], request: pytest.FixtureRequest
) -> None:
    folder = tmp_path / "nightly"
    for _ in range(3):
        assert cli.main(["backup", "create", "--url", demo_db_url, "--to", str(folder), "--keep", "2", "--quiet"]) == 0
    out = capsys.readouterr().out
    assert "Копия создана и проверена" in out and "удалена старая копия" in out
    kept = copies(folder)
    assert len(kept) == 2  # rotation: the newest two, each with only its .sha256 and .json beside it
    assert sorted(p.name for p in folder.iterdir()) == sorted(
        name for p in kept for name in (p.name, p.name + ".sha256", p.name + ".json")
    )
    # The history row of a scheduled copy is in the database.
    engine = make_engine(demo_db_url)
    with engine.connect() as connection:
        kinds = connection.execute(select(m.BackupRecord.kind, m.BackupRecord.verified)).all()
    engine.dispose()
    assert kinds == [("scheduled", True)] * 3

    newest = kept[-1]
    assert cli.main(["backup", "verify", str(newest)]) == 0
    assert "в порядке" in capsys.readouterr().out

    if backend == "sqlite":
        target_url = f"sqlite:///{tmp_path / 'restored.sqlite3'}"
        args = ["--into", target_url]
    else:
        server = request.getfixturevalue("pg_server")
        name = new_db_name()
        target_url = database_url(server.url, name).render_as_string(hide_password=False)
        args = ["--url", server.url, "--into", name]
    try:
        assert cli.main(["backup", "restore", str(newest), *args, "--quiet"]) == 0
        assert "Восстановлено" in capsys.readouterr().out
        restored, live = table_fingerprints(target_url), table_fingerprints(demo_db_url)
        # The copy holds the history as it was just before its own row was written.
        assert restored.pop("backup_record")[0] == 2 and live.pop("backup_record")[0] == 3
        assert restored == live
    finally:
        if backend == "postgresql":
            admin = admin_engine(server.url)
            drop_database(admin, name)
            admin.dispose()


def test_verify_fails_for_a_damaged_file(demo_db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["backup", "create", "--url", demo_db_url, "--to", str(tmp_path), "--quiet"]) == 0
    copy = copies(tmp_path)[0]
    with copy.open("r+b") as handle:
        handle.truncate(copy.stat().st_size // 3)
    capsys.readouterr()
    assert cli.main(["backup", "verify", str(copy)]) == 1
    err = capsys.readouterr().err
    assert "повреждена" in err and "Traceback" not in err
    # restore refuses it too, and creates nothing
    target = tmp_path / "never.sqlite3"
    assert cli.main(["backup", "restore", str(copy), "--into", f"sqlite:///{target}", "--quiet"]) == 1
    assert "Восстановление не начато" in capsys.readouterr().err and not target.exists()


def test_bad_folder_is_one_russian_line(demo_db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert cli.main(["backup", "create", "--url", demo_db_url, "--to", str(blocker / "sub"), "--quiet"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("ejournal: ошибка:") and "не папка" in err and "Traceback" not in err


def test_db_upgrade_takes_a_safety_copy_first(
    empty_db_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    engine = make_engine(empty_db_url)
    upgrade(engine, "0002")
    with engine.begin() as connection:  # plain SQL: the models describe the newest schema, not 0002
        connection.execute(
            text("INSERT INTO person (last_name, first_name, search_name) VALUES ('Петров', 'Пётр', 'п')")
        )
    blocker = tmp_path / "file"
    blocker.write_text("x")
    # The copy cannot be written: the upgrade does not start.
    assert cli.main(["db", "upgrade", "--url", empty_db_url, "--backup-dir", str(blocker / "x")]) == 1
    assert "не обновлена" in capsys.readouterr().err
    assert schema_state(engine).current == "0002"
    assert cli.main(["db", "upgrade", "--url", empty_db_url, "--backup-dir", str(tmp_path / "safety")]) == 0
    out = capsys.readouterr().out
    assert "Страховочная копия" in out and f"→ {head_revision()}" in out
    (safety,) = copies(tmp_path / "safety")
    assert "страховочная" in safety.name
    assert cli.main(["backup", "verify", str(safety)]) == 0
    engine.dispose()


def test_the_command_is_on_path_for_the_scheduler(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "ejournal_desktop.cli", "backup", "create", "--help"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "--keep" in done.stdout and "--to" in done.stdout
