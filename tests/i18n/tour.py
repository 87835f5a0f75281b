"""A walk through the whole app over the fake server: every page and state, every dialog and menu.

`Tour(make_app, run, server, monkeypatch, tmp_path).scenes(language, size)` builds the app in one
language, its window at that size (800×480 by default), and yields a Scene at each stop while the app is
in that state: the chat waiting, streaming, after an error and after a finished answer (with reasoning,
a code block, the server's figures and a full-context notice; on a PC with the conversation list
dragged wider), the conversation's menu, its dialogs and Qt's file dialog,
the models page with a loaded model, its details (each tab) and the delete question, the Get models page
with a failed, a running and a waiting download and the "Download anyway" question, the Benchmark page
(a run going on, its results with a model that could not load, the answers side by side, the advice; and
over the kiosk's admin settings), Preferences, the
server address, About and the keyboard shortcuts, "no models yet", and the connection page when Ollama
is not running and when it is not installed. The status bar and the menu bar are part of every stop.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication, QMenu, QMessageBox, QTreeView, QWidget

from piassist.app import PiAssist
from piassist.core.chat_types import ChatChunk, GenerationStats
from piassist.core.connection_state import ConnState
from piassist.core.errors import BackendError, ErrorKind
from piassist.core.models import LoadedModel
from piassist.core.ollama import binary as ollama_binary
from piassist.core.system_stats import SystemSnapshot, ThrottleState
from piassist.services.pull_queue import PullState
from piassist.services.system_monitor import SystemMonitorService
from piassist.ui.chat.conversation_list import ID_ROLE
from piassist.ui.window.menus import PAGE_BENCHMARK, PAGE_CHAT, PAGE_GET, PAGE_MODELS
from tests.helpers import stops
from tests.helpers.fakes import FakeFit, FakeServer, answer
from tests.helpers.screens import SCREENS
from tests.helpers.waiting import wait_until

# The offscreen platform cannot grab the keyboard for a popup menu nor raise a window; harmless here.
OFFSCREEN_LIMITS = pytest.mark.qt_log_ignore(r"This plugin does not support (grabbing the keyboard|raise)")
GB = 1_000_000_000
PI_SCREEN = SCREENS["pi"]
# A Pi 4 with 4 GB, warm and slowed down: the gauge shows every figure it has.
SNAPSHOT = SystemSnapshot(
    ram_used=2_300_000_000,
    ram_total=4 * GB,
    swap_used=20_000_000,
    swap_total=100_000_000,
    soc_temp_c=81.2,
    throttled=ThrottleState(soft_temp_limit=True, throttled_occurred=True),
)
PC_SNAPSHOT = SystemSnapshot(ram_used=8 * GB, ram_total=32 * GB, swap_used=0, swap_total=0)
LONG_TEXT = "Рядок журналу: усе гаразд. " * 200  # beyond the room of the server's default 4,096 tokens
QUESTIONS = ("Розкажи казку", "Що таке Raspberry Pi?", "Привіт", "Покажи приклад коду")
# The benchmark's answers: SmolLM2 answers in the task's language, Gemma 3 cannot load (a memory limit).
BENCHMARK_UK = ["Столиця України — Київ, ", "місто на Дніпрі."]
BENCHMARK_EN = ["The capital of Ukraine ", "is Kyiv."]
THINKING = ["Людина просить ", "приклад коду."]
ANSWER = ["Ось приклад:\n\n", "```python\nprint('привіт')\n```\n\n", "Ось і все."]
# The last answer fills the context (the server's default, 4096 tokens): the chat says so above the
# transcript.
FULL_CONTEXT_STATS = GenerationStats(
    eval_count=52,
    eval_duration_ns=2_600_000_000,
    prompt_eval_count=4010,
    prompt_eval_duration_ns=4_000_000_000,
    load_duration_ns=1_200_000_000,
    total_duration_ns=7_900_000_000,
    done_reason="stop",
)
# What the fake server and the tour put on screen as data (model output, server errors for experts,
# model names and files): words in it are the server's, not the interface's.
DATA_TEXTS = (
    LONG_TEXT,
    *QUESTIONS,
    *THINKING,
    *ANSWER,
    "Hello, world!",
    "".join(BENCHMARK_EN),
    "model requires more system memory",
    "connection refused",
    "write: no space left on device",
    "incomplete chunked read",
    "401 Authorization Required",  # what a gateway (nginx) answers without the token
    'stop "<|im_end|>"',
    "{{ .Prompt }}",
)


@dataclass
class Scene:
    name: str
    app: PiAssist
    windows: list[QWidget] = field(default_factory=list)


def fake_monitor() -> SystemMonitorService:
    return SystemMonitorService(sampler=lambda: SNAPSHOT, interval=60.0)


def place(window: QWidget, size: tuple[int, int]) -> None:
    """The window at this size in the screen's corner, as on a Pi's panel or maximised on a monitor."""
    window.move(window.screen().geometry().topLeft())
    window.resize(*size)


class Tour:
    def __init__(
        self,
        make_app: Callable[..., PiAssist],
        run: Callable[..., Any],
        server: FakeServer,
        monkeypatch: pytest.MonkeyPatch,
        folder: Path,
    ) -> None:
        self.make_app, self.run, self.server, self.monkeypatch = make_app, run, server, monkeypatch
        self.folder = folder  # each app's history and downloads go in a folder of their own in here
        self.app: PiAssist | None = None

    def wait(self, predicate: Callable[[], object], timeout: float = 5.0) -> None:
        self.run(wait_until(lambda: bool(predicate()), timeout))

    # -- building --------------------------------------------------------------------------------------
    def open_app(self, language: str, size: tuple[int, int] = PI_SCREEN) -> PiAssist:
        """The app with a conversation-ready chat page, a loaded model and the fake machine figures. Each
        app starts from a fresh server and keeps its history and downloads in a folder of its own."""
        if self.app is not None:  # an earlier app in the same test: out of the way, its translators gone
            self.app.window.hide()
            self.app.i18n.set_language("en")
        server = self.server
        FakeServer.__init__(server)
        server.loaded = [
            LoadedModel(
                "smollm2:135m",
                191_000_000,
                0,
                expires_at=datetime.now(UTC) + timedelta(minutes=10, seconds=30),
                context_length=4096,
            )
        ]
        folder = Path(tempfile.mkdtemp(dir=self.folder))
        app = self.make_app(language, monitor=fake_monitor(), data_dir=folder, model_fit=FakeFit())
        self.app = app
        window = app.window
        place(window, size)
        window.show_page(PAGE_CHAT)
        window.show()
        app.start()
        page = window.chat_page
        self.wait(lambda: page.model_box.count() == 2 and app.connection.status.is_connected)
        page.model_box.setCurrentIndex(page.model_box.findData("smollm2:135m"))
        page.model_box.activated.emit(page.model_box.currentIndex())
        self.wait(lambda: app.monitor.snapshot is not None and page.gauge.ram_label.isVisible())
        return app

    def export_folder(self) -> Path:
        """Where the export dialog opens: a folder and a file of a few kilobytes in it."""
        folder = Path(tempfile.mkdtemp(prefix="export"))  # a short path, as a person's Documents is
        atexit.register(shutil.rmtree, folder, ignore_errors=True)  # not before: Qt still watches it
        (folder / "notes").mkdir()
        (folder / "answer.md").write_text("Ось і все.\n" * 1200, encoding="utf-8")
        return folder

    def ask(self, app: PiAssist, text: str) -> None:
        stops.ask(app, text)

    def finished_answer(self, app: PiAssist) -> None:
        """A full answer with reasoning, a code block and the server's figures, filling the context."""
        server, page = self.server, app.window.chat_page
        chunks = [ChatChunk(thinking=t) for t in THINKING] + [ChatChunk(content=c) for c in ANSWER]
        server.chat_script = [*chunks, ChatChunk(done=True, stats=FULL_CONTEXT_STATS)]
        self.ask(app, QUESTIONS[3])
        self.wait(lambda: not app.chat.generating and page.notice.isVisible())

    def stopped_answer(self, app: PiAssist) -> None:
        server = self.server
        server.chat_script, server.hold_after = answer(["Ось ", "казка", " про кота."]), 2
        self.ask(app, QUESTIONS[0])
        self.wait(lambda: app.window.chat_page.gauge.phase.value == "streaming")
        app.chat.stop()
        self.wait(lambda: not app.chat.generating)
        server.hold_after = None

    def failed_answer(self, app: PiAssist) -> None:
        server = self.server
        server.chat_script = answer(["Raspberry Pi — ", "це маленький комп'ютер."])
        server.chat_error = BackendError(ErrorKind.SERVER_ERROR, "incomplete chunked read")
        server.chat_error_after = 1
        self.ask(app, QUESTIONS[1])
        self.wait(lambda: not app.chat.generating and app.window.chat_page.notice.isVisible())
        server.chat_error = None

    def loaded_model_selected(self, app: PiAssist) -> None:
        window = app.window
        window.show_page(PAGE_MODELS)
        page = window.models_page
        self.wait(lambda: page.table_model.rowCount() == 2 and page.proxy.rowCount() == 2)
        stops.models_page_with(app, "smollm2:135m")
        self.wait(page.unload_button.isEnabled)

    def get_page_ready(self, app: PiAssist) -> None:
        window = app.window
        window.show_page(PAGE_GET)
        page = window.get_models_page
        app.pull_planner.read_machine()
        self.wait(lambda: page.table_model.machine is not None)
        page.select("qwen2.5:0.5b")

    def failed_download(self, app: PiAssist) -> None:
        server = self.server
        server.pull_error = BackendError(ErrorKind.DISK_FULL, "write: no space left on device")
        server.pull_error_after = 3
        app.pulls.enqueue("gemma3:1b")
        self.wait(lambda: app.pulls.jobs and app.pulls.jobs[-1].state is PullState.FAILED)
        server.pull_error = None

    def lived_in(self, language: str) -> PiAssist:
        """An app some use has gone into: a conversation with a stopped, a failed and a finished answer
        (figures under it and in the gauge, the full-context notice), the models page with a loaded model
        chosen and its details open, the Get models page with a failed download."""
        app = self.open_app(language)
        self.stopped_answer(app)
        self.failed_answer(app)
        self.finished_answer(app)
        self.loaded_model_selected(app)
        details = app.window.models_page.open_details()
        assert details is not None
        self.wait(lambda: details.details is not None)
        self.get_page_ready(app)
        self.failed_download(app)
        app.window.show_page(PAGE_CHAT)
        return app

    # -- the whole tour ----------------------------------------------------------------------------------
    def scenes(self, language: str, size: tuple[int, int] = PI_SCREEN) -> Iterator[Scene]:  # noqa: PLR0915
        app = self.open_app(language, size)
        window, server = app.window, self.server
        chat = window.chat_page

        def scene(name: str, *dialogs: QWidget) -> Scene:
            QApplication.processEvents()  # layouts settle
            return Scene(name, app, [window, *dialogs])

        # The empty chat with its starting points; then waiting for the first token, streaming, stopped,
        # failed, finished.
        self.wait(chat.starting.isVisible)
        yield scene("chat-empty")
        server.chat_script, server.hold_after = answer(["Ось ", "казка"]), 0
        self.ask(app, QUESTIONS[0])
        self.wait(lambda: chat.gauge.phase.value == "waiting" and app.chat.generating)
        yield scene("chat-waiting")
        app.chat.stop()
        self.wait(lambda: not app.chat.generating)
        server.hold_after = None
        self.stopped_answer(app)
        self.failed_answer(app)
        yield scene("chat-error")
        server.hold_after = 2
        self.ask(app, QUESTIONS[2])
        self.wait(lambda: chat.gauge.phase.value == "streaming")
        yield scene("chat-streaming")
        app.chat.stop()
        self.wait(lambda: not app.chat.generating)
        server.hold_after = None
        self.finished_answer(app)
        yield scene("chat")
        # On a PC (no temperature, no swap) the gauge is short; the conversation list dragged wider.
        chat.gauge.set_snapshot(PC_SNAPSHOT)
        QApplication.processEvents()  # the chat's smaller minimum width reaches the splitter
        sizes = chat.splitter.sizes()
        chat.splitter.moveSplitter(sum(sizes) // 2, 1)  # as a drag does; the chat keeps its minimum
        yield scene("chat-pc-wide-list")
        chat.splitter.setSizes(sizes)
        chat.gauge.set_snapshot(SNAPSHOT)

        # The conversation's menu and what it opens; the chat's own settings.
        self.wait(lambda: chat.conversations.list.count() == 1)
        item = chat.conversations.list.item(0)
        chat.conversations._menu(chat.conversations.list.visualItemRect(item).center())
        menu = next(w for w in QApplication.topLevelWidgets() if isinstance(w, QMenu) and w.isVisible())
        yield scene("chat-conversation-menu", menu)
        menu.close()
        menu.deleteLater()
        export = chat.exports.ask(int(item.data(ID_ROLE)), "markdown")  # Qt's own file dialog here
        export.setDirectory(str(self.export_folder()))  # a folder and a file: their type and size show
        files = export.findChild(QTreeView, "treeView")
        assert files is not None

        def listed() -> bool:
            model, root = files.model(), files.rootIndex()
            if model.canFetchMore(root):
                model.fetchMore(root)  # as the view asks when it is painted
            return model.rowCount(root) == 2

        self.wait(listed)
        yield scene("chat-export", export)
        export.reject()
        chat.conversations._confirm_delete(item)
        yield scene("chat-delete-conversation", chat.conversations.confirm_box)
        chat.conversations.confirm_box.reject()
        dialog = stops.DIALOGS["chat-settings"](app)
        yield scene("chat-settings", dialog)
        dialog.reject()

        # Ollama stops while the conversation is open: it stays, the band says so, Start and Try again.
        self.monkeypatch.setattr(ollama_binary, "find_ollama", lambda: "/usr/local/bin/ollama")
        server.go_down()
        self.wait(lambda: app.connection.status.state is ConnState.NOT_RUNNING and chat.notice.about_server)
        yield scene("chat-server-stopped")
        server.come_back()
        self.wait(lambda: app.connection.status.is_connected and not chat.notice.about_server)

        # A question too long for the model: the warning before it goes, then a long text attached.
        chat.composer.setPlainText(LONG_TEXT)
        chat.send(LONG_TEXT)
        assert chat.long.box is not None
        yield scene("chat-long-question", chat.long.box)
        chat.long.box.reject()
        self.wait(lambda: chat.long.box is None)
        chat.composer.clear()
        chat.long.attach(LONG_TEXT)
        yield scene("chat-attached-text")
        chat.long.drop()

        # The main window's dialogs.
        preferences = window.open_settings_dialog()
        yield scene("preferences", preferences)
        for tab in range(1, preferences.tabs.count()):  # the instructions, the starting points' editor
            preferences.tabs.setCurrentIndex(tab)
            yield scene(f"preferences-tab-{tab}", preferences)
        preferences.reject()
        dialog = stops.DIALOGS["host"](app)
        yield scene("host", dialog)
        dialog.reject()
        window.menus.about_action.trigger()
        about = next(b for b in window.findChildren(QMessageBox) if b.isVisible())
        yield scene("about", about)
        about.reject()
        about.deleteLater()
        sheet = stops.DIALOGS["shortcuts"](app)
        yield scene("shortcuts", sheet)
        sheet.reject()

        # The models page with a loaded model, its details and the delete question.
        self.loaded_model_selected(app)
        models = window.models_page
        yield scene("models")
        details = models.open_details()
        assert details is not None
        self.wait(lambda: details.details is not None)
        for tab in range(details.tabs.count()):
            details.tabs.setCurrentIndex(tab)
            yield scene(f"model-details-{tab}", details)
        details.reject()
        box = models.confirm_delete()
        assert box is not None
        yield scene("model-delete", box)
        box.reject()

        # Get models: the catalog, a failed, a running and a waiting download, "Download anyway".
        self.get_page_ready(app)
        get = window.get_models_page
        yield scene("get-models")
        self.failed_download(app)
        server.pull_hold_after = 4
        app.pulls.enqueue("qwen3:0.6b")
        app.pulls.enqueue("qwen2.5:0.5b")
        self.wait(lambda: app.pulls.active is not None and app.pulls.active.progress.fraction > 0)
        app.pulls.progress_changed.emit("qwen3:0.6b")
        yield scene("get-models-downloads")
        get.select("qwen2.5:7b")
        get.download_button.click()
        self.wait(lambda: get.confirm_box is not None)
        assert get.confirm_box is not None
        yield scene("download-anyway", get.confirm_box)
        get.confirm_box.reject()
        self.wait(lambda: get.confirm_box is None)
        for job in app.pulls.jobs:
            if job.state is PullState.FAILED:
                app.pulls.dismiss(job.name)
            else:
                app.pulls.cancel(job.name)
        server.release_pull()
        self.wait(lambda: not app.pulls.jobs)
        server.pull_hold_after = None

        yield from self.benchmark_scenes(app, scene)

        # No model installed yet.
        server.models, server.loaded = [], []
        app.library.refresh()
        window.show_page(PAGE_MODELS)
        self.wait(lambda: models.stack.currentWidget() is models.empty)
        yield scene("models-empty")
        window.show_page(PAGE_CHAT)
        self.wait(lambda: chat.notice.about_no_models)
        yield scene("chat-no-models")

        # Ollama not running (it is installed), on a page that needs it; then, at an address never
        # reached, not installed at all.
        self.monkeypatch.setattr(ollama_binary, "find_ollama", lambda: "/usr/local/bin/ollama")
        window.show_page(PAGE_MODELS)
        server.go_down()
        self.wait(lambda: app.connection.status.state is ConnState.NOT_RUNNING)
        page = window.connection_page
        self.wait(lambda: window.pages.currentWidget() is page)
        page.details_button.setChecked(True)
        yield scene("not-running")
        self.monkeypatch.setattr(ollama_binary, "find_ollama", lambda: None)
        app.connection.set_host(app.connection.host_text)
        self.wait(lambda: app.connection.status.state is ConnState.NOT_INSTALLED)
        yield scene("not-installed")
        window.show_page(PAGE_CHAT)

        # A server behind a gateway that wants a token: none given, then a wrong one saved.
        server.come_back()
        server.required_token = "right"
        self.wait(lambda: app.connection.status.state is ConnState.NEEDS_TOKEN)
        yield scene("needs-token")
        self.run(app.connection.set_token(app.connection.host_text, "wrong"))
        self.wait(lambda: app.connection.status.token_sent)
        yield scene("token-refused")
        window.open_host_dialog()
        host_dialog = window.host_dialog
        assert host_dialog is not None
        self.wait(host_dialog.keyring_note.text)
        yield scene("host-with-token", host_dialog)
        host_dialog.reject()
        yield from self.kiosk_scenes(language, size)

    def benchmark_scenes(self, app: PiAssist, scene: Callable[..., Scene]) -> Iterator[Scene]:
        """The Benchmark page: a run going on, then its results (the table over the chart, with a model that
        could not load), the answers side by side with one marked better, and the advice."""
        from piassist.ui.benchmark.page import TAB_ADVICE, TAB_MEASURE, TAB_RESULTS, TAB_SIDE_BY_SIDE

        server, window = self.server, app.window

        def by_language(request: Any) -> list[ChatChunk]:
            if request.model == "gemma3:270m":
                raise BackendError(
                    ErrorKind.NOT_ENOUGH_MEMORY,
                    "model requires more system memory (572 MiB) than is available (150 MiB)",
                    needed=600_000_000,
                    available=150_000_000,
                )
            if not request.messages:  # loading again what was in memory before
                return [ChatChunk(done=True)]
            ukrainian = any(c in request.messages[0].content for c in "іїєґ")
            return answer(BENCHMARK_UK if ukrainian else BENCHMARK_EN)

        server.chat_for, server.hold_after = by_language, 1
        window.show_page(PAGE_BENCHMARK)
        page = window.benchmark.built_page()
        self.wait(lambda: page.measure.models_list.count() == 2)
        page.tabs.setCurrentIndex(TAB_MEASURE)
        page.measure.start_button.click()
        self.wait(lambda: app.benchmark.running and bool(page.table_model.failure_rows()))
        yield scene("benchmark-running")
        server.release_chat()
        self.wait(lambda: not app.benchmark.running and page.tabs.currentIndex() == TAB_RESULTS, timeout=20)
        server.hold_after, server.chat_for = None, None
        yield scene("benchmark-results")
        page.tabs.setCurrentIndex(TAB_SIDE_BY_SIDE)
        page.side_by_side.columns[0].better.click()
        self.wait(lambda: page.results is not None and bool(page.results.marks))
        yield scene("benchmark-side-by-side")
        page.tabs.setCurrentIndex(TAB_ADVICE)
        yield scene("benchmark-advice")
        window.show_page(PAGE_CHAT)

    def kiosk_benchmark(self, mode: Any, scene: Callable[..., Scene]) -> Iterator[Scene]:
        """The benchmark over the kiosk's admin settings (the runs of the app before are not this one's)."""
        admin = mode.admin_dialog
        admin.benchmark_button.click()
        dialog = mode.benchmark_dialog
        assert dialog is not None
        self.wait(lambda: dialog.page.measure.models_list.count() == 2)
        yield scene("kiosk-benchmark", admin, dialog)
        dialog.reject()

    def kiosk_scenes(self, language: str, size: tuple[int, int]) -> Iterator[Scene]:  # noqa: PLR0915
        """The kiosk: its welcome screen, a visitor's answer, the PIN after a wrong one, the first-start
        PIN and the admin settings as they read with the file-backed keyring."""
        from piassist.core.admin_pin import PinThrottle
        from piassist.core.file_keyring import FileKeyring
        from piassist.services.secret_store import SecretStore

        if self.app is not None:
            self.app.window.hide()
            self.app.i18n.set_language("en")
        FakeServer.__init__(self.server)
        folder = Path(tempfile.mkdtemp(dir=self.folder))
        ring = FileKeyring(folder / "secrets.json")
        throttle = PinThrottle(folder / "attempts.json")
        app = self.make_app(
            language,
            monitor=fake_monitor(),
            data_dir=folder,
            kiosk=True,
            secrets=SecretStore(folder / "secrets.json", backend=ring),
            pin_throttle=throttle,
        )
        self.app = app
        mode, window = app.kiosk_mode, app.window
        assert mode is not None
        place(window, size)
        app.start()
        self.wait(lambda: mode.setup_dialog is not None and app.connection.status.is_connected)

        def scene(name: str, *dialogs: QWidget) -> Scene:
            QApplication.processEvents()
            return Scene(name, app, [window, *dialogs])

        setup = mode.setup_dialog
        assert setup is not None
        setup.first.setText("1234")
        setup.second.setText("4321")
        setup.save()
        yield scene("kiosk-pin-setup", setup)
        setup.second.setText("1234")
        setup.save()
        self.wait(lambda: mode.setup_dialog is None)
        yield scene("kiosk-welcome")
        mode.show_chat()
        self.server.chat_script = answer(ANSWER)
        self.ask(app, QUESTIONS[3])
        self.wait(lambda: not app.chat.generating and len(app.chat.messages) == 2)
        yield scene("kiosk-chat")
        pin = mode.request_pin(mode.leave)
        pin.edit.setText("9999")
        pin.try_pin()
        self.wait(lambda: "9999" not in pin.edit.text() and not pin.ok_button.isEnabled())
        yield scene("kiosk-pin-wrong", pin)
        pin.reject()
        throttle.succeeded()  # the wrong PIN's wait is over
        pin = mode.request_admin()
        pin.edit.setText("1234")
        pin.try_pin()
        self.wait(lambda: mode.admin_dialog is not None and mode.admin_dialog.isVisible())
        assert mode.admin_dialog is not None
        yield scene("kiosk-admin", mode.admin_dialog)
        yield from self.kiosk_benchmark(mode, scene)
        mode.admin_dialog.tabs.setCurrentIndex(1)  # its own welcome text and tasks
        yield scene("kiosk-admin-welcome", mode.admin_dialog)
        mode.admin_dialog.reject()
        mode.leave()
