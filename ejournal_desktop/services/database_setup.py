"""Preparing the embedded database: create or upgrade its schema, fill the demo college once."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import func, select

from ejournal_desktop.services.auth import Profile
from ejournal_desktop.services.connection import DEMO_HINT, is_demo_profile  # noqa: F401 (re-exported)
from ejournal_desktop.store import models as m
from ejournal_desktop.store.engine import make_engine
from ejournal_desktop.store.migrate import upgrade

Progress = Callable[[str, float], None]


def is_empty(path: Path) -> bool:
    engine = make_engine(f"sqlite:///{path}")
    try:
        with engine.connect() as connection:
            return connection.execute(select(func.count()).select_from(m.Person)).scalar_one() == 0
    finally:
        engine.dispose()


def prepare_embedded_database(
    path: Path,
    *,
    demo: bool = False,
    progress: Progress | None = None,
    today: dt.date | None = None,
) -> Profile:
    """Create/upgrade the file's schema; with `demo`, fill the demo college if the file is empty."""
    path.parent.mkdir(parents=True, exist_ok=True)
    engine = make_engine(f"sqlite:///{path}")
    try:
        if progress:
            progress("Подготовка базы данных", 0.0)
        upgrade(engine)
        if demo:
            with engine.connect() as connection:
                empty = connection.execute(select(func.count()).select_from(m.Person)).scalar_one() == 0
            if empty:
                from ejournal_desktop.services.demo_college import fill_demo  # heavy: only when used

                fill_demo(engine, size="small", today=today, progress=progress)
        if progress:
            progress("Готово", 1.0)
    finally:
        engine.dispose()
    name = "Демо-техникум" if demo else "Локальная база"
    return Profile(name=name, kind="embedded", path=str(path))
