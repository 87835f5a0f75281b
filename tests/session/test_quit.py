"""Every way a person ends PiAssist, while the real Ollama is writing an answer: the installed command in
an openbox session, a question typed with real keys, then the close button, Ctrl+Q, File → Quit, Alt+F4,
the desktop's logout (SIGTERM), a closed terminal (SIGHUP) and Ctrl+C (SIGINT). Each must end with
status 0, nothing on stderr, and the answer in the history as stopped, with what had come."""

from __future__ import annotations

import signal
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from scripts import harness
from tests.session.conftest import report
from tests.session.desktop import installed_piassist, wait_for
from tests.session.piassist_run import PiAssistRun
from tests.session.x11 import X11Session

QUESTION = "Write a long story about a llama who climbs a mountain."
# Temperature 0: smollm2 then writes the story to its 2,000 tokens on both Ollama versions (v0.34.4: 14.6 s),
# long enough to be seen being written; at its own temperature it sometimes ends within a second.
SETTINGS = f"[chat]\nmodel={harness.DEMO_MODEL}\nnum_predict=2000\ntemperature=0\noptions_are_chosen=true\n"


def questions(app: PiAssistRun) -> int:
    return sum(a.role == "user" for a in app.answers())


def ask(session: X11Session, app: PiAssistRun, question: str) -> None:
    """Type the question into the question box (which has the focus when the window opens) and press
    Enter, again while the app is still reading the models (Enter then does nothing yet)."""
    asked = questions(app)
    session.type(question)
    for _ in range(20):
        session.key("Return")
        try:
            wait_for(lambda: questions(app) > asked, 3, "the question sent")
            return
        except AssertionError:
            continue
    raise AssertionError("the question was never sent")


def click_close_button(session: X11Session, app: PiAssistRun, window: str) -> None:
    """The × at the right end of openbox's title bar (its stock layout, NLIMC)."""
    frame = session.geometry(window)
    client = session.client_geometry(window)
    title_bar = client.y - frame.y
    session.run(
        "xdotool", "mousemove", str(frame.x + frame.width - title_bar // 2 - 2), str(frame.y + title_bar // 2)
    )
    session.run("xdotool", "click", "1")


def signal_to(signum: signal.Signals) -> Callable[[X11Session, PiAssistRun, str], None]:
    def send(_session: X11Session, app: PiAssistRun, _window: str) -> None:
        assert app.process is not None
        app.process.send_signal(signum)

    return send


QUIT_PATHS: dict[str, Callable[[X11Session, PiAssistRun, str], None]] = {
    "close button": click_close_button,
    "Ctrl+Q": lambda session, _app, _w: session.key("ctrl+q"),
    "File → Quit": lambda session, _app, _w: session.key("alt+f", "q"),
    "Alt+F4": lambda session, _app, _w: session.key("alt+F4"),
    "SIGTERM (logout)": signal_to(signal.SIGTERM),
    "SIGHUP": signal_to(signal.SIGHUP),
    "SIGINT (Ctrl+C)": signal_to(signal.SIGINT),
}


def start_answering(
    x11: Callable[..., X11Session], ollama: harness.OllamaServer, home: Path
) -> tuple[X11Session, PiAssistRun, str]:
    session = x11()
    app = PiAssistRun(session, home, settings=SETTINGS)
    app.start("--host", ollama.host, "--lang", "en")
    window = session.window("PiAssist")
    app.wait_connected()
    # On the newest Ollama smollm2 writes ~150 tokens a second: a short story can be written and saved
    # whole before it is ever seen in the middle. Then the person asks again, as they would.
    for _ in range(3):
        ask(session, app, QUESTION)
        wait_for(
            lambda: app.streaming() or not answering(app), 90, "part of the answer saved while it streams"
        )
        if app.streaming():
            return session, app, window
    raise AssertionError(f"three answers ended before any was seen being written: {app.answers()}")


def answering(app: PiAssistRun) -> bool:
    """The last question has no finished answer yet."""
    last = app.answers()[-1:]
    return not last or last[0].role == "user" or last[0].state == "streaming"


def assert_clean_end(app: PiAssistRun, status: int) -> None:
    assert status == 0, app.stderr
    assert app.stderr == "", app.stderr
    last = app.answers()[-1]
    assert last.role == "assistant" and last.state == "stopped" and last.length > 0, app.answers()
    assert "shut down" in app.log


@pytest.mark.parametrize("path", list(QUIT_PATHS))
def test_each_quit_path_ends_cleanly_and_keeps_the_answer_in_flight(
    path: str, x11: Callable[..., X11Session], ollama: harness.OllamaServer, tmp_path: Path
) -> None:
    session, app, window = start_answering(x11, ollama, tmp_path / "home")
    asked = time.monotonic()
    QUIT_PATHS[path](session, app, window)
    status = app.wait_exit(60)
    seconds = time.monotonic() - asked
    assert_clean_end(app, status)
    saved = app.answers()[-1].length
    report(
        f"quit by {path}: status {status} after {seconds:.1f} s, stderr empty, answer stopped ({saved} chars)"
    )


def test_a_second_and_third_close_while_shutting_down_change_nothing(
    x11: Callable[..., X11Session], ollama: harness.OllamaServer, tmp_path: Path
) -> None:
    session, app, _window = start_answering(x11, ollama, tmp_path / "home")
    assert app.process is not None
    session.key("ctrl+q")
    app.process.send_signal(signal.SIGTERM)
    session.run("wmctrl", "-c", "PiAssist", check=False)
    app.process.send_signal(signal.SIGTERM)
    status = app.wait_exit(60)
    assert_clean_end(app, status)
    report(f"quit by Ctrl+Q, SIGTERM, the close request and SIGTERM again: status {status}, stderr empty")


def test_make_run_ends_with_status_0_after_ctrl_q(
    x11: Callable[..., X11Session], ollama: harness.OllamaServer, tmp_path: Path
) -> None:
    """`make run` as README says, with an Ollama already answering at OLLAMA_HOST."""
    session = x11()
    app = PiAssistRun(session, tmp_path / "home", settings=SETTINGS)
    root = installed_piassist().parents[2]
    env = app.env()
    env["OLLAMA_HOST"] = ollama.host
    make = subprocess.Popen(
        ["make", "-s", "run"],
        cwd=root,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    try:
        session.window("PiAssist", timeout=180)
        app.wait_connected()
        session.key("ctrl+q")
        status = make.wait(timeout=60)
    finally:
        if make.poll() is None:
            make.kill()
        _out, err = make.communicate(timeout=30)
    assert status == 0, err.decode()
    assert b"Traceback" not in err, err.decode()
    report(f"make run, then Ctrl+Q: status {status}")
