"""Light and dark: the choice in Preferences, kept in the settings, applied to the whole application, and
what the transcript draws (question bubbles, action icons, code) readable in both."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette, QTextCursor
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from piassist.core.history.types import Role
from piassist.core.markdown.block_html import CodeLook, Labels
from piassist.core.markdown.render import render_markdown
from piassist.services.settings import SettingsService
from piassist.ui.chat.transcript_view import TranscriptMessage, TranscriptView
from piassist.ui.common.appearance import Appearance, dark_from_gtk, dark_from_names, is_dark
from piassist.ui.settings.dialogs import SettingsDialog


def luminance(colour: QColor) -> float:
    def channel(value: float) -> float:
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    return (
        0.2126 * channel(colour.redF()) + 0.7152 * channel(colour.greenF()) + 0.0722 * channel(colour.blueF())
    )


def contrast(a: QColor, b: QColor) -> float:
    """WCAG's contrast ratio: 4.5 is enough for body text."""
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


@pytest.fixture
def appearance(qapp: QApplication, tmp_path: Path) -> Iterator[Appearance]:
    """An Appearance that reads no real desktop (an empty config folder) and puts everything back."""
    made = Appearance(qapp, "system", config_dir=tmp_path)
    made._gnome = False  # as if gsettings said light: this machine's own desktop does not count
    yield made
    made.close()


def question_colours(view: TranscriptView) -> tuple[QColor, QColor, QColor]:
    """The question bubble's background, and the colours of its name and of its text."""
    tables = view.document().rootFrame().childFrames()
    assert tables, "the question is not in its bubble"
    table = tables[0]
    background = table.frameFormat().background().color()
    cursor = QTextCursor(view.document())
    drawn = []
    for position in (table.firstPosition() + 1, table.lastPosition() - 1):
        cursor.setPosition(position)
        brush = cursor.charFormat().foreground()
        text = view.palette().color(QPalette.ColorRole.Text)
        drawn.append(brush.color() if brush.style() != Qt.BrushStyle.NoBrush else text)
    return background, drawn[0], drawn[1]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_choice_gives_its_palette_and_the_question_stays_readable(
    qapp: QApplication, qtbot: QtBot, appearance: Appearance, scheme: str
) -> None:
    appearance.set_scheme(scheme)
    palette = qapp.palette()
    window = palette.color(QPalette.ColorRole.Window)
    assert is_dark(palette) == (scheme == "dark") == appearance.dark
    assert (window.lightness() < 80) if scheme == "dark" else (window.lightness() > 180)
    assert scheme == "light" or qapp.style().name().lower() == "fusion"
    view = TranscriptView()
    qtbot.addWidget(view)
    view.show_messages([TranscriptMessage(1, Role.USER, "How much memory does a Pi 5 have?")])
    background, name, text = question_colours(view)
    assert contrast(background, text) >= 7  # bubble and text apart; AAA for body text
    assert contrast(background, name) >= 7
    assert background != view.palette().color(QPalette.ColorRole.Base)  # a bubble, not the page


def test_the_transcript_redraws_in_the_new_colours(qtbot: QtBot, appearance: Appearance) -> None:
    appearance.set_scheme("light")
    view = TranscriptView()
    qtbot.addWidget(view)
    restyled: list[bool] = []
    view.restyled.connect(lambda: restyled.append(True))
    view.show_messages([TranscriptMessage(1, Role.USER, "Hello")])
    light_bubble, _, _ = question_colours(view)
    appearance.set_scheme("dark")
    qtbot.waitUntil(lambda: bool(restyled))  # the page's answer feed draws the conversation again on this
    view.show_messages([TranscriptMessage(1, Role.USER, "Hello")])
    dark_bubble, _, text = question_colours(view)
    assert dark_bubble.lightness() < light_bubble.lightness() and contrast(dark_bubble, text) >= 7


def test_code_blocks_follow_the_page() -> None:
    code = "```python\nprint('hi')\n```"
    light = render_markdown(code)
    dark = render_markdown(code, labels=Labels(code=CodeLook(background="#262626", dark=True)))
    assert "#f6f8fa" in light and "#262626" in dark and "#f6f8fa" not in dark
    assert light != dark.replace("#262626", "#f6f8fa")  # the highlighting's colours changed too


def test_the_choice_is_kept(tmp_path: Path) -> None:
    settings = SettingsService(tmp_path / "s.ini")
    assert settings.appearance == "system"
    chosen: list[str] = []
    settings.appearance_changed.connect(chosen.append)
    settings.set_appearance("dark")
    settings.set_appearance("purple")  # not a choice: ignored
    settings.sync()
    assert chosen == ["dark"] and SettingsService(tmp_path / "s.ini").appearance == "dark"


def test_preferences_offer_the_three_choices(qtbot: QtBot) -> None:
    dialog = SettingsDialog("en", {}, "", lambda: "Be brief.", appearance="dark")
    qtbot.addWidget(dialog)
    box = dialog.appearance
    assert [box.itemData(i) for i in range(box.count())] == ["system", "light", "dark"]
    assert box.currentData() == "dark" and all(box.itemText(i) for i in range(box.count()))
    chosen: list[str] = []
    dialog.appearance_chosen.connect(chosen.append)
    box.setCurrentIndex(box.findData("light"))
    dialog.buttons.accepted.emit()
    assert chosen == ["light"]


def test_the_desktops_dark_theme_is_read_from_gtk(tmp_path: Path) -> None:
    assert dark_from_gtk(tmp_path, {}) is None  # nothing said
    (tmp_path / "gtk-3.0").mkdir()
    ini = tmp_path / "gtk-3.0" / "settings.ini"
    ini.write_text("[Settings]\ngtk-theme-name=PiXnoir\n")  # Raspberry Pi OS's dark theme
    assert dark_from_gtk(tmp_path, {}) is True
    ini.write_text("[Settings]\ngtk-theme-name=PiXflat\n")
    assert dark_from_gtk(tmp_path, {}) is False
    ini.write_text("[Settings]\ngtk-theme-name=Adwaita\ngtk-application-prefer-dark-theme=1\n")
    assert dark_from_gtk(tmp_path, {}) is True
    assert dark_from_gtk(tmp_path, {"GTK_THEME": "Adwaita:light"}) is False
    assert dark_from_names("'prefer-dark'") is True and dark_from_names("'Adwaita'") is False


def test_following_the_desktop(qapp: QApplication, appearance: Appearance, tmp_path: Path) -> None:
    appearance._gnome = None
    (tmp_path / "gtk-3.0").mkdir()
    (tmp_path / "gtk-3.0" / "settings.ini").write_text("[Settings]\ngtk-theme-name=PiXnoir\n")
    appearance.set_scheme("system")
    assert appearance.dark and is_dark(qapp.palette())
    appearance.set_scheme("light")
    assert not appearance.dark and not is_dark(qapp.palette())
