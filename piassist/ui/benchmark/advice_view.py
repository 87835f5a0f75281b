"""The advice from a run: the best model this computer measured for quick answers, for Ukrainian and for
code, each with one button to use it (in the chat; in a kiosk, for the visitors); which models are too slow
to talk to, and which could not run."""

from __future__ import annotations

from PySide6.QtCore import QLocale, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from piassist.core.benchmark.advice import Advice, Purpose, advise
from piassist.core.benchmark.results import TOO_SLOW, RunResults
from piassist.ui.benchmark.texts import BenchmarkTexts
from piassist.ui.common.retranslate import Retranslating
from piassist.ui.common.widgets import named


class AdviceView(Retranslating, QWidget):
    use_requested = Signal(str)  # a model to use

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("benchmarkAdvice")
        self._texts = BenchmarkTexts(self)
        self._run: RunResults | None = None
        self._advice: list[Advice] = []
        self.for_visitors = False  # a kiosk: "use" means the visitors' model
        self.titles: dict[Purpose, QLabel] = {}
        self.sentences: dict[Purpose, QLabel] = {}
        self.buttons: dict[Purpose, QPushButton] = {}
        grid = QGridLayout()
        bold = QFont(self.font())
        bold.setBold(True)
        for row, purpose in enumerate(Purpose):
            title = QLabel()
            title.setFont(bold)
            sentence = named(QLabel(wordWrap=True), f"advice-{purpose.value}")
            button = named(QPushButton(), f"use-{purpose.value}")
            button.clicked.connect(lambda _checked=False, p=purpose: self._use(p))
            grid.addWidget(title, row, 0)
            grid.addWidget(sentence, row, 1)
            grid.addWidget(button, row, 2)
            self.titles[purpose], self.sentences[purpose], self.buttons[purpose] = title, sentence, button
        grid.setColumnStretch(1, 1)
        self.slow = named(QLabel(wordWrap=True), "adviceTooSlow")
        self.failures = named(QLabel(wordWrap=True), "adviceFailures")
        self.empty = named(QLabel(wordWrap=True), "adviceEmpty")
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty)
        layout.addLayout(grid)
        layout.addWidget(self.slow)
        layout.addWidget(self.failures)
        layout.addStretch(1)
        self.retranslate_ui()

    def set_results(self, run: RunResults | None) -> None:
        self._run = run
        self._advice = advise(run) if run is not None else []
        self.retranslate_ui()

    @property
    def advice(self) -> list[Advice]:
        return list(self._advice)

    def retranslate_ui(self) -> None:
        run = self._run
        self.empty.setText(self.tr("Advice appears here once a benchmark has run."))
        self.empty.setVisible(not self._advice)
        by_purpose = {a.purpose: a for a in self._advice}
        for purpose in Purpose:
            advice = by_purpose.get(purpose)
            shown = advice is not None
            for widget in (self.titles[purpose], self.sentences[purpose], self.buttons[purpose]):
                widget.setVisible(shown)
            self.titles[purpose].setText(self._texts.purpose(purpose))
            button = self.buttons[purpose]
            button.setText(self.tr("Use for visitors") if self.for_visitors else self.tr("Use in chat"))
            if advice is None:
                continue
            button.setVisible(advice.model is not None)
            self.sentences[purpose].setText(self._sentence(advice))
            if advice.model:
                button.setAccessibleName(
                    self.tr("Use %1 (%2)")
                    .replace("%1", advice.model)
                    .replace("%2", self._texts.purpose(purpose))
                )
        slow = [s.model for s in (run.summary(m) for m in run.models) if s.too_slow] if run else []
        self.slow.setVisible(bool(slow))
        self.slow.setText(
            self.tr("Too slow to talk to (under %1 tokens/s): %2")
            .replace("%1", QLocale().toString(TOO_SLOW, "f", 0))
            .replace("%2", ", ".join(slow))
        )
        lines = [self._texts.failure(f) for f in run.failures] if run else []
        self.failures.setVisible(bool(lines))
        self.failures.setText("\n".join(lines))

    def _sentence(self, advice: Advice) -> str:
        summary, locale = advice.summary, QLocale()
        if advice.model is None or summary is None:
            return {
                Purpose.QUICK: self.tr("No model ran on this computer."),
                Purpose.UKRAINIAN: self.tr(
                    "No model measured here answered even half of the Ukrainian tasks in Ukrainian."
                ),
                Purpose.CODE: self.tr("No model measured here wrote code."),
            }[advice.purpose]
        rate = locale.toString(summary.answer_rate or 0.0, "f", 1)
        if advice.purpose is Purpose.QUICK:
            text = self.tr("%1: %2 tokens/s").replace("%1", advice.model).replace("%2", rate)
        elif advice.purpose is Purpose.UKRAINIAN:
            text = (
                self.tr(
                    "%1: answered in Ukrainian to %2 of %n Ukrainian task(s), %3 tokens/s",
                    "",
                    summary.ukrainian_tasks,
                )
                .replace("%1", advice.model)
                .replace("%2", locale.toString(summary.ukrainian_answers))
                .replace("%3", rate)
            )
        else:
            text = (
                self.tr("%1: wrote code in %n answer(s), %2 tokens/s", "", advice.code_answers)
                .replace("%1", advice.model)
                .replace("%2", rate)
            )
        if advice.marks:
            text += "; " + self.tr("you marked it better %n time(s)", "", advice.marks)
        if summary.too_slow:
            text += "; " + self.tr("too slow to talk to")
        return text

    def _use(self, purpose: Purpose) -> None:
        advice = next((a for a in self._advice if a.purpose is purpose), None)
        if advice is not None and advice.model:
            self.use_requested.emit(advice.model)
