"""The demo college's board, conversations and portfolios (called by `demo_college` at the end of a fill).

Deterministic: a random generator seeded from the college's own, the college's `today`, explicit
ids, lists in a fixed order — the same seed gives the same rows on SQLite and PostgreSQL. Rows go
through the college's bulk insert (COPY on PostgreSQL), so the large college stays fast.

What it writes: notices to everyone, to roles, to groups and to the parents of groups (one expired,
one scheduled); the staff room; a conversation of each curator with the parents of their group and a
few one-to-one ones (the demo parent with the curator — two messages unread — and with a teacher,
the demo student with a teacher, one with an attachment); portfolio items (the demo student has
several, some confirmed by the curator); the demo parent's last visit of each child's diary three
days ago, so that «что нового» has something to show; three parents subscribed to the e-mail notices.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from sqlalchemy import Connection

from ejournal_desktop.domain.names import search_key, short_name
from ejournal_desktop.store import models as m

STAFF_TALK = (
    "Коллеги, напоминаю: журналы за ноябрь заполнить до пятницы.",
    "Педсовет переносится на среду, 14:30, актовый зал.",
    "Кто может подменить пару у 2-го курса в четверг? Я на курсах повышения квалификации.",
    "Графики консультаций перед сессией сдаём в учебную часть до 10 декабря.",
    "В 204 кабинете не работает проектор, заявку подал.",
    "Спасибо всем за помощь в проведении дня открытых дверей!",
    "Методическое объединение сегодня после третьей пары.",
    "Напоминаю про сдачу КТП на второй семестр.",
    "Прошу классных руководителей проверить контакты родителей в ЭЖ.",
    "Практика у 3-го курса начинается с понедельника, расписание обновлено.",
)
CURATOR_TO_PARENTS = (
    "Уважаемые родители! Родительское собрание группы состоится в пятницу в 17:00, кабинет 105.",
    "Напоминаю: справки о болезни приносить в первый день после выхода на занятия.",
    "Итоги месяца: у группы хорошая посещаемость, но есть задолженности по ОП.02. Проверьте дневники.",
    "В субботу экскурсия в агрохолдинг «Заря», сбор в 8:30 у главного входа.",
    "Просьба оплатить питание на декабрь до 5 числа.",
)
PARENT_REPLIES = (
    "Спасибо, будем.",
    "Добрый вечер! Сын болеет, справку принесём в понедельник.",
    "Подскажите, пожалуйста, когда можно пересдать контрольную?",
    "Спасибо за информацию.",
    "Можно ли прийти на собрание на полчаса позже?",
)
DIRECT_PARENT = (
    ("curator", "Здравствуйте! {child} пропустил(а) две пары в среду. Всё ли в порядке?"),
    ("parent", "Здравствуйте! Был(а) у врача, справку передадим завтра."),
    ("curator", "Хорошо, спасибо. Прикладываю памятку о порядке оформления пропусков."),
    ("curator", "И ещё: в пятницу родительское собрание в 17:00, кабинет 105."),
    ("curator", "Пожалуйста, проверьте в дневнике оценки по математике — есть две «2»."),
)
STUDENT_TEACHER = (
    ("student", "Здравствуйте! Можно сдать лабораторную работу № 3 на консультации?"),
    ("teacher", "Да, в четверг после 4-й пары, кабинет 210."),
    ("student", "Спасибо!"),
)
PORTFOLIO_TITLES = (
    ("olympiad", "Олимпиада по математике среди студентов СПО"),
    ("olympiad", "Олимпиада по информатике"),
    ("olympiad", "Олимпиада профессионального мастерства"),
    ("competition", "Чемпионат «Профессионалы»"),
    ("competition", "Конкурс «Лучший по профессии»"),
    ("competition", "Спартакиада по лёгкой атлетике"),
    ("competition", "Конкурс исследовательских работ «Агростарт»"),
    ("certificate", "Удостоверение тракториста-машиниста категории «B, C, E, F»"),
    ("certificate", "Сертификат курса «Основы финансовой грамотности»"),
    ("certificate", "Удостоверение «Оказание первой помощи»"),
    ("practice_report", "Отчёт по учебной практике УП.01"),
    ("practice_report", "Отчёт по производственной практике ПП.01"),
)
RESULTS = ("победитель", "призёр, 2 место", "призёр, 3 место", "участник", "лауреат", "сертификат участника")
LEVELS = (("college", 0.45), ("district", 0.25), ("region", 0.22), ("country", 0.08))
DEMO_SUBSCRIBERS = 3  # parents subscribed to the e-mail notices
MEMO = (
    "Памятка: пропуск по болезни подтверждается справкой медицинского учреждения; по семейным "
    "обстоятельствам — заявлением родителей на имя директора. Документы сдаются куратору группы."
).encode()


def _full(p: Any) -> str:
    return " ".join(x for x in (p.last, p.first, p.middle) if x)


def write_communication(college: Any, conn: Connection) -> None:
    """Add the board, the conversations and the portfolios to the college being written."""
    rng = random.Random(college.rng.getrandbits(64))
    today: dt.date = college.today
    special = college.special
    staff = [p for p in college.persons if p.role in ("admin", "deputy", "secretary", "teacher")]
    studying = [s for s in college.students if s.status == "studying"]
    groups = [g for g in college.groups if g.curator_id is not None]
    by_id = {p.id: p for p in college.persons}

    def at(days_ago: int, hour: int, minute: int = 0) -> dt.datetime:
        return dt.datetime.combine(today - dt.timedelta(days=days_ago), dt.time(hour, minute))

    # --- the board -----------------------------------------------------------------------------
    notices: list[tuple[Any, ...]] = []

    def notice(author: Any, audience: str, title: str, body: str, start: int, end: int | None, **extra: Any) -> None:
        publish = today - dt.timedelta(days=start)
        notices.append(
            (
                len(notices) + 1,
                author.id,
                short_name(author.last, author.first, author.middle),
                audience,
                extra.get("role"),
                extra.get("group"),
                title,
                body,
                publish,
                None if end is None else today + dt.timedelta(days=end),
                extra.get("pinned", False),
                dt.datetime.combine(publish, dt.time(8, 15)),
            )
        )

    deputy, admin, secretary = special["deputy"], special["admin"], special["secretary"]
    notice(
        deputy,
        "everyone",
        "Общее родительское собрание",
        "Приглашаем родителей обучающихся 1–2 курсов на общее собрание в актовом зале "
        "в следующую пятницу в 17:00. Повестка: итоги первого семестра, летняя практика.",
        5,
        10,
        pinned=True,
    )
    notice(
        admin,
        "everyone",
        "Плановые работы на сервере ЭЖ",
        "В субботу с 20:00 до 22:00 электронный журнал будет недоступен: обновление программы.",
        2,
        3,
    )
    notice(
        deputy,
        "role",
        "Заполнение журналов",
        "Уважаемые преподаватели! Журналы за текущий месяц должны быть заполнены до последнего "
        "рабочего дня месяца: темы занятий, оценки, пропуски.",
        7,
        3,
        role="teacher",
    )
    notice(
        secretary,
        "role",
        "Справки об обучении",
        "Справки об обучении (для военкомата, соцзащиты, по месту работы родителей) выдаются в учебной "
        "части по вторникам и четвергам с 9:00 до 16:00. Заявку можно оставить у куратора.",
        10,
        None,
        role="student",
    )
    notice(
        deputy,
        "role",
        "Доступ родителей к электронному журналу",
        "Логин и временный пароль выдаёт куратор группы. При первом входе пароль нужно сменить.",
        20,
        None,
        role="parent",
    )
    notice(deputy, "everyone", "Субботник", "Общий субботник на территории техникума.", 45, -30)
    notice(deputy, "everyone", "Новогодний концерт", "Концерт студенческой самодеятельности.", -10, 25)
    for group in groups:
        curator = by_id[group.curator_id]
        notice(
            curator,
            "group",
            "Классный час",
            f"Группа {group.name}: классный час в понедельник после 3-й пары. Тема: подготовка к сессии.",
            rng.randint(1, 12),
            rng.randint(3, 20),
            group=group.id,
        )
        notice(
            curator,
            "group_parents",
            f"Родительское собрание группы {group.name}",
            f"Уважаемые родители обучающихся группы {group.name}! Собрание в четверг в 18:00, кабинет "
            f"{rng.randint(101, 130)}. Явка обязательна.",
            rng.randint(1, 10),
            rng.randint(5, 15),
            group=group.id,
        )
    columns = (
        "id",
        "author_id",
        "author_name",
        "audience",
        "target_role",
        "target_group_id",
        "title",
        "body",
        "publish_on",
        "expires_on",
        "pinned",
        "created_at",
    )
    college._insert(conn, m.Announcement, columns, notices)
    parent = special["parent"]
    student = special["student"]
    college._insert(
        conn,
        m.AnnouncementRead,
        ("announcement_id", "person_id", "read_at"),
        [(5, parent.id, at(15, 20)), (4, student.id, at(9, 13))],
    )

    # --- conversations -------------------------------------------------------------------------
    conversations: list[tuple[Any, ...]] = []
    members: list[tuple[Any, ...]] = []
    messages: list[tuple[Any, ...]] = []
    attachments: list[tuple[Any, ...]] = []

    def conversation(
        kind: str,
        title: str | None,
        creator: Any,
        people: list[Any],
        talk: list[tuple[Any, str]],
        start: int,
        unread_for: dict[int, int] | None = None,
    ) -> None:
        cid = len(conversations) + 1
        created = at(start, 9, 0)
        conversations.append((cid, kind, title, creator.id, created))
        stamps: list[dt.datetime] = []
        moment = created
        for sender, body in talk:
            moment = moment + dt.timedelta(hours=rng.randint(1, 20), minutes=rng.randint(0, 59))
            if not 8 <= moment.hour < 21:  # people write in the daytime
                day = moment.date() + dt.timedelta(days=1 if moment.hour >= 21 else 0)
                moment = dt.datetime.combine(day, dt.time(8 + rng.randint(0, 3), rng.randint(0, 59)))
            moment = min(moment, at(1, 20, 30) - dt.timedelta(minutes=len(talk) - len(stamps)))
            stamps.append(moment)
            messages.append((len(messages) + 1, cid, sender.id, body, search_key(body), moment))
        unread_for = unread_for or {}
        seen: set[int] = set()
        for person in people:
            if person.id in seen:
                continue
            seen.add(person.id)
            unread = unread_for.get(person.id, 0)
            read = stamps[-1 - unread] if stamps and unread < len(stamps) else None
            if not stamps:
                read = None
            members.append((cid, person.id, read, created))

    # The staff room.
    talk = [(rng.choice(staff), text) for text in STAFF_TALK]
    conversation("group", "Учительская", deputy, [deputy, *staff], talk, 12)
    # Each curator with the parents of the group.
    guardians_of: dict[int, list[Any]] = {}
    for s in studying:
        for person, _relation in s.family.guardians:
            guardians_of.setdefault(s.group.id, [])
            if person not in guardians_of[s.group.id]:
                guardians_of[s.group.id].append(person)
    for group in groups:
        curator = by_id[group.curator_id]
        parents = guardians_of.get(group.id, [])
        if not parents:
            continue
        talk = []
        for text in rng.sample(CURATOR_TO_PARENTS, 3):
            talk.append((curator, text))
            if rng.random() < 0.6:
                talk.append((rng.choice(parents), rng.choice(PARENT_REPLIES)))
        unread = {p.id: 1 for p in parents if rng.random() < 0.5}
        conversation("group", f"Родители группы {group.name}", curator, [curator, *parents], talk, 20, unread)
        # A couple of one-to-one conversations of the curator with parents.
        for other in rng.sample(parents, min(2, len(parents))):
            if other is parent:
                continue
            reply = rng.choice(PARENT_REPLIES)
            conversation(
                "direct",
                None,
                curator,
                [curator, other],
                [(curator, rng.choice(CURATOR_TO_PARENTS)), (other, reply)],
                8,
            )
    # The demo parent with the curator (two unread), with a teacher; the demo student with a teacher.
    kurator = special["curator"]
    child = next(s for s in college.students if s.person is student)
    lines = [
        (kurator if who == "curator" else parent, text.format(child=child.person.first)) for who, text in DIRECT_PARENT
    ]
    conversation("direct", None, kurator, [kurator, parent], lines, 6, {parent.id: 2})
    memo_message = len(messages) - 2  # «Прикладываю памятку …»
    attachments.append((1, memo_message, "Памятка о пропусках.txt", "text/plain", len(MEMO), MEMO))
    teaching = sorted(
        {
            a.teacher.person.id
            for a in college.assignments
            if a.group is child.group
            and a.period is college.current
            and a.teacher is not None
            and a.teacher.person is not kurator
        }
    )
    if teaching:
        teacher = by_id[teaching[0]]
        conversation(
            "direct",
            None,
            parent,
            [parent, teacher],
            [
                (parent, "Добрый день! Подскажите, что нужно подготовить к контрольной работе?"),
                (teacher, "Здравствуйте! Повторить темы 5–7 по учебнику, задачи из домашних заданий."),
            ],
            4,
        )
        conversation(
            "direct",
            None,
            student,
            [student, teacher],
            [(student if who == "student" else teacher, text) for who, text in STUDENT_TEACHER],
            3,
            {student.id: 1},
        )
    college._insert(conn, m.Conversation, ("id", "kind", "title", "created_by", "created_at"), conversations)
    college._insert(conn, m.ConversationMember, ("conversation_id", "person_id", "last_read_at", "joined_at"), members)
    college._insert(conn, m.Message, ("id", "conversation_id", "sender_id", "body", "search_body", "sent_at"), messages)
    college._insert(conn, m.Attachment, ("id", "message_id", "name", "mime", "size", "content"), attachments)

    # --- portfolios ----------------------------------------------------------------------------
    items: list[tuple[Any, ...]] = []
    levels = [lv for lv, _w in LEVELS]
    weights = [w for _lv, w in LEVELS]
    siblings = {id(s) for s in child.family.children}
    for s in studying:
        if s.person is student:
            count = 4
        elif id(s) in siblings:
            count = 2
        else:
            count = rng.choice((0, 0, 0, 1, 1, 2))
        start = s.enrolled_on or dt.date(s.group.admission_year, 9, 1)
        span = max(1, (today - start).days)
        curator = s.group.curator_id
        for k in range(count):
            kind, title = rng.choice(PORTFOLIO_TITLES)
            achieved = start + dt.timedelta(days=rng.randrange(span))
            confirmed = curator is not None and (rng.random() < 0.6 or (s.person is student and k < 2))
            created_by = s.person.id if rng.random() < 0.5 else curator
            created_at = dt.datetime.combine(min(achieved + dt.timedelta(days=3), today), dt.time(15, 0))
            with_file = kind in ("certificate", "olympiad") and rng.random() < 0.3
            content = f"Скан документа: {title}, {_full(s.person)}".encode() if with_file else None
            items.append(
                (
                    len(items) + 1,
                    s.id,
                    achieved,
                    kind,
                    title,
                    "college" if kind == "practice_report" else rng.choices(levels, weights)[0],
                    rng.choice(RESULTS),
                    "скан.txt" if with_file else None,
                    "text/plain" if with_file else None,
                    content,
                    curator if confirmed else None,
                    min(created_at + dt.timedelta(days=2), at(0, 7)) if confirmed else None,
                    created_by,
                    created_at,
                )
            )
    college._insert(
        conn,
        m.PortfolioItem,
        (
            "id",
            "student_id",
            "achieved_on",
            "kind",
            "title",
            "level",
            "result",
            "file_name",
            "file_mime",
            "file_content",
            "confirmed_by",
            "confirmed_at",
            "created_by",
            "created_at",
        ),
        items,
    )
    # The demo parent last opened each child's diary three days ago.
    college._insert(
        conn,
        m.DiaryVisit,
        ("person_id", "student_id", "visited_at"),
        [(parent.id, c.id, at(3, 20)) for c in sorted(child.family.children, key=lambda c: c.id)],
    )

    # E-mail notices: a few parents of two studying children, with an address, took the notices of a
    # «2» (and every second one of an unexcused absence) yesterday evening, after the demo's last
    # marks, so the journal's past is never mailed. Not the demo parent (whose diary shows the boxes
    # off), and no weekly digest: the demo sends nothing unless someone new subscribes or a new «2» comes.
    children_of: dict[int, int] = {}
    for s in studying:
        for guardian, _relation in s.family.guardians:
            children_of[guardian.id] = children_of.get(guardian.id, 0) + 1
    subscribed = sorted(
        (
            p
            for p in college.persons
            if p.role == "parent" and p.email and children_of.get(p.id, 0) >= 2 and p is not parent
        ),
        key=lambda p: p.id,
    )[:DEMO_SUBSCRIBERS]
    since = at(1, 18)
    college._insert(
        conn,
        m.NotificationSubscription,
        ("person_id", "bad_marks_since", "absences_since", "weekly_digest", "updated_by", "updated_at"),
        [(p.id, since, since if n % 2 == 0 else None, False, p.id, since) for n, p in enumerate(subscribed)],
    )
