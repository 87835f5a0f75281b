"""Where the desktop files go and how they are written: the XDG folders of a user (or of a test's HOME),
the packaged files they are copied from, an atomic write, a copy, a removal. No Qt here.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from piassist import APP_ID

ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)
KIOSK_SCRIPT = "piassist-kiosk"

_PACKAGE = Path(__file__).resolve().parent.parent
# The wheel carries everything in piassist/resources; a checkout has packaging/ and resources/ beside it.
_SOURCES = (_PACKAGE / "resources", _PACKAGE.parent / "packaging", _PACKAGE.parent / "resources")


@dataclass(frozen=True)
class Places:
    """Where the files go: the XDG base folders of the user (or of a test's HOME)."""

    home: Path
    data: Path
    config: Path
    bin: Path

    @classmethod
    def from_environment(cls, env: Mapping[str, str] = os.environ) -> Places:
        home = Path(env.get("HOME") or Path.home())
        return cls(
            home=home,
            data=Path(env.get("XDG_DATA_HOME") or home / ".local" / "share"),
            config=Path(env.get("XDG_CONFIG_HOME") or home / ".config"),
            bin=home / ".local" / "bin",
        )

    @property
    def desktop_entry(self) -> Path:
        return self.data / "applications" / f"{APP_ID}.desktop"

    @property
    def metainfo(self) -> Path:
        return self.data / "metainfo" / f"{APP_ID}.metainfo.xml"

    @property
    def hicolor(self) -> Path:
        return self.data / "icons" / "hicolor"

    def icons(self) -> dict[Path, str]:
        """Installed icon → the packaged file it is copied from."""
        icons = {self.hicolor / "scalable" / "apps" / f"{APP_ID}.svg": "icons/piassist.svg"}
        for size in ICON_SIZES:
            icons[self.hicolor / f"{size}x{size}" / "apps" / f"{APP_ID}.png"] = f"icons/piassist-{size}.png"
        return icons

    @property
    def kiosk_script(self) -> Path:
        return self.bin / KIOSK_SCRIPT

    @property
    def kiosk_autostart(self) -> Path:
        return self.config / "autostart" / f"{APP_ID}-kiosk.desktop"

    @property
    def labwc_autostart(self) -> Path:
        return self.config / "labwc" / "autostart"


def packaged(name: str) -> Path:
    for base in _SOURCES:
        if (base / name).is_file():
            return base / name
    raise FileNotFoundError(f"PiAssist's packaged file {name} is missing")


def write_file(path: Path, text: str, mode: int = 0o644) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_name(path.name + ".partial")
    partial.write_text(text, encoding="utf-8")
    partial.chmod(mode)
    partial.replace(path)
    return path


def copy_file(source: Path, target: Path) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    target.chmod(0o644)
    return target


def remove_file(path: Path) -> bool:
    try:
        path.unlink()
    except FileNotFoundError:
        return False
    return True
