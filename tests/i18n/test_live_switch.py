"""Switching the language while the app is in use (uk → en → uk, by the language menu and by Preferences)
changes every visible text, those built at runtime included, to what an app started in that language
shows in the same state."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, cast

import pytest
from PySide6.QtGui import QTextBlock
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QTextEdit

from piassist.app import PiAssist
from piassist.ui.window.menus import PAGE_CHAT, PAGE_GET, PAGE_MODELS
from tests.helpers.fakes import FakeServer
from tests.i18n.tour import OFFSCREEN_LIMITS, Tour
from tests.i18n.walk import visible_texts

pytestmark = OFFSCREEN_LIMITS
DIGITS = re.compile(r"\d+")


def everything_shown(app: PiAssist) -> dict[str, str]:
    """{page/path: text} over the three pages and the open details dialog. Digits are one 0: times and
    dates differ between two apps made a moment apart; the words around them must not."""
    window = app.window
    dialog = window.models_page.details_dialog
    assert dialog is not None and dialog.isVisible()
    texts: dict[str, str] = {}
    for page in (PAGE_CHAT, PAGE_MODELS, PAGE_GET):
        window.show_page(page)
        QApplication.processEvents()
        for window_shown in (window, dialog):
            texts.update({f"{page}:{k}": DIGITS.sub("0", v) for k, v in visible_texts(window_shown).items()})
    window.show_page(PAGE_CHAT)
    return texts


def differences(got: dict[str, str], wanted: dict[str, str]) -> list[str]:
    return [
        f"{path}: “{got.get(path)}”, started so: “{wanted.get(path)}”"
        for path in sorted(wanted | got)
        if got.get(path) != wanted.get(path)
    ]


def test_every_text_follows_the_language(
    make_app: Callable[..., PiAssist],
    run: Callable[..., Any],
    server: FakeServer,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    tour = Tour(make_app, run, server, monkeypatch, tmp_path)
    started = {language: everything_shown(tour.lived_in(language)) for language in ("en", "uk")}
    assert len(started["uk"]) > 250
    assert not set(started["en"].values()) & {"Встановлені моделі", "Моделі"}  # the two differ at all

    app = tour.lived_in("uk")
    assert not differences(everything_shown(app), started["uk"])
    window = app.window

    window.menus.language_actions["en"].trigger()  # Settings → Language → English
    tour.wait(lambda: window.nav.item(PAGE_MODELS).text() == "Models")
    problems = differences(everything_shown(app), started["en"])
    assert not problems, "after uk → en:\n" + "\n".join(problems)

    preferences = window.open_settings_dialog()  # Preferences → Language: Українська → OK
    preferences.language.setCurrentIndex(preferences.language.findData("uk"))
    preferences.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    tour.wait(lambda: window.nav.item(PAGE_MODELS).text() == "Моделі")
    problems = differences(everything_shown(app), started["uk"])
    assert not problems, "after en → uk:\n" + "\n".join(problems)


def test_an_answer_being_written_follows_when_it_ends(
    make_app: Callable[..., PiAssist],
    run: Callable[..., Any],
    server: FakeServer,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    tour = Tour(make_app, run, server, monkeypatch, tmp_path)
    app = tour.open_app("uk")
    chat = app.window.chat_page
    server.hold_after = 2
    tour.ask(app, "Привіт")
    tour.wait(lambda: chat.gauge.phase.value == "streaming")
    app.window.menus.language_actions["en"].trigger()
    tour.wait(lambda: chat.send_button.text() == "Stop")
    assert chat.transcript.toPlainText().lstrip("\n").startswith("Ви\n")  # the answer streams on undisturbed
    server.release_chat()
    tour.wait(lambda: not app.chat.generating)
    text = chat.transcript.toPlainText().lstrip("\n")  # the question's bubble follows an empty block
    assert text.startswith("You\n") and "Ви" not in text and "Копіювати" not in text
    names = action_names(chat.transcript)  # the copy icons' names, in the new language too
    assert names and not any("Копіювати" in name for name in names)
    assert "Hello, world!" in text and "20.0 tokens/s" in text


def action_names(view: QTextEdit) -> list[str]:
    """The tooltips of the images in the transcript's links (its action icons)."""
    names = []
    block = view.document().begin()
    while block.isValid():
        for piece in cast(Iterable[QTextBlock.iterator], block):  # PySide6 iterates a block
            char = piece.fragment().charFormat()
            if char.isImageFormat() and char.isAnchor():
                names.append(char.toolTip())
        block = block.next()
    return names
