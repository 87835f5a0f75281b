"""The kiosk loop (packaging/kiosk/piassist-kiosk, as `--install-kiosk` installs it): it starts
`piassist --kiosk`, starts it again after a crash, ends when PiAssist is closed on purpose, and runs once per
session however many autostart mechanisms start it."""

from __future__ import annotations

import os
import signal
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from piassist.desktop import install as desktop_install
from piassist.desktop.files import Places

# Stands in for the installed `piassist`: notes each start (and its pid), then crashes (status 3) while the
# file `crashes` holds a number above 0, counting it down, or else waits for the file `close` and exits 0.
# SIGTERM ends it with 143, as PiAssist's kiosk answers a signal (piassist/shutdown.py).
FAKE_PIASSIST = """#!/bin/sh
here=$(dirname "$0")
trap 'echo TERM >> "$here/signals"; exit 143' TERM
echo "$$" > "$here/pid"
echo "$*" >> "$here/starts"
left=$(cat "$here/crashes")
if [ "$left" -gt 0 ]; then
  echo $((left - 1)) > "$here/crashes"
  exit 3
fi
while [ ! -e "$here/close" ]; do sleep 0.05; done
exit 0
"""


def wait_for(condition: Callable[[], bool], timeout: float) -> None:
    """Poll a condition on a process outside this one (tests/helpers/waiting.py's wait_until needs a loop)."""
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"condition not met within {timeout} s"
        time.sleep(0.02)


@pytest.fixture
def kiosk(tmp_path: Path) -> tuple[Path, Path, dict[str, str]]:
    """The installed loop, the fake PiAssist's folder, and a session's environment (no display)."""
    fake_dir = tmp_path / "fake"
    fake_dir.mkdir()
    fake = fake_dir / "piassist"
    fake.write_text(FAKE_PIASSIST)
    fake.chmod(0o755)
    places = Places.from_environment({"HOME": str(tmp_path / "home")})
    desktop_install.install(places, str(fake), kiosk=True)
    runtime = tmp_path / "runtime"
    runtime.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.update(XDG_RUNTIME_DIR=str(runtime), PIASSIST_KIOSK_RESTART_DELAY="0")
    return places.kiosk_script, fake_dir, env


def test_a_crash_starts_piassist_again_and_closing_it_ends_the_loop(
    kiosk: tuple[Path, Path, dict[str, str]],
) -> None:
    script, fake_dir, env = kiosk
    (fake_dir / "crashes").write_text("2")
    (fake_dir / "close").touch()

    result = subprocess.run([str(script)], env=env, check=False, capture_output=True, text=True, timeout=30)

    assert result.returncode == 0
    assert (fake_dir / "starts").read_text().splitlines() == ["--kiosk"] * 3
    assert result.stderr.count("PiAssist stopped (status 3)") == 2


def test_a_second_start_in_the_same_session_leaves_the_first_alone(
    kiosk: tuple[Path, Path, dict[str, str]],
) -> None:
    script, fake_dir, env = kiosk
    (fake_dir / "crashes").write_text("0")
    first = subprocess.Popen([str(script)], env=env, stderr=subprocess.PIPE, text=True)
    try:
        wait_for((fake_dir / "starts").exists, timeout=10)

        second = subprocess.run(
            [str(script)], env=env, check=False, capture_output=True, text=True, timeout=30
        )

        assert second.returncode == 0
        assert "already running" in second.stderr
        assert (fake_dir / "starts").read_text().splitlines() == ["--kiosk"]
        assert first.poll() is None
    finally:
        (fake_dir / "close").touch()
        first.wait(timeout=10)
        assert first.stderr is not None
        first.stderr.close()
    assert first.returncode == 0


def test_a_signal_to_piassist_starts_it_again_and_only_the_pin_ends_the_loop(
    kiosk: tuple[Path, Path, dict[str, str]],
) -> None:
    script, fake_dir, env = kiosk
    (fake_dir / "crashes").write_text("0")
    loop = subprocess.Popen([str(script)], env=env, stderr=subprocess.PIPE, text=True)
    try:
        wait_for((fake_dir / "pid").exists, timeout=10)
        first = (fake_dir / "pid").read_text().strip()
        os.kill(int(first), signal.SIGTERM)  # a visitor's `kill`, or anything but the loop
        wait_for(lambda: len((fake_dir / "starts").read_text().splitlines()) == 2, timeout=10)
        assert (fake_dir / "pid").read_text().strip() != first
        assert loop.poll() is None
        (fake_dir / "close").touch()  # PiAssist left with the PIN: status 0
        loop.wait(timeout=10)
    finally:
        if loop.poll() is None:
            loop.kill()
        _, stderr = loop.communicate(timeout=10)
    assert loop.returncode == 0
    assert "PiAssist stopped (status 143)" in stderr


def test_the_loops_own_stop_ends_piassist_in_order_and_does_not_start_it_again(
    kiosk: tuple[Path, Path, dict[str, str]],
) -> None:
    script, fake_dir, env = kiosk
    (fake_dir / "crashes").write_text("0")
    loop = subprocess.Popen([str(script)], env=env, stderr=subprocess.PIPE, text=True)
    try:
        wait_for((fake_dir / "pid").exists, timeout=10)
        loop.send_signal(signal.SIGTERM)  # the session ends
        loop.wait(timeout=10)
    finally:
        if loop.poll() is None:
            loop.kill()
        loop.communicate(timeout=10)
    assert loop.returncode == 128 + signal.SIGTERM
    assert (fake_dir / "signals").read_text().splitlines() == ["TERM"]  # PiAssist was told, and waited for
    assert (fake_dir / "starts").read_text().splitlines() == ["--kiosk"]
