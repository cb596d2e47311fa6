"""`ejournal roster …`: the list of a group «на дату» from the command line, over the same builder as the GUI.

    ejournal roster --url URL --group 24-ТО --date 2026-11-29 --format pdf|xlsx -o FILE

Who acts: on SQLite the local administrator; on PostgreSQL the URL's own login, judged by the
server's row-level security as in the GUI (a curator gets the own group only).
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import Any

EXIT_OK = 0


def _day(text: str) -> dt.date:
    from ejournal_desktop.domain.calendar import parse_date
    from ejournal_desktop.domain.errors import ValidationError

    try:
        return parse_date(text)
    except ValidationError as exc:
        raise argparse.ArgumentTypeError(exc.message) from None


def add_contingent_commands(commands: Any) -> None:
    roster = commands.add_parser(
        "roster",
        help="список группы на дату (по приказам о движении) в PDF или XLSX",
        description="Список обучающихся группы на выбранную дату по истории движения контингента: "
        "PDF для печати (с подписями) или книга Excel.",
    )
    roster.add_argument("--url", required=True)
    roster.add_argument("--group", required=True, help="название группы, например 24-ТО")
    roster.add_argument("--date", type=_day, default=None, help="ГГГГ-ММ-ДД или ДД.ММ.ГГГГ (по умолчанию сегодня)")
    roster.add_argument("--format", choices=("pdf", "xlsx"), default=None, help="по умолчанию — по расширению файла")
    roster.add_argument("-o", "--output", required=True, metavar="ФАЙЛ", help="куда записать список")
    roster.set_defaults(handler=cmd_roster)


def cmd_roster(args: argparse.Namespace) -> int:
    from ejournal_desktop.cli import CliError, _guard_db
    from ejournal_desktop.reports import roster
    from ejournal_desktop.services.auth import session_for_url

    target = Path(args.output)
    kind = args.format or target.suffix.lower().lstrip(".")
    if kind not in ("pdf", "xlsx"):
        raise CliError("Укажите --format pdf или xlsx (или файл с расширением .pdf / .xlsx)")
    day = args.date or dt.date.today()

    def run() -> int:
        session = session_for_url(args.url)
        try:
            group_id = roster.group_id_by_name(session, args.group)
            built = roster.build_roster(session, group_id, day)
        finally:
            session.close()
        try:
            (roster.render_pdf if kind == "pdf" else roster.render_xlsx)(built, target)
        except OSError as exc:
            raise CliError(f"Файл {target} не записан: {exc.strerror or exc}") from exc
        print(f"{built.title} {built.subtitle}: {len(built.lines)} чел. → {target}")
        return EXIT_OK

    return _guard_db(args.url, run)
