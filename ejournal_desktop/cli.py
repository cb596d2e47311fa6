"""`ejournal`: the administrator's and automation's command line, over the same services as the GUI.

Every failure a user can cause (a server that does not answer, a wrong password, a schema newer
than this program) ends in one Russian line on stderr and a non-zero exit code, never a traceback.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable, Sequence

from ejournal_desktop import __version__
from ejournal_desktop.domain.errors import DomainError

EXIT_OK = 0
EXIT_ERROR = 1
EXIT_USAGE = 2


class CliError(Exception):
    """An expected failure: its text is printed as is."""


def _engine(url: str):  # type: ignore[no-untyped-def]
    from ejournal_desktop.store.engine import BadDatabaseUrl, make_engine

    try:
        return make_engine(url)
    except BadDatabaseUrl as exc:
        raise CliError(str(exc)) from exc


def _describe_db_error(exc: BaseException, url: str) -> str:
    from ejournal_desktop.services.auth import connection_error_message
    from ejournal_desktop.store.engine import normalize_url

    parsed = normalize_url(url)
    if parsed.get_backend_name() == "sqlite":
        return f"Не удалось открыть файл базы данных {parsed.database}: {str(exc).splitlines()[0]}"
    return connection_error_message(exc, parsed.host, parsed.port, parsed.database)


def _guard_db(url: str, action: Callable[[], int]) -> int:
    from sqlalchemy.exc import DBAPIError

    from ejournal_desktop.store.migrate import SchemaTooNew

    try:
        return action()
    except SchemaTooNew as exc:
        raise CliError(str(exc)) from exc
    except DBAPIError as exc:
        raise CliError(_describe_db_error(exc.orig or exc, url)) from exc


def cmd_db_upgrade(args: argparse.Namespace) -> int:
    from ejournal_desktop.services.backup import cli_user, upgrade_with_safety_copy
    from ejournal_desktop.store.migrate import schema_state

    def run() -> int:
        engine = _engine(args.url)
        try:
            before = schema_state(engine)
            # An existing database is copied (and the copy verified) first; no copy, no upgrade.
            safety = upgrade_with_safety_copy(engine, made_by=cli_user(engine.url), folder=args.backup_dir)
            after = schema_state(engine)
        finally:
            engine.dispose()
        if safety is not None:
            print(f"Страховочная копия перед обновлением: {safety.path}")
        if before.current == after.current:
            print(f"Схема базы данных актуальна (версия {after.current}).")
        else:
            print(f"Схема базы данных обновлена: {before.current or 'пусто'} → {after.current}.")
        return EXIT_OK

    return _guard_db(args.url, run)


def cmd_db_status(args: argparse.Namespace) -> int:
    from ejournal_desktop.store.migrate import schema_state

    def run() -> int:
        engine = _engine(args.url)
        try:
            state = schema_state(engine)
        finally:
            engine.dispose()
        print(f"Версия схемы: {state.current or 'схема не создана'}; версия программы: {state.head}.")
        return EXIT_OK if state.is_up_to_date else EXIT_ERROR

    return _guard_db(args.url, run)


def _parse_today(value: str | None) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        try:
            return dt.datetime.strptime(value, "%d.%m.%Y").date()
        except ValueError as exc:
            raise CliError(f"Неверная дата --today «{value}»: нужен вид ГГГГ-ММ-ДД или ДД.ММ.ГГГГ") from exc


def cmd_demo(args: argparse.Namespace) -> int:
    from ejournal_desktop.services.demo_college import DEMO_PASSWORD, fill_demo
    from ejournal_desktop.store.migrate import upgrade

    today = _parse_today(args.today)
    password = args.password or DEMO_PASSWORD

    def progress(stage: str, fraction: float) -> None:
        if not args.quiet:
            print(f"  {fraction * 100:5.1f}%  {stage}", file=sys.stderr, flush=True)

    def run() -> int:
        from ejournal_desktop.store.server.server_init import server_initialised

        engine = _engine(args.url)
        try:
            renamed: list[str] = []
            if server_initialised(engine):
                from ejournal_desktop.services.demo_on_server import fill_demo_on_server

                summary, renamed = fill_demo_on_server(
                    args.url,
                    str(engine.url.database),
                    size=args.size,
                    seed=args.seed,
                    today=today,
                    password=password,
                    progress=progress,
                )
            else:
                upgrade(engine)
                summary = fill_demo(
                    engine, size=args.size, seed=args.seed, today=today, password=password, progress=progress
                )
        finally:
            engine.dispose()
        total = sum(summary.rows.values())
        print(f"Демо-техникум заполнен за {summary.seconds:.1f} с: {total} строк.")
        for table, count in sorted(summary.rows.items()):
            print(f"  {table:<22} {count:>9}")
        print("Демо-логины (пароль: " + ("задан --password" if args.password else password) + "):")
        for role, login in summary.logins.items():
            suffix = "_demo" if login in renamed else ""
            print(f"  {role:<10} {login}{suffix}")
        return EXIT_OK

    return _guard_db(args.url, run)


def _read_new_password(prompt: str) -> str:
    """A password from a prompt (twice) or, when stdin is not a terminal, its first line; never from argv."""
    import getpass

    if not sys.stdin.isatty():
        password = sys.stdin.readline().rstrip("\r\n")
        if not password:
            raise CliError("Пароль не передан: ожидалась первая строка стандартного ввода")
        return password
    password = getpass.getpass(prompt)
    if not password:
        raise CliError("Пароль не может быть пустым")
    if getpass.getpass("Повторите пароль: ") != password:
        raise CliError("Пароли не совпадают")
    return password


def cmd_server_init(args: argparse.Namespace) -> int:
    from ejournal_desktop.store.server.server_init import init_server

    password = _read_new_password(f"Пароль первого администратора «{args.first_admin}»: ")

    def progress(stage: str, fraction: float) -> None:
        if not args.quiet:
            print(f"  {fraction * 100:5.1f}%  {stage}", file=sys.stderr, flush=True)

    def run() -> int:
        import psycopg

        try:
            report = init_server(args.admin_url, args.db, args.first_admin, password, progress=progress)
        except psycopg.OperationalError as exc:
            raise CliError(_describe_db_error(exc, args.admin_url)) from exc
        except psycopg.Error as exc:
            raise CliError(f"Сервер отказал: {str(exc).strip().splitlines()[0]}") from exc
        print("\n".join(report.lines()))
        return EXIT_OK

    return _guard_db(args.admin_url, run)


def cmd_import_students(args: argparse.Namespace) -> int:
    from ejournal_desktop.services.contingent_import import ImportRejected, automation_session, import_students

    def run() -> int:
        engine = _engine(args.url)
        try:
            result = import_students(automation_session(engine), args.file, only_clean_rows=args.only_clean)
        except ImportRejected as exc:
            for problem in exc.problems:
                print(f"  {problem}", file=sys.stderr)
            raise
        finally:
            engine.dispose()
        print(result.summary_ru())
        return EXIT_OK

    return _guard_db(args.url, run)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ejournal", description="ЭЖ — электронный журнал: администрирование и автоматизация."
    )
    parser.add_argument("--version", action="version", version=f"ЭЖ {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="КОМАНДА")

    db = commands.add_parser("db", help="схема базы данных")
    db_commands = db.add_subparsers(dest="db_command", metavar="ДЕЙСТВИЕ")
    upgrade = db_commands.add_parser("upgrade", help="создать или обновить схему базы данных")
    upgrade.add_argument("--url", required=True, help="postgresql://user@host/db или sqlite:///путь/к/файлу")
    upgrade.add_argument("--backup-dir", metavar="ПАПКА", help="куда положить страховочную копию перед обновлением")
    upgrade.set_defaults(handler=cmd_db_upgrade)
    status = db_commands.add_parser("status", help="показать версию схемы")
    status.add_argument("--url", required=True)
    status.set_defaults(handler=cmd_db_status)

    demo = commands.add_parser("demo", help="заполнить пустую базу демо-техникумом")
    demo.add_argument("--url", required=True)
    demo.add_argument("--size", choices=("small", "large"), default="small")
    demo.add_argument("--seed", type=int, default=1)
    demo.add_argument("--today", help="дата, до которой идут занятия (по умолчанию сегодня)")
    demo.add_argument("--password", help="пароль всех демо-учётных записей (по умолчанию demo2026)")
    demo.add_argument("--quiet", action="store_true", help="не показывать ход заполнения")
    demo.set_defaults(handler=cmd_demo)

    server = commands.add_parser("server", help="сервер PostgreSQL техникума")
    server_commands = server.add_subparsers(dest="server_command", metavar="ДЕЙСТВИЕ")
    init = server_commands.add_parser(
        "init",
        help="создать или обновить базу ЭЖ на сервере: роли, схема, права, политики строк, аудит",
        description="Пароль первого администратора спрашивается с клавиатуры или читается из первой строки "
        "стандартного ввода; в командной строке его не указывают.",
    )
    init.add_argument("--admin-url", required=True, help="postgresql://postgres@сервер/postgres (суперпользователь)")
    init.add_argument("--db", default="ejournal", help="имя базы данных ЭЖ (по умолчанию ejournal)")
    init.add_argument("--first-admin", required=True, help="логин первого администратора ЭЖ")
    init.add_argument("--quiet", action="store_true", help="не показывать ход настройки")
    init.set_defaults(handler=cmd_server_init)
    imports = commands.add_parser("import", help="импорт списков из XLSX")
    import_commands = imports.add_subparsers(dest="import_command", metavar="ЧТО")
    students = import_commands.add_parser(
        "students",
        help="обучающиеся и родители из XLSX (все строки или ничего)",
        description="Столбцы: Фамилия, Имя, Отчество, Дата рождения, Группа, Номер зачётной книжки, Телефон, "
        "E-mail, Родитель (ФИО), Телефон родителя (образец: resources/samples/students_import_sample.xlsx). "
        "Если хоть одна строка с ошибкой, ничего не записывается и все ошибки перечисляются.",
    )
    students.add_argument("file", metavar="ФАЙЛ", help="файл .xlsx")
    students.add_argument("--url", required=True)
    students.add_argument("--only-clean", action="store_true", help="записать только строки без ошибок")
    students.set_defaults(handler=cmd_import_students)

    from ejournal_desktop.cli_accounts import add_account_commands

    add_account_commands(commands)
    from ejournal_desktop.cli_notify import add_notify_commands

    add_notify_commands(commands)
    from ejournal_desktop.cli_journal import add_journal_commands

    add_journal_commands(commands)
    from ejournal_desktop.cli_reports import add_report_commands

    add_report_commands(commands)
    from ejournal_desktop.cli_backup import add_backup_commands

    add_backup_commands(commands)
    from ejournal_desktop.cli_contingent import add_contingent_commands

    add_contingent_commands(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    handler = getattr(args, "handler", None)
    if handler is None:
        parser.print_help()
        return EXIT_USAGE
    try:
        return handler(args)
    except (CliError, DomainError) as exc:
        print(f"ejournal: ошибка: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print("ejournal: прервано.", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
