"""The models' answers to one task, next to each other, each with its speed and the language it was written
in, so that a person judges the quality with the speed beside it; one of them may be marked the better one
(kept with the run, and counted by the advice). Answers are drawn by the chat's own transcript view."""

from __future__ import annotations

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from piassist.core.benchmark.results import ResultRow, RunResults
from piassist.core.history.types import Role
from piassist.ui.benchmark.texts import BenchmarkTexts
from piassist.ui.chat.transcript_view import TranscriptMessage, TranscriptView
from piassist.ui.common.retranslate import Retranslating
from piassist.ui.common.widgets import named

COLUMN_WIDTH = 280  # the narrowest an answer column gets; more of them scroll sideways


class AnswerColumn(Retranslating, QFrame):
    def __init__(self, row: ResultRow, texts: BenchmarkTexts, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("answerColumn")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setMinimumWidth(COLUMN_WIDTH)
        self.row = row
        self._texts = texts
        self.transcript = TranscriptView()
        self.transcript.setMinimumHeight(120)
        self.better = named(QPushButton(), "betterAnswer")
        self.better.setCheckable(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.transcript, 1)
        layout.addWidget(self.better)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        row, locale = self.row, QLocale()
        parts = []
        if row.answer_rate is not None:
            parts.append(self.tr("%1 tokens/s").replace("%1", locale.toString(row.answer_rate, "f", 1)))
        if row.first_token_s is not None:
            parts.append(
                self.tr("first token after %1 s").replace("%1", locale.toString(row.first_token_s, "f", 1))
            )
        parts.append(self.tr("written %1").replace("%1", self._texts.verdict(row.verdict)))
        message = TranscriptMessage(
            id=row.id, role=Role.ASSISTANT, content=row.answer, model=row.model, stats_line=" · ".join(parts)
        )
        self.transcript.show_messages([message])
        self.transcript.verticalScrollBar().setValue(0)
        self.transcript.setAccessibleName(self.tr("The answer of %1").replace("%1", row.model))
        self.better.setText(self.tr("Better answer"))
        self.better.setAccessibleName(
            self.tr("Mark the answer of %1 as the better one").replace("%1", row.model)
        )


class SideBySide(Retranslating, QWidget):
    mark_changed = Signal(str, str, object)  # task, language, the better answer's model or None

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sideBySide")
        self._texts = BenchmarkTexts(self)
        self._run: RunResults | None = None
        self._questions: dict[tuple[str, str], str] = {}
        self.columns: list[AnswerColumn] = []
        self.task_label = QLabel()
        self.task_box = named(QComboBox(), "sideBySideTask")
        self.task_label.setBuddy(self.task_box)
        self.task_box.currentIndexChanged.connect(self._show_task)
        self.question = named(QLabel(wordWrap=True), "sideBySideQuestion")
        self.question.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.question.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.empty = named(QLabel(wordWrap=True), "sideBySideEmpty")
        self.strip = QWidget()
        self.strip_layout = QHBoxLayout(self.strip)
        self.strip_layout.setContentsMargins(0, 0, 0, 0)
        self.answers_area = named(QScrollArea(), "sideBySideAnswers")
        self.answers_area.setWidgetResizable(True)
        self.answers_area.setWidget(self.strip)
        self.answers_area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        top = QHBoxLayout()
        top.addWidget(self.task_label)
        top.addWidget(self.task_box, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.question)
        layout.addWidget(self.empty)
        layout.addWidget(self.answers_area, 1)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.task_label.setText(self.tr("&Task:"))
        self.task_box.setAccessibleName(self.tr("Task whose answers are shown"))
        self.empty.setText(self.tr("The answers appear here once a benchmark has run."))
        for index in range(self.task_box.count()):
            if (key := _key(self.task_box.itemData(index))) is not None:
                self.task_box.setItemText(index, self._texts.task_in(*key))

    def set_results(self, run: RunResults | None, questions: dict[tuple[str, str], str]) -> None:
        """A run's answers; `questions` gives each task's text by (task, language)."""
        chosen = self.task_box.currentData()
        self._run, self._questions = run, dict(questions)
        keys = list(dict.fromkeys((r.task, r.language) for r in run.rows)) if run else []
        self.task_box.blockSignals(True)
        self.task_box.clear()
        for task, language in keys:
            self.task_box.addItem(self._texts.task_in(task, language), f"{task}|{language}")
        self.task_box.setCurrentIndex(max(0, self.task_box.findData(chosen)) if keys else -1)
        self.task_box.blockSignals(False)
        self._show_task()

    def show_task(self, task: str, language: str) -> None:
        self.task_box.setCurrentIndex(self.task_box.findData(f"{task}|{language}"))

    @property
    def shown_task(self) -> tuple[str, str] | None:
        return _key(self.task_box.currentData())

    def _show_task(self) -> None:
        for column in self.columns:
            column.deleteLater()
        self.columns = []
        key = self.shown_task
        run = self._run
        self.empty.setVisible(run is None or not run.rows)
        self.question.setVisible(key is not None)
        if run is None or key is None:
            return
        task, language = key
        self.question.setText(self._questions.get(key, ""))
        marked = run.marks.get(key)
        for row in run.answers_to(task, language):
            column = AnswerColumn(row, self._texts)
            column.better.setChecked(row.model == marked)
            column.better.toggled.connect(lambda on, c=column: self._marked(c, on))
            self.strip_layout.addWidget(column, 1)
            self.columns.append(column)
        previous: QWidget = self.task_box
        for column in self.columns:
            QWidget.setTabOrder(previous, column.transcript)
            QWidget.setTabOrder(column.transcript, column.better)
            previous = column.better

    def _marked(self, column: AnswerColumn, on: bool) -> None:
        key = self.shown_task
        if key is None:
            return
        if on:
            for other in self.columns:
                if other is not column and other.better.isChecked():
                    other.better.blockSignals(True)
                    other.better.setChecked(False)
                    other.better.blockSignals(False)
        self.mark_changed.emit(key[0], key[1], column.row.model if on else None)


def _key(data: object) -> tuple[str, str] | None:
    if not isinstance(data, str) or "|" not in data:
        return None
    task, language = data.split("|", 1)
    return task, language
