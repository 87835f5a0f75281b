#!/usr/bin/env python3
"""Outputs that used to freeze the window, streamed through a real, shown TranscriptView.

    .venv/bin/python -m benchmarks.pathological_output [--runs 3] [--kinds unbroken,table]

Kinds: a 1 MB line without a space (a hash, base64), a 300 KB minified line in a code block, a table
of 3,000 rows, a 15,000-character paragraph (drawn whole) and a 200,000-character one (past the size
drawn at once), 60,000 characters of letters with three combining marks each, and 300,000 of letters
with twenty each (a "Zalgo" flood) — each after a short line of text and followed by one, as a model
would write it.

Each is fed the way the chat page feeds the view, in tokens of about 4 characters:
- full speed: 8 tokens each turn of Qt's event loop, and the view updates every turn (its interval
  set to 0: each turn stands for 100 ms passing, as if a model wrote 80 tokens/s): an answer of
  thousands of updates, each of which must cost no more at the end than at the start;
- 20 tokens/s: the first 200 tokens of the answer, then (unmeasured, at full speed) all but its last
  200, then those at 20 tokens/s — a kind's whole length at 20 tokens/s would take hours.
Reported per kind: the longest single blocking step of the event loop (the largest gap between the
ticks of a 5 ms QTimer, timed with QElapsedTimer: layout and painting count, whatever caused them) and
CPU per 1,000 characters over the first and last tenth of the answer (at 20 tokens/s: over the first
and the last 200 tokens). Goals: longest step <= 50 ms; last / first <= 1.5.
Runs are interleaved (every kind once, then again) and the spread over runs is printed: the machine is
shared. Exits 1 when a goal is missed by the median of the runs.
"""

from __future__ import annotations

import argparse
import itertools
import os
import random
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field

if not os.environ.get("DISPLAY"):
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QCoreApplication, QElapsedTimer, QEventLoop, Qt, QTimer
from PySide6.QtWidgets import QApplication

from piassist.core.history.types import MessageState, Role
from piassist.ui.chat.transcript_view import TranscriptMessage, TranscriptView

GOAL_STEP_MS = 50.0
WATCH_MS = 5
GOAL_RATIO = 1.5
TOKENS_PER_TURN = 8
RATE = 20
SLOW_TOKENS = 200
WINDOW = (1280, 720)
HISTORY_PARAGRAPHS = 40
WORDS = ["model", "memory", "token", "layer", "cache", "prompt", "answer", "server", "client", "stream"]


def _hex(size: int, seed: int) -> str:
    rng = random.Random(seed)
    return "".join(rng.choice("0123456789abcdef") for _ in range(size))


def _minified(size: int) -> str:
    part = "var a=1,b=function(c){return c*2+a};if(b(3)>4){console.log('x'+b(5))}else{a++};"
    return (part * (size // len(part) + 1))[:size]


def _words(size: int, seed: int) -> str:
    rng = random.Random(seed)
    words: list[str] = []
    while sum(len(word) + 1 for word in words) < size:
        words.append(rng.choice(WORDS))
    return " ".join(words)


def _table(rows: int) -> str:
    lines = ["| # | name | size | note |", "|---|---|---:|---|"]
    lines += [f"| {i} | {WORDS[i % 10]} | {i * 7 % 1000} MB | row {i} of the list |" for i in range(rows)]
    return "\n".join(lines)


def _marked(size: int, seed: int, marks_each: int) -> str:
    """Letters (and now and then a space) each carrying `marks_each` combining marks."""
    rng = random.Random(seed)
    marks = [chr(code) for code in range(0x300, 0x36F)]
    out: list[str] = []
    count = 0
    while count < size:
        out.append(rng.choice("abcdefgh ") + "".join(rng.choice(marks) for _ in range(marks_each)))
        count += 1 + marks_each
    return "".join(out)


KINDS: dict[str, Callable[[], str]] = {
    "unbroken 1 MB": lambda: f"Here is the key:\n\n{_hex(1_000_000, 1)}\n\nKeep it safe.\n",
    "minified 300 KB": lambda: f"The file:\n\n```js\n{_minified(300_000)}\n```\n\nThat is all.\n",
    "table 3,000 rows": lambda: f"The rows:\n\n{_table(3000)}\n\nThat is the table.\n",
    "paragraph 15 KB": lambda: f"In short:\n\n{_words(15_000, 2)}\n\nThe end.\n",
    "paragraph 200 KB": lambda: f"In short:\n\n{_words(200_000, 3)}\n\nThe end.\n",
    "combining 60 KB": lambda: f"Look:\n\n{_marked(60_000, 4, 3)}\n\nStrange.\n",
    "zalgo 300 KB": lambda: f"Look:\n\n{_marked(300_000, 5, 20)}\n\nStrange.\n",
}


def tokens(text: str) -> list[str]:
    """About 4 characters each; a word with the space before it is one token up to 6 characters."""
    pieces: list[str] = []
    at = 0
    while at < len(text):
        end = at + 4
        space = text.find(" ", at + 1, at + 7)
        if 0 < space - at <= 6:
            end = space
        pieces.append(text[at:end])
        at = end
    return pieces


class StepWatch:
    """The longest time the event loop went without running a WATCH_MS timer: an upper bound of the
    longest blocking step (a step of S ms shows as a gap of S to S + WATCH_MS). A 1 ms timer would cost
    a good share of the CPU measured at 20 tokens/s; at 5 ms it is about 1 %."""

    def __init__(self) -> None:
        self.clock = QElapsedTimer()
        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(WATCH_MS)
        self.timer.timeout.connect(self._tick)
        self.last = 0
        self.longest = 0

    def start(self) -> None:
        self.clock.start()
        self.last = 0
        self.timer.start()

    def _tick(self) -> None:
        now = self.clock.elapsed()
        self.longest = max(self.longest, now - self.last)
        self.last = now

    def stop(self) -> None:
        self._tick()
        self.timer.stop()


@dataclass
class Result:
    longest_ms: list[float] = field(default_factory=list)
    ratio: list[float] = field(default_factory=list)
    first_ms: list[float] = field(default_factory=list)  # CPU ms per 1,000 characters, first part
    last_ms: list[float] = field(default_factory=list)


def new_view() -> TranscriptView:
    """A shown view whose window is already full (an earlier answer above), as in a conversation: the
    first tenth is then drawn and scrolled like the last, and the two compare like with like."""
    view = TranscriptView()
    view.resize(*WINDOW)
    view.show()
    earlier = "\n\n".join(_words(400, seed) for seed in range(HISTORY_PARAGRAPHS))
    view.show_messages(
        [
            TranscriptMessage(10, Role.USER, "Tell me something."),
            TranscriptMessage(11, Role.ASSISTANT, earlier),
        ]
    )
    view.add_user(1, "Show me.")
    view.begin_answer(2, "bench:1b")
    QCoreApplication.processEvents()
    return view


def close(view: TranscriptView) -> None:
    view.close()
    view.deleteLater()
    QCoreApplication.processEvents()


def run_loop(feed: Callable[[], bool], interval: int) -> None:
    """Call feed() from a timer until it returns False, in a real event loop."""
    loop = QEventLoop()
    timer = QTimer()
    timer.setInterval(interval)

    def tick() -> None:
        if not feed():
            timer.stop()
            QTimer.singleShot(150, loop.quit)  # the last update and paint

    timer.timeout.connect(tick)
    timer.start()
    loop.exec()


def full_speed(pieces: list[str], watch: StepWatch) -> tuple[float, float]:
    """Everything at full speed; CPU ms per 1,000 characters over the first and the last tenth."""
    view = new_view()
    view.update_interval_ms = 0  # each turn stands for an update interval passing: an update every turn
    total = sum(map(len, pieces))
    marks = [total * i // 10 for i in (1, 9)]
    cpu_at: list[float] = []
    state = {"index": 0, "fed": 0}
    start_cpu = time.process_time()

    def feed() -> bool:
        for _ in range(TOKENS_PER_TURN):
            if state["index"] >= len(pieces):
                return False
            piece = pieces[state["index"]]
            view.append_answer(2, piece)
            state["index"] += 1
            state["fed"] += len(piece)
            if len(cpu_at) < len(marks) and state["fed"] >= marks[len(cpu_at)]:
                cpu_at.append(time.process_time())
        return True

    watch.start()
    run_loop(feed, 0)
    end_cpu = time.process_time()
    view.finish_answer(2, MessageState.COMPLETE, "")
    QCoreApplication.processEvents()
    watch.stop()
    close(view)
    tenth = total / 10 / 1000
    return (cpu_at[0] - start_cpu) * 1000 / tenth, (end_cpu - cpu_at[1]) * 1000 / tenth


def slow(pieces: list[str], watch: StepWatch) -> tuple[float, float]:
    """The first and the last SLOW_TOKENS tokens at RATE tokens/s, the middle at full speed."""
    view = new_view()
    costs: list[float] = []

    def paced(part: list[str]) -> None:
        it = iter(part)
        start = time.process_time()

        def feed() -> bool:
            piece = next(it, None)
            if piece is None:
                return False
            view.append_answer(2, piece)
            return True

        run_loop(feed, 1000 // RATE)
        costs.append((time.process_time() - start) * 1000 / (sum(map(len, part)) / 1000))

    watch.start()
    paced(pieces[:SLOW_TOKENS])
    middle = iter(pieces[SLOW_TOKENS:-SLOW_TOKENS])

    def fast() -> bool:
        batch = list(itertools.islice(middle, TOKENS_PER_TURN))
        for piece in batch:
            view.append_answer(2, piece)
        return bool(batch)

    run_loop(fast, 0)
    paced(pieces[-SLOW_TOKENS:])
    view.finish_answer(2, MessageState.COMPLETE, "")
    QCoreApplication.processEvents()
    watch.stop()
    close(view)
    return costs[0], costs[1]


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--kinds", default="", help="comma-separated names (prefixes) of kinds to run")
    args = parser.parse_args()
    app = QApplication(sys.argv)
    wanted = args.kinds.split(",") if args.kinds else [""]
    chosen = [name for name in KINDS if any(name.startswith(prefix) for prefix in wanted)]
    texts = {name: tokens(KINDS[name]()) for name in chosen}
    print(f"window {WINDOW[0]}x{WINDOW[1]}, platform {app.platformName()}, {args.runs} interleaved runs")
    watch = StepWatch()
    results: dict[tuple[str, str], Result] = {}
    full_speed(tokens(KINDS["paragraph 15 KB"]()), StepWatch())  # warm-up: fonts, glyphs
    for _ in range(args.runs):
        for name in chosen:
            for mode, run in (("full speed", full_speed), (f"{RATE} tok/s", slow)):
                watch.longest = 0
                first, last = run(texts[name], watch)
                result = results.setdefault((name, mode), Result())
                result.longest_ms.append(float(watch.longest))
                result.first_ms.append(first)
                result.last_ms.append(last)
                result.ratio.append(last / first if first else 0.0)
    return report(results)


def spread(values: list[float], digits: int = 0) -> str:
    return f"{statistics.median(values):.{digits}f} ({min(values):.{digits}f}–{max(values):.{digits}f})"


def report(results: dict[tuple[str, str], Result]) -> int:
    print(
        f"{'kind':18s} {'mode':11s} {'longest step, ms':>18s} {'CPU ms/1,000 ch first':>22s} "
        f"{'last':>16s} {'last/first':>17s}  goals"
    )
    missed = 0
    for (name, mode), result in results.items():
        step, ratio = statistics.median(result.longest_ms), statistics.median(result.ratio)
        ok = step <= GOAL_STEP_MS and ratio <= GOAL_RATIO
        missed += not ok
        print(
            f"{name:18s} {mode:11s} {spread(result.longest_ms):>18s} {spread(result.first_ms, 1):>22s} "
            f"{spread(result.last_ms, 1):>16s} {spread(result.ratio, 2):>17s}  {'ok' if ok else 'MISSED'}"
        )
    print(
        f"goals: longest step <= {GOAL_STEP_MS:.0f} ms, last / first <= {GOAL_RATIO} "
        "(medians; the spread over runs in brackets)"
    )
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
