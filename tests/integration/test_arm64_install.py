"""PiAssist on Pi OS Bookworm and Pi OS Trixie, as far as this machine can prove it: Debian bookworm and
trixie arm64 userlands run through qemu-user-static (scripts/arm64_root.py, cached outside the clone), the
project's wheel installed there and started offscreen against the real Ollama on loopback.

Two ways in each userland: the wheel installed with pip (--no-deps) into a venv of PiAssist's
dependencies (`check`), and packaging/install.sh run as the user `pi` in a fresh home from the userland's
own wheels, with no network (`install-sh`), the app it installed started, then `install.sh --uninstall`.

Cold, the first run builds each userland (debootstrap), its Debian extras, its wheels and its venv, which
take minutes; warm, only the fresh wheel is installed and the app started. The seconds are recorded
(record_property) and printed.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from scripts import harness

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [pytest.mark.slow, pytest.mark.platform]
# What pip installs for aarch64 on Debian 12's glibc 2.36: the oldest PySide6 PiAssist supports. On
# Debian 13 pip takes the newest PySide6 pyproject.toml allows (6.11.3 when this was written).
SUITES = {
    "bookworm": {"python": "3.11.", "pyside": "6.8.0.2"},
    "trixie": {"python": "3.13.", "pyside": None},
}
TIMINGS = ("root_seconds", "extras_seconds", "wheels_seconds", "venv_seconds", "install_seconds")
TIMINGS += ("run_seconds",)


def as_root() -> list[str]:
    """debootstrap, chroot and mount need root: run the script as root, or through sudo without a password."""
    return [] if os.geteuid() == 0 else ["sudo", "-n", "--preserve-env=PIASSIST_CACHE"]


def arm64_root(suite: str, command: str, wheel: Path, host: str) -> tuple[dict[str, object], float]:
    started = time.monotonic()
    result = subprocess.run(
        [
            *as_root(),
            sys.executable,
            "-m",
            "scripts.arm64_root",
            "--suite",
            suite,
            command,
            str(wheel),
            "--host",
            host,
        ],
        check=False,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=2600,
    )
    seconds = round(time.monotonic() - started, 1)
    lines = result.stdout.strip().splitlines()
    assert lines, f"arm64_root.py printed nothing (exit {result.returncode}):\n{result.stderr[-4000:]}"
    outcome: dict[str, object] = json.loads(lines[-1])
    failure = outcome.get("stderr") or result.stderr[-4000:]
    assert result.returncode == 0 and outcome["report"] is not None, failure
    return outcome, seconds


def check_report(report: dict[str, object], suite: str) -> None:
    expected = SUITES[suite]
    assert report["machine"] == "aarch64"
    assert str(report["python"]).startswith(str(expected["python"]))  # the Python Pi OS has
    if expected["pyside"] is not None:
        assert report["pyside"] == expected["pyside"]
    else:  # newer than Bookworm's, and not the release pyproject.toml excludes
        version = tuple(int(part) for part in str(report["pyside"]).split(".")[:2])
        assert version >= (6, 9) and report["pyside"] != "6.12.0"
    assert report["window_visible"] is True
    assert report["window_title"] == "PiAssist"
    assert report["qm_files"] == ["piassist_en.qm", "piassist_uk.qm"]
    assert report["language"] == "uk"
    assert report["quit_text"] == "&Вийти"
    assert report["models"] == sorted([harness.DEMO_MODEL, harness.SECOND_MODEL])


@pytest.mark.timeout(2700)  # a cold run builds the userland (5–15 minutes here, more on a slow mirror)
@pytest.mark.parametrize("suite", sorted(SUITES))
def test_the_wheel_installs_and_starts_on_debian_arm64(
    suite: str, wheel: Path, ollama: harness.OllamaServer, record_property: pytest.RecordProperty
) -> None:
    outcome, seconds = arm64_root(suite, "check", wheel, ollama.host)
    report = outcome["report"]
    assert isinstance(report, dict)

    timings = {key: outcome[key] for key in TIMINGS}
    for key, value in {**timings, "total_seconds": seconds}.items():
        record_property(f"arm64_{suite}_{key}", value)
    print(
        f"\narm64 {suite}: Python {report['python']}, PySide6-Essentials {report['pyside']}; {seconds} s in "
        f"all ({json.dumps(timings)}), app ready in {report['seconds']} s"
    )
    check_report(report, suite)
    assert str(report["package"]).startswith("/opt/piassist-venv/"), "the installed wheel, not a checkout"


@pytest.mark.timeout(2700)
@pytest.mark.parametrize("suite", sorted(SUITES))
def test_install_sh_installs_offline_starts_and_uninstalls_on_debian_arm64(
    suite: str, wheel: Path, ollama: harness.OllamaServer, record_property: pytest.RecordProperty
) -> None:
    outcome, seconds = arm64_root(suite, "install-sh", wheel, ollama.host)
    report = outcome["report"]
    assert isinstance(report, dict)

    steps = {key: outcome[key] for key in ("install_sh_seconds", "run_seconds", "uninstall_seconds")}
    for key, value in {**steps, "total_seconds": seconds}.items():
        record_property(f"arm64_{suite}_{key}", value)
    print(f"\ninstall.sh on arm64 {suite}: {seconds} s in all ({json.dumps(steps)})")
    # As a Pi user runs it: Debian's packages found, PiAssist from the wheels with Debian's pipx.
    output = str(outcome["install_sh_output"])
    assert "Debian packages: all there" in output and "installing PiAssist (pipx install piassist)" in output
    assert outcome["version"] == f"PiAssist {wheel.name.split('-')[1]}"
    check_report(report, suite)
    assert "/pipx/venvs/piassist/" in str(report["package"]), "the app install.sh installed"
    assert outcome["left_after_uninstall"] == [], "install.sh --uninstall gives the home back as it was"
