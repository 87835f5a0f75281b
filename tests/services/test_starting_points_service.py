"""The starting points' lists in the settings (services/starting_points.py): PiAssist's own until the
person changes them, per language, kept across a restart in the settings file (never in resources/), a
kiosk's own tasks before them, a hand-broken value read as PiAssist's own."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtTest import QSignalSpy

from piassist import paths
from piassist.core.starting_points import StartingPoint, starting_points
from piassist.services.settings import SettingsService
from piassist.services.starting_points import KEY, StartingPointsService

FOLDER = paths.resources_dir() / "starting-points"
OWN = [StartingPoint("Hours", "When are you open, on a comma, day: "), StartingPoint("Слово", "Поясни: ")]


def test_own_lists_per_language_survive_a_restart(settings: SettingsService, tmp_path: Path) -> None:
    service = StartingPointsService(settings, FOLDER)
    assert service.own("en") is None and service.points("en") == starting_points(FOLDER, "en")
    spy = QSignalSpy(service.changed)
    service.set_points("en", OWN)
    assert spy.count() == 1
    assert service.points("en") == OWN and service.points("uk") == starting_points(FOLDER, "uk")
    again = StartingPointsService(SettingsService(settings.path), FOLDER)  # a restart
    assert again.points("en") == OWN
    again.reset("en")
    assert again.own("en") is None
    assert StartingPointsService(SettingsService(settings.path), FOLDER).own("en") is None


def test_a_list_equal_to_the_defaults_is_not_kept_and_an_empty_one_is(settings: SettingsService) -> None:
    service = StartingPointsService(settings, FOLDER)
    service.set_points("uk", starting_points(FOLDER, "uk"))
    assert settings.value(KEY.format(language="uk")) is None
    service.set_points("uk", [])
    assert service.own("uk") == [] and service.shown("uk") == []


def test_a_broken_value_in_the_file_reads_as_the_defaults(settings: SettingsService) -> None:
    settings.set_value(KEY.format(language="en"), "[{not json")
    assert StartingPointsService(settings, FOLDER).points("en") == starting_points(FOLDER, "en")


def test_a_kiosks_own_tasks_come_first_where_it_has_some(settings: SettingsService) -> None:
    service = StartingPointsService(settings, FOLDER)
    kiosk = {"en": [OWN[0]]}
    service.use_instead(kiosk.get)
    assert service.shown("en") == [OWN[0]]
    assert service.shown("uk") == starting_points(FOLDER, "uk")  # none for Ukrainian: the chat's own
