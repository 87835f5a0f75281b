"""The chat's model: a picker of the installed models (a kiosk offers no cloud models, or fixes one model
and hides the picker), and the memory the chosen model holds while Ollama keeps it loaded."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QSizePolicy

from piassist.core.models import ModelInfo
from piassist.services.chat_session import ChatService
from piassist.services.model_library import ModelLibraryService


class ModelPicker(QComboBox):
    memory_changed = Signal(object)  # bytes the chosen model holds in memory, or None when not loaded
    models_offered = Signal(bool)  # the list changed: whether any model is offered

    def __init__(self, chat: ChatService, library: ModelLibraryService) -> None:
        super().__init__()
        self.setObjectName("modelPicker")
        self._chat, self._library = chat, library
        self.fixed = ""  # a kiosk's model for visitors: the picker is then hidden
        self.local_only = False  # a kiosk offers no cloud models (they run elsewhere, over the internet)
        self.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        # Never narrower than the model's name (the conversation list gives way); a very long name stops
        # at a third of the screen, whole in the tooltip.
        self.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)
        self.setMaximumWidth(self.screen().availableGeometry().width() // 3)
        self.currentTextChanged.connect(self.setToolTip)
        self.activated.connect(self._chosen)
        library.models_changed.connect(self.show_models)
        library.current_model_changed.connect(self.select)

    def current_model(self) -> str:
        return self.fixed or str(self.currentData() or "")

    def fix(self, name: str) -> None:
        """The one model the chat uses, the picker hidden; "" lets a person choose again."""
        self.fixed = name
        self.show_models(self._library.models)
        self.setVisible(not name)

    def show_models(self, models: list[ModelInfo]) -> None:
        # Keep what the picker shows (a list refresh must not switch models under the person); the
        # library's choice applies when the picker had none or its model is gone.
        models = [m for m in models if not (self.local_only and m.remote)]
        names = {model.name for model in models}
        current = self.current_model() if self.current_model() in names else self._library.current_model
        self.clear()
        for model in models:
            self.addItem(model.name, model.name)
        self.select(current)
        self.show_memory()
        self.models_offered.emit(bool(models))

    def select(self, name: str) -> bool:
        index = self.findData(name)
        if index < 0:
            return False
        self.setCurrentIndex(index)
        self.show_memory()
        self._chat.prepare(self.current_model())  # its details (the context) before the first question
        return True

    def show_memory(self) -> None:
        chosen = self.current_model()
        loaded = next((m.loaded for m in self._library.models if m.name == chosen and m.loaded), None)
        self.memory_changed.emit(loaded.size if loaded else None)

    def _chosen(self, _index: int) -> None:
        self._library.set_current_model(self.current_model())
        self.show_memory()
