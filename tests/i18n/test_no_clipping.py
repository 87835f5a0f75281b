"""On a Pi's 800×480 panel and on a full-HD monitor, in both languages, no text is cut short: every label,
button, check box, group box title, combo box, placeholder, tab, table header and menu fits its widget
(a table cell may end in "…" when its tooltip holds the whole text), and every window fits the screen.

Each screen size runs in a process of its own whose only screen has that size (PIASSIST_TEST_SCREEN,
tests/conftest.py), as on a real machine: dialogs size themselves against their screen, and Qt's
offscreen platform resizes a dialog wrongly when it moves from one of several screens to another.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication

from piassist.app import PiAssist
from tests.helpers.fakes import FakeServer
from tests.helpers.screens import SCREENS
from tests.i18n.tour import OFFSCREEN_LIMITS, Tour
from tests.i18n.walk import clipped, visible_widgets

pytestmark = OFFSCREEN_LIMITS
ROOT = Path(__file__).resolve().parents[2]


def in_own_process(screen: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("QT_QPA_PLATFORM", "PYTEST_ADDOPTS")}
    env.update(PIASSIST_TEST_SCREEN=screen, PIASSIST_NO_SERVER="1")
    test = f"{Path(__file__).relative_to(ROOT)}::test_every_text_fits[{screen}]"
    command = [sys.executable, "-m", "pytest", test, "-q", "-s", "-p", "no:cacheprovider"]
    return subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, check=False, timeout=120
    )


@pytest.mark.parametrize("screen", list(SCREENS))
def test_every_text_fits(
    make_app: Callable[..., PiAssist],
    run: Callable[..., Any],
    server: FakeServer,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
    screen: str,
) -> None:
    if os.environ.get("PIASSIST_TEST_SCREEN") != screen:
        result = in_own_process(screen)
        assert result.returncode == 0, f"on the {screen} screen:\n{result.stdout}\n{result.stderr}"
        print(result.stdout.strip().splitlines()[0])
        return
    assert QApplication.primaryScreen().size().toTuple() == SCREENS[screen]
    problems: list[str] = []
    widgets = 0
    for language in ("en", "uk"):
        for scene in Tour(make_app, run, server, monkeypatch, tmp_path).scenes(language, SCREENS[screen]):
            for window in scene.windows:
                widgets += sum(1 for _ in visible_widgets(window))
                problems += [f"[{language} {scene.name}] {p}" for p in clipped(window)]
    print(f"{screen}: {widgets} widgets checked in both languages")
    assert widgets > 1600
    assert not problems, f"cut short on the {screen} screen:\n" + "\n".join(dict.fromkeys(problems))
