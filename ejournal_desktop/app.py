"""`ejournal-desktop`: the Qt application — settings, the login dialog, the main window.

The loop is: login dialog → main window → «Сменить пользователя» → login dialog again; cancelling
the login dialog or closing the main window ends the program. `--demo` creates (once) and opens the
demo college; on the very first start the journal is an embedded file in the user's data folder.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QLibraryInfo,
    QLocale,
    QObject,
    QRunnable,
    Qt,
    QThreadPool,
    QTimer,
    QTranslator,
    Signal,
    Slot,
)
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog

from ejournal_desktop import __version__, paths
from ejournal_desktop.domain.errors import DomainError
from ejournal_desktop.log_privacy import PrivacyFilter
from ejournal_desktop.resources_path import resource
from ejournal_desktop.services.connection import Profile
from ejournal_desktop.ui import i18n
from ejournal_desktop.ui.app_settings import AppSettings, apply_default_profile, apply_font_scale
from ejournal_desktop.ui.login_dialog import LoginDialog
from ejournal_desktop.ui.profiles import ProfileStore, ensure_profile

# Fast start: nothing heavy before the login window. The database libraries (services.auth, the
# store), the main window with its screens, reports, openpyxl and reportlab are imported after it is
# shown — in the background while the person types (`preload_after_login_window`) or when first used.
# tests/test_fast_start.py checks it.
if TYPE_CHECKING:
    from ejournal_desktop.services.auth import UserSession
    from ejournal_desktop.ui.change_password_dialog import ChangePasswordDialog
    from ejournal_desktop.ui.main_window import MainWindow

PRELOAD_MODULES = ("ejournal_desktop.services.auth", "ejournal_desktop.services.database_setup")

log = logging.getLogger("ejournal_desktop.app")

DEMO_PROFILE_NAME = "Демо-техникум"
DEMO_LOGIN = "prepod"
DEFAULT_PROFILE_NAME = "Локальная база"
LOG_FILE = "ejournal-desktop.log"


def parse_args(argv: Sequence[str] | None) -> tuple[argparse.Namespace, list[str]]:
    parser = argparse.ArgumentParser(prog="ejournal-desktop", description="ЭЖ — электронный журнал техникума")
    parser.add_argument("--demo", action="store_true", help="открыть демо-техникум (создаётся при первом запуске)")
    parser.add_argument("--version", action="store_true", help="показать версию и выйти")
    parser.add_argument("--smoke-test", action="store_true", help="открыть и закрыть окно входа (проверка сборки)")
    # Whatever argparse does not know (-platform, -style …) is for Qt.
    return parser.parse_known_args(list(sys.argv[1:] if argv is None else argv))


# -- the process ------------------------------------------------------------------------------


class _StartupBuffer(logging.Handler):
    """Keeps the first records while the login window is being shown (logging.handlers costs ~15 ms
    of a ~150 ms start); `finish_logging_setup()` writes them into the real file."""

    def __init__(self) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def setup_logging(*, deferred: bool = False) -> None:
    """A rotating log file in the user's log folder (no passwords, no personal data beyond logins).

    `deferred`: the file handler comes with `finish_logging_setup()` (after the login window is
    shown, or at exit); the records logged meanwhile are kept and written then, in order."""
    root = logging.getLogger()
    if root.level > logging.INFO or root.level == logging.NOTSET:
        root.setLevel(logging.INFO)
    logging.getLogger("alembic").setLevel(logging.WARNING)
    if deferred:
        if not any(isinstance(h, _StartupBuffer) for h in root.handlers) and not _has_log_file(root):
            root.addHandler(_StartupBuffer())
            import atexit

            atexit.register(finish_logging_setup)
        return
    finish_logging_setup()


def _has_log_file(root: logging.Logger) -> bool:
    return any(getattr(h, "name", "") == LOG_FILE for h in root.handlers)


def finish_logging_setup() -> None:
    from logging.handlers import RotatingFileHandler

    root = logging.getLogger()
    buffers = [h for h in root.handlers if isinstance(h, _StartupBuffer)]
    for buffer in buffers:
        root.removeHandler(buffer)
    if _has_log_file(root):
        return
    handler = RotatingFileHandler(paths.log_dir() / LOG_FILE, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
    handler.set_name(LOG_FILE)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(PrivacyFilter())  # no passwords, no personal data beyond logins
    root.addHandler(handler)
    for buffer in buffers:
        for record in buffer.records:
            if record.levelno >= root.level:
                handler.handle(record)


def install_excepthook() -> None:
    """An error nobody expected in a slot: logged in full, told to the person in one sentence."""

    def hook(exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        log.critical("unexpected error", exc_info=(exc_type, exc, tb))
        if QApplication.instance() is not None:
            QMessageBox.critical(
                None,
                "ЭЖ",
                f"Произошла внутренняя ошибка программы. Подробности записаны в журнал:\n{paths.log_dir() / LOG_FILE}",
            )

    sys.excepthook = hook


def create_application(qt_args: list[str]) -> QApplication:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication([sys.argv[0], *qt_args])
    app.setOrganizationName("ejournal")
    app.setApplicationName("ejournal-desktop")
    app.setApplicationDisplayName("ЭЖ")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("ejournal")
    # The shell quits itself: between logout and the next login no window is open.
    app.setQuitOnLastWindowClosed(False)
    # By name: QLocale.Language and QLocale.Country are enums of hundreds of members that PySide6
    # builds on first touch (~10 ms of the start).
    QLocale.setDefault(QLocale("ru_RU"))
    install_qt_translation(app)
    install_ui_translation(app)
    return app


def qt_translation_folders() -> list[Path]:
    """Where qtbase_ru.qm may be: Qt's own idea, the PySide6 package (a pip install or the bundle's
    copy of it), and the program's resources."""
    import PySide6

    folders = [
        Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)),
        Path(PySide6.__file__).resolve().parent / "Qt" / "translations",
        Path(PySide6.__file__).resolve().parent / "translations",
    ]
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        folders.append(Path(bundle) / "PySide6" / "Qt" / "translations")
    folders.append(resource("translations"))
    return list(dict.fromkeys(folders))


def set_window_icon(app: QApplication) -> None:
    """The program's icon (SVG: sharp at any DPI). Set once the login window is up: QIcon's first use
    builds its ThemeIcon enum, ~15 ms that the start need not wait for."""
    from PySide6.QtGui import QIcon

    icon = resource("icons", "ejournal.svg")
    if icon.exists() and app.windowIcon().isNull():
        app.setWindowIcon(QIcon(str(icon)))


def install_qt_translation(app: QApplication) -> bool:
    """Qt's own buttons and dialogs in Russian (QMessageBox's «Да»/«Нет», the file dialogs …), or in
    the language chosen for the UI (`EJOURNAL_LANG`, see ui/i18n.py) when Qt has it."""
    if getattr(app, "_ejournal_translator", None) is not None:
        return True
    lang = i18n.language()
    translator = QTranslator(app)
    for folder in qt_translation_folders():
        if translator.load(QLocale(lang), "qtbase", "_", str(folder)):
            app.installTranslator(translator)
            app._ejournal_translator = translator  # type: ignore[attr-defined]  # keep it alive
            log.debug("Qt's translation: %s", translator.filePath())
            return True
    log.warning("Qt's translation qtbase_%s.qm not found in %s", lang, [str(f) for f in qt_translation_folders()])
    return False


def install_ui_translation(app: QApplication) -> bool:
    """The program's own strings in another language: ejournal_<lang>.qm from resources/translations,
    loaded by ui/i18n.py when EJOURNAL_LANG asks for a language other than Russian (the source
    language, which needs no file). Installed next to qtbase; False when the UI speaks Russian."""
    if i18n.language() == i18n.SOURCE_LANGUAGE:
        return False
    installed = i18n.install(app)
    log.info("UI translation: %s (%s)", i18n.language(), "installed" if installed else "not installed")
    return installed


# -- preparing the embedded file (off the GUI thread, with progress) --------------------------


class _PrepareSignals(QObject):
    progress = Signal(str, float)
    done = Signal(object)  # Profile
    failed = Signal(str)


class _PrepareTask(QRunnable):
    def __init__(self, path: Path, demo: bool) -> None:
        super().__init__()
        self.signals = _PrepareSignals()
        self._path, self._demo = path, demo

    def run(self) -> None:
        try:
            from ejournal_desktop.services.database_setup import prepare_embedded_database

            profile = prepare_embedded_database(self._path, demo=self._demo, progress=self.signals.progress.emit)
        except DomainError as exc:
            self.signals.failed.emit(str(exc))
        except Exception:
            log.exception("preparing %s failed", self._path)
            self.signals.failed.emit(
                f"Не удалось подготовить базу данных {self._path}. Подробности — в журнале программы."
            )
        else:
            self.signals.done.emit(profile)


def prepare_with_progress(path: Path, *, demo: bool) -> Profile | None:
    """Create/upgrade the file (and fill the demo) while a progress dialog repaints; None on failure."""
    from PySide6.QtCore import QEventLoop

    dialog = QProgressDialog("Подготовка базы данных…", "", 0, 100)
    dialog.setWindowTitle("Демо-техникум" if demo else "ЭЖ")
    dialog.setCancelButton(None)  # type: ignore[arg-type]  # creating the schema cannot be interrupted halfway
    dialog.setMinimumDuration(300)
    dialog.setMinimumWidth(420)
    dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
    result: dict[str, object] = {}
    loop = QEventLoop()

    def on_progress(message: str, fraction: float) -> None:
        dialog.setLabelText(message)
        dialog.setValue(int(max(0.0, min(1.0, fraction)) * 100))

    def on_done(profile: Profile) -> None:
        result["profile"] = profile
        loop.quit()

    def on_failed(message: str) -> None:
        result["error"] = message
        loop.quit()

    task = _PrepareTask(path, demo)
    task.signals.progress.connect(on_progress)
    task.signals.done.connect(on_done)
    task.signals.failed.connect(on_failed)
    QThreadPool.globalInstance().start(task)
    loop.exec()
    dialog.close()
    if "error" in result:
        QMessageBox.critical(None, "ЭЖ", str(result["error"]))
        return None
    return result["profile"]  # type: ignore[return-value]


def startup_profile(store: ProfileStore, *, demo: bool) -> tuple[str | None, str | None] | None:
    """The profile and login to preselect; prepares the demo or the first-start file. None: give up."""
    if demo:
        prepared = prepare_with_progress(paths.demo_database_path(), demo=True)
        if prepared is None:
            return None
        profile = ensure_profile(store, Profile(name=DEMO_PROFILE_NAME, kind="embedded", path=prepared.path))
        return profile.name, store.last_login(profile.name) or DEMO_LOGIN
    if not store.profiles():
        prepared = prepare_with_progress(paths.default_database_path(), demo=False)
        if prepared is None:
            return None
        profile = ensure_profile(store, Profile(name=DEFAULT_PROFILE_NAME, kind="embedded", path=prepared.path))
        return profile.name, None
    return None, None


# -- after the login window is on screen ---------------------------------------------------


class _Preload(QRunnable):
    def run(self) -> None:
        import importlib

        for name in PRELOAD_MODULES:
            try:
                importlib.import_module(name)
            except Exception:  # the login itself imports it again and reports what is wrong
                log.exception("preloading %s failed", name)


def after_login_window_shown() -> None:
    """What the start leaves for after the login window is on screen: the log file, the icon, and the
    database libraries imported while the person types (the first «Войти» does not wait for them)."""
    finish_logging_setup()
    app = QApplication.instance()
    if isinstance(app, QApplication):
        set_window_icon(app)
    if not all(name in sys.modules for name in PRELOAD_MODULES):
        QThreadPool.globalInstance().start(_Preload())


def add_help_key(dialog: LoginDialog) -> None:
    """F1 on the login window: the help's contents (how to log in, who hands out passwords)."""
    from PySide6.QtGui import QKeySequence, QShortcut

    def show() -> None:
        from ejournal_desktop.ui.help_browser import show_help

        show_help(dialog, "index.html")

    shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.HelpContents), dialog)
    shortcut.activated.connect(show)


# -- the build check --------------------------------------------------------------------------


def smoke_test(app: QApplication, store: ProfileStore, *, demo: bool) -> int:
    """`--smoke-test` (CI starts the built bundle with it): everything a first start needs, with no
    modal dialog to hang on — prepare the database (the migrations), show and close the login window,
    then check the resources and the modules that are imported only later (reports, XLSX, PDF fonts)."""
    problems: list[str] = []
    target = paths.demo_database_path() if demo else paths.default_database_path()
    if demo or not store.profiles():  # what a first start (or --demo) would prepare
        try:
            from ejournal_desktop.services.database_setup import prepare_embedded_database

            prepared = prepare_embedded_database(target, demo=demo)
            name = DEMO_PROFILE_NAME if demo else DEFAULT_PROFILE_NAME
            ensure_profile(store, Profile(name=name, kind="embedded", path=prepared.path))
        except Exception as exc:
            problems.append(f"база данных {target}: {exc}")
    dialog = LoginDialog(store)
    dialog.show()
    app.processEvents()
    if not dialog.isVisible() or dialog.profile_combo.count() == 0:
        problems.append("окно входа не открылось или в нём нет подключения")
    dialog.close()
    dialog.deleteLater()
    app.processEvents()
    if getattr(app, "_ejournal_translator", None) is None:
        problems.append("не найден перевод Qt (qtbase_ru.qm)")
    for parts in (("fonts", "DejaVuSans.ttf"), ("icons", "ejournal.svg"), ("help", "index.html")):
        if not resource(*parts).is_file():
            problems.append(f"нет ресурса {'/'.join(parts)}")
    import importlib

    for module in (
        "ejournal_desktop.reports.credential_slips",
        "ejournal_desktop.reports.list_export",
        "ejournal_desktop.services.demo_college",
        "ejournal_desktop.ui.settings_dialog",
        "ejournal_desktop.ui.help_browser",
        "openpyxl",
        "reportlab.pdfgen.canvas",
        "psycopg",
        "keyring",
    ):
        try:
            importlib.import_module(module)
        except Exception as exc:
            problems.append(f"модуль {module}: {exc}")
    try:
        from ejournal_desktop.reports.pdf_fonts import register_fonts

        register_fonts()
    except Exception as exc:
        problems.append(f"шрифт для PDF: {exc}")
    for problem in problems:
        print(f"ejournal-desktop --smoke-test: {problem}", file=sys.stderr)
    if not problems:
        print("ejournal-desktop --smoke-test: окно входа открылось и закрылось, ресурсы на месте")
    return 1 if problems else 0


# -- the loop ---------------------------------------------------------------------------------


class Shell(QObject):
    """Login dialog → main window → (switch user) → login dialog …; quits when the person is done."""

    def __init__(
        self,
        store: ProfileStore,
        *,
        profile_name: str | None = None,
        login: str | None = None,
        quit_app: Callable[[], None] | None = None,
    ) -> None:
        super().__init__()
        self.store = store
        self.login_dialog: LoginDialog | None = None
        self.main_window: MainWindow | None = None
        self.password_dialog: ChangePasswordDialog | None = None
        self._profile_name, self._login = profile_name, login
        self._quit = quit_app or QApplication.quit

    def show_login(self) -> LoginDialog:
        dialog = LoginDialog(self.store, profile_name=self._profile_name, login=self._login, defer_keyring=True)
        self._profile_name = self._login = None  # later logins start from the last used
        dialog.accepted.connect(self._logged_in)
        dialog.rejected.connect(self._quit)
        self.login_dialog = dialog
        add_help_key(dialog)
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        QTimer.singleShot(0, after_login_window_shown)
        return dialog

    @Slot()
    def _logged_in(self) -> None:
        dialog = self.login_dialog
        assert dialog is not None and dialog.session is not None
        self.login_dialog = None
        dialog.deleteLater()
        session = dialog.session
        log.info("logged in: %s, %s", session.user.login, session.profile.describe())
        if session.user.must_change_password:
            self._ask_new_password(session)
            return
        self._open_main_window(session)

    def _ask_new_password(self, session: UserSession) -> None:
        """A temporary password: a new one first, or no journal (cancel = log out, back to the login)."""
        from ejournal_desktop.ui.change_password_dialog import ChangePasswordDialog

        dialog = ChangePasswordDialog(session, forced=True)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.password_dialog = dialog

        def changed() -> None:
            self.password_dialog = None
            self._open_main_window(session)

        def refused() -> None:
            self.password_dialog = None
            from ejournal_desktop.services import auth

            auth.logout(session)
            log.info("logged out: the temporary password was not changed")
            self.show_login()

        dialog.accepted.connect(changed)
        dialog.rejected.connect(refused)
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()

    def _open_main_window(self, session: UserSession) -> None:
        from ejournal_desktop.ui.main_window import MainWindow

        window = MainWindow(session)
        window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        window.logout_requested.connect(self._logged_out)
        window.closed.connect(self._quit)
        self.main_window = window
        window.show()

    @Slot()
    def _logged_out(self) -> None:
        log.info("logged out")
        self.main_window = None
        self.show_login()


def main(argv: Sequence[str] | None = None) -> int:
    args, qt_args = parse_args(argv)
    if args.version:
        print(f"ЭЖ {__version__}")
        return 0
    setup_logging(deferred=True)  # the file is opened once the login window is up
    app = create_application(qt_args)
    if not args.smoke_test:
        install_excepthook()
    settings = AppSettings()
    apply_font_scale(app, settings.font_scale)
    store = settings.profiles()
    if apply_default_profile(store) is not None:
        log.info("the installer's default profile was taken into the profile list")
    if args.smoke_test:
        finish_logging_setup()
        set_window_icon(app)
        return smoke_test(app, store, demo=args.demo)
    start = startup_profile(store, demo=args.demo)
    if start is None:
        return 1
    profile_name, login = start
    shell = Shell(store, profile_name=profile_name, login=login)
    shell.show_login()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
