"""One progress for a whole model pull, out of the per-layer status events Ollama streams.

What Ollama sends on POST /api/pull (server/images.go PullModel, server/download.go; the same in v0.24.0
and v0.34.4):

    {"status": "pulling manifest"}
    {"status": "pulling b179c9523d0e", "digest": "sha256:b179…", "total": 98362432, "completed": 622592}
        … on a 60 ms tick while a layer downloads, one layer after another (the model first, then the small
        ones: template, parameters, licence, config); a layer already on disk comes once, completed == total
    {"status": "verifying sha256 digest"}         once; then every new file is read again, with no figures
    {"status": "writing manifest"}
    {"status": "removing unused layers"}          only when a newer version replaced layers
    {"status": "success"}

Models made of many tensor blobs come as one "pulling model" layer (digest "sha256:model") instead.
`completed` is left out while it is 0, and can go *down* (download.go rolls back the bytes of a part that
failed), so the tracker keeps the highest value each layer reached.

The tick is all there is: a layer reports only while the client waits for it. Up to v0.29 a finished part
was noticed on a one-second tick, so every layer sent a few events with completed == total before the next
began. From v0.30 a layer ends the moment its last byte arrives: a small layer may send no event at all,
and the big one's last event can say 75 % of it. So the tracker also reads what Ollama's order implies:
layers come one after another (PullModel waits for each), so an event of a new layer means every earlier
one is on disk; and "verifying" comes only after every layer is, so from then on the whole model counts as
downloaded. The whole model's total is the sum of the sizes known so far, or the manifest's size when the
caller knows it (e.g. from the fit check): without it, layers that never report stay out of the total.

The progress bar's `fraction` never goes back, even when a new layer's size becomes known; it stops at 99 %
until "success" says the model is installed. While Ollama verifies and writes the manifest there are no
figures to show (on a Pi, re-reading a 2 GB model takes a while): `indeterminate` says so, and the UI shows
a busy bar with the phase's name rather than a bar that seems stuck. Speed is an exponential moving average
over a few seconds; bytes that were on disk before (a resumed pull, a shared layer) count for the bar but
not for the speed.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum

MAX_BEFORE_DONE = 0.99  # the bar's end before "success": 99 %
SPEED_TIME_CONSTANT = 3.0  # seconds: how fast the shown speed follows a change
SPEED_MIN_INTERVAL = 0.25  # seconds of data pooled before one speed sample (events come every 60 ms)
MIN_SPEED_FOR_ETA = 1.0  # bytes/s: below this, no time left is shown


class PullPhase(Enum):
    """In the order a pull goes through them."""

    CHECKING = 0  # "pulling manifest": asking the registry what the model is made of
    DOWNLOADING = 1
    VERIFYING = 2  # "verifying sha256 digest": the downloaded files are read once more
    FINISHING = 3  # "writing manifest", "removing unused layers"
    DONE = 4  # "success": installed

    def __lt__(self, other: PullPhase) -> bool:
        return self.value < other.value


@dataclass(frozen=True)
class PullEvent:
    """One status line of a pull, as the server sent it."""

    status: str
    digest: str = ""
    total: int = 0
    completed: int = 0


def phase_of(event: PullEvent) -> PullPhase | None:
    """The phase a status line belongs to; None for a status this version does not know."""
    status = event.status.strip().lower()
    if status == "success":
        return PullPhase.DONE
    if status == "pulling manifest":
        return PullPhase.CHECKING
    if status.startswith("verifying"):
        return PullPhase.VERIFYING
    if status in ("writing manifest", "removing unused layers") or status.startswith(
        "couldn't remove unused layers"
    ):
        return PullPhase.FINISHING
    if event.digest or status.startswith("pulling "):
        return PullPhase.DOWNLOADING
    return None


@dataclass(frozen=True)
class PullProgress:
    """The whole model's progress: what the UI shows."""

    phase: PullPhase = PullPhase.CHECKING
    completed: int = 0  # bytes on disk, all layers
    total: int = 0  # bytes of the layers known so far (or the expected size given)
    fraction: float = 0.0  # the bar: 0…0.99 until done, then 1.0; never goes back
    layers: int = 0  # layers seen so far
    layers_done: int = 0
    bytes_per_second: float | None = None  # smoothed; None until measured
    seconds_left: float | None = None  # None when unknown (no speed yet, stalled, or not downloading)
    seconds_since_data: float | None = None  # while downloading: how long no new byte arrived

    @property
    def percent(self) -> int:
        """0…99 while pulling, 100 only once the model is installed."""
        return 100 if self.phase is PullPhase.DONE else min(99, math.floor(self.fraction * 100))

    @property
    def done(self) -> bool:
        return self.phase is PullPhase.DONE

    @property
    def indeterminate(self) -> bool:
        """Every byte is here and Ollama is checking or storing it: work with no figures to show."""
        return self.phase in (PullPhase.VERIFYING, PullPhase.FINISHING)


class SpeedMeter:
    """Bytes per second, smoothed: an exponential moving average with a time constant (seconds).

    Samples are pooled over at least `min_interval` so that the 60 ms ticks (which carry uneven amounts)
    do not make it jump; the first sample sets the speed outright rather than rising from zero. When no
    bytes come, the speed decays towards zero.
    """

    def __init__(
        self, time_constant: float = SPEED_TIME_CONSTANT, min_interval: float = SPEED_MIN_INTERVAL
    ) -> None:
        self.time_constant = time_constant
        self.min_interval = min_interval
        self._rate: float | None = None
        self._since: float | None = None  # start of the pooled interval
        self._pooled = 0

    @property
    def rate(self) -> float | None:
        return self._rate

    def add(self, nbytes: int, now: float) -> None:
        """`nbytes` arrived between the previous call and `now` (the first call only starts the clock)."""
        if self._since is None:
            self._since = now
            return
        self._pooled += max(0, nbytes)
        elapsed = now - self._since
        if elapsed < self.min_interval:
            return
        sample = self._pooled / elapsed
        if self._rate is None:
            self._rate = sample
        else:
            weight = 1.0 - math.exp(-elapsed / self.time_constant)
            self._rate += weight * (sample - self._rate)
        self._since = now
        self._pooled = 0


@dataclass
class _Layer:
    total: int
    completed: int


@dataclass
class PullTracker:
    """Feed it every event of one pull (`update`); it answers the whole model's progress.

    `expected_total`: the model's size when known before the pull (the manifest's layer sizes), so the
    total does not grow as layers appear. `clock` is injectable for tests (seconds, monotonic).
    """

    expected_total: int | None = None
    clock: Callable[[], float] = time.monotonic
    speed: SpeedMeter = field(default_factory=SpeedMeter)
    _layers: dict[str, _Layer] = field(default_factory=dict, init=False)
    _phase: PullPhase = field(default=PullPhase.CHECKING, init=False)
    _fraction: float = field(default=0.0, init=False)
    _last_data: float | None = field(default=None, init=False)
    _progress: PullProgress = field(default_factory=PullProgress, init=False)

    @property
    def progress(self) -> PullProgress:
        return self._progress

    def update(self, event: PullEvent) -> PullProgress:
        now = self.clock()
        phase = phase_of(event)
        if phase is not None and self._phase < phase:
            self._phase = phase
        if event.digest:
            arrived = self._record(event)
            if self._last_data is None or arrived > 0:
                self._last_data = now
            if self._phase is PullPhase.DOWNLOADING:
                self.speed.add(arrived, now)
        self._progress = self._summary(now)
        return self._progress

    def _record(self, event: PullEvent) -> int:
        """Take in one layer's figures; return how many new bytes arrived for it since the last event."""
        total = max(0, event.total)
        completed = max(0, event.completed)
        layer = self._layers.get(event.digest)
        if layer is None:
            # Ollama fetches one layer after another: the ones before this are on disk, reported or not.
            arrived = self._complete_all()
            # what is on disk already (a resumed pull, a layer another model shares) is not speed
            self._layers[event.digest] = _Layer(total, min(completed, total) if total else completed)
            return arrived
        layer.total = max(layer.total, total)
        if layer.total:
            completed = min(completed, layer.total)
        if completed <= layer.completed:
            return 0  # Ollama rolls a failed part's bytes back; the bar does not
        arrived = completed - layer.completed
        layer.completed = completed
        return arrived

    def _complete_all(self) -> int:
        """Count every layer seen so far as complete; return the bytes that adds."""
        added = 0
        for layer in self._layers.values():
            if layer.total > layer.completed:
                added += layer.total - layer.completed
                layer.completed = layer.total
        return added

    def _summary(self, now: float) -> PullProgress:
        if self._phase.value >= PullPhase.VERIFYING.value:
            self._complete_all()  # Ollama verifies only once every layer is on disk
        completed = sum(layer.completed for layer in self._layers.values())
        total = max(sum(layer.total for layer in self._layers.values()), self.expected_total or 0, completed)
        if self._phase.value >= PullPhase.VERIFYING.value:
            completed = total  # with the layers that never reported (their sizes only the manifest knew)
        done = self._phase is PullPhase.DONE
        if done:
            self._fraction = 1.0
        elif total:
            self._fraction = max(self._fraction, min(MAX_BEFORE_DONE, completed / total))
        downloading = self._phase is PullPhase.DOWNLOADING
        rate = self.speed.rate if downloading else None
        left = (total - completed) / rate if rate is not None and rate >= MIN_SPEED_FOR_ETA else None
        return PullProgress(
            phase=self._phase,
            completed=completed,
            total=total,
            fraction=self._fraction,
            layers=len(self._layers),
            layers_done=sum(1 for x in self._layers.values() if x.total and x.completed >= x.total),
            bytes_per_second=rate,
            seconds_left=left,
            seconds_since_data=now - self._last_data if downloading and self._last_data is not None else None,
        )
