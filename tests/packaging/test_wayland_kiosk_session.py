"""The Wayland kiosk's start, as `--install-kiosk` installs it (piassist/desktop/kiosk_wayland.py): a login
shell on the first console reads ~/.profile, which starts piassist-kiosk-session, which runs the kiosk loop in
cage; nowhere else (a desktop's terminal, SSH, another console) does ~/.profile start anything, and the
loop started by a Wayland desktop's autostart does not run PiAssist there.

cage is a stand-in here that notes how it was started and runs its program; tests/session's kiosk test
runs the real one."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from piassist.desktop import install as desktop_install
from piassist.desktop.files import Places

# Stand-ins for cage (runs its program with a Wayland display, as cage does) and for `piassist`.
FAKE_CAGE = """#!/bin/sh
echo "cage $*" >> "$FAKES/calls"
[ "$1" = -d ] && shift
[ "$1" = -- ] && shift
WAYLAND_DISPLAY=wayland-9 exec "$@"
"""
FAKE_PIASSIST = """#!/bin/sh
echo "piassist $* QT_QPA_PLATFORM=$QT_QPA_PLATFORM" >> "$FAKES/calls"
exit 0
"""


@pytest.fixture
def installed(tmp_path: Path) -> tuple[Places, Path, dict[str, str]]:
    fakes = tmp_path / "fakes"
    fakes.mkdir()
    for name, text in (("cage", FAKE_CAGE), ("piassist", FAKE_PIASSIST)):
        (fakes / name).write_text(text)
        (fakes / name).chmod(0o755)
    home = tmp_path / "home"
    places = Places.from_environment({"HOME": str(home)})
    desktop_install.install(places, str(fakes / "piassist"), kiosk=True)
    runtime = tmp_path / "runtime"
    runtime.mkdir(mode=0o700)
    env = {
        "HOME": str(home),
        "PATH": f"{fakes}:/usr/bin:/bin",
        "FAKES": str(fakes),
        "XDG_RUNTIME_DIR": str(runtime),
        "PIASSIST_KIOSK_RESTART_DELAY": "0",
    }
    return places, fakes, env


def login(env: dict[str, str], **session: str) -> list[str]:
    """What a login shell (getty's autologin starts one) does with ~/.profile once /etc/profile has set
    its PATH (this test's, where the stand-ins are), with the session's variables; the calls made."""
    subprocess.run(
        ["sh", "-c", '. "$HOME/.profile"'],
        env={**env, **session},
        check=True,
        timeout=30,
        capture_output=True,
    )
    calls = Path(env["FAKES"]) / "calls"
    return calls.read_text().splitlines() if calls.exists() else []


def test_the_first_console_starts_cage_with_the_kiosk_loop(
    installed: tuple[Places, Path, dict[str, str]],
) -> None:
    places, _fakes, env = installed

    calls = login(env, XDG_VTNR="1")

    assert calls == [f"cage -d -- {places.kiosk_script}", "piassist --kiosk QT_QPA_PLATFORM=wayland"]


@pytest.mark.parametrize(
    "session",
    [
        {"XDG_VTNR": "7", "DISPLAY": ":0"},  # the X11 desktop's session
        {"XDG_VTNR": "7", "WAYLAND_DISPLAY": "wayland-0"},  # a Wayland desktop (labwc)
        {"SSH_TTY": "/dev/pts/0"},  # over SSH
        {"XDG_VTNR": "1", "SSH_TTY": "/dev/pts/0"},
        {"XDG_VTNR": "2"},  # another console
    ],
)
def test_nothing_else_starts_the_kiosk_session(
    installed: tuple[Places, Path, dict[str, str]], session: dict[str, str]
) -> None:
    _places, _fakes, env = installed

    assert login(env, **session) == []


def test_a_wayland_desktop_s_autostart_does_not_make_it_a_kiosk(
    installed: tuple[Places, Path, dict[str, str]],
) -> None:
    places, _fakes, env = installed

    result = subprocess.run(
        [str(places.kiosk_script)],
        env={**env, "WAYLAND_DISPLAY": "wayland-0"},
        check=False,
        capture_output=True,
        text=True,
        timeout=30,
    )

    assert result.returncode == 0 and "cannot be locked" in result.stderr
    assert not (Path(env["FAKES"]) / "calls").exists(), "PiAssist was not started"
