"""Text zoom for the places where text is read (the transcript, the composer, the lists): 75–200 % in
steps, remembered in the settings."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QWidget

from piassist.services.settings import SettingsService

ZOOM_STEPS = (75, 90, 100, 110, 125, 150, 175, 200)
NORMAL = 100


def clamp_zoom(percent: float) -> int:
    """Any stored value as a percentage the app shows: the nearest step inside the range."""
    return min(ZOOM_STEPS, key=lambda step: (abs(step - percent), step))


def next_zoom(percent: int, direction: int) -> int:
    """The step above (direction > 0) or below the given percentage; the ends stay where they are."""
    if direction > 0:
        return next((step for step in ZOOM_STEPS if step > percent), ZOOM_STEPS[-1])
    return next((step for step in reversed(ZOOM_STEPS) if step < percent), ZOOM_STEPS[0])


class _ZoomedFont(QObject):
    """Holds one widget's own font and scales it; a child of the widget, so it goes when the widget
    goes (and with it the connection)."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self._widget = widget
        self._base = QFont(widget.font())

    def apply(self, percent: int) -> None:
        font = QFont(self._base)
        if self._base.pointSizeF() > 0:
            font.setPointSizeF(self._base.pointSizeF() * percent / 100)
        elif self._base.pixelSize() > 0:
            font.setPixelSize(max(1, round(self._base.pixelSize() * percent / 100)))
        self._widget.setFont(font)


class TextZoom(QObject):
    """The zoom of the moment; widgets attached to it follow every change."""

    changed = Signal(int)

    def __init__(self, settings: SettingsService, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._settings = settings
        self._percent = clamp_zoom(settings.text_zoom)

    @property
    def percent(self) -> int:
        return self._percent

    def attach(self, *widgets: QWidget) -> None:
        for widget in widgets:
            zoomed = _ZoomedFont(widget)
            if self._percent != NORMAL:
                zoomed.apply(self._percent)
            self.changed.connect(zoomed.apply)

    def zoom_in(self) -> None:
        self.set_percent(next_zoom(self._percent, +1))

    def zoom_out(self) -> None:
        self.set_percent(next_zoom(self._percent, -1))

    def reset(self) -> None:
        self.set_percent(NORMAL)

    def set_percent(self, percent: int) -> None:
        percent = clamp_zoom(percent)
        if percent == self._percent:
            return
        self._percent = percent
        self._settings.set_text_zoom(percent)
        self.changed.emit(percent)
