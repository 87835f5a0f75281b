"""Will it fit: the verdict for sizes below, near and above a machine's memory, with injected figures."""

from __future__ import annotations

from pathlib import Path

import psutil
import pytest

from piassist.core.get_models.fit_check import (
    CONTEXT_ALLOWANCE,
    DISK_RESERVE,
    FitReason,
    MachineFigures,
    Verdict,
    check_fit,
    estimate_memory,
    free_disk,
    ollama_models_dir,
    read_machine_figures,
)

GB = 1_000_000_000
PI5_4GB = MachineFigures(ram_total=4 * GB, ram_available=3 * GB, swap_total=512_000_000, disk_free=20 * GB)


def test_memory_estimate_rule() -> None:
    assert estimate_memory(0) == CONTEXT_ALLOWANCE
    assert estimate_memory(1 * GB) == 1_200_000_000 + CONTEXT_ALLOWANCE


@pytest.mark.parametrize(
    ("download", "verdict", "reason"),
    [
        (400_000_000, Verdict.GREEN, FitReason.FITS),  # qwen2.5:0.5b
        (1_600_000_000, Verdict.GREEN, FitReason.FITS),  # gemma2:2b: 2.2 GB of 3 GB free
        (2_300_000_000, Verdict.AMBER, FitReason.LITTLE_FREE_MEMORY),  # 3.0 GB: all that is free now
        (3_200_000_000, Verdict.AMBER, FitReason.NEEDS_SWAP),  # 4.1 GB: more than the RAM
        (4_900_000_000, Verdict.RED, FitReason.TOO_BIG),  # llama3.1:8b: 6.1 GB > RAM + swap
    ],
)
def test_verdict_by_size_on_a_4_gb_pi(download: int, verdict: Verdict, reason: FitReason) -> None:
    result = check_fit(download, PI5_4GB)
    assert (result.verdict, result.reason) == (verdict, reason)
    assert result.memory_estimated and result.memory_needed == estimate_memory(download)
    assert result.needs_confirmation == (verdict is Verdict.RED)


def test_a_catalog_memory_figure_is_used_instead_of_the_estimate() -> None:
    result = check_fit(400_000_000, PI5_4GB, memory_needed=3_500_000_000)
    assert (result.verdict, result.reason, result.memory_needed, result.memory_estimated) == (
        Verdict.AMBER,
        FitReason.LITTLE_FREE_MEMORY,
        3_500_000_000,
        False,
    )


def test_disk_smaller_than_the_download_is_red_whatever_the_memory() -> None:
    machine = MachineFigures(ram_total=16 * GB, ram_available=15 * GB, swap_total=0, disk_free=1 * GB)
    result = check_fit(2 * GB, machine)
    assert (result.verdict, result.reasons) == (Verdict.RED, (FitReason.DISK_TOO_SMALL,))
    assert result.disk_left_after == -1 * GB


def test_a_nearly_full_disk_is_amber_and_every_reason_is_kept_worst_first() -> None:
    machine = MachineFigures(ram_total=4 * GB, ram_available=1 * GB, swap_total=0, disk_free=2 * GB)
    result = check_fit(1_500_000_000, machine)
    assert result.reasons == (FitReason.LITTLE_FREE_MEMORY, FitReason.DISK_NEARLY_FULL)
    assert result.verdict is Verdict.AMBER and result.disk_left_after == 500_000_000 < DISK_RESERVE


def test_unknown_disk_is_not_checked() -> None:
    machine = MachineFigures(ram_total=8 * GB, ram_available=7 * GB, swap_total=0, disk_free=None)
    result = check_fit(100 * GB // 100, machine)
    assert result.reasons == (FitReason.FITS,) and result.disk_left_after is None


def test_below_near_and_above_this_machines_memory() -> None:
    """This machine's real RAM and swap, the verdict for models sized around them."""
    memory, swap = psutil.virtual_memory(), psutil.swap_memory()
    machine = MachineFigures(
        ram_total=memory.total, ram_available=memory.available, swap_total=swap.total, disk_free=None
    )

    def download_for(needed: float) -> int:  # the download whose estimate is `needed` bytes
        return max(0, int((needed - CONTEXT_ALLOWANCE) / 1.2))

    assert check_fit(download_for(machine.ram_available * 0.3), machine).verdict is Verdict.GREEN
    near = check_fit(download_for(machine.ram_total * 0.98), machine)
    assert near.verdict is Verdict.AMBER, near
    above = check_fit(download_for((machine.ram_total + machine.swap_total) * 1.1), machine)
    assert (above.verdict, above.reason) == (Verdict.RED, FitReason.TOO_BIG)


def test_reading_this_machine(tmp_path: Path) -> None:
    figures = read_machine_figures(tmp_path)
    assert 0 < figures.ram_available <= figures.ram_total
    assert figures.disk_free is not None and figures.disk_free > 0
    assert read_machine_figures(None).disk_free is None
    # a folder that does not exist yet: the free space of the nearest one that does
    not_yet = free_disk(tmp_path / "not" / "yet")
    assert not_yet is not None and not_yet > 0


def test_where_ollama_keeps_models(tmp_path: Path) -> None:
    assert ollama_models_dir({"OLLAMA_MODELS": str(tmp_path)}) == tmp_path
    found = ollama_models_dir({}, home=tmp_path)
    assert found in (Path("/usr/share/ollama/.ollama/models"), tmp_path / ".ollama" / "models")
