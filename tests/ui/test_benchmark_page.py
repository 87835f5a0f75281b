"""The Benchmark page over the fake server: a whole run, the chat held while it runs, cancel and what the
server held put back, a model that cannot run, the mark for the better answer, the advice's one click,
the export, the catalog's measured badge and the kiosk admin's way in."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from piassist.app import PiAssist
from piassist.core.benchmark.advice import Purpose
from piassist.core.chat_types import ChatChunk
from piassist.core.models import LoadedModel
from piassist.ui.benchmark.page import TAB_ADVICE, TAB_MEASURE, TAB_RESULTS, TAB_SIDE_BY_SIDE, BenchmarkPage
from piassist.ui.benchmark.results_table import Column
from piassist.ui.window.menus import PAGE_BENCHMARK, PAGE_CHAT, PAGE_GET
from tests.helpers.fakes import ChatRequest, FakeServer, answer
from tests.helpers.waiting import wait_until

UKRAINIAN = ["Столиця України — ", "Київ, місто на Дніпрі."]
ENGLISH = ["The capital of Ukraine ", "is Kyiv."]


def by_language(server: FakeServer) -> Callable[[ChatRequest], list[ChatChunk]]:
    """smollm2 answers in the task's language (and holds itself in memory); gemma3 always in English."""

    def script(request: ChatRequest) -> list[ChatChunk]:
        if not any(m.name == request.model for m in server.loaded):
            server.loaded.append(LoadedModel(request.model, 191_000_000, 0))
        question = request.messages[0].content if request.messages else ""
        ukrainian = request.model.startswith("smollm2") and any(c in question for c in "іїєґ")
        return answer(UKRAINIAN if ukrainian else ENGLISH)

    return script


def open_page(
    make_app: Callable[..., PiAssist], run: Callable[..., Any], language: str = "en"
) -> tuple[PiAssist, BenchmarkPage]:
    app = make_app(language)
    app.window.show_page(PAGE_BENCHMARK)
    app.window.show()
    app.start()
    page = app.window.benchmark.built_page()
    run(wait_until(lambda: page.measure.models_list.count() == 2 and app.connection.status.is_connected))
    return app, page


def run_all(app: PiAssist, page: BenchmarkPage, run: Callable[..., Any], qtbot: QtBot) -> None:
    qtbot.mouseClick(page.measure.start_button, Qt.MouseButton.LeftButton)
    run(wait_until(lambda: app.benchmark.running, timeout=5))
    run(
        wait_until(lambda: not app.benchmark.running and page.tabs.currentIndex() == TAB_RESULTS, timeout=30),
        timeout=35,
    )


def test_a_whole_run_fills_the_table_the_chart_the_answers_and_the_advice(
    make_app: Callable[..., PiAssist], run: Callable[..., Any], qtbot: QtBot, server: FakeServer
) -> None:
    server.chat_for = by_language(server)
    app, page = open_page(make_app, run)
    run_all(app, page, run, qtbot)
    model = page.table_model
    assert model.rowCount() == 20  # 2 models × 5 tasks × 2 languages
    requests = [r for r in server.chat_requests if r.messages]
    assert len(requests) == 20
    assert all(
        r.options is not None and r.options.to_options() == {"num_predict": 200, "seed": 42} for r in requests
    )
    # Every figure in the table is the final chunk's: answer() sends 3 chunks in 3 × 50 ms → 20 tokens/s.
    rates = {model.data(model.index(r, Column.ANSWER_RATE), Qt.ItemDataRole.UserRole) for r in range(20)}
    assert rates == {20.0}
    answered = {model.data(model.index(r, Column.ANSWERED_IN)) for r in range(20)}
    assert answered == {"in Ukrainian", "in English"}
    results = page.results
    assert results is not None and results.info.state == "complete"
    assert results.summary("smollm2:135m").ukrainian_answers == 5
    assert results.summary("gemma3:270m").ukrainian_answers == 0
    assert [g.model for g in page.chart.groups] == ["gemma3:270m", "smollm2:135m"]  # the library's order
    page.tabs.setCurrentIndex(TAB_SIDE_BY_SIDE)
    assert page.side_by_side.shown_task == ("short", "en")  # the interface's language first
    page.side_by_side.show_task("short", "uk")
    columns = page.side_by_side.columns
    assert [c.row.model for c in columns] == ["gemma3:270m", "smollm2:135m"]
    assert "Kyiv" in columns[0].transcript.toPlainText() and "Київ" in columns[1].transcript.toPlainText()
    page.tabs.setCurrentIndex(TAB_ADVICE)
    advice = {a.purpose: a.model for a in page.advice.advice}
    assert advice[Purpose.UKRAINIAN] == "smollm2:135m"
    assert page.run_box.count() == 1


def test_while_it_runs_nothing_else_asks_the_model_and_cancel_puts_back_what_was_loaded(
    make_app: Callable[..., PiAssist], run: Callable[..., Any], qtbot: QtBot, server: FakeServer
) -> None:
    server.loaded = [LoadedModel("gemma3:270m", 253_000_000, 0)]
    app, page = open_page(make_app, run)
    chat = app.chat
    chat_page = app.window.chat_page
    server.hold_after = 1  # the first answer waits half-way
    page.measure.start_button.click()
    run(wait_until(lambda: bool(server.chat_requests) and app.benchmark.running))
    assert app.connection.polls_held and chat.paused
    app.window.show_page(PAGE_CHAT)
    assert chat_page.notice.showing == "benchmark" and not chat_page.send_button.isEnabled()
    chat_page.composer.setPlainText("Привіт")
    assert not chat.send("Привіт", "smollm2:135m")
    assert chat_page.composer.toPlainText() == "Привіт"  # nothing lost
    app.window.show_page(PAGE_BENCHMARK)
    server.chat_requests.clear()
    page.measure.cancel_button.click()
    server.release_chat()
    run(wait_until(lambda: not app.benchmark.running))
    assert not app.connection.polls_held and not chat.paused
    assert chat_page.notice.showing == "" and chat_page.send_button.isEnabled()
    loads = [r for r in server.chat_requests if not r.messages]
    assert [r.model for r in loads] == ["gemma3:270m"]  # loaded again, for as long as it had: for ever
    assert loads[0].options is not None and loads[0].options.keep_alive == -1
    run(wait_until(lambda: app.benchmark.runs and app.benchmark.runs[0].state == "cancelled"))


def test_the_benchmark_waits_for_an_answer_the_chat_is_writing(
    make_app: Callable[..., PiAssist], run: Callable[..., Any], server: FakeServer
) -> None:
    app, page = open_page(make_app, run)
    server.hold_after = 1
    assert app.chat.send("Hello", "smollm2:135m")
    run(wait_until(lambda: bool(server.chat_requests)))
    page.measure.start_button.click()
    assert not app.benchmark.running and page.measure.notice.isVisible()
    assert "chat" in page.measure.notice.text()
    server.release_chat()
    run(wait_until(lambda: not app.chat.generating))


def test_a_model_that_cannot_run_is_a_line_not_a_crash(
    make_app: Callable[..., PiAssist], run: Callable[..., Any], qtbot: QtBot, server: FakeServer
) -> None:
    app, page = open_page(make_app, run)
    server.models = [m for m in server.models if m.name != "gemma3:270m"]  # gone since the list was read
    run_all(app, page, run, qtbot)
    failures = page.table_model.failure_rows()
    assert len(failures) == 1 and page.table_model.rowCount() == 11
    cell = page.table_model.index(failures[0], Column.TASK)
    line = page.table_model.data(cell, Qt.ItemDataRole.ToolTipRole)  # the row's cell is short; all of it here
    assert "gemma3:270m" in line and "not installed" in line
    assert 0 < len(page.table_model.data(cell)) < len(line)
    assert not page.failures.isHidden() and page.failures.text() == line  # beside the chart, in full
    assert page.table.columnSpan(failures[0], Column.TASK) == len(Column) - 1
    assert "gemma3:270m" in page.measure.notice.text()
    assert [(g.model, g.here) for g in page.chart.groups] == [("gemma3:270m", None), ("smollm2:135m", 20.0)]


def test_the_better_answer_is_kept_and_counts_in_the_advice(
    make_app: Callable[..., PiAssist],
    run: Callable[..., Any],
    qtbot: QtBot,
    server: FakeServer,
    tmp_path: Path,
) -> None:
    app, page = open_page(make_app, run)
    server.chat_for = lambda request: answer(
        ["```python\ndef f():\n    return 1\n```"] if "Python" in request.messages[0].content else ENGLISH
    )
    run_all(app, page, run, qtbot)
    page.tabs.setCurrentIndex(TAB_SIDE_BY_SIDE)
    page.side_by_side.show_task("code", "en")
    first = page.side_by_side.columns[0]
    assert first.row.model == "gemma3:270m"
    qtbot.mouseClick(first.better, Qt.MouseButton.LeftButton)
    run_id = page.results.info.id if page.results else 0
    run(
        wait_until(
            lambda: page.results is not None and page.results.marks.get(("code", "en")) == "gemma3:270m"
        )
    )
    stored = run(app.benchmark.results(run_id))
    assert stored.marks == {("code", "en"): "gemma3:270m"}
    assert {a.purpose: a.model for a in page.advice.advice}[Purpose.CODE] == "gemma3:270m"
    page.side_by_side.show_task("code", "en")
    assert (
        page.side_by_side.columns[0].better.isChecked()
        and not page.side_by_side.columns[1].better.isChecked()
    )

    # One click makes the advised model the chat's.
    page.tabs.setCurrentIndex(TAB_ADVICE)
    qtbot.mouseClick(page.advice.buttons[Purpose.CODE], Qt.MouseButton.LeftButton)
    assert app.library.current_model == "gemma3:270m" and app.window.nav.currentRow() == PAGE_CHAT

    # Saved as CSV from the page's Export menu, every row and the server's figures.
    target = tmp_path / "results.csv"
    page.csv_action.trigger()
    assert page.export_dialog is not None
    page.export_dialog.fileSelected.emit(str(target))
    run(wait_until(lambda: target.exists() and target.read_text(encoding="utf-8").count("\n") > 20))
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8"))))
    assert len(rows) == 20 and {r["Answer, tokens/s"] for r in rows} == {"20.0"}

    # A file that cannot be written: the page says why (in the Measure tab's message line), and the results
    # stay as they were.
    assert page.measure.notice.isHidden()
    page.export_dialog.reject()
    page.csv_action.trigger()
    page.export_dialog.fileSelected.emit(str(tmp_path / "no such folder" / "results.csv"))
    run(wait_until(lambda: not page.measure.notice.isHidden()))
    assert page.tabs.currentIndex() == TAB_MEASURE and page.measure.notice.text()
    assert page.results is not None and len(page.results.rows) == 20


def test_the_catalog_shows_what_was_measured_here(
    make_app: Callable[..., PiAssist], run: Callable[..., Any], qtbot: QtBot, server: FakeServer
) -> None:
    app, page = open_page(make_app, run)
    run_all(app, page, run, qtbot)
    app.window.show_page(PAGE_GET)
    table = app.window.get_models_page.table_model
    row = table.row_of("smollm2:135m")
    run(wait_until(lambda: table.measured(table.entry_at(row)) is not None))
    from piassist.ui.get_models.catalog_table import CatalogColumn

    assert "20.0 tokens/s here" in table.data(table.index(row, CatalogColumn.FIT))
    assert table.measured(table.entry_at(table.row_of("qwen2.5:0.5b"))) is None


def test_the_kiosk_admin_measures_and_chooses_the_visitors_model(
    make_app: Callable[..., PiAssist],
    run: Callable[..., Any],
    qtbot: QtBot,
    server: FakeServer,
    tmp_path: Path,
) -> None:
    from piassist.core.admin_pin import PinThrottle
    from piassist.core.file_keyring import FileKeyring
    from piassist.services.secret_store import SecretStore

    ring = FileKeyring(tmp_path / "secrets.json")
    app = make_app(
        kiosk=True,
        secrets=SecretStore(tmp_path / "secrets.json", backend=ring),
        pin_throttle=PinThrottle(tmp_path / "attempts.json"),
    )
    mode = app.kiosk_mode
    assert mode is not None and not app.window.menus.benchmark_action.isEnabled()  # no way in for visitors
    app.start()
    run(wait_until(lambda: app.connection.status.is_connected and len(app.library.models) == 2))
    mode._unlocked_for_admin()  # the right PIN was given
    run(wait_until(lambda: mode.admin_dialog is not None and mode.admin_dialog.isVisible()))
    admin = mode.admin_dialog
    assert admin is not None and admin.benchmark_button.isVisible()
    admin.benchmark_button.click()
    dialog = mode.benchmark_dialog
    assert dialog is not None and dialog.isVisible()
    run(wait_until(lambda: dialog.page.measure.models_list.count() == 2))
    run_all(app, dialog.page, run, qtbot)
    assert dialog.page.advice.buttons[Purpose.QUICK].text() == "Use for visitors"
    dialog.page.advice.buttons[Purpose.QUICK].click()
    assert not dialog.isVisible() and admin.model_box.currentData() in {"smollm2:135m", "gemma3:270m"}
