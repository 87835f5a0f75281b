"""The window's status bar: the connection in a coloured dot and a short line, and the downloads' sign
(ui/get_models/pull_indicator.py), on every page."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QStatusBar, QWidget

from piassist.core.connection_state import ConnectionStatus, ConnState
from piassist.services.pull_queue import PullQueueService
from piassist.ui.common.widgets import named
from piassist.ui.connection import texts as connection_texts
from piassist.ui.get_models.pull_indicator import PullIndicator

STATE_COLOURS = {
    ConnState.CONNECTED: "#2e7d32",
    ConnState.CONNECTING: "#f9a825",
    ConnState.STARTING: "#f9a825",
}


class WindowStatusBar(QStatusBar):
    def __init__(self, pulls: PullQueueService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.status_dot = named(QLabel("●"), "statusDot")
        self.status_text = named(QLabel(), "statusText")
        self.addPermanentWidget(self.status_dot)
        self.addPermanentWidget(self.status_text, 1)
        self.pull_indicator = PullIndicator(pulls)
        self.addPermanentWidget(self.pull_indicator)

    def show_status(self, status: ConnectionStatus) -> None:
        self.status_text.setText(connection_texts.short(status))
        colour = STATE_COLOURS.get(status.state, "#c62828")
        self.status_dot.setStyleSheet(f"color: {colour};")
