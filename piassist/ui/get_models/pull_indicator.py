"""A small sign in the status bar while models download, on every page: name, percent, a thin bar (busy
while Ollama checks what it downloaded). Clicking it opens the downloads."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QProgressBar, QToolButton, QWidget

from piassist.services.pull_queue import PullQueueService, PullState
from piassist.ui.common.retranslate import Retranslating
from piassist.ui.common.widgets import named

BAR_STEPS = 1000


class PullIndicator(Retranslating, QWidget):
    open_requested = Signal()

    def __init__(self, queue: PullQueueService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pullIndicator")
        self._queue = queue
        self.button = named(QToolButton(), "pullIndicatorButton")
        self.button.setAutoRaise(True)
        self.button.clicked.connect(self.open_requested)
        self.bar = named(QProgressBar(), "pullIndicatorBar")
        self.bar.setRange(0, BAR_STEPS)
        self.bar.setTextVisible(False)
        self.bar.setFixedSize(80, 8)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.button)
        layout.addWidget(self.bar)
        queue.jobs_changed.connect(self.refresh)
        queue.progress_changed.connect(self.refresh)
        self.refresh()

    def refresh(self, *_args: object) -> None:
        jobs = self._queue.jobs
        self.setVisible(bool(jobs))
        if not jobs:
            return
        active = self._queue.active
        waiting = sum(1 for j in jobs if j.state is PullState.QUEUED)
        failed = sum(1 for j in jobs if j.state is PullState.FAILED)
        if active is not None:
            busy = active.progress.indeterminate  # verifying, storing: no figures, a busy bar
            if busy:
                text = self.tr("Checking %1…").replace("%1", active.name)
            else:
                text = self.tr("Downloading %1: %2 %").replace("%1", active.name)
                text = text.replace("%2", str(active.progress.percent))
            if waiting:
                text += " " + self.tr("(+%n waiting)", "", waiting)
            self.bar.setRange(0, 0 if busy else BAR_STEPS)
            self.bar.setValue(round(active.progress.fraction * BAR_STEPS))
        elif failed:
            text = self.tr("%n download(s) stopped", "", failed)
        else:
            text = self.tr("%n download(s) waiting", "", waiting)
        self.bar.setVisible(active is not None)
        self.button.setText(text)
        self.button.setToolTip(self.tr("Show the downloads"))
        self.button.setAccessibleName(text)

    def retranslate_ui(self) -> None:
        self.refresh()
