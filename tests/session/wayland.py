"""A real Wayland session for tests: a headless wlroots compositor (sway, or cage, the kiosk session) run
as an ordinary user, and the tools a test drives it with as a person would: keys and text through a
virtual keyboard (wtype), screenshots of what the compositor shows (grim), and, under sway, the
compositor's own account of its windows (swaymsg).

It implements tests/session/desktop.py's DesktopSession (env, start, key, type, window, geometry,
focused_title, screenshot, stop; set_layout cannot be had: wtype types with a keymap of its own), after
launch() has started the compositor; start_app() is start() with the program's stdout as a pipe.

sway and cage refuse to run as root. When the tests run as root (CI), everything in the session runs as
the unprivileged user `piassist-test` (made by scripts/setup.sh): the compositor, the tools and the app
under test. The app alone keeps one capability, CAP_DAC_READ_SEARCH (read and search, never write): the
interpreter and the checkout may lie in root's home (pyenv), where that user could not read them.
Everything the app writes is that user's. Run as an ordinary user, the tests need none of this.

Headless wlroots: WLR_BACKENDS=headless WLR_LIBINPUT_NO_DEVICES=1 WLR_RENDERER=pixman (no GPU, no input
devices; wtype brings its own keyboard). ../shared/DESIGN.md §4e.
"""

from __future__ import annotations

import contextlib
import json
import os
import pwd
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import IO, Any

from tests.session.desktop import Rect

ROOT_DIR = Path(__file__).resolve().parents[2]
USER = "piassist-test"
HEADLESS = {"WLR_BACKENDS": "headless", "WLR_LIBINPUT_NO_DEVICES": "1", "WLR_RENDERER": "pixman"}
PLAIN_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
# Each wtype run is a new keyboard: its keymap reaches the app with the keyboard focus anew, and a key
# sent at once may be taken before the app has the focus back (PiAssist lost the first letter). A pause
# first lets the compositor and the app take the new keyboard in.
SETTLE = ("-s", "150")
# wtype's names for the modifiers a person holds down.
MODIFIERS = {
    "ctrl": "ctrl",
    "control": "ctrl",
    "alt": "alt",
    "shift": "shift",
    "super": "logo",
    "logo": "logo",
}


def wait_for(condition: Callable[[], Any], timeout: float, what: str, interval: float = 0.05) -> Any:
    """Poll a condition on processes outside this one until it holds (returns its value) or time is up."""
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise TimeoutError(f"{what}: not within {timeout} s")
        time.sleep(interval)


def session_ids() -> tuple[int, int] | None:
    """The uid and gid the session runs as; None: as this process (it is not root)."""
    if os.geteuid() != 0:
        return None
    try:
        entry = pwd.getpwnam(USER)
    except KeyError:
        raise RuntimeError(f"no user {USER}: scripts/setup.sh makes it (make setup, as root)") from None
    return entry.pw_uid, entry.pw_gid


def as_user(argv: Sequence[str], *, read_all: bool = False) -> list[str]:
    """argv run as the session's user (unchanged when this process is not root)."""
    ids = session_ids()
    if ids is None:
        return list(argv)
    caps = ["--inh-caps=+dac_read_search", "--ambient-caps=+dac_read_search"] if read_all else []
    return ["setpriv", f"--reuid={ids[0]}", f"--regid={ids[1]}", "--clear-groups", *caps, *argv]


def owned_folder(prefix: str, mode: int = 0o700) -> Path:
    """A new folder under /tmp that belongs to the session's user."""
    folder = Path(tempfile.mkdtemp(prefix=prefix))
    if (ids := session_ids()) is not None:
        os.chown(folder, *ids)
    folder.chmod(mode)
    return folder


def give_to_user(path: Path) -> None:
    """Hand a file or folder made by the test (and all below it) to the session's user."""
    if (ids := session_ids()) is None:
        return
    for item in [path, *(path.rglob("*") if path.is_dir() else [])]:
        os.chown(item, *ids, follow_symlinks=False)


def sway_config(width: int, height: int) -> str:
    """A bare sway: one output of the given size, no bar, no borders, no Xwayland, no bindings at all."""
    return (
        "xwayland disable\n"
        f"output HEADLESS-1 resolution {width}x{height} position 0 0\n"
        "default_border none\n"
        "default_floating_border none\n"
        "focus_follows_mouse no\n"
    )


Wrap = Callable[..., list[str]]  # as_user's shape: (argv, *, read_all=False) -> argv


class WaylandSession:
    """One compositor and what runs in it. `launch` starts the session (sway, cage, or a login shell
    whose profile starts cage); the session is ready once its Wayland socket answers."""

    def __init__(
        self,
        launch: Sequence[str],
        *,
        home: Path | None = None,
        env: Mapping[str, str] = {},
        runtime: Path | None = None,
        wrap: Wrap = as_user,
    ):
        """`runtime` and `wrap`: a session made elsewhere (a chroot's user in a runtime folder made for
        it, its tools run by this process as they are); by default the session's user, as_user()."""
        self._made: list[Path] = []  # folders this session made, removed by stop()
        self.runtime = runtime or self._made_folder("piassist-wayland-")
        self.home = home or self._made_folder("piassist-home-", 0o755)
        self._wrap = wrap
        self._launch = list(launch)
        self._extra = dict(env)
        self.process: subprocess.Popen[str] | None = None
        self.display = ""
        self.log = self.runtime.parent / f"{self.runtime.name}.log"
        self._log_file: IO[str] | None = None
        self._apps: list[subprocess.Popen[Any]] = []
        self.screen = Rect(0, 0, 0, 0)  # known once launched

    def _made_folder(self, prefix: str, mode: int = 0o700) -> Path:
        folder = owned_folder(prefix, mode)
        self._made.append(folder)
        return folder

    @classmethod
    def sway(cls, size: tuple[int, int] = (800, 480), **options: Any) -> WaylandSession:
        config = owned_folder("piassist-sway-", 0o755)
        (config / "config").write_text(sway_config(*size))
        give_to_user(config / "config")
        session = cls(["sway", "--config", str(config / "config")], **options)
        session._made.append(config)
        return session

    # -- the session ---------------------------------------------------------------------------------
    def base_env(self) -> dict[str, str]:
        """What every process in the session gets: a clean environment, the user's home and runtime
        folder, and the Wayland display once there is one."""
        env = {
            "PATH": PLAIN_PATH,
            "HOME": str(self.home),
            "LANG": "C.UTF-8",
            "XDG_RUNTIME_DIR": str(self.runtime),
            **HEADLESS,
            **self._extra,
        }
        if self.display:
            env["WAYLAND_DISPLAY"] = self.display
        if sock := self.sway_socket():
            env["SWAYSOCK"] = str(sock)
        return env

    def launch(self, timeout: float = 30.0) -> WaylandSession:
        """Start the session; it is ready when its Wayland socket answers (grim can read an output)."""
        self._log_file = self.log.open("w")
        self.process = subprocess.Popen(
            self._wrap(self._launch, read_all=True),
            env=self.base_env(),
            cwd=self.home,
            stdout=self._log_file,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            text=True,
            start_new_session=True,  # stop() ends the whole session: the compositor and its clients
        )
        self.display = wait_for(self._socket, timeout, f"a Wayland socket from {self._launch[0]}")
        width, height = (int(n) for n in self.frame().split(b"\n", 2)[1].split())
        self.screen = Rect(0, 0, width, height)
        return self

    def _socket(self) -> str:
        if self.process is not None and self.process.poll() is not None:
            raise RuntimeError(f"{self._launch} ended ({self.process.returncode}):\n{self.log_text()}")
        sockets = sorted(p.name for p in self.runtime.glob("wayland-*") if not p.name.endswith(".lock"))
        # Ready once it shows something: grim can read an output.
        return sockets[0] if sockets and self.tool_ok(["grim", "-t", "ppm", "-"], sockets[0]) else ""

    def tool_ok(self, argv: Sequence[str], display: str | None = None) -> bool:
        env = {**self.base_env(), "WAYLAND_DISPLAY": display or self.display}
        return subprocess.run(self._wrap(argv), env=env, capture_output=True, check=False).returncode == 0

    def sway_socket(self) -> Path | None:
        found = sorted(self.runtime.glob("sway-ipc.*.sock"))
        return found[0] if found else None

    def log_text(self) -> str:
        return self.log.read_text(errors="replace")[-4000:] if self.log.exists() else ""

    @property
    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def stop(self) -> None:
        """End every process of the session (its process group, and each app's), then its folders."""
        groups = [p for p in (self.process, *self._apps) if p is not None]
        for process in groups:
            if process.poll() is None:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(process.pid, signal.SIGTERM)
        for process in groups:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=10)
            for stream in (process.stdout, process.stderr):
                if stream is not None:
                    stream.close()
        if self._log_file is not None:
            self._log_file.close()
        shutil.rmtree(self.runtime, ignore_errors=True)
        for folder in self._made:
            shutil.rmtree(folder, ignore_errors=True)
        self.log.unlink(missing_ok=True)

    # -- what runs in it -----------------------------------------------------------------------------
    def env(self, base: dict[str, str] | None = None) -> dict[str, str]:
        """The environment a program started in this session gets: `base`, and the session's own."""
        return {**(base or {}), **self.base_env()}

    def start(self, argv: Sequence[str], env: dict[str, str], logs: Path) -> subprocess.Popen[bytes]:
        """A program in the session as its user, its output in `logs`/stdout and `logs`/stderr."""
        logs.mkdir(parents=True, exist_ok=True)
        with (logs / "stdout").open("wb") as out, (logs / "stderr").open("wb") as err:
            process = subprocess.Popen(
                self._wrap(argv, read_all=True),
                env={**self.base_env(), **env},
                cwd=self.home,
                stdout=out,
                stderr=err,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
            )
        self._apps.append(process)
        return process

    def start_app(self, argv: Sequence[str], env: Mapping[str, str] = {}) -> subprocess.Popen[str]:
        """A client of the session (the app under test), as the session's user; its stdout is a pipe,
        its stderr goes to the session's log."""
        assert self._log_file is not None
        process = subprocess.Popen(
            self._wrap(argv, read_all=True),
            env={**self.base_env(), **env},
            cwd=self.home,
            stdout=subprocess.PIPE,
            stderr=self._log_file,
            stdin=subprocess.DEVNULL,
            text=True,
            start_new_session=True,
        )
        self._apps.append(process)
        return process

    def run(self, argv: Sequence[str], *, check: bool = True, timeout: float = 30) -> str:
        """A tool run in the session as its user (grim, wtype, swaymsg); returns its stdout."""
        result = subprocess.run(
            self._wrap(argv),
            env=self.base_env(),
            capture_output=True,
            text=True,
            check=False,
            timeout=timeout,
        )
        if check and result.returncode != 0:
            raise RuntimeError(f"{argv} failed ({result.returncode}): {result.stderr.strip()}")
        return result.stdout

    # -- a person's hands and eyes -------------------------------------------------------------------
    def key(self, *combos: str, pause_ms: int = 250) -> None:
        """Press and release each key combination in turn, modifiers held: "alt+Tab", "super+shift+e",
        "ctrl+alt+F2"; a modifier alone ("super") is pressed and released by itself. All come from one
        virtual keyboard: each wtype run is a keyboard of its own, and when it goes the compositor moves
        the keyboard focus, which closes an open menu (a walk like alt+s, l, Down, Return needs one)."""
        argv = ["wtype", *SETTLE]
        for index, combo in enumerate(combos):
            if index:
                argv += ["-s", str(pause_ms)]
            *held, last = combo.split("+")
            for name in held:
                argv += ["-M", MODIFIERS[name.lower()]]
            if last.lower() in MODIFIERS:
                argv += ["-M", MODIFIERS[last.lower()], "-m", MODIFIERS[last.lower()]]
            else:
                argv += ["-k", last]
            for name in reversed(held):
                argv += ["-m", MODIFIERS[name.lower()]]
        self.run(argv)

    def type(self, text: str) -> None:
        self.run(["wtype", *SETTLE, "--", text])

    def set_layout(self, layout: str) -> None:
        """Not here: wtype sends each key with a keymap made for it, whatever the session's layout."""
        raise NotImplementedError(f"wtype types with its own keymap; no layout {layout!r} to switch to")

    def screenshot(self, path: Path | None = None) -> bytes:
        """What the compositor shows, as PNG bytes (saved to path when given)."""
        png = subprocess.run(
            self._wrap(["grim", "-t", "png", "-"]), env=self.base_env(), capture_output=True, check=True
        ).stdout
        if path is not None:
            path.write_bytes(png)
        return png

    def frame(self) -> bytes:
        """What the compositor shows, as raw pixels (PPM): equal bytes are an equal picture."""
        return subprocess.run(
            self._wrap(["grim", "-t", "ppm", "-"]), env=self.base_env(), capture_output=True, check=True
        ).stdout

    # -- sway's account of its windows -----------------------------------------------------------------
    def swaymsg(self, *args: str) -> Any:
        return json.loads(self.run(["swaymsg", "--raw", *args]) or "null")

    def windows(self) -> list[dict[str, Any]]:
        """Every window sway has (tiled, floating, in the scratchpad), with its output rectangle."""
        found: list[dict[str, Any]] = []

        def walk(node: dict[str, Any]) -> None:
            if node.get("pid"):
                found.append(node)
            for child in node.get("nodes", []) + node.get("floating_nodes", []):
                walk(child)

        walk(self.swaymsg("-t", "get_tree"))
        return found

    def window(self, title: str, timeout: float = 20.0) -> str:
        """sway's id of the shown window with this exact title (waits for it)."""

        def found() -> str:
            ids = [str(n["id"]) for n in self.windows() if n.get("name") == title and n.get("visible")]
            return ids[0] if ids else ""

        return str(wait_for(found, timeout, f"a window titled {title!r}"))

    def geometry(self, window: str) -> Rect:
        """Where the compositor shows the window (sway draws no frame here: no borders)."""
        (rect,) = [n["rect"] for n in self.windows() if str(n["id"]) == window]
        return Rect(rect["x"], rect["y"], rect["width"], rect["height"])

    def focused_title(self) -> str:
        return next((str(n.get("name")) for n in self.windows() if n.get("focused")), "")


def window_buffers(pid: int, size: tuple[int, int]) -> int:
    """How many shared-memory buffers of a whole window of this size the process holds (Qt's backing
    store, one pool each: /proc/PID/maps names them memfd:wayland-shm)."""
    whole = size[0] * size[1] * 4
    count = 0
    for line in Path(f"/proc/{pid}/maps").read_text().splitlines():
        if "memfd:wayland-shm" in line:
            start, end = (int(part, 16) for part in line.split()[0].split("-"))
            count += end - start >= whole
    return count
