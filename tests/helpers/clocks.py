"""One clock for every test that needs time to pass without sleeping."""

from __future__ import annotations

from datetime import UTC, datetime


class Clock:
    """A clock the test moves: each reading gives `now`, first moved on by `tick` (0: it stands still until
    the test sets `now` or calls `advance`). It fits every `Callable[[], float]` clock of the app
    (time.monotonic, time.time); `datetimes` reads it as UTC datetimes for the history store."""

    def __init__(self, now: float = 0.0, *, tick: float = 0.0) -> None:
        self.now = now
        self.tick = tick

    def __call__(self) -> float:
        self.now += self.tick
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds

    def datetimes(self) -> datetime:
        return datetime.fromtimestamp(self(), UTC)
