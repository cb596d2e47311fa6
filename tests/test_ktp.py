"""The КТП through the service and its XLSX, on SQLite and PostgreSQL, on the small demo college."""

from __future__ import annotations

import pytest
from openpyxl import Workbook, load_workbook

from ejournal_desktop.domain.errors import NotFound, PermissionDenied, ValidationError
from ejournal_desktop.reports.ktp_xlsx import KtpImportRejected, read_ktp_xlsx, write_ktp_xlsx
from ejournal_desktop.services import gradebook as gb
from ejournal_desktop.services import ktp
from ejournal_desktop.services.xlsx_guard import BadWorkbook
from tests.conftest import DEMO_TODAY


def _assignment(session, *, writable: bool = True) -> int:  # type: ignore[no-untyped-def]
    periods = gb.list_periods(session)
    period_id = gb.current_period_id(session, DEMO_TODAY) if writable else next(p.id for p in periods if p.is_closed)
    journals = gb.my_journals(session, period_id, today=DEMO_TODAY)
    assert journals
    return journals[0].assignment_id


def _positions(plan: ktp.Ktp) -> list[int]:
    return [t.position for t in plan.topics]


def test_the_demo_ktp_with_the_hours_given(act_as) -> None:  # type: ignore[no-untyped-def]
    session = act_as("prepod")
    plan = ktp.load_ktp(session, _assignment(session))
    assert plan.topics and plan.writable
    assert _positions(plan) == list(range(1, len(plan.topics) + 1))
    assert plan.lessons_count > 0 and plan.delivered_hours >= plan.lessons_count
    given = [t for t in plan.topics if t.given_on is not None]
    assert given and all(t.given_hours > 0 for t in given)
    assert f"{plan.plan_hours} ч." in plan.hours_line and f"{plan.delivered_hours} ч." in plan.hours_line


def test_insert_edit_move_delete_keep_positions_without_gaps(act_as) -> None:  # type: ignore[no-untyped-def]
    session = act_as("prepod")
    aid = _assignment(session)
    before = ktp.load_ktp(session, aid)
    n = len(before.topics)
    added = ktp.insert_topic(session, aid, ktp.TopicDraft("Новая тема", 4, "practice", "§ 5"), position=2)
    assert added.position == 2
    plan = ktp.load_ktp(session, aid)
    assert _positions(plan) == list(range(1, n + 2))
    assert plan.topics[1].title == "Новая тема" and plan.topics[2].id == before.topics[1].id
    edited = ktp.update_topic(session, added.id, title="  Новая тема, исправлено ", hours=2, homework="")
    assert (edited.title, edited.hours, edited.homework) == ("Новая тема, исправлено", 2, None)
    moved = ktp.move_topic(session, added.id, n + 5)  # clamped to the end
    plan = ktp.load_ktp(session, aid)
    assert moved.position == n + 1 and plan.topics[-1].id == added.id
    assert _positions(plan) == list(range(1, n + 2))
    ktp.move_topic(session, added.id, 1)
    assert ktp.load_ktp(session, aid).topics[0].id == added.id
    ktp.delete_topic(session, added.id)
    plan = ktp.load_ktp(session, aid)
    assert [t.id for t in plan.topics] == [t.id for t in before.topics]
    assert _positions(plan) == list(range(1, n + 1))
    end = ktp.insert_topic(session, aid, ktp.TopicDraft("В конец"))
    assert end.position == n + 1


def test_bad_topics_are_refused_in_russian(act_as) -> None:  # type: ignore[no-untyped-def]
    session = act_as("prepod")
    aid = _assignment(session)
    topic = ktp.load_ktp(session, aid).topics[0]
    with pytest.raises(ValidationError, match="Часы: часов должно быть от 1 до 8"):
        ktp.update_topic(session, topic.id, hours=9)
    with pytest.raises(ValidationError, match="тема не указана"):
        ktp.insert_topic(session, aid, ktp.TopicDraft("   "))
    with pytest.raises(ValidationError, match="вид занятия"):
        ktp.update_topic(session, topic.id, lesson_kind="party")
    with pytest.raises(NotFound):
        ktp.update_topic(session, 999_999, title="x")
    assert ktp.load_ktp(session, aid).topics[0] == topic


def test_rights_and_the_closed_period(act_as) -> None:  # type: ignore[no-untyped-def]
    teacher = act_as("prepod")
    aid = _assignment(teacher)
    topic = ktp.load_ktp(teacher, aid).topics[0]
    deputy = act_as("zamdir")
    plan = ktp.load_ktp(deputy, aid)  # reads every journal
    assert not plan.writable and "Только просмотр" in (plan.read_only_reason or "")
    with pytest.raises(PermissionDenied, match="Только просмотр"):
        ktp.update_topic(deputy, topic.id, title="Чужая правка")
    with pytest.raises(PermissionDenied):
        ktp.load_ktp(act_as("student"), aid)
    closed = _assignment(teacher, writable=False)
    closed_plan = ktp.load_ktp(teacher, closed)
    assert "Период закрыт" in (closed_plan.read_only_reason or "")
    if closed_plan.topics:
        with pytest.raises(PermissionDenied, match="Период закрыт"):
            ktp.delete_topic(teacher, closed_plan.topics[0].id)
    with pytest.raises(PermissionDenied, match="Период закрыт"):
        ktp.insert_topic(teacher, closed, ktp.TopicDraft("Поздно"))
    assert ktp.load_ktp(teacher, aid).topics[0].title == topic.title


def test_a_warning_when_the_lessons_run_past_the_plan(act_as) -> None:  # type: ignore[no-untyped-def]
    session = act_as("prepod")
    aid = _assignment(session)
    plan = ktp.load_ktp(session, aid)
    assert not any("вышли за план" in w for w in plan.warnings)
    ktp.replace_ktp(session, aid, [ktp.TopicDraft("Вводное занятие", 2), ktp.TopicDraft("Итоговое занятие", 2)])
    short = ktp.load_ktp(session, aid)
    assert short.plan_hours == 4 and short.delivered_hours > 4
    assert any("Занятия вышли за план" in w and f"{short.delivered_hours} ч." in w for w in short.warnings)
    # The lessons on the first two topics stay linked; those on removed topics keep their text.
    assert short.topics[0].id == plan.topics[0].id


def test_xlsx_round_trip_gives_the_same_plan(act_as, tmp_path) -> None:  # type: ignore[no-untyped-def]
    session = act_as("prepod")
    aid = _assignment(session)
    ktp.update_topic(session, ktp.load_ktp(session, aid).topics[0].id, section="Раздел 1. Введение")
    ktp.update_topic(session, ktp.load_ktp(session, aid).topics[1].id, section="Раздел 1. Введение")
    plan = ktp.load_ktp(session, aid)
    path = write_ktp_xlsx(plan, tmp_path / "ktp.xlsx")
    sheet = load_workbook(path).active
    header = [c.value for c in sheet[4]]
    assert header == ["№", "Раздел/тема", "Часы", "Вид занятия", "Домашнее задание"]
    assert sheet["B5"].value == "Раздел 1. Введение" and sheet["A5"].value is None
    assert sheet["A6"].value == 1 and isinstance(sheet["C6"].value, int)
    drafts = read_ktp_xlsx(path)
    assert drafts == [t.draft for t in plan.topics]
    # Import into another journal of the teacher: the same plan there.
    other = gb.my_journals(session, gb.current_period_id(session, DEMO_TODAY), today=DEMO_TODAY)[1].assignment_id
    assert ktp.replace_ktp(session, other, drafts) == len(drafts)
    assert [t.draft for t in ktp.load_ktp(session, other).topics] == drafts


def _book(tmp_path, rows) -> str:  # type: ignore[no-untyped-def]
    book = Workbook()
    sheet = book.active
    sheet.append(["Календарно-тематический план"])
    sheet.append(["№", "Раздел/тема", "Часы", "Вид занятия", "Домашнее задание"])
    for row in rows:
        sheet.append(row)
    path = tmp_path / "bad.xlsx"
    book.save(path)
    return str(path)


def test_a_bad_ktp_file_names_each_row_and_column_and_changes_nothing(act_as, tmp_path) -> None:  # type: ignore[no-untyped-def]
    session = act_as("prepod")
    aid = _assignment(session)
    before = ktp.load_ktp(session, aid)
    path = _book(
        tmp_path,
        [
            ["", "Раздел 1. Основы"],
            [1, "Введение", 2, "Теоретическое занятие", "§ 1"],
            [2, "Опыт", "два", "лр", None],
            ["x", "Снова", 2, "Пикник", None],
            [4, None, 12, None, "§ 4"],
        ],
    )
    with pytest.raises(KtpImportRejected) as caught:
        read_ktp_xlsx(path)
    text = caught.value.message
    assert "Строка 5, столбец «Часы»: «два»" in text
    assert "Строка 6, столбец «№»: «x» — не номер темы" in text
    assert "Строка 6, столбец «Вид занятия»: неизвестный вид занятия «Пикник»" in text
    assert "Строка 7, столбец «Часы»: «12»" in text
    assert "Строка 7, столбец «Раздел/тема»: тема не указана" in text
    assert "Строка 4" not in text
    assert ktp.load_ktp(session, aid) == before


def test_broken_files_are_refused_by_the_guard(tmp_path) -> None:
    junk = tmp_path / "junk.xlsx"
    junk.write_bytes(b"not a workbook at all")
    with pytest.raises(BadWorkbook, match="не книга Excel"):
        read_ktp_xlsx(junk)
    old = tmp_path / "old.xlsx"
    old.write_bytes(bytes.fromhex("D0CF11E0A1B11AE1") + b"\0" * 600)
    with pytest.raises(BadWorkbook, match="XLS"):
        read_ktp_xlsx(old)
    no_header = tmp_path / "empty.xlsx"
    book = Workbook()
    book.active.append(["что-то", "другое"])
    book.save(no_header)
    with pytest.raises(ValidationError, match="не найдена строка заголовков"):
        read_ktp_xlsx(no_header)


def test_replace_refuses_bad_drafts_whole(act_as) -> None:  # type: ignore[no-untyped-def]
    session = act_as("prepod")
    aid = _assignment(session)
    before = ktp.load_ktp(session, aid)
    with pytest.raises(ValidationError, match="Тема 2, часы"):
        ktp.replace_ktp(session, aid, [ktp.TopicDraft("Хорошая"), ktp.TopicDraft("Плохая", hours=0)])
    assert ktp.load_ktp(session, aid) == before


def test_loading_and_reordering_take_a_constant_number_of_statements(act_as) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import event

    session = act_as("prepod")
    statements: list[str] = []
    event.listen(session.engine, "before_cursor_execute", lambda *a: statements.append(a[2]))

    def data_statements() -> int:
        return len([s for s in statements if not s.lstrip().upper().startswith(("BEGIN", "COMMIT", "ROLLBACK"))])

    counts = set()
    for summary in gb.my_journals(session, gb.current_period_id(session, DEMO_TODAY), today=DEMO_TODAY)[:3]:
        statements.clear()
        plan = ktp.load_ktp(session, summary.assignment_id)
        assert data_statements() == 2
        statements.clear()
        ktp.move_topic(session, plan.topics[-1].id, 1)
        counts.add(data_statements())
    assert len(counts) == 1  # whatever the plan's length
