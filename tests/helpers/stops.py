"""The stops of a walk through the app: how to bring a running PiAssist to a screen a person sees.

Both walks reach their screens through these: the i18n tour (tests/i18n/tour.py, over the fake server:
every text translated and uncut) and the screenshots (scripts/screenshots.py, over the real Ollama:
what a person sees). A screen added to the app gets its stop here, once; each walk then decides what
to look at there. Every stop goes through the app's public interface, as a person's clicks would.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QDialog, QMessageBox

from piassist.app import PiAssist
from piassist.ui.connection.host_dialog import HostDialog
from piassist.ui.models.details_dialog import ModelDetailsDialog
from piassist.ui.models.page import ModelsPage
from piassist.ui.window.menus import PAGE_GET, PAGE_MODELS
from tests.helpers.fakes import PI4


def ask(app: PiAssist, text: str, model: str | None = None) -> None:
    """Type a question and press Send (with `model` chosen for the chat first)."""
    if model is not None:
        app.library.set_current_model(model)
    page = app.window.chat_page
    page.composer.setPlainText(text)
    page.send_button.click()


def models_page_with(app: PiAssist, name: str) -> ModelsPage:
    """The models page with this model's row selected (the model must be listed)."""
    app.window.show_page(PAGE_MODELS)
    page = app.window.models_page
    assert page.select(name), f"{name} is not listed"
    return page


def model_details(app: PiAssist, name: str) -> ModelDetailsDialog:
    dialog = models_page_with(app, name).open_details()
    assert dialog is not None
    return dialog


def delete_question(app: PiAssist, name: str) -> QMessageBox:
    box = models_page_with(app, name).confirm_delete()
    assert box is not None
    return box


def host_dialog(app: PiAssist) -> HostDialog:
    app.window.open_host_dialog()
    dialog = app.window.host_dialog
    assert dialog is not None
    return dialog


def catalog_on_a_pi4(app: PiAssist, selected: str) -> None:
    """The Get models page judging the catalog by a Pi 4's figures, with one model selected."""
    app.window.show_page(PAGE_GET)
    page = app.window.get_models_page
    page.table_model.set_machine(PI4)
    page.select(selected)


# The main window's dialogs, each opened as its menu entry or button does.
DIALOGS: dict[str, Callable[[PiAssist], QDialog]] = {
    "preferences": lambda app: app.window.open_settings_dialog(),
    "host": host_dialog,
    "shortcuts": lambda app: app.window.open_shortcut_sheet(),
    "chat-settings": lambda app: app.window.chat_page.open_chat_settings(),
}
