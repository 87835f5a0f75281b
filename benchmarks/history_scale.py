#!/usr/bin/env python3
"""The chat history at scale: 100,000 messages in 2,000 conversations, then the two things a person
waits for — opening the conversation list (goal <= 100 ms) and a full-text search (goal <= 200 ms).

Run: .venv/bin/python -m benchmarks.history_scale [--messages 100000]
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

from piassist.core.history.store import HistoryStore  # noqa: E402
from piassist.core.history.types import MessageState, Role  # noqa: E402

WORDS = [
    *[
        "raspberry",
        "pi",
        "model",
        "answer",
        "llama",
        "mountain",
        "python",
        "code",
        "table",
        "memory",
        "swap",
        "token",
        "ollama",
    ],
    *[
        "quick",
        "brown",
        "fox",
        "jumps",
        "lazy",
        "dog",
        "лама",
        "гора",
        "відповідь",
        "пам'ять",
        "модель",
        "код",
        "таблиця",
        "швидко",
    ],
]
GOALS = {"list": 0.100, "search": 0.200}


def sentence(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n))


def fill(store: HistoryStore, messages: int, per_conversation: int = 50) -> None:
    rng = random.Random(1)
    for c in range(messages // per_conversation):
        conversation = store.create_conversation(f"Chat {c}: {sentence(rng, 4)}", "smollm2:135m")
        for m in range(per_conversation):
            role = Role.USER if m % 2 == 0 else Role.ASSISTANT
            store.add_message(
                conversation.id,
                role,
                sentence(rng, 30 if role is Role.USER else 120),
                state=MessageState.COMPLETE,
            )


def timed(action: object, repeat: int = 7) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--messages", type=int, default=100_000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, HistoryStore.open(Path(tmp) / "history.sqlite3") as store:
        started = time.perf_counter()
        fill(store, args.messages)
        print(f"filled {args.messages} messages in {time.perf_counter() - started:.1f} s")
        figures = {
            "list": timed(store.list_conversations),
            "search": timed(lambda: store.search("llama mount", limit=50)),
        }
    failed = False
    for name, seconds in figures.items():
        ok = seconds <= GOALS[name]
        failed |= not ok
        verdict = "ok" if ok else "MISSED"
        print(f"{name:7s} {seconds * 1000:7.1f} ms  (goal <= {GOALS[name] * 1000:.0f} ms)  {verdict}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
