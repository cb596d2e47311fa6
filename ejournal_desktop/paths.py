"""Per-user folders of the program (data, logs, settings); EJOURNAL_HOME moves them all (tests, portable use)."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP_DIR_NAME = "ejournal"


def _home_override() -> Path | None:
    value = os.environ.get("EJOURNAL_HOME")
    return Path(value) if value else None


def data_dir() -> Path:
    base = _home_override()
    path = base / "data" if base else Path(platformdirs.user_data_dir(APP_DIR_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def log_dir() -> Path:
    base = _home_override()
    path = base / "logs" if base else Path(platformdirs.user_log_dir(APP_DIR_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def config_dir() -> Path:
    base = _home_override()
    path = base / "config" if base else Path(platformdirs.user_config_dir(APP_DIR_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def demo_database_path() -> Path:
    return data_dir() / "demo.sqlite3"


def default_database_path() -> Path:
    return data_dir() / "journal.sqlite3"
