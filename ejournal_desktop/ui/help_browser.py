"""«Справка» (F1): a short guide in Russian for the open screen and the person's role.

The pages are HTML files in resources/help, shown in a QTextBrowser (links between pages work, no
web engine needed). One window per main window: F1 again brings it forward on the new topic.
"""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QDialog, QHBoxLayout, QPushButton, QTextBrowser, QVBoxLayout, QWidget

from ejournal_desktop.domain.roles import Role, parse_roles
from ejournal_desktop.resources_path import resource
from ejournal_desktop.ui.i18n import tr

INDEX = "index.html"

# Section key → the page that explains it (domain.permissions.SECTIONS has the keys).
SECTION_TOPICS = {
    "journals": "journal.html",
    "my_group": "credentials.html",
    "diary": "diary.html",
    "contingent": "import.html",
    "load": "import.html",
    "control": "control.html",
    "reports": "control.html",
    "accounts": "credentials.html",
    "backup": "backup.html",
    "audit": "control.html",
}
# A section shared by roles: what each role does there.
ROLE_TOPICS = {
    ("reports", Role.TEACHER): "journal.html",
    ("audit", Role.ADMIN): "backup.html",
}
# No section open (or one without a page of its own): the main job of the person's first role.
ROLE_HOME = {
    Role.ADMIN: "credentials.html",
    Role.DEPUTY: "control.html",
    Role.SECRETARY: "import.html",
    Role.TEACHER: "journal.html",
    Role.STUDENT: "diary.html",
    Role.PARENT: "diary.html",
}


def help_dir() -> str:
    return str(resource("help"))


def topic_for(section_key: str | None, roles: Iterable[str] | str) -> str:
    """The help page for a section as seen by these roles (index.html when nothing fits)."""
    held = [role for role in Role if role in parse_roles(roles)]
    for role in held:
        if (section_key, role) in ROLE_TOPICS:
            return ROLE_TOPICS[(section_key, role)]
    if section_key in SECTION_TOPICS:
        return SECTION_TOPICS[section_key]
    return ROLE_HOME.get(held[0], INDEX) if held else INDEX


class HelpBrowser(QDialog):
    def __init__(self, topic: str = INDEX, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(tr("Справка ЭЖ"))
        self.setWindowFlag(Qt.WindowType.WindowContextHelpButtonHint, False)
        self.resize(720, 640)
        self.browser = QTextBrowser()
        self.browser.setOpenExternalLinks(True)
        self.browser.setSearchPaths([help_dir()])
        css = resource("help", "style.css")
        if css.is_file():  # QTextBrowser ignores <link rel="stylesheet">: the default style sheet it is
            self.browser.document().setDefaultStyleSheet(css.read_text(encoding="utf-8"))
        self.browser.sourceChanged.connect(self._source_changed)

        self.back_button = QPushButton(tr("← Назад"))
        self.back_button.setShortcut(QKeySequence(QKeySequence.StandardKey.Back))
        self.back_button.setToolTip(tr("Предыдущая страница (Alt+←)"))
        self.back_button.clicked.connect(self.browser.backward)
        self.browser.backwardAvailable.connect(self.back_button.setEnabled)
        self.back_button.setEnabled(False)
        self.home_button = QPushButton(tr("Содержание"))
        self.home_button.setToolTip(tr("Все разделы справки"))
        self.home_button.clicked.connect(lambda: self.show_topic(INDEX))
        self.close_button = QPushButton(tr("Закрыть"))
        self.close_button.clicked.connect(self.close)

        buttons = QHBoxLayout()
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.home_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addLayout(buttons)
        self.show_topic(topic)

    def show_topic(self, topic: str) -> None:
        path = resource("help", topic)
        if not path.is_file():
            path = resource("help", INDEX)
        self.browser.setSource(QUrl.fromLocalFile(str(path)))

    def topic(self) -> str:
        return self.browser.source().fileName()

    def _source_changed(self, _url: QUrl) -> None:
        title = self.browser.documentTitle()
        self.setWindowTitle(tr("Справка ЭЖ — {0}").format(title) if title else tr("Справка ЭЖ"))


def show_help(parent: QWidget, topic: str) -> HelpBrowser:
    """Open (or bring forward) the parent's help window on the topic."""
    browser = parent.findChild(HelpBrowser, "", Qt.FindChildOption.FindDirectChildrenOnly)
    if browser is None:
        browser = HelpBrowser(topic, parent)
    else:
        browser.show_topic(topic)
    browser.show()
    browser.raise_()
    browser.activateWindow()
    return browser
