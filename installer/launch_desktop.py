"""PyInstaller's entry script of the GUI (`ejournal-desktop`)."""

import sys

from ejournal_desktop.app import main

if __name__ == "__main__":
    sys.exit(main())
