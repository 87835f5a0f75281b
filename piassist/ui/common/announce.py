"""Telling a screen reader something happened that has no focus change of its own (an answer ended).

Qt 6.8 brought QAccessibleAnnouncementEvent: the screen reader speaks the message as it is. On an older
Qt the message becomes the widget's accessible description and an Alert event points at it, which screen
readers read out as well.
"""

from __future__ import annotations

from PySide6 import QtGui
from PySide6.QtGui import QAccessible, QAccessibleEvent
from PySide6.QtWidgets import QWidget

_ANNOUNCEMENT = getattr(QtGui, "QAccessibleAnnouncementEvent", None)


def announce(widget: QWidget, message: str) -> None:
    """Ask assistive technology to speak `message`, politely (after what it is saying now)."""
    if _ANNOUNCEMENT is not None:
        QAccessible.updateAccessibility(_ANNOUNCEMENT(widget, message))
        return
    widget.setAccessibleDescription(message)
    QAccessible.updateAccessibility(QAccessibleEvent(widget, QAccessible.Event.Alert))
