"""The kiosk holds in a real X11 session. Two sessions, each with the kiosk `piassist --install-kiosk`
installed in a home of the test's own, against the real Ollama:

- the X11 kiosk session itself (~/.xsession → piassist-kiosk-x11: no window manager, no desktop);
- a stock openbox desktop running the kiosk loop, the worst case (a desktop a visitor could reach), where
  only PiAssist's own defences stand between the visitor and the desktop.

Every try (the window manager's keys and mouse bindings, xdotool and wmctrl, signals to PiAssist, the
app's own keys) must leave PiAssist on screen, over the whole screen, with the keyboard; the tally is
printed in the terminal summary. At the end the admin leaves with the PIN and the kiosk ends with 0.
"""

from __future__ import annotations

import signal
from collections.abc import Callable
from pathlib import Path

from scripts import harness
from tests.session.conftest import report
from tests.session.kiosk_x11 import Kiosk, Try
from tests.session.x11 import X11Session

RESTART = 60.0  # seconds for the kiosk loop to start PiAssist again (1 s wait, then PiAssist's start)


def keys(*combos: str) -> Callable[[Kiosk], None]:
    return lambda kiosk: kiosk.session.key(*combos)


def tool(*argv: str) -> Callable[[Kiosk], None]:
    """xdotool or wmctrl on the kiosk's window ($W); a tool that fails (wmctrl with no window manager)
    is a try like any other."""

    def act(kiosk: Kiosk) -> None:
        window = kiosk.window_id()
        kiosk.session.run(*(window if a == "$W" else a for a in argv), check=False)

    return act


def mouse(*steps: str) -> Callable[[Kiosk], None]:
    """xdotool's mouse (and modifier) steps, in the middle of the screen first."""

    def act(kiosk: Kiosk) -> None:
        screen = kiosk.session.screen
        kiosk.session.run("xdotool", "mousemove", str(screen.width // 2), str(screen.height // 2), *steps)

    return act


def window_menu(*points: tuple[int, int]) -> Callable[[Kiosk], None]:
    """openbox's window menu (Alt+Space), then the mouse on its items: the last point is clicked. The
    places are those of Debian's stock openbox theme with DejaVu at the top left of the screen."""

    def act(kiosk: Kiosk) -> None:
        kiosk.session.key("alt+space")
        *hover, (x, y) = points
        for hx, hy in hover:
            kiosk.session.run("xdotool", "mousemove", str(hx), str(hy), "sleep", "0.6")
        kiosk.session.run("xdotool", "mousemove", str(x), str(y), "click", "1")

    return act


def signal_to_piassist(signum: signal.Signals) -> Callable[[Kiosk], None]:
    return lambda kiosk: kiosk.signal(signum)


def in_app() -> list[Try]:
    return [
        Try("Ctrl+Q (asks for the PIN)", keys("ctrl+q")),
        Try("Ctrl+W", keys("ctrl+w")),
        Try("F11 (leave full screen)", keys("F11")),
        Try("F10 (the hidden menu bar)", keys("F10")),
        Try("Alt+F (the hidden File menu)", keys("alt+f")),
        Try("Ctrl+2 (Models page)", keys("ctrl+2")),
        Try("Ctrl+, (Preferences)", keys("ctrl+comma")),
        Try("Ctrl+Alt+A (admin, asks for the PIN)", keys("ctrl+alt+a")),
    ]


def signals() -> list[Try]:
    return [
        Try("SIGTERM to PiAssist", signal_to_piassist(signal.SIGTERM), RESTART),
        Try("SIGHUP to PiAssist", signal_to_piassist(signal.SIGHUP), RESTART),
        Try("SIGINT to PiAssist", signal_to_piassist(signal.SIGINT), RESTART),
    ]


def tools() -> list[Try]:
    return [
        Try("xdotool windowminimize", tool("xdotool", "windowminimize", "$W")),
        Try("xdotool windowunmap", tool("xdotool", "windowunmap", "$W")),
        Try("xdotool windowsize 400 300", tool("xdotool", "windowsize", "$W", "400", "300")),
        Try("xdotool windowmove 200 150", tool("xdotool", "windowmove", "$W", "200", "150")),
        Try("xdotool set_desktop 2", tool("xdotool", "set_desktop", "2")),
        Try("xdotool set_desktop_for_window 3", tool("xdotool", "set_desktop_for_window", "$W", "3")),
        Try("wmctrl -s 1 (another desktop)", tool("wmctrl", "-s", "1")),
        Try("wmctrl -t 2 (the window to another desktop)", tool("wmctrl", "-i", "-r", "$W", "-t", "2")),
        Try("wmctrl: no longer full screen", tool("wmctrl", "-i", "-r", "$W", "-b", "remove,fullscreen")),
        Try("wmctrl: shaded (rolled up)", tool("wmctrl", "-i", "-r", "$W", "-b", "add,shaded")),
        Try("wmctrl: below the others", tool("wmctrl", "-i", "-r", "$W", "-b", "add,below")),
        Try("wmctrl -k on (show the desktop)", tool("wmctrl", "-k", "on")),
        Try("wmctrl -c (close, asks for the PIN)", tool("wmctrl", "-i", "-c", "$W")),
        Try("xdotool windowkill (X connection cut)", tool("xdotool", "windowkill", "$W"), RESTART),
    ]


def window_manager_keys() -> list[Try]:
    return [
        Try("Super+D (show the desktop)", keys("super+d")),
        Try("Ctrl+Alt+→ (next desktop)", keys("ctrl+alt+Right")),
        Try("Ctrl+Alt+← (previous desktop)", keys("ctrl+alt+Left")),
        Try("Ctrl+Alt+↓", keys("ctrl+alt+Down")),
        Try("Super+F2 (desktop 2)", keys("super+F2")),
        Try("Super+F4 (desktop 4)", keys("super+F4")),
        Try("Shift+Alt+→ (window to the next desktop)", keys("shift+alt+Right")),
        Try("Shift+Alt+←", keys("shift+alt+Left")),
        Try("Alt+Esc (lower, unfocus)", keys("alt+Escape")),
        Try("Alt+Tab", keys("alt+Tab")),
        Try("Ctrl+Alt+Tab", keys("ctrl+alt+Tab")),
        Try("Super+Shift+→ (cycle windows)", keys("super+shift+Right")),
        Try("Alt+F4 (asks for the PIN)", keys("alt+F4")),
        Try("Super+E (file manager)", keys("super+e")),
    ]


def window_manager_menu_and_mouse() -> list[Try]:
    return [
        Try("window menu → send to desktop 2", window_menu((70, 9), (207, 9), (207, 30))),
        Try("window menu → Iconify", window_menu((46, 104))),
        Try("window menu → Close (asks for the PIN)", window_menu((43, 187))),
        Try("Alt+scroll down (next desktop)", mouse("keydown", "alt", "click", "5", "keyup", "alt")),
        Try("Ctrl+Alt+scroll up", mouse("keydown", "ctrl+alt", "click", "4", "keyup", "ctrl+alt")),
        Try(
            "Alt+Shift+scroll (window to a desktop)",
            mouse("keydown", "alt+shift", "click", "5", "keyup", "alt+shift"),
        ),
        Try("Alt+middle click (lower)", mouse("keydown", "alt", "click", "2", "keyup", "alt")),
        Try(
            "Alt+drag (move)",
            mouse(
                "keydown",
                "alt",
                "mousedown",
                "1",
                "mousemove_relative",
                "200",
                "150",
                "mouseup",
                "1",
                "keyup",
                "alt",
            ),
        ),
        Try(
            "Alt+right drag (resize)",
            mouse(
                "keydown",
                "alt",
                "mousedown",
                "3",
                "mousemove_relative",
                "150",
                "100",
                "mouseup",
                "3",
                "keyup",
                "alt",
            ),
        ),
    ]


def run_tries(kiosk: Kiosk, tries: list[Try], label: str) -> None:
    for attempt in tries:
        kiosk.attempt(attempt)
    escapes = [o for o in kiosk.outcomes if o.escaped]
    for outcome in kiosk.outcomes:
        how = "ESCAPED: " + outcome.escaped if outcome.escaped else "held"
        if outcome.put_back:
            how += f", put back {outcome.put_back}x"
        if outcome.away and not outcome.restarted:
            how += f", seen off the screen for {1000 * outcome.away:.0f} ms"
        if outcome.restarted:
            how += f", restarted by the kiosk loop ({outcome.away:.1f} s)"
        print(f"  {outcome.name}: {how}")
    report(kiosk.tally(label))
    assert len(kiosk.outcomes) >= 25
    assert not escapes, [f"{o.name}: {o.escaped}" for o in escapes]


def test_the_x11_kiosk_session_holds_and_the_pin_leaves_it(
    x11: Callable[..., X11Session], ollama: harness.OllamaServer, tmp_path: Path
) -> None:
    session = x11(1280, 800, window_manager=False)
    kiosk = Kiosk.install(session, tmp_path, ollama.host, harness.DEMO_MODEL)
    desktop = tmp_path / "desktop-started"
    marker = tmp_path / "fake-desktop"
    marker.write_text(f"#!/bin/sh\ntouch '{desktop}'\n")
    marker.chmod(0o755)
    kiosk.extra_env = {"PIASSIST_KIOSK_DESKTOP": str(marker)}
    kiosk.start(kiosk.user_home / ".xsession")

    tries = [*window_manager_keys(), *tools(), *signals(), *in_app()]
    run_tries(kiosk, tries, "the kiosk session, no window manager")

    status = kiosk.leave_with_pin()
    assert status == 0
    assert desktop.exists(), "after the PIN the admin gets the desktop"
    report(f"kiosk X11 (the kiosk session): left with the PIN, status {status}, the desktop started")


def test_the_kiosk_holds_even_inside_an_openbox_desktop(
    x11: Callable[..., X11Session], ollama: harness.OllamaServer, tmp_path: Path
) -> None:
    session = x11(1280, 800, window_manager=True)
    kiosk = Kiosk.install(session, tmp_path, ollama.host, harness.DEMO_MODEL)
    kiosk.start(kiosk.user_home / ".local" / "bin" / "piassist-kiosk")

    tries = [*window_manager_keys(), *window_manager_menu_and_mouse(), *tools(), *signals(), *in_app()]
    run_tries(kiosk, tries, "a stock openbox desktop")

    status = kiosk.leave_with_pin()
    assert status == 0
    report(f"kiosk X11 (openbox desktop): left with the PIN, status {status}")
