"""The live gauge in the chat's status area: how fast the model writes, and what the machine has left.

It is fed from outside (the chat session's chunks, the system monitor's snapshots) and never asks the
server anything. Per streamed token it only records a time; the labels change at most four times a
second, so the gauge costs the model next to nothing however fast it writes.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from enum import Enum

from PySide6.QtCore import QLocale, QTimer
from PySide6.QtWidgets import QHBoxLayout, QLabel, QStyle, QWidget

from piassist.core.chat_types import GenerationStats
from piassist.core.rate import Series, TokenRate
from piassist.core.system_stats import SystemSnapshot, ThrottleState
from piassist.ui.chat.sparkline import Sparkline
from piassist.ui.common.appearance import warning_colour
from piassist.ui.common.formatting import size
from piassist.ui.common.retranslate import Retranslating
from piassist.ui.common.widgets import named

MIN_LABEL_INTERVAL = 0.25  # seconds between two changes of the speed label: at most 4 a second
TICK_MS = 1000  # the waiting phase counts whole seconds; while streaming it lets a stalled rate fall


class Phase(Enum):
    IDLE = "idle"
    WAITING = "waiting"  # the question is sent, no token yet
    STREAMING = "streaming"
    FINISHED = "finished"


def number(value: float, decimals: int = 1) -> str:
    return QLocale().toString(float(value), "f", decimals)


def _power(n_bytes: int) -> int:
    """The unit QLocale.formattedDataSize picks with SI units: 0 bytes, 1 kB, 2 MB, 3 GB..."""
    return int(math.log10(n_bytes)) // 3 if n_bytes > 0 else 0


def _decimals(n_bytes: int) -> int:
    # "190 MB" and "3.8 GB": a decimal only where it says something, to keep the row short.
    return 0 if n_bytes < 1000 or n_bytes / 1000 ** _power(n_bytes) >= 100 else 1


def compact_size(n_bytes: int) -> str:
    return QLocale().formattedDataSize(n_bytes, _decimals(n_bytes), QLocale.DataSizeFormat.DataSizeSIFormat)


def used_of(used: int, total: int) -> tuple[str, str]:
    """('1.2', '3.8 GB'): the used amount in the total's unit and precision, so that the pair reads
    as "1.2 / 3.8 GB"."""
    power = _power(total)
    used_text = number(used / 1000**power, _decimals(total)) if power else QLocale().toString(used)
    return used_text, compact_size(total)


class GaugeBar(Retranslating, QWidget):
    def __init__(self, parent: QWidget | None = None, clock: Callable[[], float] = time.monotonic) -> None:
        super().__init__(parent)
        self.setObjectName("gaugeBar")
        self._clock = clock
        self._phase = Phase.IDLE
        self._rate = TokenRate()
        self._live_rate: float | None = None
        self._shown_at = -math.inf  # when the speed label last changed
        self._wait_started = 0.0
        self._stats: GenerationStats | None = None
        self._snapshot: SystemSnapshot | None = None
        self._model_bytes: int | None = None
        self._rate_history = Series(span=60.0, capacity=256)  # 4 a second at most: 240 a minute
        self._ram_history = Series(span=60.0, capacity=64)

        self.rate_chart = named(Sparkline(), "gaugeRateChart")
        self.phase_label = named(QLabel(), "gaugePhase")
        self.ram_chart = named(Sparkline(), "gaugeRamChart")
        self.ram_label = named(QLabel(), "gaugeRam")
        self.swap_label = named(QLabel(), "gaugeSwap")
        self.model_label = named(QLabel(), "gaugeModel")
        self.temp_label = named(QLabel(), "gaugeTemp")
        self.warning_label = named(QLabel(), "gaugeWarning")
        icon = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning)
        self.warning_label.setPixmap(icon.pixmap(16, 16))
        for label in (self.ram_label, self.swap_label, self.model_label, self.temp_label, self.warning_label):
            label.hide()  # until there is something to show

        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        # The charts stand left of their labels: a label's width changes with its figures, and then
        # only what follows it moves.
        layout.addWidget(self.rate_chart)
        layout.addWidget(self.phase_label)
        layout.addSpacing(8)
        layout.addWidget(self.ram_chart)
        layout.addWidget(self.ram_label)
        layout.addWidget(self.swap_label)
        layout.addWidget(self.model_label)
        layout.addWidget(self.temp_label)
        layout.addWidget(self.warning_label)
        layout.addStretch(1)

        self.timer = QTimer(self)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self.refresh)
        self.retranslate_ui()

    @property
    def phase(self) -> Phase:
        return self._phase

    # --- generation ---------------------------------------------------------------------------

    def begin_waiting(self) -> None:
        """The question has gone to the server: count the seconds until the first token."""
        self._phase = Phase.WAITING
        self._rate.reset()
        self._live_rate = None
        self._stats = None
        self._wait_started = self._clock()
        self.timer.start()
        self._show_phase()

    def on_tokens(self, count: int = 1) -> None:
        """Tokens arrived (one streamed chunk is about one token). Called per chunk: keep it cheap."""
        now = self._clock()
        self._rate.add(now, count)
        if self._phase is not Phase.STREAMING:
            self._phase = Phase.STREAMING
            if not self.timer.isActive():
                self.timer.start()
            self._show_rate(now)
        elif now - self._shown_at >= MIN_LABEL_INTERVAL:
            self._show_rate(now)

    def finish(self, stats: GenerationStats | None) -> None:
        """The answer ended. The server's figures replace the live estimate and stay until the next
        question; without them (a stopped answer) the last estimate stays."""
        self.timer.stop()
        if self._phase is Phase.STREAMING:
            self._live_rate = self._rate.rate(self._clock())
        self._phase = Phase.FINISHED
        self._stats = stats
        self._show_phase()

    def clear(self) -> None:
        self.timer.stop()
        self._phase = Phase.IDLE
        self._rate.reset()
        self._live_rate = None
        self._stats = None
        self._show_phase()

    def refresh(self) -> None:
        """The timer's tick: the waiting phase's seconds, or the rate of a stream that went quiet."""
        if self._phase is Phase.WAITING:
            self._show_phase()
        elif self._phase is Phase.STREAMING:
            now = self._clock()
            if now - self._shown_at >= MIN_LABEL_INTERVAL:
                self._show_rate(now)

    # --- system ---------------------------------------------------------------------------------

    def set_snapshot(self, snapshot: SystemSnapshot) -> None:
        self._snapshot = snapshot
        now = self._clock()
        self._ram_history.add(now, float(snapshot.ram_used))
        self.ram_chart.set_series(self._ram_history.values(now), float(snapshot.ram_total))
        if self._phase is not Phase.STREAMING and self._rate_history.values(now):
            # Between answers the model writes nothing: say so on the speed chart as time passes (from
            # the first answer on: before it, the chart stays empty rather than a line of zeros).
            self._rate_history.add(now, 0.0)
            self.rate_chart.set_series(self._rate_history.values(now), None)
        self._show_system()

    def set_model_memory(self, n_bytes: int | None) -> None:
        """Memory the loaded model takes (Ollama's /api/ps), or None when no model is loaded."""
        self._model_bytes = n_bytes
        self._show_model()

    # --- text -----------------------------------------------------------------------------------

    def retranslate_ui(self) -> None:
        self.rate_chart.setAccessibleName(self.tr("Writing speed over the last minute"))
        self.ram_chart.setAccessibleName(self.tr("Memory use over the last minute"))
        self.warning_label.setAccessibleName(self.tr("The Raspberry Pi is slowing itself down"))
        # Room for a typical speed and a long wait, so that the figures changing do not shake the row;
        # the label never gets less (on an 800-pixel screen the figures beside it take the rest).
        samples = (self.tr("%1 tokens/s").replace("%1", number(88.8)), self.waiting_text(88))
        metrics = self.phase_label.fontMetrics()
        self.phase_label.setMinimumWidth(max(metrics.horizontalAdvance(s) for s in samples))
        self._show_phase()
        self._show_system()
        self._show_model()

    def waiting_text(self, seconds: int) -> str:
        """Short: it shares the row with the memory figures; the tooltip says what is going on."""
        return self.tr("Reading… %n s", "", seconds)

    def describe_stats(self, stats: GenerationStats) -> str:
        """The server's figures for one answer, one per line."""
        lines = []
        if stats.eval_rate is not None:
            lines.append(self.tr("Writing: %1 tokens/s").replace("%1", number(stats.eval_rate)))
        if stats.prompt_rate is not None:
            lines.append(
                self.tr("Reading the question: %1 tokens/s").replace("%1", number(stats.prompt_rate))
            )
        if stats.load_duration_ns > 0:
            lines.append(
                self.tr("Loading the model: %1 s").replace("%1", number(stats.load_duration_ns / 1e9))
            )
        lines.append(self.tr("%n token(s) written", "", stats.eval_count))
        lines.append(self.tr("%n question token(s) read", "", stats.prompt_tokens_read))
        if stats.prompt_tokens_cached:
            lines.append(self.tr("%n question token(s) from cache", "", stats.prompt_tokens_cached))
        if stats.total_duration_ns > 0:
            lines.append(self.tr("Total time: %1 s").replace("%1", number(stats.total_duration_ns / 1e9)))
        return "\n".join(lines)

    def _show_rate(self, now: float) -> None:
        self._shown_at = now
        self._live_rate = self._rate.rate(now)
        if self._live_rate is not None:
            self._rate_history.add(now, self._live_rate)
            self.rate_chart.set_series(self._rate_history.values(now), None)
        self._show_phase()

    def _show_phase(self) -> None:
        if self._phase is Phase.WAITING:
            seconds = max(0, int(self._clock() - self._wait_started))
            text = self.waiting_text(seconds)
            tip = self.tr(
                "The model reads your question before it writes the first word; "
                "if it is not in memory yet, it loads first."
            )
        elif self._phase is Phase.STREAMING:
            if self._live_rate is None:
                text = self.tr("Writing…")
            else:
                text = self.tr("%1 tokens/s").replace("%1", number(self._live_rate))
            window = round(self._rate.window)
            tip = self.tr("Writing speed over the last %n second(s)", "", window)
            tip += "\n" + self.tr("%n token(s) so far", "", self._rate.total)
        elif self._phase is Phase.FINISHED:
            rate = self._stats.eval_rate if self._stats is not None else None
            rate = self._live_rate if rate is None else rate
            text = self.tr("%1 tokens/s").replace("%1", number(rate)) if rate is not None else ""
            if self._stats is not None:
                tip = self.describe_stats(self._stats)
            elif rate is not None:
                tip = self.tr("Measured here: the server sent no figures for this answer")
            else:
                tip = ""
        else:
            text = tip = ""
        _set_text(self.phase_label, text)
        self.phase_label.setToolTip(tip)

    def _show_system(self) -> None:
        snapshot = self._snapshot
        if snapshot is None:
            return
        used, total = used_of(snapshot.ram_used, snapshot.ram_total)
        _set_text(self.ram_label, self.tr("RAM %1 / %2").replace("%1", used).replace("%2", total))
        self.ram_label.setToolTip(
            self.tr("Memory used by all programs: %1 of %2")
            .replace("%1", size(snapshot.ram_used))
            .replace("%2", size(snapshot.ram_total))
        )
        self.ram_label.show()

        if snapshot.swap_total > 0:
            used, total = used_of(snapshot.swap_used, snapshot.swap_total)
            _set_text(self.swap_label, self.tr("swap %1 / %2").replace("%1", used).replace("%2", total))
            self.swap_label.setToolTip(
                self.tr(
                    "Swap in use: disk space standing in for memory. A model that does not fit in "
                    "memory spills into swap and then writes very slowly."
                )
            )
        self.swap_label.setVisible(snapshot.swap_total > 0)

        throttled = snapshot.throttled
        slowed = throttled is not None and throttled.active
        flags = self.describe_throttling(throttled) if throttled is not None else ""
        if snapshot.soc_temp_c is not None:
            _set_text(self.temp_label, self.tr("%1 °C").replace("%1", number(snapshot.soc_temp_c, 0)))
            tip = self.tr("Processor temperature. A Raspberry Pi slows itself down from about 80 °C.")
            self.temp_label.setToolTip(f"{tip}\n{flags}" if flags else tip)
            self.temp_label.setStyleSheet(f"color: {warning_colour(self.palette())};" if slowed else "")
        self.temp_label.setVisible(snapshot.soc_temp_c is not None)
        self.warning_label.setToolTip(flags)
        self.warning_label.setVisible(slowed)

    def describe_throttling(self, state: ThrottleState) -> str:
        """The firmware's flags in words, one per line: what holds the Pi back now, then since boot."""
        lines = [
            text
            for flag, text in (
                (state.under_voltage, self.tr("Under-voltage now: the power supply gives too little")),
                (state.frequency_capped, self.tr("Processor speed capped now")),
                (state.throttled, self.tr("Processor throttled now")),
                (state.soft_temp_limit, self.tr("Soft temperature limit reached now")),
                (state.under_voltage_occurred, self.tr("Under-voltage has occurred since start-up")),
                (state.frequency_capped_occurred, self.tr("Speed capping has occurred since start-up")),
                (state.throttled_occurred, self.tr("Throttling has occurred since start-up")),
                (
                    state.soft_temp_limit_occurred,
                    self.tr("Soft temperature limit has occurred since start-up"),
                ),
            )
            if flag
        ]
        return "\n".join(lines) if lines else self.tr("No throttling since start-up")

    def _show_model(self) -> None:
        if self._model_bytes is not None:
            _set_text(self.model_label, self.tr("model %1").replace("%1", compact_size(self._model_bytes)))
            self.model_label.setToolTip(self.tr("Memory the loaded model takes, as Ollama reports it"))
        self.model_label.setVisible(self._model_bytes is not None)


def _set_text(label: QLabel, text: str) -> None:
    # An unchanged text costs no relayout and no repaint.
    if label.text() != text:
        label.setText(text)
