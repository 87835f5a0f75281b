"""The kiosk as `piassist --install-kiosk` sets it up, run in an X11 session, and a visitor's (or a script's)
ways out of it: the window manager's keys and mouse bindings, window tools, signals, and the app's own
keys. After each try the kiosk must hold: PiAssist's window on screen over the whole screen, the keyboard
with PiAssist, no desktop shown, the kiosk still running."""

from __future__ import annotations

import os
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import psutil

from tests.session.desktop import installed_piassist, wait_for
from tests.session.piassist_run import PiAssistRun
from tests.session.x11 import X11Session

PIN = "2468"
PIN_TITLES = ("Admin PIN", "ПІН-код адміністратора")  # a try may switch the kiosk's language


@dataclass
class Try:
    name: str
    act: Callable[[Kiosk], None]
    deadline: float = 5.0  # seconds for the kiosk to be back (a restart takes longer)


@dataclass
class Outcome:
    name: str
    escaped: str  # why, when the kiosk did not hold
    away: float  # seconds it was seen off the screen (0: never, or undone faster than we looked)
    put_back: int  # times PiAssist's log says it put its window back during the try
    restarted: bool  # PiAssist ended and the kiosk loop started it again


@dataclass
class Kiosk:
    session: X11Session
    app: PiAssistRun
    user_home: Path
    window_manager: bool
    process: subprocess.Popen[bytes] | None = None
    outcomes: list[Outcome] = field(default_factory=list)
    extra_env: dict[str, str] = field(default_factory=dict)

    # -- set up as a person (or the admin) does --------------------------------------------------------
    @classmethod
    def install(cls, session: X11Session, tmp_path: Path, host: str, model: str) -> Kiosk:
        user_home = tmp_path / "user"
        user_home.mkdir()
        app = PiAssistRun(
            session,
            tmp_path / "piassist",
            settings=f"[connection]\nhost={host}\n[kiosk]\nmodel={model}\n[chat]\nmodel={model}\n",
        )
        kiosk = cls(session, app, user_home, session.window_manager)
        subprocess.run(
            [str(installed_piassist()), "--install-kiosk"], env=kiosk.env(), check=True, capture_output=True
        )
        app.set_admin_pin(PIN)
        return kiosk

    def env(self) -> dict[str, str]:
        env = self.app.env()
        for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME"):
            env.pop(name, None)
        env.update(
            HOME=str(self.user_home),
            PIASSIST_KIOSK_RESTART_DELAY="1",
            PIASSIST_KIOSK_LONGEST_DELAY="1",
            **self.extra_env,
        )
        return env

    def start(self, program: Path) -> None:
        """The session's program (~/.xsession, with no window manager) or the kiosk loop in a desktop."""
        self.process = self.session.start([str(program)], self.env(), self.app.home / "session-output")
        wait_for(lambda: self.held() == "", 90, "the kiosk on screen")

    # -- what a visitor sees ----------------------------------------------------------------------------
    def piassist(self) -> psutil.Process | None:
        """The running `piassist --kiosk` (the loop starts a new one after each end)."""
        assert self.process is not None
        try:
            children = psutil.Process(self.process.pid).children(recursive=True)
        except psutil.NoSuchProcess:
            return None
        for child in children:
            try:
                if "--kiosk" in child.cmdline() and "python" in Path(child.cmdline()[0]).name:
                    return child
            except psutil.Error:
                continue
        return None

    def ours(self, window: str) -> bool:
        try:
            number = int(window, 0)
        except ValueError:
            return False
        return "piassist" in self.session.property(str(number), "WM_CLASS")

    def held(self) -> str:
        """ "" when the kiosk holds, else what a visitor has instead."""
        assert self.process is not None
        if self.process.poll() is not None:
            return f"the kiosk ended (status {self.process.returncode})"
        windows = self.session.windows("PiAssist")
        if not windows:
            return "no PiAssist window on the screen"
        geometry = self.session.client_geometry(windows[0])
        if geometry != self.session.screen:
            return f"PiAssist is not over the whole screen: {geometry}"
        if self.window_manager:
            if self.session.property(None, "_NET_SHOWING_DESKTOP") == "1":
                return "the desktop is shown"
            active = self.session.property(None, "_NET_ACTIVE_WINDOW")
        else:
            active = self.session.run("xdotool", "getwindowfocus", check=False).strip()
        if not self.ours(active):
            return f"the keyboard is not with PiAssist (window {active or 'none'})"
        return ""

    # -- tries -------------------------------------------------------------------------------------------
    def attempt(self, attempt: Try, observe: float = 0.8) -> Outcome:
        """Do it, watch the screen for `observe` seconds (how long PiAssist is away, if at all), then
        give it `attempt.deadline` seconds to be back; close what the try opened (Esc)."""
        restores_before = self.restores()
        before = self.piassist()
        attempt.act(self)
        start = time.monotonic()
        away_since: float | None = None
        away = 0.0
        reason = ""
        while True:
            now = time.monotonic()
            reason = self.held()
            if reason and away_since is None:
                away_since = now
            elif not reason and away_since is not None:
                away += now - away_since
                away_since = None
            if now - start > observe and not reason:
                break
            if now - start > observe + attempt.deadline:
                break
        if away_since is not None:
            away += time.monotonic() - away_since
        after = self.piassist()
        restarted = before is not None and (after is None or after.pid != before.pid)
        outcome = Outcome(attempt.name, reason, away, self.restores() - restores_before, restarted)
        self.outcomes.append(outcome)
        if not reason:
            self.close_what_opened()
        return outcome

    def pin_dialog(self) -> list[str]:
        return [w for title in PIN_TITLES for w in self.session.windows(title)]

    def restores(self) -> int:
        return self.app.log.count("back to full screen")

    def close_what_opened(self) -> None:
        """Esc closes the PIN dialog or a window manager's menu a try opened."""
        for _ in range(3):
            if not self.pin_dialog() and self.held() == "":
                break
            self.session.key("Escape")
            wait_for(lambda: not self.pin_dialog(), 5, "the PIN dialog closed")
        wait_for(lambda: self.held() == "", 10, "the kiosk on screen after Esc")

    def signal(self, signum: int) -> None:
        process = self.piassist()
        assert process is not None, "no PiAssist running"
        os.kill(process.pid, signum)

        def ended() -> bool:
            now = self.piassist()
            return now is None or now.pid != process.pid

        wait_for(ended, 30, "PiAssist ended")

    def window_id(self) -> str:
        return self.session.window("PiAssist")

    def leave_with_pin(self) -> int:
        """Ctrl+Q, the PIN, Enter: the kiosk ends with status 0."""
        self.session.key("ctrl+q")
        try:
            wait_for(self.pin_dialog, 20, "the PIN dialog")
        except AssertionError as exc:
            shot = self.session.screenshot(self.app.home / "no-pin-dialog.png")
            raise AssertionError(
                f"{exc}; held: {self.held()!r}; the screen: {shot}; log: {self.app.log[-1500:]}"
            ) from exc
        self.session.type(PIN)
        self.session.key("Return")
        assert self.process is not None
        return self.process.wait(timeout=60)

    def tally(self, label: str) -> str:
        escapes = [o for o in self.outcomes if o.escaped]
        kept = [o for o in self.outcomes if not o.escaped]
        undone = [o for o in kept if (o.put_back or o.away) and not o.restarted]
        restarted = [o for o in kept if o.restarted]
        seen_away = max((o.away for o in undone), default=0.0)
        back_after = max((o.away for o in restarted), default=0.0)
        return (
            f"kiosk X11 ({label}): {len(self.outcomes)} tries, {len(escapes)} escapes; "
            f"{len(undone)} undone by PiAssist at once (longest seen off the screen "
            f"{1000 * seen_away:.0f} ms), {len(restarted)} ended PiAssist and the kiosk loop started it "
            f"again (back within {back_after:.1f} s)"
        )
