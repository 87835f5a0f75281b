"""What a session test asks of a desktop session, whatever the display server: start PiAssist's installed
command in it, press keys and type as a keyboard does, read where a window is, take a screenshot, stop.

tests/session/x11.py implements it over Xvfb (with openbox, or with no window manager), xdotool, wmctrl
and setxkbmap; a Wayland session (a headless compositor, wtype, grim) implements the same methods.
"""

from __future__ import annotations

import os
import subprocess
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol


@dataclass(frozen=True)
class Rect:
    x: int
    y: int
    width: int
    height: int

    def inside(self, other: Rect) -> bool:
        return (
            self.x >= other.x
            and self.y >= other.y
            and self.x + self.width <= other.x + other.width
            and self.y + self.height <= other.y + other.height
        )


class DesktopSession(Protocol):
    """One display with a keyboard, for the length of a test."""

    screen: Rect

    def env(self, base: dict[str, str] | None = None) -> dict[str, str]:
        """The environment a program started in this session gets (its display, a runtime folder)."""
        ...

    def start(self, argv: Sequence[str], env: dict[str, str], logs: Path) -> subprocess.Popen[bytes]:
        """Start a program in the session (a process group of its own); its output goes to `logs`/stdout
        and `logs`/stderr. The session stops it at the end if it still runs."""
        ...

    def key(self, *combos: str) -> None:
        """Press and release each key combination in turn ("ctrl+q", "alt+m", "Escape"), as the keyboard
        of the moment types it: the layout decides what a key gives."""
        ...

    def type(self, text: str) -> None: ...

    def set_layout(self, layout: str) -> None:
        """Switch the keyboard layout ("us", "ua")."""
        ...

    def window(self, title: str, timeout: float = 20.0) -> str:
        """The id of the shown window with this exact title (waits for it)."""
        ...

    def geometry(self, window: str) -> Rect:
        """The window's outer rectangle on the screen, the window manager's frame included."""
        ...

    def focused_title(self) -> str:
        """The title of the window that has the keyboard."""
        ...

    def screenshot(self, path: Path) -> Path: ...

    def stop(self) -> None: ...


def wait_for(condition: Callable[[], object], timeout: float, what: str = "condition") -> float:
    """Poll a condition on other processes; returns the seconds it took, fails on timeout."""
    start = time.monotonic()
    while True:
        if condition():
            return time.monotonic() - start
        if time.monotonic() - start > timeout:
            raise AssertionError(f"{what}: not met within {timeout} s")
        time.sleep(0.05)


def installed_piassist() -> Path:
    """The `piassist` console script of the environment the tests run in: the entry point pip made from
    pyproject.toml's [project.gui-scripts], as a person starts it."""
    import sys

    script = Path(sys.executable).parent / "piassist"
    assert script.is_file(), f"no console script at {script}: run scripts/setup.sh"
    return script


def private_runtime_dir(base: Path) -> Path:
    runtime = base / "runtime"
    runtime.mkdir(mode=0o700, exist_ok=True)
    os.chmod(runtime, 0o700)
    return runtime
