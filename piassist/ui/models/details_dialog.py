"""One installed model's details from /api/show: what it is and can do, its Modelfile parameters,
template and license, and whether it is in memory. Tabs, so that it fits a Pi's 800×480 screen."""

from __future__ import annotations

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from piassist.core.chat_types import ModelDetails
from piassist.core.errors import BackendError
from piassist.core.models import ModelInfo
from piassist.core.unload_time import seconds_left
from piassist.services.model_library import ModelAction, ModelLibraryService
from piassist.ui.common import formatting
from piassist.ui.common.error_texts import error_message
from piassist.ui.common.retranslate import Retranslating
from piassist.ui.common.widgets import make_heading, named
from piassist.ui.models.table import clock_interval, unload_texts


class _ReadOnlyText(QPlainTextEdit):
    """Scrollable text to read and copy; Tab moves on (not into the text)."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.setObjectName(name)
        self.setReadOnly(True)
        self.setTabChangesFocus(True)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.setTextInteractionFlags(
            Qt.TextInteractionFlag.TextSelectableByKeyboard | Qt.TextInteractionFlag.TextSelectableByMouse
        )

    def sizeHint(self) -> QSize:
        # A few lines (Qt's default is far taller); the dialog grows it.
        return QSize(480, self.fontMetrics().lineSpacing() * 8)


class ModelDetailsDialog(Retranslating, QDialog):
    """Asks the library for the model's details when built; shows them when details_ready comes."""

    def __init__(self, library: ModelLibraryService, model: ModelInfo, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("modelDetailsDialog")
        self._library = library
        self._model = model
        self.details: ModelDetails | None = None
        self._error: BackendError | None = None

        self.heading = named(QLabel(model.name), "detailsName")
        make_heading(self.heading, 1.2)
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status = named(QLabel(wordWrap=True), "detailsStatus")

        self.overview = QWidget()
        self.form = QFormLayout(self.overview)
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.values: dict[str, QLabel] = {}
        self.labels: dict[str, QLabel] = {}
        for key in (
            "family",
            "parameters",
            "quantization",
            "context",
            "capabilities",
            "size",
            "memory",
            "context_used",
            "unloads",
        ):
            label = QLabel()
            value = named(QLabel(wordWrap=True), f"details_{key}")
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            label.setBuddy(value)
            self.form.addRow(label, value)
            self.labels[key] = label
            self.values[key] = value

        self.parameters_text = _ReadOnlyText("detailsParameters")
        self.template_text = _ReadOnlyText("detailsTemplate")
        self.license_text = _ReadOnlyText("detailsLicense")
        self.license_text.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        fixed = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        self.parameters_text.setFont(fixed)  # Ollama lines the values up in a column
        self.template_text.setFont(fixed)
        self.tabs = named(QTabWidget(), "detailsTabs")
        self.tabs.addTab(self.overview, "")
        self.tabs.addTab(self.parameters_text, "")
        self.tabs.addTab(self.template_text, "")
        self.tabs.addTab(self.license_text, "")

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.status)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.buttons)
        QWidget.setTabOrder(self.tabs, self.parameters_text)
        QWidget.setTabOrder(self.parameters_text, self.template_text)
        QWidget.setTabOrder(self.template_text, self.license_text)

        self._clock = QTimer(self)
        self._clock.setSingleShot(True)
        self._clock.timeout.connect(self._show_memory)

        library.details_ready.connect(self._details_ready)
        library.action_failed.connect(self._failed)
        library.models_changed.connect(self._models_changed)
        self.retranslate_ui()
        fit_to_screen(self)
        library.load_details(model.name)

    # -- text --------------------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Model details"))
        titles = {
            "family": self.tr("Family:"),
            "parameters": self.tr("Parameters:"),
            "quantization": self.tr("Quantization:"),
            "context": self.tr("Context length:"),
            "capabilities": self.tr("Can do:"),
            "size": self.tr("Size on disk:"),
            "memory": self.tr("In memory:"),
            "context_used": self.tr("Context in use:"),
            "unloads": self.tr("Unloads:"),
        }
        for key, title in titles.items():
            self.labels[key].setText(title)
            self.values[key].setAccessibleName(title.rstrip(":"))
        self.values["context"].setToolTip(self.tr("The longest context the model was trained for"))
        self.values["context_used"].setToolTip(self.tr("The context Ollama gave the model when it loaded it"))
        self.tabs.setTabText(0, self.tr("Overview"))
        self.tabs.setTabText(1, self.tr("Settings"))
        self.tabs.setTabText(2, self.tr("Template"))
        self.tabs.setTabText(3, self.tr("License"))
        self.tabs.setAccessibleName(self.tr("Model details"))
        self.parameters_text.setAccessibleName(self.tr("The model's settings (Modelfile parameters)"))
        self.parameters_text.setPlaceholderText(self.tr("This model sets no parameters of its own."))
        self.template_text.setAccessibleName(self.tr("Prompt template"))
        self.template_text.setPlaceholderText(self.tr("This model has no prompt template."))
        self.license_text.setAccessibleName(self.tr("License"))
        self.license_text.setPlaceholderText(self.tr("This model comes without a license text."))
        self._show_details()
        self._show_memory()

    # -- what the library says ---------------------------------------------------------------------
    def _details_ready(self, details: ModelDetails) -> None:
        if details.name == self._model.name:
            self.details = details
            self._error = None
            self._show_details()

    def _failed(self, action: ModelAction, name: str, error: BackendError) -> None:
        if action is ModelAction.DETAILS and name == self._model.name:
            self._error = error
            self._show_details()

    def _models_changed(self, models: list[ModelInfo]) -> None:
        found = next((m for m in models if m.name == self._model.name), None)
        if found is not None:
            self._model = found
        else:  # deleted meanwhile: nothing of it is in memory any more
            self._model = self._model.with_loaded(None)
        self._show_memory()

    def _show_details(self) -> None:
        details, model = self.details, self._model
        if self._error is not None:
            self.status.setText(
                self.tr("Could not read the details: %1").replace("%1", error_message(self._error))
            )
            self.status.setToolTip(self._error.detail)
            self.status.setStyleSheet("color: #b3261e;")
        else:
            self.status.setText("" if details else self.tr("Reading the details from Ollama…"))
            self.status.setToolTip("")
            self.status.setStyleSheet("")
        self.status.setVisible(bool(self.status.text()))
        unknown = "" if details is None else self.tr("not known")
        self.values["family"].setText((details.family if details else "") or model.family or unknown)
        size = (details.parameter_size if details else "") or model.parameters
        self.values["parameters"].setText(formatting.parameters(size) if size else unknown)
        self.values["quantization"].setText(
            (details.quantization if details else "") or model.quantization or unknown
        )
        context = details.context_length if details else None
        self.values["context"].setText(self._tokens(context) if context else unknown)
        self.values["capabilities"].setText(
            (", ".join(self.capability(c) for c in details.capabilities) or unknown) if details else ""
        )
        self.values["size"].setText(formatting.size(model.size))
        self.parameters_text.setPlainText(details.parameters if details else "")
        self.template_text.setPlainText(details.template if details else "")
        self.license_text.setPlainText(details.license if details else "")

    def _show_memory(self) -> None:
        loaded = self._model.loaded
        if loaded is None:
            self.values["memory"].setText(self.tr("no (it loads with the next question)"))
        else:
            self.values["memory"].setText(formatting.size(loaded.size))
            self.values["unloads"].setText(unload_texts.when(loaded))
            self.values["unloads"].setToolTip(unload_texts.explain(loaded))
            if loaded.context_length:
                self.values["context_used"].setText(self._tokens(loaded.context_length))
        used = loaded is not None and bool(loaded.context_length)
        self.form.setRowVisible(self.values["context_used"], used)
        self.form.setRowVisible(self.values["unloads"], loaded is not None)
        interval = clock_interval(seconds_left(loaded.expires_at)) if loaded is not None else None
        if interval is None:
            self._clock.stop()
        else:
            self._clock.start(interval)

    def _tokens(self, n: int) -> str:
        return self.tr("%Ln token(s)", "", n)

    def capability(self, name: str) -> str:
        """Ollama's capability names (types/model/capability.go, v0.24.0) in words."""
        words = {
            "completion": self.tr("completion"),
            "thinking": self.tr("thinking"),
            "vision": self.tr("vision"),
            "tools": self.tr("tools"),
            "embedding": self.tr("embedding"),
            "insert": self.tr("insert"),
            "image": self.tr("image generation"),
            "audio": self.tr("audio"),
        }
        return words.get(name, name)


def fit_to_screen(dialog: QDialog) -> None:
    """No larger than the screen's free area (a Pi's 800×480 panel must show the Close button)."""
    screen = dialog.screen().availableGeometry()
    hint = dialog.sizeHint()
    dialog.resize(min(max(hint.width(), 520), screen.width()), min(hint.height(), screen.height()))
