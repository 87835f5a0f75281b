"""The Benchmark page's screenshots for scripts/screenshots.py, against the real Ollama: a run going on,
and the results of one real run of both models (made once here, then found in each app's data folder as a
person's kept results would be): the table with the chart, the answers side by side, the advice."""

from __future__ import annotations

import asyncio
import os
import shutil
import tempfile
import time
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication

from piassist.app import PiAssist
from piassist.core.benchmark.store import FILE_NAME
from piassist.ui.benchmark.page import TAB_ADVICE, TAB_RESULTS, TAB_SIDE_BY_SIDE, BenchmarkPage
from piassist.ui.window.menus import PAGE_BENCHMARK

TOKENS = 64  # long enough for an answer worth reading side by side


def page_of(app: PiAssist) -> BenchmarkPage | None:
    return app.window.benchmark.page


def models_listed(app: PiAssist) -> bool:
    page = page_of(app)
    return page is not None and page.measure.models_list.count() == 2


def results_shown(app: PiAssist) -> bool:
    page = page_of(app)
    return page is not None and page.table_model.rowCount() > 0 and page.side_by_side.columns != []


async def real_run(qapp: QApplication, host: str) -> Path:
    """One real benchmark of both models, kept in a benchmarks.sqlite3 of its own."""
    folder = Path(tempfile.mkdtemp(prefix="piassist-shots-benchmark-", dir=os.environ.get("PIASSIST_HOME")))
    app = PiAssist(qapp, settings_path=folder / "settings.ini", language="en", host=host, data_dir=folder)
    # Shown, as every app here is: with no window on the screen Qt would end the loop (quit on the last
    # window closed), the one photographed before this having just closed.
    app.window.show()
    app.start()
    deadline = time.monotonic() + 60
    while not (app.connection.status.is_connected and len(app.library.models) == 2):
        if time.monotonic() > deadline:
            raise TimeoutError("the models were not listed")
        await asyncio.sleep(0.05)
    assert app.benchmark.start([m.name for m in app.library.models], "en", TOKENS) is None
    while app.benchmark.running:
        await asyncio.sleep(0.2)
    await app.aclose()
    app.window.close()
    app.window.deleteLater()
    return folder / FILE_NAME


RESULT_SHOTS = ("benchmark-results", "benchmark-side-by-side", "benchmark-advice")


async def benchmark_shots(
    qapp: QApplication, host: str, shoot: Callable[..., Awaitable[None]], only: set[str]
) -> None:
    """`only`: the names of the shots to take (none: all)."""

    def start(app: PiAssist) -> None:
        page = page_of(app)
        assert page is not None
        page.measure.length_box.setValue(TOKENS)
        page.measure.start_button.click()

    def under_way(app: PiAssist) -> bool:  # a few answers in: the time left is known
        page = page_of(app)
        return page is not None and app.benchmark.running and page.table_model.rowCount() >= 3

    await shoot(qapp, "benchmark-running", host, PAGE_BENCHMARK, models_listed, act=start, acted=under_way)
    if only and not only.intersection(RESULT_SHOTS):
        return
    kept = await real_run(qapp, host)

    def copy(folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copy(kept, folder / FILE_NAME)

    def tab(
        index: int, then: Callable[[BenchmarkPage, Any], None] | None = None
    ) -> Callable[[PiAssist], None]:
        def act(app: PiAssist) -> None:
            page = page_of(app)
            assert page is not None
            page.tabs.setCurrentIndex(index)
            if then is not None:
                then(page, app)

        return act

    def code_task(page: BenchmarkPage, app: PiAssist) -> None:
        page.side_by_side.show_task("code", app.i18n.language)

    acts = (tab(TAB_RESULTS), tab(TAB_SIDE_BY_SIDE, code_task), tab(TAB_ADVICE))
    for name, act in zip(RESULT_SHOTS, acts, strict=True):
        await shoot(
            qapp, name, host, PAGE_BENCHMARK, results_shown, act=act, acted=lambda _app: True, data=copy
        )
