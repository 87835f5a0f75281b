"""Keyboard use over the fake server: the whole walk by keys alone, Esc, text zoom, the shortcut sheet,
the tab order, and the screen reader hearing that an answer ended."""

from __future__ import annotations

import traceback
from collections.abc import Callable
from typing import Any

import pytest
from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAccessible, QAccessibleEvent, QAction
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from piassist.app import PiAssist
from piassist.ui.common import announce as announce_module
from piassist.ui.keyboard.keys import shown
from piassist.ui.keyboard.shortcut_sheet import plain
from piassist.ui.window.menus import PAGE_MODELS
from piassist.ui.window.text_zoom import ZOOM_STEPS, clamp_zoom
from tests.helpers.fakes import FakeServer, answer
from tests.helpers.keyboard_walk import CTRL, KeyboardWalk, walk
from tests.helpers.waiting import settle
from tests.i18n.tour import OFFSCREEN_LIMITS

pytestmark = OFFSCREEN_LIMITS


def test_the_whole_walk_by_keys_alone(
    make_app: Callable[..., PiAssist], run: Callable[..., Any], qtbot: QtBot, server: FakeServer
) -> None:
    app = make_app("en")
    server.chat_script = answer(["Once ", "upon ", "a ", "time"])
    server.hold_after = 2  # the answer waits there: Esc comes while it is being written
    steps = walk(
        app,
        run,
        models=2,
        model="gemma3:270m",
        question="Tell me a story",
        streamed=lambda w: "Once upon" in w.answer_text(),
    )
    assert server.chat_requests[-1].model == "gemma3:270m"
    assert server.chats_stopped == 1 and server.chats_finished == 0
    assert app.settings.language == "uk"
    assert app.window.nav.item(PAGE_MODELS).text() == "Моделі"
    assert steps.closed


def open_chat(make_app: Callable[..., PiAssist], run: Callable[..., Any]) -> KeyboardWalk:
    steps = KeyboardWalk(make_app("en"), run)
    steps.start(models=2)
    return steps


def test_escape_stops_the_answer_wherever_the_focus_is(
    make_app: Callable[..., PiAssist], run: Callable[..., Any], server: FakeServer
) -> None:
    steps = open_chat(make_app, run)
    app, window = steps.app, steps.window
    assert not window.menus.stop_action.isEnabled()
    server.hold_after = 1
    steps.type("Hello")
    steps.press(Qt.Key.Key_Return)
    steps.wait(lambda: "Hello" in steps.answer_text())
    assert window.menus.stop_action.isEnabled()
    steps.press(Qt.Key.Key_F, CTRL)  # Find: the focus goes to the search field, far from the composer
    assert QApplication.focusWidget() is window.chat_page.conversations.search
    steps.press(Qt.Key.Key_Escape)
    steps.wait(lambda: not app.chat.generating)
    assert app.chat.messages[-1].state.value == "stopped"
    assert server.chats_stopped == 1
    assert not window.menus.stop_action.isEnabled()


def test_escape_does_nothing_harmful_without_an_answer_and_closes_a_dialog_first(
    make_app: Callable[..., PiAssist], run: Callable[..., Any], server: FakeServer
) -> None:
    steps = open_chat(make_app, run)
    app, window = steps.app, steps.window
    steps.type("First")
    steps.press(Qt.Key.Key_Return)
    steps.wait(lambda: not app.chat.generating and len(app.chat.messages) == 2)
    conversation = app.chat.conversation
    for _ in range(3):  # with no answer being written, Esc in the composer, the list, the search field
        steps.press(Qt.Key.Key_Escape)
        steps.press(Qt.Key.Key_Tab)
    assert app.chat.conversation == conversation and len(app.chat.messages) == 2
    assert window.isVisible() and not window.isFullScreen()

    # While an answer is written, Esc in a dialog closes the dialog and leaves the answer alone.
    server.hold_after = 1
    steps.press(Qt.Key.Key_L, CTRL)
    steps.type("Second")
    steps.press(Qt.Key.Key_Return)
    steps.wait(lambda: "Hello" in steps.answer_text())
    steps.press(Qt.Key.Key_F1)
    sheet = window.shortcut_sheet
    assert sheet is not None and sheet.isVisible()
    steps.wait(lambda: QApplication.activeWindow() is sheet)
    steps.press(Qt.Key.Key_Escape)
    steps.wait(lambda: not sheet.isVisible())
    assert app.chat.generating
    server.release_chat()
    steps.wait(lambda: not app.chat.generating)
    assert app.chat.messages[-1].state.value == "complete"


def point_size(widget: QWidget) -> float:
    return widget.font().pointSizeF()


def test_text_zoom_goes_in_steps_within_its_range_and_is_remembered(
    make_app: Callable[..., PiAssist],
    run: Callable[..., Any],
    server: FakeServer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    steps = open_chat(make_app, run)
    app, window = steps.app, steps.window
    page = window.chat_page
    steps.type("Hello")
    steps.press(Qt.Key.Key_Return)
    steps.wait(lambda: not app.chat.generating and len(app.chat.messages) == 2)
    # What follows the first answer (the conversation list filled, a redraw owed from a language change
    # while it streamed) happens before the redraws are counted.
    steps.wait(lambda: not page.answers.redraw_owed and page.conversations.list.count() == 1)
    run(settle())
    zoomed = (page.transcript, page.composer, page.conversations.list, window.models_page.table)
    normal = [point_size(w) for w in zoomed]
    redraws: list[int] = []
    show = page.transcript.show_messages
    stacks: list[str] = []  # where each redraw came from, shown if there are too many
    monkeypatch.setattr(
        page.transcript,
        "show_messages",
        lambda m: (redraws.append(len(m)), stacks.append("".join(traceback.format_stack(limit=12))), show(m)),
    )

    seen = []
    for _ in range(len(ZOOM_STEPS) + 2):  # past the top: it stays at 200 %
        steps.press(Qt.Key.Key_Equal, CTRL)
        seen.append(window.text_zoom.percent)
    assert seen == [110, 125, 150, 175, 200, 200, 200, 200, 200, 200]
    assert [point_size(w) for w in zoomed] == pytest.approx([2 * s for s in normal])
    # The transcript drawn again once per step, not at all past the end.
    assert redraws == [2] * 5, "\n----\n".join(stacks)
    assert app.settings.text_zoom == 200
    steps.press(Qt.Key.Key_0, CTRL)
    assert window.text_zoom.percent == 100 and [point_size(w) for w in zoomed] == pytest.approx(normal)
    for _ in range(4):
        steps.press(Qt.Key.Key_Minus, CTRL)
    assert window.text_zoom.percent == 75
    assert [point_size(w) for w in zoomed] == pytest.approx([0.75 * s for s in normal])

    # While an answer is written the transcript is not drawn again; it is once the answer has ended.
    redraws.clear()
    server.hold_after = 1
    steps.type("Again")
    steps.press(Qt.Key.Key_Return)
    steps.wait(lambda: "Hello" in steps.answer_text())
    steps.press(Qt.Key.Key_Equal, CTRL)
    steps.press(Qt.Key.Key_Equal, CTRL)
    assert redraws == []
    server.release_chat()
    steps.wait(lambda: not app.chat.generating)
    assert redraws == [4]

    # A new start keeps the size, and a stored value outside the range comes back inside it.
    window.close()
    run(app.aclose())
    app.settings.sync()
    again = make_app("en")
    assert again.window.text_zoom.percent == 100 == again.settings.text_zoom
    assert point_size(again.window.models_page.table) == pytest.approx(normal[3])
    again.settings.set_text_zoom(500)
    assert clamp_zoom(again.settings.text_zoom) == 200
    assert [clamp_zoom(v) for v in (0, 80, 104, 112, 1e9)] == [75, 75, 100, 110, 200]


def test_the_shortcut_sheet_lists_every_action_with_keys_in_both_languages(
    make_app: Callable[..., PiAssist], run: Callable[..., Any]
) -> None:
    steps = open_chat(make_app, run)
    app, window = steps.app, steps.window
    window.get_models_page  # noqa: B018 - every page built: their actions too
    steps.press(Qt.Key.Key_F1)
    sheet = window.shortcut_sheet
    assert sheet is not None and sheet.isVisible()
    assert QApplication.focusWidget() is sheet.tree

    def check(language: str) -> list[tuple[str, str, str]]:
        rows = sheet.rows()
        listed = {(meaning, keys) for _, meaning, keys in rows}
        with_keys = [a for a in window.findChildren(QAction) if shown(a.shortcuts())]
        assert len(with_keys) >= 14
        for action in with_keys:
            assert action.text(), f"an action with {shown(action.shortcuts())} has no text"
            assert (plain(action.text()), shown(action.shortcuts())) in listed, action.text()
        assert all(section and meaning and keys for section, meaning, keys in rows)
        assert sheet.windowTitle() == {"en": "Keyboard shortcuts", "uk": "Клавіатурні скорочення"}[language]
        return rows

    english = check("en")
    meanings = {meaning: keys for _, meaning, keys in english}
    assert meanings["New chat"] == "Ctrl+N"
    assert meanings["Search chats"] == "Ctrl+F"
    assert meanings["Stop the answer"] == "Esc"
    assert meanings["Quit"] == "Ctrl+Q"
    assert meanings["Larger text"].startswith("Ctrl++") and "Ctrl+=" in meanings["Larger text"]
    assert meanings["Smaller text"] == "Ctrl+-" and meanings["Normal text size"] == "Ctrl+0"
    assert "F11" in meanings["Full screen"] and "F1" in meanings["Keyboard shortcuts"]
    assert meanings["Send the question"] == "Enter"
    assert meanings["Delete the chosen conversation"].startswith("Del")
    assert {section for section, _, _ in english} >= {"File", "View", "Settings", "Help", "Chat", "Models"}

    app.i18n.set_language("uk")
    steps.wait(lambda: sheet.rows() and sheet.rows()[0][0] == "Файл")
    ukrainian = check("uk")
    assert len(ukrainian) == len(english)
    typed = [[keys for _, _, keys in rows if not keys.startswith("Alt")] for rows in (english, ukrainian)]
    assert typed[0] == typed[1]  # the same keys; only the underlined letters differ
    ukrainian_meanings = {meaning for _, meaning, _ in ukrainian}
    assert {"Новий чат", "Зупинити відповідь", "Більший текст", "Надіслати питання"} <= ukrainian_meanings
    assert not ukrainian_meanings & set(meanings)  # nothing left in English
    steps.press(Qt.Key.Key_Escape)
    steps.wait(lambda: not sheet.isVisible())


class Recorder:
    """Stands in for QAccessible in piassist.ui.common.announce: records what would reach a screen reader."""

    Event = QAccessible.Event

    def __init__(self) -> None:
        self.events: list[tuple[QAccessible.Event, str, QObject]] = []

    def updateAccessibility(self, event: QAccessibleEvent) -> None:
        message = event.message() if hasattr(event, "message") else event.object().accessibleDescription()
        self.events.append((event.type(), message, event.object()))


def test_a_finished_answer_is_announced_to_screen_readers(
    make_app: Callable[..., PiAssist],
    run: Callable[..., Any],
    server: FakeServer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert announce_module._ANNOUNCEMENT is not None  # PySide6 ≥ 6.8: the real announcement event
    recorder = Recorder()
    monkeypatch.setattr(announce_module, "QAccessible", recorder)
    steps = open_chat(make_app, run)
    app, transcript = steps.app, steps.window.chat_page.transcript
    steps.type("Hello")
    steps.press(Qt.Key.Key_Return)
    steps.wait(lambda: recorder.events)
    assert recorder.events == [
        (QAccessible.Event.Announcement, "The answer is ready: Hello, world!", transcript)
    ]
    server.hold_after = 1
    steps.type("Again")
    steps.press(Qt.Key.Key_Return)
    steps.wait(lambda: "Hello" in steps.answer_text())
    steps.press(Qt.Key.Key_Escape)
    steps.wait(lambda: len(recorder.events) == 2)
    assert recorder.events[1][:2] == (QAccessible.Event.Announcement, "The answer was stopped.")
    assert not app.chat.generating

    # Before Qt 6.8: the message becomes the transcript's description, and an Alert points at it.
    monkeypatch.setattr(announce_module, "_ANNOUNCEMENT", None)
    server.hold_after = None
    app.i18n.set_language("uk")
    steps.wait(lambda: steps.window.chat_page.send_button.text() == "Надіслати")
    steps.type("More")
    steps.press(Qt.Key.Key_Return)
    steps.wait(lambda: len(recorder.events) == 3)
    assert recorder.events[2] == (QAccessible.Event.Alert, "Відповідь готова: Hello, world!", transcript)
    assert transcript.accessibleDescription() == "Відповідь готова: Hello, world!"


def test_tab_goes_through_the_chat_page_in_a_sensible_order(
    make_app: Callable[..., PiAssist], run: Callable[..., Any]
) -> None:
    steps = open_chat(make_app, run)
    app, page = steps.app, steps.window.chat_page
    steps.type("Hello")
    steps.press(Qt.Key.Key_Return)
    steps.wait(lambda: not app.chat.generating and page.conversations.list.count() == 1)
    order: list[QWidget] = []
    for _ in range(40):
        steps.press(Qt.Key.Key_Tab)
        focused = QApplication.focusWidget()
        assert focused is not None
        if order and focused is order[-1]:
            continue  # Tab moves between the links inside the transcript
        if focused in order:
            break
        order.append(focused)
    names = [w.objectName() for w in order]
    start = names.index("sendOrStop")
    names = names[start:] + names[:start]
    assert names == [
        "sendOrStop",
        "navigation",
        "newChat",
        "searchChats",
        "chats",
        "modelPicker",
        "chatSettings",
        "editQuestion",
        "regenerate",
        "transcript",
        "composer",
    ]
