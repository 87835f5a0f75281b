"""The main window's paint pacing (ui/window/paint_pace.py): a window paints at most once per frame of its
screen, changes that come faster are drawn together at the frame's end, none is lost, and a change after a
quiet frame is drawn at once. The Wayland session test (tests/session/test_wayland_app.py) shows what it
saves there: a third whole-window buffer."""

from __future__ import annotations

import itertools
import time

from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from piassist.ui.window.paint_pace import LONGEST_FRAME_MS, SHORTEST_FRAME_MS, PaintPace


class Watched(QLabel):
    """A label that notes when it was painted and with what text."""

    def __init__(self) -> None:
        super().__init__("change 0000")
        self.painted: list[tuple[float, str]] = []

    def paintEvent(self, event: QPaintEvent) -> None:
        self.painted.append((time.monotonic(), self.text()))
        super().paintEvent(event)


def paced_window(qtbot: QtBot) -> tuple[QWidget, Watched, PaintPace]:
    window = QWidget()
    label = Watched()
    QVBoxLayout(window).addWidget(label)
    pace = PaintPace(window)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    qtbot.waitUntil(lambda: not pace.waiting() and bool(label.painted))
    qtbot.wait(pace.frame_ms() + 5)  # a quiet frame: the next change is drawn at once
    return window, label, pace


def test_changes_faster_than_frames_are_drawn_a_frame_apart_and_the_last_is_on_screen(qtbot: QtBot) -> None:
    _, label, pace = paced_window(qtbot)
    frame = pace.frame_ms()
    assert SHORTEST_FRAME_MS <= frame <= LONGEST_FRAME_MS
    label.painted.clear()
    started = time.monotonic()
    changes = 0
    while time.monotonic() - started < 0.3:  # a change about every 2 ms for 300 ms, as a burst of events
        changes += 1
        label.setText(f"change {changes:04d}")  # one width: the window never grows
        QApplication.processEvents()
        qtbot.wait(2)
    qtbot.waitUntil(lambda: not pace.waiting())
    QApplication.processEvents()

    times = [at for at, _ in label.painted]
    assert changes > 60
    assert label.painted[-1][1] == f"change {changes:04d}", "the last change is drawn"
    assert pace.held >= len(times) // 2, "the paints were held to the ends of frames"
    assert len(times) >= 5, "drawn as it changes, not only at the end"
    gaps = [b - a for a, b in itertools.pairwise(times)]
    assert min(gaps) * 1000 >= frame - 2, "never two paints within a frame (less a timer's rounding)"


def test_a_change_after_a_quiet_frame_is_drawn_at_once(qtbot: QtBot) -> None:
    _, label, pace = paced_window(qtbot)
    label.painted.clear()
    label.setText("now")
    QApplication.processEvents()
    assert [text for _, text in label.painted] == ["now"]
    assert not pace.waiting()


def test_removed_it_lets_a_held_paint_through_and_holds_no_more(qtbot: QtBot) -> None:
    _, label, pace = paced_window(qtbot)
    changes = 0
    while not pace.waiting() and changes < 50:  # the second change within a frame is held
        changes += 1
        label.setText(f"change {changes:04d}")
        QApplication.processEvents()
    assert pace.waiting()
    pace.remove()
    qtbot.waitUntil(lambda: label.painted[-1][1] == f"change {changes:04d}")
    held = pace.held
    for n in range(changes + 1, changes + 6):
        label.setText(f"change {n:04d}")
        QApplication.processEvents()
        assert label.painted[-1][1] == f"change {n:04d}", "each change drawn in its own turn"
    assert pace.held == held
