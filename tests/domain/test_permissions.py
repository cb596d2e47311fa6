import pytest

from ejournal_desktop.domain.errors import PermissionDenied, ValidationError
from ejournal_desktop.domain.permissions import (
    ACTION_LABELS,
    MATRIX,
    PERIOD_LOCKED_ACTIONS,
    SCOPE_LABELS,
    SECTIONS,
    Action,
    Scope,
    allowed_scopes,
    can,
    require,
    sections_for,
)
from ejournal_desktop.domain.roles import ROLE_LABELS, Role, parse_role


def test_every_action_scope_and_role_has_a_label_and_every_role_a_matrix_entry() -> None:
    assert set(ACTION_LABELS) == set(Action)
    assert set(SCOPE_LABELS) == set(Scope)
    assert set(ROLE_LABELS) == set(Role) == set(MATRIX)
    assert all(label and label[0].islower() for label in ACTION_LABELS.values())
    assert Role.DEPUTY.label == "Зам. директора по УПР"


def test_matrix_holds_only_non_empty_scope_sets() -> None:
    for grants in MATRIX.values():
        for action, scopes in grants.items():
            assert isinstance(action, Action)
            assert scopes and all(isinstance(scope, Scope) for scope in scopes)


@pytest.mark.parametrize("role", ["student", "parent", "admin", "deputy", "secretary"])
@pytest.mark.parametrize("action", [Action.JOURNAL_WRITE, Action.FINAL_MARK_WRITE])
def test_only_teachers_write_marks(role: str, action: Action) -> None:
    assert not can([role], action)


def test_teacher_writes_journal_only_in_own_assignments() -> None:
    assert allowed_scopes(["teacher"], Action.JOURNAL_WRITE) == {Scope.OWN_ASSIGNMENTS}
    assert can(["teacher"], Action.JOURNAL_WRITE, Scope.OWN_ASSIGNMENTS)
    assert not can(["teacher"], Action.JOURNAL_WRITE, Scope.CURATED_GROUP)
    assert not can(["teacher"], Action.JOURNAL_WRITE, Scope.ALL)


def test_closed_period_freezes_journal_writes() -> None:
    assert not can(["teacher"], "journal.write", "own_assignments", period_closed=True)
    assert can(["teacher"], "journal.read", "own_assignments", period_closed=True)
    with pytest.raises(PermissionDenied, match="Период закрыт"):
        require(["teacher"], Action.FINAL_MARK_WRITE, Scope.OWN_ASSIGNMENTS, period_closed=True)
    with pytest.raises(PermissionDenied, match="Недостаточно прав"):
        require(["student"], Action.JOURNAL_WRITE, period_closed=True)
    assert {Action.JOURNAL_WRITE, Action.FINAL_MARK_WRITE, Action.KTP_WRITE} == PERIOD_LOCKED_ACTIONS


def test_curator_scope() -> None:
    for action in (Action.EXCUSE_WRITE, Action.GUARDIAN_WRITE, Action.REPORTS_GROUP, Action.JOURNAL_READ):
        assert can(["teacher"], action, Scope.CURATED_GROUP)
    assert not can(["teacher"], Action.EXCUSE_WRITE, Scope.OWN_GROUPS)
    assert not can(["teacher"], Action.REPORTS_COLLEGE)
    assert can(["teacher"], Action.CONTINGENT_READ, Scope.OWN_GROUPS)
    assert not can(["teacher"], Action.CONTINGENT_WRITE)


def test_secretary_keeps_contingent_and_load_but_no_marks() -> None:
    for action in (
        Action.CONTINGENT_WRITE,
        Action.MOVEMENT_WRITE,
        Action.LOAD_WRITE,
        Action.PERIOD_WRITE,
        Action.IMPORT_CONTINGENT,
    ):
        assert can(["secretary"], action, Scope.ALL)
    assert not can(["secretary"], Action.JOURNAL_READ)
    assert not can(["secretary"], Action.PERIOD_CLOSE)


def test_deputy_reads_everything_and_closes_periods() -> None:
    assert can(["deputy"], Action.PERIOD_CLOSE)
    assert can(["deputy"], Action.REPORTS_COLLEGE)
    # ALL covers every narrower scope.
    assert can(["deputy"], Action.JOURNAL_READ, Scope.CURATED_GROUP)
    assert not can(["deputy"], Action.CONTINGENT_WRITE)


def test_admin_manages_the_system_but_not_marks() -> None:
    for action in (Action.ACCOUNTS_MANAGE, Action.BACKUP_MANAGE, Action.AUDIT_READ, Action.SETTINGS_MANAGE):
        assert can(["admin"], action)
    assert can(["admin"], Action.JOURNAL_READ, Scope.ALL)
    assert not can(["admin"], Action.JOURNAL_WRITE)
    assert not can(["admin"], Action.PERIOD_CLOSE)


def test_student_and_parent_read_only_their_own() -> None:
    assert allowed_scopes(["student"], Action.JOURNAL_READ) == {Scope.SELF}
    assert allowed_scopes(["parent"], Action.JOURNAL_READ) == {Scope.CHILDREN}
    assert not can(["student"], Action.JOURNAL_READ, Scope.ALL)
    assert not can(["parent"], Action.JOURNAL_READ, Scope.SELF)
    assert can(["student"], Action.BOARD_READ)
    assert not can(["student"], Action.BOARD_PUBLISH)


def test_messages_are_private_for_everyone() -> None:
    for role in Role:
        assert allowed_scopes([role], Action.MESSAGES_USE) == {Scope.SELF}


def test_several_roles_give_the_union() -> None:
    both = ["teacher", "deputy"]
    assert allowed_scopes(both, Action.JOURNAL_READ) == {Scope.ALL, Scope.OWN_ASSIGNMENTS, Scope.CURATED_GROUP}
    assert can(both, Action.JOURNAL_WRITE, Scope.OWN_ASSIGNMENTS)
    assert can(both, Action.PERIOD_CLOSE)
    assert allowed_scopes([], Action.JOURNAL_READ) == frozenset()


def test_single_role_string_is_not_split_into_letters() -> None:
    assert can("teacher", Action.KTP_WRITE)


def test_require_names_the_action_in_russian() -> None:
    with pytest.raises(PermissionDenied) as caught:
        require(["student"], Action.FINAL_MARK_WRITE)
    assert str(caught.value) == "Недостаточно прав: выставление итоговых оценок"
    require(["secretary"], Action.LOAD_WRITE, Scope.ALL)  # allowed: no exception


def test_unknown_role_is_rejected() -> None:
    with pytest.raises(ValidationError, match="Неизвестная роль «director»"):
        can(["director"], Action.JOURNAL_READ)
    assert parse_role("parent") is Role.PARENT


def _keys(roles: list[str], is_curator: bool = False) -> list[str]:
    return [section.key for section in sections_for(roles, is_curator)]


def test_sections_per_role() -> None:
    assert _keys(["teacher"]) == ["journals", "board", "messages"]
    assert _keys(["teacher"], is_curator=True) == ["journals", "my_group", "portfolio", "reports", "board", "messages"]
    assert _keys(["student"]) == ["diary", "portfolio", "board", "messages"]
    assert _keys(["parent"]) == ["diary", "portfolio", "board", "messages"]
    assert _keys(["secretary"]) == ["contingent", "load", "reports", "board", "messages"]
    assert _keys(["deputy"]) == ["control", "audit", "reports", "board", "messages"]
    assert _keys(["admin"]) == ["accounts", "backup", "audit", "reports", "board", "messages"]


def test_sections_union_keeps_navigation_order_without_duplicates() -> None:
    assert _keys(["deputy", "teacher"]) == ["journals", "control", "audit", "reports", "board", "messages"]
    assert sections_for(["student"])[0].title_ru == "Дневник"
    assert len({section.key for section in SECTIONS}) == len(SECTIONS)
