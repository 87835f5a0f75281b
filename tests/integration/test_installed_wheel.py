"""The wheel built from the sdist carries everything, and the installed app finds it outside the checkout.

The wheel is built the way a release is (python -m build: sdist first, the wheel from the sdist), installed
into a venv of its own, and started from a folder outside the checkout against the real Ollama.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import tarfile
import zipfile
from pathlib import Path

import pytest

from scripts import harness
from tests.integration.conftest import only

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow


@pytest.mark.without_ollama
def test_the_sdist_carries_the_sources_the_wheel_is_built_from(dist: Path) -> None:
    with tarfile.open(only(dist, "*.tar.gz")) as sdist:
        names = {name.split("/", 1)[1] for name in sdist.getnames() if "/" in name}
    assert {"translations/piassist_uk.ts", "translations/piassist_en.ts", "setup.py"} <= names
    assert "resources/catalog.json" in names
    assert {
        "packaging/io.github.piassist.piassist.desktop",
        "packaging/io.github.piassist.piassist.metainfo.xml",
        "packaging/kiosk/piassist-kiosk",
        "packaging/kiosk/piassist-kiosk-x11",
        "packaging/install.sh",
    } <= names
    assert not [n for n in names if n.endswith(".qm")], "compiled translations are built, never shipped"


@pytest.mark.without_ollama
def test_the_wheel_carries_compiled_translations_and_resources(dist: Path) -> None:
    with zipfile.ZipFile(only(dist, "*.whl")) as wheel:
        sizes = {info.filename: info.file_size for info in wheel.infolist()}
    for lang in ("uk", "en"):
        assert sizes.get(f"piassist/i18n/piassist_{lang}.qm", 0) > 0
    # The Ukrainian file holds every text; English only its plural forms.
    assert sizes["piassist/i18n/piassist_uk.qm"] > 5 * sizes["piassist/i18n/piassist_en.qm"]
    for name in (
        "piassist/resources/catalog.json",
        "piassist/resources/icons/piassist.svg",
        "piassist/resources/icons/piassist-256.png",
        "piassist/resources/io.github.piassist.piassist.desktop",
        "piassist/resources/io.github.piassist.piassist.metainfo.xml",
        "piassist/resources/kiosk/piassist-kiosk",
        "piassist/resources/kiosk/piassist-kiosk-x11",
    ):
        assert sizes.get(name, 0) > 0, name


def test_the_installed_wheel_starts_in_ukrainian_and_lists_the_real_models(
    dist: Path, ollama: harness.OllamaServer, tmp_path: Path
) -> None:
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    # The dependencies come from the project's venv (no download); PiAssist itself only from the wheel.
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    Path(site, "project_deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--no-deps", str(only(dist, "*.whl"))], check=True
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    check = shutil.copy(ROOT / "scripts" / "installed_check.py", elsewhere)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PIASSIST_HOME")}
    env.update(QT_QPA_PLATFORM="offscreen", PIASSIST_HOME=str(tmp_path / "home"))
    result = subprocess.run(
        [str(python), check, "--host", ollama.host, "--lang", "uk"],
        check=False,
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert Path(report["package"]).is_relative_to(venv), "the installed package, not the checkout"
    assert report["qm_files"] == ["piassist_en.qm", "piassist_uk.qm"]
    assert report["language"] == "uk"
    assert report["quit_text"] == "&Вийти"
    assert report["window_visible"] is True
    assert report["catalog_models"] > 10
    assert 256 in report["icon_sizes"]
    assert report["models"] == sorted([harness.DEMO_MODEL, harness.SECOND_MODEL])
