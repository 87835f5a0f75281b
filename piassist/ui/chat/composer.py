"""Where a question is typed: Enter sends, Shift+Enter starts a new line, Esc stops the answer."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QMimeData, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QPlainTextEdit, QWidget

from piassist.ui.common.retranslate import Retranslating

MAX_LINES_SHOWN = 6


class Composer(Retranslating, QPlainTextEdit):
    send_requested = Signal(str)
    stop_requested = Signal()
    long_paste = Signal(str)  # a pasted (or dropped) text that accepts_paste refused: not inserted

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.accepts_paste: Callable[[str], bool] | None = None
        self.setObjectName("composer")
        self.setTabChangesFocus(True)  # Tab moves on to the buttons, as in any form
        self.document().contentsChanged.connect(self._fit_height)
        self._fit_height()
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setPlaceholderText(self.tr("Ask something… (Enter sends, Shift+Enter for a new line)"))
        self.setAccessibleName(self.tr("Your question"))
        self.setAccessibleDescription(
            self.tr("Enter sends, Shift+Enter starts a new line, Esc stops the answer being written")
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange:  # text zoom: as many lines as before
            self._fit_height()
        super().changeEvent(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, mods = event.key(), event.modifiers()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not mods & Qt.KeyboardModifier.ShiftModifier:
            self.send_requested.emit(self.toPlainText())
            return
        if key == Qt.Key.Key_Escape:
            self.stop_requested.emit()
            return
        super().keyPressEvent(event)

    def insertFromMimeData(self, source: QMimeData) -> None:
        if source.hasText() and self.accepts_paste is not None:
            text = source.text()
            if not self.accepts_paste(text):
                self.long_paste.emit(text)
                return
        super().insertFromMimeData(source)

    def _fit_height(self) -> None:
        """Grow with the text up to a few lines, then scroll: the answer keeps most of the screen."""
        lines = min(MAX_LINES_SHOWN, max(2, self.document().blockCount()))
        line = self.fontMetrics().lineSpacing()
        margins = self.contentsMargins().top() + self.contentsMargins().bottom()
        self.setFixedHeight(int(lines * line + 2 * self.document().documentMargin() + margins + 4))
