"""The UI's strings go through Qt's translation mechanism (ui/i18n.py `tr`), so another language can be added.

* Every Cyrillic string literal of ui/ is inside `tr("…")`, except what must stay as it is: docstrings,
  logging, dict keys, comparison operands, subscripts, the arguments of string parsing (startswith,
  split, replace …) and of re.*, and lines marked `# notr` — the same rules as the codemod that wrapped
  them (/tmp/wrap_tr.py at the time; kept with the lead).
* What pyside6-lupdate extracts is exactly what `tr()` looks up (the same strings, the same context).
* A translation made the translator's way (lupdate → a filled .ts → lrelease → .qm) comes back from
  `tr()`, from `QCoreApplication.translate`, and on a real login window.
"""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from ejournal_desktop.ui import i18n
from ejournal_desktop.ui.login_dialog import LoginDialog
from ejournal_desktop.ui.profiles import ProfileStore

ROOT = Path(__file__).resolve().parents[2]
UI = ROOT / "ejournal_desktop" / "ui"
TEMPLATE = ROOT / "resources" / "translations" / "ejournal_en.ts"

# Being edited elsewhere while the rest was wrapped: the codemod runs over them later, then this
# list is emptied.
NOT_YET_WRAPPED: set[str] = set()

CYRILLIC = re.compile("[\u0400-\u04ff]")
MARKER = "# notr"
TR_FUNCS = {"tr", "QT_TR_NOOP", "QT_TRANSLATE_NOOP", "translate"}
LOG_NAMES = re.compile(r"^_?(log|logger|logging|LOG|LOGGER)$")
LOG_METHODS = {"debug", "info", "warning", "warn", "error", "exception", "critical", "fatal", "log"}
PARSING_METHODS = {
    "startswith",
    "endswith",
    "split",
    "rsplit",
    "partition",
    "rpartition",
    "replace",
    "strip",
    "lstrip",
    "rstrip",
    "removeprefix",
    "removesuffix",
    "find",
    "rfind",
    "index",
    "rindex",
    "count",
}


def ui_files() -> list[Path]:
    return sorted([*UI.glob("*.py"), *(UI / "partials").glob("*.py")])


def _tree(path: Path) -> ast.Module:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        for child in ast.iter_child_nodes(node):
            child.parent = node  # type: ignore[attr-defined]
    return tree


def _parent(node: ast.AST) -> ast.AST | None:
    return getattr(node, "parent", None)


def _call_name(func: ast.expr) -> tuple[str | None, str | None]:
    """(object, name) of a call: `log.info` and `self.log.info` → ("log", "info"), `tr` → (None, "tr")."""
    if isinstance(func, ast.Name):
        return None, func.id
    if isinstance(func, ast.Attribute):
        value = func.value
        owner = value.id if isinstance(value, ast.Name) else value.attr if isinstance(value, ast.Attribute) else None
        return owner, func.attr
    return None, None


def _is_tr_call(node: ast.AST) -> bool:
    return isinstance(node, ast.Call) and _call_name(node.func)[1] == "tr"


def _has_cyrillic(node: ast.AST) -> bool:
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str) and bool(CYRILLIC.search(node.value))
    if isinstance(node, ast.JoinedStr):
        return any(_has_cyrillic(v) for v in node.values if isinstance(v, ast.Constant))
    return False


def _allowed(node: ast.expr, lines: list[str]) -> bool:
    """Whether a Cyrillic literal may stay outside tr() (the codemod's exceptions)."""
    if MARKER in lines[node.lineno - 1]:
        return True
    child, parent = node, _parent(node)
    probe = parent
    while isinstance(probe, (ast.Tuple, ast.List, ast.Set)):
        probe = _parent(probe)
    if isinstance(probe, ast.Compare):
        return True
    if isinstance(parent, ast.Expr):  # a docstring or a bare string
        return True
    if isinstance(parent, ast.Dict) and any(key is child for key in parent.keys):
        return True
    if isinstance(parent, ast.DictComp) and parent.key is child:
        return True
    if isinstance(parent, ast.Subscript) and parent.slice is child:
        return True
    while parent is not None and not isinstance(parent, ast.stmt):
        if isinstance(parent, (ast.MatchValue, ast.match_case)):
            return True
        if isinstance(parent, ast.arg) and parent.annotation is child:
            return True
        if isinstance(parent, ast.Call) and child is not parent.func:
            owner, name = _call_name(parent.func)
            if name in TR_FUNCS:
                return True
            if name in LOG_METHODS and owner is not None and LOG_NAMES.match(owner):
                return True
            if owner == "re":
                return True
            if name in PARSING_METHODS and isinstance(parent.func, ast.Attribute):
                return True
        child, parent = parent, _parent(parent)
    return isinstance(parent, ast.AnnAssign) and parent.annotation is child


def tr_sources(paths: list[Path]) -> set[str]:
    """The strings given to tr() in these files."""
    found: set[str] = set()
    for path in paths:
        for node in ast.walk(_tree(path)):
            if _is_tr_call(node) and node.args and isinstance(node.args[0], ast.Constant):  # type: ignore[attr-defined]
                found.add(node.args[0].value)  # type: ignore[attr-defined]
    return found


def test_no_cyrillic_string_is_left_outside_tr() -> None:
    offences = []
    for path in ui_files():
        if path.name in NOT_YET_WRAPPED or path.name == "i18n.py":
            continue
        lines = path.read_text(encoding="utf-8").splitlines()
        tree = _tree(path)
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(_parent(node), ast.JoinedStr):
                continue  # judged with its f-string
            if isinstance(node, (ast.Constant, ast.JoinedStr)) and _has_cyrillic(node) and not _allowed(node, lines):
                offences.append(f"{path.relative_to(ROOT)}:{node.lineno}: {lines[node.lineno - 1].strip()[:100]}")
    assert offences == [], "Cyrillic text outside tr() (wrap it, or mark a data string `# notr`):\n" + "\n".join(
        offences
    )


def test_tr_gets_only_literals_lupdate_can_see() -> None:
    """lupdate extracts literals only, and not from inside f-strings: tr(variable) or f"{tr('…')}"
    would never be translated."""
    offences = []
    for path in ui_files():
        lines = path.read_text(encoding="utf-8").splitlines()
        for node in ast.walk(_tree(path)):
            if not _is_tr_call(node):
                continue
            literal = (
                len(node.args) == 1  # type: ignore[attr-defined]
                and isinstance(node.args[0], ast.Constant)  # type: ignore[attr-defined]
                and isinstance(node.args[0].value, str)  # type: ignore[attr-defined]
            )
            inside_fstring = False
            parent = _parent(node)
            while parent is not None and not isinstance(parent, ast.stmt):
                inside_fstring = inside_fstring or isinstance(parent, ast.JoinedStr)
                parent = _parent(parent)
            if not literal or inside_fstring:
                offences.append(f"{path.relative_to(ROOT)}:{node.lineno}: {lines[node.lineno - 1].strip()[:100]}")  # type: ignore[attr-defined]
    assert offences == []


def _tool(name: str) -> str:
    found = shutil.which(name) or str(Path(sys.executable).with_name(name))
    if not Path(found).exists():
        pytest.skip(f"{name} is not installed (PySide6-Essentials brings it)")
    return found


def lupdate(sources: list[Path], ts: Path, *, language: str = "en") -> None:
    command = [_tool("pyside6-lupdate"), "-target-language", language, "-source-language", "ru"]
    result = subprocess.run([*command, *map(str, sources), "-ts", str(ts)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def lrelease(ts: Path, qm: Path) -> None:
    result = subprocess.run([_tool("pyside6-lrelease"), str(ts), "-qm", str(qm)], capture_output=True, text=True)
    assert result.returncode == 0 and qm.exists(), result.stdout + result.stderr


def ts_messages(ts: Path) -> dict[str, set[str]]:
    """context name → its source texts."""
    contexts: dict[str, set[str]] = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        contexts.setdefault(name, set()).update(m.findtext("source") or "" for m in context.iter("message"))
    return contexts


def test_lupdate_extracts_exactly_what_tr_looks_up(tmp_path: Path) -> None:
    """The same strings (escapes, concatenations and quotes decoded alike) under the one context tr() uses."""
    ts = tmp_path / "all.ts"
    lupdate(ui_files(), ts)
    contexts = ts_messages(ts)
    assert set(contexts) == {i18n.CONTEXT}
    assert contexts[i18n.CONTEXT] == tr_sources(ui_files())
    assert len(contexts[i18n.CONTEXT]) > 500


def test_the_shipped_template_is_a_lupdate_file_for_translators() -> None:
    root = ET.parse(TEMPLATE).getroot()
    assert root.tag == "TS" and root.get("sourcelanguage") == "ru" and root.get("language") == "en"
    sources = ts_messages(TEMPLATE).get(i18n.CONTEXT, set())
    assert {"Войти", "Контингент", "Сохранить"} <= sources
    # Kept up to date (installer/README.md, «Перевод программы»): every string tr() looks up is there.
    missing = tr_sources(ui_files()) - sources
    assert not missing, f"run pyside6-lupdate for the template; missing: {sorted(missing)[:5]}"


@pytest.fixture
def english(tmp_path: Path) -> Iterator[Path]:
    """ejournal_en.qm with a few translations, made the translator's way; Russian again afterwards."""
    ts = tmp_path / "ejournal_en.ts"
    lupdate([UI / "login_dialog.py"], ts)
    tree = ET.parse(ts)
    filled = {"Войти": "Log in", "Пароль:": "Password:", "Отмена": "Cancel"}
    for message in tree.getroot().iter("message"):
        text = filled.get(message.findtext("source") or "")
        if text is not None:
            translation = message.find("translation")
            assert translation is not None
            translation.text = text
            translation.attrib.pop("type", None)
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    lrelease(ts, tmp_path / "ejournal_en.qm")
    yield tmp_path
    i18n.load(i18n.SOURCE_LANGUAGE)
    assert i18n.tr("Войти") == "Войти"


def test_a_translation_comes_back_from_tr_and_from_qt(english: Path, qapp: QApplication) -> None:
    assert i18n.load("en", english)
    assert i18n.language() == "en"
    assert i18n.tr("Войти") == "Log in"
    assert i18n.tr("Пароль:") == "Password:"
    assert i18n.tr("Логин:") == "Логин:"  # not translated yet: the Russian source shows
    assert i18n.install(qapp)
    assert QCoreApplication.translate(i18n.CONTEXT, "Войти") == "Log in"


def test_the_login_window_speaks_the_loaded_language(english: Path, qtbot, store: ProfileStore) -> None:  # type: ignore[no-untyped-def]
    assert i18n.load("en", english)
    dialog = LoginDialog(store)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert dialog.login_button.text() == "Log in"
    assert dialog.cancel_button.text() == "Cancel"


def test_russian_is_the_default_and_needs_no_file(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv(i18n.LANGUAGE_VARIABLE, raising=False)
    assert i18n.chosen_language() == "ru"
    monkeypatch.setenv(i18n.LANGUAGE_VARIABLE, "en_US.UTF-8")
    assert i18n.chosen_language() == "en"
    assert i18n.language() == "ru"
    assert i18n.tr("Войти") == "Войти"
    # A language with no file: a warning in the log, and the UI stays Russian.
    assert not i18n.load("de", tmp_path)
    assert i18n.language() == "ru" and i18n.tr("Войти") == "Войти"
    assert i18n.load("ru")


def test_every_label_from_below_the_ui_is_in_the_translators_catalog() -> None:
    """Section titles, roles, lesson kinds, reasons, control forms, orders and portfolio labels come
    from the domain and the services; the screens show them through tr_label, and lupdate finds them
    in ui/domain_labels.py. A label added below the UI without a line there fails here."""
    from ejournal_desktop.domain import marks as mk
    from ejournal_desktop.domain.attendance import REASON_LABELS
    from ejournal_desktop.domain.lessons import LESSON_KIND_LABELS
    from ejournal_desktop.domain.permissions import SECTIONS
    from ejournal_desktop.domain.roles import Role
    from ejournal_desktop.services import load, portfolio
    from ejournal_desktop.services import movements as mv

    catalog = {
        node.args[0].value  # type: ignore[attr-defined]
        for node in ast.walk(_tree(ROOT / "ejournal_desktop" / "ui" / "domain_labels.py"))
        if _is_tr_call(node)
    }
    labels = {s.title_ru for s in SECTIONS} | {r.label for r in Role}
    for table in (
        LESSON_KIND_LABELS,
        mk.FINAL_KIND_LABELS,
        REASON_LABELS,
        load.CONTROL_FORM_LABELS,
        mv.KIND_LABELS,
        portfolio.KIND_LABELS,
        portfolio.LEVEL_LABELS,
    ):
        labels |= set(table.values())
    assert labels - catalog == set()
