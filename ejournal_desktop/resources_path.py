"""Where the shipped resources (fonts, help, demo data) are, installed or in a checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def resources_dir() -> Path:
    # An installed copy has them as the package ejournal_desktop.resources; a source checkout
    # (tests run from the repository) has them at the repository's top level.
    for candidate in (_PACKAGE_DIR / "resources", _PACKAGE_DIR.parent / "resources"):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError("Не найдена папка ресурсов программы (resources)")


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)
