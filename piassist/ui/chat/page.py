"""The chat page: conversations on the left; the model, the transcript, the composer and the gauge."""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QHideEvent, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from piassist.core.connection_state import ConnectionStatus
from piassist.core.errors import ErrorKind
from piassist.core.history.types import Conversation, Role, StoredMessage
from piassist.services.chat_request import ChatError
from piassist.services.chat_session import ChatService
from piassist.services.connection import ConnectionService
from piassist.services.model_library import ModelLibraryService
from piassist.services.system_monitor import SystemMonitorService
from piassist.ui.chat.answer_feed import AnswerFeed
from piassist.ui.chat.composer import Composer
from piassist.ui.chat.conversation_list import ConversationList
from piassist.ui.chat.export_dialog import ChatExport
from piassist.ui.chat.gauge import GaugeBar
from piassist.ui.chat.long_question import LongQuestions
from piassist.ui.chat.model_picker import ModelPicker
from piassist.ui.chat.notice import ChatNotice
from piassist.ui.chat.prompts import builtin_system_prompt
from piassist.ui.chat.starting_points import StartingPoints
from piassist.ui.chat.thinking_toggle import ThinkingToggle
from piassist.ui.chat.transcript_icons import ActionButton, Icon
from piassist.ui.chat.transcript_view import TranscriptView
from piassist.ui.common.announce import announce
from piassist.ui.common.retranslate import Retranslating
from piassist.ui.common.widgets import named
from piassist.ui.keyboard.keys import shown
from piassist.ui.keyboard.mnemonic_twins import keys_for
from piassist.ui.keyboard.shortcut_sheet import ShortcutEntry

if TYPE_CHECKING:
    from piassist.ui.settings.chat_options_form import ChatOptionsForm
    from piassist.ui.settings.dialogs import ConversationSettingsDialog


class ChatPage(Retranslating, QWidget):
    models_page_requested = Signal()
    get_model_requested = Signal(str)

    def __init__(
        self,
        chat: ChatService,
        library: ModelLibraryService,
        monitor: SystemMonitorService,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("chatPage")
        self._chat, self._library, self._monitor = chat, library, monitor
        self._editing = False
        self._server_down = False  # the server went away: the conversation stays, sending waits
        self.open_links = True  # a kiosk never opens links in answers

        self.conversations = ConversationList()
        self.model_box = ModelPicker(chat, library)
        self.model_label = QLabel()
        self.model_label.setBuddy(self.model_box)  # Alt and the label's underlined letter: the picker
        self.thinking_toggle = ThinkingToggle(chat, self.model_box)
        self.settings_button = named(QToolButton(), "chatSettings")
        self.settings_button.setText("⚙")
        self.settings_button.clicked.connect(self.open_chat_settings)
        self.regenerate_button = named(ActionButton(Icon.AGAIN), "regenerate")
        self.regenerate_button.clicked.connect(self._regenerate)
        self.edit_button = named(ActionButton(Icon.EDIT), "editQuestion")
        self.edit_button.clicked.connect(self._edit_last)
        top = QHBoxLayout()
        for widget in (self.model_label, self.model_box, self.settings_button, self.thinking_toggle):
            top.addWidget(widget)
        top.addStretch(1)
        top.addWidget(self.edit_button)
        top.addWidget(self.regenerate_button)

        self.notice = ChatNotice()
        self.notice.models_page_requested.connect(self.models_page_requested)
        self.notice.get_model_requested.connect(self.get_model_requested)
        self.notice.retry_requested.connect(self._regenerate)
        self.notice.new_chat_requested.connect(self.new_chat)
        self.notice.shorter_requested.connect(self._answer_shorter)
        self.transcript = TranscriptView()
        self.transcript.link_activated.connect(self._open_link)
        self.composer = Composer()
        self.starting = StartingPoints(self.composer)
        self.composer.send_requested.connect(self.send)
        self.composer.stop_requested.connect(self._stop_or_cancel_edit)
        self.send_button = named(QPushButton(), "sendOrStop")
        self.send_button.clicked.connect(self._send_or_stop)
        self.long = LongQuestions(chat, self.composer, self.current_model, self._send_now, self)
        bottom = QHBoxLayout()
        bottom.addWidget(self.composer, 1)
        bottom.addWidget(self.send_button, 0, Qt.AlignmentFlag.AlignBottom)
        self.gauge = GaugeBar()
        self.model_box.memory_changed.connect(self.gauge.set_model_memory)
        self.answers = AnswerFeed(chat, library, self.transcript, self.gauge, self)

        right = QWidget()
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        column.addLayout(top)
        column.addWidget(self.notice)
        column.addWidget(self.transcript, 1)
        column.addWidget(self.starting, 1)  # in the transcript's place while the chat is empty
        column.addWidget(self.long.chip)
        column.addLayout(bottom)
        column.addWidget(self.gauge)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(self.conversations)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([190, 600])
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter)
        self._set_tab_order()
        self.starting.buttons_changed.connect(self._set_tab_order)

        self.conversations.new_requested.connect(self.new_chat)
        self.conversations.open_requested.connect(chat.open_conversation)
        self.conversations.search_changed.connect(chat.search)
        self.conversations.rename_requested.connect(chat.rename)
        self.conversations.delete_requested.connect(chat.delete)
        self.exports = ChatExport(chat.exports, self.notice, self)  # Export as Markdown or JSON…
        self.conversations.export_requested.connect(self.exports.ask)
        chat.conversations_changed.connect(self.conversations.set_conversations)
        chat.conversation_opened.connect(self._show_conversation)
        chat.generating_changed.connect(self._update_buttons)
        chat.paused_changed.connect(self._update_buttons)  # a benchmark has the model
        chat.failed.connect(self._failed)
        chat.context_trimmed.connect(lambda fitted: self.notice.show_text(self.long.trimmed_words(fitted)))
        chat.context_nearly_full.connect(self.notice.show_context_full)
        self.model_box.models_offered.connect(self._models_offered)
        library.first_model_chosen.connect(self.notice.show_first_model)
        monitor.snapshot_changed.connect(self.gauge.set_snapshot)
        self.model_box.show_models(library.models)
        self.retranslate_ui()

    def _set_tab_order(self) -> None:
        """Down the left column, across the top row, the notice, the answer, the question (focus starts)."""
        chain = [
            self.conversations.new_button,
            self.conversations.search,
            self.conversations.list,
            self.model_box,
            self.settings_button,
            self.thinking_toggle,
            self.edit_button,
            self.regenerate_button,
            *self.notice.buttons.values(),
            self.transcript,
            *self.starting.buttons,
            self.composer,
            self.send_button,
        ]
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    # -- language ----------------------------------------------------------------------------------
    def retranslate_ui(self) -> None:
        self.model_label.setText(self.tr("&Model:"))
        self.model_box.setAccessibleName(self.tr("Model for this chat"))
        self.model_box.setAccessibleDescription(self.tr("The model that writes the answers in this chat"))
        self.regenerate_button.set_words(
            self.tr("Answer again"), self.tr("Write a new answer to the last question")
        )
        self.edit_button.set_words(
            self.tr("Edit question"), self.tr("Change the last question and ask it again")
        )
        self.settings_button.setToolTip(self.tr("Settings for this chat"))
        self.settings_button.setAccessibleName(self.tr("Settings for this chat"))
        self.settings_button.setAccessibleDescription(
            self.tr("Instructions, creativity and memory for this conversation only")
        )
        self.gauge.setAccessibleName(self.tr("Answer speed and this computer's figures"))
        # The model is asked to answer in the interface's language; settings can change the words.
        self._chat.set_builtin_system_prompt(builtin_system_prompt())
        self._update_buttons()
        self.answers.redraw()

    def showEvent(self, event: QShowEvent) -> None:
        self._monitor.start()
        self._library.set_watching(True, "chat")
        self._chat.start()
        self.composer.setFocus()
        super().showEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:
        self._monitor.stop()
        self._library.set_watching(False, "chat")
        super().hideEvent(event)

    # -- actions -----------------------------------------------------------------------------------
    def new_chat(self) -> None:
        self._chat.new_conversation()
        self.composer.setFocus()

    def focus_search(self) -> None:
        """Find: the search field of the conversation list, its text selected to be typed over."""
        self.conversations.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.conversations.search.selectAll()

    def stop_answer(self) -> None:
        """Esc, wherever the focus is in the window: stop the answer being written, keep what came."""
        if self._chat.generating:
            self._chat.stop()

    def keyboard_entries(self, section: str) -> list[ShortcutEntry]:
        """The keys the page's widgets take themselves (the shortcut sheet lists its actions too)."""

        def keys(*texts: str) -> str:
            return shown([QKeySequence(text) for text in texts])

        return [
            ShortcutEntry(section, self.tr("Send the question"), keys("Enter")),
            ShortcutEntry(section, self.tr("New line in the question"), keys("Shift+Enter")),
            ShortcutEntry(section, self.tr("Stop editing the last question"), keys("Esc")),
            ShortcutEntry(section, self.tr("Choose the model"), keys_for(self.model_label.text())),
            ShortcutEntry(section, self.tr("Rename the chosen conversation"), keys("F2")),
        ]

    def text_zoom_changed(self) -> None:
        """The transcript's font changed: its own small texts and marks are drawn again, once."""
        self.answers.redraw()

    def follow_server(self, connection: ConnectionService) -> None:
        """From now on: when the server is away, sending waits for it, and once it answered in this
        session the band says what happened, with Start Ollama and Try again."""
        self.notice.start_requested.connect(connection.start_ollama)
        self.notice.reconnect_requested.connect(connection.retry_now)

        def follow(status: ConnectionStatus) -> None:
            self._server_down = not status.is_connected
            if self._server_down and connection.reached:
                self.notice.show_server(status, connection.can_start_ollama())
            else:
                self.notice.server_back()
            self._update_buttons()

        connection.status_changed.connect(follow)
        follow(connection.status)

    def current_model(self) -> str:
        return self.model_box.current_model()

    def _send_or_stop(self) -> None:
        if self._chat.generating:
            self._chat.stop()
        else:
            self.send(self.composer.toPlainText())

    def send(self, text: str) -> None:
        """Ask `text` as the composer's Send does: checked first (server, model, length)."""
        if not text.strip() and not self.long.attachment:
            return
        if self._server_down:  # the question stays in the box until the server is back
            announce(self.notice, self._waiting_reason())
            return
        if not self.current_model():
            self.notice.show_no_models()
            return
        if self.long.check(text):  # else the warning is open; what is chosen there sends it or not
            self._send_now(text, self.long.attachment)

    def _send_now(self, text: str, attachment: str) -> None:
        model, chat = self.current_model(), self._chat
        if self._server_down or not model:
            return
        editing = self._editing
        sent = (
            chat.edit_last_question(text, model, attachment)
            if editing
            else chat.send(text, model, attachment)
        )
        if sent:
            self._editing = False
            self.composer.clear()
            self.long.drop()
            self.notice.clear()
            self.gauge.begin_waiting()

    def _stop_or_cancel_edit(self) -> None:
        if self._chat.generating:
            self._chat.stop()
        elif self._editing:
            self._editing = False
            self.composer.clear()
            self.long.drop()
            self._update_buttons()

    def _regenerate(self) -> None:
        if self._server_down:
            announce(self.notice, self._waiting_reason())
        elif self._chat.regenerate(self.current_model()):
            self.notice.clear()
            self.gauge.begin_waiting()

    def _answer_shorter(self) -> None:
        if not self._server_down and self._chat.answer_shorter(self.current_model()):
            self.notice.clear()
            self.gauge.begin_waiting()

    def _edit_last(self) -> None:
        question = next((m for m in reversed(self._chat.messages) if m.role is Role.USER), None)
        if question is None or self._chat.generating:
            return
        self._editing = True
        self.composer.setPlainText(self.long.take_back(question))
        self.composer.setFocus()
        self._update_buttons()

    def open_chat_settings(self) -> ConversationSettingsDialog:
        from piassist.ui.settings.dialogs import open_conversation_settings

        self.chat_settings_dialog = open_conversation_settings(self._chat, self.current_model(), self)
        return self.chat_settings_dialog

    def _open_link(self, url: QUrl) -> None:
        # A deliberate click on a link in an answer; only web and mail links reach here.
        if self.open_links:
            QDesktopServices.openUrl(url)

    # -- what the chat service says ----------------------------------------------------------------
    def _show_conversation(self, conversation: Conversation | None, messages: list[StoredMessage]) -> None:
        self.conversations.set_current(conversation.id if conversation else -1)
        self.answers.show(messages)
        self.notice.clear()
        self.gauge.clear()
        if conversation is not None and self.model_box.findData(conversation.model) >= 0:
            self.model_box.select(conversation.model)
            self._library.set_current_model(conversation.model)
        self._update_buttons()

    def _failed(self, failure: ChatError) -> None:
        if failure.error.kind is ErrorKind.MODEL_NOT_FOUND:
            self.notice.show_model_missing(failure.model)
        else:
            self.notice.show_error(failure.error)

    def for_visitors(self) -> None:
        """The chat as a kiosk offers it: links in answers never open, no conversation list, no chat
        settings, and only the models that run on the server itself (no cloud models)."""
        self.open_links = False
        self.conversations.hide()
        self.settings_button.hide()
        self.model_box.local_only = True

    def fix_model(self, name: str) -> None:
        """The one model the chat uses, its picker hidden; "" lets a person choose again."""
        self.model_box.fix(name)
        self.model_label.setVisible(not name)

    def _models_offered(self, any_model: bool) -> None:
        if not any_model and self._library.listed:
            self.notice.show_no_models()
        elif any_model and self.notice.about_no_models:
            self.notice.clear()
        self._update_buttons()

    def _waiting_reason(self) -> str:
        return self.tr("The server does not answer now: questions can be sent once it is back.")

    def _update_buttons(self) -> None:
        generating = self._chat.generating
        has_question = any(m.role is Role.USER for m in self._chat.messages)
        waiting = self._server_down and not generating
        self.send_button.setText(self.tr("Stop") if generating else self.tr("Send"))
        if generating:
            self.send_button.setToolTip(self.tr("Stop the answer (Esc)"))
        else:
            self.send_button.setToolTip(self._waiting_reason() if waiting else self.tr("Send (Enter)"))
        paused = self._chat.paused and not generating
        self.send_button.setEnabled(not waiting and not paused)
        self.regenerate_button.setEnabled(has_question and not (generating or self._server_down or paused))
        self.edit_button.setEnabled(has_question and not generating)
        self.model_box.setEnabled(not generating)
        empty = not self._chat.messages and not generating
        self.starting.setVisible(empty)
        self.transcript.setVisible(not empty)

    def show_model_defaults(self, form: ChatOptionsForm) -> None:
        """The chat's model's own values in a settings form (ui/settings/dialogs.py)."""
        from piassist.ui.settings.dialogs import show_model_defaults

        show_model_defaults(form, self._chat, self.current_model())
