"""A band above the transcript that says what went wrong, in plain words, with the next step."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Signal
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
        self._words: Callable[[], str] = str  # the band's text in the current language
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
        self.text.setText(self._words())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    @property
    def showing(self) -> str:
        """What the band says now, by the kind its caller gave ("" when hidden or not said)."""
        return "" if self.isHidden() else self._kind

    @property
    def about_no_models(self) -> bool:
        """True while the band says that no model is installed."""
        return not self.isHidden() and self._kind == "no-models"

    def show_no_models(self) -> None:
        self._show(
            lambda: self.tr(
                "No language model is installed yet. Get one that suits this computer to start chatting."
            ),
            get="",
            kind="no-models",
        )

    def show_model_missing(self, model: str) -> None:
        self._show(
            lambda: self.tr(
                "The model “%1” is not installed on this Ollama server. Choose another one or install it."
            ).replace("%1", model),
            models=True,
            get=model,
        )

    def show_error(self, error: BackendError) -> None:
        self._show(lambda: self._error_text(error), retry=True, detail=error.detail)

    def _error_text(self, error: BackendError) -> str:
        if error.kind in CONNECTION_LOST:
            return self.tr(
                "Ollama stopped while answering. The part that arrived is kept; try again when it runs."
            )
        if error.kind is ErrorKind.BUSY:
            return self.tr("Ollama is busy with other questions. Wait a moment and try again.")
        return self.tr("The answer failed: %1").replace("%1", error_message(error))

    def show_context_full(self) -> None:
        self._show(
            lambda: self.tr(
                "This conversation is now longer than the model can read at once, so it no longer sees the "
                "oldest messages. Start a new chat for the best answers."
            )
        )

    def show_text(self, words: Callable[[], str], kind: str = "") -> None:
        """Any other message: `words` gives it in the current language (called again when that changes);
        `kind` names it for `showing`."""
        self._show(words, kind=kind)

    def _show(
        self,
        words: Callable[[], str],
        *,
        retry: bool = False,
        models: bool = False,
        get: str | None = None,
        detail: str = "",
        kind: str = "",
    ) -> None:
        self._kind = kind
        self._model = get or ""
        self._words = words
        self.get_button.setVisible(get is not None)
        self.retranslate_ui()
        self.text.setToolTip(detail)
        self.retry_button.setVisible(retry)
        self.models_button.setVisible(models)
        self.show()
