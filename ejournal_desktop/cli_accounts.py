"""`ejournal account …`: the accounts work of the administrator from the command line, over the same services.

    ejournal account list         --url URL [--group 21-ТО] [--role student]
    ejournal account create       --url URL --person-id N --role R [--login L] [--slips FILE.pdf]
    ejournal account create-group --url URL --group 21-ТО [--no-parents] [--slips FILE.pdf]
    ejournal account reset        --url URL --login L [--slips FILE.pdf]
    ejournal account lock|unlock  --url URL --login L

Who acts: on SQLite the local administrator (whoever can open the file); on PostgreSQL the login of
the URL, judged by the server like in the GUI (an admin's login, or a curator's for the own group).
New temporary passwords are printed once (or only written to the slips PDF with --slips).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import Any

from ejournal_desktop.domain.errors import NotFound

EXIT_OK = 0
ROLES = ("admin", "deputy", "secretary", "teacher", "student", "parent")


def add_account_commands(commands: Any) -> None:
    account = commands.add_parser("account", help="учётные записи: список, создание, сброс пароля, блокировка")
    actions = account.add_subparsers(dest="account_command", metavar="ДЕЙСТВИЕ")

    listing = actions.add_parser("list", help="список учётных записей с последним входом")
    listing.add_argument("--url", required=True)
    listing.add_argument("--group", help="только обучающиеся и родители группы, например 21-ТО")
    listing.add_argument("--role", choices=ROLES)
    listing.set_defaults(handler=cmd_list)

    create = actions.add_parser("create", help="учётная запись для человека (временный пароль)")
    create.add_argument("--url", required=True)
    create.add_argument("--person-id", type=int, required=True, help="код человека (person.id)")
    create.add_argument("--role", required=True, choices=ROLES)
    create.add_argument("--login", help="логин (по умолчанию — из фамилии и инициалов)")
    create.add_argument("--slips", metavar="ФАЙЛ.pdf", help="записать листок с паролем в PDF вместо вывода на экран")
    create.set_defaults(handler=cmd_create)

    group = actions.add_parser(
        "create-group", help="учётные записи для всех обучающихся группы и их родителей, у кого их нет"
    )
    group.add_argument("--url", required=True)
    group.add_argument("--group", required=True, help="название группы, например 21-ТО")
    group.add_argument("--no-parents", action="store_true", help="без родителей")
    group.add_argument("--slips", metavar="ФАЙЛ.pdf", help="листки с паролями для печати (PDF)")
    group.set_defaults(handler=cmd_create_group)

    reset = actions.add_parser("reset", help="новый временный пароль")
    reset.add_argument("--url", required=True)
    reset.add_argument("--login", required=True)
    reset.add_argument("--slips", metavar="ФАЙЛ.pdf", help="записать листок с паролем в PDF вместо вывода на экран")
    reset.set_defaults(handler=cmd_reset)

    for name, text, handler in (("lock", "заблокировать", cmd_lock), ("unlock", "разблокировать", cmd_unlock)):
        action = actions.add_parser(name, help=f"{text} учётную запись")
        action.add_argument("--url", required=True)
        action.add_argument("--login", required=True)
        action.set_defaults(handler=handler)


def _run(args: argparse.Namespace, work: Any) -> int:
    """Open the URL's session, do the work, close; connection failures in one Russian line."""
    from ejournal_desktop.cli import _guard_db
    from ejournal_desktop.services.auth import session_for_url

    def run() -> int:
        session = session_for_url(args.url)
        try:
            return int(work(session))
        finally:
            session.close()

    return _guard_db(args.url, run)


def _group_id(session: Any, name: str) -> int:
    from ejournal_desktop.domain.names import search_key
    from ejournal_desktop.services import accounts

    for group_id, group_name in accounts.group_choices(session):
        if search_key(group_name) == search_key(name):
            return group_id
    raise NotFound(f"Группа «{name}» не найдена (или вам недоступна)")


def _print_table(rows: Sequence[Sequence[str]], headers: Sequence[str]) -> None:
    widths = [max(len(str(x)) for x in column) for column in zip(headers, *rows, strict=False)]
    for line in (headers, *rows):
        print("  ".join(str(value).ljust(width) for value, width in zip(line, widths, strict=False)).rstrip())


def _issue(session: Any, issued: Sequence[Any], slips: str | None) -> None:
    from ejournal_desktop.services import accounts

    if not issued:
        print("Новых учётных записей нет: у всех уже есть.")
        return
    if slips:
        path = accounts.save_slips(session, issued, slips)
        _print_table([(c.person_name, c.role_ru, c.login) for c in issued], ("ФИО", "Роль", "Логин"))
        print(f"Листки с временными паролями: {path} (после раздачи уничтожьте файл).")
        return
    _print_table(
        [(c.person_name, c.role_ru, c.group_name, c.login, c.password) for c in issued],
        ("ФИО", "Роль", "Группа", "Логин", "Временный пароль"),
    )
    print("Временные пароли показаны один раз; при первом входе программа попросит их сменить.", file=sys.stderr)


def cmd_list(args: argparse.Namespace) -> int:
    from ejournal_desktop.services import accounts

    def work(session: Any) -> int:
        group_id = _group_id(session, args.group) if args.group else None
        rows = accounts.list_accounts(session, group_id=group_id, role=args.role)
        _print_table(
            [
                (
                    r.full_name,
                    r.login,
                    r.roles_ru,
                    r.groups,
                    "да" if r.is_active else "заблокирована",
                    r.last_login_at.astimezone().strftime("%d.%m.%Y %H:%M") if r.last_login_at else "—",
                    "требуется" if r.must_change_password else "",
                )
                for r in rows
            ],
            ("ФИО", "Логин", "Роли", "Группа", "Активна", "Последний вход", "Смена пароля"),
        )
        print(f"Всего: {len(rows)}", file=sys.stderr)
        return EXIT_OK

    return _run(args, work)


def cmd_create(args: argparse.Namespace) -> int:
    from ejournal_desktop.services import accounts

    def work(session: Any) -> int:
        issued = accounts.create_account(session, args.person_id, args.role, args.login)
        _issue(session, [issued], args.slips)
        return EXIT_OK

    return _run(args, work)


def cmd_create_group(args: argparse.Namespace) -> int:
    from ejournal_desktop.services import accounts

    def work(session: Any) -> int:
        group_id = _group_id(session, args.group)
        issued = accounts.bulk_create_for_group(session, group_id, include_parents=not args.no_parents)
        _issue(session, issued, args.slips)
        return EXIT_OK

    return _run(args, work)


def cmd_reset(args: argparse.Namespace) -> int:
    from ejournal_desktop.services import accounts

    def work(session: Any) -> int:
        issued = accounts.reset_password(session, accounts.account_id_by_login(session, args.login))
        _issue(session, [issued], args.slips)
        return EXIT_OK

    return _run(args, work)


def cmd_lock(args: argparse.Namespace) -> int:
    return _set_active(args, False)


def cmd_unlock(args: argparse.Namespace) -> int:
    return _set_active(args, True)


def _set_active(args: argparse.Namespace, active: bool) -> int:
    from ejournal_desktop.services import accounts

    def work(session: Any) -> int:
        account_id = accounts.account_id_by_login(session, args.login)
        (accounts.unlock if active else accounts.lock)(session, account_id)
        print(f"Учётная запись «{args.login}» " + ("разблокирована." if active else "заблокирована."))
        return EXIT_OK

    return _run(args, work)
