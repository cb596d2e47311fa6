"""`ejournal report NAME …`: every report of the journal as an XLSX or PDF file, for automation.

    ejournal report grades-summary --url URL --group 21-ТО --period 2026/2027-1 --format xlsx -o out.xlsx
    ejournal report attendance-month --url URL --group 21-ТО --period 2026/2027-1 --month 2026-10 --month 2026-11 …
    ejournal report parent-letter --url URL --group 21-ТО --period 2026/2027-1 [--student "Иванов Иван"] …
    ejournal report filling-control --url URL --period 2026/2027-1 [--days 7] --format pdf -o control.pdf
    ejournal report list                      (the names and titles)

Who acts:
- without --login: on SQLite the local administrator (whoever can open the file builds every
  report — the same rule as `ejournal account`); on PostgreSQL the login of the URL, judged by the
  server's row-level security like in the GUI;
- with --login L: that person logs in (the password is the first line of standard input, or asked
  for at a terminal; never an argument) and builds the report with their own rights — a curator
  only for their group.
Without --period: the period containing today.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import Any

from ejournal_desktop.domain.errors import ValidationError
from ejournal_desktop.domain.plural import plural

EXIT_OK = 0
FORMATS = ("xlsx", "pdf")


def add_report_commands(commands: Any) -> None:
    from ejournal_desktop.reports.catalog import REPORTS

    names = [*REPORTS, "list"]
    report = commands.add_parser(
        "report",
        help="отчёт в XLSX или PDF (успеваемость, посещаемость, контроль журналов…)",
        description="Сформировать отчёт. Имена отчётов: " + ", ".join(REPORTS),
    )
    report.add_argument("name", metavar="ОТЧЁТ", help="имя отчёта (list — список отчётов)")
    report.add_argument("--url", help="адрес базы данных (sqlite:///… или postgresql+psycopg://…)")
    report.add_argument("--group", help="группа, например 21-ТО")
    report.add_argument("--period", help="период, например 2026/2027-1 (по умолчанию — текущий)")
    report.add_argument("--month", action="append", default=[], metavar="ГГГГ-ММ", help="месяц (можно несколько раз)")
    report.add_argument("--student", help="обучающийся: номер (id) или ФИО (для писем родителям)")
    report.add_argument("--days", type=int, default=7, help="порог в днях для контроля журналов (по умолчанию 7)")
    report.add_argument("--today", help="дата отчёта ДД.ММ.ГГГГ или ГГГГ-ММ-ДД (по умолчанию сегодня)")
    report.add_argument("--format", choices=FORMATS, help="xlsx или pdf (по умолчанию — по расширению файла)")
    report.add_argument("-o", "--output", metavar="ФАЙЛ", help="файл отчёта")
    report.add_argument("--login", help="войти под этим логином (пароль — со стандартного ввода или запросом)")
    report.set_defaults(handler=cmd_report, report_names=names)


def parse_month(text: str) -> tuple[int, int]:
    try:
        year, month = (int(part) for part in text.strip().split("-"))
        dt.date(year, month, 1)
    except ValueError:
        raise ValidationError(f"Неверный месяц «{text}»: ожидается вид 2026-10") from None
    return year, month


def _parse_day(text: str | None) -> dt.date | None:
    """ДД.ММ.ГГГГ or ГГГГ-ММ-ДД: domain.calendar.parse_date reads both."""
    from ejournal_desktop.domain.calendar import parse_date

    return parse_date(text) if text else None


def _read_password(login: str) -> str:
    import getpass

    interactive = sys.stdin.isatty()
    password = getpass.getpass(f"Пароль «{login}»: ") if interactive else sys.stdin.readline().rstrip("\r\n")
    if not password:
        raise ValidationError("Пароль не передан: ожидалась первая строка стандартного ввода")
    return password


def open_session(url: str, login_name: str | None) -> Any:
    """The acting person's session: see the module's docstring."""
    from sqlalchemy.engine import make_url

    from ejournal_desktop.services.auth import Profile, login, session_for_url

    if not login_name:
        return session_for_url(url)
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        profile = Profile(kind="embedded", path=str(parsed.database or ""))
    else:
        profile = Profile(
            name="Командная строка",
            kind="server",
            host=parsed.host or "localhost",
            port=parsed.port or 5432,
            database=parsed.database or "",
            sslmode=str(parsed.query.get("sslmode", "prefer")),
        )
    return login(profile, login_name, _read_password(login_name))


def cmd_report(args: argparse.Namespace) -> int:
    from ejournal_desktop.cli import CliError, _guard_db
    from ejournal_desktop.reports.catalog import REPORTS, ReportParams, build_report, report_spec

    if args.name == "list":
        for spec in REPORTS.values():
            print(f"{spec.key:<22} {spec.title}")
        return EXIT_OK
    spec = report_spec(args.name)
    if not args.url:
        raise CliError("Не указан адрес базы данных: --url")
    if not args.output:
        raise CliError("Не указан файл отчёта: -o ФАЙЛ.xlsx или ФАЙЛ.pdf")
    output = Path(args.output)
    fmt = args.format or output.suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        raise CliError("Формат отчёта не ясен: укажите --format xlsx или --format pdf")
    if spec.needs_group and not args.group:
        raise CliError(f"Для отчёта «{spec.title}» укажите группу: --group 21-ТО")
    months = tuple(parse_month(text) for text in args.month)
    today = _parse_day(args.today)

    def run() -> int:
        from ejournal_desktop.services import report_data as rd
        from ejournal_desktop.services.unit_of_work import transaction

        session = open_session(args.url, args.login)
        try:
            with transaction(session) as conn:
                if args.period:
                    period = rd.find_period(conn, args.period)
                else:
                    found = rd.period_containing(conn, today or dt.date.today())
                    if found is None:
                        raise CliError("В базе нет ни одного учебного периода")
                    period = found
                group = rd.find_group(conn, args.group) if spec.needs_group and args.group else None
                student_id = None
                if args.student and group is not None:
                    student_id = rd.find_student(conn, group.id, args.student)
            chosen = months
            if spec.needs_month and not chosen:
                # Without --month: every month of the period up to today.
                from ejournal_desktop.domain.calendar import months_of

                last = period.clamp(today or dt.date.today())
                chosen = tuple(months_of(period.starts_on, last))
            params = ReportParams(
                period_id=period.id,
                group_id=group.id if group else None,
                months=chosen,
                student_id=student_id,
                days=args.days,
                today=today,
            )
            report = build_report(session, spec.key, params)
        finally:
            session.close()
        if fmt == "xlsx":
            from ejournal_desktop.reports.render_xlsx import write_xlsx

            path = write_xlsx(report, output)
        else:
            from ejournal_desktop.reports.render_pdf import write_pdf

            path = write_pdf(report, output)
        sheets = len(report.sheets)
        print(f"{report.title}: {path} ({sheets} {_sheets_word(sheets)})")
        return EXIT_OK

    return _guard_db(args.url, run)


def _sheets_word(n: int) -> str:
    return plural(n, "лист", "листа", "листов")
