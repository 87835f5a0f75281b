"""The benchmark's first tab: which models to measure, how long an answer may be, Start, and a clear line for
each model that could not run; and the strip the page shows above its tabs while a run goes on: the one
progress bar for the whole run (model n of N, task m of M, time left) and Cancel."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from piassist.core.benchmark.plan import Progress
from piassist.core.benchmark.results import ModelFailure
from piassist.core.benchmark.runner import DEFAULT_NUM_PREDICT, DEFAULT_SEED
from piassist.core.errors import BackendError
from piassist.core.models import ModelInfo
from piassist.services.benchmark import BenchmarkService, Refusal
from piassist.ui.benchmark.texts import BenchmarkTexts
from piassist.ui.common.error_texts import error_message
from piassist.ui.common.formatting import size
from piassist.ui.common.retranslate import Retranslating
from piassist.ui.common.widgets import named

NUM_PREDICT_RANGE = (16, 4096)


class MeasureTab(Retranslating, QWidget):
    def __init__(
        self, benchmark: BenchmarkService, language: Callable[[], str], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("benchmarkMeasure")
        self._benchmark, self._language = benchmark, language
        self._texts = BenchmarkTexts(self)
        self._progress: Progress | None = None
        self._notice: Callable[[], str] = str  # the message under the progress, in the current language
        self.intro = named(QLabel(wordWrap=True), "benchmarkIntro")
        self.models_label = QLabel()
        self.models_list = named(QListWidget(), "benchmarkModels")
        self.models_label.setBuddy(self.models_list)
        self.length_label = QLabel()
        self.length_box = named(QSpinBox(), "benchmarkLength")
        self.length_box.setRange(*NUM_PREDICT_RANGE)
        self.length_box.setSingleStep(16)
        self.length_box.setValue(DEFAULT_NUM_PREDICT)
        self.length_label.setBuddy(self.length_box)
        self.start_button = named(QPushButton(), "benchmarkStart")
        self.start_button.clicked.connect(self.start)
        self.cancel_button = named(QPushButton(), "benchmarkCancel")
        self.cancel_button.clicked.connect(benchmark.cancel)
        self.progress_bar = named(QProgressBar(), "benchmarkProgress")
        self.progress_bar.setRange(0, 1000)
        self.progress_text = named(QLabel(wordWrap=True), "benchmarkProgressText")
        self.notice = named(QLabel(wordWrap=True), "benchmarkNotice")
        self.notice.setStyleSheet("QLabel#benchmarkNotice { color: #c62828; }")
        self.notice.hide()
        controls = QHBoxLayout()
        controls.addWidget(self.length_label)
        controls.addWidget(self.length_box)
        controls.addStretch(1)
        controls.addWidget(self.start_button)
        column = QVBoxLayout(self)
        column.addWidget(self.intro)
        column.addWidget(self.models_label)
        column.addWidget(self.models_list, 1)
        column.addLayout(controls)
        column.addWidget(self.notice)
        # The strip above the page's tabs, seen from every tab while a run goes on.
        self.strip = named(QWidget(), "benchmarkStrip")
        bar_row = QHBoxLayout()
        bar_row.setContentsMargins(0, 0, 0, 0)
        bar_row.addWidget(self.progress_bar, 1)
        bar_row.addWidget(self.cancel_button)
        strip = QVBoxLayout(self.strip)
        strip.setContentsMargins(0, 0, 0, 0)
        strip.addLayout(bar_row)
        strip.addWidget(self.progress_text)
        benchmark.running_changed.connect(self._running_changed)
        benchmark.progress_changed.connect(self._show_progress)
        benchmark.model_failed.connect(self._model_failed)
        benchmark.failed.connect(self._failed)
        self.retranslate_ui()
        self._running_changed(benchmark.running)

    def retranslate_ui(self) -> None:
        tasks = len(self._benchmark.tasks_for(self._language()))
        self.intro.setText(
            self.tr(
                "Each chosen model answers the same %n task(s), in Ukrainian and in English, one model at a "
                "time. Nothing else asks the model meanwhile, and what was in memory before is loaded again "
                "afterwards.",
                "",
                tasks,
            )
        )
        self.models_label.setText(self.tr("&Models to measure:"))
        self.models_list.setAccessibleName(self.tr("Models to measure"))
        self.length_label.setText(self.tr("&Longest answer:"))
        self.length_box.setSuffix(self.tr(" tokens"))
        self.length_box.setAccessibleName(self.tr("Longest answer, in tokens"))
        self.length_box.setToolTip(
            self.tr(
                "Every answer stops at this many tokens; the seed is always %1, so runs compare."
            ).replace("%1", str(DEFAULT_SEED))
        )
        self.start_button.setText(self.tr("S&tart"))
        self.cancel_button.setText(self.tr("&Cancel"))
        self.progress_bar.setAccessibleName(self.tr("Benchmark progress"))
        self._show_progress(self._progress)
        self.notice.setText(self._notice())

    def chosen_models(self) -> list[str]:
        items = (self.models_list.item(i) for i in range(self.models_list.count()))
        return [
            str(item.data(Qt.ItemDataRole.UserRole))
            for item in items
            if item.checkState() == Qt.CheckState.Checked
        ]

    def show_models(self, models: list[ModelInfo]) -> None:
        """The installed models to choose from (all chosen at first; a later list keeps the choice)."""
        checked = set(self.chosen_models()) if self.models_list.count() else None
        self.models_list.clear()
        for model in models:
            if model.remote:  # a cloud model runs on another computer: nothing to measure here
                continue
            item = QListWidgetItem(model.name, self.models_list)
            item.setData(Qt.ItemDataRole.UserRole, model.name)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            chosen = checked is None or model.name in checked
            item.setCheckState(Qt.CheckState.Checked if chosen else Qt.CheckState.Unchecked)
            item.setToolTip(size(model.size))

    def start(self) -> None:
        refusal = self._benchmark.start(self.chosen_models(), self._language(), self.length_box.value())
        if refusal is None:
            self.say(str)
            return
        self.say(
            {
                Refusal.NOT_CONNECTED: lambda: self.tr("Ollama is not connected: the benchmark needs it."),
                Refusal.NO_MODELS: lambda: self.tr("Choose at least one model to measure."),
                Refusal.RUNNING: lambda: self.tr("A benchmark is already running."),
                Refusal.CHAT_BUSY: lambda: self.tr(
                    "The chat is writing an answer. Wait for it or stop it, then start the benchmark."
                ),
                Refusal.NO_TASKS: lambda: self.tr("PiAssist's task set is missing. Reinstall PiAssist."),
            }[refusal]
        )

    def say(self, words: Callable[[], str]) -> None:
        """A message under the progress (in the current language; "" hides it)."""
        self._notice = words
        self.notice.setText(words())
        self.notice.setVisible(bool(words()))

    def _running_changed(self, running: bool) -> None:
        self.start_button.setEnabled(not running)
        self.cancel_button.setEnabled(running)
        self.models_list.setEnabled(not running)
        self.length_box.setEnabled(not running)
        self.strip.setVisible(running)
        if not running:
            self._progress = None

    def _show_progress(self, progress: Progress | None) -> None:
        self._progress = progress
        if progress is None:
            self.progress_text.clear()
            return
        self.progress_bar.setValue(round(progress.fraction * 1000))
        text = (
            self.tr("Model %1 of %2 (%3) · task %4 of %5")
            .replace("%1", str(progress.model_index + 1))
            .replace("%2", str(progress.model_count))
            .replace("%3", progress.model)
            .replace("%4", str(min(progress.task_index + 1, progress.task_count)))
            .replace("%5", str(progress.task_count))
        )
        if progress.task is not None:
            text += " · " + self._texts.task_in(progress.task.id, progress.task.language)
        self.progress_text.setText(text + " · " + self._time_left(progress.seconds_left))

    def _time_left(self, seconds: float | None) -> str:
        if seconds is None:
            return self.tr("time left: known after the first answer")
        if seconds < 60:
            return self.tr("less than a minute left")
        return self.tr("about %n minute(s) left", "", round(seconds / 60))

    def _model_failed(self, failure: ModelFailure) -> None:
        earlier = self._notice
        self.say(lambda: "\n".join(x for x in (earlier(), self._texts.failure(failure)) if x))

    def _failed(self, error: BackendError) -> None:
        self.say(lambda: self.tr("The benchmark stopped: %1").replace("%1", error_message(error)))
