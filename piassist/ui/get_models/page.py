"""Getting models: the catalog with a "fits this computer" badge, a typed name, and the downloads.

Before anything is downloaded the pull planner (services/pull_planner.py) checks the name, asks the
registry for the model's exact size and weighs it against this computer's memory and disk; the page
shows each step, and a model that will not run here needs an explicit "Download anyway".
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, Qt
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from piassist.core.get_models.catalog import CatalogEntry
from piassist.core.get_models.fit_check import FitResult, MachineFigures
from piassist.core.get_models.model_names import NameProblem
from piassist.services.model_library import ModelLibraryService
from piassist.services.pull_planner import PlanStep, PullPlan, PullPlanner
from piassist.services.pull_queue import PullQueueService
from piassist.ui.common.error_texts import error_message
from piassist.ui.common.retranslate import Retranslating
from piassist.ui.common.widgets import make_row_table, named
from piassist.ui.get_models import fit_texts
from piassist.ui.get_models.catalog_table import CatalogColumn, CatalogTableModel
from piassist.ui.get_models.pull_list import PullList


class GetModelsPage(Retranslating, QWidget):
    def __init__(
        self,
        planner: PullPlanner,
        queue: PullQueueService,
        library: ModelLibraryService,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("getModelsPage")
        self._planner, self._queue, self._library = planner, queue, library
        self.confirm_box: QMessageBox | None = None

        self.name_label = QLabel()
        self.name_edit = named(QLineEdit(), "pullName")
        self.name_edit.setClearButtonEnabled(True)
        self.name_edit.returnPressed.connect(self._download_typed)
        self.name_label.setBuddy(self.name_edit)
        self.download_typed_button = named(QPushButton(), "downloadTyped")
        self.download_typed_button.clicked.connect(self._download_typed)
        typed = QHBoxLayout()
        typed.addWidget(self.name_label)
        typed.addWidget(self.name_edit, 1)
        typed.addWidget(self.download_typed_button)

        self.only_fitting = named(QCheckBox(), "onlyFitting")
        self.only_fitting.toggled.connect(self._filter)
        self.table_model = CatalogTableModel(planner.catalog, self)
        self.table = named(QTableView(), "catalog")
        self.table.setModel(self.table_model)
        make_row_table(self.table)
        self.table.setTabKeyNavigation(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(CatalogColumn.USES, QHeaderView.ResizeMode.Stretch)
        # What a model is good for wraps onto a second line where the screen is narrow (a Pi's panel in
        # Ukrainian), rather than ending in "…": it is what a person chooses a model by.
        self.table.setWordWrap(True)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.selectionModel().selectionChanged.connect(self._selected)
        self.table.activated.connect(lambda _index: self._download_selected())

        self.verdict = named(QLabel(), "fitVerdict")
        self.verdict.setWordWrap(True)
        self.verdict.setTextFormat(Qt.TextFormat.PlainText)
        self.download_button = named(QPushButton(), "downloadSelected")
        self.download_button.clicked.connect(self._download_selected)
        self.download_button.setEnabled(False)
        chosen = QHBoxLayout()
        chosen.addWidget(self.verdict, 1)
        chosen.addWidget(self.download_button, 0, Qt.AlignmentFlag.AlignTop)

        self.pulls = PullList()
        self.pulls.cancel_requested.connect(queue.cancel)
        self.pulls.retry_requested.connect(queue.retry)
        self.pulls.dismiss_requested.connect(queue.dismiss)
        self.pulls_area = named(QScrollArea(), "pullsArea")
        self.pulls_area.setWidget(self.pulls)
        self.pulls_area.setWidgetResizable(True)
        self.pulls_area.setFrameShape(QScrollArea.Shape.NoFrame)

        layout = QVBoxLayout(self)
        layout.addLayout(typed)
        layout.addWidget(self.only_fitting)
        layout.addWidget(self.table, 1)
        layout.addLayout(chosen)
        layout.addWidget(self.pulls_area)

        planner.plan_changed.connect(self._show_plan)
        planner.machine_changed.connect(self._show_machine)
        queue.jobs_changed.connect(self._show_jobs)
        queue.progress_changed.connect(self._show_progress)
        queue.pull_finished.connect(self._pull_finished)
        library.models_changed.connect(self._show_installed)
        self._show_installed()
        self._show_jobs()
        self.retranslate_ui()

    # -- language ----------------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self.name_label.setText(self.tr("Model &name:"))
        self.name_edit.setPlaceholderText(self.tr("e.g. qwen2.5:0.5b"))
        self.name_edit.setAccessibleName(self.tr("Name of a model to download"))
        self.download_typed_button.setText(self.tr("Download"))
        self.download_typed_button.setToolTip(self.tr("Check the name and the size, then download"))
        self.only_fitting.setText(self.tr("Only models that fit this computer"))
        self.table.setAccessibleName(self.tr("Models worth trying on a Raspberry Pi"))
        self.pulls_area.setAccessibleName(self.tr("Downloads"))
        self.download_button.setText(self.tr("Download"))
        self.table_model.retranslate()
        self._selected()

    def showEvent(self, event: QShowEvent) -> None:
        self._planner.read_machine()  # free memory changes: read it whenever the page is shown
        super().showEvent(event)

    # -- what the person does ----------------------------------------------------------------------
    def selected_entry(self) -> CatalogEntry | None:
        rows = self.table.selectionModel().selectedRows()
        return self.table_model.entry_at(rows[0].row()) if rows else None

    def select(self, name: str) -> None:
        row = self.table_model.row_of(name)
        if row >= 0:
            self.table.selectRow(row)

    def offer(self, name: str) -> None:
        """Show `name` ready to download: chosen in the catalog when it is there, else typed in."""
        if self.table_model.row_of(name) < 0 and self.only_fitting.isChecked():
            self.only_fitting.setChecked(False)
        if self.table_model.row_of(name) >= 0:
            self.select(name)
            self.table.setFocus()
        else:
            self.name_edit.setText(name)
            self.name_edit.setFocus()

    def _download_typed(self) -> None:
        self._planner.plan(self.name_edit.text())

    def _download_selected(self) -> None:
        entry = self.selected_entry()
        if entry is not None:
            self._planner.plan(entry.name, entry)

    def _filter(self, only: bool) -> None:
        self.table_model.set_only_fitting(only)
        self._selected()

    def _selected(self, *_args: QItemSelection) -> None:
        entry = self.selected_entry()
        self.download_button.setEnabled(entry is not None)
        if entry is None:
            self._say(self.tr("Choose a model in the list, or type the name of any model from ollama.com."))
            return
        fit = self.table_model.fit(entry)
        self._say(fit_texts.fit_sentence(fit) if fit else fit_texts.remote_sentence(entry.download_size), fit)

    # -- the plan of a pull --------------------------------------------------------------------------
    def _show_plan(self, plan: PullPlan) -> None:
        self._drop_confirm()  # a new plan: the question about an earlier one is moot
        if plan.step is PlanStep.BAD_NAME:
            assert plan.problem is not None
            self._say(self.name_problem(plan.problem), error=True)
        elif plan.step is PlanStep.ASKING:
            self._say(self.tr("Asking the model library about %1…").replace("%1", plan.name))
        elif plan.step is PlanStep.FAILED:
            assert plan.error is not None
            self._say(
                self.tr("%1 cannot be downloaded: %2")
                .replace("%1", plan.name)
                .replace("%2", error_message(plan.error)),
                error=True,
            )
        else:
            fit = plan.fit
            sentence = fit_texts.fit_sentence(fit) if fit else fit_texts.remote_sentence(plan.download)
            self._say(sentence, fit)
            if plan.step is PlanStep.NEEDS_CONFIRMATION:
                self._confirm(plan, sentence)
            else:
                self.name_edit.clear()

    def _confirm(self, plan: PullPlan, sentence: str) -> None:
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Too big for this computer"))
        box.setText(self.tr("%1 will probably not run here.").replace("%1", plan.name))
        box.setInformativeText(sentence)
        anyway = box.addButton(self.tr("Download anyway"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)

        def answered(_result: int) -> None:
            confirmed = box.clickedButton() is anyway
            self._drop_confirm()
            if confirmed:
                self._planner.confirm(plan)

        box.finished.connect(answered)
        self.confirm_box = box
        box.open()

    def _drop_confirm(self) -> None:
        box, self.confirm_box = self.confirm_box, None
        if box is not None:
            box.finished.disconnect()
            box.deleteLater()

    def name_problem(self, problem: NameProblem) -> str:
        if problem is NameProblem.EMPTY:
            return self.tr("Type the name of a model, e.g. qwen2.5:0.5b.")
        if problem is NameProblem.SPACE:
            return self.tr("A model name has no spaces, e.g. qwen2.5:0.5b.")
        if problem is NameProblem.TOO_LONG:
            return self.tr("This name is too long for a model name.")
        if problem is NameProblem.HOST_WITHOUT_NAMESPACE:
            return self.tr("With a server in front, a name needs three parts: server/namespace/model.")
        return self.tr("This is not a model name. Names look like qwen2.5:0.5b or namespace/model:tag.")

    # -- what the queue and the library say ----------------------------------------------------------
    def _show_jobs(self) -> None:
        jobs = self._queue.jobs
        self.pulls.set_jobs(jobs)
        self.pulls_area.setVisible(bool(jobs))
        rows = list(self.pulls.rows().values())
        if rows:  # room for two downloads; more scroll
            row_height = rows[0].sizeHint().height() + 4  # the list's spacing
            self.pulls_area.setFixedHeight(min(len(rows), 2) * row_height + 2)

    def _show_progress(self, name: str) -> None:
        job = self._queue.job(name)
        if job is not None:
            self.pulls.show_progress(job)

    def _pull_finished(self, name: str, installed: bool) -> None:
        if installed:
            self._say(self.tr("%1 is installed. Choose it in the chat's model list.").replace("%1", name))

    def _show_installed(self, *_args: object) -> None:
        self.table_model.set_installed({m.name for m in self._library.models})

    def _show_machine(self, machine: MachineFigures | None) -> None:
        self.table_model.set_machine(machine)
        self._selected()

    def _say(self, text: str, fit: FitResult | None = None, *, error: bool = False) -> None:
        colour = "#b3261e" if error else (fit_texts.VERDICT_COLOURS[fit.verdict] if fit else "")
        self.verdict.setText(text)
        self.verdict.setStyleSheet(f"color: {colour};" if colour else "")
