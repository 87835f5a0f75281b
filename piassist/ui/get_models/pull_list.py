"""The downloads: one row per pull with one bar for the whole model, its phase, speed and time left."""

from __future__ import annotations

import math

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFrame, QGridLayout, QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from piassist.core.get_models.pull_progress import PullPhase, PullProgress
from piassist.services.pull_queue import PullJob, PullState
from piassist.ui.common.error_texts import error_message
from piassist.ui.common.formatting import size
from piassist.ui.common.retranslate import Retranslating
from piassist.ui.common.widgets import named

BAR_STEPS = 1000  # the bar's resolution: 0.1 %


class PullTexts(QObject):
    """The words for a pull's state (a QObject, so that lupdate sees the plural forms of self.tr)."""

    def phase(self, job: PullJob) -> str:
        if job.state is PullState.QUEUED:
            return self.tr("Waiting for the download before it")
        if job.state is PullState.FAILED:
            return self.tr("Stopped: %1").replace("%1", error_message(job.error)) if job.error else ""
        phase = job.progress.phase
        if phase is PullPhase.CHECKING:
            return self.tr("Asking the model library…")
        if phase is PullPhase.VERIFYING:
            return self.tr("Checking the downloaded files…")
        if phase is PullPhase.FINISHING:
            return self.tr("Finishing…")
        if phase is PullPhase.DONE:
            return self.tr("Installed")
        return self.tr("Downloading")

    def amounts(self, progress: PullProgress) -> str:
        if progress.total <= 0:
            return ""
        return self.tr("%1 of %2").replace("%1", size(progress.completed)).replace("%2", size(progress.total))

    def speed(self, progress: PullProgress) -> str:
        if progress.phase is not PullPhase.DOWNLOADING or progress.bytes_per_second is None:
            return ""
        if progress.seconds_since_data is not None and progress.seconds_since_data >= 5:
            return self.tr("no data for %n second(s)", "", int(progress.seconds_since_data))
        return self.tr("%1/s").replace("%1", size(int(progress.bytes_per_second)))

    def time_left(self, progress: PullProgress) -> str:
        seconds = progress.seconds_left
        if seconds is None or progress.phase is not PullPhase.DOWNLOADING:
            return ""
        if seconds < 60:
            return self.tr("%n second(s) left", "", max(1, math.ceil(seconds)))
        if seconds < 3600:
            return self.tr("about %n minute(s) left", "", round(seconds / 60))
        return self.tr("about %n hour(s) left", "", round(seconds / 3600))

    def line(self, job: PullJob) -> str:
        parts = [self.phase(job)]
        if job.state is PullState.RUNNING:
            parts += [self.amounts(job.progress), self.speed(job.progress), self.time_left(job.progress)]
        return " · ".join(p for p in parts if p)


class PullRow(Retranslating, QFrame):
    cancel_requested = Signal(str)
    retry_requested = Signal(str)
    dismiss_requested = Signal(str)

    def __init__(self, job: PullJob, texts: PullTexts, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pullRow")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._texts = texts
        self._job = job
        self.name = job.name
        self.title = QLabel(job.name)
        self.bar = named(QProgressBar(), "pullBar")
        self.bar.setRange(0, BAR_STEPS)
        self.status = named(QLabel(), "pullStatus")
        self.status.setWordWrap(True)
        self.cancel_button = named(QPushButton(), "cancelPull")
        self.cancel_button.clicked.connect(lambda: self.cancel_requested.emit(self.name))
        self.retry_button = named(QPushButton(), "retryPull")
        self.retry_button.clicked.connect(lambda: self.retry_requested.emit(self.name))
        self.dismiss_button = named(QPushButton(), "dismissPull")
        self.dismiss_button.clicked.connect(lambda: self.dismiss_requested.emit(self.name))
        grid = QGridLayout(self)
        grid.setContentsMargins(6, 4, 6, 4)
        grid.addWidget(self.title, 0, 0)
        grid.addWidget(self.bar, 0, 1)
        grid.addWidget(self.cancel_button, 0, 2)
        grid.addWidget(self.retry_button, 0, 3)
        grid.addWidget(self.dismiss_button, 0, 4)
        grid.addWidget(self.status, 1, 0, 1, 5)
        grid.setColumnStretch(1, 1)
        self.retranslate_ui()

    def show_job(self, job: PullJob) -> None:
        self._job = job
        failed = job.state is PullState.FAILED
        # Verifying and storing have no figures: a busy bar (range 0…0), not one that seems stuck at 99 %.
        busy = job.state is PullState.RUNNING and job.progress.indeterminate
        self.bar.setRange(0, 0 if busy else BAR_STEPS)
        self.bar.setValue(round(job.progress.fraction * BAR_STEPS) if not job.progress.done else BAR_STEPS)
        self.bar.setFormat(f"{job.progress.percent} %")
        self.bar.setEnabled(not failed)
        self.status.setText(self._texts.line(job))
        self.status.setStyleSheet("color: #b3261e;" if failed else "")
        self.cancel_button.setVisible(not failed)
        self.retry_button.setVisible(failed)
        self.dismiss_button.setVisible(failed)
        self.bar.setAccessibleDescription(self.status.text())

    def retranslate_ui(self) -> None:
        self.cancel_button.setText(self.tr("Cancel"))
        self.cancel_button.setToolTip(self.tr("Stop this download; what was downloaded is kept for later"))
        self.retry_button.setText(self.tr("Try again"))
        self.dismiss_button.setText(self.tr("Remove"))
        self.dismiss_button.setToolTip(self.tr("Take it off the list; what was downloaded is kept"))
        self.bar.setAccessibleName(self.tr("Download of %1").replace("%1", self.name))
        self.show_job(self._job)  # the status line's words too


class PullList(QWidget):
    cancel_requested = Signal(str)
    retry_requested = Signal(str)
    dismiss_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pullList")
        self.texts = PullTexts(self)
        self._rows: dict[str, PullRow] = {}
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(4)

    def rows(self) -> dict[str, PullRow]:
        return dict(self._rows)

    def set_jobs(self, jobs: list[PullJob]) -> None:
        names = [job.name for job in jobs]
        for name in list(self._rows):
            if name not in names:
                row = self._rows.pop(name)
                self._layout.removeWidget(row)
                row.deleteLater()
        for position, job in enumerate(jobs):
            found = self._rows.get(job.name)
            if found is None:
                row = PullRow(job, self.texts)
                row.cancel_requested.connect(self.cancel_requested)
                row.retry_requested.connect(self.retry_requested)
                row.dismiss_requested.connect(self.dismiss_requested)
                self._rows[job.name] = row
            else:
                row = found
            self._layout.insertWidget(position, row)
            row.show_job(job)
        self.setVisible(bool(jobs))

    def show_progress(self, job: PullJob) -> None:
        row = self._rows.get(job.name)
        if row is not None:
            row.show_job(job)
