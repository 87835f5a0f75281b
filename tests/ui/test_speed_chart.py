"""The speed chart, painted: this computer's bar, the published Pi figures beside it, a model that could not
run, the line at the too-slow speed; its tooltips name the sources and its description reads every figure."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from piassist.ui.benchmark.speed_chart import COLOURS, ChartGroup, SpeedChart

WORDS = (
    {"here": "This computer", "pi4": "Raspberry Pi 4", "pi5": "Raspberry Pi 5"},
    "could not run",
    "slow",
    "none",
)


def painted(chart: SpeedChart) -> QImage:
    image = chart.grab().toImage()
    assert not image.isNull()
    return image


def colours_in_row(image: QImage, y: int) -> set[str]:
    return {image.pixelColor(x, y).name() for x in range(image.width())}


def test_bars_beside_the_published_figures(qtbot: QtBot) -> None:
    chart = SpeedChart()
    qtbot.addWidget(chart)
    chart.set_words(*WORDS)
    chart.set_groups(
        [
            ChartGroup(
                "qwen2.5:0.5b", 12.0, {"pi4": 7.9, "pi5": 20.4}, {"pi4": "runs on a Pi 4", "pi5": "a thesis"}
            ),
            ChartGroup("too-big:7b", None),
        ]
    )
    chart.resize(600, chart.heightForWidth(600))
    image = painted(chart)
    bars = chart._bars
    assert [(b.kind, b.value) for b in bars] == [("here", 12.0), ("pi4", 7.9), ("pi5", 20.4), ("here", None)]
    for bar in bars[:3]:
        assert QColor(COLOURS[bar.kind]).name() in colours_in_row(image, int(bar.rect.center().y()))
    # The longest bar is the Pi 5's; this computer's is 12/20.4 of it.
    widths = [w for w in (drawn_width(image, bars[i], COLOURS[bars[i].kind]) for i in (0, 2))]
    assert widths[0] / widths[1] == pytest.approx(12.0 / 20.4, abs=0.02)
    description = chart.description()
    assert "could not run" in description and "20.4" in description and "12.0" in description
    tip = chart.tip_at(bars[2].rect.center())
    assert tip is not None and "a thesis" in tip and "qwen2.5:0.5b" in tip


def drawn_width(image: QImage, bar: object, colour: str) -> int:
    y = int(bar.rect.center().y())  # type: ignore[attr-defined]
    return sum(image.pixelColor(x, y).name() == QColor(colour).name() for x in range(image.width()))


def test_the_legend_names_only_what_is_drawn(qtbot: QtBot) -> None:
    chart = SpeedChart()
    qtbot.addWidget(chart)
    chart.set_words(*WORDS)
    chart.set_groups([ChartGroup("smollm2:135m", 21.0)])
    assert chart._kinds() == ["here"]
    chart.set_groups([ChartGroup("smollm2:135m", 21.0), ChartGroup("qwen2.5:0.5b", 9.0, {"pi5": 20.4})])
    assert chart._kinds() == ["here", "pi5"]
    empty = SpeedChart()
    qtbot.addWidget(empty)
    empty.set_words(*WORDS)
    assert empty.description() == "none" and not painted(empty).isNull()
