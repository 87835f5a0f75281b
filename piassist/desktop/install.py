"""Put PiAssist into the desktop menu (or a kiosk's session start) for the current user, and take it out.

`piassist --install-desktop` (and packaging/install.sh, which calls it) writes the menu entry, the hicolor
icons and the AppStream metainfo under $XDG_DATA_HOME; `--install-kiosk` adds the kiosk loop
(packaging/kiosk/piassist-kiosk) to ~/.local/bin and starts it from a session of its own, with no
desktop behind it: on X11 from ~/.xsession (kiosk_x11.py), on Wayland in cage from ~/.profile on the
first console (kiosk_wayland.py). `--uninstall-desktop` undoes all of it and removes the folders that
are left empty. Older installs started the loop from an XDG autostart entry and from a marked block in
~/.config/labwc/autostart (which commented out raspi-config's swayidle line): an install or an uninstall
takes both out and puts the swayidle line back.

No Qt here: this runs over SSH and before any display, and must stay quick.
"""

from __future__ import annotations

import argparse
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

from piassist import APP_ID
from piassist.desktop import kiosk_wayland, kiosk_x11
from piassist.desktop.files import KIOSK_SCRIPT, Places, copy_file, packaged, remove_file, write_file

BLOCK_BEGIN = "# >>> PiAssist kiosk (written by piassist --install-kiosk, removed by --uninstall-desktop)"
BLOCK_END = "# <<< PiAssist kiosk"
BLANKING_OFF = "# PiAssist kiosk turned screen blanking off: "


def launcher() -> str:
    """The command that starts this PiAssist, as an absolute path when there is one.

    The menu entry names it in full: right after a first pipx install ~/.local/bin is often not on the
    session's PATH yet. The path pipx exposes (~/.local/bin/piassist) is kept as it is, not resolved, so
    that it stays right when pipx reinstalls the venv behind it.
    """
    argv0 = Path(sys.argv[0])
    if argv0.name == "piassist" and argv0.is_file():
        return str(argv0.absolute())
    beside = Path(sys.executable).parent / "piassist"
    if beside.is_file():
        return str(beside)
    return shutil.which("piassist") or "piassist"


def desktop_exec(path: str) -> str:
    """A path as the Exec key of a desktop entry writes it (Desktop Entry spec, "The Exec key")."""
    if re.fullmatch(r"[\w/.+-]+", path):
        return path
    quoted = re.sub(r'(["`$\\])', r"\\\1", path)
    # The Exec value is also a string value, whose own escape rule doubles each backslash again.
    return '"' + quoted.replace("\\", "\\\\").replace("%", "%%") + '"'


def install(places: Places, command: str, kiosk: bool = False) -> list[Path]:
    """Write the menu entry, icons and metainfo (and the kiosk start when asked, or when it is there
    already: a re-run refreshes it). Returns the files written."""
    written = [
        write_file(places.desktop_entry, _with_exec(packaged(f"{APP_ID}.desktop"), desktop_exec(command)))
    ]
    written.append(copy_file(packaged(f"{APP_ID}.metainfo.xml"), places.metainfo))
    written += [copy_file(packaged(source), target) for target, source in places.icons().items()]
    if kiosk or places.kiosk_script.exists() or places.kiosk_autostart.exists():
        written += _install_kiosk(places, command)
    _refresh_caches(places)
    return written


def uninstall(places: Places) -> list[Path]:
    """Remove everything install() wrote, give the labwc autostart file back its blanking line, and remove
    the folders left empty. Returns the files removed."""
    removed = [
        path
        for path in (
            places.desktop_entry,
            places.metainfo,
            *places.icons(),
            places.kiosk_script,
            places.kiosk_autostart,
        )
        if remove_file(path)
    ]
    removed += kiosk_x11.uninstall(places)
    removed += kiosk_wayland.uninstall(places, write_file)
    if _restore_labwc_autostart(places.labwc_autostart):
        removed.append(places.labwc_autostart)
    _refresh_caches(places)
    # Folders left empty go, up to the home folder (or up to an XDG folder's parent outside it).
    outside = [p for p in (places.data, places.config) if not p.is_relative_to(places.home)]
    stop = {places.home, *(p.parent for p in outside)}
    for path in removed:
        _remove_empty_parents(path.parent, stop)
    return removed


def _install_kiosk(places: Places, command: str) -> list[Path]:
    script = packaged(f"kiosk/{KIOSK_SCRIPT}").read_text(encoding="utf-8")
    written = [
        write_file(places.kiosk_script, script.replace("@PIASSIST@", shlex.quote(command)), mode=0o755)
    ]
    # A session of its own on X11 (kiosk_x11.py) and on Wayland (kiosk_wayland.py), never an
    # autostart entry in a desktop session, whose desktop a visitor could reach; an older install's go.
    remove_file(places.kiosk_autostart)
    written += kiosk_x11.install(places, places.kiosk_script)
    session = packaged(f"kiosk/{kiosk_wayland.SESSION_SCRIPT}").read_text(encoding="utf-8")
    written += kiosk_wayland.install(places, places.kiosk_script, session, write_file)
    _restore_labwc_autostart(places.labwc_autostart)
    return written


def _split_labwc_autostart(path: Path) -> tuple[list[str], list[str]]:
    """The file's own lines (our block left out) and the blanking lines our block keeps commented out."""
    if not path.exists():
        return [], []
    own: list[str] = []
    kept: list[str] = []
    inside = False
    for line in path.read_text(encoding="utf-8").splitlines():
        if line == BLOCK_BEGIN:
            inside = True
        elif line == BLOCK_END:
            inside = False
        elif inside:
            if line.startswith(BLANKING_OFF):
                kept.append(line.removeprefix(BLANKING_OFF))
        else:
            own.append(line)
    return own, kept


def _restore_labwc_autostart(path: Path) -> bool:
    own, kept = _split_labwc_autostart(path)
    if not path.exists() or BLOCK_BEGIN not in path.read_text(encoding="utf-8").splitlines():
        return False
    lines = own + kept
    if any(line.strip() for line in lines):
        write_file(path, "\n".join(lines) + "\n")
        return False
    path.unlink()
    return True


def _with_exec(entry: Path, command: str) -> str:
    lines = entry.read_text(encoding="utf-8").splitlines()
    return "\n".join(f"Exec={command}" if line.startswith("Exec=") else line for line in lines) + "\n"


def _remove_empty_parents(folder: Path, stop: set[Path]) -> None:
    while folder not in stop and folder.parent != folder:
        try:
            folder.rmdir()
        except OSError:  # not empty, or not there
            if folder.exists():
                return
        folder = folder.parent


def _refresh_caches(places: Places) -> None:
    """Bring the menu's MIME cache and the icon cache up to date where the user has them (and their tools
    are installed). None is made where there was none: the entry declares no MIME types, and without an
    index.theme the user's hicolor folder is read as it is. A missing tool or a failure is not an error."""
    applications = places.desktop_entry.parent
    if (applications / "mimeinfo.cache").is_file() and shutil.which("update-desktop-database"):
        subprocess.run(["update-desktop-database", "-q", str(applications)], check=False)
    if (places.hicolor / "icon-theme.cache").is_file() and shutil.which("gtk-update-icon-cache"):
        subprocess.run(["gtk-update-icon-cache", "-q", "-f", "-t", str(places.hicolor)], check=False)


def run(args: argparse.Namespace) -> int:
    """Carry out `piassist --install-desktop`, `--install-kiosk` or `--uninstall-desktop`."""
    places = Places.from_environment()
    if args.uninstall_desktop:
        for path in uninstall(places):
            print(f"removed {path}")
        return 0
    for path in install(places, launcher(), kiosk=args.install_kiosk):
        print(f"wrote {path}")
    if places.kiosk_script.exists():
        print("On X11 the kiosk is a session of its own; to log into it at boot, run once (as root):")
        print(f"  {kiosk_x11.ROOT_STEP}")
        print("On Wayland it is a session of its own in cage, on the first console; to boot into it:")
        print(f"  {kiosk_wayland.ROOT_STEP}")
    return 0
