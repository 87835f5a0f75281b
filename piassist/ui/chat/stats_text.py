"""The server's figures for one answer, as one short translated line under it."""

from __future__ import annotations

from PySide6.QtCore import QLocale, QObject

from piassist.core.chat_types import NS_PER_SECOND, GenerationStats


class StatsText(QObject):
    def line(self, stats: GenerationStats | None) -> str:
        if stats is None:
            return ""
        locale = QLocale()
        parts = []
        if stats.eval_rate is not None:
            parts.append(self.tr("%1 tokens/s").replace("%1", locale.toString(stats.eval_rate, "f", 1)))
        parts.append(self.tr("%n token(s)", "", stats.eval_count))
        # The question's speed counts only the tokens the model read; those its cache held are named apart.
        if stats.prompt_tokens_read and stats.prompt_rate is not None:
            parts.append(
                self.tr("question: %n token(s) at %1 tokens/s", "", stats.prompt_tokens_read).replace(
                    "%1", locale.toString(stats.prompt_rate, "f", 1)
                )
            )
        if stats.prompt_tokens_cached:
            parts.append(self.tr("%n from cache", "", stats.prompt_tokens_cached))
        if stats.load_duration_ns >= NS_PER_SECOND // 10:
            seconds = locale.toString(stats.load_duration_ns / NS_PER_SECOND, "f", 1)
            parts.append(self.tr("model loaded in %1 s").replace("%1", seconds))
        return " · ".join(parts)
