"""How long ago something happened, as a unit and a count; the UI turns it into translated words."""

from __future__ import annotations

from datetime import UTC, datetime
from enum import Enum


class Ago(Enum):
    JUST_NOW = "now"
    MINUTES = "minutes"
    HOURS = "hours"
    DAYS = "days"
    MONTHS = "months"
    YEARS = "years"


def time_ago(when: datetime, now: datetime | None = None) -> tuple[Ago, int]:
    now = now or datetime.now(UTC)
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    seconds = max(0.0, (now - when).total_seconds())
    minutes = int(seconds // 60)
    if minutes < 1:
        return Ago.JUST_NOW, 0
    if minutes < 60:
        return Ago.MINUTES, minutes
    hours = minutes // 60
    if hours < 24:
        return Ago.HOURS, hours
    days = hours // 24
    if days < 31:
        return Ago.DAYS, days
    if days < 365:
        return Ago.MONTHS, days // 30
    return Ago.YEARS, days // 365
