"""A band above the transcript that says what went wrong, in plain words, with the next step."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from piassist.core.errors import CONNECTION_LOST, BackendError, ErrorKind
from piassist.ui.error_texts import error_message
from piassist.ui.widgets import named


class ChatNotice(QFrame):
    retry_requested = Signal()
    models_page_requested = Signal()
    get_model_requested = Signal(str)  # a model to download ("" for: choose one)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("chatNotice")
        self._kind = ""
        self._model = ""  # the model the "Download it" button offers
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setStyleSheet("QFrame#chatNotice { background: #fff4e5; border: 1px solid #f0b45a; }")
        self.text = named(QLabel(wordWrap=True), "noticeText")
        self.retry_button = named(QPushButton(), "noticeRetry")
        self.retry_button.clicked.connect(self.retry_requested)
        self.models_button = named(QPushButton(), "noticeModels")
        self.models_button.clicked.connect(self.models_page_requested)
        self.get_button = named(QPushButton(), "noticeGetModel")
        self.get_button.clicked.connect(lambda: self.get_model_requested.emit(self._model))
        layout = QHBoxLayout(self)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.retry_button)
        layout.addWidget(self.get_button)
        layout.addWidget(self.models_button)
        self.retranslate_ui()
        self.hide()

    def retranslate_ui(self) -> None:
        self.retry_button.setText(self.tr("Try again"))
        self.models_button.setText(self.tr("Open models"))
        self.get_button.setText(self.tr("Get a model") if not self._model else self.tr("Download it"))

    @property
    def about_no_models(self) -> bool:
        """True while the band says that no model is installed."""
        return not self.isHidden() and self._kind == "no-models"

    def show_no_models(self) -> None:
        self._show(
            self.tr(
                "No language model is installed yet. Get one that suits this computer to start chatting."
            ),
            get="",
            kind="no-models",
        )

    def show_model_missing(self, model: str) -> None:
        self._show(
            self.tr(
                "The model “%1” is not installed on this Ollama server. Choose another one or install it."
            ).replace("%1", model),
            models=True,
            get=model,
        )

    def show_error(self, error: BackendError) -> None:
        if error.kind in CONNECTION_LOST:
            text = self.tr(
                "Ollama stopped while answering. The part that arrived is kept; try again when it runs."
            )
        elif error.kind is ErrorKind.BUSY:
            text = self.tr("Ollama is busy with other questions. Wait a moment and try again.")
        else:
            text = self.tr("The answer failed: %1").replace("%1", error_message(error))
        self._show(text, retry=True, detail=error.detail)

    def show_context_full(self) -> None:
        self._show(
            self.tr(
                "This conversation is now longer than the model can read at once, so it no longer sees the "
                "oldest messages. Start a new chat for the best answers."
            )
        )

    def show_text(self, text: str) -> None:
        self._show(text)

    def _show(
        self,
        text: str,
        *,
        retry: bool = False,
        models: bool = False,
        get: str | None = None,
        detail: str = "",
        kind: str = "",
    ) -> None:
        self._kind = kind
        self._model = get or ""
        self.get_button.setVisible(get is not None)
        self.retranslate_ui()
        self.text.setText(text)
        self.text.setToolTip(detail)
        self.retry_button.setVisible(retry)
        self.models_button.setVisible(models)
        self.show()
