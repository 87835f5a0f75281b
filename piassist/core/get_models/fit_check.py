"""Will a model fit this Pi? A verdict before downloading, from the model's size and the machine's figures.

Memory the model needs: the catalog's figure when there is one; otherwise an estimate,

    memory needed ≈ download size × 1.2 + 256 MiB

(the weights are loaded whole; about a fifth more for the compute buffers and the runner itself; 256 MiB
for the context's key/value cache at Ollama's default 4096 tokens on small models). Measured with Ollama
v0.24.0 here: SmolLM2-135M (98 MB file) takes 191 MB, Gemma 3 270M (253 MB) 478 MB; the rule says 386 MB
and 572 MB, so it errs on the safe side for tiny models and comes close for the 1–8B ones a Pi runs.

The verdict, worst first (every reason that applies is kept in `reasons`; `reason` is the worst):

    RED    DISK_TOO_SMALL     the download is larger than the free disk where the server keeps models
    RED    TOO_BIG            needs more than RAM + swap: Ollama refuses to load it (llm/server.go:
                              "model requires more system memory … than is available")
    AMBER  NEEDS_SWAP         needs more than the RAM: it can only run partly from swap, very slowly
    AMBER  LITTLE_FREE_MEMORY needs more than 90 % of the memory free now: other programs (or models still
                              loaded) must give way, or it will be slow
    AMBER  DISK_NEARLY_FULL   after the download less than 1 GiB of disk would be left
    GREEN  FITS

The figures are those of the machine the server runs on: for a server on another computer the caller
has no RAM figures and should not ask; `disk_free` is None when unknown, and the disk checks are skipped.
Nothing here is worded for people: the UI writes the sentence from the reason and the figures.
"""

from __future__ import annotations

import math
import os
import shutil
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

MIB = 1024 * 1024
WEIGHTS_FACTOR = 1.2
CONTEXT_ALLOWANCE = 256 * MIB
FREE_MEMORY_SHARE = 0.9  # GREEN only when the model takes at most this share of the memory free now
DISK_RESERVE = 1024 * MIB  # AMBER when a download would leave less free disk than this


class Verdict(Enum):
    GREEN = "green"
    AMBER = "amber"
    RED = "red"  # the UI asks for an explicit confirmation before pulling


class FitReason(Enum):
    DISK_TOO_SMALL = "disk-too-small"
    TOO_BIG = "too-big"
    NEEDS_SWAP = "needs-swap"
    LITTLE_FREE_MEMORY = "little-free-memory"
    DISK_NEARLY_FULL = "disk-nearly-full"
    FITS = "fits"

    @property
    def verdict(self) -> Verdict:
        return _VERDICTS[self]


_VERDICTS = {
    FitReason.DISK_TOO_SMALL: Verdict.RED,
    FitReason.TOO_BIG: Verdict.RED,
    FitReason.NEEDS_SWAP: Verdict.AMBER,
    FitReason.LITTLE_FREE_MEMORY: Verdict.AMBER,
    FitReason.DISK_NEARLY_FULL: Verdict.AMBER,
    FitReason.FITS: Verdict.GREEN,
}


@dataclass(frozen=True)
class MachineFigures:
    """The machine the server runs on, in bytes."""

    ram_total: int
    ram_available: int  # what programs could still get without swapping (psutil's "available")
    swap_total: int
    disk_free: int | None = None  # where the server keeps its models; None when unknown


@dataclass(frozen=True)
class FitResult:
    verdict: Verdict
    reason: FitReason  # the worst one: what the sentence is about
    reasons: tuple[FitReason, ...]  # every one that applies, worst first
    download_size: int
    memory_needed: int
    memory_estimated: bool  # True when memory_needed came from the rule, not from the catalog
    machine: MachineFigures

    @property
    def disk_left_after(self) -> int | None:
        free = self.machine.disk_free
        return None if free is None else free - self.download_size

    @property
    def needs_confirmation(self) -> bool:
        return self.verdict is Verdict.RED


def estimate_memory(download_size: int) -> int:
    """The documented rule: weights × 1.2 plus a context allowance."""
    return math.ceil(max(0, download_size) * WEIGHTS_FACTOR) + CONTEXT_ALLOWANCE


def check_fit(download_size: int, machine: MachineFigures, memory_needed: int | None = None) -> FitResult:
    """The verdict for a model of `download_size` bytes (and `memory_needed`, when a catalog says)."""
    estimated = memory_needed is None
    needed = estimate_memory(download_size) if memory_needed is None else memory_needed
    found: list[FitReason] = []
    if machine.disk_free is not None and download_size > machine.disk_free:
        found.append(FitReason.DISK_TOO_SMALL)
    if needed > machine.ram_total + machine.swap_total:
        found.append(FitReason.TOO_BIG)
    elif needed > machine.ram_total:
        found.append(FitReason.NEEDS_SWAP)
    elif needed > machine.ram_available * FREE_MEMORY_SHARE:
        found.append(FitReason.LITTLE_FREE_MEMORY)
    if (
        machine.disk_free is not None
        and FitReason.DISK_TOO_SMALL not in found
        and machine.disk_free - download_size < DISK_RESERVE
    ):
        found.append(FitReason.DISK_NEARLY_FULL)
    reasons = tuple(found) or (FitReason.FITS,)
    return FitResult(
        verdict=reasons[0].verdict,
        reason=reasons[0],
        reasons=reasons,
        download_size=download_size,
        memory_needed=needed,
        memory_estimated=estimated,
        machine=machine,
    )


# -- this machine's figures --------------------------------------------------------------------------
def ollama_models_dir(environ: dict[str, str] | None = None, home: Path | None = None) -> Path:
    """Where a local Ollama keeps models: $OLLAMA_MODELS, else the system service's folder (the official
    Linux install runs Ollama as user "ollama" with its home in /usr/share/ollama), else ~/.ollama/models."""
    env = os.environ if environ is None else environ
    if configured := env.get("OLLAMA_MODELS"):
        return Path(configured).expanduser()
    service = Path("/usr/share/ollama/.ollama/models")
    if service.exists():
        return service
    return (home or Path.home()) / ".ollama" / "models"


def free_disk(path: Path) -> int | None:
    """Free bytes on the file system holding `path` (or its nearest existing parent); None if unknown."""
    for candidate in (path, *path.parents):
        try:
            return shutil.disk_usage(candidate).free
        except OSError:
            continue
    return None


def read_machine_figures(models_dir: Path | None) -> MachineFigures:
    """This machine's memory and swap now, and the free disk at `models_dir` (None: not checked).
    psutil reads /proc: cheap, but call it off the GUI thread on a busy Pi like other system reads."""
    import psutil

    memory = psutil.virtual_memory()
    return MachineFigures(
        ram_total=int(memory.total),
        ram_available=int(memory.available),
        swap_total=int(psutil.swap_memory().total),
        disk_free=free_disk(models_dir) if models_dir is not None else None,
    )
