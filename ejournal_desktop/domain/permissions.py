"""The permission matrix: the single source of truth for who may do what, and on which rows.

Services check it on both backends; the PostgreSQL grants and row-level security policies are
written to match it, and tests compare them.

A scope names the rows an action reaches. The services resolve it against data (which
assignments are the teacher's, which group they curate, which students are a parent's children);
here it is only a name. `Scope.ALL` covers every narrower scope.

Decisions beyond the role table:
- The admin reads everything but writes no journal data: an administrator must not be able to
  change a mark quietly. Marks are corrected by the teacher, in an open period.
- Journal writes (lessons, marks, attendance, finals, the КТП) also need an open period; a closed
  one is reopened by the deputy (`period.close`). See `PERIOD_LOCKED_ACTIONS`.
- A curator issues credentials to the students and parents of their group (the role table gives
  that job to the curator), hence `accounts.manage` in the CURATED_GROUP scope.
- Messages are private: every role uses them in the SELF scope, the admin included.
- A student's SELF covers their own marks, attendance and finals and the lessons (topics,
  homework) of their own group; a parent's CHILDREN covers the same for each linked child.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from ejournal_desktop.domain.errors import PermissionDenied
from ejournal_desktop.domain.roles import Role, parse_roles


class Action(StrEnum):
    JOURNAL_READ = "journal.read"
    JOURNAL_WRITE = "journal.write"  # lessons, marks, attendance
    FINAL_MARK_WRITE = "final_mark.write"
    KTP_WRITE = "ktp.write"
    CONTINGENT_READ = "contingent.read"
    CONTINGENT_WRITE = "contingent.write"  # specialties, groups, students, staff
    GUARDIAN_WRITE = "guardian.write"
    EXCUSE_WRITE = "excuse.write"
    MOVEMENT_WRITE = "movement.write"
    LOAD_WRITE = "load.write"  # teaching assignments
    PERIOD_WRITE = "period.write"
    PERIOD_CLOSE = "period.close"
    REPORTS_GROUP = "reports.group"
    REPORTS_COLLEGE = "reports.college"
    ACCOUNTS_MANAGE = "accounts.manage"
    BACKUP_MANAGE = "backup.manage"
    AUDIT_READ = "audit.read"
    DIARY_READ = "diary.read"
    BOARD_READ = "board.read"
    BOARD_PUBLISH = "board.publish"
    BOARD_MODERATE = "board.moderate"  # remove anybody's notice
    MESSAGES_USE = "messages.use"
    SETTINGS_MANAGE = "settings.manage"
    IMPORT_CONTINGENT = "import.contingent"
    PORTFOLIO_WRITE = "portfolio.write"
    PORTFOLIO_CONFIRM = "portfolio.confirm"

    @property
    def label(self) -> str:
        return ACTION_LABELS[self]


ACTION_LABELS: dict[Action, str] = {
    Action.JOURNAL_READ: "просмотр журнала",
    Action.JOURNAL_WRITE: "ведение журнала (занятия, оценки, пропуски)",
    Action.FINAL_MARK_WRITE: "выставление итоговых оценок",
    Action.KTP_WRITE: "редактирование КТП",
    Action.CONTINGENT_READ: "просмотр контингента",
    Action.CONTINGENT_WRITE: "изменение контингента (специальности, группы, обучающиеся, сотрудники)",
    Action.GUARDIAN_WRITE: "изменение данных родителей",
    Action.EXCUSE_WRITE: "оформление уважительных причин пропусков",
    Action.MOVEMENT_WRITE: "движение контингента по приказам",
    Action.LOAD_WRITE: "распределение учебной нагрузки",
    Action.PERIOD_WRITE: "настройка учебных периодов",
    Action.PERIOD_CLOSE: "закрытие и открытие периодов",
    Action.REPORTS_GROUP: "отчёты по группе",
    Action.REPORTS_COLLEGE: "отчёты по техникуму",
    Action.ACCOUNTS_MANAGE: "управление учётными записями",
    Action.BACKUP_MANAGE: "резервное копирование",
    Action.AUDIT_READ: "просмотр журнала аудита",
    Action.DIARY_READ: "просмотр дневника",
    Action.BOARD_READ: "просмотр доски объявлений",
    Action.BOARD_PUBLISH: "публикация объявлений",
    Action.BOARD_MODERATE: "снятие чужих объявлений",
    Action.MESSAGES_USE: "сообщения",
    Action.SETTINGS_MANAGE: "настройки программы",
    Action.IMPORT_CONTINGENT: "импорт списков контингента",
    Action.PORTFOLIO_WRITE: "ведение портфолио",
    Action.PORTFOLIO_CONFIRM: "подтверждение достижений в портфолио",
}


class Scope(StrEnum):
    ALL = "all"
    OWN_ASSIGNMENTS = "own_assignments"
    CURATED_GROUP = "curated_group"
    OWN_GROUPS = "own_groups"
    SELF = "self"
    CHILDREN = "children"

    @property
    def label(self) -> str:
        return SCOPE_LABELS[self]


SCOPE_LABELS: dict[Scope, str] = {
    Scope.ALL: "все",
    Scope.OWN_ASSIGNMENTS: "свои учебные поручения",
    Scope.CURATED_GROUP: "курируемая группа",
    Scope.OWN_GROUPS: "группы, где ведёт занятия",
    Scope.SELF: "только свои данные",
    Scope.CHILDREN: "свои дети",
}

# Writes that a closed period freezes, whoever the writer is.
PERIOD_LOCKED_ACTIONS: frozenset[Action] = frozenset({Action.JOURNAL_WRITE, Action.FINAL_MARK_WRITE, Action.KTP_WRITE})

_ALL = frozenset({Scope.ALL})
_SELF = frozenset({Scope.SELF})
_CHILDREN = frozenset({Scope.CHILDREN})
_OWN = frozenset({Scope.OWN_ASSIGNMENTS})
_CURATED = frozenset({Scope.CURATED_GROUP})

MATRIX: Mapping[Role, Mapping[Action, frozenset[Scope]]] = {
    Role.ADMIN: {
        Action.ACCOUNTS_MANAGE: _ALL,
        Action.BACKUP_MANAGE: _ALL,
        Action.AUDIT_READ: _ALL,
        Action.SETTINGS_MANAGE: _ALL,
        Action.JOURNAL_READ: _ALL,
        Action.CONTINGENT_READ: _ALL,
        Action.DIARY_READ: _ALL,
        Action.REPORTS_GROUP: _ALL,
        Action.REPORTS_COLLEGE: _ALL,
        Action.BOARD_READ: _ALL,
        Action.BOARD_PUBLISH: _ALL,
        Action.BOARD_MODERATE: _ALL,
        Action.MESSAGES_USE: _SELF,
    },
    Role.DEPUTY: {
        Action.JOURNAL_READ: _ALL,
        Action.CONTINGENT_READ: _ALL,
        Action.DIARY_READ: _ALL,
        Action.PERIOD_CLOSE: _ALL,
        Action.REPORTS_GROUP: _ALL,
        Action.REPORTS_COLLEGE: _ALL,
        Action.AUDIT_READ: _ALL,
        Action.PORTFOLIO_CONFIRM: _ALL,
        Action.BOARD_READ: _ALL,
        Action.BOARD_PUBLISH: _ALL,
        Action.MESSAGES_USE: _SELF,
    },
    Role.SECRETARY: {
        Action.CONTINGENT_READ: _ALL,
        Action.CONTINGENT_WRITE: _ALL,
        Action.GUARDIAN_WRITE: _ALL,
        Action.MOVEMENT_WRITE: _ALL,
        Action.LOAD_WRITE: _ALL,
        Action.PERIOD_WRITE: _ALL,
        Action.IMPORT_CONTINGENT: _ALL,
        Action.BOARD_READ: _ALL,
        Action.BOARD_PUBLISH: _ALL,
        Action.MESSAGES_USE: _SELF,
    },
    Role.TEACHER: {
        Action.JOURNAL_READ: _OWN | _CURATED,
        Action.JOURNAL_WRITE: _OWN,
        Action.FINAL_MARK_WRITE: _OWN,
        Action.KTP_WRITE: _OWN,
        Action.CONTINGENT_READ: frozenset({Scope.OWN_GROUPS, Scope.CURATED_GROUP}),
        Action.GUARDIAN_WRITE: _CURATED,
        Action.EXCUSE_WRITE: _CURATED,
        Action.REPORTS_GROUP: _CURATED,
        Action.DIARY_READ: _CURATED,
        Action.ACCOUNTS_MANAGE: _CURATED,
        Action.PORTFOLIO_WRITE: _CURATED,
        Action.PORTFOLIO_CONFIRM: _CURATED,
        Action.BOARD_READ: _ALL,
        # Teachers announce consultations and exams to the groups they teach.
        Action.BOARD_PUBLISH: frozenset({Scope.OWN_GROUPS, Scope.CURATED_GROUP}),
        Action.MESSAGES_USE: _SELF,
    },
    Role.STUDENT: {
        Action.JOURNAL_READ: _SELF,
        Action.DIARY_READ: _SELF,
        Action.CONTINGENT_READ: _SELF,
        Action.PORTFOLIO_WRITE: _SELF,
        Action.BOARD_READ: _ALL,
        Action.MESSAGES_USE: _SELF,
    },
    Role.PARENT: {
        Action.JOURNAL_READ: _CHILDREN,
        Action.DIARY_READ: _CHILDREN,
        Action.CONTINGENT_READ: _CHILDREN,
        Action.BOARD_READ: _ALL,
        Action.MESSAGES_USE: _SELF,
    },
}


def allowed_scopes(roles: Iterable[str] | str, action: Action | str) -> frozenset[Scope]:
    """The union of scopes all the given roles grant for the action; empty when none does."""
    wanted = Action(action)
    scopes: frozenset[Scope] = frozenset()
    for role in parse_roles(roles):
        scopes |= MATRIX[role].get(wanted, frozenset())
    return scopes


def can(
    roles: Iterable[str] | str,
    action: Action | str,
    scope: Scope | str | None = None,
    *,
    period_closed: bool = False,
) -> bool:
    """Whether the roles allow the action: in the given scope, or in any scope when None."""
    if period_closed and Action(action) in PERIOD_LOCKED_ACTIONS:
        return False
    scopes = allowed_scopes(roles, action)
    if scope is None:
        return bool(scopes)
    return Scope(scope) in scopes or Scope.ALL in scopes


def require(
    roles: Iterable[str] | str,
    action: Action | str,
    scope: Scope | str | None = None,
    *,
    period_closed: bool = False,
) -> None:
    """Raise PermissionDenied, naming the action in Russian, unless `can` allows it."""
    wanted = Action(action)
    # Rights first: someone who could never write here needn't hear that the period is closed.
    if not can(roles, wanted, scope):
        raise PermissionDenied(f"Недостаточно прав: {wanted.label}")
    if period_closed and wanted in PERIOD_LOCKED_ACTIONS:
        raise PermissionDenied(
            f"Период закрыт, {wanted.label} недоступно. "
            "Исправления возможны после открытия периода заместителем директора по УПР"
        )


@dataclass(frozen=True, slots=True)
class Section:
    """A main-window navigation section.

    `curator_only` narrows the teacher role only: a teacher sees the section when curating a
    group, while the other listed roles see it regardless.
    """

    key: str
    title_ru: str
    roles: frozenset[Role]
    curator_only: bool = False

    def visible_to(self, roles: frozenset[Role], is_curator: bool) -> bool:
        return any(
            role in self.roles and (role is not Role.TEACHER or not self.curator_only or is_curator) for role in roles
        )


def _section(key: str, title: str, *roles: Role, curator_only: bool = False) -> Section:
    return Section(key, title, frozenset(roles), curator_only)


_EVERYONE = tuple(Role)

SECTIONS: tuple[Section, ...] = (
    _section("journals", "Мои журналы", Role.TEACHER),
    _section("my_group", "Моя группа", Role.TEACHER, curator_only=True),
    _section("diary", "Дневник", Role.STUDENT, Role.PARENT),
    _section("portfolio", "Портфолио", Role.STUDENT, Role.PARENT, Role.TEACHER, curator_only=True),
    _section("contingent", "Контингент", Role.SECRETARY),
    _section("load", "Учебная нагрузка", Role.SECRETARY),
    _section("control", "Контроль журналов", Role.DEPUTY),
    _section("accounts", "Учётные записи", Role.ADMIN),
    _section("backup", "Резервные копии", Role.ADMIN),
    _section("audit", "Журнал аудита", Role.ADMIN, Role.DEPUTY),
    _section("reports", "Отчёты", Role.DEPUTY, Role.ADMIN, Role.SECRETARY, Role.TEACHER, curator_only=True),
    _section("board", "Доска объявлений", *_EVERYONE),
    _section("messages", "Сообщения", *_EVERYONE),
)


def sections_for(roles: Iterable[str] | str, is_curator: bool = False) -> list[Section]:
    """The sections a person sees, in navigation order, for the union of their roles."""
    held = parse_roles(roles)
    return [section for section in SECTIONS if section.visible_to(held, is_curator)]
