"""A bar per model: its answer speed measured here, with the figures others published for the same model on
a Raspberry Pi 4 and a Pi 5 drawn beside it where there are any. Drawn with QPainter (QtCharts is in
PySide6's Addons half, which would double what PiAssist installs on an SD card; docs/decisions.md).

Horizontal bars, so that long model names read whole on a narrow panel; a dashed line marks results.TOO_SLOW.
A model that could not run gets a line saying so instead of a bar. The chart's words and figures are also
its accessible description, and a bar's tooltip names where a published figure comes from.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QEvent, QLocale, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFontMetrics, QHelpEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from piassist.core.benchmark.results import TOO_SLOW

COLOURS = {"here": "#1565c0", "pi4": "#a0a0a0", "pi5": "#5f5f5f"}
FAILED_COLOUR = "#c62828"
MARGIN = 8


@dataclass(frozen=True)
class ChartGroup:
    model: str
    here: float | None  # tokens/s measured on this computer (None: it could not run)
    published: dict[str, float] = field(default_factory=dict)  # "pi4"/"pi5" → tokens/s
    sources: dict[str, str] = field(default_factory=dict)  # "pi4"/"pi5" → where the figure comes from


@dataclass(frozen=True)
class _Bar:
    rect: QRectF
    kind: str
    value: float | None
    tip: str


class SpeedChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("speedChart")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)  # a screen reader reads its description
        self._groups: list[ChartGroup] = []
        self._bars: list[_Bar] = []
        self.legend = {"here": "", "pi4": "", "pi5": ""}
        self.failed_text = ""
        self.slow_text = ""
        self.empty_text = ""

    @property
    def groups(self) -> list[ChartGroup]:
        """The bars' groups drawn now, one per model, in the order shown."""
        return list(self._groups)

    def set_groups(self, groups: list[ChartGroup]) -> None:
        self._groups = list(groups)
        self.updateGeometry()
        self.update()
        self.setAccessibleDescription(self.description())

    def set_words(self, legend: dict[str, str], failed: str, slow: str, empty: str) -> None:
        self.legend, self.failed_text, self.slow_text, self.empty_text = dict(legend), failed, slow, empty
        self.setAccessibleDescription(self.description())
        self.update()

    def description(self) -> str:
        locale = QLocale()
        parts = []
        for group in self._groups:
            figures = [
                f"{self.legend['here']}: "
                + (self.failed_text if group.here is None else locale.toString(group.here, "f", 1))
            ]
            figures += [
                f"{self.legend[board]}: {locale.toString(value, 'f', 1)}"
                for board, value in group.published.items()
            ]
            parts.append(f"{group.model} — " + "; ".join(figures))
        return ". ".join(parts) if parts else self.empty_text

    # -- geometry ----------------------------------------------------------------------------------
    def _line(self) -> int:
        return QFontMetrics(self.font()).height()

    def _kinds(self) -> list[str]:
        """This computer, and the boards others published figures for, where any model here has one."""
        boards = {board for group in self._groups for board in group.published}
        return ["here", *(board for board in ("pi4", "pi5") if board in boards)]

    def _legend_lines(self, width: int) -> list[list[str]]:
        metrics = QFontMetrics(self.font())
        lines: list[list[str]] = []
        current: list[str] = []
        used = 0
        for kind in self._kinds():
            needed = self._line() + 4 + metrics.horizontalAdvance(self.legend[kind]) + 16
            if current and used + needed > width - 2 * MARGIN:
                lines.append(current)
                current, used = [], 0
            current.append(kind)
            used += needed
        return [*lines, current] if current else lines

    def heightForWidth(self, width: int) -> int:
        line = self._line()
        bars = sum(1 + len(g.published) for g in self._groups)
        legend = len(self._legend_lines(width)) * (line + 4)
        return 2 * MARGIN + legend + 6 + bars * (line + 4) + len(self._groups) * line // 2 + line + 4

    def hasHeightForWidth(self) -> bool:
        return True

    def sizeHint(self) -> QSize:
        return QSize(420, self.heightForWidth(420))

    def minimumSizeHint(self) -> QSize:
        return QSize(200, self.heightForWidth(200))

    # -- painting ----------------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics, line, width = QFontMetrics(self.font()), self._line(), self.width()
        palette_text = self.palette().text().color()
        y = MARGIN
        for kinds in self._legend_lines(width):
            x = MARGIN
            for kind in kinds:
                painter.fillRect(QRectF(x, y + 2, line - 4, line - 4), QColor(COLOURS[kind]))
                x += line + 2
                painter.setPen(palette_text)
                painter.drawText(QPointF(x, y + metrics.ascent()), self.legend[kind])
                x += metrics.horizontalAdvance(self.legend[kind]) + 16
            y += line + 4
        y += 6
        self._bars = []
        if not self._groups:
            painter.drawText(QPointF(MARGIN, y + metrics.ascent()), self.empty_text)
            return
        label_width = min(max(metrics.horizontalAdvance(g.model) for g in self._groups) + 8, int(width * 0.4))
        values = [v for g in self._groups for v in [g.here, *g.published.values()] if v is not None]
        top = max([*values, TOO_SLOW * 1.5])
        digits = metrics.horizontalAdvance("000.0") + 6
        left, span = MARGIN + label_width, max(10.0, width - MARGIN - label_width - MARGIN - digits)
        chart_top = y
        locale = QLocale()
        for group in self._groups:
            name = metrics.elidedText(group.model, Qt.TextElideMode.ElideMiddle, label_width - 8)
            painter.setPen(palette_text)
            painter.drawText(QPointF(MARGIN, y + metrics.ascent()), name)
            rows = [("here", group.here), *group.published.items()]
            for kind, value in rows:
                rect = QRectF(left, y + 1, 0 if value is None else span * value / top, line - 2)
                if value is None:
                    painter.setPen(QColor(FAILED_COLOUR))
                    painter.drawText(QPointF(left, y + metrics.ascent()), self.failed_text)
                else:
                    painter.fillRect(rect, QColor(COLOURS[kind]))
                    painter.setPen(palette_text)
                    painter.drawText(
                        QPointF(rect.right() + 4, y + metrics.ascent()), locale.toString(value, "f", 1)
                    )
                tip = f"{group.model} — {self.legend[kind]}" + (
                    f": {group.sources[kind]}" if kind in group.sources else ""
                )
                self._bars.append(_Bar(QRectF(left, y, span + digits, line), kind, value, tip))
                y += line + 4
            y += line // 2
        slow_x = left + span * TOO_SLOW / top
        pen = QPen(QColor(FAILED_COLOUR))
        pen.setStyle(Qt.PenStyle.DashLine)
        painter.setPen(pen)
        painter.drawLine(QPointF(slow_x, chart_top), QPointF(slow_x, y))
        painter.drawText(
            QPointF(
                max(MARGIN, slow_x - metrics.horizontalAdvance(self.slow_text) / 2), y + metrics.ascent()
            ),
            self.slow_text,
        )

    def tip_at(self, point: QPointF) -> str | None:
        """The bar's model, its board and, for a published figure, where it comes from."""
        return next((b.tip for b in self._bars if b.rect.contains(point)), None)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            tip = self.tip_at(QPointF(event.pos()))
            if tip is not None:
                QToolTip.showText(event.globalPos(), tip, self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)
