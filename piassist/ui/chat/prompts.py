"""PiAssist's own instructions to the model, in the interface language."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def builtin_system_prompt() -> str:
    # Translators: this is sent to the model. Name your language in it, so the model answers in it.
    return QCoreApplication.translate(
        "Prompts", "You are a helpful assistant. Answer in English, clearly and briefly."
    )
