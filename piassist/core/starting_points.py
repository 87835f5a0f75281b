"""Starting points: a few one-click tasks on an empty chat, so that a newcomer sees what a model can do.

PiAssist's own are kept per language in resources/starting-points/LANGUAGE.json (a list of {"label",
"prompt"}), read in the interface language, in English when that language has none. A person's own list
(Preferences) and a kiosk's (its admin) are the same JSON, kept in the settings
(services/starting_points.py). The prompt goes into the question box as it is; the person adds their
text after it and sends. No Qt here.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

FALLBACK = "en"
MOST = 8  # more than this would not be a few


@dataclass(frozen=True, slots=True)
class StartingPoint:
    label: str  # on the button: a verb or two ("Translate")
    prompt: str  # what the question box is filled with ("Translate into English:\n\n")


class StartingPointsError(ValueError):
    """The file is missing or not a list of {"label", "prompt"} with text in both."""


def parse_starting_points(text: str, *, least: int = 1) -> list[StartingPoint]:
    """The list in `text`; a person's own list may be empty (least=0: they removed every one)."""
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        raise StartingPointsError(f"not JSON: {exc}") from exc
    if not isinstance(raw, list) or not least <= len(raw) <= MOST:
        raise StartingPointsError(f"expected a list of {least} to {MOST} starting points")
    points = []
    for item in raw:
        if not isinstance(item, dict):
            raise StartingPointsError("each starting point is an object")
        label, prompt = item.get("label"), item.get("prompt")
        if (
            not isinstance(label, str)
            or not label.strip()
            or not isinstance(prompt, str)
            or not prompt.strip()
        ):
            raise StartingPointsError("each starting point has a label and a prompt with text in them")
        points.append(StartingPoint(label.strip(), prompt))
    return points


def points_to_json(points: list[StartingPoint]) -> str:
    """The list as parse_starting_points reads it back."""
    return json.dumps([{"label": p.label, "prompt": p.prompt} for p in points], ensure_ascii=False)


def starting_points(folder: Path, language: str) -> list[StartingPoint]:
    """The starting points in this language (else English); StartingPointsError when none can be read."""
    for code in (language, FALLBACK):
        path = folder / f"{code}.json"
        if path.is_file():
            try:
                return parse_starting_points(path.read_text(encoding="utf-8"))
            except OSError as exc:
                raise StartingPointsError(f"{path}: {exc}") from exc
    raise StartingPointsError(f"no starting points in {folder}")
