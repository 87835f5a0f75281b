"""Answer speeds others published for models on a Raspberry Pi (resources/published_figures.json).

Each figure names its source; the chart draws them beside this Pi's own bar for the same model. A model
matches by its name as Ollama spells it ("phi3.5" is "phi3.5:latest").
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from piassist.core.benchmark.results import model_key

FILE_NAME = "published_figures.json"
BOARDS = ("pi4", "pi5")


class PublishedFileError(ValueError):
    pass


@dataclass(frozen=True, slots=True)
class PublishedSource:
    id: str
    title: str
    method: str


@dataclass(frozen=True, slots=True)
class PublishedFigure:
    model: str
    board: str  # "pi4" or "pi5"
    tokens_per_second: float
    source: PublishedSource


class PublishedFigures:
    def __init__(self, figures: list[PublishedFigure]) -> None:
        self.figures = list(figures)

    def for_model(self, model: str) -> dict[str, list[PublishedFigure]]:
        """The figures for this model, by board (several sources may give one board a figure each)."""
        key = model_key(model)
        found: dict[str, list[PublishedFigure]] = {}
        for figure in self.figures:
            if model_key(figure.model) == key:
                found.setdefault(figure.board, []).append(figure)
        return found

    def sources(self) -> list[PublishedSource]:
        return list({f.source.id: f.source for f in self.figures}.values())


def load_published(path: Path) -> PublishedFigures:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        sources = {
            str(s["id"]): PublishedSource(str(s["id"]), str(s["title"]), str(s["method"]))
            for s in data["sources"]
        }
        figures = []
        for raw in data["figures"]:
            board, rate = str(raw["board"]), float(raw["tokens_per_second"])
            if board not in BOARDS or rate <= 0:
                raise PublishedFileError(f"not a figure: {raw}")
            figures.append(PublishedFigure(str(raw["model"]), board, rate, sources[str(raw["source"])]))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise PublishedFileError(f"{path}: {exc}") from exc
    return PublishedFigures(figures)
