"""Bugs of PySide6 versions that PiAssist must not be installed with (see pyproject.toml)."""

import sys

from PySide6.QtCore import QObject, Signal


class Emitter(QObject):
    changed = Signal(bool)


def test_emitting_a_signal_keeps_the_references_to_true_and_false(qapp: object) -> None:
    # PySide6 6.12.0 drops one reference to a bool on each emit from Python; on Python 3.11, where True
    # and False are not immortal, the interpreter aborts once the count reaches zero.
    emitter = Emitter()
    seen: list[bool] = []
    emitter.changed.connect(seen.append)
    before = sys.getrefcount(True) + sys.getrefcount(False)
    for i in range(500):
        emitter.changed.emit(i % 2 == 0)
    seen.clear()
    assert sys.getrefcount(True) + sys.getrefcount(False) >= before
