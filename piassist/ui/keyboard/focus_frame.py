"""A focus frame for the controls whose focus the style does not show by itself.

Fusion marks a focused button with the same outline as the default button, so the default button
(OK, Start Ollama) looks the same with and without the focus; and a read-only text view shows none.
One QFocusFrame follows the focus onto such controls, in any window of the app.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication, QFocusFrame, QPushButton, QTextBrowser, QWidget


def needs_frame(widget: QWidget | None) -> bool:
    if isinstance(widget, QPushButton):
        return widget.isDefault() or widget.autoDefault()
    return isinstance(widget, QTextBrowser)


class FocusFrames(QObject):
    def __init__(self, app: QApplication, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._frame: QFocusFrame | None = None
        app.focusChanged.connect(self._focus_changed)

    def _focus_changed(self, _old: QWidget | None, new: QWidget | None) -> None:
        if self._frame is not None:
            try:
                self._frame.setWidget(None)  # type: ignore[arg-type]  # Qt takes nullptr
            except RuntimeError:  # it went with the window it was in
                self._frame = None
        if new is not None and needs_frame(new):
            if self._frame is None:
                self._frame = QFocusFrame()
                self._frame.setObjectName("focusFrame")
            self._frame.setWidget(new)
