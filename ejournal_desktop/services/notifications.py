"""E-mail to parents: a notice of a new «2» or unexcused absence of their child, and a weekly digest.

Subscriptions (`notification_subscription`, one row per parent, none = all off): a parent sets their
own in the diary, the admin anyone's (`get_subscription` / `set_subscription`). Switching an instant
notice on stamps the moment: nothing that happened before it is ever mailed.

`send_notifications` is what `ejournal notify send` runs (the admin, from the Task Scheduler or cron):

1. the events, set-based (a constant number of queries, whatever the college's size): marks «2» and
   unexcused absences whose `updated_at` is after the parent subscribed and within `LOOKBACK`, of
   the studying children of every subscribed parent, that `notification_log` has not seen yet (or
   saw fail); with `digest`, one weekly digest per subscribed parent and child;
2. **claim** every event in `notification_log` (status `sending`, the unique key kind × event ×
   parent) and commit, *before* any mail leaves: a second run, even a concurrent one, skips them;
3. one e-mail per parent (all their children's events together) or per parent and child (digest),
   over one SMTP connection (`mailer.send_mails`);
4. each claim becomes `sent`, or `failed` with the Russian reason — failed ones are tried again by the
   next run. A run killed between 2 and 4 leaves `sending` rows: those events are not mailed again
   (never twice beats once more) and the next runs report them as interrupted. If the server drops
   the connection in the middle, exactly the letters it accepted count as sent (`send_mails` reports
   each server answer as it comes), the one in flight and the rest as failed.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from sqlalchemy import Connection, String, and_, bindparam, cast, func, literal, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite

from ejournal_desktop.domain import attendance as absence_reasons
from ejournal_desktop.domain.calendar import format_date
from ejournal_desktop.domain.errors import NotFound, PermissionDenied, ValidationError
from ejournal_desktop.domain.names import full_name, russian_sort_key, short_name
from ejournal_desktop.domain.permissions import Action, can, require
from ejournal_desktop.services import mailer
from ejournal_desktop.services.auth import UserSession
from ejournal_desktop.services.contingent_common import is_email
from ejournal_desktop.services.unit_of_work import transaction
from ejournal_desktop.store import models as m

log = logging.getLogger(__name__)

KIND_BAD_MARK = "bad_mark"
KIND_ABSENCE = "absence"
KIND_DIGEST = "digest"
SENDING, SENT, FAILED = "sending", "sent", "failed"
BAD_MARK = "2"
# Events older than this are not mailed any more (a scheduler that was off for a fortnight does not
# flood the parents with stale news); it also bounds the scan of the journal.
LOOKBACK = dt.timedelta(days=7)
STUCK_AFTER = dt.timedelta(hours=1)

FOOTER = (
    "Письмо отправлено электронным журналом техникума автоматически, потому что вы подписаны на "
    "уведомления. Изменить подписку можно в разделе «Дневник» программы ЭЖ или у администратора ЭЖ."
)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


# -- subscriptions -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Subscription:
    person_id: int
    person_name: str
    email: str  # "" when none is known
    bad_marks: bool = False
    absences: bool = False
    weekly_digest: bool = False
    updated_at: dt.datetime | None = None

    @property
    def has_address(self) -> bool:
        return is_email(self.email)

    @property
    def any(self) -> bool:
        return self.bad_marks or self.absences or self.weekly_digest


def _check_may(session: UserSession, person_id: int) -> None:
    """A parent for themselves, the admin for anyone."""
    roles = session.user.roles
    if person_id == session.user.person_id and "parent" in roles:
        return
    if can(roles, Action.SETTINGS_MANAGE):
        return
    raise PermissionDenied("Недостаточно прав: подписку на уведомления меняет сам родитель или администратор ЭЖ")


def _read_subscription(conn: Connection, person_id: int) -> Subscription:
    sub = m.NotificationSubscription
    row = conn.execute(
        select(
            m.Person.id,
            m.Person.last_name,
            m.Person.first_name,
            m.Person.middle_name,
            m.Person.email,
            sub.bad_marks_since,
            sub.absences_since,
            sub.weekly_digest,
            sub.updated_at,
        )
        .select_from(m.Person)
        .outerjoin(sub, sub.person_id == m.Person.id)
        .where(m.Person.id == person_id)
    ).first()
    if row is None:
        raise NotFound("Человек не найден: возможно, его удалили")
    pid, last, first, middle, email, marks_since, absences_since, digest, updated_at = row
    return Subscription(
        person_id=pid,
        person_name=full_name(last, first, middle),
        email=(email or "").strip(),
        bad_marks=marks_since is not None,
        absences=absences_since is not None,
        weekly_digest=bool(digest),
        updated_at=updated_at,
    )


def get_subscription(session: UserSession, person_id: int | None = None) -> Subscription:
    """The parent's subscription (the acting user's when `person_id` is None); all off when never set."""
    pid = session.user.person_id if person_id is None else person_id
    _check_may(session, pid)
    with transaction(session) as conn:
        return _read_subscription(conn, pid)


def set_subscription(
    session: UserSession,
    person_id: int | None = None,
    *,
    bad_marks: bool,
    absences: bool,
    weekly_digest: bool,
    now: dt.datetime | None = None,
) -> Subscription:
    """Turn the parent's notices on or off in one transaction; returns what is stored now."""
    pid = session.user.person_id if person_id is None else person_id
    _check_may(session, pid)
    moment = now or _now()
    sub = m.NotificationSubscription
    with transaction(session) as conn:
        before = _read_subscription(conn, pid)
        is_parent = conn.execute(select(m.GuardianLink.id).where(m.GuardianLink.guardian_id == pid).limit(1)).first()
        if is_parent is None:
            raise ValidationError(
                f"{before.person_name} не указан(а) родителем ни одного обучающегося: уведомлять не о ком",
                field="person",
            )
        if (bad_marks or absences or weekly_digest) and not before.has_address:
            raise ValidationError(
                f"У {before.person_name} не записан адрес электронной почты: его вносит классный руководитель "
                "или секретарь учебной части, после этого подписку можно включить",
                field="email",
            )
        stamps = conn.execute(select(sub.bad_marks_since, sub.absences_since).where(sub.person_id == pid)).first()
        old_marks, old_absences = stamps if stamps is not None else (None, None)
        values = {
            "bad_marks_since": (old_marks or moment) if bad_marks else None,
            "absences_since": (old_absences or moment) if absences else None,
            "weekly_digest": bool(weekly_digest),
            "updated_by": session.user.person_id or None,
            "updated_at": moment,
        }
        if stamps is None:
            conn.execute(sub.__table__.insert().values(person_id=pid, **values))
        else:
            conn.execute(update(sub).where(sub.person_id == pid).values(**values))
        after = _read_subscription(conn, pid)
    log.info(
        "notification subscription of person %s set by %s: marks=%s absences=%s digest=%s",
        pid,
        session.user.login,
        bad_marks,
        absences,
        weekly_digest,
    )
    return after


# -- events --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Claim:
    """One event for one parent: the unit `notification_log` keeps (kind × event_key × recipient)."""

    kind: str
    key: str
    parent_id: int
    address: str
    retry_id: int | None  # the log row of an earlier failed attempt


@dataclass(frozen=True)
class _Parent:
    person_id: int
    name: str
    address: str


@dataclass(frozen=True)
class _Child:
    student_id: int
    name: str
    short: str
    group: str


MarkRow = tuple[dt.date, str, str]  # held on, discipline, value
AbsenceRow = tuple[dt.date, str, int, str]  # held on, discipline, hours, reason


@dataclass(frozen=True)
class _Event:
    claim: Claim
    parent: _Parent
    child: _Child
    held_on: dt.date
    pair_no: int
    discipline: str
    text: str  # «оценка «2»», «пропуск 2 ч. без уважительной причины»


@dataclass(frozen=True)
class _Digest:
    claim: Claim
    parent: _Parent
    child: _Child


@dataclass(frozen=True)
class Letter:
    parent_id: int
    parent_name: str
    address: str
    subject: str
    body: str
    claims: tuple[Claim, ...]


@dataclass
class NotifyReport:
    dry_run: bool = False
    planned: list[Letter] = field(default_factory=list)  # the dry run's: what would go out
    sent: list[Letter] = field(default_factory=list)
    failed: list[tuple[Letter, str]] = field(default_factory=list)
    without_address: list[str] = field(default_factory=list)  # subscribed parents with news but no e-mail
    interrupted: int = 0  # events claimed by a run that died before it could say how the mail went
    error: str | None = None  # the SMTP failure of the whole run, in Russian

    @property
    def events_sent(self) -> int:
        return sum(len(letter.claims) for letter in self.sent)

    @property
    def ok(self) -> bool:
        return self.error is None and not self.failed

    def lines(self) -> list[str]:
        if self.dry_run:
            out = [f"Проверка без отправки: писем к отправке {len(self.planned)}."]
            out += [f"  {letter.address}: {letter.subject} (событий: {len(letter.claims)})" for letter in self.planned]
        else:
            out = [
                f"Отправлено писем: {len(self.sent)} (событий: {self.events_sent}), "
                f"пропущено (нет адреса e-mail): {len(self.without_address)}."
            ]
            if self.failed:
                out.append(f"Не отправлено писем: {len(self.failed)} — будут отправлены при следующем запуске.")
                out += [f"  {letter.address}: {reason}" for letter, reason in self.failed]
        if self.without_address:
            out.append("  Нет адреса e-mail у подписанных родителей: " + ", ".join(self.without_address))
        if self.interrupted:
            out.append(
                f"Прерванных прежде отправок: {self.interrupted} — они не повторяются, чтобы не отправить дважды "
                "(notification_log, статус sending; чтобы отправить их ещё раз, смените статус на failed)."
            )
        return out


def _parent_child_columns():  # type: ignore[no-untyped-def]
    guardian = m.Person.__table__.alias("guardian")
    pupil = m.Person.__table__.alias("pupil")
    sub = m.NotificationSubscription
    columns = (
        sub.person_id,
        guardian.c.last_name,
        guardian.c.first_name,
        guardian.c.middle_name,
        guardian.c.email,
        m.Student.id,
        pupil.c.last_name,
        pupil.c.first_name,
        pupil.c.middle_name,
        m.StudyGroup.name,
    )

    def joined(query):  # type: ignore[no-untyped-def]
        return (
            query.select_from(sub)
            .join(guardian, guardian.c.id == sub.person_id)
            .join(m.GuardianLink, m.GuardianLink.guardian_id == sub.person_id)
            .join(m.Student, and_(m.Student.id == m.GuardianLink.student_id, m.Student.status == "studying"))
            .join(pupil, pupil.c.id == m.Student.person_id)
            .join(m.StudyGroup, m.StudyGroup.id == m.Student.group_id)
        )

    return columns, joined


def _people(row: tuple) -> tuple[_Parent, _Child]:  # type: ignore[type-arg]
    pid, g_last, g_first, g_middle, email, sid, s_last, s_first, s_middle, group = row[:10]
    return (
        _Parent(pid, full_name(g_last, g_first, g_middle), (email or "").strip()),
        _Child(sid, full_name(s_last, s_first, s_middle), short_name(s_last, s_first, s_middle), group),
    )


def _log_join(kind: str, key, recipient):  # type: ignore[no-untyped-def]
    log_ = m.NotificationLog
    return and_(log_.kind == kind, log_.event_key == key, log_.recipient_id == recipient)


def _not_done():  # type: ignore[no-untyped-def]
    return or_(m.NotificationLog.id.is_(None), m.NotificationLog.status == FAILED)


def _instant_events(conn: Connection, now: dt.datetime) -> list[_Event]:
    """New «2» marks and unexcused absences of subscribed parents' children not yet mailed (two queries)."""
    sub = m.NotificationSubscription
    floor = now - LOOKBACK
    columns, joined = _parent_child_columns()
    events: list[_Event] = []
    for kind, table, since, condition in (
        (KIND_BAD_MARK, m.Mark, sub.bad_marks_since, m.Mark.value == BAD_MARK),
        (
            KIND_ABSENCE,
            m.Attendance,
            sub.absences_since,
            and_(m.Attendance.reason == absence_reasons.UNEXCUSED, m.Attendance.absent_hours > 0),
        ),
    ):
        key = cast(table.id, String)
        extra = m.Mark.value if table is m.Mark else m.Attendance.absent_hours
        query = (
            joined(
                select(
                    *columns,
                    key,
                    m.Lesson.held_on,
                    m.Lesson.pair_no,
                    m.Discipline.name,
                    extra,
                    m.NotificationLog.id,
                )
            )
            .join(
                table,
                and_(
                    table.student_id == m.Student.id,
                    table.updated_at >= since,
                    table.updated_at >= floor,
                    condition,
                ),
            )
            .join(m.Lesson, m.Lesson.id == table.lesson_id)
            .join(m.TeachingAssignment, m.TeachingAssignment.id == m.Lesson.assignment_id)
            .join(m.Discipline, m.Discipline.id == m.TeachingAssignment.discipline_id)
            .outerjoin(m.NotificationLog, _log_join(kind, key, sub.person_id))
            .where(since.is_not(None), _not_done())
        )
        for row in conn.execute(query).all():
            parent, child = _people(row)
            event_key, held_on, pair_no, discipline, value, log_id = row[10:]
            what = f"оценка «{value}»" if kind == KIND_BAD_MARK else f"пропуск {value} ч. без уважительной причины"
            claim = Claim(kind, str(event_key), parent.person_id, parent.address, log_id)
            events.append(_Event(claim, parent, child, held_on, pair_no, discipline, what))
    return events


def digest_week(today: dt.date) -> tuple[dt.date, dt.date]:
    """The week a digest sent today covers: this one on Saturday and Sunday, else the week before."""
    monday = today - dt.timedelta(days=today.weekday())
    if today.weekday() < 5:
        monday -= dt.timedelta(days=7)
    return monday, monday + dt.timedelta(days=6)


def _digests(
    conn: Connection, week: tuple[dt.date, dt.date]
) -> tuple[list[_Digest], dict[int, list[MarkRow]], dict[int, list[AbsenceRow]]]:
    """The (parent, child) pairs owed this week's digest, with the children's marks and absences (three queries)."""
    sub = m.NotificationSubscription
    monday, sunday = week
    columns, joined = _parent_child_columns()
    key = literal(f"{monday.isoformat()}:", String) + cast(m.Student.id, String)
    rows = conn.execute(
        joined(select(*columns, m.NotificationLog.id))
        .outerjoin(m.NotificationLog, _log_join(KIND_DIGEST, key, sub.person_id))
        .where(sub.weekly_digest.is_(True), _not_done())
    ).all()
    digests: list[_Digest] = []
    for row in rows:
        parent, child = _people(row)
        claim = Claim(
            KIND_DIGEST, f"{monday.isoformat()}:{child.student_id}", parent.person_id, parent.address, row[10]
        )
        digests.append(_Digest(claim, parent, child))
    subscribed_children = (
        select(m.GuardianLink.student_id)
        .join(sub, sub.person_id == m.GuardianLink.guardian_id)
        .where(sub.weekly_digest.is_(True))
    )

    def of_week(table, *cols):  # type: ignore[no-untyped-def]
        return (
            select(table.student_id, m.Lesson.held_on, m.Discipline.name, *cols)
            .join(m.Lesson, m.Lesson.id == table.lesson_id)
            .join(m.TeachingAssignment, m.TeachingAssignment.id == m.Lesson.assignment_id)
            .join(m.Discipline, m.Discipline.id == m.TeachingAssignment.discipline_id)
            .where(m.Lesson.held_on.between(monday, sunday), table.student_id.in_(subscribed_children))
            .order_by(table.student_id, m.Discipline.name, m.Lesson.held_on, m.Lesson.pair_no)
        )

    marks: dict[int, list[MarkRow]] = {}
    absences: dict[int, list[AbsenceRow]] = {}
    if digests:
        for sid, held_on, discipline, value in conn.execute(of_week(m.Mark, m.Mark.value)).all():
            marks.setdefault(sid, []).append((held_on, discipline, value))
        query = of_week(m.Attendance, m.Attendance.absent_hours, m.Attendance.reason).where(
            m.Attendance.absent_hours > 0
        )
        for sid, held_on, discipline, hours, reason in conn.execute(query).all():
            absences.setdefault(sid, []).append((held_on, discipline, hours, reason))
    return digests, marks, absences


# -- the letters ---------------------------------------------------------------------------------


def _greeting(parent: _Parent) -> str:
    return f"Здравствуйте, {parent.name}!" if parent.name else "Здравствуйте!"


def _instant_letter(parent: _Parent, events: list[_Event]) -> Letter:
    by_child: dict[_Child, list[_Event]] = {}
    for event in sorted(events, key=lambda e: (russian_sort_key(e.child.name), e.held_on, e.pair_no, e.discipline)):
        by_child.setdefault(event.child, []).append(event)
    kinds = {event.claim.kind for event in events}
    news = (
        "новая оценка «2» и пропуск без уважительной причины"
        if kinds == {KIND_BAD_MARK, KIND_ABSENCE}
        else ("новая оценка «2»" if kinds == {KIND_BAD_MARK} else "пропуск без уважительной причины")
    )
    who = next(iter(by_child)).short if len(by_child) == 1 else "ваши дети"
    lines = [_greeting(parent), "", "В электронном журнале техникума новые записи:"]
    for child, items in by_child.items():
        lines += ["", f"{child.name} (группа {child.group}):"]
        lines += [f"  • {format_date(e.held_on)}, {e.discipline} — {e.text}" for e in items]
    lines += ["", FOOTER]
    return Letter(
        parent.person_id,
        parent.name,
        parent.address,
        f"ЭЖ: {who} — {news}",
        "\n".join(lines) + "\n",
        tuple(e.claim for e in events),
    )


def _digest_letter(
    digest: _Digest, week: tuple[dt.date, dt.date], marks: list[MarkRow], absences: list[AbsenceRow]
) -> Letter:
    monday, sunday = week
    child = digest.child
    lines = [
        _greeting(digest.parent),
        "",
        f"Итоги недели {format_date(monday)} – {format_date(sunday)}: {child.name}, группа {child.group}.",
        "",
    ]
    if marks:
        lines.append("Оценки за неделю:")
        per_discipline: dict[str, list[str]] = {}
        for held_on, discipline, value in marks:
            per_discipline.setdefault(discipline, []).append(f"{value} ({held_on.strftime('%d.%m')})")
        lines += [f"  {discipline}: {', '.join(items)}" for discipline, items in per_discipline.items()]
        numeric = [int(value) for _d_, _disc, value in marks if value.isdigit()]
        if numeric:
            lines.append(f"  Средний балл за неделю: {sum(numeric) / len(numeric):.2f}".replace(".", ","))
    else:
        lines.append("Оценок за неделю нет.")
    lines.append("")
    if absences:
        total = sum(hours for _h, _disc, hours, _r in absences)
        excused = sum(hours for _h, _disc, hours, reason in absences if absence_reasons.is_excused(reason))
        lines.append(f"Пропуски за неделю: {total} ч., из них по уважительной причине {excused} ч.")
        for held_on, discipline, hours, reason in sorted(absences, key=lambda a: (a[0], a[1])):
            label = absence_reasons.REASON_LABELS.get(reason, reason)
            lines.append(f"  {format_date(held_on)}, {discipline} — {hours} ч. (причина: {label})")
    else:
        lines.append("Пропусков за неделю нет.")
    lines += ["", FOOTER]
    return Letter(
        digest.parent.person_id,
        digest.parent.name,
        digest.parent.address,
        f"ЭЖ: итоги недели {format_date(monday)} – {format_date(sunday)}, {child.name}",
        "\n".join(lines) + "\n",
        (digest.claim,),
    )


# -- the log -------------------------------------------------------------------------------------


def _insert(conn: Connection):  # type: ignore[no-untyped-def]
    return (postgresql if conn.dialect.name == "postgresql" else sqlite).insert(m.NotificationLog)


def _claim(conn: Connection, claims: Iterable[Claim], now: dt.datetime) -> dict[tuple[str, str, int], int]:
    """Write a `sending` row for each claim this run wins; (kind, key, parent) → log id."""
    log_ = m.NotificationLog
    claims = list(claims)
    won: dict[tuple[str, str, int], int] = {}
    fresh = [c for c in claims if c.retry_id is None]
    if fresh:
        statement = (
            _insert(conn)
            .on_conflict_do_nothing(index_elements=["kind", "event_key", "recipient_id"])
            .returning(log_.kind, log_.event_key, log_.recipient_id, log_.id)
        )
        rows = [
            {
                "kind": c.kind,
                "event_key": c.key,
                "recipient_id": c.parent_id,
                "address": c.address,
                "status": SENDING,
                "detail": None,
                "sent_at": now,
            }
            for c in fresh
        ]
        for kind, key, recipient, log_id in conn.execute(statement, rows).all():
            won[(kind, key, recipient)] = log_id
    retry = [c.retry_id for c in claims if c.retry_id is not None]
    if retry:
        statement = (
            update(log_)
            .where(log_.id.in_(retry), log_.status == FAILED)
            .values(status=SENDING, sent_at=now, detail=None)
            .returning(log_.kind, log_.event_key, log_.recipient_id, log_.id)
        )
        for kind, key, recipient, log_id in conn.execute(statement).all():
            won[(kind, key, recipient)] = log_id
    return won


def _settle(conn: Connection, outcomes: list[tuple[int, str, str | None, str]], now: dt.datetime) -> None:
    """Each claimed row becomes `sent` or `failed` (with the reason); one statement."""
    if not outcomes:
        return
    log_ = m.NotificationLog
    statement = (
        update(log_)
        .where(log_.id == bindparam("b_id"))
        .values(status=bindparam("b_status"), detail=bindparam("b_detail"), address=bindparam("b_address"), sent_at=now)
    )
    conn.execute(
        statement,
        [{"b_id": i, "b_status": s, "b_detail": d, "b_address": a[:255]} for i, s, d, a in outcomes],
    )


# -- sending -------------------------------------------------------------------------------------


def _compose(
    events: list[_Event],
    digests: list[_Digest],
    marks: dict[int, list[MarkRow]],
    absences: dict[int, list[AbsenceRow]],
    week: tuple[dt.date, dt.date] | None,
) -> list[Letter]:
    per_parent: dict[_Parent, list[_Event]] = {}
    for event in events:
        per_parent.setdefault(event.parent, []).append(event)
    letters = [_instant_letter(parent, items) for parent, items in per_parent.items()]
    if week is not None:
        for digest in digests:
            sid = digest.child.student_id
            letters.append(_digest_letter(digest, week, marks.get(sid, []), absences.get(sid, [])))
    letters.sort(key=lambda letter: (russian_sort_key(letter.parent_name), letter.subject))
    return letters


def send_notifications(
    session: UserSession,
    *,
    digest: bool = False,
    dry_run: bool = False,
    password: str | None = None,
    settings: mailer.SmtpSettings | None = None,
    now: dt.datetime | None = None,
    today: dt.date | None = None,
    progress: Callable[[str, float], None] | None = None,
) -> NotifyReport:
    """Mail what is new to the subscribed parents (see the module docstring). The admin's job."""
    require(session.user.roles, Action.SETTINGS_MANAGE)
    moment = now or _now()
    week = digest_week(today or dt.date.today()) if digest else None
    report = NotifyReport(dry_run=dry_run)
    settings = settings or mailer.smtp_settings(session)
    if not dry_run:
        if not settings.configured:
            raise mailer.MailError("Отправка почты не настроена: администратор указывает SMTP-сервер в настройках")
        password = password or mailer.recall_smtp_password(settings)
        if settings.user and not password:
            raise mailer.MailError(
                "Пароль почтового сервера не сохранён на этом компьютере: сохраните его в настройках почты "
                "(«Запомнить пароль») под той учётной записью, от имени которой запускается задание, "
                "или передайте его через --smtp-password-stdin"
            )

    with transaction(session) as conn:
        events = _instant_events(conn, moment)
        digests, marks, absences = _digests(conn, week) if week is not None else ([], {}, {})
        report.interrupted = int(
            conn.execute(
                select(func.count())
                .select_from(m.NotificationLog)
                .where(m.NotificationLog.status == SENDING, m.NotificationLog.sent_at < moment - STUCK_AFTER)
            ).scalar_one()
        )
    no_address = {e.parent.name for e in events if not is_email(e.parent.address)}
    no_address |= {d.parent.name for d in digests if not is_email(d.parent.address)}
    report.without_address = sorted(no_address, key=russian_sort_key)
    events = [e for e in events if is_email(e.parent.address)]
    digests = [d for d in digests if is_email(d.parent.address)]

    if dry_run:
        report.planned = _compose(events, digests, marks, absences, week)
        return report
    if not events and not digests:
        return report

    # Claimed and committed before anything is mailed: a crash or a second run cannot mail them again.
    with transaction(session) as conn:
        won = _claim(conn, [e.claim for e in events] + [d.claim for d in digests], moment)

    def mine(claim: Claim) -> bool:
        return (claim.kind, claim.key, claim.parent_id) in won

    letters = _compose(
        [e for e in events if mine(e.claim)], [d for d in digests if mine(d.claim)], marks, absences, week
    )
    if not letters:
        return report
    mails = [mailer.OutgoingMail(to=x.address, to_name=x.parent_name, subject=x.subject, body=x.body) for x in letters]
    answered: dict[int, str | None] = {}  # letter index → None (accepted by the server) or the reason

    def settled(index: int, _mail: mailer.OutgoingMail, error: str | None) -> None:
        answered[index] = error

    try:
        mailer.send_mails(settings, password, mails, progress=progress, on_result=settled)
    except mailer.MailError as exc:
        # Only the letters the server answered for are settled; the one in flight and the rest failed.
        report.error = str(exc)
    results = [answered.get(i, report.error) for i in range(len(letters))]
    outcomes: list[tuple[int, str, str | None, str]] = []
    for letter, error in zip(letters, results, strict=True):
        if error is None:
            report.sent.append(letter)
        else:
            report.failed.append((letter, error))
        for claim in letter.claims:
            log_id = won[(claim.kind, claim.key, claim.parent_id)]
            outcomes.append((log_id, FAILED if error else SENT, error, letter.address))
        if error is None:
            log.info("notification to parent %s (%s events) sent", letter.parent_id, len(letter.claims))
        else:
            log.warning("notification to parent %s not sent: %s", letter.parent_id, error)
    with transaction(session) as conn:
        _settle(conn, outcomes, _now() if now is None else moment)
    return report
