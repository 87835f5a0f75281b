"""Sizes, dates and durations in the interface language, through QLocale and translated plurals."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QDateTime, QLocale, QObject

from piassist.core.models import parameter_count
from piassist.core.timefmt import Ago, time_ago


class Formatting(QObject):
    """Holds the translated phrases (a QObject, so that lupdate sees the plural forms of self.tr)."""

    def ago(self, unit: Ago, n: int) -> str:
        if unit is Ago.JUST_NOW:
            return self.tr("just now")
        if unit is Ago.MINUTES:
            return self.tr("%n minute(s) ago", "", n)
        if unit is Ago.HOURS:
            return self.tr("%n hour(s) ago", "", n)
        if unit is Ago.DAYS:
            return self.tr("%n day(s) ago", "", n)
        if unit is Ago.MONTHS:
            return self.tr("%n month(s) ago", "", n)
        return self.tr("%n year(s) ago", "", n)

    def millions(self, number: str) -> str:
        return self.tr("%1M", "millions of parameters").replace("%1", number)

    def billions(self, number: str) -> str:
        return self.tr("%1B", "billions of parameters").replace("%1", number)


_phrases = Formatting()


def size(n_bytes: int) -> str:
    # Decimal units (1 GB = 1000 MB), as Ollama and model sites quote sizes.
    return QLocale().formattedDataSize(n_bytes, 1, QLocale.DataSizeFormat.DataSizeSIFormat)


def parameters(text: str) -> str:
    """Ollama's parameter count ("268.10M") in the interface's number format ("268,1 млн"); other text
    as it is."""
    count = parameter_count(text)
    if count is None:
        return text
    locale = QLocale()
    if count >= 1e9:
        return _phrases.billions(locale.toString(count / 1e9, "g", 4))
    return _phrases.millions(locale.toString(count / 1e6, "g", 4))


def ago(when: datetime | None, now: datetime | None = None) -> str:
    if when is None:
        return ""
    return _phrases.ago(*time_ago(when, now))


def date_time(when: datetime | None) -> str:
    if when is None:
        return ""
    stamp = QDateTime.fromSecsSinceEpoch(int(when.timestamp()))
    return QLocale().toString(stamp, QLocale.FormatType.LongFormat)
