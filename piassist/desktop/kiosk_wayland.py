"""The Wayland kiosk's own session, for `piassist --install-kiosk` (piassist/desktop/install.py).

On Wayland the compositor, not the app, owns the global keys, and a desktop session (Pi OS's labwc) also
runs a panel, a desktop and other programs that open windows of their own. So the Wayland kiosk is a
session of its own: `cage` (a compositor with one full-screen program and no key bindings) running the
kiosk loop, started by the login shell of the first console (Pi OS: raspi-config's Console Autologin).

Installed: ~/.local/bin/piassist-kiosk-session (packaging/kiosk), and a marked block at the end of
~/.profile that starts it there and only there. Uninstalled: both, ~/.profile given back as it was (and
removed if the block was all it held). docs/decisions.md: "The Wayland kiosk is a cage session".
"""

from __future__ import annotations

import shlex
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

    from piassist.desktop.files import Places

    WriteFile = Callable[[Path, str, int], Path]  # files.write_file, the atomic write

SESSION_SCRIPT = "piassist-kiosk-session"
BLOCK_BEGIN = "# >>> PiAssist kiosk session (from piassist --install-kiosk; --uninstall-desktop removes it)"
BLOCK_END = "# <<< PiAssist kiosk session"
ROOT_STEP = "sudo raspi-config nonint do_boot_behaviour B2     # console autologin"


def session_script(places: Places) -> Path:
    return places.bin / SESSION_SCRIPT


def profile(places: Places) -> Path:
    return places.home / ".profile"


def profile_block(script: Path) -> list[str]:
    """Start the kiosk's session when logged in on the first console (logind's XDG_VTNR), never in a
    desktop session, over SSH, or in a terminal window."""
    return [
        BLOCK_BEGIN,
        "# On the first console (raspi-config: Console Autologin) the kiosk is the session: cage, PiAssist.",
        'if [ "${XDG_VTNR:-}" = 1 ] && [ -z "${WAYLAND_DISPLAY:-}${DISPLAY:-}${SSH_TTY:-}" ]; then',
        f"  {shlex.quote(str(script))}",
        "fi",
        BLOCK_END,
    ]


def install(places: Places, kiosk_script: Path, text: str, write: WriteFile) -> list[Path]:
    """Write the session script (the loop's path in it) and the ~/.profile block; returns the files."""
    script = session_script(places)
    written = [write(script, text.replace("@KIOSK@", shlex.quote(str(kiosk_script))), 0o755)]
    own = _split_profile(profile(places))
    written.append(write(profile(places), "\n".join([*own, *profile_block(script)]) + "\n", 0o644))
    return written


def uninstall(places: Places, write: WriteFile) -> list[Path]:
    """Remove the session script and the ~/.profile block; returns the files removed."""
    removed = []
    script = session_script(places)
    if script.exists():
        script.unlink()
        removed.append(script)
    path = profile(places)
    if path.exists() and BLOCK_BEGIN in path.read_text(encoding="utf-8").splitlines():
        own = _split_profile(path)
        if any(line.strip() for line in own):
            write(path, "\n".join(own) + "\n", 0o644)
        else:
            path.unlink()
            removed.append(path)
    return removed


def _split_profile(path: Path) -> list[str]:
    """The file's own lines, our block left out."""
    if not path.exists():
        return []
    own: list[str] = []
    inside = False
    for line in path.read_text(encoding="utf-8").splitlines():
        if line == BLOCK_BEGIN:
            inside = True
        elif line == BLOCK_END:
            inside = False
        elif not inside:
            own.append(line)
    return own
