from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from piassist.app import PiAssist
from piassist.core.errors import BackendError, ErrorKind
from piassist.core.models import LoadedModel
from piassist.ui.models.table import Column
from piassist.ui.window.menus import PAGE_MODELS
from tests.helpers.fakes import FakeServer, model
from tests.helpers.fresh_python import in_fresh_interpreter
from tests.helpers.waiting import wait_until


def open_models(make_app: Callable[..., PiAssist], run: Callable[..., Any], language: str = "en") -> PiAssist:
    app = make_app(language)
    app.window.show_page(PAGE_MODELS)
    app.window.show()
    app.start()
    run(
        wait_until(
            lambda: (
                app.window.current_page() is app.window.models_page
                and not app.library.busy
                and app.library.models is not None
                and app.connection.status.is_connected
            )
        )
    )
    return app


def cell(app: PiAssist, row: int, column: Column) -> str:
    proxy = app.window.models_page.proxy
    return str(proxy.index(row, column).data())


def test_table_shows_formatted_columns(
    make_app: Callable[..., PiAssist], server: FakeServer, run: Callable[..., Any]
) -> None:
    server.loaded = [LoadedModel("smollm2:135m", size=191_000_000, size_vram=0)]
    app = open_models(make_app, run)
    page = app.window.models_page
    run(wait_until(lambda: page.table_model.rowCount() == 2))
    assert cell(app, 0, Column.NAME).startswith("gemma3:270m")
    assert cell(app, 1, Column.SIZE) == "100.0 MB"
    assert cell(app, 0, Column.MODIFIED) == "3 days ago" or "days ago" in cell(app, 0, Column.MODIFIED)
    assert cell(app, 1, Column.MEMORY) == "191.0 MB" and cell(app, 0, Column.MEMORY) == "no"
    assert cell(app, 0, Column.FAMILY) == "gemma3" and cell(app, 1, Column.QUANTIZATION) == "Q4_0"
    assert page.count_label.text() == "2 models"


def test_sorts_by_size_not_by_text(
    make_app: Callable[..., PiAssist], server: FakeServer, run: Callable[..., Any]
) -> None:
    server.models = [model("a", 9_000_000), model("b", 10_000_000_000), model("c", 80_000_000)]
    app = open_models(make_app, run)
    page = app.window.models_page
    run(wait_until(lambda: page.table_model.rowCount() == 3))
    page.table.sortByColumn(Column.SIZE, Qt.SortOrder.DescendingOrder)
    assert [cell(app, r, Column.NAME).split(" ")[0] for r in range(3)] == ["b", "c", "a"]


def test_five_hundred_models(
    make_app: Callable[..., PiAssist], server: FakeServer, run: Callable[..., Any]
) -> None:
    server.models = [model(f"m{i:03d}:latest", 1000 + i) for i in range(500)]
    app = open_models(make_app, run)
    page = app.window.models_page
    run(wait_until(lambda: page.table_model.rowCount() == 500))
    assert page.count_label.text() == "500 models"
    assert cell(app, 499, Column.NAME).startswith("m499:latest")


def test_empty_state_tells_what_to_do(
    make_app: Callable[..., PiAssist], server: FakeServer, run: Callable[..., Any]
) -> None:
    server.models = []
    app = open_models(make_app, run)
    page = app.window.models_page
    run(wait_until(lambda: page.stack.currentWidget() is page.empty))
    assert page.empty_title.isVisible() and page.empty_get.isVisible()
    assert "ollama pull" not in page.empty_body.text()  # no terminal command: a button does it
    page.empty_get.click()
    assert app.window.current_page() is app.window.get_models_page
    get_page = app.window.get_models_page

    def offered() -> bool:
        entry = get_page.selected_entry()
        return entry is not None and entry.name == "qwen2.5:0.5b"

    run(wait_until(offered))
    app.window.show_page(PAGE_MODELS)
    assert page.count_label.text() == "0 models"
    server.models = [model("new:1b")]
    page.refresh_button.click()
    run(wait_until(lambda: page.stack.currentWidget() is page.table))


def test_refresh_with_f5_and_error_banner(
    make_app: Callable[..., PiAssist], server: FakeServer, run: Callable[..., Any], qtbot: QtBot
) -> None:
    app = open_models(make_app, run)
    page = app.window.models_page
    run(wait_until(lambda: page.table_model.rowCount() == 2))
    server.list_error = BackendError(ErrorKind.BAD_RESPONSE, "Expecting value: line 1 column 1")
    page.table.setFocus()
    qtbot.keyClick(page.table, Qt.Key.Key_F5)
    run(wait_until(page.error_label.isVisible))
    assert "does not understand" in page.error_label.text()
    assert page.error_label.toolTip() == "Expecting value: line 1 column 1"
    assert page.table_model.rowCount() == 2  # the last good list stays
    server.list_error = None
    qtbot.keyClick(page.table, Qt.Key.Key_F5)
    run(wait_until(lambda: not page.error_label.isVisible()))


def test_refresh_shows_its_busy_look_only_when_the_list_is_slow(
    make_app: Callable[..., PiAssist], server: FakeServer, run: Callable[..., Any], qtbot: QtBot
) -> None:
    app = open_models(make_app, run)
    page = app.window.models_page
    button, idle_text = page.refresh_button, page.refresh_button.text()
    enabled_changes: list[bool] = []
    button.installEventFilter(EnabledSpy(button, enabled_changes))

    # A quick read (the usual one: milliseconds) leaves the button as it was: no flash of "Refreshing…".
    qtbot.keyClick(page.table, Qt.Key.Key_F5)
    run(wait_until(lambda: server.calls.count("tags") == 2 and not app.library.busy))
    run(wait_until(lambda: not page.busy_look.isActive()))
    assert enabled_changes == [] and button.isEnabled() and button.text() == idle_text

    # A slow one shows it after BUSY_LOOK_AFTER_MS, and the button is back once the list is read.
    server.list_hold = asyncio.Event()
    qtbot.keyClick(page.table, Qt.Key.Key_F5)
    run(wait_until(lambda: not button.isEnabled(), timeout=5))
    assert app.library.busy and button.text() != idle_text
    server.list_hold.set()
    run(wait_until(button.isEnabled))
    assert button.text() == idle_text and not app.library.busy
    assert enabled_changes == [False, True]


class EnabledSpy(QObject):
    """Records the button's enabled state at each change of it."""

    def __init__(self, button: QPushButton, changes: list[bool]) -> None:
        super().__init__(button)
        self.button, self.changes = button, changes

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.EnabledChange:
            self.changes.append(self.button.isEnabled())
        return False


def test_enter_or_button_chooses_the_chat_model(
    make_app: Callable[..., PiAssist], run: Callable[..., Any], qtbot: QtBot
) -> None:
    app = open_models(make_app, run)
    page = app.window.models_page
    run(wait_until(lambda: page.table_model.rowCount() == 2))
    assert not page.use_button.isEnabled()
    page.table.selectRow(1)
    assert page.use_button.isEnabled()
    page.use_button.click()
    assert app.library.current_model == "smollm2:135m"
    assert cell(app, 1, Column.NAME) == "smollm2:135m ★"
    page.table.setFocus()
    page.table.setCurrentIndex(page.proxy.index(0, 2))
    qtbot.keyClick(page.table, Qt.Key.Key_Return)  # Enter on a row: keyboard users choose it so
    assert app.library.current_model == "gemma3:270m"
    assert app.settings.current_model == "gemma3:270m"


def test_narrow_window_folds_technical_columns_away(
    make_app: Callable[..., PiAssist], run: Callable[..., Any]
) -> None:
    app = open_models(make_app, run)
    page = app.window.models_page
    run(wait_until(lambda: page.table_model.rowCount() == 2))
    header = page.table.horizontalHeader()
    app.window.resize(1600, 900)
    run(wait_until(lambda: not header.isSectionHidden(Column.QUANTIZATION)))
    app.window.resize(640, 400)
    run(wait_until(lambda: header.isSectionHidden(Column.QUANTIZATION)))
    assert not header.isSectionHidden(Column.NAME) and not header.isSectionHidden(Column.MEMORY)
    shown = [c for c in Column if not header.isSectionHidden(c)]
    width = sum(header.sectionSize(c) for c in shown)
    assert width <= page.table.viewport().width()
    tooltip = str(page.proxy.index(0, Column.NAME).data(Qt.ItemDataRole.ToolTipRole))
    assert "gemma3" in tooltip and "Q4_0" in tooltip


FIT_PROBE = """
import json
from PySide6.QtGui import QStandardItemModel
from PySide6.QtWidgets import QApplication
import PySide6.QtWidgets as widgets
app = QApplication(["probe", "-platform", "offscreen"])
from piassist.ui.models.table_view import ModelsTableView
view = ModelsTableView()
view.setModel(QStandardItemModel(2, 6))
view.resize(640, 300)
view.show()
before = len(vars(widgets))
view.fit_columns()
after_fit = len(vars(widgets))
view.viewport()  # a plain QWidget made by Qt: PySide looks through every widget class it has
print(json.dumps([before, after_fit, len(vars(widgets))]))
"""


def test_fitting_the_columns_does_not_make_pyside_load_every_widget_class() -> None:
    # The first plain QWidget that Qt made and Python asks for (an item view's viewport) makes PySide6
    # load every widget class of QtWidgets, their enums with them: 0.7 MB of the idle app, and the models
    # table asked for one at each fit. The fit reads the header's width instead (it lies over the
    # viewport, as wide). In a fresh interpreter: nothing else in the process has loaded them yet.
    before, after_fit, after_viewport = in_fresh_interpreter(FIT_PROBE)
    assert after_fit - before < 5, f"the fit made PySide load {after_fit - before} widget classes"
    assert after_viewport > after_fit + 30, "the probe no longer sees the load: PySide6 changed"
