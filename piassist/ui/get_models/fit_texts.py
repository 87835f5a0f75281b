"""The "will it fit" verdict and the catalog's keys in plain, translated words."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale

from piassist.core.benchmark.results import ModelSummary
from piassist.core.get_models.catalog import Ukrainian
from piassist.core.get_models.fit_check import FitReason, FitResult, Verdict
from piassist.ui.common.formatting import size

VERDICT_COLOURS = {Verdict.GREEN: "#2e7d32", Verdict.AMBER: "#b26a00", Verdict.RED: "#c62828"}


def verdict_word(verdict: Verdict | None) -> str:
    if verdict is Verdict.GREEN:
        return QCoreApplication.translate("FitTexts", "Fits")
    if verdict is Verdict.AMBER:
        return QCoreApplication.translate("FitTexts", "Tight")
    if verdict is Verdict.RED:
        return QCoreApplication.translate("FitTexts", "Too big")
    return QCoreApplication.translate("FitTexts", "Unknown")


def fit_sentence(fit: FitResult) -> str:
    """One sentence about the worst reason, with the figures."""
    machine = fit.machine
    needed, ram = size(fit.memory_needed), size(machine.ram_total)
    if fit.reason is FitReason.DISK_TOO_SMALL:
        text = QCoreApplication.translate(
            "FitTexts", "The download (%1) is larger than the free space on the disk (%2)."
        )
        return text.replace("%1", size(fit.download_size)).replace("%2", size(machine.disk_free or 0))
    if fit.reason is FitReason.TOO_BIG:
        text = QCoreApplication.translate(
            "FitTexts", "Needs about %1 of memory; this computer has %2 with swap. It will not run here."
        )
        return text.replace("%1", needed).replace("%2", size(machine.ram_total + machine.swap_total))
    if fit.reason is FitReason.NEEDS_SWAP:
        text = QCoreApplication.translate(
            "FitTexts",
            "Needs about %1 of memory; this computer has %2. It will run partly from swap, very slowly.",
        )
        return text.replace("%1", needed).replace("%2", ram)
    if fit.reason is FitReason.LITTLE_FREE_MEMORY:
        text = QCoreApplication.translate(
            "FitTexts", "Needs about %1 of memory; %2 is free now. Close other programs, or it will be slow."
        )
        return text.replace("%1", needed).replace("%2", size(machine.ram_available))
    if fit.reason is FitReason.DISK_NEARLY_FULL:
        text = QCoreApplication.translate(
            "FitTexts", "Fits in memory, but the download (%1) would leave only %2 free on the disk."
        )
        return text.replace("%1", size(fit.download_size)).replace(
            "%2", size(max(0, fit.disk_left_after or 0))
        )
    text = QCoreApplication.translate("FitTexts", "Fits: needs about %1 of memory, and %2 is free now.")
    return text.replace("%1", needed).replace("%2", size(machine.ram_available))


def remote_sentence(download_size: int) -> str:
    text = QCoreApplication.translate(
        "FitTexts", "Ollama runs on another computer, so PiAssist cannot check its memory. Download: %1."
    )
    return text.replace("%1", size(download_size))


def uses_text(uses: tuple[str, ...]) -> str:
    words = {
        "tiny": QCoreApplication.translate("FitTexts", "tiny and quick, for trying things out"),
        "chat": QCoreApplication.translate("FitTexts", "everyday questions"),
        "reasoning": QCoreApplication.translate("FitTexts", "thinks step by step"),
        "code": QCoreApplication.translate("FitTexts", "programming"),
        "images": QCoreApplication.translate("FitTexts", "describes pictures"),
        "languages": QCoreApplication.translate("FitTexts", "many languages"),
    }
    # Translators: joins the things a model is good for, e.g. "everyday questions, programming".
    separator = QCoreApplication.translate("FitTexts", ", ")
    text = separator.join(words[u] for u in uses if u in words)
    return text[:1].upper() + text[1:]


def ukrainian_text(level: Ukrainian) -> str:
    if level is Ukrainian.GOOD:
        return QCoreApplication.translate("FitTexts", "Good")
    if level is Ukrainian.BASIC:
        return QCoreApplication.translate("FitTexts", "Weak")
    return QCoreApplication.translate("FitTexts", "No")


def measured_verdict(measured: ModelSummary) -> Verdict:
    """A benchmark's figures as a badge: it did not load here (red), it runs too slowly to talk to (amber),
    or it runs (green)."""
    if measured.failure is not None or measured.answer_rate is None:
        return Verdict.RED
    return Verdict.AMBER if measured.too_slow else Verdict.GREEN


def measured_word(measured: ModelSummary) -> str:
    if measured.failure is not None or measured.answer_rate is None:
        return QCoreApplication.translate("FitTexts", "Did not load here")
    rate = QLocale().toString(measured.answer_rate, "f", 1)
    return QCoreApplication.translate("FitTexts", "%1 tokens/s here").replace("%1", rate)


def measured_sentence(measured: ModelSummary) -> str:
    if measured.failure is not None:
        return QCoreApplication.translate(
            "FitTexts", "A benchmark on this computer could not load it: %1"
        ).replace("%1", _failure_line(measured))
    rate = QLocale().toString(measured.answer_rate or 0.0, "f", 1)
    if measured.too_slow:
        text = QCoreApplication.translate(
            "FitTexts", "Measured on this computer: %1 tokens/s, too slow to talk to."
        )
    else:
        text = QCoreApplication.translate("FitTexts", "Measured on this computer: %1 tokens/s.")
    return text.replace("%1", rate)


def _failure_line(measured: ModelSummary) -> str:
    from piassist.ui.benchmark.texts import BenchmarkTexts

    assert measured.failure is not None
    return BenchmarkTexts().failure(measured.failure)
