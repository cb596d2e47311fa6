"""`ejournal journal …`: the teacher's journal from the command line.

    ejournal journal export --url URL --group 21-ТО --discipline ОП.02 [--subgroup N]
                            --period 2026/2027-1 --format xlsx|pdf -o FILE [--login L]

Who reads: on SQLite the local administrator (whoever can open the file); on PostgreSQL the login
of the URL (its password from the URL, PGPASSWORD or ~/.pgpass), or with `--login` that person,
whose password is asked at the keyboard or read from the first line of standard input — never
from the command line. The server's row-level security decides what they may read.
"""

from __future__ import annotations

import argparse
from typing import Any


def add_journal_commands(commands: Any) -> None:
    journal = commands.add_parser("journal", help="журнал преподавателя")
    actions = journal.add_subparsers(dest="journal_command", metavar="ДЕЙСТВИЕ")
    export = actions.add_parser(
        "export",
        help="журнал группы по дисциплине в XLSX или PDF (оценки по месяцам и содержание занятий)",
        description="На сервере PostgreSQL с --login пароль спрашивается с клавиатуры или читается из первой "
        "строки стандартного ввода.",
    )
    export.add_argument("--url", required=True, help="postgresql://сервер/ejournal или sqlite:///путь/к/файлу")
    export.add_argument("--group", required=True, help="группа, например 21-ТО")
    export.add_argument("--discipline", required=True, help="код дисциплины, например ОП.02")
    export.add_argument("--subgroup", type=int, help="номер подгруппы")
    export.add_argument("--period", required=True, help="учебный год и семестр, например 2026/2027-1")
    export.add_argument("--format", choices=("xlsx", "pdf"), required=True)
    export.add_argument("-o", "--output", required=True, metavar="ФАЙЛ")
    export.add_argument("--login", help="логин на сервере (пароль спрашивается)")
    export.set_defaults(handler=cmd_export)


def cmd_export(args: argparse.Namespace) -> int:
    from ejournal_desktop.cli import _guard_db
    from ejournal_desktop.cli_reports import open_session
    from ejournal_desktop.reports.journal_export import export_journal
    from ejournal_desktop.services.journal_find import find_assignment

    def run() -> int:
        session = open_session(args.url, args.login)
        try:
            assignment_id = find_assignment(session, args.group, args.discipline, args.period, args.subgroup)
            path = export_journal(session, assignment_id, args.output, args.format)
        finally:
            session.close()
        print(f"Журнал сохранён: {path}")
        return 0

    return _guard_db(args.url, run)
