"""Alt + an underlined letter with either keyboard layout, pressed as real keys (XTEST) with the layout
switched by setxkbmap: the model picker (README's Alt+M) and the menus."""

from __future__ import annotations

from collections.abc import Callable
from configparser import ConfigParser
from pathlib import Path

from scripts import harness
from tests.session.conftest import report
from tests.session.desktop import wait_for
from tests.session.piassist_run import PiAssistRun
from tests.session.x11 import X11Session

SETTINGS = f"[chat]\nmodel={harness.DEMO_MODEL}\n"


def saved_model(app: PiAssistRun) -> str:
    settings = ConfigParser()
    settings.read(app.home / "config" / "piassist.ini")
    return settings.get("chat", "model", fallback="")


def start(session: X11Session, app: PiAssistRun, host: str, language: str) -> None:
    app.start("--host", host, "--lang", language, "--bench-events")
    session.window("PiAssist")
    app.wait_models(2)  # the picker holds both models: Home then picks the first, not the only one
    # Keys go where X has the focus: wait for the window manager to give it to the new window.
    wait_for(lambda: session.focused_title() == "PiAssist", 20, "the keyboard in PiAssist's window")


def pick_the_first_model_with(session: X11Session, app: PiAssistRun, alt_m: str) -> str:
    """Alt+M (as the layout of the moment types that key), then Home: the first model of the picker.
    Were the focus still in the question box, Home would only move its cursor."""
    session.key(alt_m, "Home", "ctrl+q")
    assert app.wait_exit(60) == 0, app.stderr
    return saved_model(app)


def test_alt_m_with_the_latin_layout_in_the_ukrainian_interface(
    x11: Callable[..., X11Session], ollama: harness.OllamaServer, tmp_path: Path
) -> None:
    session = x11()
    session.set_layout("us")
    app = PiAssistRun(session, tmp_path / "home", settings=SETTINGS)
    start(session, app, ollama.host, "uk")
    chosen = pick_the_first_model_with(session, app, "alt+m")
    assert chosen == harness.SECOND_MODEL  # gemma3:270m comes before smollm2:135m
    report(f"Alt+M, Latin layout, Ukrainian interface: the model picker ({harness.DEMO_MODEL} → {chosen})")


def test_alt_m_with_the_ukrainian_layout_in_the_english_interface(
    x11: Callable[..., X11Session], ollama: harness.OllamaServer, tmp_path: Path
) -> None:
    session = x11()
    session.set_layout("ua")  # the Ukrainian layout alone: no Latin group for Qt to fall back on
    app = PiAssistRun(session, tmp_path / "home", settings=SETTINGS)
    start(session, app, ollama.host, "en")
    chosen = pick_the_first_model_with(session, app, "alt+Cyrillic_softsign")  # the M key types Ь
    assert chosen == harness.SECOND_MODEL
    report(
        f"Alt+M (Ь), Ukrainian layout, English interface: the model picker ({harness.DEMO_MODEL} → {chosen})"
    )


def test_the_ukrainian_file_menu_by_latin_keys_quits(
    x11: Callable[..., X11Session], ollama: harness.OllamaServer, tmp_path: Path
) -> None:
    session = x11()
    session.set_layout("us")
    app = PiAssistRun(session, tmp_path / "home", settings=SETTINGS)
    start(session, app, ollama.host, "uk")
    session.key("alt+a")  # the key of Ф: "&Файл"
    session.key("d")  # the key of В: "&Вийти"
    assert app.wait_exit(60) == 0, app.stderr
    assert app.stderr == ""
    wait_for(lambda: "shut down" in app.log, 5, "the orderly shutdown")
    report("Alt+A then D, Latin layout, Ukrainian interface: Файл → Вийти, status 0")
