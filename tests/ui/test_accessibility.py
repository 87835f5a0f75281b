"""Every control a keyboard can reach, on every page, state and dialog of the tour (tests/i18n/tour.py),
has a name a screen reader can say, and shows when it has the focus."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QAccessible, QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget

from piassist.app import PiAssist
from tests.helpers.fakes import FakeServer
from tests.helpers.waiting import wait_until
from tests.i18n.tour import OFFSCREEN_LIMITS, Tour

pytestmark = OFFSCREEN_LIMITS


def reachable(window: QWidget) -> Iterator[QWidget]:
    """The widgets Tab can reach in a window: shown, enabled, taking the focus by Tab."""
    for widget in [window, *window.findChildren(QWidget)]:
        if (
            widget.isVisible()
            and widget.isEnabled()
            and widget.focusPolicy() & Qt.FocusPolicy.TabFocus
            and widget.window() is window
        ):
            yield widget


def spoken_name(widget: QWidget) -> str:
    if widget.focusProxy() is not None:  # a spin box's own line edit: its focus goes to the spin box
        widget = widget.focusProxy()
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Text.Name).strip() if interface is not None else ""


def path(widget: QWidget) -> str:
    names = []
    while widget is not None:
        names.append(widget.objectName() or type(widget).__name__)
        widget = widget.parentWidget()
    return "/".join(reversed(names))


def test_every_reachable_control_has_a_name(
    make_app: Callable[..., PiAssist],
    run: Callable[..., Any],
    server: FakeServer,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    nameless: set[str] = set()
    checked = 0
    for scene in Tour(make_app, run, server, monkeypatch, tmp_path).scenes("en"):
        for window in scene.windows:
            for widget in reachable(window):
                checked += 1
                if not spoken_name(widget):
                    nameless.add(f"{scene.name}: {path(widget)} ({type(widget).__name__})")
    assert checked > 200
    assert not nameless, "\n".join(sorted(nameless))


def look(widget: QWidget) -> QImage:
    """The widget as it appears in its window, with a few pixels round it (a focus frame's place)."""
    window = widget.window()
    corner = widget.mapTo(window, QPoint(0, 0))
    return window.grab(QRect(corner, widget.size()).adjusted(-4, -4, 4, 4)).toImage()


FOCUS_SCENES = {"chat", "models", "get-models", "preferences", "chat-settings", "host", "not-running"}


def test_the_focus_shows_on_every_reachable_control(
    make_app: Callable[..., PiAssist],
    run: Callable[..., Any],
    server: FakeServer,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    """Going round with Tab, each control looks different while it has the focus (the style's focus
    frame or highlight, which Fusion draws after a keyboard focus change): a keyboard user sees where
    they are."""
    unseen: set[str] = set()
    checked = 0
    for scene in Tour(make_app, run, server, monkeypatch, tmp_path).scenes("en"):
        if scene.name not in FOCUS_SCENES:
            continue
        window = scene.windows[-1]
        window.activateWindow()
        run(wait_until(lambda w=window: QApplication.activeWindow() is w))
        widgets = [w for w in reachable(window) if w.focusProxy() is None and w is not window]
        first_focus = QApplication.focusWidget()
        looks = {w: look(w) for w in widgets if w is not first_focus}
        seen_focus: set[QWidget] = set()
        for _ in range(3 * len(widgets)):
            focused = QApplication.focusWidget()
            QTest.keyClick(focused or window, Qt.Key.Key_Tab)
            QApplication.processEvents()
            if (
                first_focus is not None
                and first_focus not in looks
                and QApplication.focusWidget() is not first_focus
            ):
                looks[first_focus] = look(first_focus)
            now = QApplication.focusWidget()
            if now in looks and now not in seen_focus:
                seen_focus.add(now)
                checked += 1
                if look(now) == looks[now]:
                    unseen.add(f"{scene.name}: {path(now)} ({type(now).__name__})")
    assert checked > 40
    assert not unseen, "\n".join(sorted(unseen))
