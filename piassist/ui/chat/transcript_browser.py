"""What the transcript view is as a widget, apart from its messages: a QTextBrowser that loads nothing,
keeps the action icons in its document in the palette's colours, and names the action Tab selects.

A message's actions are icons inside links (transcript_icons.py): Tab and Enter reach them as any link
in the view. The one Tab selects says what it does in a tooltip, as a mouse's hover does, and in the
view's accessible description, for a screen reader.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QByteArray, QEvent, QUrl, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QTextBrowser, QToolTip, QWidget

from piassist.ui.chat.transcript_icons import add_icons
from piassist.ui.chat.transcript_style import TranscriptStyle


class TranscriptBrowser(QTextBrowser):
    restyled = Signal()  # the palette changed: what is shown should be drawn again in its colours

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.add_icons()

    def add_icons(self) -> None:
        """The action icons, in this palette's colours (again after document().clear())."""
        add_icons(self.document(), QColor(self.style_now().icon_colour()), self.devicePixelRatioF())

    def style_now(self) -> TranscriptStyle:
        return TranscriptStyle(self.palette(), self.font())

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self.add_icons()
            self.restyled.emit()

    def focusNextPrevChild(self, next: bool) -> bool:
        moved = super().focusNextPrevChild(next)
        cursor = self.textCursor()
        name = cursor.charFormat().toolTip() if moved and cursor.hasSelection() else ""
        self.setAccessibleDescription(name)
        if name:
            QToolTip.showText(self.viewport().mapToGlobal(self.cursorRect(cursor).bottomRight()), name, self)
        return moved

    def loadResource(self, type: int, name: QUrl | str) -> Any:
        # Nothing in a transcript is ever fetched (the icons are in the document already). An empty
        # resource, not None: given None (an invalid QVariant), QTextDocument goes on to read local
        # files and data: URLs by itself.
        return QByteArray()
