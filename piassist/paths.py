"""Where PiAssist keeps its files. PIASSIST_HOME puts everything in one folder (tests, kiosks)."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QStandardPaths

APP_NAME = "piassist"


def _base(kind: QStandardPaths.StandardLocation, sub: str) -> Path:
    override = os.environ.get("PIASSIST_HOME")
    if override:
        path = Path(override) / sub
    else:
        root = QStandardPaths.writableLocation(kind)
        path = Path(root) / APP_NAME if not root.rstrip("/").endswith(APP_NAME) else Path(root)
    path.mkdir(parents=True, exist_ok=True)
    return path


def config_dir() -> Path:
    return _base(QStandardPaths.StandardLocation.GenericConfigLocation, "config")


def data_dir() -> Path:
    return _base(QStandardPaths.StandardLocation.GenericDataLocation, "data")


def settings_file() -> Path:
    return config_dir() / "piassist.ini"


def log_file() -> Path:
    return data_dir() / "piassist.log"


def secrets_file(folder: Path | None = None) -> Path:
    """The file-backed keyring, used only when the system has no keyring service (mode 0600): in the
    data folder, or in `folder` when the app was given a data folder of its own."""
    return (folder or data_dir()) / "secrets.json"


def translations_dir() -> Path:
    """Compiled .qm files: built into the package folder (checkout, wheel and installed package alike)."""
    return Path(__file__).resolve().parent / "i18n"


def resources_dir() -> Path:
    """The repository's resources/ in a checkout; the wheel carries a copy as piassist/resources."""
    packaged = Path(__file__).resolve().parent / "resources"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "resources"
