"""People's names: search keys, display forms and Russian alphabetical order."""

from __future__ import annotations

import unicodedata


def search_key(text: str) -> str:
    """A form of a name both backends can match with a plain LIKE.

    SQLite's upper()/ILIKE do not fold Cyrillic, so the store keeps this key in a column and
    searches on it: casefolded, «ё» as «е» (people type either), whitespace collapsed. NFC first,
    so a decomposed «ё» (е + combining diaeresis) folds like the composed one.
    """
    folded = unicodedata.normalize("NFC", text).casefold().replace("ё", "е")
    return " ".join(folded.split())


def full_name(last: str, first: str, middle: str | None = None) -> str:
    """«Иванов Иван Иванович»; missing parts are skipped (not everyone has a patronymic)."""
    return " ".join(part.strip() for part in (last, first, middle or "") if part.strip())


def short_name(last: str, first: str, middle: str | None = None) -> str:
    """«Иванов И. И.», the form used in journals and on signature lines."""
    initials = " ".join(f"{part.strip()[0].upper()}." for part in (first, middle or "") if part.strip())
    return " ".join(part for part in (last.strip(), initials) if part)


def russian_sort_key(text: str) -> tuple[str, str, str]:
    """Order names as a Russian reader expects: «Ёлкин» right after «Елкин», not after «Яковлев».

    Primary: the search key («ё» as «е»). Ties: the casefolded text, where «ё» sorts after «е»
    by code point. Last: the text itself, so the order is total.
    """
    normalized = unicodedata.normalize("NFC", text)
    return search_key(normalized), " ".join(normalized.casefold().split()), normalized


_TRANSLIT = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z", "и": "i",
    "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s", "т": "t",
    "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y", "ь": "",
    "э": "e", "ю": "yu", "я": "ya",
}  # fmt: skip


def translit(text_: str) -> str:
    """Lowercase latin letters and digits for a login, the way Russian passports spell names (simplified)."""
    latin = "".join(_TRANSLIT.get(ch, ch) for ch in text_.casefold())
    return "".join(ch for ch in latin if ch.isascii() and ch.isalnum())
