"""Tokens per second over a short sliding window, and a small ring of timed samples for sparklines.

Both are fed with monotonic times by the caller (injectable, so tests need no clock) and cost O(1)
amortised per event: a streamed answer calls TokenRate.add once per chunk.
"""

from __future__ import annotations

from collections import deque


class TokenRate:
    """How fast tokens arrive, measured over the last `window` seconds.

    The first event in the window only marks when counting starts (its tokens were made before it), so
    the rate is the tokens after it divided by the time since it. The end of that time is the newest
    event while tokens keep coming, which gives an exact figure for a steady stream however the reading
    falls between two chunks; once no token has come for longer than the usual gap, the end is `now`,
    so a stalled model's rate falls towards zero instead of freezing at its last value.
    """

    def __init__(self, window: float = 3.0) -> None:
        if window <= 0:
            raise ValueError("window must be positive")
        self._window = window
        self._events: deque[tuple[float, int]] = deque()
        self._in_window = 0  # tokens of the events in self._events
        self._seen = 0  # events since reset()
        self._total = 0  # tokens since reset()

    @property
    def window(self) -> float:
        return self._window

    @property
    def total(self) -> int:
        """Tokens counted since the last reset()."""
        return self._total

    def add(self, now: float, tokens: int = 1) -> None:
        self._events.append((now, tokens))
        self._in_window += tokens
        self._seen += 1
        self._total += tokens
        self._drop_before(now - self._window)

    def rate(self, now: float) -> float | None:
        """Tokens per second, or None until two events have come (one event has no speed)."""
        if self._seen < 2:
            return None
        self._drop_before(now - self._window)
        if len(self._events) < 2:
            return 0.0  # the stream has been silent for a whole window
        first_time, first_tokens = self._events[0]
        last_time = self._events[-1][0]
        usual_gap = (last_time - first_time) / (len(self._events) - 1)
        end = last_time if now - last_time <= usual_gap else now
        span = end - first_time
        if span <= 0:
            return None  # several events at one instant: no time has passed to divide by
        return (self._in_window - first_tokens) / span

    def reset(self) -> None:
        self._events.clear()
        self._in_window = 0
        self._seen = 0
        self._total = 0

    def _drop_before(self, cutoff: float) -> None:
        events = self._events
        while events and events[0][0] < cutoff:
            self._in_window -= events.popleft()[1]


class Series:
    """The (time, value) samples of the last `span` seconds, in a ring of at most `capacity` samples.

    The ring bounds memory whatever the sampling rate: if samples come faster than capacity/span per
    second, the oldest ones go early, which a sparkline a hundred pixels wide cannot show anyway.
    """

    def __init__(self, span: float = 60.0, capacity: int = 256) -> None:
        if span <= 0 or capacity < 1:
            raise ValueError("span and capacity must be positive")
        self._span = span
        self._samples: deque[tuple[float, float]] = deque(maxlen=capacity)

    @property
    def span(self) -> float:
        return self._span

    def __len__(self) -> int:
        return len(self._samples)

    def add(self, t: float, v: float) -> None:
        self._samples.append((t, v))
        self._drop_before(t - self._span)

    def values(self, now: float) -> list[tuple[float, float]]:
        """The samples from the last `span` seconds before `now`, oldest first."""
        self._drop_before(now - self._span)
        return list(self._samples)

    def max(self) -> float | None:
        """The largest value kept, or None when there is none."""
        return max((v for _t, v in self._samples), default=None)

    def clear(self) -> None:
        self._samples.clear()

    def _drop_before(self, cutoff: float) -> None:
        samples = self._samples
        while samples and samples[0][0] < cutoff:
            samples.popleft()
