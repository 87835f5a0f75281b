"""Beside the model picker: how this chat's model thinks, as a small menu (Off / On, or the levels the
model offers: Off / Low / Medium / High), its current state on the button (a tick, or a level as dots).
Shown only when the chosen model can think; services/thinking.py decides what is sent. Keyboard: Tab to
it, Space opens the menu, the arrows and Enter choose."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMenu, QToolButton, QWidget

from piassist.core.thinking import Think, same
from piassist.services.chat_session import ChatService
from piassist.ui.chat.model_picker import ModelPicker
from piassist.ui.common.retranslate import Retranslating


def think_name(value: Think) -> str:
    """A choice as the menu names it; a level Ollama may add later is shown as the model names it."""
    translate = QCoreApplication.translate
    names = {
        False: translate("ThinkingToggle", "Off"),
        True: translate("ThinkingToggle", "On"),
        "low": translate("ThinkingToggle", "Low"),
        "medium": translate("ThinkingToggle", "Medium"),
        "high": translate("ThinkingToggle", "High"),
        "xhigh": translate("ThinkingToggle", "Very high"),
        "max": translate("ThinkingToggle", "Highest"),
    }
    if isinstance(value, bool):
        return names[value]
    return names.get(value, value)


class ThinkingToggle(Retranslating, QToolButton):
    def __init__(self, chat: ChatService, picker: ModelPicker, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("thinkingToggle")
        self._thinking, self._picker = chat.thinking, picker
        self._offered: tuple[Think, ...] = ()
        self.menu_ = QMenu(self)
        self.menu_.setObjectName("thinkingMenu")
        self._group = QActionGroup(self)
        self._group.setExclusive(True)
        self._group.triggered.connect(self._chosen)
        # Opened by a click or Space with popup(), not setMenu(): QToolButton would run the menu in a
        # nested event loop, which the asyncio loop (qasync) must not be run inside.
        self.clicked.connect(self.open_menu)
        self.setVisible(False)  # until the model is known to think
        self._thinking.changed.connect(lambda _value: self._show_state())
        self._thinking.available.connect(self._available)
        chat.conversation_opened.connect(lambda conversation, _messages: self._thinking.follow(conversation))
        picker.currentIndexChanged.connect(lambda _index: self._thinking.watch(picker.current_model()))
        picker.models_offered.connect(lambda _any: self._thinking.watch(picker.current_model()))
        self.retranslate_ui()

    @property
    def actions_(self) -> list[QAction]:
        """The menu's entries, in order (what the model offers)."""
        return self._group.actions()

    def current(self) -> Think:
        """What the button shows: the model's behaviour for this chat's choice."""
        return self._thinking.shown(self._picker.current_model())

    def open_menu(self) -> QMenu:
        """The menu under the button, the current state highlighted for the arrows and Enter."""
        current = next((a for a in self._group.actions() if a.isChecked()), None)
        self.menu_.popup(self.mapToGlobal(self.rect().bottomLeft()))
        if current is not None:
            self.menu_.setActiveAction(current)
        return self.menu_

    def choose(self, value: Think) -> None:
        self._thinking.set_choice(value)

    def retranslate_ui(self) -> None:
        self.setAccessibleName(self.tr("Thinking before answering"))
        self.menu_.setTitle(self.tr("Thinking"))
        for action in self._group.actions():
            action.setText(think_name(action.data()))
        self._show_state()

    def _available(self, model: str, values: tuple[Think, ...]) -> None:
        if model != self._picker.current_model():
            return
        if tuple(values) != self._offered:
            self._offered = tuple(values)
            for action in self._group.actions():
                self._group.removeAction(action)
                self.menu_.removeAction(action)
                action.deleteLater()
            for value in self._offered:
                action = QAction(think_name(value), self.menu_)
                action.setData(value)
                action.setCheckable(True)
                self._group.addAction(action)
                self.menu_.addAction(action)
        self.setVisible(bool(self._offered))
        self._show_state()

    def _short(self, state: Think) -> str:
        """The button's text, short: it shares the top row with the model picker on a Pi's 800 px. A tick
        for on; a level as dots among the model's levels (••·: the second of three)."""
        levels = [value for value in self._offered if isinstance(value, str)]
        if isinstance(state, str) and state in levels:
            place = levels.index(state) + 1
            return self.tr("Think") + " " + "•" * place + "·" * (len(levels) - place)
        if state is False:
            return self.tr("Think")
        return "✓ " + self.tr("Think") + ("" if state is True else f" ({think_name(state)})")

    def _chosen(self, action: QAction) -> None:
        self.choose(action.data())

    def _show_state(self) -> None:
        state = self.current()
        for action in self._group.actions():
            action.setChecked(same(action.data(), state))
        name = think_name(state)
        self.setText(self._short(state))
        self.setAccessibleDescription(name)
        if state is False:
            tip = self.tr("This model answers without thinking first: quicker. Open to let it think.")
        else:
            tip = self.tr("This model thinks before it answers: slower, often better. Open to change it.")
        tip = self.tr("Thinking: %1.").replace("%1", name) + " " + tip
        self.setToolTip(tip)
