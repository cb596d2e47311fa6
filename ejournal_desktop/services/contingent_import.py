"""Import of students (and their parents) from an XLSX list: check every row, then all or nothing.

`preview_import` reads the file and checks every row against the file itself and the database,
writing nothing: each problem is a `RowProblem(row_number, column_name, message_ru)`.
`import_students` runs the same checks and, in one transaction, writes everything — or, when any
row is bad, nothing (`ImportRejected` lists every problem) unless the caller explicitly asked for
the clean rows only.

Re-importing a file changes nothing: a student is matched by record-book number, else by full
name + birth date; a parent by full name + phone (so siblings share one parent, in the file and
across imports); existing links are kept. Writes are batched (executemany with RETURNING),
not one ORM object per row, and work under the server's row-level security (COPY does not).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Connection, bindparam, func, insert, select, update

from ejournal_desktop.domain.calendar import format_date
from ejournal_desktop.domain.errors import DomainError, ValidationError
from ejournal_desktop.domain.names import full_name, search_key
from ejournal_desktop.domain.permissions import Action
from ejournal_desktop.services.auth import UserSession
from ejournal_desktop.services.contingent_common import check_email, check_phone, clean, connection, require_action
from ejournal_desktop.services.contingent_sheet import FIELDS, Progress, Sheet, auto_mapping, read_sheet
from ejournal_desktop.store import models as m

_DIGITS = re.compile(r"\D+")


@dataclass(frozen=True, slots=True)
class RowProblem:
    row_number: int
    column_name: str
    message_ru: str

    def __str__(self) -> str:
        column = f", столбец «{self.column_name}»" if self.column_name else ""
        return f"Строка {self.row_number}{column}: {self.message_ru}"


class ImportRejected(ValidationError):
    """Some rows are bad: nothing was written. `problems` names every one."""

    def __init__(self, problems: list[RowProblem]) -> None:
        rows = len({p.row_number for p in problems})
        super().__init__(f"Импорт отменён: ошибки в {rows} строках, ничего не записано")
        self.problems = problems


class ImportCancelled(DomainError):
    """The user stopped the import; the transaction was rolled back."""


@dataclass
class ImportRow:
    row_number: int
    last_name: str
    first_name: str
    middle_name: str | None
    birth_date: dt.date | None
    group_name: str
    record_book_no: str | None
    phone: str | None
    email: str | None
    parent_name: str | None
    parent_phone: str | None
    group_id: int | None = None
    student_id: int | None = None  # matched existing student
    action: str = "new"  # new | update | same
    problems: list[RowProblem] = field(default_factory=list)

    @property
    def full_name(self) -> str:
        return full_name(self.last_name, self.first_name, self.middle_name)


@dataclass
class ImportPreview:
    sheet: Sheet
    mapping: dict[str, int]
    rows: list[ImportRow]

    @property
    def problems(self) -> list[RowProblem]:
        return [p for row in self.rows for p in row.problems]

    @property
    def clean_rows(self) -> list[ImportRow]:
        return [row for row in self.rows if not row.problems]

    def count(self, action: str) -> int:
        return sum(1 for row in self.clean_rows if row.action == action)


@dataclass(frozen=True, slots=True)
class ImportResult:
    created: int
    updated: int
    unchanged: int
    skipped: int
    parents_created: int
    links_created: int

    def summary_ru(self) -> str:
        return (
            f"Добавлено обучающихся: {self.created}, обновлено: {self.updated}, без изменений: {self.unchanged}, "
            f"пропущено строк с ошибками: {self.skipped}; новых родителей: {self.parents_created}, "
            f"новых связей «родитель — обучающийся»: {self.links_created}"
        )


def phone_key(phone: str | None) -> str:
    """Digits of a phone with the Russian 8 → 7 prefix, for matching «8 (912) …» with «+7 912 …»."""
    digits = _DIGITS.sub("", phone or "")
    if len(digits) == 11 and digits.startswith("8"):
        digits = "7" + digits[1:]
    return digits


# -- reading and checking -----------------------------------------------------------------------


def preview_import(
    session: UserSession,
    path: str | Path,
    mapping: Mapping[str, str | None] | None = None,
    progress: Progress | None = None,
) -> ImportPreview:
    """Read and check the file against the database; writes nothing."""
    require_action(session, Action.IMPORT_CONTINGENT)
    sheet = read_sheet(path, progress)
    columns = auto_mapping(sheet.headers, mapping)
    rows = _parse_rows(sheet, columns)
    with connection(session) as conn:
        _check_rows(conn, rows, columns, sheet.headers)
    return ImportPreview(sheet, columns, rows)


def _cell(values: tuple[object, ...], columns: dict[str, int], name: str) -> object:
    index = columns.get(name)
    return values[index] if index is not None and index < len(values) else None


def _parse_date(value: object) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool) and 1 < value < 80_000:
        from openpyxl.utils.datetime import from_excel

        return from_excel(value).date()  # a date typed into a cell formatted as a number
    from ejournal_desktop.domain.calendar import parse_date

    return parse_date(clean(value))


def _parse_rows(sheet: Sheet, columns: dict[str, int]) -> list[ImportRow]:
    rows = []
    title = {f: sheet.headers[i] or FIELDS[f].title for f, i in columns.items()}
    for number, values in sheet.rows:
        problems: list[RowProblem] = []

        def text(
            name: str, limit: int, values: tuple[object, ...] = values, problems: list = problems, number: int = number
        ) -> str:
            value = clean(_cell(values, columns, name))
            if len(value) > limit:
                problems.append(RowProblem(number, title[name], f"длиннее {limit} символов"))
                return value[:limit]
            return value

        last, first, middle = text("last_name", 100), text("first_name", 100), text("middle_name", 100)
        group, book = text("group", 32), text("record_book_no", 32)
        phone, email = text("phone", 32), text("email", 255)
        parent, parent_phone = text("parent_name", 300), text("parent_phone", 32)
        if not last:
            problems.append(RowProblem(number, title["last_name"], "не заполнена фамилия"))
        if not first:
            problems.append(RowProblem(number, title["first_name"], "не заполнено имя"))
        birth: dt.date | None = None
        raw_birth = _cell(values, columns, "birth_date")
        if raw_birth in (None, ""):
            problems.append(RowProblem(number, title["birth_date"], "не заполнена дата рождения"))
        else:
            try:
                birth = _parse_date(raw_birth)
            except ValidationError as exc:
                problems.append(RowProblem(number, title["birth_date"], exc.message[:1].lower() + exc.message[1:]))
            except (ValueError, OverflowError):
                problems.append(
                    RowProblem(number, title["birth_date"], f"неверная дата «{clean(raw_birth)}», нужна дд.мм.гггг")
                )
            else:
                if not dt.date(1900, 1, 1) <= birth <= dt.date.today():
                    problems.append(RowProblem(number, title["birth_date"], f"невозможная дата {format_date(birth)}"))
                    birth = None
        if not group:
            problems.append(RowProblem(number, title["group"], "не указана группа"))
        for name, value, check in (("phone", phone, check_phone), ("parent_phone", parent_phone, check_phone)):
            try:
                check(value or None)
            except ValidationError:
                problems.append(RowProblem(number, title[name], f"«{value}» не похож на номер телефона"))
        try:
            check_email(email or None)
        except ValidationError:
            problems.append(RowProblem(number, title["email"], f"«{email}» не похож на адрес электронной почты"))
        if parent_phone and not parent:
            problems.append(RowProblem(number, title["parent_name"], "указан телефон родителя, но не его ФИО"))
        if parent and len(parent.split()) < 2:
            problems.append(RowProblem(number, title["parent_name"], f"«{parent}»: нужны хотя бы фамилия и имя"))
        rows.append(
            ImportRow(
                number,
                last,
                first,
                middle or None,
                birth,
                group,
                book or None,
                phone or None,
                email or None,
                parent or None,
                parent_phone or None,
                problems=problems,
            )
        )
    return rows


def _check_rows(conn: Connection, rows: list[ImportRow], columns: dict[str, int], headers: list[str]) -> None:
    """Duplicates inside the file and conflicts with the database: three queries whatever the size."""
    title = {f: headers[i] or FIELDS[f].title for f, i in columns.items()}
    book_title = title.get("record_book_no", FIELDS["record_book_no"].title)
    groups = {search_key(name): (gid, name, archived) for gid, name, archived in conn.execute(
        select(m.StudyGroup.id, m.StudyGroup.name, m.StudyGroup.is_archived)
    )}  # fmt: skip
    existing = conn.execute(
        select(
            m.Student.id,
            m.Student.record_book_no,
            m.Person.search_name,
            m.Person.birth_date,
            m.Student.group_id,
            m.StudyGroup.name,
            m.Person.middle_name,
            m.Person.phone,
            m.Person.email,
        )
        .join(m.Person, m.Person.id == m.Student.person_id)
        .join(m.StudyGroup, m.StudyGroup.id == m.Student.group_id)
    ).all()
    by_book = {r[1]: r for r in existing if r[1]}
    by_name = {(r[2], r[3]): r for r in existing}
    seen_books: dict[str, int] = {}
    seen_people: dict[tuple[str, dt.date | None], int] = {}
    for row in rows:
        group = groups.get(search_key(row.group_name)) if row.group_name else None
        if row.group_name and group is None:
            row.problems.append(RowProblem(row.row_number, title["group"], f"нет группы «{row.group_name}»"))
        elif group is not None and group[2]:
            row.problems.append(RowProblem(row.row_number, title["group"], f"группа «{group[1]}» в архиве"))
        elif group is not None:
            row.group_id = group[0]
        if row.record_book_no:
            first = seen_books.setdefault(row.record_book_no, row.row_number)
            if first != row.row_number:
                row.problems.append(
                    RowProblem(row.row_number, book_title, f"номер {row.record_book_no} уже есть в строке {first}")
                )
        key = (search_key(row.full_name), row.birth_date)
        if row.last_name and row.first_name and row.birth_date:
            first = seen_people.setdefault(key, row.row_number)
            if first != row.row_number:
                row.problems.append(
                    RowProblem(row.row_number, title["last_name"], f"{row.full_name} повторяется (строка {first})")
                )
        match = by_book.get(row.record_book_no) if row.record_book_no else None
        if match is not None and (match[2], match[3]) != key and row.birth_date is not None:
            row.problems.append(
                RowProblem(
                    row.row_number,
                    book_title,
                    f"номер {row.record_book_no} уже принадлежит другому обучающемуся (группа {match[5]})",
                )
            )
            continue
        if match is None and row.birth_date is not None:
            match = by_name.get(key)
            if match is not None and row.record_book_no and match[1] and match[1] != row.record_book_no:
                row.problems.append(
                    RowProblem(
                        row.row_number,
                        book_title,
                        f"{row.full_name} уже есть в базе с номером зачётной книжки {match[1]}",
                    )
                )
                continue
        if match is None:
            continue
        row.student_id = match[0]
        if row.group_id is not None and match[4] != row.group_id:
            row.problems.append(
                RowProblem(
                    row.row_number,
                    title["group"],
                    f"{row.full_name} уже в группе {match[5]}: перевод оформляется приказом",
                )
            )
            continue
        changes = (
            (row.middle_name and row.middle_name != match[6])
            or (row.phone and row.phone != match[7])
            or (row.email and row.email != match[8])
            or (row.record_book_no and not match[1])
        )
        row.action = "update" if changes else "same"


# -- writing ------------------------------------------------------------------------------------


def import_students(
    session: UserSession,
    path: str | Path,
    mapping: Mapping[str, str | None] | None = None,
    *,
    only_clean_rows: bool = False,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> ImportResult:
    """Check the file and write it in one transaction; any bad row → ImportRejected and nothing written."""
    require_action(session, Action.IMPORT_CONTINGENT)
    report = progress or (lambda _f, _s: None)
    stop = cancelled or (lambda: False)
    report(0.0, "Чтение файла")
    sheet = read_sheet(path, progress)
    columns = auto_mapping(sheet.headers, mapping)
    rows = _parse_rows(sheet, columns)
    report(0.3, "Проверка строк")
    with connection(session) as conn:
        _check_rows(conn, rows, columns, sheet.headers)
        problems = [p for row in rows for p in row.problems]
        if problems and not only_clean_rows:
            raise ImportRejected(problems)
        good = [row for row in rows if not row.problems]
        if stop():
            raise ImportCancelled("Импорт отменён пользователем: ничего не записано")
        report(0.5, "Запись обучающихся")
        created = _insert_students(conn, [r for r in good if r.action == "new"])
        updated = _update_students(conn, [r for r in good if r.action == "update"])
        if stop():
            raise ImportCancelled("Импорт отменён пользователем: ничего не записано")
        report(0.8, "Запись родителей")
        parents_created, links_created = _write_parents(conn, [r for r in good if r.parent_name])
        if stop():
            raise ImportCancelled("Импорт отменён пользователем: ничего не записано")
        report(1.0, "Готово")
    return ImportResult(
        created=created,
        updated=updated,
        unchanged=sum(1 for r in good if r.action == "same"),
        skipped=len(rows) - len(good),
        parents_created=parents_created,
        links_created=links_created,
    )


def _person_row(last: str, first: str, middle: str | None, birth: dt.date | None, phone: str | None, email: str | None):  # type: ignore[no-untyped-def]
    return {
        "last_name": last,
        "first_name": first,
        "middle_name": middle,
        "birth_date": birth,
        "phone": phone,
        "email": email,
        "search_name": search_key(full_name(last, first, middle)),
    }


def _insert_returning(conn: Connection, table, rows: list[dict]) -> list[int]:  # type: ignore[no-untyped-def]
    if not rows:
        return []
    statement = insert(table).returning(table.c.id, sort_by_parameter_order=True)
    return [r[0] for r in conn.execute(statement, rows)]


def _insert_students(conn: Connection, rows: list[ImportRow]) -> int:
    people = [_person_row(r.last_name, r.first_name, r.middle_name, r.birth_date, r.phone, r.email) for r in rows]
    person_ids = _insert_returning(conn, m.Person.__table__, people)
    students = [
        {"person_id": pid, "group_id": r.group_id, "record_book_no": r.record_book_no, "status": "studying"}
        for pid, r in zip(person_ids, rows, strict=True)
    ]
    for row, student_id in zip(rows, _insert_returning(conn, m.Student.__table__, students), strict=True):
        row.student_id = student_id
    return len(rows)


def _update_students(conn: Connection, rows: list[ImportRow]) -> int:
    """Fill in what the file adds (patronymic, contacts, a missing record book); never blank a field."""
    if not rows:
        return 0
    person_of = dict(
        conn.execute(
            select(m.Student.id, m.Student.person_id).where(m.Student.id.in_([r.student_id for r in rows]))
        ).all()
    )
    person = m.Person.__table__
    conn.execute(
        update(person)
        .where(person.c.id == bindparam("pid"))
        .values(
            middle_name=func.coalesce(bindparam("middle"), person.c.middle_name),
            phone=func.coalesce(bindparam("ph"), person.c.phone),
            email=func.coalesce(bindparam("em"), person.c.email),
            # the search key follows the name when the file adds a patronymic
            search_name=func.coalesce(bindparam("sk"), person.c.search_name),
        ),
        [
            {
                "pid": person_of[r.student_id],
                "middle": r.middle_name,
                "ph": r.phone,
                "em": r.email,
                "sk": search_key(r.full_name) if r.middle_name else None,
            }
            for r in rows
        ],
    )
    books = [{"sid": r.student_id, "book": r.record_book_no} for r in rows if r.record_book_no]
    if books:
        student = m.Student.__table__
        conn.execute(
            update(student)
            .where(student.c.id == bindparam("sid"), student.c.record_book_no.is_(None))
            .values(record_book_no=bindparam("book")),
            books,
        )
    return len(rows)


def _split_name(text: str) -> tuple[str, str, str | None]:
    parts = text.split()
    return parts[0], parts[1], " ".join(parts[2:]) or None


def _write_parents(conn: Connection, rows: list[ImportRow]) -> tuple[int, int]:
    """Parents matched by full name + phone (existing guardians first), then missing links."""
    if not rows:
        return 0, 0
    known: dict[tuple[str, str], int] = {}
    guardians = conn.execute(
        select(m.Person.id, m.Person.search_name, m.Person.phone)
        .join(m.GuardianLink, m.GuardianLink.guardian_id == m.Person.id)
        .distinct()
    )
    for pid, name_key, phone in guardians:
        known.setdefault((name_key, phone_key(phone)), pid)
    new_people: dict[tuple[str, str], dict] = {}
    for r in rows:
        key = (search_key(r.parent_name or ""), phone_key(r.parent_phone))
        if key not in known and key not in new_people:
            last, first, middle = _split_name(r.parent_name or "")
            new_people[key] = _person_row(last, first, middle, None, r.parent_phone, None)
    ids = _insert_returning(conn, m.Person.__table__, list(new_people.values()))
    known.update(zip(new_people, ids, strict=True))
    student_ids = [r.student_id for r in rows]
    existing = select(m.GuardianLink.student_id, m.GuardianLink.guardian_id).where(
        m.GuardianLink.student_id.in_(student_ids)
    )
    links = {(sid, gid) for sid, gid in conn.execute(existing)}
    wanted = []
    for r in rows:
        pair = (r.student_id, known[(search_key(r.parent_name or ""), phone_key(r.parent_phone))])
        if pair not in links:
            links.add(pair)
            wanted.append({"student_id": pair[0], "guardian_id": pair[1], "relation": "родитель"})
    if wanted:
        conn.execute(insert(m.GuardianLink), wanted)
    return len(ids), len(wanted)


def automation_session(engine) -> UserSession:  # type: ignore[no-untyped-def]
    """The command line's actor: the database URL's own rights decide (on a server, its role and RLS);
    the services act with the secretary's permissions. Nothing it writes names a person as author."""
    from ejournal_desktop.services.auth import CurrentUser, Profile

    user = CurrentUser(
        account_id=0,
        person_id=0,
        login="ejournal-cli",
        last_name="ejournal",
        first_name="cli",
        middle_name=None,
        roles=frozenset({"secretary"}),
    )
    return UserSession(profile=Profile(name="Командная строка"), engine=engine, user=user)
