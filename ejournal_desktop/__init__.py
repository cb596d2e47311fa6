"""ЭЖ — the electronic journal of an agricultural technical college."""

__version__ = "0.1.0"
APP_NAME = "ЭЖ"
APP_TITLE = "ЭЖ — электронный журнал"
