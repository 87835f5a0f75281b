"""A tiny line chart of the last minute, drawn with QPainter (no QtCharts: it is not in Essentials)."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QSize
from PySide6.QtGui import QPainter, QPaintEvent, QPalette, QPen, QPolygonF
from PySide6.QtWidgets import QSizePolicy, QWidget

from piassist.ui.common.retranslate import Retranslating

Points = list[tuple[float, float]]
HEIGHT = 24
WIDTH = 120
MIN_DRAWN_WIDTH = 24
MIN_DRAWN_TIME = 0.1  # of the span: a series is drawn once it covers this much (a lone tick says nothing)


class Sparkline(Retranslating, QWidget):
    """One or two series of (time, value) points over the last `span` seconds, newest at the right edge.

    Both series share one vertical scale, from zero to `maximum` (or to their largest value). A series
    shorter than MIN_DRAWN_TIME of the span is not drawn: until then the chart is empty, not a stray tick.
    """

    def __init__(self, parent: QWidget | None = None, span: float = 60.0) -> None:
        super().__init__(parent)
        self._span = span
        self._points: Points = []
        self._second: Points = []
        self._maximum: float | None = None
        self._default_name = ""
        self.setFixedHeight(HEIGHT)
        # In a narrow window the charts give way first, so that no figure beside them is cut off.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        default = self.tr("Chart of the last minute")
        # A name its owner gave is kept; only our own default follows the language.
        if self.accessibleName() in ("", self._default_name):
            self.setAccessibleName(default)
        self._default_name = default
        self.setAccessibleDescription(self.tr("How the figure beside it changed over the last minute"))

    def sizeHint(self) -> QSize:
        return QSize(WIDTH, HEIGHT)

    def minimumSizeHint(self) -> QSize:
        return QSize(0, HEIGHT)

    @property
    def points(self) -> Points:
        return list(self._points)

    def set_series(self, points: Points, maximum: float | None, second: Points | None = None) -> bool:
        """Show these points (and optionally a second series); repaints, and returns True, only if
        something changed."""
        second = second or []
        if points == self._points and second == self._second and maximum == self._maximum:
            return False
        self._points = list(points)
        self._second = list(second)
        self._maximum = maximum
        self.update()
        return True

    def drawn(self) -> list[Points]:
        """The series long enough to draw (the first one last, on top)."""
        shortest = self._span * MIN_DRAWN_TIME
        return [p for p in (self._second, self._points) if len(p) > 1 and p[-1][0] - p[0][0] >= shortest]

    def paintEvent(self, event: QPaintEvent) -> None:
        drawn = self.drawn()
        if not drawn or self.width() < MIN_DRAWN_WIDTH:
            return  # nothing to draw, or squeezed too narrow for a line to mean anything
        newest = max(p[-1][0] for p in drawn)
        top = self._maximum
        if top is None or top <= 0:
            top = max(v for p in drawn for _t, v in p)
        if top <= 0:
            top = 1.0  # all zeros: a flat line along the bottom
        painter = QPainter(self)
        palette = self.palette()
        for series, role in (
            (self._second, QPalette.ColorRole.PlaceholderText),
            (self._points, QPalette.ColorRole.Highlight),
        ):
            if any(series is p for p in drawn):
                painter.setPen(QPen(palette.color(role), 1))
                painter.drawPolyline(self._polygon(series, newest, top))
        painter.end()

    def _polygon(self, series: Points, newest: float, top: float) -> QPolygonF:
        width = self.width() - 1
        height = self.height() - 1
        polygon = QPolygonF()
        for t, v in series:
            x = width - (newest - t) / self._span * width
            y = height - min(max(v / top, 0.0), 1.0) * (height - 1)
            polygon.append(QPointF(max(x, 0.0), y))
        if len(series) == 1:  # a single sample: a dot would be invisible, draw a short tick
            first = polygon.at(0)
            polygon.append(QPointF(first.x() - 2, first.y()))
        return polygon
