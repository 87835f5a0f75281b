#!/usr/bin/env python3
"""Screenshots of PiAssist in a real window (run under Xvfb by scripts/screenshots.sh), against the real
Ollama: every page and state we show people, in English and Ukrainian, at 800×480 and 1920×1080 (the
Benchmark page's: scripts/benchmark_shots.py).

Writes docs/screenshots/<name>-<lang>-<size>.png. Names as arguments take only those shots.

Under Wayland (scripts/screenshots_wayland.py runs this in a headless sway as an ordinary user, with
PIASSIST_SHOTS_SESSION=wayland, the server it started in PIASSIST_SHOTS_HOST and a folder of its own in
PIASSIST_SHOTS_OUT) the output is set to each size in turn and photographed by grim, as the compositor
shows it: docs/screenshots/<name>-wayland-<lang>-<size>.png. The shots that need servers of their own
(pulling, not-installed) are X11's only.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
os.environ["PIASSIST_HOME"] = tempfile.mkdtemp(prefix="piassist-shots-")

import ollama  # noqa: E402
import qasync  # noqa: E402
from PySide6.QtCore import Qt, QUrl  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from piassist.app import PiAssist  # noqa: E402
from piassist.core.admin_pin import hash_pin  # noqa: E402
from piassist.core.connection_state import ConnState  # noqa: E402
from piassist.core.file_keyring import FileKeyring  # noqa: E402
from piassist.core.ollama.backend import Backend  # noqa: E402
from piassist.services.connection import BackendFactory, ollama_backend_factory  # noqa: E402
from piassist.services.kiosk import PIN_KEY  # noqa: E402
from piassist.services.secret_store import SERVICE, SecretStore  # noqa: E402
from piassist.ui.window.main_window import Lock, WindowLock  # noqa: E402
from piassist.ui.window.menus import PAGE_CHAT, PAGE_GET, PAGE_MODELS  # noqa: E402
from scripts import harness  # noqa: E402
from scripts.benchmark_shots import benchmark_shots  # noqa: E402
from scripts.registry import LoopbackRegistry  # noqa: E402
from scripts.scripted_answer import ANSWERS, HOW_TO, THINKING, ScriptedAnswers  # noqa: E402
from scripts.token_gateway import TokenGateway  # noqa: E402
from tests.helpers import stops  # noqa: E402

OUT = Path(os.environ.get("PIASSIST_SHOTS_OUT") or ROOT / "docs" / "screenshots")
SESSION = os.environ.get("PIASSIST_SHOTS_SESSION", "")  # "wayland": the compositor's own pictures
EXTERNAL_HOST = os.environ.get("PIASSIST_SHOTS_HOST", "")
SIZES = [(800, 480), (1920, 1080)]
LANGUAGES = ["en", "uk"]
ONLY = set(sys.argv[1:])  # names of the shots to take; none: all of them


async def until(predicate: Callable[[], bool], timeout: float = 20.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise TimeoutError("the app did not reach the state to photograph")
        await asyncio.sleep(0.05)


Ready = Callable[[PiAssist], bool]


Act = Callable[[PiAssist], None]
QUESTIONS = {
    "en": "Show a markdown table with two columns, Board and RAM, for Raspberry Pi 4 and Raspberry Pi 5. "
    "Then write a three-line Python example in a code block.",
    "uk": "Покажи таблицю markdown з двома стовпцями, Плата і ОЗП, для Raspberry Pi 4 і Raspberry Pi 5. "
    "Потім напиши приклад на Python у три рядки в блоці коду.",
}


Frame = Callable[[PiAssist], QWidget]
# A log pasted as a question (200 times this, about 35,000 characters: far beyond the chat's context).
LONG_TEXTS = {
    "en": "2026-12-04 21:07:07 piassist.services.connection: connected to Ollama 0.24.0 at 127.0.0.1:11434\n"
    "2026-12-04 21:07:09 piassist.services.chat_session: answer 12 ended: interrupted\n",
    "uk": "2026-12-04 21:07:07 Підключення до Ollama 0.24.0 за адресою 127.0.0.1:11434 встановлено\n"
    "2026-12-04 21:07:09 Відповідь 12 перервано: сервер зупинився посеред відповіді\n",
}
ATTACHED_QUESTION = {"en": "What went wrong here?", "uk": "Що тут пішло не так?"}


async def shoot(
    qapp: QApplication,
    name: str,
    host: str,
    page: int,
    ready: Ready,
    *,
    act: Act | None = None,
    acted: Ready | None = None,
    frame: Frame | None = None,
    factory: BackendFactory | None = None,
    fresh_host: Callable[[], str] | None = None,
    kiosk: bool = False,
    data: Callable[[Path], None] | None = None,
    dark: bool = False,
) -> None:
    if ONLY and name not in ONLY:
        return
    for lang in LANGUAGES:
        for width, height in SIZES:
            set_screen(width, height)
            settings = Path(os.environ["PIASSIST_HOME"]) / f"{name}-{lang}-{width}.ini"
            extra = kiosk_options(settings) if kiosk else {}
            if data is not None:  # files the app finds in its data folder (kept benchmark results)
                data(settings.with_suffix(""))
            if dark:  # chosen in Preferences: the app in its dark palette, whatever this X server's is
                settings.write_text("[ui]\nappearance=dark\n")
            app = PiAssist(
                qapp,
                settings_path=settings,
                language=lang,
                host=fresh_host() if fresh_host else host,
                data_dir=settings.with_suffix(""),
                **({"backend_factory": factory} if factory else {}),
                **extra,
            )
            window = app.window
            window.show_page(page)
            window.setMinimumSize(0, 0)
            window.resize(width, height)
            window.move(0, 0)
            window.show()
            app.start()
            if kiosk and SESSION != "wayland":
                # The kiosk fills the screen; this X screen is 1920×1080, so for 800×480 the window is
                # let out of full screen and given the panel's size (what full screen is on that panel).
                assert app.kiosk_mode is not None
                window.lock_with(PanelLock(app.kiosk_mode))
                app.kiosk_mode.guard.stop()  # it would put the window back over the whole screen
                window.setWindowState(Qt.WindowState.WindowNoState)
                window.resize(width, height)
                window.move(0, 0)
            await until(lambda a=app: ready(a))
            if act is not None and acted is not None:
                act(app)
                await until(lambda a=app: acted(a), timeout=60)
            elif act is not None:
                act(app)
                try:
                    await until(lambda a=app: not a.chat.generating, timeout=60)
                except TimeoutError:  # a tiny model can ramble on: stop it, as a person would
                    app.chat.stop()
                    await until(lambda a=app: not a.chat.generating)
            await asyncio.sleep(0.4)  # let layouts settle and the window paint
            target = OUT / f"{name}{f'-{SESSION}' if SESSION else ''}-{lang}-{width}x{height}.png"
            shown = frame(app) if frame is not None else window
            await photograph(qapp, window, shown, (width, height), target)
            print(target.name)
            if app._chat is not None:
                app.chat.stop()
            await app.aclose()
            window.close()
            window.deleteLater()
            app.i18n.set_language("en")


class PanelLock:
    """The kiosk's lock, except that the window may leave full screen: an 800×480 shot on this 1920×1080
    X screen gives the window the panel's size instead (what full screen is on that panel)."""

    def __init__(self, kiosk: WindowLock) -> None:
        self.kiosk = kiosk

    def allows(self, what: Lock) -> bool:
        return self.kiosk.allows(what)

    def close_allowed(self) -> bool:
        return self.kiosk.close_allowed()

    def window_state_changed(self) -> None:
        pass

    def window_hidden(self) -> None:
        pass


def set_screen(width: int, height: int) -> None:
    """Under Wayland the screen is set to each size, and the window fills it (sway tiles it)."""
    if SESSION == "wayland":
        command = ["swaymsg", "output", "HEADLESS-1", "resolution", f"{width}x{height}"]
        subprocess.run(command, check=True, capture_output=True)


async def photograph(
    qapp: QApplication, window: QWidget, photographed: QWidget, size: tuple[int, int], target: Path
) -> None:
    """The window, or a dialog over it as a person sees it; under Wayland what the compositor shows."""
    if SESSION == "wayland":
        await asyncio.sleep(0.3 if photographed is not window else 0)
        subprocess.run(["grim", "-t", "png", str(target)], check=True)
    elif photographed is not window:
        await asyncio.sleep(0.3)
        qapp.primaryScreen().grabWindow(0, 0, 0, *size).save(str(target))
    else:
        window.grab().save(str(target))


def kiosk_options(settings: Path) -> dict[str, object]:
    """A kiosk with its admin PIN already set (in a file keyring of its own) and the demo model fixed."""
    folder = settings.with_suffix("")
    folder.mkdir(parents=True, exist_ok=True)
    ring = FileKeyring(folder / "secrets.json")
    ring.set_password(SERVICE, PIN_KEY, hash_pin("1234"))
    settings.write_text(f"[kiosk]\nmodel={harness.DEMO_MODEL}\n")
    return {"kiosk": True, "secrets": SecretStore(folder / "secrets.json", backend=ring)}


async def main(qapp: QApplication) -> None:  # noqa: PLR0915 - one shot after another
    OUT.mkdir(parents=True, exist_ok=True)
    home = Path(os.environ["PIASSIST_HOME"])
    binary: Path | None = None
    server: harness.OllamaServer | None = None
    if EXTERNAL_HOST:
        host = EXTERNAL_HOST
    else:
        binary = harness.ollama_binary()
        os.environ["PATH"] = f"{binary.parent}{os.pathsep}{os.environ['PATH']}"
        store = harness.private_store(home / "models")
        server = harness.OllamaServer(binary, store, log_path=home / "serve.log").start()
        host = server.host
    try:
        client = ollama.AsyncClient(host=f"http://{host}")  # load the demo model, so "In memory" has a figure
        await client.chat(
            model=harness.DEMO_MODEL, messages=[{"role": "user", "content": "Hi"}], options={"num_predict": 2}
        )
        await client.close()

        def models_listed(app: PiAssist) -> bool:
            return app.window.models_page.table_model.rowCount() == len(harness.MODELS)

        await shoot(qapp, "models", host, PAGE_MODELS, models_listed)

        def first_model_chosen(app: PiAssist) -> bool:  # a first start: the instruct model, not the base one
            return app.window.chat_page.current_model() == harness.DEMO_MODEL == app.library.current_model

        await shoot(qapp, "first-start", host, PAGE_CHAT, first_model_chosen)

        def kiosk_ready(app: PiAssist) -> bool:
            return app.kiosk is not None and app.kiosk.offline_ready

        await shoot(qapp, "kiosk-welcome", host, PAGE_CHAT, kiosk_ready, kiosk=True)

        def details(app: PiAssist) -> QWidget:
            return stops.model_details(app, harness.DEMO_MODEL)

        def delete_box(app: PiAssist) -> QWidget:
            return stops.delete_question(app, harness.DEMO_MODEL)

        await shoot(qapp, "model-details", host, PAGE_MODELS, models_listed, frame=details)
        await shoot(qapp, "model-delete", host, PAGE_MODELS, models_listed, frame=delete_box)

        def ask(app: PiAssist) -> None:
            stops.ask(app, QUESTIONS[app.i18n.language], harness.DEMO_MODEL)

        await shoot(qapp, "chat", host, PAGE_CHAT, models_listed, act=ask)
        await shoot(qapp, "chat-dark", host, PAGE_CHAT, models_listed, act=ask, dark=True)
        scripted: list[ScriptedAnswers] = []
        shown: list[str] = ["en"]  # the language of the app being photographed
        script: list[dict[str, str]] = [ANSWERS]  # the prepared answers of the picture being taken
        holding = [True]  # the answer is still being written when the picture is taken
        thinks = [False]  # the model says it can think: the thinking switch shows
        question = [QUESTIONS]

        async def scripted_factory(host_url: str, token: str | None = None) -> Backend:
            real = await ollama_backend_factory(host_url, token)
            backend = ScriptedAnswers(real, lambda: script[0][shown[0]], hold=holding[0], thinks=thinks[0])
            scripted.append(backend)
            return backend

        def ask_scripted(app: PiAssist) -> None:
            shown[0] = app.i18n.language
            stops.ask(app, question[0][app.i18n.language], harness.DEMO_MODEL)

        def nearly_written(app: PiAssist) -> bool:  # the table and the code are in; the list is coming
            return bool(scripted) and scripted[-1].total > 0 and scripted[-1].sent >= scripted[-1].total - 8

        for name, dark in (("streaming", False), ("streaming-dark", True)):
            await shoot(
                qapp,
                name,
                host,
                PAGE_CHAT,
                models_listed,
                act=ask_scripted,
                acted=nearly_written,
                factory=scripted_factory,
                dark=dark,
            )

        def scrolled_to(app: PiAssist, words: dict[str, str]) -> QWidget:
            """The window with the conversation scrolled so that these words are near the top."""
            view = app.window.chat_page.transcript
            found = view.document().find(words[app.i18n.language])
            bar = view.verticalScrollBar()
            bar.setValue(bar.value() + view.cursorRect(found).top() - 8)
            return app.window

        script[0], holding[0] = HOW_TO, False
        question[0] = {"en": "How do I run a small model on my Pi?", "uk": "Як запустити малу модель на Pi?"}
        steps = {"en": "Update the system first", "uk": "Спершу оновіть систему"}
        await shoot(
            qapp,
            "how-to",
            host,
            PAGE_CHAT,
            models_listed,
            act=ask_scripted,
            factory=scripted_factory,
            frame=lambda app: scrolled_to(app, steps),
        )

        def reasoning_open(app: PiAssist) -> QWidget:
            view = app.window.chat_page.transcript
            view.anchorClicked.emit(QUrl(f"piassist-toggle-thinking:{view.message_ids()[-1]}"))
            return scrolled_to(app, question[0])

        script[0] = THINKING
        thinks[0] = True
        question[0] = {
            "en": "How much memory does a 1B model need?",
            "uk": "Скільки пам’яті потрібно моделі на 1B?",
        }
        await shoot(
            qapp,
            "thinking",
            host,
            PAGE_CHAT,
            models_listed,
            act=ask_scripted,
            factory=scripted_factory,
            frame=reasoning_open,
        )

        def thinking_offered(app: PiAssist) -> bool:
            return models_listed(app) and app.window.chat_page.thinking_toggle.isVisible()

        def ask_without_thinking(app: PiAssist) -> None:  # Off in the menu beside the model, then ask
            app.window.chat_page.thinking_toggle.choose(False)
            ask_scripted(app)

        # The same model and question with thinking off: the answer alone, as such a model then writes it.
        script[0] = {lang: text.split("</think>", 1)[1].lstrip() for lang, text in THINKING.items()}
        await shoot(
            qapp,
            "thinking-off",
            host,
            PAGE_CHAT,
            thinking_offered,
            act=ask_without_thinking,
            factory=scripted_factory,
            frame=lambda app: scrolled_to(app, question[0]),
        )
        script[0] = THINKING

        def thinking_menu(app: PiAssist) -> QWidget:
            return app.window.chat_page.thinking_toggle.open_menu()  # Off / Low / Medium / High

        await shoot(
            qapp,
            "thinking-menu",
            host,
            PAGE_CHAT,
            thinking_offered,
            factory=scripted_factory,
            frame=thinking_menu,
        )
        thinks[0] = False

        # Ollama stops in the middle of an answer: the conversation stays, the band says so. Each picture
        # has a server of its own, killed once a part of the answer is on screen.
        stopping: list[harness.OllamaServer] = []

        def own_server() -> str:
            folder = home / f"stopping-{len(stopping)}"
            own = harness.OllamaServer(
                binary, harness.private_store(folder), log_path=folder.with_suffix(".log")
            )
            stopping.append(own.start())
            return own.host

        pieces: list[str] = []
        story = {
            "en": "Write a long story about a llama who climbs a mountain.",
            "uk": "Напиши довгу історію про ламу, яка підіймається на гору.",
        }

        def ask_long(app: PiAssist) -> None:
            pieces.clear()
            app.settings.set_num_predict(600)
            app.library.set_current_model(harness.DEMO_MODEL)
            app.chat.answer_delta.connect(lambda _i, piece: pieces.append(piece))
            chat = app.window.chat_page
            chat.send(story[app.i18n.language])

        def stopped_midway(app: PiAssist) -> bool:
            chat = app.window.chat_page
            if app.chat.generating and stopping[-1].running and len(pieces) >= 24:
                stopping[-1].kill()
            answer = app.chat.messages[-1] if app.chat.messages else None
            done = answer is not None and answer.state.value == "interrupted"
            return done and chat.notice.about_server and chat.notice.start_button.isVisible()

        try:
            await shoot(
                qapp,
                "chat-server-stopped",
                host,
                PAGE_CHAT,
                models_listed,
                act=ask_long,
                acted=stopped_midway,
                fresh_host=own_server,
            )
        finally:
            for own in stopping:
                own.kill()

        # A question too long for the model (the chat's 2,048 tokens): the warning, and the text attached.
        def long_text(app: PiAssist) -> str:
            return LONG_TEXTS[app.i18n.language] * 200

        def long_question(app: PiAssist) -> QWidget:
            chat = app.window.chat_page
            app.library.set_current_model(harness.DEMO_MODEL)
            chat.composer.setPlainText(long_text(app))
            chat.send(chat.composer.toPlainText())
            assert chat.long.box is not None
            return chat.long.box

        def attached(app: PiAssist) -> None:
            chat = app.window.chat_page
            app.library.set_current_model(harness.DEMO_MODEL)
            chat.long.attach(long_text(app))
            chat.composer.setPlainText(ATTACHED_QUESTION[app.i18n.language])

        await shoot(qapp, "long-question", host, PAGE_CHAT, models_listed, frame=long_question)
        await shoot(
            qapp,
            "attached-text",
            host,
            PAGE_CHAT,
            models_listed,
            act=attached,
            acted=lambda _app: True,
        )

        def needs_token(app: PiAssist) -> bool:
            return app.connection.status.state is ConnState.NEEDS_TOKEN

        def server_dialog(app: PiAssist) -> QWidget:
            dialog = stops.host_dialog(app)
            dialog.token_edit.setText("example-token")  # shown as dots
            return dialog

        with TokenGateway(host, "screenshot-token") as gateway:
            await shoot(qapp, "server-token", gateway.host, PAGE_CHAT, needs_token, frame=server_dialog)
        await shoot(
            qapp,
            "preferences",
            host,
            PAGE_CHAT,
            models_listed,
            frame=stops.DIALOGS["preferences"],
        )

        def starting_tab(app: PiAssist) -> QWidget:
            dialog = app.window.open_settings_dialog()
            dialog.tabs.setCurrentIndex(2)  # the starting points' editor
            return dialog

        await shoot(qapp, "preferences-starting", host, PAGE_CHAT, models_listed, frame=starting_tab)

        def kiosk_admin_welcome(app: PiAssist) -> QWidget:
            from piassist.ui.kiosk.admin_dialog import KioskAdminDialog

            assert app.kiosk is not None
            dialog = KioskAdminDialog(app.kiosk, [harness.DEMO_MODEL], ("", False), app.window)
            dialog.tabs.setCurrentIndex(1)  # the kiosk's own welcome text and tasks
            dialog.open()
            return dialog

        await shoot(
            qapp, "kiosk-admin-welcome", host, PAGE_CHAT, kiosk_ready, kiosk=True, frame=kiosk_admin_welcome
        )
        await shoot(
            qapp,
            "shortcuts",
            host,
            PAGE_CHAT,
            models_listed,
            frame=stops.DIALOGS["shortcuts"],
        )
        await shoot(
            qapp,
            "chat-settings",
            host,
            PAGE_CHAT,
            models_listed,
            frame=stops.DIALOGS["chat-settings"],
        )

        def pi4_figures(app: PiAssist) -> None:
            # The catalog as a Pi 4 with 4 GB would show it; this machine has so much memory that
            # every model fits. Labelled so in README.
            stops.catalog_on_a_pi4(app, "phi4-mini:3.8b")

        def machine_read(app: PiAssist) -> bool:
            return models_listed(app) and app.window.get_models_page.table_model.machine is not None

        await shoot(
            qapp, "get-models", host, PAGE_GET, machine_read, act=pi4_figures, acted=lambda _app: True
        )
        if binary is None:  # the pictures below need servers of their own
            return
        with LoopbackRegistry(home / "registry", limit_rate=2_000_000) as registry:
            empty_servers: list[harness.OllamaServer] = []

            def empty_server() -> str:  # each picture starts its download from nothing
                folder = home / f"empty-{len(empty_servers)}"
                empty = harness.OllamaServer(binary, folder, log_path=folder.with_suffix(".log")).start()
                empty_servers.append(empty)
                return empty.host

            def pull_demo(app: PiAssist) -> None:
                page = app.window.get_models_page
                page.name_edit.setText(registry.model_name)
                page.download_typed_button.click()

            def well_under_way(app: PiAssist) -> bool:
                active = app.pulls.active
                if active is not None and len(app.pulls.jobs) == 1:
                    app.pulls.enqueue("qwen2.5:0.5b")  # a second one waits its turn
                return active is not None and active.progress.fraction > 0.3

            try:
                await shoot(
                    qapp,
                    "pulling",
                    host,
                    PAGE_GET,
                    lambda app: app.connection.status.is_connected,
                    act=pull_demo,
                    acted=well_under_way,
                    fresh_host=empty_server,
                )
            finally:
                for empty in empty_servers:
                    empty.kill()

        await benchmark_shots(qapp, host, shoot, ONLY)
        free = f"127.0.0.1:{harness.free_port()}"

        def in_state(state: ConnState) -> Ready:
            return lambda app: app.connection.status.state is state

        await shoot(qapp, "not-running", free, PAGE_CHAT, in_state(ConnState.NOT_RUNNING))
        paths = os.environ["PATH"].split(os.pathsep)
        os.environ["PATH"] = os.pathsep.join(p for p in paths if p != str(binary.parent))
        await shoot(qapp, "not-installed", free, PAGE_CHAT, in_state(ConnState.NOT_INSTALLED))
        await shoot(
            qapp,
            "install-help",
            free,
            PAGE_CHAT,
            in_state(ConnState.NOT_INSTALLED),
            frame=lambda app: app.window.connection_page.open_help(),
        )
    finally:
        if server is not None:
            server.stop()


if __name__ == "__main__":
    qapp = QApplication(sys.argv[:1])
    qasync.run(main(qapp))
