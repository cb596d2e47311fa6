"""The Cyrillic fonts of our PDFs: reportlab's built-in ones have no Cyrillic (black boxes instead).

DejaVu Sans ships in resources/fonts (Bitstream Vera licence, its LICENSE beside it). Registered
once per process; the names below are what a renderer passes to setFont.
"""

from __future__ import annotations

from functools import cache

from ejournal_desktop.resources_path import resource

REGULAR = "DejaVuSans"
BOLD = "DejaVuSans-Bold"
# Logins and passwords are ASCII only: Courier tells l from 1 and O from 0 well enough on paper,
# and the password alphabet has none of those look-alikes anyway.
MONO = "Courier-Bold"


@cache
def register_fonts() -> tuple[str, str]:
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    pdfmetrics.registerFont(TTFont(REGULAR, str(resource("fonts", "DejaVuSans.ttf"))))
    pdfmetrics.registerFont(TTFont(BOLD, str(resource("fonts", "DejaVuSans-Bold.ttf"))))
    addMapping(REGULAR, 0, 0, REGULAR)
    addMapping(REGULAR, 1, 0, BOLD)
    return REGULAR, BOLD
