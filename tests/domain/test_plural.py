from __future__ import annotations

import pytest

from ejournal_desktop.domain.plural import plural


@pytest.mark.parametrize(
    ("count", "word"),
    [(0, "листов"), (1, "лист"), (2, "листа"), (4, "листа"), (5, "листов"), (11, "листов"), (12, "листов"),
     (14, "листов"), (21, "лист"), (22, "листа"), (101, "лист"), (111, "листов"), (112, "листов"), (1004, "листа")],
)  # fmt: skip
def test_the_russian_plural(count: int, word: str) -> None:
    assert plural(count, "лист", "листа", "листов") == word
