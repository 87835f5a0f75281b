"""Whole-model pull progress from Ollama's per-layer events: monotonic, 100 % only at success, speed."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from piassist.core.get_models.pull_progress import (
    PullEvent,
    PullPhase,
    PullProgress,
    PullTracker,
    SpeedMeter,
    phase_of,
)
from tests.helpers.clocks import Clock
from tests.helpers.fakes import pull_script

MB = 1_000_000


def layer(n: int, total: int, completed: int) -> PullEvent:
    digest = f"sha256:{n:064x}"
    return PullEvent(f"pulling {digest[7:19]}", digest, total, completed)


@pytest.mark.parametrize(
    ("status", "digest", "phase"),
    [
        ("pulling manifest", "", PullPhase.CHECKING),
        ("pulling b179c9523d0e", "sha256:b179", PullPhase.DOWNLOADING),
        ("pulling model", "sha256:model", PullPhase.DOWNLOADING),
        ("verifying sha256 digest", "", PullPhase.VERIFYING),
        ("writing manifest", "", PullPhase.FINISHING),
        ("removing unused layers", "", PullPhase.FINISHING),
        ("couldn't remove unused layers: permission denied", "", PullPhase.FINISHING),
        ("success", "", PullPhase.DONE),
        ("something new", "", None),
    ],
)
def test_phase_of_every_status_ollama_sends(status: str, digest: str, phase: PullPhase | None) -> None:
    assert phase_of(PullEvent(status, digest)) is phase


def test_total_is_the_sum_of_layers_as_they_become_known() -> None:
    tracker = PullTracker(clock=Clock(100.0))
    assert tracker.update(PullEvent("pulling manifest")).phase is PullPhase.CHECKING
    p = tracker.update(layer(0, 90 * MB, 45 * MB))
    assert (p.total, p.completed, p.layers, p.percent) == (90 * MB, 45 * MB, 1, 50)
    p = tracker.update(layer(0, 90 * MB, 90 * MB))
    p = tracker.update(layer(1, 10 * MB, 0))
    assert (p.total, p.completed, p.layers, p.layers_done) == (100 * MB, 90 * MB, 2, 1)
    # the bar does not drop to 90 % when a size becomes known: it was at 99 % before layer 1 appeared
    assert p.fraction == pytest.approx(0.99) and p.percent == 99
    p = tracker.update(layer(1, 10 * MB, 5 * MB))
    assert p.percent == 99  # and it waits there until the bytes catch up


def test_expected_total_keeps_the_bar_true_from_the_start() -> None:
    tracker = PullTracker(expected_total=100 * MB, clock=Clock(100.0))
    p = tracker.update(layer(0, 90 * MB, 45 * MB))
    assert (p.total, p.percent) == (100 * MB, 45)


def test_100_percent_only_at_success_even_when_every_byte_is_there() -> None:
    tracker = PullTracker(clock=Clock(100.0))
    for event in pull_script(sizes=(50 * MB, 400)):
        p = tracker.update(event)
        assert (p.percent == 100) == (event.status == "success")
    assert p.done and p.completed == p.total == 50 * MB + 400 and p.fraction == 1.0


def test_completed_rolled_back_by_ollama_does_not_move_the_bar_back() -> None:
    tracker = PullTracker(clock=Clock(100.0))
    tracker.update(layer(0, 100 * MB, 60 * MB))
    p = tracker.update(layer(0, 100 * MB, 20 * MB))  # download.go: a failed part's bytes are subtracted
    assert p.completed == 60 * MB and p.percent == 60


def test_an_unknown_status_keeps_the_phase_and_phases_never_go_back() -> None:
    tracker = PullTracker(clock=Clock(100.0))
    tracker.update(PullEvent("verifying sha256 digest"))
    assert tracker.update(PullEvent("pulling manifest")).phase is PullPhase.VERIFYING
    assert tracker.update(PullEvent("something new")).phase is PullPhase.VERIFYING


def test_speed_and_time_left_from_bytes_that_arrived() -> None:
    clock = Clock(100.0)
    tracker = PullTracker(clock=clock)
    tracker.update(layer(0, 100 * MB, 0))
    for i in range(1, 21):  # 2 MB every 0.25 s: 8 MB/s for 5 s
        clock.now += 0.25
        p = tracker.update(layer(0, 100 * MB, 2 * MB * i))
    assert p.bytes_per_second == pytest.approx(8 * MB)
    assert p.seconds_left == pytest.approx(60 * MB / (8 * MB))
    assert p.seconds_since_data == 0


def test_bytes_already_on_disk_count_for_the_bar_but_not_for_the_speed() -> None:
    clock = Clock(100.0)
    tracker = PullTracker(clock=clock)
    p = tracker.update(layer(0, 100 * MB, 70 * MB))  # a resumed pull: 70 MB were there
    assert p.percent == 70 and p.bytes_per_second is None
    clock.now += 1.0
    p = tracker.update(layer(0, 100 * MB, 71 * MB))
    assert p.bytes_per_second == pytest.approx(1 * MB)


def test_speed_decays_while_nothing_arrives_and_time_left_goes_away() -> None:
    clock = Clock(100.0)
    tracker = PullTracker(clock=clock)
    tracker.update(layer(0, 100 * MB, 0))
    clock.now += 1.0
    p = tracker.update(layer(0, 100 * MB, 10 * MB))
    assert p.bytes_per_second == pytest.approx(10 * MB)
    speeds = []
    for _ in range(100):  # 6 s of Ollama's 60 ms ticks with nothing new
        clock.now += 0.06
        p = tracker.update(layer(0, 100 * MB, 10 * MB))
        speeds.append(p.bytes_per_second or 0.0)
    assert speeds == sorted(speeds, reverse=True) and speeds[-1] < 2 * MB
    assert p.seconds_since_data == pytest.approx(6.0)
    clock.now += 60
    p = tracker.update(layer(0, 100 * MB, 10 * MB))
    assert p.seconds_left is None  # below a byte per second: unknown, not "centuries"


def test_speed_meter_follows_a_change_within_a_few_time_constants() -> None:
    meter = SpeedMeter(time_constant=2.0, min_interval=0.25)
    now = 0.0
    meter.add(0, now)
    for _ in range(40):
        now += 0.25
        meter.add(1_000_000, now)  # 4 MB/s
    assert meter.rate == pytest.approx(4e6)
    for _ in range(40):  # 10 s at 1 MB/s: five time constants
        now += 0.25
        meter.add(250_000, now)
    assert meter.rate is not None and 1e6 < meter.rate < 1.05e6


def test_no_speed_or_time_left_outside_the_download() -> None:
    clock = Clock(100.0)
    tracker = PullTracker(clock=clock)
    tracker.update(layer(0, 10 * MB, 0))
    clock.now += 1
    assert tracker.update(layer(0, 10 * MB, 10 * MB)).bytes_per_second is not None
    p = tracker.update(PullEvent("verifying sha256 digest"))
    assert (p.bytes_per_second, p.seconds_left, p.seconds_since_data) == (None, None, None)


EVENTS = st.lists(
    st.one_of(
        st.sampled_from(
            [
                PullEvent("pulling manifest"),
                PullEvent("verifying sha256 digest"),
                PullEvent("writing manifest"),
            ]
        ),
        st.builds(
            layer,
            st.integers(0, 3),
            st.integers(0, 10**10),
            st.integers(0, 10**10),
        ),
    ),
    max_size=60,
)


@given(EVENTS, st.lists(st.floats(0, 5), min_size=60, max_size=60), st.booleans())
def test_any_event_stream_gives_monotonic_progress(
    events: list[PullEvent], steps: list[float], finish: bool
) -> None:
    clock = Clock(100.0)
    tracker = PullTracker(clock=clock)
    seen: list[PullProgress] = []
    for event, step in zip([*events, PullEvent("success")] if finish else events, steps, strict=False):
        clock.now += step
        seen.append(tracker.update(event))
    for before, after in itertools.pairwise(seen):
        assert after.completed >= before.completed
        assert after.total >= before.total
        assert after.fraction >= before.fraction
        assert after.phase.value >= before.phase.value
    for p in seen:
        assert 0 <= p.completed <= p.total or p.total == 0 == p.completed
        assert (p.percent == 100) == p.done
        assert 0 <= p.percent <= 100
        assert p.bytes_per_second is None or p.bytes_per_second >= 0
        assert p.seconds_left is None or p.seconds_left >= 0


@given(st.lists(st.integers(1, 10**9), min_size=1, max_size=5), st.integers(1, 20))
def test_a_whole_pull_ends_at_the_sum_of_its_layers(sizes: list[int], steps: int) -> None:
    tracker = PullTracker(clock=Clock(100.0))
    for event in pull_script(sizes=sizes, steps=steps):
        p = tracker.update(event)
    assert p.done and p.total == p.completed == sum(sizes) and p.layers_done == len(sizes)


def test_a_layer_that_ended_between_two_ticks_counts_as_complete_when_the_next_begins() -> None:
    tracker = PullTracker(clock=Clock(100.0))
    tracker.update(layer(0, 90 * MB, 60 * MB))  # v0.30+: its last event; then it ended at once
    p = tracker.update(layer(1, 10 * MB, 0))
    assert (p.completed, p.total, p.layers_done) == (90 * MB, 100 * MB, 1)


def test_v030_pull_with_silent_small_layers_never_sticks_and_verifying_is_shown_as_busy() -> None:
    """v0.34.4 on a fast line: the big layer's last event says 75 %, the small ones send none."""
    sizes = (90 * MB, 120, 400)
    tracker = PullTracker(expected_total=sum(sizes), clock=Clock(100.0))
    seen = [
        (event.status, tracker.update(event))
        for event in pull_script(sizes=sizes, last_tick=0.75, silent_below=1000)
    ]
    downloading = [p for status, p in seen if p.phase is PullPhase.DOWNLOADING]
    assert downloading[-1].completed == int(90 * MB * 0.75) and downloading[-1].percent == 74
    verifying = next(p for status, p in seen if status.startswith("verifying"))
    # every byte is on disk once Ollama verifies: the bar says so, and shows the work as busy, not stuck
    assert verifying.completed == verifying.total == sum(sizes) and verifying.percent == 99
    assert verifying.indeterminate and not downloading[-1].indeterminate
    assert [p.percent for _, p in seen][-3:] == [99, 99, 100]
    assert seen[-1][1].done and not seen[-1][1].indeterminate


def test_without_the_manifest_size_layers_that_never_reported_stay_out_of_the_total() -> None:
    tracker = PullTracker(clock=Clock(100.0))
    for event in pull_script(sizes=(90 * MB, 120, 400), last_tick=0.5, silent_below=1000):
        p = tracker.update(event)
        if event.status.startswith("verifying"):
            assert p.completed == p.total == 90 * MB
    assert p.done and p.percent == 100
