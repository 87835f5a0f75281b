"""The X11 kiosk session, as `piassist --install-kiosk` installs it (desktop/install.py does the rest).

It writes ~/.local/bin/piassist-kiosk-x11 (packaging/kiosk/piassist-kiosk-x11: the kiosk loop as the only
program of the X session, no window manager, no desktop) and a ~/.xsession that starts it. Debian's
/etc/X11/Xsession runs ~/.xsession for the "Default Xsession" (LightDM's lightdm-xsession; Pi OS picks the
session LightDM logs in automatically in /etc/lightdm/lightdm.conf, which takes root: packaging/README.md)
and for `startx`. A ~/.xsession of the user's own is kept aside as ~/.xsession.before-piassist and put
back by `--uninstall-desktop`.

No Qt here, as in desktop/install.py.
"""

from __future__ import annotations

import shlex
from pathlib import Path

from piassist.desktop.files import Places, packaged, remove_file, write_file

SESSION_SCRIPT = "piassist-kiosk-x11"
MARK = "# PiAssist's X11 kiosk session (written by --install-kiosk, removed by --uninstall-desktop)"
ROOT_STEP = (
    "sudo sed -i -e '/^\\[Seat:\\*\\]/,/^\\[/s/^#\\?autologin-session=.*/"
    "autologin-session=lightdm-xsession/' /etc/lightdm/lightdm.conf"
)


def session_script(places: Places) -> Path:
    return places.bin / SESSION_SCRIPT


def xsession(places: Places) -> Path:
    return places.home / ".xsession"


def saved_xsession(places: Places) -> Path:
    return places.home / ".xsession.before-piassist"


def _ours(path: Path) -> bool:
    try:
        return MARK in path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError):
        return False


def install(places: Places, kiosk_loop: Path) -> list[Path]:
    """Write the session script and ~/.xsession; returns the files written."""
    script_text = packaged(f"kiosk/{SESSION_SCRIPT}").read_text(encoding="utf-8")
    script = write_file(
        session_script(places), script_text.replace("@KIOSK@", shlex.quote(str(kiosk_loop))), mode=0o755
    )
    start = xsession(places)
    if start.exists() and not _ours(start) and not saved_xsession(places).exists():
        start.rename(saved_xsession(places))
    text = f"#!/bin/sh\n{MARK}\nexec {shlex.quote(str(script))}\n"
    return [script, write_file(start, text, mode=0o755)]


def uninstall(places: Places) -> list[Path]:
    """Remove what install() wrote and put the user's own ~/.xsession back; returns the files removed."""
    removed = [session_script(places)] if remove_file(session_script(places)) else []
    start = xsession(places)
    if _ours(start) and remove_file(start):
        removed.append(start)
    if saved_xsession(places).exists() and not start.exists():
        saved_xsession(places).rename(start)
    return removed
