from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import replace
from typing import Any

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QTranslator
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from piassist.core.chat_types import GenerationStats
from piassist.core.system_stats import SystemSnapshot, ThrottleState
from piassist.ui.chat.gauge import MIN_LABEL_INTERVAL, GaugeBar, Phase, compact_size, used_of
from piassist.ui.chat.sparkline import Sparkline
from tests.helpers.clocks import Clock

GB = 1_000_000_000
STATS = GenerationStats(
    eval_count=213,
    eval_duration_ns=10_000_000_000,  # 21.3 tokens/s
    prompt_eval_count=40,
    prompt_eval_duration_ns=500_000_000,  # 80 tokens/s
    load_duration_ns=1_250_000_000,
    total_duration_ns=12_000_000_000,
    done_reason="stop",
)


@pytest.fixture
def clock() -> Clock:
    return Clock(1000.0)


@pytest.fixture
def gauge(qtbot: QtBot, clock: Clock) -> GaugeBar:
    widget = GaugeBar(clock=clock)
    qtbot.addWidget(widget)
    return widget


def snapshot(**changes: Any) -> SystemSnapshot:
    values: dict[str, Any] = {
        "ram_used": 1_234_000_000,
        "ram_total": 3_800_000_000,
        "swap_used": 0,
        "swap_total": 0,
        "soc_temp_c": None,
        "throttled": None,
    }
    values.update(changes)
    return SystemSnapshot(**values)


def shown(gauge: GaugeBar, label: QLabel) -> bool:
    return label.isVisibleTo(gauge)


def stream(gauge: GaugeBar, clock: Clock, n: int, gap: float) -> None:
    for _ in range(n):
        clock.now += gap
        gauge.on_tokens()


def test_waiting_phase_counts_seconds_with_a_timer_only_then(gauge: GaugeBar, clock: Clock) -> None:
    assert gauge.phase is Phase.IDLE and not gauge.timer.isActive()
    gauge.begin_waiting()
    assert gauge.phase_label.text() == "Reading… 0 s"
    assert gauge.timer.isActive()
    clock.now += 3.4
    gauge.timer.timeout.emit()
    assert gauge.phase_label.text() == "Reading… 3 s"
    assert gauge.phase_label.toolTip()
    gauge.clear()
    assert gauge.phase_label.text() == "" and not gauge.timer.isActive()


def test_tokens_switch_to_a_sliding_rate(gauge: GaugeBar, clock: Clock) -> None:
    gauge.begin_waiting()
    clock.now += 2.0
    gauge.on_tokens()
    assert gauge.phase is Phase.STREAMING
    assert gauge.phase_label.text() == "Writing…"  # one token has no speed yet
    stream(gauge, clock, 40, 0.05)  # 20 tokens/s
    assert gauge.phase_label.text() == "20.0 tokens/s"
    # The tooltip changes with the label, so it counts the tokens up to the last change.
    counted = re.search(r"(\d+) token", gauge.phase_label.toolTip())
    assert counted and 30 <= int(counted.group(1)) <= 41
    assert gauge.rate_chart.points and gauge.rate_chart.points[-1][1] == pytest.approx(20.0)
    stream(gauge, clock, 400, 0.01)  # faster: once the 3 s window holds only the new speed, it shows
    assert gauge.phase_label.text() == "100.0 tokens/s"


def test_a_stalled_stream_shows_a_falling_rate_on_the_timer(gauge: GaugeBar, clock: Clock) -> None:
    gauge.begin_waiting()
    stream(gauge, clock, 30, 0.1)
    assert gauge.phase_label.text() == "10.0 tokens/s"
    assert gauge.timer.isActive()
    clock.now += 1.0
    gauge.timer.timeout.emit()
    assert gauge.phase_label.text() != "10.0 tokens/s"
    clock.now += 5.0
    gauge.timer.timeout.emit()
    assert gauge.phase_label.text() == "0.0 tokens/s"


def test_label_changes_are_throttled(gauge: GaugeBar, clock: Clock, monkeypatch: pytest.MonkeyPatch) -> None:
    texts: list[str] = []
    real = gauge.phase_label.setText

    def counting(text: str) -> None:
        texts.append(text)
        real(text)

    monkeypatch.setattr(gauge.phase_label, "setText", counting)
    gauge.begin_waiting()
    texts.clear()
    # 1,000 tokens in about one simulated second, with uneven gaps as a real stream has: the estimate
    # moves with nearly every token, so an unthrottled label would change hundreds of times.
    start = clock.now
    for i in range(1000):
        clock.now += 0.001 * (0.5 + (i * 37 % 100) / 100)
        gauge.on_tokens()
    assert clock.now - start == pytest.approx(1.0, abs=0.01)
    # The switch, then one change per MIN_LABEL_INTERVAL at most: 1 + 4 here.
    assert 2 <= len(texts) <= 1 + round(1.0 / MIN_LABEL_INTERVAL), texts
    assert re.fullmatch(r"\d,?\d{3}\.\d tokens/s", gauge.phase_label.text())


def test_the_question_speed_counts_only_what_was_read_and_names_the_cache(gauge: GaugeBar) -> None:
    """The gauge's tooltip and the line under the answer agree with the server: (count − cached) /
    duration, and the cached tokens named as such."""
    from piassist.ui.chat.stats_text import StatsText

    stats = replace(STATS, prompt_eval_count=300, prompt_eval_cached_count=260)  # 40 read in 0.5 s
    gauge.finish(stats)
    tip = gauge.phase_label.toolTip()
    assert "Reading the question: 80.0 tokens/s" in tip
    assert "40 question tokens read" in tip and "260 question tokens from cache" in tip
    line = StatsText().line(stats)
    assert "question: 40 tokens at 80.0 tokens/s" in line and "260 from cache" in line
    all_cached = StatsText().line(replace(stats, prompt_eval_cached_count=300))
    assert "question:" not in all_cached and "300 from cache" in all_cached


def test_finish_shows_and_keeps_the_servers_rate(gauge: GaugeBar, clock: Clock) -> None:
    gauge.begin_waiting()
    stream(gauge, clock, 50, 0.05)
    gauge.finish(STATS)
    assert gauge.phase is Phase.FINISHED and not gauge.timer.isActive()
    assert gauge.phase_label.text() == "21.3 tokens/s"
    tip = gauge.phase_label.toolTip()
    assert "Writing: 21.3 tokens/s" in tip
    assert "Reading the question: 80.0 tokens/s" in tip
    assert "Loading the model: 1.2 s" in tip or "Loading the model: 1.3 s" in tip
    assert "213 token" in tip and "40 question token" in tip
    clock.now += 30
    gauge.set_snapshot(snapshot())
    gauge.retranslate_ui()
    assert gauge.phase_label.text() == "21.3 tokens/s"


def test_a_stopped_answer_keeps_the_measured_rate(gauge: GaugeBar, clock: Clock) -> None:
    gauge.begin_waiting()
    stream(gauge, clock, 50, 0.1)
    gauge.finish(None)
    assert gauge.phase_label.text() == "10.0 tokens/s"
    assert "no figures" in gauge.phase_label.toolTip()


def test_numbers_follow_the_locale(gauge: GaugeBar) -> None:
    before = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.Ukrainian, QLocale.Country.Ukraine))
    try:
        gauge.finish(STATS)
        gauge.set_snapshot(snapshot())
        assert gauge.phase_label.text() == "21,3 tokens/s"
        assert gauge.ram_label.text() == "RAM 1,2 / 3,8 ГБ"
    finally:
        QLocale.setDefault(before)


def test_memory_and_swap(gauge: GaugeBar) -> None:
    assert not shown(gauge, gauge.ram_label)  # nothing known yet
    gauge.set_snapshot(snapshot())
    assert shown(gauge, gauge.ram_label)
    assert gauge.ram_label.text() == "RAM 1.2 / 3.8 GB"
    assert not shown(gauge, gauge.swap_label)
    gauge.set_snapshot(snapshot(swap_used=120_000_000, swap_total=512_000_000))
    assert shown(gauge, gauge.swap_label)
    assert gauge.swap_label.text() == "swap 120 / 512 MB"
    gauge.set_snapshot(snapshot())
    assert not shown(gauge, gauge.swap_label)


@pytest.mark.parametrize(
    ("used", "total", "expected"),
    [
        (1_234_000_000, 3_800_000_000, ("1.2", "3.8 GB")),
        (500_000_000, 25_300_000_000, ("0.5", "25.3 GB")),
        (120_000_000, 512_000_000, ("120", "512 MB")),
        (0, 0, ("0", "0 bytes")),
    ],
)
def test_used_of_shares_the_totals_unit(used: int, total: int, expected: tuple[str, str]) -> None:
    assert used_of(used, total) == expected


def test_compact_sizes_drop_needless_decimals() -> None:
    assert compact_size(190_000_000) == "190 MB"
    assert compact_size(1_900_000_000) == "1.9 GB"
    assert compact_size(19_000_000) == "19.0 MB"


def test_temperature_only_when_known(gauge: GaugeBar) -> None:
    gauge.set_snapshot(snapshot())
    assert not shown(gauge, gauge.temp_label) and not shown(gauge, gauge.warning_label)
    gauge.set_snapshot(snapshot(soc_temp_c=61.4, throttled=ThrottleState()))
    assert shown(gauge, gauge.temp_label)
    assert gauge.temp_label.text() == "61 °C"
    assert "No throttling since start-up" in gauge.temp_label.toolTip()
    assert not shown(gauge, gauge.warning_label)
    gauge.set_snapshot(snapshot())
    assert not shown(gauge, gauge.temp_label)


def test_throttling_now_warns_and_names_the_flags(gauge: GaugeBar) -> None:
    gauge.set_snapshot(snapshot(soc_temp_c=82.0, throttled=ThrottleState.from_bits(0x50005)))
    assert shown(gauge, gauge.warning_label)
    assert "color" in gauge.temp_label.styleSheet()
    tip = gauge.warning_label.toolTip().splitlines()
    assert tip == [
        "Under-voltage now: the power supply gives too little",
        "Processor throttled now",
        "Under-voltage has occurred since start-up",
        "Throttling has occurred since start-up",
    ]
    gauge.set_snapshot(snapshot(soc_temp_c=60.0, throttled=ThrottleState.from_bits(0x50000)))
    assert not shown(gauge, gauge.warning_label)
    assert gauge.temp_label.styleSheet() == ""
    assert "Under-voltage has occurred since start-up" in gauge.temp_label.toolTip()


def test_model_memory(gauge: GaugeBar) -> None:
    assert not shown(gauge, gauge.model_label)
    gauge.set_model_memory(190_000_000)
    assert shown(gauge, gauge.model_label) and gauge.model_label.text() == "model 190 MB"
    gauge.set_model_memory(None)
    assert not shown(gauge, gauge.model_label)


def test_charts_get_the_last_minute(gauge: GaugeBar, clock: Clock) -> None:
    for i in range(40):
        clock.now += 2.0
        gauge.set_snapshot(snapshot(ram_used=(i + 1) * 50_000_000))
    ram = gauge.ram_chart.points
    assert ram[-1] == (clock.now, 40 * 50_000_000.0)
    assert all(clock.now - t <= 60 for t, _v in ram) and len(ram) == 31
    # Before the first answer the speed chart has nothing to say; after it, zero as time passes.
    assert gauge.rate_chart.points == []
    gauge.begin_waiting()
    stream(gauge, clock, 40, 0.05)
    gauge.finish(STATS)
    for _ in range(5):
        clock.now += 2.0
        gauge.set_snapshot(snapshot())
    assert [v for _t, v in gauge.rate_chart.points][-5:] == [0.0] * 5


def painted(chart: Sparkline) -> set[int]:
    """The colours of the chart's pixels as drawn over its background."""
    image = chart.grab().toImage()
    return {image.pixel(x, y) for x in range(image.width()) for y in range(image.height())}


def test_charts_draw_nothing_before_there_is_data(gauge: GaugeBar, clock: Clock, qtbot: QtBot) -> None:
    """Before the first answer (and in the first seconds) no stray tick or line under the composer."""
    gauge.resize(600, 30)
    gauge.show()
    qtbot.waitExposed(gauge)
    for _ in range(2):  # two snapshots: a short stretch of the RAM series, no speed at all
        clock.now += 2.0
        gauge.set_snapshot(snapshot())
    for chart in (gauge.rate_chart, gauge.ram_chart):
        assert len(painted(chart)) == 1, chart.objectName()  # the background alone
    for _ in range(6):  # a tenth of the minute and more: the RAM line is drawn
        clock.now += 2.0
        gauge.set_snapshot(snapshot())
    assert len(painted(gauge.ram_chart)) > 1
    assert len(painted(gauge.rate_chart)) == 1


def test_sparkline_repaints_only_on_change(qtbot: QtBot) -> None:
    chart = Sparkline()
    qtbot.addWidget(chart)
    points = [(0.0, 1.0), (30.0, 3.0), (60.0, 2.0)]
    assert chart.set_series(points, None)
    assert not chart.set_series(list(points), None)
    assert chart.set_series(points, 10.0)
    assert chart.set_series(points, 10.0, second=[(0.0, 0.5)])
    chart.show()
    assert not chart.grab().isNull()  # paints one or two series without complaint
    assert chart.height() == 24 and chart.sizeHint().width() == 120
    assert chart.accessibleName() and chart.accessibleDescription()


class Stretching(QTranslator):
    """A stand-in for Ukrainian: every text a third longer, so layouts are checked for the room."""

    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str | None:
        if context not in ("GaugeBar", "Sparkline"):
            return None  # not ours: let the next translator answer
        return source + "ї" * (len(source) // 3)

    def isEmpty(self) -> bool:
        return False  # an empty translator is installed without a LanguageChange


@pytest.fixture
def stretched(qapp: Any, qtbot: QtBot) -> Iterator[Callable[[], None]]:
    translator = Stretching()

    def install() -> None:
        QCoreApplication.installTranslator(translator)

    yield install
    QCoreApplication.removeTranslator(translator)


def test_fits_an_800_pixel_window_with_longer_texts(
    gauge: GaugeBar, stretched: Callable[[], None], qtbot: QtBot
) -> None:
    gauge.set_snapshot(
        snapshot(swap_used=100_000_000, swap_total=512_000_000, soc_temp_c=61.0, throttled=ThrottleState())
    )
    gauge.set_model_memory(190_000_000)
    gauge.begin_waiting()
    gauge.show()
    stretched()  # the language change reaches the gauge as an event: retranslate_ui runs
    qtbot.waitUntil(lambda: gauge.ram_label.text().endswith("ї"))
    assert gauge.phase_label.text().startswith("Reading…")
    # The chat column beside the conversation list is about 600 px of an 800 px window; the charts
    # give way first (they have no minimum width), the figures never.
    assert gauge.minimumSizeHint().width() <= 560, gauge.minimumSizeHint().width()
    assert gauge.rate_chart.minimumSizeHint().width() == 0
