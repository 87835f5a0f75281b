"""The Benchmark page in a dialog of its own, for a kiosk's admin (opened from the kiosk settings, behind
the PIN): the admin measures the models on this Pi and picks the visitors' model from the figures."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from piassist.services.benchmark import BenchmarkService
from piassist.services.model_library import ModelLibraryService
from piassist.ui.benchmark.page import BenchmarkPage
from piassist.ui.common.retranslate import Retranslating


class BenchmarkDialog(Retranslating, QDialog):
    model_chosen = Signal(str)  # the visitors' model, from the advice

    def __init__(
        self,
        benchmark: BenchmarkService,
        library: ModelLibraryService,
        language: Callable[[], str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("benchmarkDialog")
        self.page = BenchmarkPage(benchmark, library, language)
        self.page.advice.for_visitors = True
        self.page.advice.retranslate_ui()
        self.page.use_model_requested.connect(self._chosen)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.page, 1)
        layout.addWidget(self.buttons)
        if parent is not None:
            screen = parent.screen().availableGeometry()
            self.resize(min(1100, screen.width()), min(700, screen.height()))
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Which model suits this Pi?"))

    def _chosen(self, model: str) -> None:
        self.model_chosen.emit(model)
        self.accept()
