"""PyInstaller's entry script of the command line (`ejournal`)."""

import sys

from ejournal_desktop.cli import main

if __name__ == "__main__":
    sys.exit(main())
