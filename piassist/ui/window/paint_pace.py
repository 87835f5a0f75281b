"""The main window paints at most once per frame of its screen.

Contract: `PaintPace(window)` watches the update requests Qt posts to a top-level widget. The first one
after a quiet frame passes at once; one that comes sooner is held, and every request until the frame's end
joins it, so the window draws once with all of their changes. Nothing is dropped: a held request is always
posted again. A frame is 1000 ms ÷ the screen's refresh rate, kept between 8 and 34 ms. `remove()`
ends it (the app does at shutdown, as with its other filters on the window).

Why: Qt Widgets repaint on each posted request, not when the compositor asks for a frame (only Qt Quick
and `QWindow.requestUpdate` wait for that). As the window connects it takes seven requests in about 30 ms
(the compositor's focus and tiling, the status, the model list, the current model). Under Wayland each
paint hands the compositor a buffer, and a renderer that keeps the one it shows (pixman, as wlroots uses
without a GPU) gives it back a few milliseconds after the next: paints closer than that made Qt allocate a
third 1280×800 buffer (4 MB), which it keeps for the window's life. Paced, the same burst is three paints, and
on X11 it is fewer redraws too. A person sees at most one frame's wait (about 17 ms) and only when two
changes fall within a frame.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer
from PySide6.QtWidgets import QWidget

SHORTEST_FRAME_MS = 8  # 120 Hz and faster screens
LONGEST_FRAME_MS = 34  # a screen reporting under 30 Hz (or 0: unknown) still gets 30 paints a second

LOW_PRIORITY = Qt.EventPriority.LowEventPriority.value  # as Qt posts its own update requests


class PaintPace(QObject):
    def __init__(self, window: QWidget) -> None:
        super().__init__(window)
        self._window = window
        self._last = -1.0  # monotonic seconds of the last paint let through
        self._passing = False  # the held request, posted again, is on its way
        self.held = 0  # update requests held to a frame's end (Qt posts no other while one waits)
        self._release = QTimer(self)
        self._release.setSingleShot(True)
        self._release.setTimerType(Qt.TimerType.PreciseTimer)
        self._release.timeout.connect(self._post)
        window.installEventFilter(self)

    def waiting(self) -> bool:
        """Whether a held request is waiting for its frame's end."""
        return self._release.isActive()

    def frame_ms(self) -> int:
        rate = self._window.screen().refreshRate()
        frame = round(1000 / rate) if rate > 0 else LONGEST_FRAME_MS
        return max(SHORTEST_FRAME_MS, min(LONGEST_FRAME_MS, frame))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is not self._window or event.type() != QEvent.Type.UpdateRequest:
            return False
        now = time.monotonic()
        if self._passing:
            self._passing = False
        elif self._release.isActive():
            self.held += 1
            return True  # joins the paint already waiting
        else:
            wait_ms = self.frame_ms() - (now - self._last) * 1000
            if wait_ms >= 1:
                self.held += 1
                self._release.start(round(wait_ms))
                return True
        self._last = now
        return False

    def remove(self) -> None:
        """Stop pacing (at shutdown, before the window goes): a held request is posted now."""
        self._window.removeEventFilter(self)
        if self._release.isActive():
            self._release.stop()
            self._post()

    def _post(self) -> None:
        self._passing = True
        QCoreApplication.postEvent(self._window, QEvent(QEvent.Type.UpdateRequest), LOW_PRIORITY)
