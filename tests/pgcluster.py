"""A throw-away PostgreSQL cluster for tests and benchmarks.

pytest-postgresql's process fixture fails as root and uses cleartext passwords, so this small
helper runs initdb/pg_ctl itself: as the `postgres` system user when we are root (initdb refuses
root), password auth with scram-sha-256 on 127.0.0.1 and a free port.
"""

from __future__ import annotations

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

SUPERUSER = "ej_test_super"
SUPERUSER_PASSWORD = "Тест-пароль'1"  # quotes and Cyrillic on purpose: the URL must be escaped


def find_pg_bin() -> Path | None:
    """The folder of initdb/pg_ctl: PATH first, then Debian's versioned folders, newest first."""
    on_path = shutil.which("initdb")
    if on_path:
        return Path(on_path).resolve().parent
    root = Path("/usr/lib/postgresql")
    if root.is_dir():
        for version in sorted(root.iterdir(), key=lambda p: p.name, reverse=True):
            if (version / "bin" / "initdb").exists():
                return version / "bin"
    return None


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class PgCluster:
    bin_dir: Path
    base_dir: Path
    port: int = field(default_factory=_free_port)
    _run_as: str | None = None

    @property
    def data_dir(self) -> Path:
        return self.base_dir / "data"

    def _run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        command = [str(self.bin_dir / args[0]), *args[1:]]
        if self._run_as:
            command = ["runuser", "-u", self._run_as, "--", *command]
        return subprocess.run(command, check=check, capture_output=True, text=True)

    def start(self) -> None:
        if os.geteuid() == 0:
            self._run_as = "postgres"
            entry = pwd.getpwnam("postgres")
            os.chown(self.base_dir, entry.pw_uid, entry.pw_gid)
        password_file = self.base_dir / "pwfile"
        password_file.write_text(SUPERUSER_PASSWORD + "\n", encoding="utf-8")
        if self._run_as:
            entry = pwd.getpwnam(self._run_as)
            os.chown(password_file, entry.pw_uid, entry.pw_gid)
        self._run(
            "initdb",
            "-D",
            str(self.data_dir),
            "-U",
            SUPERUSER,
            f"--pwfile={password_file}",
            "--auth=scram-sha-256",
            "--encoding=UTF8",
            "--locale=C.UTF-8",
            "--no-sync",
        )
        password_file.unlink()
        options = (
            f"-c port={self.port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={self.base_dir} "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200 "
            "-c shared_buffers=256MB"
        )
        self._run("pg_ctl", "-D", str(self.data_dir), "-o", options, "-l", str(self.base_dir / "log"), "-w", "start")

    def stop(self) -> None:
        self._run("pg_ctl", "-D", str(self.data_dir), "-m", "immediate", "-w", "stop", check=False)

    def url(self, database: str = "postgres", user: str = SUPERUSER, password: str = SUPERUSER_PASSWORD) -> str:
        from urllib.parse import quote

        return f"postgresql://{quote(user, safe='')}:{quote(password, safe='')}@127.0.0.1:{self.port}/{database}"


def start_cluster() -> PgCluster:
    bin_dir = find_pg_bin()
    if bin_dir is None:
        raise FileNotFoundError("PostgreSQL server binaries (initdb, pg_ctl) not found")
    base = Path(tempfile.mkdtemp(prefix="ej-pg-"))
    cluster = PgCluster(bin_dir=bin_dir, base_dir=base)
    for attempt in range(3):
        try:
            cluster.start()
            return cluster
        except subprocess.CalledProcessError as exc:
            # Another process may have taken the free port between the probe and the start.
            if attempt == 2:
                log = (base / "log").read_text(errors="replace") if (base / "log").exists() else ""
                raise RuntimeError(f"PostgreSQL did not start: {exc.stderr}\n{log}") from exc
            shutil.rmtree(cluster.data_dir, ignore_errors=True)
            cluster.port = _free_port()
            time.sleep(0.2)
    return cluster


def remove_cluster(cluster: PgCluster) -> None:
    cluster.stop()
    shutil.rmtree(cluster.base_dir, ignore_errors=True)
