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
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QLibraryInfo, QLocale, QObject, QRunnable, Qt, QThreadPool, QTranslator, Signal, Slot
from PySide6.QtWidgets import QApplication, QMessageBox, QProgressDialog

from ejournal_desktop import __version__, paths
from ejournal_desktop.domain.errors import DomainError
from ejournal_desktop.services import auth
from ejournal_desktop.services.auth import Profile, UserSession
from ejournal_desktop.services.database_setup import prepare_embedded_database
from ejournal_desktop.ui.change_password_dialog import ChangePasswordDialog
from ejournal_desktop.ui.login_dialog import LoginDialog
from ejournal_desktop.ui.main_window import MainWindow
from ejournal_desktop.ui.profiles import ProfileStore, ensure_profile

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


def setup_logging() -> None:
    """A rotating log file in the user's log folder (passwords are never logged anywhere)."""
    root = logging.getLogger()
    if any(getattr(h, "name", "") == LOG_FILE for h in root.handlers):
        return
    handler = RotatingFileHandler(paths.log_dir() / LOG_FILE, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
    handler.set_name(LOG_FILE)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    if root.level > logging.INFO or root.level == logging.NOTSET:
        root.setLevel(logging.INFO)
    logging.getLogger("alembic").setLevel(logging.WARNING)


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
    app.setApplicationVersion(__version__)
    # The shell quits itself: between logout and the next login no window is open.
    app.setQuitOnLastWindowClosed(False)
    QLocale.setDefault(QLocale(QLocale.Language.Russian, QLocale.Country.Russia))
    install_qt_translation(app)
    return app


def install_qt_translation(app: QApplication) -> None:
    """Qt's own buttons and dialogs in Russian; a wheel without the file just stays English."""
    if getattr(app, "_ejournal_translator", None) is not None:
        return
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if translator.load(QLocale(QLocale.Language.Russian), "qtbase", "_", folder):
        app.installTranslator(translator)
        app._ejournal_translator = translator  # type: ignore[attr-defined]  # keep it alive
    else:
        log.info("Qt's Russian translation not found in %s", folder)


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
        dialog = LoginDialog(self.store, profile_name=self._profile_name, login=self._login)
        self._profile_name = self._login = None  # later logins start from the last used
        dialog.accepted.connect(self._logged_in)
        dialog.rejected.connect(self._quit)
        self.login_dialog = dialog
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
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
        dialog = ChangePasswordDialog(session, forced=True)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.password_dialog = dialog

        def changed() -> None:
            self.password_dialog = None
            self._open_main_window(session)

        def refused() -> None:
            self.password_dialog = None
            auth.logout(session)
            log.info("logged out: the temporary password was not changed")
            self.show_login()

        dialog.accepted.connect(changed)
        dialog.rejected.connect(refused)
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()

    def _open_main_window(self, session: UserSession) -> None:
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
    setup_logging()
    app = create_application(qt_args)
    if not args.smoke_test:
        install_excepthook()
    store = ProfileStore()
    start = startup_profile(store, demo=args.demo)
    if start is None:
        return 1
    profile_name, login = start
    if args.smoke_test:
        dialog = LoginDialog(store, profile_name=profile_name, login=login)
        dialog.show()
        app.processEvents()
        dialog.close()
        dialog.deleteLater()
        app.processEvents()
        return 0
    shell = Shell(store, profile_name=profile_name, login=login)
    shell.show_login()
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
