"""The Benchmark page: which model suits this computer? Choose installed models, run the fixed task set
(both languages) in the background with one progress bar, and read the results: every answer's figures
and a chart beside the published Pi figures, the answers side by side, and the advice.

The page only lays out and binds: the run, the store and the figures are services/benchmark.py's.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from piassist.core.benchmark.results import ModelFailure, ResultRow, RunInfo, RunResults
from piassist.services.benchmark import BenchmarkService
from piassist.services.model_library import ModelLibraryService
from piassist.ui.benchmark.advice_view import AdviceView
from piassist.ui.benchmark.measure_tab import MeasureTab
from piassist.ui.benchmark.results_table import ResultsTableModel
from piassist.ui.benchmark.side_by_side import SideBySide
from piassist.ui.benchmark.speed_chart import ChartGroup, SpeedChart
from piassist.ui.benchmark.texts import BenchmarkTexts
from piassist.ui.common.file_dialog import fit_file_dialog
from piassist.ui.common.retranslate import Retranslating
from piassist.ui.common.widgets import make_row_table, named

TAB_MEASURE, TAB_RESULTS, TAB_SIDE_BY_SIDE, TAB_ADVICE = range(4)


class BenchmarkPage(Retranslating, QWidget):
    use_model_requested = Signal(str)

    def __init__(
        self,
        benchmark: BenchmarkService,
        library: ModelLibraryService,
        language: Callable[[], str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("benchmarkPage")
        self._benchmark, self._published, self._language = benchmark, benchmark.published, language
        self.texts = BenchmarkTexts(self)  # its words in the interface language (exports and titles use them)
        self._results: RunResults | None = None
        self._refreshed = False
        self.export_dialog: QFileDialog | None = None

        self.run_label = QLabel()
        self.run_box = named(QComboBox(), "benchmarkRun")
        self.run_label.setBuddy(self.run_box)
        self.run_box.activated.connect(self._run_chosen)
        self.save_button = named(QPushButton(), "benchmarkSave")
        self.save_menu = QMenu(self)
        self.csv_action = self.save_menu.addAction("")
        self.csv_action.triggered.connect(lambda: self.export("csv"))
        self.markdown_action = self.save_menu.addAction("")
        self.markdown_action.triggered.connect(lambda: self.export("markdown"))
        self.save_button.setMenu(self.save_menu)
        top = QHBoxLayout()
        top.addWidget(self.run_label)
        top.addWidget(self.run_box, 1)
        top.addWidget(self.save_button)

        self.measure = MeasureTab(benchmark, language)

        # Results: the table over the chart
        self.table_model = ResultsTableModel(self)
        self.table = named(QTableView(), "benchmarkTable")
        self.table.setModel(self.table_model)
        make_row_table(self.table)
        self.table_model.modelReset.connect(self._span_failures)
        self.table_model.rowsInserted.connect(self._span_failures)
        self.chart = SpeedChart()
        self.sources = named(QLabel(wordWrap=True), "benchmarkSources")
        # Why a model could not run, in full (the table's row says only that it did not; a sentence this long
        # does not fit one line of a table on a small screen).
        self.failures = named(QLabel(wordWrap=True), "benchmarkFailures")
        self.failures.hide()
        chart_box = QWidget()
        chart_column = QVBoxLayout(chart_box)
        chart_column.setContentsMargins(0, 0, 0, 0)
        chart_column.addWidget(self.chart)
        chart_column.addWidget(self.failures)
        chart_column.addWidget(self.sources)
        chart_column.addStretch(1)
        self.chart_area = named(QScrollArea(), "benchmarkChartArea")
        self.chart_area.setWidgetResizable(True)
        self.chart_area.setWidget(chart_box)
        self.chart_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(self.chart_area)

        self.side_by_side = SideBySide()
        self.side_by_side.mark_changed.connect(self._mark)
        self.advice = AdviceView()
        self.advice.use_requested.connect(self.use_model_requested)
        self.tabs = named(QTabWidget(), "benchmarkTabs")
        for widget in (self.measure, self.splitter, self.side_by_side, self.advice):
            self.tabs.addTab(widget, "")
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.measure.strip)
        layout.addWidget(self.tabs, 1)

        benchmark.row_added.connect(self._add)
        benchmark.model_failed.connect(self._add)
        benchmark.run_started.connect(self._run_started)
        benchmark.run_ended.connect(self._run_ended)
        benchmark.failed.connect(lambda _error: self.tabs.setCurrentIndex(TAB_MEASURE))
        benchmark.runs_changed.connect(self._show_runs)
        benchmark.results_ready.connect(self.show_results)
        benchmark.export_failed.connect(self._export_failed)
        library.models_changed.connect(self.measure.show_models)
        self.measure.show_models(library.models)
        self._show_runs(benchmark.runs)
        self.retranslate_ui()

    # -- language ----------------------------------------------------------------------------------

    @property
    def results(self) -> RunResults | None:
        """The run shown in the results, the side by side and the advice (None before any run)."""
        return self._results

    def retranslate_ui(self) -> None:
        self.run_label.setText(self.tr("&Results of:"))
        self.run_box.setAccessibleName(self.tr("Benchmark run shown"))
        self.save_button.setText(self.tr("&Export…"))
        self.save_button.setAccessibleName(self.tr("Export the results shown"))
        self.csv_action.setText(self.tr("As a table for a spreadsheet (CSV)…"))
        self.markdown_action.setText(self.tr("As a Markdown table…"))
        self.table.setAccessibleName(self.tr("Figures of every answer"))
        self.chart.setAccessibleName(self.tr("Answer speed of each model"))
        self.chart.set_words(
            {
                "here": self.tr("This computer"),
                "pi4": self.tr("Published: Raspberry Pi 4"),
                "pi5": self.tr("Published: Raspberry Pi 5"),
            },
            self.tr("could not run"),
            self.tr("too slow below"),
            self.tr("No results yet."),
        )
        titles = (self.tr("Measure"), self.tr("Results"), self.tr("Side by side"), self.tr("Advice"))
        for index, title in enumerate(titles):
            self.tabs.setTabText(index, title)
        self.sources.setText(self._sources_text())
        self._show_failures()
        self.table_model.retranslate()
        self._show_runs(self._benchmark.runs)

    def showEvent(self, event: QShowEvent) -> None:
        if not self._refreshed:  # the file is read when the page is first shown
            self._refreshed = True
            self._benchmark.refresh()
        super().showEvent(event)

    # -- actions -----------------------------------------------------------------------------------
    def export(self, kind: str) -> QFileDialog | None:
        if self._results is None:
            return None
        run = self._results.info
        dialog = QFileDialog(self, self.tr("Save the benchmark results"))
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setDefaultSuffix("csv" if kind == "csv" else "md")
        dialog.setNameFilter(
            self.tr("CSV files (*.csv)") if kind == "csv" else self.tr("Markdown files (*.md)")
        )
        dialog.setLabelText(QFileDialog.DialogLabel.LookIn, self.tr("Look in:"))
        dialog.setLabelText(QFileDialog.DialogLabel.FileType, self.tr("Files of type:"))
        words = self.texts.export_words(run)
        dialog.fileSelected.connect(lambda path: self._benchmark.export_to(run.id, kind, words, path))
        fit_file_dialog(dialog)
        dialog.open()
        self.export_dialog = dialog
        return dialog

    def _export_failed(self, reason: str) -> None:
        self.measure.say(lambda: self.tr("Could not save the file: %1").replace("%1", reason))
        self.tabs.setCurrentIndex(TAB_MEASURE)

    def _mark(self, task: str, language: str, model: object) -> None:
        if self._results is not None:
            self._benchmark.set_mark(self._results.info.id, task, language, str(model) if model else None)

    def _run_chosen(self, index: int) -> None:
        run_id = self.run_box.itemData(index)
        if run_id is not None:
            self._benchmark.show_run(int(run_id))

    # -- what the service says ---------------------------------------------------------------------
    def _run_started(self, info: RunInfo) -> None:
        """The table and the chart fill in as the answers come (one update per answer, not per token)."""
        self.show_results(RunResults(info))
        self.tabs.setCurrentIndex(TAB_RESULTS)

    def _add(self, item: ResultRow | ModelFailure) -> None:
        results = self._results
        if results is None:
            return
        if isinstance(item, ResultRow):
            self._results = replace(results, rows=(*results.rows, item))
        else:
            self._results = replace(results, failures=(*results.failures, item))
        self.table_model.add(item)
        self.table.resizeColumnsToContents()  # once per answer: every cell read whole as the run goes on
        self.chart.set_groups(self._groups(self._results))
        self._show_failures()

    def _run_ended(self, results: RunResults) -> None:
        self.show_results(results)
        if results.rows or results.failures:
            self.tabs.setCurrentIndex(TAB_RESULTS)

    def _show_runs(self, runs: list[RunInfo]) -> None:
        current = self._results.info.id if self._results else None
        self.run_box.clear()
        for info in runs:
            title = self.texts.run_title(info)
            if info.state == "cancelled":
                title += " · " + self.tr("cancelled")
            elif info.state == "running" and self._benchmark.running:
                title += " · " + self.tr("running")
            self.run_box.addItem(title, info.id)
        if current is None and runs and not self._benchmark.running:
            self._benchmark.show_run(runs[0].id)
        index = self.run_box.findData(current)
        self.run_box.setCurrentIndex(index if index >= 0 else 0)
        self.save_button.setEnabled(bool(runs) or self._results is not None)

    def show_results(self, results: RunResults) -> None:
        self._results = results
        self.table_model.set_results(results)
        self.table.resizeColumnsToContents()
        self.chart.set_groups(self._groups(results))
        self._show_failures()
        questions = {key: task.text for key, task in self._tasks_by_key().items()}
        self.side_by_side.set_results(results, questions)
        self.advice.set_results(results)
        index = self.run_box.findData(results.info.id)
        if index >= 0:
            self.run_box.setCurrentIndex(index)

    def _tasks_by_key(self) -> dict[tuple[str, str], Any]:
        return {t.key: t for lang in ("uk", "en") for t in self._benchmark.tasks_for(lang)}

    def _groups(self, results: RunResults) -> list[ChartGroup]:
        groups = []
        for model in results.models:
            summary = results.summary(model)
            if not summary.ran and summary.failure is None:
                continue
            published = self._published.for_model(model)
            figures = {board: max(f.tokens_per_second for f in found) for board, found in published.items()}
            sources = {
                board: "; ".join(self.texts.source(f.source.id, f.source.title) for f in found)
                for board, found in published.items()
            }
            groups.append(ChartGroup(model, summary.answer_rate if summary.ran else None, figures, sources))
        return groups

    def _sources_text(self) -> str:
        sources = self._published.sources()
        if not sources:
            return ""
        names = "; ".join(self.texts.source(s.id, s.title) for s in sources)
        return self.tr(
            "Grey bars: answer speeds others published for the same model on a Raspberry Pi (%1). They were "
            "measured on another board, with English prompts: a guide, not a promise."
        ).replace("%1", names)

    def _show_failures(self) -> None:
        failures = self._results.failures if self._results is not None else ()
        self.failures.setText("\n".join(self.texts.failure(f) for f in failures))
        self.failures.setVisible(bool(failures))

    def _span_failures(self, *_args: object) -> None:
        self.table.clearSpans()
        for row in self.table_model.failure_rows():
            self.table.setSpan(row, 1, 1, self.table_model.columnCount() - 1)
