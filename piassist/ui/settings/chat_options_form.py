"""How a model answers: temperature, context length, how long it stays loaded, longest answer.

One form for the app's defaults (Preferences) and for one conversation (Settings for this chat). It starts
from the model's own defaults (its Modelfile, else Ollama's); a value the person changes becomes their
choice, and only choices are kept and sent (core/ollama/model_defaults.py). "Use the model's defaults" takes
every choice back. Values go in and out as the dict a conversation keeps in its history row: the chosen
keys only.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QWidget,
)

from piassist.core.context_budget import DEFAULT_CONTEXT
from piassist.core.ollama.model_defaults import NO_LIMIT, ModelDefaults, chosen_options
from piassist.ui.common.retranslate import Retranslating
from piassist.ui.common.widgets import named

# Context lengths offered, in tokens. Each doubling costs the model memory; 2048 suits a Pi 4 with 4 GB.
CONTEXT_LENGTHS = (1024, 2048, 4096, 8192, 16384, 32768)
# Ollama's keep_alive: "" is the server's own setting (nothing sent); "0" unloads at once; a negative
# duration keeps the model loaded for good.
KEEP_ALIVE_MINUTES = (("", None), ("0", 0), ("5m", 5), ("10m", 10), ("30m", 30), ("1h", 60), ("-1m", -1))
LONGEST_ANSWER = 32768
NUMBERS = ("temperature", "num_ctx", "num_predict")  # the options with a model's default beside them


class ChatOptionsForm(Retranslating, QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._defaults = ModelDefaults()
        self._model = ""
        self._chosen: dict[str, Any] = {}
        self._quiet = False  # set while the form itself shows values: those are no one's choice
        self.temperature = named(QDoubleSpinBox(), "temperature")
        self.temperature.setRange(0.0, 2.0)
        self.temperature.setSingleStep(0.1)
        self.temperature.setDecimals(2)  # Modelfiles say 0.6 or 0.65
        self.context = named(QComboBox(), "contextLength")
        self.keep_alive = named(QComboBox(), "keepAlive")
        for value, _minutes in KEEP_ALIVE_MINUTES:
            self.keep_alive.addItem("", value)
        self.answer_length = named(QSpinBox(), "answerLength")
        self.answer_length.setRange(0, LONGEST_ANSWER)
        self.answer_length.setSingleStep(256)
        self.notes = {key: named(QLabel(), f"{key}Note") for key in NUMBERS}
        self.intro = named(QLabel(wordWrap=True), "optionsIntro")
        self.use_model_defaults = named(QPushButton(), "useModelDefaults")
        self.use_model_defaults.clicked.connect(self.reset)

        self._labels = [QLabel() for _ in range(4)]
        layout = QFormLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.FieldsStayAtSizeHint)
        layout.addRow(self.intro)
        fields = (
            (self.temperature, self.notes["temperature"]),
            (self.context, self.notes["num_ctx"]),
            (self.keep_alive, None),
            (self.answer_length, self.notes["num_predict"]),
        )
        for label, (field, note) in zip(self._labels, fields, strict=True):
            label.setBuddy(field)
            layout.addRow(label, _beside(field, note))
        layout.addRow(_beside(self.use_model_defaults, None))
        self.temperature.valueChanged.connect(lambda: self._edited("temperature"))
        self.context.currentIndexChanged.connect(lambda: self._edited("num_ctx"))
        self.keep_alive.currentIndexChanged.connect(lambda: self._edited("keep_alive"))
        self.answer_length.valueChanged.connect(lambda: self._edited("num_predict"))
        self._show()

    # -- what the dialogs call ---------------------------------------------------------------------
    def set_options(self, options: dict[str, Any]) -> None:
        """The choices made so far (a conversation's row, or Preferences)."""
        self._chosen = chosen_options(options)
        self._show()

    def set_model_defaults(self, model: str, defaults: ModelDefaults) -> None:
        """What the model answers with where nothing is chosen; shown in every field not chosen."""
        self._model, self._defaults = model, defaults
        self._show()

    def options(self) -> dict[str, Any]:
        """The chosen options only: what the chat will send."""
        return dict(self._chosen)

    def reset(self) -> None:
        """Use the model's defaults: nothing chosen."""
        self._chosen = {}
        self._show()

    def is_chosen(self, key: str) -> bool:
        return key in self._chosen

    # -- showing -----------------------------------------------------------------------------------
    def _value(self, key: str) -> Any:
        if key in self._chosen:
            return self._chosen[key]
        if key == "num_ctx":
            return self._defaults.num_ctx or DEFAULT_CONTEXT
        return self._defaults.value(key)

    def _show(self) -> None:
        self._quiet = True
        try:
            self.temperature.setValue(float(self._value("temperature")))
            contexts = sorted({*CONTEXT_LENGTHS, int(self._value("num_ctx"))})
            self.context.clear()
            for tokens in contexts:
                self.context.addItem("", tokens)
            self.context.setCurrentIndex(self.context.findData(int(self._value("num_ctx"))))
            keep_alive = str(self._chosen.get("keep_alive", ""))
            if self.keep_alive.findData(keep_alive) < 0:  # set by hand in the file: kept, as itself
                self.keep_alive.addItem(keep_alive, keep_alive)
            self.keep_alive.setCurrentIndex(self.keep_alive.findData(keep_alive))
            self.answer_length.setValue(max(0, int(self._value("num_predict"))))
        finally:
            self._quiet = False
        self.retranslate_ui()

    def _edited(self, key: str) -> None:
        if self._quiet:
            return
        if key == "temperature":
            self._chosen[key] = round(self.temperature.value(), 2)
        elif key == "num_ctx":
            self._chosen[key] = int(self.context.currentData())
        elif key == "num_predict":
            self._chosen[key] = self.answer_length.value() or NO_LIMIT
        elif self.keep_alive.currentData():
            self._chosen[key] = str(self.keep_alive.currentData())
        else:
            self._chosen.pop(key, None)  # "As Ollama is set"
        self._show_notes()

    def retranslate_ui(self) -> None:
        texts = (
            self.tr("&Creativity (temperature):"),
            self.tr("C&ontext length:"),
            self.tr("&Keep the model in memory:"),
            self.tr("&Longest answer, in tokens:"),
        )
        for label, text in zip(self._labels, texts, strict=True):
            label.setText(text)
        self.use_model_defaults.setText(self.tr("Use the model's defaults"))
        self.use_model_defaults.setToolTip(
            self.tr("Send none of these: the model answers with the values its author set.")
        )
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
            self.context.setItemText(index, self._tokens_text(int(self.context.itemData(index))))
        for index in range(self.keep_alive.count()):
            self.keep_alive.setItemText(index, self._keep_alive_text(str(self.keep_alive.itemData(index))))
        self._show_notes()

    def _show_notes(self) -> None:
        if self._model:
            intro = self.tr("Values you do not change are %1's own.").replace("%1", self._model)
        else:
            intro = self.tr("Values you do not change are the model's own.")
        self.intro.setText(intro)
        self.use_model_defaults.setEnabled(bool(self._chosen))
        for key, note in self.notes.items():
            if key not in self._chosen:
                note.setText(self.tr("the model's default"))
            else:
                note.setText(self.tr("the model's: %1").replace("%1", self._default_text(key)))
            note.setAccessibleName(note.text())

    def _default_text(self, key: str) -> str:
        if key == "temperature":
            return self.locale().toString(float(self._defaults.temperature), "g", 3)
        if key == "num_ctx":
            return self._tokens_text(self._defaults.num_ctx or DEFAULT_CONTEXT)
        limit = self._defaults.num_predict
        return self.tr("%n token(s)", "", limit) if limit > 0 else self.tr("No limit")

    def _tokens_text(self, tokens: int) -> str:
        return self.tr("%n token(s)", "", tokens)

    def _keep_alive_text(self, value: str) -> str:
        minutes = dict(KEEP_ALIVE_MINUTES).get(value, "")
        if minutes is None:
            return self.tr("As Ollama is set")
        if minutes == 0:
            return self.tr("Unload right after the answer")
        if minutes == -1:
            return self.tr("As long as Ollama runs")
        if minutes == 60:
            return self.tr("%n hour(s)", "", 1)
        if isinstance(minutes, int):
            return self.tr("%n minute(s)", "", minutes)
        return value  # set by hand in the settings file: shown as Ollama reads it


def _beside(field: QWidget, note: QLabel | None) -> QWidget:
    row = QWidget()
    layout = QHBoxLayout(row)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(field)
    if note is not None:
        note.setForegroundRole(QPalette.ColorRole.PlaceholderText)  # the palette's quieter colour
        layout.addWidget(note)
    layout.addStretch(1)
    return row
