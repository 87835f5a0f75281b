"""PiAssist on Pi OS Bookworm, as far as this machine can prove it: a Debian bookworm arm64 userland run
through qemu-user-static (scripts/arm64_root.py, cached outside the clone), the project's wheel installed
there with pip, and the app started there offscreen against the real Ollama on loopback.

Cold, the first run builds the userland (debootstrap) and its venv with PiAssist's dependencies, which take
minutes; warm, only the fresh wheel is installed (--no-deps) and the app started. The seconds are recorded
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

import harness

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow
# What pip installs for aarch64 on Debian 12's glibc 2.36: the oldest PySide6 PiAssist supports.
BOOKWORM_PYSIDE = "6.8.0.2"


def as_root() -> list[str]:
    """debootstrap, chroot and mount need root: run the script as root, or through sudo without a password."""
    return [] if os.geteuid() == 0 else ["sudo", "-n", "--preserve-env=PIASSIST_CACHE"]


@pytest.mark.timeout(1800)  # a cold run builds the userland (about 5 minutes here, more on a slow mirror)
def test_the_wheel_installs_and_starts_on_debian_bookworm_arm64(
    wheel: Path, ollama: harness.OllamaServer, record_property: pytest.RecordProperty
) -> None:
    started = time.monotonic()
    script = ROOT / "scripts" / "arm64_root.py"
    result = subprocess.run(
        [*as_root(), sys.executable, str(script), "check", str(wheel), "--host", ollama.host, "--lang", "uk"],
        check=False,
        capture_output=True,
        text=True,
        timeout=1700,
    )
    seconds = round(time.monotonic() - started, 1)
    lines = result.stdout.strip().splitlines()
    assert lines, f"arm64_root.py printed nothing (exit {result.returncode}):\n{result.stderr[-4000:]}"
    outcome = json.loads(lines[-1])
    report = outcome["report"]
    assert result.returncode == 0 and report is not None, outcome["stderr"] or result.stderr[-4000:]

    timings = {
        key: outcome[key] for key in ("root_seconds", "venv_seconds", "install_seconds", "run_seconds")
    }
    for key, value in {**timings, "total_seconds": seconds}.items():
        record_property(f"arm64_{key}", value)
    print(f"\narm64 bookworm: {seconds} s in all ({json.dumps(timings)}), app ready in {report['seconds']} s")

    assert report["machine"] == "aarch64"
    assert report["pyside"] == BOOKWORM_PYSIDE
    assert report["python"].startswith("3.11.")  # Debian 12's Python, as on Pi OS Bookworm
    assert report["package"].startswith("/opt/piassist-venv/"), "the installed wheel, not a checkout"
    assert report["window_visible"] is True
    assert report["window_title"] == "PiAssist"
    assert report["qm_files"] == ["piassist_en.qm", "piassist_uk.qm"]
    assert report["language"] == "uk"
    assert report["quit_text"] == "&Вийти"
    assert report["models"] == sorted([harness.DEMO_MODEL, harness.SECOND_MODEL])
