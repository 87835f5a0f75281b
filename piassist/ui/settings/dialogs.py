"""The two settings dialogs: the app's (language, thinking and the options new chats start with, the
instructions to the model, the empty chat's starting points) and one conversation's (its own instructions
and options)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QSize, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from piassist.core.starting_points import StartingPoint
from piassist.services.i18n import LANGUAGES, I18nService
from piassist.services.settings import APPEARANCES, SettingsService
from piassist.services.starting_points import StartingPointsService
from piassist.ui.common.retranslate import Retranslating
from piassist.ui.common.widgets import named
from piassist.ui.settings.chat_options_form import ChatOptionsForm
from piassist.ui.settings.starting_points_editor import StartingPointsEditor

if TYPE_CHECKING:
    from piassist.services.chat_session import ChatService


class _PromptEdit(QPlainTextEdit):
    def sizeHint(self) -> QSize:
        # A few lines by default (the Qt default is half a small screen); it grows with the dialog.
        return QSize(420, self.fontMetrics().lineSpacing() * 5 + 2 * self.frameWidth() + 8)


def fit_on_screen(dialog: QDialog) -> None:
    """No larger than the screen's free area: a Pi's 800×480 panel must show the dialog's buttons."""
    screen = dialog.screen().availableGeometry()
    hint = dialog.sizeHint()
    dialog.resize(min(max(hint.width(), 480), screen.width()), min(hint.height(), screen.height()))


class PromptBox(QGroupBox):
    """The instructions sent to the model before a conversation, with a way back to PiAssist's own."""

    def __init__(self, default: Callable[[], str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._default = default
        self.edit = named(_PromptEdit(), "systemPrompt")
        self.edit.setTabChangesFocus(True)
        self.edit.setMinimumHeight(self.fontMetrics().lineSpacing() * 2 + 12)
        self.restore = named(QPushButton(), "restorePrompt")
        self.restore.clicked.connect(lambda: self.edit.setPlainText(self._default()))
        self.hint = QLabel(wordWrap=True)
        row = QHBoxLayout()
        row.addWidget(self.hint, 1)
        row.addWidget(self.restore)
        layout = QVBoxLayout(self)
        layout.addWidget(self.edit, 1)
        layout.addLayout(row)

    def retranslate_ui(self, title: str) -> None:
        self.setTitle(title)
        self.edit.setAccessibleName(title)
        self.restore.setText(self.tr("Restore the default text"))
        self.hint.setText(self.tr("The model reads this before every question."))


STARTING_TAB = 2


class SettingsDialog(Retranslating, QDialog):
    """Language, thinking and what new chats start with; the instructions; the starting points (three
    tabs: a Pi's 480 px have no room for more than one of them)."""

    language_chosen = Signal(str)
    appearance_chosen = Signal(str)  # "system", "light" or "dark"
    accepted_values = Signal(
        dict, str
    )  # options chosen for new chats, the person's own prompt ("" for PiAssist's)
    think_default_chosen = Signal(bool)  # thinking in new chats: off or on
    starting_points_chosen = Signal(list)  # the empty chat's starting points in the interface language

    def __init__(
        self,
        language: str,
        defaults: dict[str, Any],
        own_prompt: str,
        builtin_prompt: Callable[[], str],
        parent: QWidget | None = None,
        *,
        appearance: str = "system",
        think: bool = True,
        points: list[StartingPoint] | None = None,
        default_points: Callable[[], list[StartingPoint]] = list,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("settingsDialog")
        self._builtin = builtin_prompt
        self._language_code = language
        self.language = named(QComboBox(), "languageChoice")
        for code, name in LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(language)))
        self._language_label = QLabel()
        self._language_label.setBuddy(self.language)
        self.appearance = named(QComboBox(), "appearanceChoice")
        for code in APPEARANCES:
            self.appearance.addItem("", code)
        self.appearance.setCurrentIndex(max(0, self.appearance.findData(appearance)))
        self._appearance_label = QLabel()
        self._appearance_label.setBuddy(self.appearance)
        self.think = named(QComboBox(), "thinkDefault")
        self.think.addItem("", False)
        self.think.addItem("", True)
        self.think.setCurrentIndex(1 if think else 0)
        self._think_label = QLabel()
        self._think_label.setBuddy(self.think)
        top = QFormLayout()
        top.addRow(self._language_label, self.language)
        top.addRow(self._appearance_label, self.appearance)
        top.addRow(self._think_label, self.think)

        self.options_group = QGroupBox()
        self.options = ChatOptionsForm()
        self.options.set_options(defaults)
        inner = QVBoxLayout(self.options_group)
        inner.addWidget(self.options)
        self.prompt = PromptBox(builtin_prompt)
        self.prompt.edit.setPlainText(own_prompt or builtin_prompt())
        self.starting = StartingPointsEditor(default_points)
        self.starting.set_points(points or [])
        self.starting_intro = QLabel(wordWrap=True)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok
            | QDialogButtonBox.StandardButton.Cancel
            | QDialogButtonBox.StandardButton.RestoreDefaults
        )
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        restore = self.buttons.button(QDialogButtonBox.StandardButton.RestoreDefaults)
        restore.clicked.connect(self._restore_defaults)
        general = QWidget()
        general_layout = QVBoxLayout(general)
        general_layout.addLayout(top)
        general_layout.addWidget(self.options_group)
        general_layout.addStretch(1)
        instructions = QWidget()
        QVBoxLayout(instructions).addWidget(self.prompt, 1)
        starting = QWidget()
        starting_layout = QVBoxLayout(starting)
        starting_layout.addWidget(self.starting_intro)
        starting_layout.addWidget(self.starting, 1)
        self.tabs = named(QTabWidget(), "preferencesTabs")
        for page in (general, instructions, starting):
            self.tabs.addTab(page, "")
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.buttons)
        self.retranslate_ui()
        fit_on_screen(self)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Preferences"))
        self.tabs.setTabText(0, self.tr("&General"))
        self.tabs.setTabText(1, self.tr("Instr&uctions"))
        self.tabs.setTabText(STARTING_TAB, self.tr("&Starting points"))
        self._language_label.setText(self.tr("&Language:"))
        self.language.setAccessibleName(self.tr("Language"))
        self._appearance_label.setText(self.tr("&Appearance:"))
        self.appearance.setAccessibleName(self.tr("Appearance"))
        names = {
            "system": self.tr("Follow the desktop"),
            "light": self.tr("Light"),
            "dark": self.tr("Dark"),
        }
        for index in range(self.appearance.count()):
            self.appearance.setItemText(index, names[str(self.appearance.itemData(index))])
        self._think_label.setText(self.tr("&Thinking in new chats:"))
        self.think.setAccessibleName(self.tr("Thinking in new chats"))
        self.think.setItemText(0, self.tr("Off: answer at once"))
        self.think.setItemText(1, self.tr("On: think first, where the model can"))
        self.think.setToolTip(
            self.tr("Each chat can change it beside the model; a model that cannot think is never asked to.")
        )
        self.options_group.setTitle(self.tr("New chats"))
        self.prompt.retranslate_ui(self.tr("Instructions for the model"))
        language = LANGUAGES.get(self._language_code, self._language_code)
        self.starting_intro.setText(
            self.tr("What an empty chat offers to start from, in %1. Each fills the question box.").replace(
                "%1", language
            )
        )

    def _restore_defaults(self) -> None:
        self.options.reset()  # the model's own values: nothing chosen
        self.prompt.edit.setPlainText(self._builtin())

    def _accept(self) -> None:
        if self.starting.problem() is not None:  # said in the tab; nothing typed is lost
            self.tabs.setCurrentIndex(STARTING_TAB)
            return
        text = self.prompt.edit.toPlainText().strip()
        own = "" if text == self._builtin().strip() else text
        self.accepted_values.emit(self.options.options(), own)
        self.appearance_chosen.emit(str(self.appearance.currentData()))
        self.think_default_chosen.emit(bool(self.think.currentData()))
        self.starting_points_chosen.emit(self.starting.points())
        self.language_chosen.emit(str(self.language.currentData()))
        self.accept()


class ConversationSettingsDialog(Retranslating, QDialog):
    """One conversation's own instructions and options; they apply from its next answer on."""

    accepted_values = Signal(str, dict)  # system prompt, the options chosen

    def __init__(
        self,
        system_prompt: str,
        options: dict[str, Any],
        default_prompt: Callable[[], str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("conversationSettingsDialog")
        self.intro = QLabel(wordWrap=True)
        self.prompt = PromptBox(default_prompt)
        self.prompt.edit.setPlainText(system_prompt)
        self.options = ChatOptionsForm()
        self.options.set_options(options)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.prompt, 1)
        layout.addWidget(self.options)
        layout.addWidget(self.buttons)
        self.retranslate_ui()
        fit_on_screen(self)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Settings for this chat"))
        self.intro.setText(self.tr("These apply to this conversation only, from its next answer on."))
        self.prompt.retranslate_ui(self.tr("Instructions for the model"))

    def _accept(self) -> None:
        self.accepted_values.emit(self.prompt.edit.toPlainText().strip(), self.options.options())
        self.accept()


def open_preferences(
    settings: SettingsService,
    i18n: I18nService,
    builtin_prompt: Callable[[], str],
    parent: QWidget,
    starting: StartingPointsService,
) -> SettingsDialog:
    """Preferences, opened over `parent` with what the settings hold now; OK saves them (the language
    applies at once)."""
    language = i18n.language
    dialog = SettingsDialog(
        language,
        settings.chat_defaults(),
        settings.system_prompt(language),
        builtin_prompt,
        parent,
        appearance=settings.appearance,
        think=settings.think_default,
        points=starting.points(language),
        default_points=lambda: starting.defaults(language),
    )

    def save(options: dict[str, Any], own_prompt: str) -> None:
        settings.replace_chat_defaults(options)  # the chosen ones only: the rest are no longer chosen
        settings.set_system_prompt(language, own_prompt)

    dialog.accepted_values.connect(save)
    dialog.appearance_chosen.connect(settings.set_appearance)
    dialog.think_default_chosen.connect(settings.set_think_default)
    dialog.starting_points_chosen.connect(lambda points: starting.set_points(language, points))
    dialog.language_chosen.connect(i18n.set_language)
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog


def open_conversation_settings(chat: ChatService, model: str, parent: QWidget) -> ConversationSettingsDialog:
    """ "Settings for this chat", opened over `parent` with what the open conversation has (for a new one:
    what it will start with) and `model`'s own values where nothing is chosen; OK applies them from its
    next answer on."""
    prompt, options = chat.conversation_settings()
    dialog = ConversationSettingsDialog(prompt, options, chat.default_system_prompt, parent)
    show_model_defaults(dialog.options, chat, model)
    dialog.accepted_values.connect(chat.set_conversation_settings)
    dialog.finished.connect(dialog.deleteLater)
    dialog.open()
    return dialog


def show_model_defaults(form: ChatOptionsForm, chat: ChatService, model: str) -> None:
    """The chat's model's own values in a settings form: what is known now, then what its Modelfile
    says once the server has told (asked once per model; a form closed before hears nothing)."""
    form.set_model_defaults(model, chat.model_defaults(model))
    chat.model_defaults_read.connect(form.set_model_defaults)
    chat.prepare(model)
