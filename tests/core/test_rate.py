from __future__ import annotations

import pytest

from piassist.core.rate import Series, TokenRate


def feed(rate: TokenRate, start: float, gap: float, n: int) -> float:
    """n single-token events `gap` seconds apart from `start`; returns the last event's time."""
    t = start
    for i in range(n):
        t = start + i * gap
        rate.add(t)
    return t


def test_no_rate_before_two_events() -> None:
    rate = TokenRate()
    assert rate.rate(0.0) is None
    rate.add(10.0)
    assert rate.rate(10.5) is None
    rate.add(10.1)
    assert rate.rate(10.1) == pytest.approx(10.0)


def test_a_steady_stream_reads_exactly_between_chunks() -> None:
    rate = TokenRate(window=3.0)
    last = feed(rate, 100.0, 0.05, 200)  # 20 tokens/s for 10 s
    assert rate.rate(last) == pytest.approx(20.0)
    # Read between two chunks: still the stream's rate, not a sawtooth.
    assert rate.rate(last + 0.04) == pytest.approx(20.0)


def test_only_the_window_counts() -> None:
    rate = TokenRate(window=3.0)
    last = feed(rate, 0.0, 0.1, 50)  # 10 tokens/s until t=4.9
    last = feed(rate, last + 0.02, 0.02, 300)  # then 50 tokens/s for 6 s
    assert rate.rate(last) == pytest.approx(50.0)


def test_chunks_of_several_tokens_count_as_several() -> None:
    rate = TokenRate()
    for i in range(10):
        rate.add(i * 0.5, tokens=4)
    assert rate.rate(4.5) == pytest.approx(8.0)
    assert rate.total == 40


def test_a_stalled_stream_falls_to_zero() -> None:
    rate = TokenRate(window=3.0)
    last = feed(rate, 0.0, 0.1, 30)
    assert rate.rate(last) == pytest.approx(10.0)
    slower = rate.rate(last + 1.0)
    assert slower is not None and 0.0 < slower < 10.0
    assert rate.rate(last + 3.5) == 0.0


def test_events_at_one_instant_have_no_rate_yet() -> None:
    rate = TokenRate()
    rate.add(5.0)
    rate.add(5.0)
    assert rate.rate(5.0) is None
    assert rate.rate(5.5) == pytest.approx(2.0)


def test_reset_forgets_everything() -> None:
    rate = TokenRate()
    feed(rate, 0.0, 0.1, 10)
    rate.reset()
    assert rate.total == 0
    rate.add(1.0)
    assert rate.rate(1.0) is None


def test_memory_stays_bounded_by_the_window() -> None:
    rate = TokenRate(window=1.0)
    feed(rate, 0.0, 0.001, 100_000)
    assert len(rate._events) <= 1001


def test_window_must_be_positive() -> None:
    with pytest.raises(ValueError):
        TokenRate(window=0)


def test_series_keeps_the_last_span() -> None:
    series = Series(span=60.0)
    for t in range(0, 100, 10):
        series.add(float(t), float(t) * 2)
    assert series.values(90.0) == [(float(t), float(t) * 2) for t in range(30, 100, 10)]
    assert series.max() == 180.0
    assert series.values(200.0) == []
    assert series.max() is None


def test_series_ring_is_fixed_size() -> None:
    series = Series(span=60.0, capacity=5)
    for i in range(20):
        series.add(i * 0.1, float(i))
    assert len(series) == 5
    assert [v for _t, v in series.values(2.0)] == [15.0, 16.0, 17.0, 18.0, 19.0]


def test_series_max_follows_the_drops() -> None:
    series = Series(span=10.0)
    series.add(0.0, 99.0)
    series.add(5.0, 1.0)
    assert series.max() == 99.0
    series.add(12.0, 2.0)  # the 99 is now older than the span
    assert series.max() == 2.0
    series.clear()
    assert len(series) == 0 and series.max() is None
