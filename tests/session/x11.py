"""An X11 desktop session for tests: Xvfb on a free display (-displayfd), with Debian's openbox and its
stock configuration (the keys a visitor would try) or with no window manager at all (the kiosk session
`piassist --install-kiosk` sets up), real key events through XTEST (xdotool), window tools (wmctrl,
xwininfo, xprop) and keyboard layouts (setxkbmap). scripts/apt_deps.sh's `session` group installs them.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

from tests.session.desktop import Rect, private_runtime_dir, wait_for

TOOLS = ("Xvfb", "xdotool", "wmctrl", "setxkbmap", "xwininfo", "xprop")
SCREENSHOT = """
import sys
from PySide6.QtGui import QGuiApplication
app = QGuiApplication(sys.argv[:1])
sys.exit(0 if app.primaryScreen().grabWindow(0).save(sys.argv[1]) else 1)
"""


class X11Session:
    def __init__(self, width: int = 1280, height: int = 800, *, window_manager: bool = True) -> None:
        missing = [
            tool for tool in (*TOOLS, *(["openbox"] if window_manager else [])) if not shutil.which(tool)
        ]
        assert not missing, f"missing {missing}: scripts/apt_deps.sh session installs them"
        self.screen = Rect(0, 0, width, height)
        self.window_manager = window_manager
        self._dir = Path(tempfile.mkdtemp(prefix="piassist-x11-"))
        self._runtime = private_runtime_dir(self._dir)
        self._started: list[subprocess.Popen[bytes]] = []
        self._wm: subprocess.Popen[bytes] | None = None
        try:
            self._start_server(width, height)
            if window_manager:
                self._start_window_manager()
            self.set_layout("us")
        except BaseException as exc:
            logs = {p.name: p.read_text(errors="replace")[-2000:] for p in self._dir.glob("*.log")}
            self.stop()
            raise AssertionError(f"the X11 session did not start: {exc}; logs: {logs}") from exc

    def _start_server(self, width: int, height: int) -> None:
        read, write = os.pipe()
        with (self._dir / "xvfb.log").open("wb") as log:
            self._server = subprocess.Popen(
                [
                    "Xvfb",
                    "-displayfd",
                    str(write),
                    "-screen",
                    "0",
                    f"{width}x{height}x24",
                    "-nolisten",
                    "tcp",
                ],
                pass_fds=(write,),
                stdout=subprocess.DEVNULL,
                stderr=log,
            )
        os.close(write)
        with os.fdopen(read) as pipe:
            number = pipe.readline().strip()
        assert number.isdigit(), f"Xvfb gave no display number (see {self._dir / 'xvfb.log'})"
        self.display = f":{number}"

    def _start_window_manager(self, tries: int = 3) -> None:
        """openbox, once it has taken the screen (on this shared machine it has been seen to end at once
        with status 1 and no message, rarely: it is started again then)."""
        for attempt in range(tries):
            with (self._dir / "openbox.log").open("ab") as log:
                wm = subprocess.Popen(
                    ["openbox", "--sm-disable"], env=self.env(), stdout=subprocess.DEVNULL, stderr=log
                )
            self._wm = wm
            wait_for(lambda wm=wm: self._wm_ready(wm), 60, "openbox running")
            if wm.poll() is None:
                return
            print(f"openbox ended with status {wm.returncode} (try {attempt + 1} of {tries})")
        raise AssertionError(f"openbox ended with status {wm.returncode}")

    def _wm_ready(self, wm: subprocess.Popen[bytes]) -> bool:
        return wm.poll() is not None or "_NET_SUPPORTING_WM_CHECK(WINDOW)" in self._xprop("-root")

    # -- the session ----------------------------------------------------------------------------------
    def env(self, base: dict[str, str] | None = None) -> dict[str, str]:
        env = dict(os.environ if base is None else base)
        for name in ("WAYLAND_DISPLAY", "QT_QPA_PLATFORM", "PYTEST_CURRENT_TEST"):
            env.pop(name, None)
        env.update(DISPLAY=self.display, XDG_RUNTIME_DIR=str(self._runtime), XDG_SESSION_TYPE="x11")
        return env

    def start(self, argv: Sequence[str], env: dict[str, str], logs: Path) -> subprocess.Popen[bytes]:
        logs.mkdir(parents=True, exist_ok=True)
        with (logs / "stdout").open("wb") as out, (logs / "stderr").open("wb") as err:
            process = subprocess.Popen(list(argv), env=env, stdout=out, stderr=err, start_new_session=True)
        self._started.append(process)
        return process

    def run(self, *argv: str, check: bool = True, timeout: float = 20) -> str:
        """A tool in the session (xdotool, wmctrl, ...); its output."""
        result = subprocess.run(
            argv, env=self.env(), capture_output=True, text=True, timeout=timeout, check=False
        )
        if check and result.returncode != 0:
            raise AssertionError(f"{' '.join(argv)}: {result.returncode} {result.stderr.strip()}")
        return result.stdout

    def stop(self) -> None:
        for process in [*self._started, *([self._wm] if self._wm else []), self._server]:
            if process.poll() is None:
                try:
                    os.killpg(
                        process.pid, signal.SIGTERM
                    ) if process in self._started else process.terminate()
                    process.wait(timeout=10)
                except (subprocess.TimeoutExpired, ProcessLookupError):
                    process.kill()
                    process.wait(timeout=10)
        shutil.rmtree(self._dir, ignore_errors=True)

    # -- the keyboard ---------------------------------------------------------------------------------
    def key(self, *combos: str) -> None:
        for combo in combos:
            self.run("xdotool", "key", "--delay", "40", combo)

    def type(self, text: str) -> None:
        self.run("xdotool", "type", "--delay", "20", text)

    def set_layout(self, layout: str) -> None:
        self.run("setxkbmap", "-layout", layout)
        wait_for(lambda: f"layout:     {layout}" in self.run("setxkbmap", "-query"), 5, f"layout {layout}")

    # -- windows --------------------------------------------------------------------------------------
    def windows(self, title: str) -> list[str]:
        """Shown (viewable) windows with this exact title."""
        found = self.run("xdotool", "search", "--onlyvisible", "--name", f"^{re.escape(title)}$", check=False)
        return found.split()

    def window(self, title: str, timeout: float = 20.0) -> str:
        wait_for(lambda: self.windows(title), timeout, f"a window titled {title!r}")
        return self.windows(title)[0]

    def geometry(self, window: str) -> Rect:
        info = self.run("xwininfo", "-id", window)
        values = {
            k.strip(): int(v)
            for k, v in re.findall(r"^\s*(Absolute upper-left [XY]|Width|Height):\s+(-?\d+)", info, re.M)
        }
        left = right = top = bottom = 0
        extents = re.search(r"= (\d+), (\d+), (\d+), (\d+)", self._xprop("-id", window, "_NET_FRAME_EXTENTS"))
        if extents:
            left, right, top, bottom = (int(n) for n in extents.groups())
        return Rect(
            values["Absolute upper-left X"] - left,
            values["Absolute upper-left Y"] - top,
            values["Width"] + left + right,
            values["Height"] + top + bottom,
        )

    def client_geometry(self, window: str) -> Rect:
        """The window's own rectangle (no frame)."""
        info = self.run("xwininfo", "-id", window)
        values = {
            k.strip(): int(v)
            for k, v in re.findall(r"^\s*(Absolute upper-left [XY]|Width|Height):\s+(-?\d+)", info, re.M)
        }
        return Rect(
            values["Absolute upper-left X"],
            values["Absolute upper-left Y"],
            values["Width"],
            values["Height"],
        )

    def focused_title(self) -> str:
        return self.run("xdotool", "getwindowfocus", "getwindowname", check=False).strip()

    def property(self, window: str | None, name: str) -> str:
        """A window's (or the root window's, for None) property as xprop prints it; "" if not set."""
        where = ("-root",) if window is None else ("-id", window)
        text = self._xprop(*where, name)
        if "not found" in text or "no such atom" in text:
            return ""
        value = text.partition("=")[2] if "=" in text else text.partition("#")[2]
        return value.strip()

    def _xprop(self, *args: str) -> str:
        return self.run("xprop", *args, check=False)

    def screenshot(self, path: Path) -> Path:
        env = self.env()
        env["QT_QPA_PLATFORM"] = "xcb"
        subprocess.run([sys.executable, "-c", SCREENSHOT, str(path)], env=env, check=True, timeout=60)
        return path
