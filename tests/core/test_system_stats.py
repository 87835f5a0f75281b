from __future__ import annotations

import stat
from pathlib import Path

import psutil
import pytest

from piassist.core.system_stats import (
    SystemSnapshot,
    ThrottleState,
    parse_throttled,
    read_snapshot,
    read_temperature,
    read_throttled,
)


def fake_command(tmp_path: Path, body: str, name: str = "vcgencmd") -> str:
    script = tmp_path / name
    script.write_text(f"#!/bin/sh\n{body}\n")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return str(script)


def test_throttle_bits_follow_the_raspberry_pi_documentation() -> None:
    state = ThrottleState.from_bits(0x50005)
    assert state.under_voltage and state.throttled
    assert not state.frequency_capped and not state.soft_temp_limit
    assert state.under_voltage_occurred and state.throttled_occurred
    assert not state.frequency_capped_occurred and not state.soft_temp_limit_occurred
    assert state.active and state.occurred

    assert ThrottleState.from_bits(0x2).frequency_capped
    assert ThrottleState.from_bits(0x8).soft_temp_limit
    assert ThrottleState.from_bits(0x20000).frequency_capped_occurred
    assert ThrottleState.from_bits(0x80000).soft_temp_limit_occurred


def test_only_past_throttling_is_not_active() -> None:
    state = ThrottleState.from_bits(0xF0000)
    assert state.occurred and not state.active
    none = ThrottleState.from_bits(0)
    assert not none.active and not none.occurred


@pytest.mark.parametrize(
    ("text", "bits"),
    [("throttled=0x0\n", 0), ("throttled=0x50005\n", 0x50005), ("throttled=0xE0008", 0xE0008)],
)
def test_parse_throttled(text: str, bits: int) -> None:
    assert parse_throttled(text) == ThrottleState.from_bits(bits)


@pytest.mark.parametrize("text", ["", 'error=1 error_msg="Command not registered"', "throttled=zz"])
def test_parse_throttled_rejects_other_output(text: str) -> None:
    assert parse_throttled(text) is None


def test_temperature_from_millidegrees(tmp_path: Path) -> None:
    temp = tmp_path / "temp"
    temp.write_text("61234\n")
    assert read_temperature(temp) == pytest.approx(61.234)


@pytest.mark.parametrize("content", ["", "hot\n", None])
def test_unreadable_temperature_is_none(tmp_path: Path, content: str | None) -> None:
    temp = tmp_path / "temp"
    if content is not None:
        temp.write_text(content)
    assert read_temperature(temp) is None
    assert read_temperature(tmp_path) is None  # a directory: OSError, not a crash


def test_throttling_from_a_fake_vcgencmd(tmp_path: Path) -> None:
    command = fake_command(tmp_path, 'test "$1" = get_throttled || exit 2\necho throttled=0x50005')
    assert read_throttled(command) == ThrottleState.from_bits(0x50005)


def test_a_failing_or_silent_vcgencmd_is_none(tmp_path: Path) -> None:
    assert read_throttled(fake_command(tmp_path, "echo throttled=0x5; exit 1", "failing")) is None
    assert read_throttled(fake_command(tmp_path, "echo 'VCHI initialization failed'", "garbled")) is None
    assert read_throttled(str(tmp_path / "missing")) is None
    assert read_throttled(None) is None


def test_a_hung_vcgencmd_times_out(tmp_path: Path) -> None:
    # exec: the shell becomes sleep, so the timeout's kill reaches the process that holds the pipe.
    command = fake_command(tmp_path, "exec sleep 30")
    assert read_throttled(command) is None


def test_snapshot_with_pi_figures(tmp_path: Path) -> None:
    temp = tmp_path / "temp"
    temp.write_text("58000\n")
    command = fake_command(tmp_path, "echo throttled=0x0")
    snapshot = read_snapshot(thermal_path=temp, vcgencmd=command)
    assert snapshot.soc_temp_c == pytest.approx(58.0)
    assert snapshot.throttled == ThrottleState()


def test_snapshot_like_a_pc(tmp_path: Path) -> None:
    snapshot = read_snapshot(thermal_path=tmp_path / "no-such-zone", vcgencmd=None)
    assert snapshot.soc_temp_c is None and snapshot.throttled is None


def test_snapshot_on_this_machine_has_sane_memory() -> None:
    snapshot = read_snapshot()
    assert isinstance(snapshot, SystemSnapshot)
    memory = psutil.virtual_memory()
    assert snapshot.ram_total == memory.total
    assert 64 * 2**20 < snapshot.ram_total < 2**50
    assert 0 < snapshot.ram_used <= snapshot.ram_total
    assert 0 <= snapshot.swap_used <= snapshot.swap_total
    # A PC has neither (this machine); a Pi has both, and then they must be plausible.
    assert snapshot.soc_temp_c is None or -20 < snapshot.soc_temp_c < 120
    assert snapshot.throttled is None or isinstance(snapshot.throttled, ThrottleState)
