import pytest

from ejournal_desktop.domain.units import format_size


@pytest.mark.parametrize(
    ("size", "shown"),
    [
        (0, "0 Б"),
        (1023, "1023 Б"),
        (1024, "1 КБ"),
        (12 * 1024 + 700, "13 КБ"),
        (int(15.6 * (1 << 20)), "15,6 МБ"),
        (5 * (1 << 20), "5,0 МБ"),
        (int(1.25 * (1 << 30)), "1,2 ГБ"),
    ],
)
def test_sizes_read_as_russian(size: int, shown: str) -> None:
    assert format_size(size) == shown
