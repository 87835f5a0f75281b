"""Starting points edited in Preferences (issue 19): by keys alone a person renames one, adds, removes and
reorders them, and the empty chat shows the new list at once and after a restart; "Reset to the defaults"
brings PiAssist's own back; an entry left without text is said (translated) and nothing is lost. The
lists live in the settings, per interface language, never in resources/."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox
from pytestqt.qtbot import QtBot

from piassist import paths
from piassist.app import PiAssist
from piassist.core.starting_points import StartingPoint, starting_points
from piassist.ui.settings.dialogs import STARTING_TAB, SettingsDialog
from tests.helpers.fakes import FakeServer, answer
from tests.helpers.waiting import wait_until

FOLDER = paths.resources_dir() / "starting-points"
ALT = Qt.KeyboardModifier.AltModifier


def opened(make_app: Callable[..., PiAssist], run: Callable[..., Any], language: str = "en") -> PiAssist:
    app = make_app(language)
    app.window.show()
    app.start()
    run(wait_until(lambda: bool(app.library.current_model)))
    return app


def labels(app: PiAssist) -> list[str]:
    return [button.text() for button in app.window.chat_page.starting.buttons]


def to_tab(dialog: SettingsDialog, qtbot: QtBot, index: int) -> None:
    """Ctrl+Tab from the dialog's first tab to the one wanted (as a person moves between tabs)."""
    dialog.tabs.setFocus()
    for _ in range(dialog.tabs.count()):
        if dialog.tabs.currentIndex() == index:
            break
        qtbot.keyClick(dialog.tabs, Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert dialog.tabs.currentIndex() == index


def test_a_starting_point_edited_by_keys_shows_on_the_empty_chat_and_after_a_restart(
    make_app: Callable[..., PiAssist],
    run: Callable[..., Any],
    server: FakeServer,
    qtbot: QtBot,
    tmp_path: Path,
) -> None:
    app = opened(make_app, run)
    defaults = starting_points(FOLDER, "en")
    assert labels(app) == [p.label for p in defaults]
    dialog = app.window.open_settings_dialog()
    to_tab(dialog, qtbot, STARTING_TAB)
    editor = dialog.starting
    editor.list.setFocus()
    qtbot.keyClick(editor.list, Qt.Key.Key_Home)
    qtbot.keyClick(editor.list, Qt.Key.Key_Down)  # "Summarize"
    assert editor.list.currentRow() == 1
    qtbot.keyClick(editor.list, Qt.Key.Key_Up, ALT)  # moved to the top
    assert editor.list.currentRow() == 0 and editor.list.item(0).text() == defaults[1].label
    editor.label.setFocus()
    editor.label.selectAll()
    qtbot.keyClicks(editor.label, "Opening hours")
    editor.prompt.setFocus()
    editor.prompt.selectAll()
    qtbot.keyClicks(editor.prompt, "When is the library open on ")
    # the last one ("Help with code") goes: choose it and press Remove
    editor.list.setCurrentRow(editor.list.count() - 1)
    editor.remove_button.setFocus()
    qtbot.keyClick(editor.remove_button, Qt.Key.Key_Space)
    closed: list[int] = []
    dialog.finished.connect(closed.append)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    ok.setFocus()
    qtbot.keyClick(ok, Qt.Key.Key_Space)
    run(wait_until(lambda: closed == [1]))  # accepted

    expected = ["Opening hours", defaults[0].label, *[p.label for p in defaults[2:-1]]]
    run(wait_until(lambda: labels(app) == expected))
    assert app.starting_points.own("en") == [
        StartingPoint("Opening hours", "When is the library open on "),
        defaults[0],
        *defaults[2:-1],
    ]
    page = app.window.chat_page
    page.starting.buttons[0].click()  # and it is used as it reads
    assert page.composer.toPlainText() == "When is the library open on "
    assert "starting_points_en" in (tmp_path / "settings.ini").read_text()
    assert starting_points(FOLDER, "en") == defaults  # resources/ untouched
    run(app.aclose())

    again = opened(make_app, run)  # the same settings file
    assert labels(again) == expected

    dialog = again.window.open_settings_dialog()  # back to PiAssist's own
    to_tab(dialog, qtbot, STARTING_TAB)
    dialog.starting.reset_button.click()
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    run(wait_until(lambda: labels(again) == [p.label for p in defaults]))
    assert again.starting_points.own("en") is None


def test_an_entry_without_text_is_said_and_nothing_is_lost(
    make_app: Callable[..., PiAssist], run: Callable[..., Any], qtbot: QtBot
) -> None:
    app = opened(make_app, run, "uk")
    dialog = app.window.open_settings_dialog()
    dialog.activateWindow()
    run(wait_until(dialog.isActiveWindow))
    to_tab(dialog, qtbot, STARTING_TAB)
    editor = dialog.starting
    before = editor.list.count()
    qtbot.keyClick(editor.add_button, Qt.Key.Key_Space)
    assert editor.list.count() == before + 1 and QApplication.focusWidget() is editor.label
    qtbot.keyClicks(editor.label, "Slovo")  # QTest types ASCII only
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    assert dialog.isVisible()  # not closed: the new entry has no instruction
    assert editor.message.isVisible() and str(before + 1) in editor.message.text()
    assert "instruction" not in editor.message.text()  # said in Ukrainian
    assert editor.list.currentRow() == before and editor.label.text() == "Slovo"  # kept, chosen
    qtbot.keyClicks(editor.prompt, "Explain the word: ")
    closed: list[int] = []
    dialog.finished.connect(closed.append)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    run(wait_until(lambda: closed == [1]))
    assert labels(app)[-1] == "Slovo"
    assert app.starting_points.own("en") is None  # another language's list is its own


def test_every_one_removed_leaves_the_question_box_alone(
    make_app: Callable[..., PiAssist], run: Callable[..., Any], server: FakeServer
) -> None:
    app = opened(make_app, run)
    app.starting_points.set_points("en", [])
    run(wait_until(lambda: labels(app) == []))
    page = app.window.chat_page
    assert not page.starting.hint.isVisible()
    server.chat_script = answer(["Fine."])
    page.composer.setPlainText("Hello")
    page.send_button.click()
    run(wait_until(lambda: not app.chat.generating and len(app.chat.messages) == 2))
