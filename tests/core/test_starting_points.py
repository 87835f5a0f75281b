import json
from pathlib import Path

import pytest

from piassist import paths
from piassist.core.starting_points import (
    MOST,
    StartingPoint,
    StartingPointsError,
    parse_starting_points,
    points_to_json,
    starting_points,
)

FOLDER = paths.resources_dir() / "starting-points"


def test_each_language_offers_the_same_tasks_with_text_of_its_own() -> None:
    english, ukrainian = starting_points(FOLDER, "en"), starting_points(FOLDER, "uk")
    assert 3 <= len(english) == len(ukrainian) <= MOST
    for en, uk in zip(english, ukrainian, strict=True):
        assert en.label != uk.label and en.prompt != uk.prompt
        assert any("а" <= c <= "я" or c in "іїєґ" for c in uk.label.lower())  # Ukrainian, not a copy


def test_a_language_without_its_own_file_gets_english() -> None:
    assert starting_points(FOLDER, "de") == starting_points(FOLDER, "en")


def test_a_file_is_read_as_written(tmp_path: Path) -> None:
    (tmp_path / "en.json").write_text(
        json.dumps([{"label": " Ask ", "prompt": "Tell me: "}]), encoding="utf-8"
    )
    assert starting_points(tmp_path, "en") == [StartingPoint("Ask", "Tell me: ")]


@pytest.mark.parametrize(
    "text",
    [
        "not json",
        "{}",
        "[]",
        json.dumps([{"label": "x"}]),
        json.dumps([{"label": "", "prompt": "p"}]),
        json.dumps([{"label": "x", "prompt": 3}]),
        json.dumps(["x"]),
        json.dumps([{"label": "x", "prompt": "p"}] * (MOST + 1)),
    ],
)
def test_a_broken_file_is_an_error_not_a_crash(text: str) -> None:
    with pytest.raises(StartingPointsError):
        parse_starting_points(text)


def test_no_file_at_all_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(StartingPointsError):
        starting_points(tmp_path, "uk")


def test_a_list_round_trips_and_a_persons_own_may_be_empty() -> None:
    points = [StartingPoint("Слово", "Поясни слово «ключ»:\n\n"), StartingPoint("Ask", 'Say "hi", then: ')]
    assert parse_starting_points(points_to_json(points)) == points
    assert parse_starting_points("[]", least=0) == []
    with pytest.raises(StartingPointsError):
        parse_starting_points("[]")  # PiAssist's own files always hold some
