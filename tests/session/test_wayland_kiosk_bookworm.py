"""The Wayland kiosk session on Debian bookworm's own cage (0.1.4, what Pi OS Bookworm has), started the
way the installed files start it: `piassist --install-kiosk` in a fresh home, then what a console login
does with ~/.profile on the first console. PiAssist comes up in kiosk mode and fills the screen.

Bookworm's cage has no virtual keyboard, so no test can type into it; the ways out are tried under
Trixie's cage (test_wayland_kiosk.py)."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest

from scripts import harness
from tests.session.wayland import ROOT_DIR, WaylandSession, give_to_user, owned_folder, session_ids, wait_for

pytestmark = [pytest.mark.integration, pytest.mark.slow]


def kiosk_processes() -> list[list[str]]:
    """The command lines of the session user's `piassist --kiosk` processes."""
    uid = (session_ids() or (os.getuid(), 0))[0]
    found = psutil.process_iter(["cmdline", "uids"])
    return [
        p.info["cmdline"]
        for p in found
        if p.info["uids"].real == uid and "--kiosk" in (p.info["cmdline"] or [])
    ]


@pytest.fixture
def home() -> Iterator[Path]:
    """A kiosk user's home: the kiosk installed by the checkout's `piassist`, its model and server set."""
    home = owned_folder("piassist-kiosk-home-", 0o755)
    launcher = ROOT_DIR / ".venv" / "bin" / "piassist"
    subprocess.run(
        [str(launcher), "--install-kiosk"], env={"HOME": str(home)}, check=True, capture_output=True
    )
    yield home
    shutil.rmtree(home, ignore_errors=True)
    shutil.rmtree(home.with_name(home.name + "-models"), ignore_errors=True)


def test_bookworms_cage_runs_the_kiosk_session_from_the_console_login(home: Path) -> None:
    server = harness.OllamaServer(
        harness.ollama_binary(), harness.private_store(home.with_name(home.name + "-models"))
    ).start()
    config = home / ".config" / "piassist"
    config.mkdir(parents=True)
    (config / "piassist.ini").write_text(
        f"[connection]\nhost={server.host}\n[kiosk]\nmodel={harness.DEMO_MODEL}\n"
    )
    give_to_user(home)
    # What getty's autologin does on tty1 once /etc/profile has run: read ~/.profile, on the first console.
    session = WaylandSession(["sh", "-c", '. "$HOME/.profile"'], home=home, env={"XDG_VTNR": "1"})
    try:
        session.launch(timeout=60)
        log = home / ".local" / "share" / "piassist" / "piassist.log"
        wait_for(lambda: log.exists() and "kiosk mode" in log.read_text(), 60, "PiAssist in kiosk mode")
        wait_for(lambda: "connected to Ollama" in log.read_text(), 60, "PiAssist connected")
        (app,) = wait_for(kiosk_processes, 10, "one piassist --kiosk")
        assert app[-1] == "--kiosk" and Path(app[1]).name == "piassist"
        if shots := os.environ.get("PIASSIST_KIOSK_SHOTS"):  # for a person to look at
            session.screenshot(Path(shots) / "kiosk-wayland-bookworm-cage.png")
        frame = session.frame()
        assert frame.startswith(b"P6\n1280 720\n"), "cage's headless output"
        pixels = frame.split(b"\n", 3)[3]
        assert len(set(pixels[i : i + 3] for i in range(0, len(pixels), 3 * 997))) > 3, "something is drawn"
    finally:
        session.stop()
        server.stop()
