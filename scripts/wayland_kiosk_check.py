#!/usr/bin/env python3
"""The Wayland kiosk as a Pi OS Trixie user gets it, and every way out a visitor could try through the
compositor. Run as root (chroot, mounts); tests/session/test_wayland_kiosk.py runs it.

In the cached Debian trixie userland of this machine's architecture (scripts/arm64_root.py --suite
trixie-amd64: cage 0.2, Python 3.13, the newest PySide6), as the user `pi` in a fresh home made from
/etc/skel:
1. `install.sh --kiosk` (offline: the userland's wheels and the fresh PiAssist wheel), the admin PIN set
   with `piassist --set-admin-pin`, the kiosk's model and a one-minute idle time in its settings;
2. a login shell on "the first console" (XDG_VTNR=1, as getty's autologin gives), whose ~/.profile block
   starts piassist-kiosk-session: cage, headless, running the kiosk loop, running PiAssist;
3. tries: keys of every desktop's escape bindings sent through the compositor (wtype's virtual
   keyboard), a second program of the session asking for focus, the app and the compositor killed (the
   loop and the session start them again), and the idle return. After each, the screen (grim) must be
   the kiosk's welcome screen again, as photographed before the first try; the session must still run.

Prints one JSON line: the tries with what each did, the escapes, the seconds each step took.
    wayland_kiosk_check.py WHEEL
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import traceback
from collections.abc import Callable
from functools import partial
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
import arm64_install  # noqa: E402
from arm64_chroot import USER, WHEELS, chroot, enter_private_namespace, proc_mounted, shm_mounted  # noqa: E402
from arm64_root import SUITES, locked, prepare  # noqa: E402

import harness  # noqa: E402
from tests.session.wayland import HEADLESS, WaylandSession, wait_for  # noqa: E402

SUITE = SUITES["trixie-amd64"]
PIN = "2468"
IDLE_SECONDS = 60  # the kiosk's idle time, one minute: the shortest the admin can set
# Keys that mean something to some desktop or compositor (labwc, sway, wayfire, GNOME, LXDE, X11, the
# Linux console), and to PiAssist itself. cage binds none of them; PiAssist's kiosk answers Ctrl+Q, a
# close and Ctrl+Alt+A with its PIN dialog, which Escape closes.
KEYS = [
    "super", "super+Return", "super+d", "super+e", "super+r", "super+Tab", "super+a", "super+Left",
    "super+shift+e", "super+shift+q", "super+shift+c", "alt+Tab", "alt+shift+Tab", "alt+F4", "alt+F2",
    "alt+space", "alt+Escape", "ctrl+Escape", "ctrl+alt+Delete", "ctrl+alt+BackSpace", "ctrl+alt+t",
    "ctrl+alt+F2", "ctrl+alt+F1", "F11", "Escape", "ctrl+q", "ctrl+w", "ctrl+alt+a", "Menu", "Print",
    "XF86PowerOff",
]  # fmt: skip
# A second program of the kiosk user in the session: a window that asks to be the active one.
SECOND_CLIENT = (
    "import sys\n"
    "from PySide6.QtCore import QTimer\n"
    "from PySide6.QtWidgets import QApplication, QLabel\n"
    "app = QApplication(sys.argv)\n"
    "label = QLabel('a second program'); label.resize(400, 300); label.show()\n"
    "QTimer.singleShot(300, label.activateWindow)\n"
    "QTimer.singleShot(600, label.raise_)\n"
    "QTimer.singleShot(60000, app.quit)\n"
    "app.exec()\n"
)


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


def cage_pid(uid: int) -> int | None:
    return next((pid for pid, argv in processes(uid) if argv and Path(argv[0]).name == "cage"), None)


def in_root(root: Path, ids: tuple[int, int], env: dict[str, str]) -> list[str]:
    """The start of a command run in the root as the user, with exactly this environment."""
    user = [f"--userspec={ids[0]}:{ids[1]}", f"--groups={ids[1]}"]
    return ["chroot", *user, str(root), "/usr/bin/env", "-i", *(f"{k}={v}" for k, v in env.items())]


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


def prepare_home(root: Path, work: Path, ids: tuple[int, int], host: str, wheel: Path) -> Path:
    home = work / "home"
    shutil.copytree(root / "etc" / "skel", home)  # what `adduser` gives a new Pi user
    wheels = work / "wheels"
    wheels.mkdir()
    for cached in (root / WHEELS.lstrip("/")).glob("*.whl"):
        os.link(cached, wheels / cached.name)
    shutil.copy(wheel, wheels)
    shutil.copy(HERE.parent / "packaging" / "install.sh", work)
    config = home / ".config" / "piassist"
    config.mkdir(parents=True)
    (config / "piassist.ini").write_text(
        f"[connection]\nhost={host}\n[kiosk]\nmodel={harness.DEMO_MODEL}\nidle_minutes=1\n"
    )
    for path in (work, *work.rglob("*")):
        os.chown(path, *ids, follow_symlinks=False)
    work.chmod(0o755)
    (work / "run").mkdir(mode=0o700)
    os.chown(work / "run", *ids)
    return home


def install_kiosk(
    root: Path, work: Path, ids: tuple[int, int], env: dict[str, str], report: dict[str, object]
) -> None:
    """install.sh --kiosk as `pi`, offline, and the admin PIN set as the README says."""
    inside = arm64_install.inside
    home = work / "home"

    def as_pi(*argv: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
        clean = {**env, "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
        return chroot(root, *argv, env=clean, user=ids, capture=True, check=True, input_text=stdin)

    started = time.monotonic()
    offline = ("--find-links", inside(root, work / "wheels"))
    installed = as_pi("bash", inside(root, work / "install.sh"), "--kiosk", *offline)
    report["install_sh_seconds"] = round(time.monotonic() - started, 1)
    report["install_sh_tail"] = installed.stdout[-800:]
    as_pi(inside(root, home / ".local/bin/piassist"), "--set-admin-pin", stdin=f"{PIN}\n{PIN}\n")
    report["profile_block"] = [
        line for line in (home / ".profile").read_text().splitlines() if "piassist" in line.lower()
    ]


def run(wheel: Path) -> tuple[int, dict[str, object]]:
    report: dict[str, object] = dict(prepare(SUITE))
    root = SUITE.root
    ids = arm64_install.user_ids(root, USER)
    report["stale_processes"] = end_processes_in(root)
    arm64_install.clear_stale_work(root)
    work = Path(tempfile.mkdtemp(dir=root / "tmp", prefix="piassist-"))
    inside = arm64_install.inside
    server = harness.OllamaServer(
        harness.ollama_binary(), harness.private_store(work.with_name(work.name + "-models")), log_path=None
    ).start()
    session: WaylandSession | None = None
    try:
        with proc_mounted(root), shm_mounted(root):
            home = prepare_home(root, work, ids, server.host, wheel)
            env = {
                "HOME": inside(root, home),
                "PATH": arm64_install.PLAIN_PATH,
                "USER": USER,
                "LOGNAME": USER,
            }

            install_kiosk(root, work, ids, env, report)
            # getty's autologin on tty1: a login shell in a logind session on the first console.
            console = {**env, "LANG": "C.UTF-8", **HEADLESS, "XDG_VTNR": "1"}
            console["XDG_RUNTIME_DIR"] = inside(root, work / "run")
            login = [*in_root(root, ids, console), "bash", "--login", "-c", "true"]
            session = WaylandSession(
                login, home=work, runtime=work / "run", wrap=lambda argv, **_: list(argv)
            )
            started = time.monotonic()
            session.launch(timeout=60)
            log = home / ".local" / "share" / "piassist" / "piassist.log"
            kiosk = Kiosk(session, ids[0], log)
            wait_for(lambda: log.exists() and "connected to Ollama" in log.read_text(), 120, "the kiosk up")
            kiosk.learn()
            report["ready_seconds"] = round(time.monotonic() - started, 1)
            shots = Path(os.environ.get("PIASSIST_KIOSK_SHOTS") or work)
            session.screenshot(shots / "kiosk-wayland-welcome.png")
            report["screen"] = session.frame()[:20].split(b"\n")[1].decode()
            tries: list[dict[str, object]] = []
            report["tries"] = tries
            try_everything(kiosk, root, ids, env, tries)
            report["escapes"] = [t for t in tries if t["escaped"]]
            report["session_alive"] = session.alive
            report["starts"] = log.read_text().count("kiosk mode")
    except Exception:  # the report says what went wrong, with the session's log
        report["error"] = traceback.format_exc()[-3000:]
    finally:
        if session is not None:
            report["session_log"] = session.log_text()[-3000:]
            session.stop()
        end_processes_in(root)
        server.kill()
        shutil.rmtree(work, ignore_errors=True)
        shutil.rmtree(work.with_name(work.name + "-models"), ignore_errors=True)
    return (1 if "error" in report else 0), report


def try_everything(
    kiosk: Kiosk, root: Path, ids: tuple[int, int], env: dict[str, str], tries: list[dict[str, object]]
) -> None:
    """Each way out in turn; `tries` gets what each did as it goes."""

    shots = Path(os.environ.get("PIASSIST_KIOSK_SHOTS") or kiosk.session.runtime)

    def attempt(
        name: str,
        action: Callable[[], object],
        *,
        recover: Callable[[], object] | None = None,
        restart: bool = False,
        timeout: float = 10.0,
        welcome_after: float = 0.0,
        probe_before_recover: bool = False,
    ) -> None:
        """One try. Escaped unless, afterwards, PiAssist's kiosk answers its admin shortcut (it has the
        keyboard and the top of the screen), PiAssist runs (the same one, or a new one where the try
        was to stop it) and so does the session; with `welcome_after`, the welcome screen must be back
        by then."""
        before = app_pid(kiosk.uid)
        started = time.monotonic()
        action()
        changed = kiosk.watch(1.0)
        if changed:  # what the try put on the screen, for a person to look at
            with contextlib.suppress(subprocess.CalledProcessError):  # no compositor at that moment
                kiosk.session.screenshot(shots / f"try-{len(tries) + 1:02d}.png")
        before_recover = kiosk.answers() if probe_before_recover else None
        if recover is not None:
            recover()
        welcome = kiosk.back_to_welcome(welcome_after) if welcome_after else True
        control = kiosk.in_control(timeout)
        after = app_pid(kiosk.uid)
        alive = kiosk.session.alive and cage_pid(kiosk.uid) is not None and after is not None
        escaped = not (control and welcome and alive and (restart or after == before))
        tries.append(
            {
                "try": name,
                "screen_changed": changed,
                **({} if before_recover is None else {"kiosk_in_control_meanwhile": before_recover}),
                "kiosk_in_control": control,
                "welcome_back": welcome,
                "restarted": after != before,
                "escaped": escaped,
                "seconds": round(time.monotonic() - started, 1),
            }
        )

    for combo in KEYS:
        # The kiosk's own PIN dialog (Ctrl+Q, Ctrl+Alt+A) is closed as a visitor without the PIN would.
        attempt(combo, partial(kiosk.session.key, combo), recover=partial(kiosk.session.key, "Escape"))

    python = arm64_install.shebang_python(root, kiosk.log.parents[3] / ".local" / "bin" / "piassist")
    second_env = {**env, "WAYLAND_DISPLAY": kiosk.session.display, "QT_QPA_PLATFORM": "wayland"}
    second_env["XDG_RUNTIME_DIR"] = arm64_install.inside(root, kiosk.session.runtime)

    seconds: list[subprocess.Popen[bytes]] = []

    def second_program() -> None:
        command = [*in_root(root, ids, second_env), python, "-c", SECOND_CLIENT]
        seconds.append(subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))

    def second_program_ends() -> None:
        for second in seconds:
            second.kill()
            second.wait(timeout=30)

    def kill(pid_of: Callable[[int], int | None], sig: signal.Signals) -> None:
        pid = pid_of(kiosk.uid)
        assert pid is not None, "nothing to kill"
        os.kill(pid, sig)

    # cage shows the newest window: a program of the kiosk user started with the session's display is
    # in front while it runs (recorded); the kiosk must have the screen and the keys back when it ends.
    attempt(
        "a second program in the session asks for focus, then ends",
        second_program,
        recover=second_program_ends,
        probe_before_recover=True,
    )
    attempt("the app killed (SIGKILL)", lambda: kill(app_pid, signal.SIGKILL), restart=True, timeout=90)
    attempt("the app stopped (SIGTERM)", lambda: kill(app_pid, signal.SIGTERM), restart=True, timeout=90)
    attempt("the compositor killed", lambda: kill(cage_pid, signal.SIGKILL), restart=True, timeout=120)

    def visit() -> None:  # a visitor starts a conversation, types, and walks away
        kiosk.session.key("Return")
        kiosk.session.type("Hello")

    attempt(
        "idle return (a visitor walks away from a typed question)", visit, welcome_after=IDLE_SECONDS + 30
    )


def main() -> int:
    wheel = Path(sys.argv[1]).resolve()
    enter_private_namespace()
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))  # a stopped run still cleans up (finally)
    with locked(SUITE):
        code, report = run(wheel)
    print(json.dumps(report, ensure_ascii=False), flush=True)
    return code


if __name__ == "__main__":
    sys.exit(main())
