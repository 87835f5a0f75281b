"""How a model answers: temperature, context length, how long it stays loaded, longest answer.

One form for the app's defaults (Settings) and for one conversation (Settings for this chat). Values go in
and out as the dict a conversation keeps in its history row.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QComboBox, QDoubleSpinBox, QFormLayout, QLabel, QSpinBox, QWidget

from piassist.services.settings import DEFAULT_KEEP_ALIVE, DEFAULT_NUM_CTX, DEFAULT_TEMPERATURE, number_or
from piassist.ui.common.retranslate import Retranslating
from piassist.ui.common.widgets import named

# Context lengths offered, in tokens. Each doubling costs the model memory; 2048 suits a Pi 4 with 4 GB.
CONTEXT_LENGTHS = (1024, 2048, 4096, 8192, 16384, 32768)
# Ollama's keep_alive: "0" unloads at once; a negative duration keeps the model loaded for good.
KEEP_ALIVE_MINUTES = (("0", 0), ("5m", 5), ("10m", 10), ("30m", 30), ("1h", 60), ("-1m", -1))
LONGEST_ANSWER = 32768


class ChatOptionsForm(Retranslating, QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.temperature = named(QDoubleSpinBox(), "temperature")
        self.temperature.setRange(0.0, 2.0)
        self.temperature.setSingleStep(0.1)
        self.temperature.setDecimals(1)
        self.context = named(QComboBox(), "contextLength")
        for tokens in CONTEXT_LENGTHS:
            self.context.addItem("", tokens)
        self.keep_alive = named(QComboBox(), "keepAlive")
        for value, _minutes in KEEP_ALIVE_MINUTES:
            self.keep_alive.addItem("", value)
        self.answer_length = named(QSpinBox(), "answerLength")
        self.answer_length.setRange(0, LONGEST_ANSWER)
        self.answer_length.setSingleStep(256)

        self._labels = [QLabel() for _ in range(4)]
        layout = QFormLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        for label, field in zip(
            self._labels, (self.temperature, self.context, self.keep_alive, self.answer_length), strict=True
        ):
            label.setBuddy(field)
            layout.addRow(label, field)
        self.retranslate_ui()

    def set_options(self, options: dict[str, Any]) -> None:
        self.temperature.setValue(number_or(options.get("temperature"), DEFAULT_TEMPERATURE))
        _choose(self.context, int(number_or(options.get("num_ctx"), DEFAULT_NUM_CTX)))
        _choose(self.keep_alive, str(options.get("keep_alive") or DEFAULT_KEEP_ALIVE))
        self.answer_length.setValue(int(number_or(options.get("num_predict"), 0)))
        self.retranslate_ui()  # an unusual stored value got an item of its own: name it

    def options(self) -> dict[str, Any]:
        return {
            "temperature": round(self.temperature.value(), 1),
            "num_ctx": int(self.context.currentData()),
            "keep_alive": str(self.keep_alive.currentData()),
            "num_predict": self.answer_length.value(),
        }

    def retranslate_ui(self) -> None:
        texts = (
            self.tr("&Creativity (temperature):"),
            self.tr("C&ontext length:"),
            self.tr("&Keep the model in memory:"),
            self.tr("&Longest answer, in tokens:"),
        )
        for label, text in zip(self._labels, texts, strict=True):
            label.setText(text)
        self.temperature.setToolTip(
            self.tr("Lower gives steadier, more predictable answers; higher gives more varied ones.")
        )
        self.context.setToolTip(
            self.tr(
                "How much of the conversation the model can see at once. Longer needs more memory and "
                "makes the model slower to start."
            )
        )
        self.keep_alive.setToolTip(
            self.tr(
                "After an answer, Ollama keeps the model loaded this long, so the next answer starts sooner."
            )
        )
        self.answer_length.setToolTip(self.tr("The model stops after this many tokens."))
        self.answer_length.setSpecialValueText(self.tr("No limit"))
        self.temperature.setAccessibleName(self.tr("Creativity (temperature)"))
        self.context.setAccessibleName(self.tr("Context length"))
        self.keep_alive.setAccessibleName(self.tr("Keep the model in memory"))
        self.answer_length.setAccessibleName(self.tr("Longest answer"))
        for index in range(self.context.count()):
            self.context.setItemText(index, self.tr("%n token(s)", "", int(self.context.itemData(index))))
        for index in range(self.keep_alive.count()):
            self.keep_alive.setItemText(index, self._keep_alive_text(str(self.keep_alive.itemData(index))))

    def _keep_alive_text(self, value: str) -> str:
        minutes = dict(KEEP_ALIVE_MINUTES).get(value)
        if minutes == 0:
            return self.tr("Unload right after the answer")
        if minutes == -1:
            return self.tr("As long as Ollama runs")
        if minutes == 60:
            return self.tr("%n hour(s)", "", 1)
        if minutes is not None:
            return self.tr("%n minute(s)", "", minutes)
        return value  # set by hand in the settings file: shown as Ollama reads it


def _choose(box: QComboBox, value: object) -> None:
    index = box.findData(value)
    if index < 0:  # a value from the settings file that the list does not offer: keep it, as itself
        box.addItem(str(value), value)
        index = box.count() - 1
    box.setCurrentIndex(index)
