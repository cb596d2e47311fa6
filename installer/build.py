"""Build the one-folder bundle of ЭЖ (GUI + CLI) with PyInstaller, then pack it for installing.

    python installer/build.py                 # bundle in installer/dist/ejournal + the archive
    python installer/build.py --no-archive    # the bundle only (CI)
    python installer/build.py --check         # and start the built programs (--version, --smoke-test)

Linux: the archive is `installer/dist/ejournal-<version>-linux-<arch>.tar.gz` (the bundle, the
.desktop file, the icon and `install-desktop-entry.sh`). Windows: run Inno Setup's `iscc` on
installer/ejournal.iss afterwards (see installer/README.md), or pass `--inno` when iscc is on PATH.
Needs the `[build]` extra: `pip install -e ".[build]"`.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DIST = HERE / "dist"
WORK = HERE / "build"
BUNDLE = DIST / "ejournal"
SVG_ICON = ROOT / "resources" / "icons" / "ejournal.svg"
WINDOWS = sys.platform == "win32"
EXE_SUFFIX = ".exe" if WINDOWS else ""


def version() -> str:
    namespace: dict[str, str] = {}
    exec((ROOT / "ejournal_desktop" / "__init__.py").read_text(encoding="utf-8"), namespace)
    return namespace["__version__"]


def render_icons(target: Path) -> None:
    """ejournal.png (256 px) and ejournal.ico drawn from the SVG, for the executables and installers."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication.instance() or QGuiApplication([])
    renderer = QSvgRenderer(str(SVG_ICON))
    image = QImage(256, 256, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    target.mkdir(parents=True, exist_ok=True)
    if not image.save(str(target / "ejournal.png")) or not image.save(str(target / "ejournal.ico"), "ICO"):
        raise SystemExit("build: could not write the icons")


def run_pyinstaller(clean: bool) -> None:
    command = [
        sys.executable,
        "-m",
        "PyInstaller",
        "--noconfirm",
        "--log-level",
        "WARN",
        "--distpath",
        str(DIST),
        "--workpath",
        str(WORK),
        str(HERE / "ejournal.spec"),
    ]
    if clean:
        command.insert(3, "--clean")
    subprocess.run(command, check=True, cwd=ROOT)


def add_linux_files() -> None:
    """The .desktop file, the icon and a script that registers them for the current user."""
    shutil.copy2(HERE / "ejournal.desktop", BUNDLE / "ejournal.desktop")
    shutil.copy2(WORK / "ejournal.png", BUNDLE / "ejournal.png")
    script = BUNDLE / "install-desktop-entry.sh"
    script.write_text(
        "#!/bin/sh\n"
        "# Puts ЭЖ into the applications menu of the current user (run once after unpacking).\n"
        "set -e\n"
        'here="$(cd "$(dirname "$0")" && pwd)"\n'
        'apps="${XDG_DATA_HOME:-$HOME/.local/share}/applications"\n'
        'icons="${XDG_DATA_HOME:-$HOME/.local/share}/icons/hicolor/256x256/apps"\n'
        'mkdir -p "$apps" "$icons"\n'
        'cp "$here/ejournal.png" "$icons/ejournal.png"\n'
        'sed "s|^Exec=.*|Exec=\\"$here/ejournal-desktop\\" %f|; s|^TryExec=.*|TryExec=$here/ejournal-desktop|" '
        '"$here/ejournal.desktop" > "$apps/ejournal.desktop"\n'
        'echo "ЭЖ добавлен в меню приложений: $apps/ejournal.desktop"\n',
        encoding="utf-8",
    )
    script.chmod(0o755)


def make_tarball() -> Path:
    machine = platform.machine().lower() or "unknown"
    archive = DIST / f"ejournal-{version()}-linux-{machine}.tar.gz"
    with tarfile.open(archive, "w:gz", compresslevel=6) as tar:
        tar.add(BUNDLE, arcname=f"ejournal-{version()}")
    return archive


def check_bundle() -> None:
    """Start what was built like a user would: a missing resource or module fails here, not on a PC."""
    gui, cli = BUNDLE / f"ejournal-desktop{EXE_SUFFIX}", BUNDLE / f"ejournal{EXE_SUFFIX}"
    with tempfile.TemporaryDirectory(prefix="ejournal-check-") as home:
        env = {**os.environ, "EJOURNAL_HOME": home, "QT_QPA_PLATFORM": "offscreen"}
        for command in (
            [str(cli), "--version"],
            [str(gui), "--version"],
            [str(cli), "db", "upgrade", "--url", f"sqlite:///{Path(home) / 'check.sqlite3'}"],
            [str(gui), "--smoke-test"],
        ):
            started = time.perf_counter()
            result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=180)
            took = time.perf_counter() - started
            print(f"  {Path(command[0]).name} {' '.join(command[1:2])}: rc {result.returncode}, {took:.1f} s")
            if result.returncode != 0:
                sys.stderr.write(result.stdout + result.stderr)
                raise SystemExit(f"build: the built program failed: {' '.join(command)}")
            if result.stdout.strip():
                print("   ", result.stdout.strip().splitlines()[-1])


def run_inno_setup() -> None:
    iscc = shutil.which("iscc") or shutil.which("ISCC")
    if iscc is None:
        raise SystemExit("build: iscc (Inno Setup 6) is not on PATH")
    subprocess.run([iscc, f"/DAppVersion={version()}", str(HERE / "ejournal.iss")], check=True, cwd=HERE)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Сборка ЭЖ (PyInstaller, одна папка)")
    parser.add_argument("--no-archive", action="store_true", help="не упаковывать в архив")
    parser.add_argument("--check", action="store_true", help="запустить собранные программы для проверки")
    parser.add_argument("--clean", action="store_true", help="собрать с нуля (без кэша PyInstaller)")
    parser.add_argument("--inno", action="store_true", help="Windows: собрать установщик (iscc)")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    render_icons(WORK)
    run_pyinstaller(args.clean)
    print(f"build: bundle {BUNDLE} in {time.perf_counter() - started:.0f} s")
    if not WINDOWS:
        add_linux_files()
    if args.check:
        check_bundle()
    if not args.no_archive and not WINDOWS:
        print(f"build: archive {make_tarball()}")
    if args.inno:
        run_inno_setup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
