"""When Ollama will unload a model from memory, as a unit and a count; the UI turns it into words.

What Ollama v0.24.0 reports in /api/ps `expires_at` (server/sched.go, server/routes.go PsHandler):
- when a model goes idle, now + its keep_alive; while a request uses it, the time set when it last went
  idle (or, the first time, now + keep_alive);
- keep_alive -1 (or any negative value) is `math.MaxInt64` nanoseconds (api/types.go Duration), so the
  time is about 292 years ahead: `ollama ps` shows "Forever" for anything more than 20 years ahead;
- "unload now" (keep_alive 0) sets it to the moment of the request, and the model goes on the
  scheduler's next turn (or when the request using it ends): a time in the past means "unloading".
The adapter reads a zero time (year 1, which `ollama ps` shows as "Never") as None.
"""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta
from enum import Enum

FOREVER = timedelta(days=20 * 365)  # further ahead than this: kept until the server stops


class Until(Enum):
    STAYS = "stays"  # keep_alive -1: until Ollama stops
    UNLOADING = "unloading"  # the time has passed: Ollama is unloading it now
    SECONDS = "seconds"
    MINUTES = "minutes"
    HOURS = "hours"
    DAYS = "days"


def time_until(expires_at: datetime | None, now: datetime | None = None) -> tuple[Until, int]:
    """How long until the model is unloaded. Minutes are rounded up, so a model kept 5 minutes reads
    "5 minutes" right after an answer, not "4"."""
    if expires_at is None:
        return Until.STAYS, 0
    now = now or datetime.now(UTC)
    if expires_at.tzinfo is None:
        expires_at = expires_at.replace(tzinfo=UTC)
    left = expires_at - now
    if left > FOREVER:
        return Until.STAYS, 0
    if left.total_seconds() <= 0:
        return Until.UNLOADING, 0
    seconds = math.ceil(left.total_seconds())
    if seconds < 60:
        return Until.SECONDS, seconds
    if seconds <= 100 * 60:
        return Until.MINUTES, math.ceil(seconds / 60)
    hours = round(seconds / 3600)
    if hours < 48:
        return Until.HOURS, hours
    return Until.DAYS, round(seconds / 86400)


def seconds_left(expires_at: datetime | None, now: datetime | None = None) -> float | None:
    """Seconds until the unload (negative once due), None when the model stays loaded: for sorting and
    for deciding how often the words need redrawing."""
    unit, _ = time_until(expires_at, now)
    if unit is Until.STAYS or expires_at is None:
        return None
    now = now or datetime.now(UTC)
    if expires_at.tzinfo is None:
        expires_at = expires_at.replace(tzinfo=UTC)
    return (expires_at - now).total_seconds()
