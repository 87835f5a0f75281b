"""What the machine has left for the model: memory and swap (psutil), and on a Raspberry Pi the SoC
temperature and the firmware's throttling flags. On a PC the Pi-only parts are None, never an error.

read_snapshot() blocks (files, a subprocess): call it off the GUI thread.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from enum import Enum
from functools import cache
from pathlib import Path

import psutil

THERMAL_PATH = Path("/sys/class/thermal/thermal_zone0/temp")
VCGENCMD_TIMEOUT = 1.0  # seconds; the firmware answers in milliseconds, a hung one must not stall sampling
_THROTTLED = re.compile(r"throttled=(0x[0-9a-fA-F]+)")


@dataclass(frozen=True, slots=True)
class ThrottleState:
    """`vcgencmd get_throttled`, bit by bit (Raspberry Pi documentation, "get_throttled")."""

    under_voltage: bool = False  # bit 0
    frequency_capped: bool = False  # bit 1: the ARM clock is held below its maximum
    throttled: bool = False  # bit 2
    soft_temp_limit: bool = False  # bit 3
    under_voltage_occurred: bool = False  # bits 16-19: the same, at any time since boot
    frequency_capped_occurred: bool = False
    throttled_occurred: bool = False
    soft_temp_limit_occurred: bool = False

    @classmethod
    def from_bits(cls, bits: int) -> ThrottleState:
        return cls(
            under_voltage=bool(bits & 1 << 0),
            frequency_capped=bool(bits & 1 << 1),
            throttled=bool(bits & 1 << 2),
            soft_temp_limit=bool(bits & 1 << 3),
            under_voltage_occurred=bool(bits & 1 << 16),
            frequency_capped_occurred=bool(bits & 1 << 17),
            throttled_occurred=bool(bits & 1 << 18),
            soft_temp_limit_occurred=bool(bits & 1 << 19),
        )

    @property
    def active(self) -> bool:
        """Something slows the Pi down right now."""
        return self.under_voltage or self.frequency_capped or self.throttled or self.soft_temp_limit

    @property
    def occurred(self) -> bool:
        """Something slowed the Pi down at some time since boot."""
        return (
            self.under_voltage_occurred
            or self.frequency_capped_occurred
            or self.throttled_occurred
            or self.soft_temp_limit_occurred
        )


@dataclass(frozen=True, slots=True)
class SystemSnapshot:
    ram_used: int  # bytes: total minus available, i.e. what programs hold and the kernel cannot free
    ram_total: int
    swap_used: int
    swap_total: int
    soc_temp_c: float | None = None  # None where the machine does not say
    throttled: ThrottleState | None = None  # None without vcgencmd (any machine but a Pi)


class _Find(Enum):
    ON_PATH = "on PATH"


def parse_throttled(text: str) -> ThrottleState | None:
    """`throttled=0x50005` → its flags; None for anything else."""
    match = _THROTTLED.search(text)
    return ThrottleState.from_bits(int(match.group(1), 16)) if match else None


def read_temperature(path: Path = THERMAL_PATH) -> float | None:
    """The thermal zone's temperature in °C (the kernel writes millidegrees), None if unreadable."""
    try:
        return int(path.read_text(encoding="ascii").strip()) / 1000
    except (OSError, ValueError):
        return None


def read_throttled(vcgencmd: str | None) -> ThrottleState | None:
    if vcgencmd is None:
        return None
    try:
        done = subprocess.run(
            [vcgencmd, "get_throttled"],
            capture_output=True,
            text=True,
            timeout=VCGENCMD_TIMEOUT,
            check=False,
        )
    except (OSError, ValueError, subprocess.SubprocessError):  # SubprocessError covers the timeout
        return None
    if done.returncode != 0:
        return None
    return parse_throttled(done.stdout)


@cache
def _vcgencmd_on_path() -> str | None:
    # Looked up once: PATH does not gain vcgencmd while the app runs, and the search costs stat calls.
    return shutil.which("vcgencmd")


def read_snapshot(
    *, thermal_path: Path = THERMAL_PATH, vcgencmd: str | _Find | None = _Find.ON_PATH
) -> SystemSnapshot:
    """Memory, swap, temperature and throttling now. vcgencmd: a path, None for "there is none", or by
    default whatever `shutil.which('vcgencmd')` finds."""
    memory = psutil.virtual_memory()
    swap = psutil.swap_memory()
    command = _vcgencmd_on_path() if isinstance(vcgencmd, _Find) else vcgencmd
    return SystemSnapshot(
        ram_used=max(0, memory.total - memory.available),
        ram_total=memory.total,
        swap_used=swap.used,
        swap_total=swap.total,
        soc_temp_c=read_temperature(thermal_path),
        throttled=read_throttled(command),
    )
