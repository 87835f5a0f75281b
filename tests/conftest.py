"""Shared test setup: offscreen Qt, a private PIASSIST_HOME, a qasync loop that fails tests on swallowed
errors, and (in the header) the real Ollama server the integration tests use: the version
PIASSIST_OLLAMA_VERSION names (floor, the default, or newest; see scripts/harness.py)."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable, Coroutine, Iterator
from pathlib import Path
from typing import Any, TypeVar

import pytest

from tests.helpers.screens import SCREENS

# Offscreen Qt. PIASSIST_TEST_SCREEN=pi or full-hd gives it one screen of that size (a Pi's panel, a
# monitor); without it, the plugin's own 800×800 screen. tests/i18n/test_no_clipping.py runs itself so.
_screen = os.environ.get("PIASSIST_TEST_SCREEN", "")
if _screen in SCREENS:
    _config = Path(tempfile.mkdtemp(prefix="piassist-test-screen-")) / "screen.json"
    _width, _height = SCREENS[_screen]
    _config.write_text(json.dumps({"screens": [{"name": _screen, "width": _width, "height": _height}]}))
    os.environ.setdefault("QT_QPA_PLATFORM", f"offscreen:configfile={_config}")
else:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ["PIASSIST_HOME"] = tempfile.mkdtemp(prefix="piassist-test-home-")
# Tests never touch the keyring of the person running them: with keyring's "no backend", the app keeps
# secrets in its file fallback under PIASSIST_HOME. Tests of a real keyring start one of their own.
os.environ["PYTHON_KEYRING_BACKEND"] = "keyring.backends.fail.Keyring"
ROOT = Path(__file__).resolve().parent.parent

import qasync  # noqa: E402
import shiboken6  # noqa: E402

from piassist.shutdown import Application  # noqa: E402
from scripts import harness  # noqa: E402
from tests.helpers import real_server  # noqa: E402

T = TypeVar("T")


def pytest_report_header(config: pytest.Config) -> list[str]:
    if os.environ.get("PIASSIST_NO_SERVER") == "1":
        return ["real Ollama: not started (PIASSIST_NO_SERVER=1): integration tests will fail"]
    server = real_server.session_server()
    which = next((name for name, version in harness.PINNED.items() if version == harness.VERSION), "")
    return [
        f"real Ollama: version {server.version} at {server.host} "
        f"(built from github.com/ollama/ollama@v{harness.VERSION}"
        + (f", the {which} of the tested versions" if which else "")
        + f"; {harness.VERSION_VARIABLE} chooses), models: {', '.join(real_server.model_names())}"
    ]


def pytest_unconfigure(config: pytest.Config) -> None:
    real_server.stop_session_server()


@pytest.fixture(scope="session", autouse=True)
def english_plurals(qapp: Any) -> Iterator[None]:
    """Widgets tested on their own get English plural forms, as the running app does."""
    from PySide6.QtCore import QTranslator

    from piassist import paths

    translator = QTranslator()
    assert translator.load("piassist_en", str(paths.translations_dir())), "run scripts/i18n.py compile first"
    qapp.installTranslator(translator)
    yield
    qapp.removeTranslator(translator)


class LoopErrors(list[dict[str, Any]]):
    pass


@pytest.fixture
def loop(qapp: Any, qtbot: Any) -> Iterator[qasync.QEventLoop]:
    """One qasync loop per test, running for the whole test as it does in the app: whoever spins Qt's
    event loop (qtbot, pytest-qt's teardown, a dialog) also runs asyncio callbacks. Any exception the
    loop swallowed fails the test at teardown."""
    event_loop = qasync.QEventLoop(qapp, already_running=True)
    asyncio.set_event_loop(event_loop)
    errors = LoopErrors()
    event_loop.set_exception_handler(lambda _loop, context: errors.append(context))
    yield event_loop
    pending = [t for t in asyncio.all_tasks(event_loop) if not t.done()]
    for task in pending:
        task.cancel()
    if pending:
        qtbot.waitUntil(lambda: all(t.done() for t in pending), timeout=5000)
    # Not event_loop.stop(): it calls QCoreApplication.exit(), which with no exec() running leaves Qt's
    # quitNow flag set, and then every later nested QEventLoop (qtbot.waitUntil) returns at once.
    event_loop._QEventLoop__is_running = False  # qasync 0.28's flag for "already running" loops
    asyncio.events._set_running_loop(None)
    event_loop.close()
    # The loop's timer object still holds Qt timers for callbacks that never came due; if the garbage
    # collector later frees it on another thread (an HTTP test server's), Qt warns that timers cannot
    # be stopped from another thread. Delete it here, on the GUI thread.
    shiboken6.delete(event_loop._timer)
    asyncio.set_event_loop(None)
    if errors:
        messages = [f"{c.get('message')}: {c.get('exception')!r}" for c in errors]
        pytest.fail("the event loop swallowed errors:\n" + "\n".join(messages))


@pytest.fixture
def run(loop: qasync.QEventLoop, qtbot: Any) -> Callable[..., Any]:
    """run(coro, timeout=10): drive a coroutine to its end, spinning Qt's event loop meanwhile."""

    def _run(coro: Coroutine[Any, Any, T], timeout: float = 10.0) -> T:
        task = asyncio.ensure_future(asyncio.wait_for(coro, timeout))
        qtbot.waitUntil(task.done, timeout=int((timeout + 5) * 1000))
        return task.result()

    return _run


@pytest.fixture
def app_factory(
    qapp: Any, tmp_path: Path, run: Callable[..., Any], monkeypatch: pytest.MonkeyPatch
) -> Iterator[Callable[..., Any]]:
    """app_factory(language="en", **PiAssist options): the whole app, shut down in order afterwards."""
    from piassist.app import PiAssist

    monkeypatch.delenv("OLLAMA_HOST", raising=False)
    made: list[PiAssist] = []

    def make(language: str = "en", **options: Any) -> PiAssist:
        options.setdefault("data_dir", tmp_path)
        app = PiAssist(qapp, settings_path=tmp_path / "settings.ini", language=language, **options)
        made.append(app)
        return app

    yield make
    for app in made:
        run(app.aclose())
        app.window.close()
        app.window.deleteLater()


@pytest.fixture(scope="session")
def qapp_cls() -> type[Application]:
    """pytest-qt's application is PiAssist's own, as `piassist` makes it (piassist/shutdown.py)."""
    return Application


@pytest.fixture(scope="session")
def dist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sdist and the wheel, built the way a release is (python -m build: the wheel from the sdist);
    once per run, for the install tests (tests/integration) and the kiosk session test (tests/session)."""
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--outdir", str(out), str(ROOT)],
        check=True,
        capture_output=True,
        timeout=600,
    )
    return out


@pytest.fixture(scope="session")
def wheel(dist: Path) -> Path:
    (found,) = dist.glob("*.whl")
    return found
