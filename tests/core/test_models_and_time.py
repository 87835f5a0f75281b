from datetime import UTC, datetime, timedelta

import pytest

from piassist.core.models import LoadedModel, ModelInfo, join_loaded, parameter_count
from piassist.core.timefmt import Ago, time_ago

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)


def test_join_marks_only_loaded_models() -> None:
    installed = [ModelInfo("a:1", 10), ModelInfo("b:2", 20)]
    loaded = [LoadedModel("b:2", size=300, size_vram=0), LoadedModel("gone:1", size=1, size_vram=0)]
    joined = join_loaded(installed, loaded)
    assert [m.loaded for m in joined] == [None, loaded[0]]
    assert installed[1].loaded is None  # the originals are not changed


@pytest.mark.parametrize(
    ("delta", "expected"),
    [
        (timedelta(seconds=30), (Ago.JUST_NOW, 0)),
        (timedelta(minutes=5), (Ago.MINUTES, 5)),
        (timedelta(hours=3, minutes=59), (Ago.HOURS, 3)),
        (timedelta(days=2), (Ago.DAYS, 2)),
        (timedelta(days=65), (Ago.MONTHS, 2)),
        (timedelta(days=800), (Ago.YEARS, 2)),
        (timedelta(seconds=-40), (Ago.JUST_NOW, 0)),  # a server clock slightly ahead
    ],
)
def test_time_ago(delta: timedelta, expected: tuple[Ago, int]) -> None:
    assert time_ago(NOW - delta, NOW) == expected


def test_naive_times_are_taken_as_utc() -> None:
    assert time_ago(datetime(2026, 11, 23, 11, 0), NOW) == (Ago.HOURS, 1)


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("268.10M", 268_100_000.0),
        ("1.5B", 1_500_000_000.0),
        ("7B", 7e9),
        ("135m", 135e6),
        (" 8.03 B ", 8.03e9),
    ],
)
def test_parameter_count_reads_what_ollama_writes(text: str, count: float) -> None:
    assert parameter_count(text) == pytest.approx(count)


@pytest.mark.parametrize("text", ["", "unknown", "1.5", "B", "1.2.3B", "12X"])
def test_parameter_count_is_none_for_anything_else(text: str) -> None:
    assert parameter_count(text) is None
