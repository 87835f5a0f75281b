"""The first window fits the screen it opens on: the installed command on a Pi's 800×480 panel (openbox,
whose title bar takes room too), fresh and with a size remembered from a big monitor."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from scripts import harness
from tests.session.conftest import report
from tests.session.piassist_run import PiAssistRun
from tests.session.x11 import X11Session

SETTINGS = f"[chat]\nmodel={harness.DEMO_MODEL}\n"


def open_window(session: X11Session, app: PiAssistRun, host: str) -> str:
    app.start("--host", host, "--lang", "en")
    window = session.window("PiAssist")
    app.wait_connected()
    return window


def quit_cleanly(session: X11Session, app: PiAssistRun) -> None:
    session.key("ctrl+q")
    assert app.wait_exit(60) == 0, app.stderr


def test_the_first_window_fits_an_800x480_screen(
    x11: Callable[..., X11Session], ollama: harness.OllamaServer, tmp_path: Path
) -> None:
    session = x11(800, 480)
    app = PiAssistRun(session, tmp_path / "home", settings=SETTINGS)
    window = open_window(session, app, ollama.host)
    frame = session.geometry(window)
    session.screenshot(tmp_path / "800x480.png")
    assert frame.inside(session.screen), frame
    assert frame.width >= 780 and frame.height >= 440, "it uses the screen, it is not a postage stamp"
    quit_cleanly(session, app)
    report(f"first window at 800x480: {frame.width}x{frame.height} at {frame.x},{frame.y}, frame included")


def test_a_size_remembered_from_a_big_monitor_is_clamped(
    x11: Callable[..., X11Session], ollama: harness.OllamaServer, tmp_path: Path
) -> None:
    home = tmp_path / "home"
    big = x11(1920, 1080)
    app = PiAssistRun(big, home, settings=SETTINGS)
    window = open_window(big, app, ollama.host)
    big.run("xdotool", "windowsize", window, "1700", "1000")
    big.run("xdotool", "windowmove", window, "150", "40")
    assert big.client_geometry(window).width == 1700
    quit_cleanly(big, app)  # the size and place are kept

    small = x11(800, 480)
    again = PiAssistRun(small, home)
    window = open_window(small, again, ollama.host)
    frame = small.geometry(window)
    assert frame.inside(small.screen), frame
    quit_cleanly(small, again)
    report(f"remembered 1700x1000, opened at 800x480: {frame.width}x{frame.height} at {frame.x},{frame.y}")
