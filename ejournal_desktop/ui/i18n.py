"""The UI's strings through Qt's translation mechanism: `tr("Русский текст")`.

Russian is the source language: with no translation loaded `tr()` gives its argument back. Another
language is a file `ejournal_<lang>.qm` in resources/translations (pyside6-lupdate → Qt Linguist →
pyside6-lrelease, see installer/README.md), chosen with the environment variable `EJOURNAL_LANG`
(e.g. `EJOURNAL_LANG=en`); Russian needs no file.

The context: pyside6-lupdate files a plain `tr("…")` call under the empty context wherever it stands
(module, class or function body), so that is the context looked up here (`CONTEXT`); a
`QCoreApplication.translate("ejournal", …)` lookup would never find what lupdate extracted.

When: module constants (column titles, labels) call `tr()` as their module is imported — before the
QApplication exists. So this module loads the translator itself, on its first import, and `tr()` asks
it directly; `install(app)` also puts it into the application (so `QCoreApplication.translate("", …)`
agrees with `tr()`).
"""

from __future__ import annotations

import logging
import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTranslator

from ejournal_desktop.resources_path import resource

log = logging.getLogger(__name__)

CONTEXT = ""  # what pyside6-lupdate records for a plain tr("…") call
SOURCE_LANGUAGE = "ru"
LANGUAGE_VARIABLE = "EJOURNAL_LANG"
FILE_PREFIX = "ejournal_"

_translator: QTranslator | None = None
_language = SOURCE_LANGUAGE


def tr(text: str) -> str:
    """`text` (Russian, a literal — lupdate extracts it) in the chosen language."""
    translator = _translator
    if translator is None:
        return text
    return translator.translate(CONTEXT, text) or text


def tr_label(label: str) -> str:
    """A label that comes from the domain or a service (a section title, a role, a lesson kind) in the
    chosen language. Its literal stands in ui/domain_labels.py, where lupdate finds it."""
    translator = _translator
    if translator is None:
        return label
    return translator.translate(CONTEXT, label) or label


def translations_dir() -> Path:
    return resource("translations")


def chosen_language() -> str:
    """The language asked for: `EJOURNAL_LANG` (`en`, `en_US.UTF-8` → `en`), Russian by default."""
    value = os.environ.get(LANGUAGE_VARIABLE, "").strip().lower()
    for separator in (".", "@", "_", "-"):
        value = value.split(separator, 1)[0]
    return value or SOURCE_LANGUAGE


def language() -> str:
    """The language the UI speaks now (the source language when no translation is loaded)."""
    return _language


def load(lang: str, folder: Path | None = None) -> bool:
    """Use `ejournal_<lang>.qm` from `folder` (resources/translations); Russian unloads any.

    False (and Russian stays) when the file is missing or unreadable."""
    global _translator, _language
    lang = lang.strip().lower() or SOURCE_LANGUAGE
    if lang == SOURCE_LANGUAGE:
        _uninstall()
        _translator, _language = None, SOURCE_LANGUAGE
        return True
    try:
        folder = translations_dir() if folder is None else folder
    except FileNotFoundError as exc:  # a broken installation: better Russian than no program
        log.warning("no UI translation %s%s.qm: %s", FILE_PREFIX, lang, exc)
        return False
    translator = QTranslator()
    if not translator.load(FILE_PREFIX + lang, str(folder)):
        log.warning("no UI translation %s%s.qm in %s: the UI stays in Russian", FILE_PREFIX, lang, folder)
        return False
    _uninstall()
    _translator, _language = translator, lang
    return True


def install(app: QCoreApplication) -> bool:
    """Also make the loaded translation Qt's (QCoreApplication.translate); False when Russian."""
    if _translator is None:
        return False
    return app.installTranslator(_translator)


def _uninstall() -> None:
    app = QCoreApplication.instance()
    if _translator is not None and app is not None:
        app.removeTranslator(_translator)


load(chosen_language())
