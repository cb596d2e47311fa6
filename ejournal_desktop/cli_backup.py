"""`ejournal backup create|verify|restore`: unattended copies for cron / the Windows Task Scheduler.

    ejournal backup create --url URL --to DIR [--keep N]     one verified copy (+ .sha256, .json) per run
    ejournal backup verify FILE                              exit 1 for a damaged or foreign file
    ejournal backup restore FILE --url SERVER_URL --into NEWDB   (SQLite: --into sqlite:///path)

Every failure ends in one Russian line on stderr and exit code 1; nothing half-written is left.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

EXIT_OK = 0
EXIT_ERROR = 1


def _progress(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    last = {"stage": ""}

    def report(stage: str, fraction: float) -> None:
        if getattr(args, "quiet", False) or stage == last["stage"]:
            return
        last["stage"] = stage
        print(f"  {fraction * 100:5.1f}%  {stage}", file=sys.stderr, flush=True)

    return report


def _size(size: int) -> str:
    return f"{size / 1048576:.1f} МБ" if size >= 1048576 else f"{size / 1024:.0f} КБ"


def cmd_backup_create(args: argparse.Namespace) -> int:
    from ejournal_desktop.cli import CliError, _engine
    from ejournal_desktop.services import backup

    engine = _engine(args.url)  # a bad URL is told here, in Russian
    try:
        result = backup.create_backup(
            engine.url,
            args.to,
            made_by=backup.cli_user(engine.url),
            kind="scheduled",
            tools_dir=args.pg_bin,
            keep=args.keep,
            progress=_progress(args),
        )
        try:
            backup.record(engine, result)
            recorded = True
        except Exception as exc:  # the copy is made and verified; the history row is what failed
            recorded = False
            reason = str(getattr(exc, "orig", None) or exc).splitlines()[0]
            print(f"ejournal: предупреждение: копия не записана в журнал копий ({reason})", file=sys.stderr)
    except backup.BackupError as exc:
        raise CliError(str(exc)) from exc
    finally:
        engine.dispose()
    print(f"Копия создана и проверена: {result.path}")
    print(f"  размер {_size(result.size_bytes)}, строк {result.total_rows}, SHA-256 {result.sha256}")
    print(f"  за {result.seconds:.1f} с" + ("" if recorded else "; в журнал копий не записана"))
    for old in result.removed:
        print(f"  удалена старая копия: {old.name}")
    return EXIT_OK


def cmd_backup_verify(args: argparse.Namespace) -> int:
    from ejournal_desktop.services import backup

    result = backup.verify_file(args.file, tools_dir=args.pg_bin)
    if result.ok:
        print(result.message)
        return EXIT_OK
    print(f"ejournal: ошибка: {result.message}", file=sys.stderr)
    return EXIT_ERROR


def cmd_backup_restore(args: argparse.Namespace) -> int:
    from ejournal_desktop.cli import CliError
    from ejournal_desktop.services import backup

    try:
        result = backup.restore_backup(
            args.file, into=args.into, server_url=args.url, tools_dir=args.pg_bin, progress=_progress(args)
        )
    except backup.BackupError as exc:
        raise CliError(str(exc)) from exc
    where = f"файл {result.target}" if result.backend == "sqlite" else f"база «{result.target}»"
    print(f"Восстановлено за {result.seconds:.1f} с: {where}; строк {sum(result.tables.values())}, как в копии.")
    if result.backend == "postgresql":
        print(
            "Учётные записи (роли входа) общие для сервера: на этом же сервере они уже есть; "
            "на другом их создаёт администратор (см. db/README.md)."
        )
    return EXIT_OK


def add_backup_commands(commands: Any) -> None:
    backup = commands.add_parser("backup", help="резервные копии базы: создать, проверить, восстановить")
    actions = backup.add_subparsers(dest="backup_command", metavar="ДЕЙСТВИЕ")

    create = actions.add_parser(
        "create",
        help="создать проверенную копию (для планировщика заданий или cron)",
        description="Одна копия за запуск: файл копии, рядом .sha256 и .json. Пароль сервера — из pgpass "
        "или переменной PGPASSWORD планировщика, не в командной строке.",
    )
    create.add_argument("--url", required=True, help="postgresql://логин@сервер/база или sqlite:///путь/к/файлу")
    create.add_argument("--to", required=True, metavar="ПАПКА", help="папка для копий (в т. ч. USB-диск)")
    create.add_argument("--keep", type=int, metavar="N", help="хранить N новейших копий этой базы, старые удалить")
    create.add_argument("--pg-bin", metavar="ПАПКА", help="папка pg_dump/pg_restore, если их не найти самим")
    create.add_argument("--quiet", action="store_true", help="не показывать ход работы")
    create.set_defaults(handler=cmd_backup_create)

    verify = actions.add_parser("verify", help="проверить копию: контрольная сумма и чтение целиком")
    verify.add_argument("file", metavar="ФАЙЛ")
    verify.add_argument("--pg-bin", metavar="ПАПКА")
    verify.set_defaults(handler=cmd_backup_verify)

    restore = actions.add_parser(
        "restore",
        help="восстановить копию в НОВУЮ базу данных (или новый файл SQLite)",
        description="PostgreSQL: --url — сервер с правами суперпользователя (например, postgres@сервер), "
        "--into — имя новой базы. SQLite: --into sqlite:///путь/к/новому/файлу.",
    )
    restore.add_argument("file", metavar="ФАЙЛ")
    restore.add_argument("--url", help="postgresql://postgres@сервер/postgres (для копии PostgreSQL)")
    restore.add_argument("--into", required=True, metavar="НОВАЯ_БАЗА", help="имя новой базы или sqlite:///путь")
    restore.add_argument("--pg-bin", metavar="ПАПКА")
    restore.add_argument("--quiet", action="store_true")
    restore.set_defaults(handler=cmd_backup_restore)
