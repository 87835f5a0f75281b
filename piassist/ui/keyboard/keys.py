"""Key sequences: the desktop's standard keys where it has them, and how keys are written for people."""

from __future__ import annotations

from typing import Any, cast

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence

# Keys a keyboard has on any PC; the platforms' tables also list media keys ("Zoom In", "Help", "New")
# that almost nobody has, and the sheet would only confuse with them.
_TYPED_KEYS = {
    Qt.Key.Key_Escape,
    Qt.Key.Key_Delete,
    Qt.Key.Key_Return,
    Qt.Key.Key_Enter,
    Qt.Key.Key_Tab,
    Qt.Key.Key_Backtab,
}
_FUNCTION_KEYS = range(Qt.Key.Key_F1.value, Qt.Key.Key_F35.value + 1)
_MODIFIERS = (
    Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier | Qt.KeyboardModifier.MetaModifier
)


def standard(key: QKeySequence.StandardKey, *fallback: str) -> list[QKeySequence]:
    """The desktop's keys for a standard action, or `fallback` where it has none (a bare X11 desktop
    has no Full screen key, Windows' table no Quit)."""
    bindings = QKeySequence.keyBindings(key)
    return bindings if bindings else [QKeySequence(text) for text in fallback]


def is_typed(sequence: QKeySequence) -> bool:
    """Whether an ordinary keyboard can type this: a combination with Ctrl, Alt or Meta, a function key,
    Esc, Delete, Enter or Tab; not a media key."""
    if sequence.isEmpty():
        return False
    combination = cast(Any, sequence)[0]  # a QKeyCombination (the stubs miss __getitem__)
    return bool(combination.keyboardModifiers() & _MODIFIERS) or (
        combination.key() in _TYPED_KEYS or combination.key().value in _FUNCTION_KEYS
    )


def shown(sequences: list[QKeySequence]) -> str:
    """The keys as a person reads them, in the interface's language ("Ctrl+N, Ctrl+=")."""
    texts = [s.toString(QKeySequence.SequenceFormat.NativeText) for s in sequences if is_typed(s)]
    return ", ".join(dict.fromkeys(texts))
