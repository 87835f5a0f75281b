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

from scripts import (
    arm64_install,
    harness,
)
from scripts.arm64_chroot import USER, WHEELS, chroot, enter_private_namespace, proc_mounted, shm_mounted
from scripts.arm64_root import SUITES, locked, prepare
from tests.session.kiosk_wayland import (
    Kiosk,
    app_pid,
    cage_pid,
    end_processes_in,
    kill,
    magenta_share,
)
from tests.session.wayland import HEADLESS, WaylandSession, wait_for

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
    "label = QLabel('a second program'); label.setStyleSheet('background: #ff00ff')\n"
    "label.resize(400, 300); label.show()\n"
    "QTimer.singleShot(300, label.activateWindow)\n"
    "QTimer.singleShot(600, label.raise_)\n"
    "QTimer.singleShot(60000, app.quit)\n"
    "app.exec()\n"
)


def in_root(root: Path, ids: tuple[int, int], env: dict[str, str]) -> list[str]:
    """The start of a command run in the root as the user, with exactly this environment."""
    user = [f"--userspec={ids[0]}:{ids[1]}", f"--groups={ids[1]}"]
    return ["chroot", *user, str(root), "/usr/bin/env", "-i", *(f"{k}={v}" for k, v in env.items())]


def prepare_home(root: Path, work: Path, ids: tuple[int, int], host: str, wheel: Path) -> Path:
    home = work / "home"
    shutil.copytree(root / "etc" / "skel", home)  # what `adduser` gives a new Pi user
    wheels = work / "wheels"
    wheels.mkdir()
    for cached in (root / WHEELS.lstrip("/")).glob("*.whl"):
        os.link(cached, wheels / cached.name)
    shutil.copy(wheel, wheels)
    shutil.copy(Path(__file__).resolve().parent.parent / "packaging" / "install.sh", work)
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
    in_front: list[float] = []  # how long the second program's window was seen in front

    def second_program() -> None:
        """Started, and waited for until its window is on the screen."""
        command = [*in_root(root, ids, second_env), python, "-c", SECOND_CLIENT]
        seconds.append(subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        wait_for(lambda: magenta_share(kiosk.frame()) > 0.05, 60, "the second program's window", 0.05)
        shown = time.monotonic()
        with contextlib.suppress(TimeoutError):  # how long it stays in front (the kiosk's guard)
            wait_for(lambda: magenta_share(kiosk.frame()) < 0.01, 10, "the kiosk in front again", 0.05)
            in_front.append(round(time.monotonic() - shown, 2))

    def second_program_ends() -> None:
        for second in seconds:
            second.kill()
            second.wait(timeout=30)

    # cage shows the newest window: a program of the kiosk user started with the session's display is
    # in front while it runs (recorded); the kiosk must have the screen and the keys back when it ends.
    attempt(
        "a second program in the session asks for focus, then ends",
        second_program,
        recover=second_program_ends,
        probe_before_recover=True,
    )
    tries[-1]["second_program_in_front_seconds"] = in_front[0] if in_front else None
    uid = kiosk.uid
    stop = partial(kill, app_pid, uid)
    attempt("the app killed (SIGKILL)", partial(stop, signal.SIGKILL), restart=True, timeout=90)
    attempt("the app stopped (SIGTERM)", partial(stop, signal.SIGTERM), restart=True, timeout=90)
    attempt("the compositor killed", partial(kill, cage_pid, uid, signal.SIGKILL), restart=True, timeout=120)

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
