"""`ejournal account …` on SQLite (the local admin) and on a server (the URL's own login)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import text
from sqlalchemy.engine import URL

from ejournal_desktop import cli
from ejournal_desktop.services import auth
from tests.accounts_world import World
from tests.server.college import PASSWORD


def url_of(world: World) -> str:
    if world.college is None:
        return f"sqlite:///{world.profile.path}"
    url = world.college.url
    admin = URL.create("postgresql", username=world.logins["admin"], password=PASSWORD, host=url.host,
                       port=url.port, database=world.college.db)  # fmt: skip
    return admin.render_as_string(hide_password=False)


def test_create_group_list_reset_lock_unlock(world: World, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    url = url_of(world)
    group = world.new_group("t1")
    world.add_family_in(group, "Консольный")
    with world.owner.connect() as conn:
        group_name = conn.execute(text("SELECT name FROM study_group WHERE id = :g"), {"g": group}).scalar_one()
    slips = tmp_path / "slips.pdf"
    assert cli.main(["account", "create-group", "--url", url, "--group", group_name, "--slips", str(slips)]) == 0
    out = capsys.readouterr().out
    assert "Консольный Студент" in out and "Консольныйа" in out
    text_ = "\n".join(page.extract_text() or "" for page in PdfReader(str(slips)).pages)
    assert "Консольный Студент" in text_

    assert cli.main(["account", "list", "--url", url, "--group", group_name]) == 0
    listed = capsys.readouterr().out
    logins = [next(t for t in line.split() if re.fullmatch("[a-z][a-z0-9_]+", t)) for line in listed.splitlines()[1:]]
    assert len(logins) == 2
    for login in logins:
        world.track(login)

    assert cli.main(["account", "reset", "--url", url, "--login", logins[0]]) == 0
    reset_out = capsys.readouterr().out.splitlines()[-1].split()
    password = reset_out[-1]
    session = auth.login(world.profile, logins[0], password)
    assert session.user.must_change_password
    session.close()

    assert cli.main(["account", "lock", "--url", url, "--login", logins[0]]) == 0
    with pytest.raises(auth.LoginError, match="заблокирована"):
        auth.login(world.profile, logins[0], password)
    assert cli.main(["account", "unlock", "--url", url, "--login", logins[0]]) == 0
    auth.login(world.profile, logins[0], password).close()


def test_bad_input_is_one_russian_line(world: World, capsys) -> None:  # type: ignore[no-untyped-def]
    url = url_of(world)
    student, _ = world.add_family("g1", "Плохой", with_parent=False)
    code = cli.main(["account", "create", "--url", url, "--person-id", str(student), "--role", "student",
                     "--login", "x'; DROP TABLE account; --"])  # fmt: skip
    assert code == 1
    assert "Недопустимый логин" in capsys.readouterr().err
    assert cli.main(["account", "lock", "--url", url, "--login", "nobody_here"]) == 1
    assert "не найдена" in capsys.readouterr().err
    assert cli.main(["account", "list", "--url", url, "--group", "99-ЯЯ"]) == 1
    assert "Группа «99-ЯЯ» не найдена" in capsys.readouterr().err
