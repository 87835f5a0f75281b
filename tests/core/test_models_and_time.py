from datetime import UTC, datetime, timedelta

import pytest

from piassist.core.models import LoadedModel, ModelInfo, join_loaded
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
