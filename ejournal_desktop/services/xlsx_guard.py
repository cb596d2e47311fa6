"""Look at a file before openpyxl does: size, format, encryption, zip bombs — a Russian reason each.

openpyxl on a 50 MB file of junk, an old .xls, a password-protected book (an OLE container with an
`EncryptedPackage` stream) or a zip that inflates to gigabytes either fails with an English
exception or takes minutes. These checks read a few kilobytes and the zip directory only.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from ejournal_desktop.domain.errors import ValidationError
from ejournal_desktop.domain.units import format_size

MAX_FILE_BYTES = 30 * 1024 * 1024  # a contingent list of the largest college is well under 1 MB
MAX_UNPACKED_BYTES = 300 * 1024 * 1024
OLE_MAGIC = bytes.fromhex("D0CF11E0A1B11AE1")
ZIP_MAGIC = b"PK\x03\x04"
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")


class BadWorkbook(ValidationError):
    """The file cannot be read as an XLSX book; the message says why and what to do."""


def check_workbook_file(path: str | Path) -> Path:
    """Raise BadWorkbook unless `path` looks like a readable, unencrypted XLSX book of sane size."""
    file = Path(path)
    name = file.name
    if not file.exists():
        raise BadWorkbook(f"Файл «{name}» не найден")
    if not file.is_file():
        raise BadWorkbook(f"«{name}» — не файл")
    size = file.stat().st_size
    if size == 0:
        raise BadWorkbook(f"Файл «{name}» пуст (0 байт)")
    if size > MAX_FILE_BYTES:
        raise BadWorkbook(
            f"Файл «{name}» слишком большой ({format_size(size)}): список контингента в XLSX занимает не больше "
            f"{format_size(MAX_FILE_BYTES)}. Проверьте, что выбран нужный файл"
        )
    try:
        with file.open("rb") as handle:
            head = handle.read(8)
    except OSError as exc:
        raise BadWorkbook(f"Файл «{name}» не открывается: {exc.strerror or exc}") from exc
    if head.startswith(OLE_MAGIC):
        if _is_encrypted_ole(file):
            raise BadWorkbook(
                f"Файл «{name}» защищён паролем. Откройте его в Excel, снимите пароль "
                "(Файл → Сведения → Защита книги) и сохраните как XLSX"
            )
        raise BadWorkbook(
            f"Файл «{name}» в старом формате XLS (Excel 97–2003). "
            "Откройте его в Excel и сохраните как «Книга Excel (*.xlsx)»"
        )
    if not head.startswith(ZIP_MAGIC):
        raise BadWorkbook(f"Файл «{name}» — не книга Excel (XLSX). Сохраните список в Excel как «Книга Excel (*.xlsx)»")
    try:
        with zipfile.ZipFile(file) as archive:
            members = archive.infolist()
            names = {info.filename for info in members}
            unpacked = sum(info.file_size for info in members)
    except Exception as exc:  # BadZipFile, NotImplementedError (odd versions), OSError, EOFError …
        raise BadWorkbook(f"Файл «{name}» повреждён: архив XLSX не читается (файл обрезан или испорчен)") from exc
    if "[Content_Types].xml" not in names or not any(n.startswith("xl/workbook") for n in names):
        raise BadWorkbook(f"Файл «{name}» — архив, но не книга Excel (XLSX): в нём нет листов книги")
    if unpacked > MAX_UNPACKED_BYTES:
        raise BadWorkbook(f"Файл «{name}» распаковывается в {format_size(unpacked)}: это не список контингента")
    return file


def _is_encrypted_ole(file: Path) -> bool:
    """An Office file encrypted with a password is an OLE container with an EncryptedPackage stream."""
    with file.open("rb") as handle:
        data = handle.read(min(file.stat().st_size, 1024 * 1024))
    return _ENCRYPTED_STREAM in data
