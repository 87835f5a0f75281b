"""packaging/install.sh in a clean home folder: it installs the freshly built wheel with Debian's pipx (the
dependencies packed from the project's venv, no network), puts a menu entry in place whose command runs,
validates with Debian's tools, upgrades on a re-run, and `--uninstall` leaves the home folder exactly as it
was: every file and folder listed before and after."""

from __future__ import annotations

import hashlib
import os
import shlex
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from piassist import APP_ID, __version__
from tests.integration import wheelhouse
from tests.integration.conftest import ROOT, only

pytestmark = pytest.mark.slow
# A fresh Pi user's PATH: nothing of this machine's (no pyenv, no ~/.cargo/bin), and not ~/.local/bin yet.
PLAIN_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
SWAYIDLE_LINE = "swayidle -w timeout 600 'wlopm --off \\*' resume 'wlopm --on \\*' &"


def tree(root: Path) -> dict[str, str]:
    """Every file, folder and link under root: its path → its sha256, "dir", or "-> target"."""
    found = {}
    for path in sorted(root.rglob("*")):
        key = str(path.relative_to(root))
        if path.is_symlink():
            found[key] = f"-> {os.readlink(path)}"
        elif path.is_dir():
            found[key] = "dir"
        else:
            found[key] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def desktop_key(entry: Path, key: str) -> str:
    (line,) = [line for line in entry.read_text().splitlines() if line.startswith(f"{key}=")]
    return line.partition("=")[2]


@pytest.fixture(scope="module")
def wheels(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # pipx 1.1.0 (Bookworm's) also puts pip, setuptools and wheel into its shared venv.
    folder = tmp_path_factory.mktemp("wheelhouse")
    wheelhouse.build("piassist", folder, also=("pip", "setuptools", "wheel"))
    return folder


@pytest.fixture
def home(tmp_path: Path) -> tuple[Path, dict[str, str]]:
    """A Pi user's home with things of its own (Pi OS's labwc autostart with raspi-config's blanking line, a
    script in ~/.local/bin), and the environment of a session there: XDG folders and pipx's inside it."""
    home = tmp_path / "home"
    (home / ".config" / "labwc").mkdir(parents=True)
    (home / ".config" / "labwc" / "autostart").write_text(f"{SWAYIDLE_LINE}\n")
    (home / ".local" / "bin").mkdir(parents=True)
    (home / ".local" / "bin" / "mytool").write_text("#!/bin/sh\n")
    env = {
        "HOME": str(home),
        "PATH": PLAIN_PATH,
        "LANG": "C.UTF-8",
        "XDG_DATA_HOME": str(home / ".local" / "share"),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "XDG_STATE_HOME": str(home / ".local" / "state"),
        "PIPX_HOME": str(home / ".local" / "pipx"),
        "PIPX_BIN_DIR": str(home / ".local" / "bin"),
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
    }
    return home, env


def run_version(command: str, env: dict[str, str]) -> str:
    result = subprocess.run([command, "--version"], check=True, env=env, capture_output=True, text=True)
    return result.stdout.strip()


def install_sh(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    started = time.monotonic()
    result = subprocess.run(
        ["bash", str(ROOT / "packaging" / "install.sh"), *args],
        check=False,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    print(f"install.sh {' '.join(args)}: {time.monotonic() - started:.1f} s")
    assert result.returncode == 0, result.stdout + result.stderr
    return result


@pytest.mark.without_ollama
def test_install_gives_a_working_menu_entry_and_uninstall_leaves_nothing(
    dist: Path, wheels: Path, home: tuple[Path, dict[str, str]]
) -> None:
    folder, env = home
    before = tree(folder)
    # The wheels folder stands in for PyPI: PiAssist by name from there, as a Pi user gets it.
    shutil.copy(only(dist, "*.whl"), wheels)
    offline = ("--no-apt", "--find-links", str(wheels))

    first = install_sh(env, *offline, "--kiosk")
    installed = tree(folder)

    # The menu entry's command exists and is PiAssist.
    entry = folder / ".local" / "share" / "applications" / f"{APP_ID}.desktop"
    (command,) = shlex.split(desktop_key(entry, "Exec"))
    assert run_version(command, env) == f"PiAssist {__version__}"
    assert Path(command) == folder / ".local" / "bin" / "piassist"
    assert "error" not in (first.stdout + first.stderr).lower()
    # Debian's validators accept the installed files.
    validated = subprocess.run(
        ["desktop-file-validate", str(entry)], check=False, capture_output=True, text=True
    )
    assert validated.returncode == 0 and not validated.stdout.strip(), validated.stdout
    metainfo = folder / ".local" / "share" / "metainfo" / f"{APP_ID}.metainfo.xml"
    for check in (
        ["validate", "--no-net", str(metainfo)],
        ["validate-tree", "--no-net", str(folder / ".local")],
    ):
        validated = subprocess.run(["appstreamcli", *check], check=False, capture_output=True, text=True)
        assert validated.returncode == 0, validated.stdout
    assert f".local/share/icons/hicolor/scalable/apps/{APP_ID}.svg" in installed
    assert f".local/share/icons/hicolor/256x256/apps/{APP_ID}.png" in installed
    # The kiosk start: on Wayland its own cage session from ~/.profile; the labwc desktop keeps its
    # autostart (and its blanking) as it was.
    assert (folder / ".config" / "labwc" / "autostart").read_text() == f"{SWAYIDLE_LINE}\n"
    session = folder / ".local" / "bin" / "piassist-kiosk-session"
    profile = (folder / ".profile").read_text().splitlines()
    assert [line.strip() for line in profile if "piassist" in line and not line.startswith("#")] == [
        str(session)
    ]
    assert os.access(session, os.X_OK)
    # X11: a session of its own, never an autostart entry inside a desktop session.
    assert (folder / ".xsession").read_text().splitlines()[-1] == (
        f"exec {folder / '.local' / 'bin' / 'piassist-kiosk-x11'}"
    )
    assert not (folder / ".config" / "autostart" / f"{APP_ID}-kiosk.desktop").exists()

    # A re-run upgrades to the newest release; --from installs a given wheel.
    wheelhouse.with_version(only(dist, "*.whl"), "0.1.1", wheels)
    again = install_sh(env, *offline)
    assert "upgrading PiAssist" in again.stdout
    assert run_version(command, env) == "PiAssist 0.1.1"
    install_sh(env, *offline, "--from", str(only(dist, "*.whl")))
    assert run_version(command, env) == f"PiAssist {__version__}"
    added = {path for path in tree(folder).keys() - installed.keys() if not path.startswith(".local/pipx/")}
    assert added == set(), "a re-run adds nothing but pipx's logs"
    assert (folder / ".profile").read_text().splitlines() == profile

    install_sh(env, "--uninstall")
    print(f"home: {len(before)} entries before, {len(installed)} installed, {len(tree(folder))} after")
    assert tree(folder) == before
