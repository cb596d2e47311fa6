"""«Сохранить сведения для поддержки…»: one zip for the administrator — the program's log files and
the versions (program, libraries, database server and schema) with the paths. No passwords and no
personal data beyond the login: the logs are redacted once more on the way into the archive.
"""

from __future__ import annotations

import datetime as dt
import zipfile
from collections.abc import Mapping
from pathlib import Path

from ejournal_desktop import paths
from ejournal_desktop.log_privacy import redact
from ejournal_desktop.services import system_info
from ejournal_desktop.services.auth import UserSession

LOG_GLOB = "*.log*"
MAX_LOG_BYTES = 5_000_000  # per file: the rotating log keeps 1 MB × 4 anyway


def versions_text(session: UserSession | None = None, extra: Mapping[str, str] | None = None) -> str:
    lines = [f"Сведения для поддержки ЭЖ, {dt.datetime.now():%d.%m.%Y %H:%M}", ""]
    lines.append("[Программа]")
    lines += [f"{name}: {value}" for name, value in system_info.program_versions().items()]
    lines += [f"{name}: {value}" for name, value in (extra or {}).items()]
    lines += ["", "[Папки]"]
    lines += [f"{name}: {value}" for name, value in system_info.program_paths().items()]
    if session is not None:
        lines += ["", "[База данных]"]
        try:
            info = system_info.database_info(session)
        except Exception as exc:  # the support file is wanted most when the database misbehaves
            lines.append(f"не удалось получить сведения: {redact(str(exc).splitlines()[0])}")
        else:
            lines += [
                f"Тип: {info.backend}",
                f"Сервер: {info.server_version}",
                f"Схема: {info.schema_revision} (программа знает {info.schema_head})",
                f"Где: {info.location}",
                f"Вошёл: {info.login}",
            ]
    return "\n".join(lines) + "\n"


def write_support_zip(
    target: Path, session: UserSession | None = None, extra: Mapping[str, str] | None = None
) -> list[str]:
    """Write the zip; the names of its members."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    names = []
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("versions.txt", versions_text(session, extra))
        names.append("versions.txt")
        for log_file in sorted(paths.log_dir().glob(LOG_GLOB)):
            if not log_file.is_file():
                continue
            data = log_file.read_bytes()[-MAX_LOG_BYTES:]
            name = f"logs/{log_file.name}"
            archive.writestr(name, redact(data.decode("utf-8", errors="replace")))
            names.append(name)
    return names
