"""The starting points an empty chat shows, per interface language: PiAssist's own (resources/), the
person's own list once they edit it in Preferences (kept in the settings, never in resources/), and in a
kiosk the admin's own tasks when the admin set some (services/kiosk.py keeps those)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from piassist.core.starting_points import (
    StartingPoint,
    StartingPointsError,
    parse_starting_points,
    points_to_json,
    starting_points,
)
from piassist.services.settings import SettingsService

log = logging.getLogger(__name__)
KEY = "chat/starting_points_{language}"

Override = Callable[[str], "list[StartingPoint] | None"]


class StartingPointsService(QObject):
    changed = Signal()  # a list was edited: the empty chat shows it again

    def __init__(self, settings: SettingsService, folder: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._settings, self._folder = settings, folder
        self._override: Override | None = None

    def defaults(self, language: str) -> list[StartingPoint]:
        """PiAssist's own in this language (English when it has none); [] for a broken install."""
        try:
            return starting_points(self._folder, language)
        except StartingPointsError as exc:
            log.warning("no starting points: %s", exc)
            return []

    def own(self, language: str) -> list[StartingPoint] | None:
        """The person's own list for this language, or None while they have not changed PiAssist's."""
        return read_points(self._settings, KEY.format(language=language))

    def points(self, language: str) -> list[StartingPoint]:
        """What Preferences shows and the empty chat offers outside a kiosk."""
        own = self.own(language)
        return self.defaults(language) if own is None else own

    def set_points(self, language: str, points: list[StartingPoint]) -> None:
        """The person's list; PiAssist's own again when it equals them (so a later, better translation
        of the defaults reaches them)."""
        write_points(self._settings, KEY.format(language=language), points, self.defaults(language))
        self.changed.emit()

    def reset(self, language: str) -> None:
        self.set_points(language, self.defaults(language))

    # -- a kiosk -----------------------------------------------------------------------------------
    def use_instead(self, override: Override | None) -> None:
        """Where a list comes from before the person's (a kiosk's own tasks; None from it: not set)."""
        self._override = override
        self.changed.emit()

    def shown(self, language: str) -> list[StartingPoint]:
        """What the empty chat offers: a kiosk's own tasks when set, else points()."""
        chosen = self._override(language) if self._override is not None else None
        return self.points(language) if chosen is None else chosen


def read_points(settings: SettingsService, key: str) -> list[StartingPoint] | None:
    text = settings.value(key)
    if not isinstance(text, str) or not text:
        return None
    try:
        return parse_starting_points(text, least=0)
    except StartingPointsError as exc:  # edited by hand into something unreadable: the defaults
        log.warning("ignoring the starting points in %s: %s", key, exc)
        return None


def write_points(
    settings: SettingsService, key: str, points: list[StartingPoint], defaults: list[StartingPoint]
) -> None:
    if points == defaults:
        settings.remove(key)
    else:
        settings.set_value(key, points_to_json(points))
    settings.sync()
