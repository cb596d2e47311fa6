"""`ejournal notify send`: e-mail to the subscribed parents, for the Windows Task Scheduler or cron.

    ejournal notify send --url URL [--dry-run] [--digest] [--password-stdin] [--smtp-password-stdin]

Instant notices (a new «2», a new unexcused absence) on every run — every 15–60 minutes is fine;
with --digest also the weekly digest (run it on Saturday or Sunday evening, or Monday morning: the
digest covers the week just ended). An event is never mailed twice (notification_log).

Who acts: on SQLite the local administrator (whoever can open the file). On PostgreSQL the login of
the URL, which must be an admin's (ЭЖ account with the role admin): only it reads the journal of every
subscribed parent's children and writes notification_log (11_notifications.sql). The database password
comes from pgpass / PGPASSWORD of the scheduled task, or the first line of standard input with
--password-stdin; never from the command line. The SMTP password comes from the keyring of the OS
account that runs the task (saved there by the admin in the mail settings), or the next line of
standard input with --smtp-password-stdin.

Exit code 0 when everything due was sent; 1 with one Russian line on stderr when the mail server could
not be reached or refused a letter (those letters are sent by the next run).
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

EXIT_OK = 0
EXIT_ERROR = 1


def _line(name: str) -> str:
    from ejournal_desktop.cli import CliError

    value = sys.stdin.readline().rstrip("\r\n")
    if not value:
        raise CliError(f"{name} не передан: ожидалась строка стандартного ввода")
    return value


def cmd_notify_send(args: argparse.Namespace) -> int:
    from ejournal_desktop.cli import _guard_db
    from ejournal_desktop.services import notifications
    from ejournal_desktop.services.auth import session_for_url
    from ejournal_desktop.store.engine import normalize_url

    url: Any = args.url
    if args.password_stdin:
        url = normalize_url(args.url).set(password=_line("Пароль базы данных"))
    smtp_password = _line("Пароль почтового сервера") if args.smtp_password_stdin else None

    def run() -> int:
        session = session_for_url(url)
        try:
            report = notifications.send_notifications(
                session, digest=args.digest, dry_run=args.dry_run, password=smtp_password
            )
        finally:
            session.close()
        print("\n".join(report.lines()))
        if report.error is not None:
            print(f"ejournal: ошибка: {report.error}", file=sys.stderr)
            return EXIT_ERROR
        if report.failed:
            print(
                f"ejournal: ошибка: почтовый сервер не принял писем: {len(report.failed)}; они будут отправлены "
                "при следующем запуске",
                file=sys.stderr,
            )
            return EXIT_ERROR
        return EXIT_OK

    return _guard_db(args.url, run)


def add_notify_commands(commands: Any) -> None:
    notify = commands.add_parser("notify", help="уведомления родителям по электронной почте")
    actions = notify.add_subparsers(dest="notify_command", metavar="ДЕЙСТВИЕ")
    send = actions.add_parser(
        "send",
        help="отправить подписанным родителям новые «2» и пропуски (для планировщика заданий или cron)",
        description="Каждое событие отправляется один раз (журнал notification_log). На PostgreSQL — логин "
        "администратора ЭЖ; пароль базы — из pgpass, PGPASSWORD или первой строки ввода (--password-stdin), "
        "пароль почты — из хранилища паролей системы или следующей строки ввода (--smtp-password-stdin).",
    )
    send.add_argument("--url", required=True, help="postgresql://логин_администратора@сервер/база или sqlite:///путь")
    send.add_argument("--dry-run", action="store_true", help="только показать, что было бы отправлено")
    send.add_argument("--digest", action="store_true", help="также еженедельная сводка (за прошедшую неделю)")
    send.add_argument("--password-stdin", action="store_true", help="пароль базы данных — первая строка ввода")
    send.add_argument(
        "--smtp-password-stdin", action="store_true", help="пароль почтового сервера — следующая строка ввода"
    )
    send.set_defaults(handler=cmd_notify_send)
