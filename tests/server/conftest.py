"""Fixtures of the server tests: a college on a database set up by `init_server`, once per module."""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator

import pytest

from tests.server.college import College, build_college, drop_college
from tests.server.demo_server import server_demo  # noqa: F401  (the demo college on a `server init` database)

_counter = itertools.count(1)


def unique_db(prefix: str = "ej_srv") -> str:
    return f"{prefix}_{os.getpid()}_{next(_counter)}"


@pytest.fixture(scope="module")
def college(pg_server) -> Iterator[College]:  # type: ignore[no-untyped-def]
    built = build_college(pg_server.url, unique_db())
    yield built
    drop_college(built)
