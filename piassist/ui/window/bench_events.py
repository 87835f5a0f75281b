"""Milestones printed for the benchmarks: first paint, connected, models shown."""

from __future__ import annotations

import time
from typing import Any

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

from piassist.services.connection import ConnectionService
from piassist.services.model_library import ModelLibraryService


class BenchEvents(QObject):
    def __init__(
        self,
        window: QWidget,
        connection: ConnectionService,
        library: ModelLibraryService,
        started: float,
        *,
        quit_on_paint: bool = False,
    ) -> None:
        super().__init__()
        self._started = started
        self._painted = False
        self._quit_on_paint = quit_on_paint
        self._window = window
        window.installEventFilter(self)
        connection.backend_changed.connect(
            lambda b: self._say("connected" if b is not None else "disconnected")
        )
        library.models_changed.connect(lambda models: self._say(f"models {len(models)}"))

    def _say(self, what: str) -> None:
        print(f"{what} {time.perf_counter() - self._started:.4f}", flush=True)

    def eventFilter(self, watched: QObject, event: Any) -> bool:
        if not self._painted and watched is self._window and event.type() == QEvent.Type.Paint:
            self._painted = True
            QTimer.singleShot(0, self._after_paint)
        return False

    def _after_paint(self) -> None:
        self._say("painted")
        if self._quit_on_paint:
            self._window.close()
