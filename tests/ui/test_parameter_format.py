"""A model's parameter count in the interface's number format: the models table, its tooltip and the
details, in English and in Ukrainian (issue 19: "268.10M" with an English decimal point in Ukrainian)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import pytest
from PySide6.QtCore import Qt

from piassist.app import PiAssist
from piassist.ui.common import formatting
from piassist.ui.models.table import SORT_ROLE, Column
from piassist.ui.window.menus import PAGE_MODELS
from tests.helpers.fakes import FakeServer
from tests.helpers.waiting import wait_until


@pytest.mark.parametrize(
    ("language", "expected"),
    [("en", ["268.1M", "1.5B", "7B", "whatever"]), ("uk", ["268,1 млн", "1,5 млрд", "7 млрд", "whatever"])],
)
def test_parameters_in_the_interface_language(
    make_app: Callable[..., PiAssist], language: str, expected: list[str]
) -> None:
    app = make_app(language)
    shown = [formatting.parameters(text) for text in ("268.10M", "1.5B", "7B", "whatever")]
    assert shown == expected
    app.i18n.set_language("en")


def test_the_models_table_shows_the_local_format_and_sorts_by_the_count(
    make_app: Callable[..., PiAssist], run: Callable[..., object], server: FakeServer
) -> None:
    server.models = [
        replace(m, parameters=p) for m, p in zip(server.models, ("1.5B", "268.10M"), strict=True)
    ]
    app = make_app("uk")
    app.window.show_page(PAGE_MODELS)
    app.start()
    table = app.window.models_page.table_model
    run(wait_until(lambda: table.rowCount() == 2))
    rows = {
        table.index(r, Column.PARAMETERS).data(Qt.ItemDataRole.DisplayRole): table.index(
            r, Column.PARAMETERS
        ).data(SORT_ROLE)
        for r in range(2)
    }
    assert set(rows) == {"268,1 млн", "1,5 млрд"}
    assert rows["268,1 млн"] < rows["1,5 млрд"]  # by the count, not by the text ("2" after "1")
    app.i18n.set_language("en")
