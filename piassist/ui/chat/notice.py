"""A band above the transcript that says what went wrong, in plain words, with the next step.

It holds two layers. The note is about the conversation (an answer failed, no model, older messages left
out). The server layer says the server went away: while it is set it is what the band shows, with Start
Ollama and Try again; when the server is back it goes by itself and the note under it shows again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from piassist.core.connection_state import ConnectionStatus, ConnState
from piassist.core.errors import CONNECTION_LOST, BackendError, ErrorKind
from piassist.core.model_choice import ModelKind
from piassist.ui.chat.transcript_style import blend
from piassist.ui.common.error_texts import error_message
from piassist.ui.common.retranslate import Retranslating
from piassist.ui.common.widgets import named

REMOTE_GONE = (ConnState.REFUSED, ConnState.UNREACHABLE, ConnState.TIMEOUT)


@dataclass(frozen=True, slots=True)
class _Note:
    words: Callable[[], str]  # the text in the current language (called again when that changes)
    buttons: frozenset[str] = frozenset()  # the buttons it offers, by their names in ChatNotice.buttons
    model: str = ""  # the model the "Download it" button offers
    detail: str = ""  # the server's own words, for experts (the tooltip)
    kind: str = ""


AMBER = "#f0b45a"  # the notice band's colour, mixed into the window's


class ChatNotice(Retranslating, QFrame):
    retry_requested = Signal()  # answer the last question again
    models_page_requested = Signal()
    get_model_requested = Signal(str)  # a model to download ("" for: choose one)
    start_requested = Signal()  # start the local Ollama
    reconnect_requested = Signal()  # ask the server again now
    shorter_requested = Signal()  # leave out older messages and answer again
    new_chat_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("chatNotice")
        self._note: _Note | None = None
        self._server: _Note | None = None
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self._restyle()
        self.text = named(QLabel(wordWrap=True), "noticeText")
        self.start_button = named(QPushButton(), "noticeStartOllama")
        self.start_button.clicked.connect(self.start_requested)
        self.reconnect_button = named(QPushButton(), "noticeReconnect")
        self.reconnect_button.clicked.connect(self.reconnect_requested)
        self.retry_button = named(QPushButton(), "noticeRetry")
        self.retry_button.clicked.connect(self.retry_requested)
        self.shorter_button = named(QPushButton(), "noticeShorter")
        self.shorter_button.clicked.connect(self.shorter_requested)
        self.new_chat_button = named(QPushButton(), "noticeNewChat")
        self.new_chat_button.clicked.connect(self.new_chat_requested)
        self.get_button = named(QPushButton(), "noticeGetModel")
        self.get_button.clicked.connect(lambda: self.get_model_requested.emit(self._shown_model()))
        self.models_button = named(QPushButton(), "noticeModels")
        self.models_button.clicked.connect(self.models_page_requested)
        self.buttons = {
            "start": self.start_button,
            "reconnect": self.reconnect_button,
            "retry": self.retry_button,
            "shorter": self.shorter_button,
            "new-chat": self.new_chat_button,
            "get": self.get_button,
            "models": self.models_button,
        }
        layout = QHBoxLayout(self)
        layout.addWidget(self.text, 1)
        for button in self.buttons.values():
            layout.addWidget(button)
        self.retranslate_ui()
        self.hide()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._restyle()

    def _restyle(self) -> None:
        """A warm band on light and dark windows alike: the window's colour tinted towards amber (the
        application's palette: the style sheet itself changes this widget's palette)."""
        window = QApplication.palette().color(QPalette.ColorRole.Window)
        amber = QColor(AMBER)
        sheet = (
            f"QFrame#chatNotice {{ background: {blend(window, amber, 0.2).name()}; "
            f"border: 1px solid {blend(window, amber, 0.7).name()}; }}"
        )
        if self.styleSheet() != sheet:
            self.setStyleSheet(sheet)

    def retranslate_ui(self) -> None:
        self.start_button.setText(self.tr("Start Ollama"))
        self.reconnect_button.setText(self.tr("Try again"))
        self.reconnect_button.setToolTip(self.tr("Ask the server again now"))
        self.retry_button.setText(self.tr("Try again"))
        self.shorter_button.setText(self.tr("Leave out older messages"))
        self.shorter_button.setToolTip(
            self.tr(
                "Answer again with only what fits: the newest messages, and as much of a long question as "
                "fits. Nothing is deleted."
            )
        )
        self.new_chat_button.setText(self.tr("New chat"))
        self.models_button.setText(self.tr("Open models"))
        self.get_button.setText(self.tr("Download it") if self._shown_model() else self.tr("Get a model"))
        shown = self._shown()
        self.text.setText(shown.words() if shown else "")

    # -- what the band says ------------------------------------------------------------------------
    @property
    def about_no_models(self) -> bool:
        """True while the band says that no model is installed."""
        note = self._note
        return self._server is None and note is not None and note.kind == "no-models"

    @property
    def about_server(self) -> bool:
        """True while the band says that the server went away."""
        return self._server is not None

    def clear(self) -> None:
        """The note goes (the server layer, if any, stays until the server is back)."""
        self._set_note(None)

    def show_no_models(self) -> None:
        self._set_note(
            _Note(
                lambda: self.tr(
                    "No language model is installed yet. Get one that suits this computer to start chatting."
                ),
                frozenset({"get"}),
                kind="no-models",
            )
        )

    def show_model_missing(self, model: str) -> None:
        self._set_note(
            _Note(
                lambda: self.tr(
                    "The model “%1” is not installed on this Ollama server. Choose another one or install it."
                ).replace("%1", model),
                frozenset({"models", "get"}),
                model=model,
            )
        )

    def show_first_model(self, model: str, kind: ModelKind) -> None:
        if kind is ModelKind.BASE:
            self.show_base_model(model)

    def show_base_model(self, model: str) -> None:
        """The only models installed are base models: the one chosen continues text, it does not answer."""
        self._set_note(
            _Note(
                lambda: self.tr(
                    "“%1” is a base model: it continues a text rather than answering questions, so its "
                    "answers may read as nonsense. For chatting, get a chat model."
                ).replace("%1", model),
                frozenset({"get"}),
                kind="base-model",
            )
        )

    def show_error(self, error: BackendError) -> None:
        if error.kind is ErrorKind.CONTEXT_OVERFLOW:
            self._set_note(
                _Note(self._overflow_text, frozenset({"shorter", "new-chat"}), detail=error.detail)
            )
        else:
            self._set_note(_Note(lambda: self._error_text(error), frozenset({"retry"}), detail=error.detail))

    def _overflow_text(self) -> str:
        return self.tr(
            "This conversation is longer than the model can read at once, so it did not answer. Nothing is "
            "lost: leave out the older messages and ask again, or start a new chat."
        )

    def _error_text(self, error: BackendError) -> str:
        if error.kind in CONNECTION_LOST:
            return self.tr(
                "Ollama stopped while answering. The part that arrived is kept; try again when it runs."
            )
        if error.kind is ErrorKind.BUSY:
            return self.tr("Ollama is busy with other questions. Wait a moment and try again.")
        return self.tr("The answer failed: %1").replace("%1", error_message(error))

    def show_context_full(self) -> None:
        self.show_text(
            lambda: self.tr(
                "This conversation is now longer than the model can read at once, so it no longer sees the "
                "oldest messages. Start a new chat for the best answers."
            )
        )

    def show_text(self, words: Callable[[], str]) -> None:
        """Any other message: `words` gives it in the current language (called again when that changes)."""
        self._set_note(_Note(words))

    # -- the server layer --------------------------------------------------------------------------
    def show_server(self, status: ConnectionStatus, can_start: bool) -> None:
        """The server went away (or is coming back): say so over any note, with the next steps."""
        state = status.state
        buttons = set()
        if state is ConnState.NOT_RUNNING and can_start:
            buttons.add("start")
        if state not in (ConnState.CONNECTING, ConnState.STARTING):
            buttons.add("reconnect")
        self._server = _Note(lambda: self._server_text(status), frozenset(buttons), detail=status.detail)
        self._render()

    def server_back(self) -> None:
        if self._server is not None:
            self._server = None
            self._render()

    def _server_text(self, status: ConnectionStatus) -> str:
        state = status.state
        if state is ConnState.STARTING:
            what = self.tr("Ollama is starting.")
        elif state is ConnState.CONNECTING:
            what = self.tr("Connecting to the server at %1.").replace("%1", status.host)
        elif state in REMOTE_GONE:
            what = self.tr("The server at %1 cannot be reached.").replace("%1", status.host)
        else:
            what = self.tr("Ollama stopped.")
        stays = self.tr(
            "The conversation stays here to read and copy. Questions can be sent once the server is back; "
            "PiAssist keeps trying."
        )
        return f"{what} {stays}"

    # -- drawing -----------------------------------------------------------------------------------
    def _set_note(self, note: _Note | None) -> None:
        self._note = note
        self._render()

    def _shown(self) -> _Note | None:
        return self._server or self._note

    def _shown_model(self) -> str:
        shown = self._shown()
        return shown.model if shown else ""

    def _render(self) -> None:
        shown = self._shown()
        if shown is None:
            self.hide()
            return
        self.retranslate_ui()
        self.text.setToolTip(shown.detail)
        for name, button in self.buttons.items():
            button.setVisible(name in shown.buttons)
        self.show()
