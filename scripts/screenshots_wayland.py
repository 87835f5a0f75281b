#!/usr/bin/env python3
"""Screenshots of PiAssist under Wayland: scripts/screenshots.py run in a headless sway (as an ordinary
user: tests/session/wayland.py) with QT_QPA_PLATFORM=wayland, against the real Ollama started here, and
photographed by grim as the compositor shows them, at 800×480 and 1920×1080 in both languages.

    python -m scripts.screenshots_wayland [NAME ...]     (make screenshots-wayland)

Writes docs/screenshots/<name>-wayland-<lang>-<size>.png; without names, the shots in SHOTS.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from scripts import harness
from tests.session.wayland import WaylandSession, owned_folder

ROOT = Path(__file__).resolve().parent.parent

# The main page of each kind, a streamed answer with markdown, the kiosk, and two dialogs.
SHOTS = ["models", "chat", "streaming", "kiosk-welcome", "preferences", "model-details"]
OUT = ROOT / "docs" / "screenshots"


def main() -> int:
    names = sys.argv[1:] or SHOTS
    work = Path(tempfile.mkdtemp(prefix="piassist-wayland-shots-"))
    store = harness.private_store(work / "models")
    server = harness.OllamaServer(harness.ollama_binary(), store, log_path=work / "serve.log").start()
    session = WaylandSession.sway((1920, 1080)).launch()
    pictures = owned_folder("piassist-wayland-pictures-", 0o755)
    try:
        shots = session.start_app(
            [sys.executable, "-m", "scripts.screenshots", *names],
            env={
                "PYTHONPATH": str(ROOT),  # the session starts it in its own home
                "QT_QPA_PLATFORM": "wayland",
                "PIASSIST_SHOTS_SESSION": "wayland",
                "PIASSIST_SHOTS_HOST": server.host,
                "PIASSIST_SHOTS_OUT": str(pictures),
            },
        )
        output, _ = shots.communicate(timeout=1800)
        if shots.returncode != 0:
            print(session.log_text(), file=sys.stderr)
            return shots.returncode
        for name in (word for word in output.split() if word.endswith(".png")):
            shutil.copyfile(pictures / name, OUT / name)
            print(f"docs/screenshots/{name}")
    finally:
        session.stop()
        server.stop()
        shutil.rmtree(pictures, ignore_errors=True)
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
