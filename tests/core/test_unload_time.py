from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from piassist.core.unload_time import Until, seconds_left, time_until

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("left", "expected"),
    [
        (timedelta(seconds=0.4), (Until.SECONDS, 1)),
        (timedelta(seconds=42), (Until.SECONDS, 42)),
        (timedelta(seconds=59.5), (Until.MINUTES, 1)),  # "in 60 seconds" would read oddly
        (timedelta(minutes=4, seconds=30), (Until.MINUTES, 5)),  # rounded up: 5 m keep-alive reads "5"
        (timedelta(minutes=5), (Until.MINUTES, 5)),
        (timedelta(minutes=100), (Until.MINUTES, 100)),
        (timedelta(minutes=101), (Until.HOURS, 2)),
        (timedelta(hours=47, minutes=20), (Until.HOURS, 47)),
        (timedelta(days=3, hours=2), (Until.DAYS, 3)),
        (timedelta(days=19 * 365), (Until.DAYS, 19 * 365)),
    ],
)
def test_time_left(left: timedelta, expected: tuple[Until, int]) -> None:
    assert time_until(NOW + left, NOW) == expected


def test_keep_alive_minus_one_stays_loaded() -> None:
    # Ollama turns keep_alive -1 into math.MaxInt64 ns (api/types.go): about 292 years ahead.
    forever = NOW + timedelta(microseconds=(2**63 - 1) // 1000)
    assert forever.year == 2319
    assert time_until(forever, NOW) == (Until.STAYS, 0)
    assert seconds_left(forever, NOW) is None
    assert time_until(None, NOW) == (Until.STAYS, 0)  # the zero time `ollama ps` calls "Never"


def test_past_times_are_unloading_and_naive_times_are_utc() -> None:
    assert time_until(NOW - timedelta(seconds=1), NOW) == (Until.UNLOADING, 0)
    assert time_until(NOW, NOW) == (Until.UNLOADING, 0)
    naive = (NOW + timedelta(minutes=2)).replace(tzinfo=None)
    assert time_until(naive, NOW) == (Until.MINUTES, 2)
    assert seconds_left(naive, NOW) == 120.0
    assert seconds_left(NOW - timedelta(seconds=3), NOW) == -3.0
