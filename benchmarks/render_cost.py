#!/usr/bin/env python3
"""Render cost flat: a long markdown answer streamed through a real, shown TranscriptView.

    .venv/bin/python -m benchmarks.render_cost

The answer: ~8,000 tokens, ~31 KB of sections that each hold a heading, paragraphs, a nested list, a
table, a python, bash or json code block and a block quote, in the same order every time (the words and
sizes vary), so every tenth of it holds about the same mix. Tokens are cut at whitespace boundaries,
about 4 characters each.

(a) Full speed: the tokens are fed as fast as the process can, with Qt's events processed every
    TOKENS_PER_TURN tokens so the view's coalescing timer fires and the window paints, as in the app.
    The view's update interval is 0 here: each event-loop turn stands for 66 ms passing, which makes an
    update every TOKENS_PER_TURN tokens, as with a model writing ~30 tokens/s. After one warm-up run
    (cold fonts, glyphs and lexers would make the first tenth dearer and flatter the ratio), REPEATS
    runs into a fresh view. Goal: CPU per token over the last 10 % of the answer <= 1.5 x over the first
    10 % (the median of the runs' ratios). Printed beside it, to tell growth from start-up: the cost of
    every tenth; the first tenth's tokens fed again at the end of the answer; and the ratio when the
    answer starts below a long earlier one, so that the window is already full when it begins.
(b) Real time: 200 tokens at 20 tokens/s (about 10 s) with the normal update interval, below the whole
    answer shown as history, so the window is full of text. Goal: <= 5 % of one core over that time.

Prints the figures and exits 1 when a goal is missed. Uses QT_QPA_PLATFORM=offscreen unless DISPLAY is set.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import statistics
import sys
import time

if not os.environ.get("DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer
from PySide6.QtWidgets import QApplication

from piassist.core.history.types import MessageState, Role
from piassist.ui.chat.transcript_view import TranscriptMessage, TranscriptView

TOKENS_PER_TURN = 2
REPEATS = 5  # part (a) runs this many times in each setting; medians count
SLICE = 0.10
RATE = 20  # tokens per second for part (b)
REALTIME_TOKENS = 200
GOAL_RATIO = 1.5
GOAL_CPU = 5.0  # percent of one core
WINDOW = (1280, 720)

_WORD_TEXT = (
    "model memory token layer cache prompt answer server client stream block table list quote code "
    "value result thread event loop window widget render frame buffer queue socket system kernel core"
)
WORDS = _WORD_TEXT.split()


def sentence(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(6, 16))]
    if rng.random() < 0.3:
        words[rng.randrange(len(words))] = f"`{rng.choice(WORDS)}()`"
    if rng.random() < 0.3:
        words[rng.randrange(len(words))] = f"**{rng.choice(WORDS)}**"
    if rng.random() < 0.1:
        words[rng.randrange(len(words))] = f"[docs](https://example.org/{rng.choice(WORDS)})"
    return " ".join(words).capitalize() + "."


def paragraph(rng: random.Random) -> str:
    return " ".join(sentence(rng) for _ in range(rng.randint(2, 5)))


def nested_list(rng: random.Random) -> str:
    lines = []
    for i in range(rng.randint(3, 5)):
        lines.append(f"{i + 1}. {sentence(rng)}" if rng.random() < 0.5 else f"- {sentence(rng)}")
        for _ in range(rng.randint(0, 2)):
            lines.append(f"   - {sentence(rng)}")
    return "\n".join(lines)


def table(rng: random.Random) -> str:
    rows = ["| name | size | rate | note |", "| --- | ---: | ---: | --- |"]
    for _ in range(rng.randint(3, 6)):
        note = " ".join(rng.choice(WORDS) for _ in range(3))
        rows.append(f"| {rng.choice(WORDS)} | {rng.randint(1, 999)} MB | {rng.random() * 30:.1f} | {note} |")
    return "\n".join(rows)


def code(rng: random.Random, kind: str) -> str:
    if kind == "python":
        body = [
            f"def {rng.choice(WORDS)}_{i}(x: int) -> int:\n    return x * {i}  # {rng.choice(WORDS)}"
            for i in range(4)
        ]
    elif kind == "bash":
        body = [
            f"ollama run {rng.choice(WORDS)}:{i}b --verbose | grep -c {rng.choice(WORDS)}" for i in range(5)
        ]
    else:
        items = [
            f'  "{rng.choice(WORDS)}_{i}": {{"size": {rng.randint(1, 9999)}, "ok": true}}' for i in range(5)
        ]
        body = ["{", ",\n".join(items), "}"]
    return f"```{kind}\n" + "\n".join(body) + "\n```"


def quote(rng: random.Random) -> str:
    return "\n".join(f"> {sentence(rng)}" for _ in range(rng.randint(2, 3)))


def section(rng: random.Random, kind: str) -> list[str]:
    """One section: the same kinds of block in the same order every time (words and sizes vary), so
    every tenth of the answer holds about the same mix and costs differ by position, not by content."""
    return [
        f"## {sentence(rng)[:-1]}",
        paragraph(rng),
        nested_list(rng),
        paragraph(rng),
        table(rng),
        code(rng, kind),
        quote(rng),
        paragraph(rng),
    ]


def answer(target_chars: int = 31_000, seed: int = 4) -> str:
    """A deterministic markdown answer of about `target_chars` characters."""
    rng = random.Random(seed)
    parts = ["# A long answer", paragraph(rng)]
    kinds = ["python", "bash", "json"]
    while sum(len(p) + 2 for p in parts) < target_chars:
        parts += section(rng, kinds[len(parts) % 3])
    return "\n\n".join(parts) + "\n"


def tokens(text: str) -> list[str]:
    """Cut at whitespace boundaries into tokens of about 4 characters, as a model's come: a word with
    the whitespace before it is one token up to 6 characters; a longer one is cut every 4."""
    pieces: list[str] = []
    for word in re.findall(r"\s*\S+|\s+", text):
        pieces += [word] if len(word) <= 6 else [word[i : i + 4] for i in range(0, len(word), 4)]
    return pieces


def make_view(history: str = "") -> TranscriptView:
    """A shown view with a question and an answer begun; `history` is an earlier answer above them."""
    view = TranscriptView()
    view.resize(*WINDOW)
    view.show()
    if history:
        view.show_messages(
            [
                TranscriptMessage(1, Role.USER, "Tell me something."),
                TranscriptMessage(2, Role.ASSISTANT, history),
            ]
        )
    view.add_user(3, "Tell me everything.")
    view.begin_answer(4, "bench:1b")
    QCoreApplication.processEvents()
    return view


def feed(view: TranscriptView, pieces: list[str]) -> float:
    """Feed tokens at full speed, letting Qt run every TOKENS_PER_TURN tokens; CPU seconds per token."""
    start = time.process_time()
    for i, piece in enumerate(pieces):
        view.append_answer(4, piece)
        if (i + 1) % TOKENS_PER_TURN == 0:
            QCoreApplication.processEvents()  # the update timer fires and the window paints
    QCoreApplication.processEvents()
    return (time.process_time() - start) / len(pieces)


def full_speed(pieces: list[str], history: str = "") -> tuple[list[float], float]:
    """CPU per token over each tenth of the answer; then over the first tenth's tokens once more, fed
    at the end of the answer (same text, other place)."""
    view = make_view(history)
    view.update_interval_ms = 0
    tenth = len(pieces) // 10
    tenths = [feed(view, pieces[i * tenth : (i + 1) * tenth if i < 9 else None]) for i in range(10)]
    again = feed(view, ["\n\n", *pieces[:tenth]])
    view.finish_answer(4, MessageState.COMPLETE, "")
    view.close()
    view.deleteLater()
    return tenths, again


def real_time(pieces: list[str], history: str) -> tuple[float, float, int]:
    """Share of one core used while REALTIME_TOKENS tokens come at RATE a second, below a long answer
    already shown (so the window is full of text, as in a real conversation); wall time; updates."""
    view = make_view(history)
    tokens_left = iter(pieces[:REALTIME_TOKENS])
    loop = QEventLoop()
    timer = QTimer()
    timer.setInterval(1000 // RATE)

    def next_token() -> None:
        piece = next(tokens_left, None)
        if piece is None:
            timer.stop()
            QTimer.singleShot(100, loop.quit)  # let the last update and paint happen
            return
        view.append_answer(4, piece)

    timer.timeout.connect(next_token)
    wall, cpu = time.perf_counter(), time.process_time()
    timer.start()
    loop.exec()
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    updates = view.flush_count
    view.finish_answer(4, MessageState.COMPLETE, "")
    view.close()
    return 100 * cpu / wall, wall, updates


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.parse_args()  # no options: --help says what it measures
    app = QApplication(sys.argv[:1])
    text = answer()
    pieces = tokens(text)
    assert "".join(pieces) == text
    print(
        f"answer: {len(text):,} characters, {len(pieces):,} tokens; window {WINDOW[0]}x{WINDOW[1]}, "
        f"platform {app.platformName()}"
    )
    full_speed(pieces)  # warm-up: fonts, glyphs, lexers; cold, the first tenth would cost more
    history = answer(seed=9)
    fresh: list[tuple[list[float], float]] = []
    below: list[tuple[list[float], float]] = []
    for _ in range(REPEATS):  # interleaved, so that the machine's ups and downs fall on both alike
        fresh.append(full_speed(pieces))
        below.append(full_speed(pieces, history))
    ratio = statistics.median(tenths[-1] / tenths[0] for tenths, _ in fresh)
    verdict = "ok" if ratio <= GOAL_RATIO else "MISSED"
    print(
        f"(a) full speed, an update every {TOKENS_PER_TURN} tokens; medians of {REPEATS} runs after a warm-up"
    )
    for name, runs in (("in a fresh view", fresh), ("below a long earlier answer", below)):
        tenths = " ".join(f"{statistics.median(run[0][i] for run in runs) * 1e6:.0f}" for i in range(10))
        ratios = [run[0][-1] / run[0][0] for run in runs]
        each = ", ".join(f"{r:.2f}" for r in ratios)
        again = statistics.median(run[1] / run[0][0] for run in runs)
        print(f"  {name}: CPU per token by tenth of the answer, µs: {tenths}")
        print(f"    last / first tenth: {statistics.median(ratios):.2f} (runs: {each})")
        print(f"    the first tenth's tokens again, after the last: {again:.2f} x their cost at the start")
    print(f"  goal, in a fresh view: last / first = {ratio:.2f} <= {GOAL_RATIO}  {verdict}")
    cpu, wall, updates = real_time(pieces, text)
    print(
        f"(b) {REALTIME_TOKENS} tokens at {RATE} tokens/s for {wall:.1f} s ({updates} updates), below the "
        "whole answer shown as history:"
    )
    verdict = "ok" if cpu <= GOAL_CPU else "MISSED"
    print(f"    CPU = {cpu:.1f} % of one core  (goal <= {GOAL_CPU:.0f} %)  {verdict}")
    return 0 if ratio <= GOAL_RATIO and cpu <= GOAL_CPU else 1


if __name__ == "__main__":
    sys.exit(main())
