"""The Wayland kiosk seen from outside, as scripts/wayland_kiosk_check.py watches it: the session user's
processes (PiAssist, cage), the screen as grim gives it (binary PPM frames compared by pixel), and whether
PiAssist's kiosk is in control, asked as a visitor could: its admin shortcut must bring up its PIN dialog.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

from tests.session.wayland import WaylandSession, wait_for


def processes(uid: int) -> list[tuple[int, list[str]]]:
    """(pid, argv) of the user's processes."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if entry.stat().st_uid != uid:
                continue
            argv = (entry / "cmdline").read_bytes().decode(errors="replace").split("\0")[:-1]
        except OSError:
            continue
        found.append((int(entry.name), argv))
    return found


def end_processes_in(root: Path) -> list[int]:
    """Kill what still runs inside the root (left by a run that was killed itself); returns the pids."""
    killed = []
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and os.readlink(entry / "root") == str(root):
                os.kill(int(entry.name), signal.SIGKILL)
                killed.append(int(entry.name))
        except OSError:
            continue
    return killed


def app_pid(uid: int) -> int | None:
    """The running `piassist --kiosk` (not the loop around it)."""
    return next((pid for pid, argv in processes(uid) if "--kiosk" in argv[1:]), None)


def kill(pid_of: Callable[[int], int | None], uid: int, sig: signal.Signals) -> None:
    pid = pid_of(uid)
    assert pid is not None, "nothing to kill"
    os.kill(pid, sig)


def cage_pid(uid: int) -> int | None:
    return next((pid for pid, argv in processes(uid) if argv and Path(argv[0]).name == "cage"), None)


Box = tuple[int, int, int, int]  # left, top, right, bottom (exclusive), in pixels


def pixels(frame: bytes) -> tuple[int, int, bytes]:
    """Width, height and RGB bytes of a binary PPM (what grim -t ppm writes)."""
    magic, size, _depth, data = frame.split(b"\n", 3)
    assert magic == b"P6", magic
    width, height = (int(n) for n in size.split())
    return width, height, data


def difference(a: bytes, b: bytes) -> Box | None:
    """The smallest box around every pixel that differs between two frames of one size."""
    width, height, one = pixels(a)
    _, _, two = pixels(b)
    row = width * 3
    rows = [y for y in range(height) if one[y * row : (y + 1) * row] != two[y * row : (y + 1) * row]]
    if not rows:
        return None
    columns = [
        x
        for y in rows
        for x in range(width)
        if one[y * row + 3 * x : y * row + 3 * x + 3] != two[y * row + 3 * x : y * row + 3 * x + 3]
    ]
    return min(columns), rows[0], max(columns) + 1, rows[-1] + 1


def crop(frame: bytes, box: Box) -> bytes:
    width, _, data = pixels(frame)
    left, top, right, bottom = box
    return b"".join(data[(y * width + left) * 3 : (y * width + right) * 3] for y in range(top, bottom))


def magenta_share(frame: bytes) -> float:
    """The share of the screen in the second program's colour (#ff00ff), from a sample of its pixels."""
    if not frame:
        return 0.0
    _, _, data = pixels(frame)
    sample = range(0, len(data) - 2, 3 * 101)
    return sum(1 for i in sample if data[i : i + 3] == b"\xff\x00\xff") / len(sample)


def alike(a: bytes, b: bytes, tolerance: float = 0.02) -> bool:
    """Two crops of one box differ in at most `tolerance` of their pixels (a text cursor blinks)."""
    if len(a) != len(b):
        return False
    differing = sum(1 for i in range(0, len(a), 3) if a[i : i + 3] != b[i : i + 3])
    return differing <= tolerance * len(a) / 3


class Kiosk:
    """The kiosk session in the userland, seen from outside: the screen and the user's processes.

    Whether PiAssist's kiosk is in control is asked as a visitor could: its admin shortcut (Ctrl+Alt+A)
    must bring up its PIN dialog, which Escape closes. That shows the kiosk has the keyboard and the top
    of the screen; any other program or screen in front would not answer so."""

    def __init__(self, session: WaylandSession, uid: int, log: Path) -> None:
        self.session, self.uid, self.log = session, uid, log
        self.welcome = b""
        self.pin_box: Box = (0, 0, 0, 0)
        self.pin_dialog = b""

    def frame(self) -> bytes:
        """The screen now; empty while there is no compositor to photograph (it was killed)."""
        try:
            return self.session.frame()
        except subprocess.CalledProcessError:
            return b""

    def settled(self, timeout: float) -> bytes:
        """The screen once it has stopped changing (three equal frames in a row)."""
        frames: list[bytes] = []

        def still() -> bool:
            frames.append(self.frame())
            return len(frames) >= 3 and frames[-1] == frames[-2] == frames[-3] != b""

        wait_for(still, timeout, "a still screen", interval=0.3)
        return frames[-1]

    def learn(self) -> None:
        """The welcome screen, and what the PIN dialog looks like over it."""
        self.welcome = self.settled(60)

        def dialog_shown() -> Box | None:  # the first keys may come before the window has the keyboard
            self.session.key("ctrl+alt+a")
            try:
                found: Box = wait_for(
                    lambda: difference(self.welcome, self.frame() or self.welcome), 2, "the PIN dialog"
                )
            except TimeoutError:
                return None
            return found

        box = wait_for(dialog_shown, 30, "the PIN dialog at the admin shortcut", interval=0.5)
        time.sleep(0.5)  # not to pass: the dialog's first frame may be drawn in parts
        shown = self.frame()
        self.pin_box = difference(self.welcome, shown) or box
        self.pin_dialog = crop(shown, self.pin_box)
        self.session.key("Escape")
        wait_for(lambda: self.frame() == self.welcome, 10, "the welcome screen after the PIN dialog")

    def shows_pin_dialog(self) -> bool:
        frame = self.frame()
        return bool(frame) and alike(crop(frame, self.pin_box), self.pin_dialog)

    def answers(self) -> bool:
        """Once: the admin shortcut shows the kiosk's PIN dialog (then closed with Escape)."""
        try:
            self.session.key("ctrl+alt+a")
        except RuntimeError:  # no compositor at the moment
            return False
        try:
            wait_for(self.shows_pin_dialog, 3, "PiAssist's PIN dialog", 0.2)
        except TimeoutError:
            return False
        finally:
            self.session.key("Escape")
        wait_for(lambda: not self.shows_pin_dialog(), 5, "the PIN dialog closed", 0.2)
        return True

    def in_control(self, timeout: float) -> bool:
        try:
            wait_for(self.answers, timeout, "the kiosk answering", 0.5)
        except TimeoutError:
            return False
        return True

    def back_to_welcome(self, timeout: float) -> bool:
        try:
            wait_for(lambda: self.frame() == self.welcome, timeout, "the welcome screen", 0.2)
        except TimeoutError:
            return False
        return True

    def watch(self, seconds: float) -> bool:
        """Whether the screen showed anything but the welcome screen while watched for `seconds`."""
        deadline = time.monotonic() + seconds
        changed = False
        while time.monotonic() < deadline:
            changed |= self.frame() != self.welcome
        return changed
