"""The wheel build compiles the translations and carries the app's resources inside the package.

Everything else about the project is in pyproject.toml; setuptools only needs this file for the hook.
The .qm files are built here from translations/*.ts with pyside6-lrelease (a build requirement),
so they are never committed and a wheel can never carry stale ones.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent
LANGUAGES = ("en", "uk")


def _lrelease() -> str:
    beside = Path(sys.executable).parent / "pyside6-lrelease"
    found = str(beside) if beside.exists() else shutil.which("pyside6-lrelease")
    if not found:
        raise RuntimeError("pyside6-lrelease not found: PySide6-Essentials is a build requirement")
    return found


class BuildWithTranslations(build_py):
    """build_py, then: compiled .qm files into piassist/i18n; resources/ and the desktop, AppStream and
    kiosk files from packaging/ into piassist/resources."""

    def run(self) -> None:
        super().run()
        if self.editable_mode:
            return  # a checkout: scripts/i18n.py compiles into piassist/i18n; resources/ is found beside it
        package = Path(self.build_lib) / "piassist"
        i18n = package / "i18n"
        i18n.mkdir(parents=True, exist_ok=True)
        for lang in LANGUAGES:
            ts = ROOT / "translations" / f"piassist_{lang}.ts"
            qm = i18n / f"piassist_{lang}.qm"
            subprocess.run([_lrelease(), "-silent", str(ts), "-qm", str(qm)], check=True)
            if not qm.is_file() or qm.stat().st_size == 0:
                raise RuntimeError(f"pyside6-lrelease wrote no {qm}")
        resources = package / "resources"
        shutil.rmtree(resources, ignore_errors=True)
        shutil.copytree(ROOT / "resources", resources)
        # The desktop integration (piassist/desktop/install.py) installs these from the package.
        for name in ("io.github.piassist.piassist.desktop", "io.github.piassist.piassist.metainfo.xml"):
            shutil.copy2(ROOT / "packaging" / name, resources / name)
        shutil.copytree(ROOT / "packaging" / "kiosk", resources / "kiosk")


setup(cmdclass={"build_py": BuildWithTranslations})
