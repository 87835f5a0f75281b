"""The first window fits the screen it opens on, and a splitter stays where a person left it.

The main window's own size (1024×640, or the one remembered from the last run, perhaps on a bigger
monitor) is clamped to the screen's available geometry, less room for the window manager's frame, which
is not known before the first show. When it had to be made smaller it is also shown maximized, so the
window manager fits it with its frame: on a Pi's 800×480 panel the question box, Send and the status bar
are on screen from the start.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtWidgets import QSplitter, QWidget

from piassist.services.settings import SettingsService

FRAME = QSize(8, 40)  # a window manager's borders and title bar, about


def fit_to_screen(window: QWidget) -> bool:
    """Clamp the window (not yet shown) to its screen; returns whether it had to be made smaller."""
    if window.windowState() & (Qt.WindowState.WindowFullScreen | Qt.WindowState.WindowMaximized):
        return False  # the window manager fits these itself
    available = window.screen().availableGeometry()
    room = (available.size() - FRAME).expandedTo(QSize(1, 1))
    window.setMinimumSize(window.minimumSize().boundedTo(room))
    fitted = window.size().boundedTo(room)
    if fitted == window.size():
        return False
    window.resize(fitted)
    if not available.contains(QRect(window.pos(), fitted)):
        window.move(available.topLeft())
    window.setWindowState(window.windowState() | Qt.WindowState.WindowMaximized)
    return True


def remember_split(splitter: QSplitter, settings: SettingsService, name: str) -> None:
    """Restore the splitter's sizes from the last run, and keep each new position a person drags it to
    (saved as it moves: a kiosk or a killed app never closes its window)."""
    state = settings.split_state(name)
    if state is not None:
        splitter.restoreState(state)
    splitter.splitterMoved.connect(lambda *_: settings.save_split_state(name, splitter.saveState()))
