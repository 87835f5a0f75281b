"""`piassist --install-desktop`, `--install-kiosk` and `--uninstall-desktop` (piassist/desktop/install.py),
in a home folder of the test's own: the files pass Debian's validators, the kiosk start turns Pi OS's screen
blanking off and gives it back, and an uninstall leaves the home folder as it was, file for file."""

from __future__ import annotations

import hashlib
import os
import shlex
import subprocess
from pathlib import Path

import pytest

from piassist import APP_ID
from piassist.__main__ import main
from piassist.desktop import install as desktop_install
from piassist.desktop import kiosk_wayland as wayland_kiosk
from piassist.desktop import kiosk_x11 as kiosk_x11_install
from piassist.desktop.files import Places

SWAYIDLE_LINE = "swayidle -w timeout 600 'wlopm --off \\*' resume 'wlopm --on \\*' &"
# The start of Debian's and Pi OS's ~/.profile (from /etc/skel).
PROFILE = [
    "# ~/.profile: executed by the command interpreter for login shells.",
    'if [ -d "$HOME/bin" ] ; then PATH="$HOME/bin:$PATH"; fi',
]


def tree(root: Path) -> dict[str, str]:
    """Every file and folder under root: its path → the sha256 of its bytes ("dir" for a folder)."""
    found = {}
    for path in sorted(root.rglob("*")):
        key = str(path.relative_to(root))
        found[key] = "dir" if path.is_dir() else hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def places_in(home: Path) -> Places:
    return Places.from_environment({"HOME": str(home)})


def desktop_key(entry: Path, key: str) -> str:
    (line,) = [line for line in entry.read_text().splitlines() if line.startswith(f"{key}=")]
    return line.partition("=")[2]


@pytest.fixture
def home(tmp_path: Path) -> Path:
    """A Pi user's home with things of its own: another menu entry with its MIME cache, a tool, Pi OS's
    labwc autostart file with raspi-config's screen-blanking line, and a ~/.profile."""
    home = tmp_path / "home"
    applications = home / ".local" / "share" / "applications"
    applications.mkdir(parents=True)
    (applications / "other.desktop").write_text(
        "[Desktop Entry]\nType=Application\nName=Other\nExec=other %f\nMimeType=text/x-other;\n"
    )
    subprocess.run(["update-desktop-database", str(applications)], check=True)
    assert (applications / "mimeinfo.cache").is_file()
    (home / ".local" / "bin").mkdir()
    (home / ".local" / "bin" / "mytool").write_text("#!/bin/sh\n")
    (home / ".config" / "labwc").mkdir(parents=True)
    (home / ".config" / "labwc" / "autostart").write_text(f"# my session\n{SWAYIDLE_LINE}\n")
    (home / ".profile").write_text("\n".join(PROFILE) + "\n")
    return home


@pytest.fixture
def launcher(tmp_path: Path) -> Path:
    """A stand-in for the installed `piassist`, in a folder whose name needs quoting."""
    folder = tmp_path / "pipx bin"
    folder.mkdir()
    script = folder / "piassist"
    script.write_text('#!/bin/sh\necho "$0 $*" >> "$(dirname "$0")/calls"\n')
    script.chmod(0o755)
    return script


def test_the_installed_files_pass_debians_validators(home: Path, launcher: Path) -> None:
    places = places_in(home)
    written = desktop_install.install(places, str(launcher), kiosk=True)

    assert places.desktop_entry in written
    assert set(places.icons()) <= set(written)
    result = subprocess.run(
        ["desktop-file-validate", str(places.desktop_entry)], check=False, capture_output=True, text=True
    )
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout
    result = subprocess.run(
        ["appstreamcli", "validate", "--no-net", "--pedantic", str(places.metainfo)],
        check=False,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout
    # The tree check reads the metainfo with the menu entry and the icons beside it, as a software centre.
    result = subprocess.run(
        ["appstreamcli", "validate-tree", "--no-net", str(home / ".local")],
        check=False,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout


def test_the_menu_entry_starts_the_installed_launcher_by_its_full_path(home: Path, launcher: Path) -> None:
    places = places_in(home)
    desktop_install.install(places, str(launcher))

    assert desktop_key(places.desktop_entry, "Exec") == f'"{launcher}"'
    assert desktop_key(places.desktop_entry, "Icon") == APP_ID
    assert (places.hicolor / "scalable" / "apps" / f"{APP_ID}.svg").read_bytes().startswith(b"<")
    assert (places.hicolor / "48x48" / "apps" / f"{APP_ID}.png").read_bytes()[1:4] == b"PNG"
    assert not places.kiosk_script.exists(), "no kiosk unless asked"


def test_desktop_exec_quotes_what_the_spec_reserves() -> None:
    assert desktop_install.desktop_exec("/home/pi/.local/bin/piassist") == "/home/pi/.local/bin/piassist"
    assert desktop_install.desktop_exec("/home/a b/piassist") == '"/home/a b/piassist"'
    # A quote inside is escaped for the Exec rule, and that backslash doubled for the string rule.
    assert desktop_install.desktop_exec('/x/"q"/p') == '"/x/\\\\"q\\\\"/p"'
    assert desktop_install.desktop_exec("/x/50%/p") == '"/x/50%%/p"'


def test_the_kiosk_start_is_the_cage_session_and_uninstall_gives_the_home_back(
    home: Path, launcher: Path
) -> None:
    places = places_in(home)
    before = tree(home)
    # A kiosk installed before the cage session: a block in labwc's autostart, raspi-config's blanking
    # line commented out inside it.
    old_block = [
        desktop_install.BLOCK_BEGIN,
        desktop_install.BLANKING_OFF + SWAYIDLE_LINE,
        f"{shlex.quote(str(places.kiosk_script))} &",
        desktop_install.BLOCK_END,
    ]
    places.labwc_autostart.write_text("\n".join(["# my session", *old_block]) + "\n")

    desktop_install.install(places, str(launcher), kiosk=True)
    desktop_install.install(places, str(launcher))  # a re-run (an upgrade) refreshes the kiosk start
    session = wayland_kiosk.session_script(places)
    profile = wayland_kiosk.profile(places).read_text().splitlines()

    # labwc's desktop has its autostart (and its screen blanking) back: the Wayland kiosk is its own session.
    assert places.labwc_autostart.read_text() == f"# my session\n{SWAYIDLE_LINE}\n"
    assert profile[:2] == PROFILE
    assert profile[2:] == wayland_kiosk.profile_block(session), "the session started from ~/.profile, once"
    assert os.access(session, os.X_OK) and os.access(places.kiosk_script, os.X_OK)
    assert f"KIOSK={shlex.quote(str(places.kiosk_script))}" in session.read_text()
    assert not places.kiosk_autostart.exists(), "no kiosk inside a desktop session (X11 has its own)"
    assert f"PIASSIST='{launcher}'" in places.kiosk_script.read_text()

    removed = desktop_install.uninstall(places)

    assert {places.kiosk_script, session} <= set(removed)
    assert tree(home) == before


def test_uninstall_leaves_a_clean_home_as_empty_as_it_was(tmp_path: Path, launcher: Path) -> None:
    home = tmp_path / "clean"
    home.mkdir()
    places = places_in(home)
    desktop_install.install(places, str(launcher), kiosk=True)
    installed = tree(home)

    desktop_install.uninstall(places)

    assert len(installed) > 20
    assert tree(home) == {}


def test_the_cli_installs_for_the_launcher_it_runs_from(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    home = tmp_path / "home"
    monkeypatch.setenv("HOME", str(home))
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME"):
        monkeypatch.delenv(name, raising=False)

    assert main(["--install-desktop"]) == 0

    command = desktop_key(places_in(home).desktop_entry, "Exec")
    assert Path(command).name == "piassist" and os.access(command, os.X_OK)
    assert f"wrote {places_in(home).desktop_entry}" in capsys.readouterr().out
    assert main(["--uninstall-desktop"]) == 0
    assert tree(home) == {}


def test_the_x11_kiosk_is_a_session_of_its_own_and_a_users_xsession_comes_back(
    home: Path, launcher: Path
) -> None:
    places = places_in(home)
    own = home / ".xsession"
    own.write_text("#!/bin/sh\nexec my-window-manager\n")
    # An autostart entry an older PiAssist wrote: the kiosk would start inside the desktop session.
    places.kiosk_autostart.parent.mkdir(parents=True)
    places.kiosk_autostart.write_text("[Desktop Entry]\nType=Application\nName=old\nExec=x\n")
    before = tree(home)

    desktop_install.install(places, str(launcher), kiosk=True)
    desktop_install.install(places, str(launcher))  # a re-run keeps the user's file aside, once

    session = kiosk_x11_install.session_script(places)
    assert os.access(session, os.X_OK) and os.access(own, os.X_OK)
    assert own.read_text().splitlines()[-1] == f"exec {shlex.quote(str(session))}"
    assert kiosk_x11_install.saved_xsession(places).read_text() == "#!/bin/sh\nexec my-window-manager\n"
    assert f"KIOSK={shlex.quote(str(places.kiosk_script))}" in session.read_text()
    assert not places.kiosk_autostart.exists()
    # No window manager, desktop or panel is started by the session: only the loop, then (after the PIN)
    # the desktop.
    commands = [
        line.split()[0]
        for line in session.read_text().splitlines()
        if line.strip()
        and not line.lstrip().startswith(("#", "if", "fi", "echo", "KIOSK=", "desktop=", "status=", "exit"))
    ]
    assert commands == ['"$KIOSK"', "exec"], commands

    desktop_install.uninstall(places)

    after = tree(home)
    assert after.pop(".xsession") == before.pop(".xsession")
    before.pop(str(places.kiosk_autostart.relative_to(home)))  # the old entry is gone for good
    assert after == before
