"""The models page's management: delete with confirmation, details, unload now, time until unload."""

from __future__ import annotations

import itertools
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from piassist.app import PiAssist
from piassist.core.chat_types import ModelDetails
from piassist.core.errors import BackendError, ErrorKind
from piassist.core.models import LoadedModel
from piassist.ui.models.page import ModelsPage
from piassist.ui.models.table import Column
from tests.helpers.fakes import FakeServer, model
from tests.helpers.waiting import wait_until
from tests.ui.test_models_page import open_models


def ready_app(
    make_app: Callable[..., PiAssist], run: Callable[..., Any], rows: int = 2
) -> tuple[PiAssist, ModelsPage]:
    app = open_models(make_app, run)
    page = app.window.models_page
    run(wait_until(lambda: page.table_model.rowCount() == rows))
    return app, page


def ready_page(make_app: Callable[..., PiAssist], run: Callable[..., Any], rows: int = 2) -> ModelsPage:
    return ready_app(make_app, run, rows)[1]


def select(page: ModelsPage, name: str) -> None:
    for row in range(page.proxy.rowCount()):
        if page.proxy.index(row, 0).data(Qt.ItemDataRole.UserRole + 2) == name:
            page.table.selectRow(row)
            return
    raise AssertionError(f"{name} is not listed")


def cell(page: ModelsPage, row: int, column: Column) -> str:
    return str(page.proxy.index(row, column).data())


def names(page: ModelsPage) -> list[str]:
    return [
        str(page.proxy.index(r, Column.NAME).data()).removesuffix(" ★") for r in range(page.proxy.rowCount())
    ]


def button(box: QMessageBox, name: str) -> QPushButton:
    found = box.findChild(QPushButton, name)
    assert isinstance(found, QPushButton)
    return found


def test_delete_asks_first_and_cancel_keeps_the_model(
    make_app: Callable[..., PiAssist], server: FakeServer, run: Callable[..., Any], qtbot: QtBot
) -> None:
    page = ready_page(make_app, run)
    assert not page.delete_button.isEnabled() and page.confirm_delete() is None  # nothing selected
    select(page, "gemma3:270m")
    assert page.delete_button.isEnabled()
    page.delete_button.click()
    box = page.delete_box
    assert box is not None and box.isVisible()
    assert box.text() == "Delete gemma3:270m? This frees 253.0 MB on the disk."
    assert box.defaultButton() is box.escapeButton()  # Enter alone does not delete
    qtbot.keyClick(box, Qt.Key.Key_Escape)
    run(wait_until(lambda: page.delete_box is None))
    assert server.deleted == [] and "delete" not in server.calls
    assert names(page) == ["gemma3:270m", "smollm2:135m"]


def test_delete_key_then_confirm_removes_the_model_and_the_chat_falls_back(
    make_app: Callable[..., PiAssist], server: FakeServer, run: Callable[..., Any], qtbot: QtBot
) -> None:
    app, page = ready_app(make_app, run)
    app.library.set_current_model("smollm2:135m")
    select(page, "smollm2:135m")
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    box = page.delete_box
    assert box is not None and box.isVisible()
    assert box.text() == "Delete smollm2:135m? This frees 100.0 MB on the disk."
    button(box, "confirmDeleteButton").click()
    run(wait_until(lambda: names(page) == ["gemma3:270m"]))
    assert server.deleted == ["smollm2:135m"]
    assert app.library.current_model == "gemma3:270m" and cell_is_current(page, 0)
    assert page.count_label.text().startswith("1 model")
    assert not page.error_label.isVisible()
    assert page.selected_name() == "gemma3:270m"  # the row that took its place is selected
    assert page.delete_button.isEnabled()


def cell_is_current(page: ModelsPage, row: int) -> bool:
    return str(page.proxy.index(row, Column.NAME).data()).endswith(" ★")


def test_a_copy_sharing_the_files_frees_nothing(
    make_app: Callable[..., PiAssist], server: FakeServer, run: Callable[..., Any]
) -> None:
    original = model("smollm2:135m")
    server.models = [original, replace(original, name="mine:latest")]  # what `ollama cp` makes
    page = ready_page(make_app, run)
    select(page, "mine:latest")
    box = page.confirm_delete()
    assert box is not None
    assert box.text() == "Delete mine:latest? Its files stay on the disk: smollm2:135m uses them too."
    box.reject()


def test_a_failed_delete_shows_in_the_error_band(
    make_app: Callable[..., PiAssist], server: FakeServer, run: Callable[..., Any]
) -> None:
    page = ready_page(make_app, run)
    denied = "remove /models/blobs/x: permission denied"
    server.delete_error = BackendError(ErrorKind.SERVER_ERROR, denied, 500)
    select(page, "gemma3:270m")
    box = page.confirm_delete()
    assert box is not None
    button(box, "confirmDeleteButton").click()
    run(wait_until(page.error_label.isVisible))
    assert page.error_label.text() == "Could not delete gemma3:270m: the server reported an error."
    assert page.error_label.toolTip() == denied
    assert names(page) == ["gemma3:270m", "smollm2:135m"] and page.delete_button.isEnabled()
    server.delete_error = None
    box = page.confirm_delete()
    assert box is not None
    button(box, "confirmDeleteButton").click()  # trying again clears the old message
    run(wait_until(lambda: names(page) == ["smollm2:135m"]))
    assert not page.error_label.isVisible()


def test_details_dialog_shows_what_show_tells(
    make_app: Callable[..., PiAssist], server: FakeServer, run: Callable[..., Any], qtbot: QtBot
) -> None:
    server.details["gemma3:270m"] = ModelDetails(
        name="gemma3:270m",
        capabilities=("completion", "vision", "thinking", "tools"),
        context_length=32768,
        parameters='stop "<end_of_turn>"\ntemperature 1',
        template="{{ .Prompt }}",
        license="Gemma Terms of Use",
        family="gemma3",
        parameter_size="268.10M",
        quantization="Q8_0",
    )
    page = ready_page(make_app, run)
    select(page, "gemma3:270m")
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_D, Qt.KeyboardModifier.AltModifier)  # the button's mnemonic
    run(wait_until(lambda: page.details_dialog is not None))  # a mnemonic "animates" the click first
    dialog = page.details_dialog
    assert dialog is not None and dialog.isVisible()
    run(wait_until(lambda: dialog.details is not None))
    values = {key: label.text() for key, label in dialog.values.items()}
    assert values["family"] == "gemma3" and values["parameters"] == "268.1M"  # the locale's format
    assert values["quantization"] == "Q8_0"
    assert values["context"].startswith("32,768 token")
    assert values["capabilities"] == "completion, vision, thinking, tools"
    assert values["size"] == "253.0 MB"
    assert values["memory"].startswith("no")
    assert not dialog.status.isVisible()
    assert dialog.parameters_text.toPlainText() == 'stop "<end_of_turn>"\ntemperature 1'
    assert dialog.template_text.toPlainText() == "{{ .Prompt }}"
    assert dialog.license_text.toPlainText() == "Gemma Terms of Use"
    assert dialog.parameters_text.isReadOnly() and dialog.license_text.isReadOnly()
    assert [dialog.tabs.tabText(i) for i in range(4)] == ["Overview", "Settings", "Template", "License"]
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    run(wait_until(lambda: page.details_dialog is None))
    assert page.table_model.rowCount() == 2


def test_details_of_a_loaded_model_and_a_failure(
    make_app: Callable[..., PiAssist], server: FakeServer, run: Callable[..., Any]
) -> None:
    later = datetime.now(UTC) + timedelta(minutes=9, seconds=30)
    server.loaded = [LoadedModel("smollm2:135m", 191_000_000, 0, expires_at=later, context_length=4096)]
    page = ready_page(make_app, run)
    select(page, "smollm2:135m")
    dialog = page.open_details()
    assert dialog is not None
    run(wait_until(lambda: dialog.details is not None))
    assert dialog.values["memory"].text() == "191.0 MB"
    assert dialog.values["context_used"].text().startswith("4,096 token")
    assert dialog.values["unloads"].text().startswith("in 10 minute")
    assert dialog.values["capabilities"].text() == "completion"
    dialog.reject()
    run(wait_until(lambda: page.details_dialog is None))

    server.details.pop("gemma3:270m")  # Ollama answers 404 for it
    select(page, "gemma3:270m")
    dialog = page.open_details()
    assert dialog is not None
    run(wait_until(lambda: dialog.status.text().startswith("Could not")))
    assert dialog.status.text() == "Could not read the details: this model is not installed on the server."
    assert dialog.details is None and dialog.values["family"].text() == "gemma3"  # from the list
    assert not dialog.form.isRowVisible(dialog.values["unloads"])
    dialog.reject()


def test_unload_now_is_for_loaded_models_and_frees_the_memory(
    make_app: Callable[..., PiAssist], server: FakeServer, run: Callable[..., Any]
) -> None:
    later = datetime.now(UTC) + timedelta(minutes=4, seconds=30)
    server.loaded = [LoadedModel("smollm2:135m", 191_000_000, 0, expires_at=later)]
    app, page = ready_app(make_app, run)
    select(page, "gemma3:270m")
    assert not page.unload_button.isEnabled() and not page.unload_action.isEnabled()
    select(page, "smollm2:135m")
    assert page.unload_button.isEnabled() and page.unload_action.isEnabled()
    assert cell(page, 1, Column.MEMORY) == "191.0 MB"
    page.unload_button.click()
    assert not page.unload_button.isEnabled()  # while Ollama unloads it
    run(wait_until(lambda: cell(page, 1, Column.MEMORY) == "no"))
    assert "unload" in server.calls and server.loaded == []
    assert cell(page, 1, Column.UNLOADS) == ""
    run(wait_until(lambda: app.library.pending("smollm2:135m") is None))
    assert not page.unload_button.isEnabled()  # not loaded any more


def test_a_failed_unload_shows_in_the_error_band(
    make_app: Callable[..., PiAssist], server: FakeServer, run: Callable[..., Any]
) -> None:
    server.loaded = [LoadedModel("smollm2:135m", 191_000_000, 0)]
    page = ready_page(make_app, run)
    server.unload_error = BackendError(ErrorKind.BUSY, "server busy, please try again", 503)
    select(page, "smollm2:135m")
    page.unload_action.trigger()  # from the context menu
    run(wait_until(page.error_label.isVisible))
    assert page.error_label.text() == (
        "Could not unload smollm2:135m: the server is busy with other requests; try again in a moment."
    )
    assert page.unload_button.isEnabled()


def test_time_until_unload_in_words(
    make_app: Callable[..., PiAssist], server: FakeServer, run: Callable[..., Any]
) -> None:
    now = datetime.now(UTC)
    server.models = [model("a:1b"), model("b:1b"), model("c:1b"), model("d:1b")]
    server.loaded = [
        LoadedModel("a:1b", 1, 0, expires_at=now + timedelta(minutes=3, seconds=30)),
        LoadedModel("b:1b", 1, 0, expires_at=now + timedelta(microseconds=(2**63 - 1) // 1000)),  # -1
        LoadedModel("c:1b", 1, 0, expires_at=now - timedelta(seconds=1)),
    ]
    page = ready_page(make_app, run, rows=4)
    assert cell(page, 0, Column.UNLOADS).startswith("in 4 minute")
    assert cell(page, 1, Column.UNLOADS) == "stays loaded"
    assert cell(page, 2, Column.UNLOADS) == "unloading…"
    assert cell(page, 3, Column.UNLOADS) == ""
    tooltip = str(page.proxy.index(1, Column.UNLOADS).data(Qt.ItemDataRole.ToolTipRole))
    assert tooltip == "Ollama keeps this model in memory until Ollama stops."
    assert page.table_model.headerData(Column.UNLOADS, Qt.Orientation.Horizontal) == "Unloads"
    assert page._clock.isActive() and page._clock.interval() == 15000
    # The words count down by themselves (nothing new comes from the server): each second when close.
    server.loaded[0] = LoadedModel("a:1b", 1, 0, expires_at=datetime.now(UTC) + timedelta(seconds=2))
    page.refresh_button.click()
    run(wait_until(lambda: "second" in cell(page, 0, Column.UNLOADS)))
    assert page._clock.isActive() and page._clock.interval() == 1000
    run(wait_until(lambda: cell(page, 0, Column.UNLOADS) == "unloading…", timeout=5))


def test_every_action_by_keyboard_with_names(
    make_app: Callable[..., PiAssist], server: FakeServer, run: Callable[..., Any], qtbot: QtBot
) -> None:
    app, page = ready_app(make_app, run)
    chain = [page.refresh_button, page.table, page.use_button, page.details_button]
    chain += [page.unload_button, page.delete_button]
    for before, after in itertools.pairwise(chain):
        assert before.nextInFocusChain() is after or _next_focusable(before) is after
    actions = page.table.actions()
    assert [a.text() for a in actions] == ["Use for chat", "&Details…", "Unload &now", "De&lete…"]
    assert page.delete_action.shortcut().toString() == "Del"
    for widget in (page.details_button, page.unload_button, page.delete_button):
        assert widget.text() and widget.toolTip()
    assert page.table.accessibleName() == "Installed models"
    select(page, "gemma3:270m")
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    assert app.library.current_model == "gemma3:270m"  # Enter still chooses the chat model
    dialog = page.open_details()
    assert dialog is not None
    for text in (dialog.parameters_text, dialog.template_text, dialog.license_text):
        assert text.accessibleName() and text.tabChangesFocus()
    assert all(label.accessibleName() for label in dialog.values.values())
    dialog.reject()


def _next_focusable(widget: Any) -> Any:
    nxt = widget.nextInFocusChain()
    while nxt is not widget and not (nxt.focusPolicy() & Qt.FocusPolicy.TabFocus and nxt.isVisible()):
        nxt = nxt.nextInFocusChain()
    return nxt
