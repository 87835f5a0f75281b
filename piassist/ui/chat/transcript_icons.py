"""The chat's action icons, painted with QPainter: in the transcript (copy) and on the top row's buttons.

They are images in the transcript's own document (QTextDocument.addResource under a piassist-icon: name),
so an action is an image inside a link: Tab reaches it and Enter follows it as any link in the view, the
image's format carries the tooltip, and nothing is loaded from outside (the view loads no resource).
Painted rather than read from SVG files: a few lines and arcs need no QtSvg at start-up. ActionButton
is a button that shows only its icon, in the palette's colour (again after a palette change), and keeps
its words as tooltip and accessible name.
"""

from __future__ import annotations

from enum import Enum

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, QUrl
from PySide6.QtGui import (
    QColor,
    QIcon,
    QImage,
    QPainter,
    QPainterPath,
    QPalette,
    QPen,
    QPixmap,
    QTextDocument,
)
from PySide6.QtWidgets import QPushButton, QWidget

ICON_SCHEME = "piassist-icon"
ICON_SIZE = 16  # logical pixels; drawn at the screen's pixel ratio


class Icon(Enum):
    COPY = "copy"
    EDIT = "edit"  # a pencil: edit the question
    AGAIN = "again"  # a circular arrow: answer again


def icon_name(icon: Icon) -> str:
    """The image's name in the document (what a QTextImageFormat names)."""
    return f"{ICON_SCHEME}:{icon.value}"


def icon_image(icon: Icon, colour: QColor, ratio: float = 1.0) -> QImage:
    """The icon as a transparent image `ICON_SIZE` logical pixels square, in one colour."""
    pixels = max(1, round(ICON_SIZE * ratio))
    image = QImage(pixels, pixels, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.scale(pixels / ICON_SIZE, pixels / ICON_SIZE)
    pen = QPen(colour, 1.4)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    painter.setPen(pen)
    if icon is Icon.COPY:
        _copy(painter, colour)
    elif icon is Icon.EDIT:
        _pencil(painter)
    else:
        _again(painter, colour)
    painter.end()
    image.setDevicePixelRatio(ratio)
    return image


def _copy(painter: QPainter, colour: QColor) -> None:
    """Two sheets, one over the other: the front one drawn whole, the back one only where it shows."""
    back = QRectF(2.5, 2.5, 8.0, 9.0)
    front = QRectF(5.5, 5.0, 8.0, 9.0)
    shown = QPainterPath()
    shown.addRect(QRectF(0, 0, ICON_SIZE, ICON_SIZE))
    hidden = QPainterPath()
    hidden.addRoundedRect(front.adjusted(-1.5, -1.5, 1.5, 1.5), 2.5, 2.5)
    painter.save()
    painter.setClipPath(shown.subtracted(hidden))
    painter.drawRoundedRect(back, 1.8, 1.8)
    painter.restore()
    painter.drawRoundedRect(front, 1.8, 1.8)
    lines = QColor(colour)
    lines.setAlphaF(colour.alphaF() * 0.7)
    painter.setPen(QPen(lines, 1.1))
    for y in (8.0, 10.5):
        painter.drawLine(QPointF(front.left() + 2.0, y), QPointF(front.right() - 2.0, y))


def _pencil(painter: QPainter) -> None:
    painter.translate(8.0, 8.0)
    painter.rotate(-45.0)
    painter.drawRoundedRect(QRectF(-3.5, -2.0, 9.5, 4.0), 0.8, 0.8)  # the body
    painter.drawLine(QPointF(3.5, -2.0), QPointF(3.5, 2.0))  # where the eraser begins
    tip = QPainterPath(QPointF(-3.5, -2.0))
    tip.lineTo(QPointF(-7.0, 0.0))
    tip.lineTo(QPointF(-3.5, 2.0))
    painter.drawPath(tip)


def _again(painter: QPainter, colour: QColor) -> None:
    """Most of a circle, and an arrowhead where it ends."""
    ring = QRectF(3.0, 3.0, 10.0, 10.0)
    arc = QPainterPath()
    arc.arcMoveTo(ring, 60.0)
    arc.arcTo(ring, 60.0, 270.0)
    painter.drawPath(arc)
    head = QPainterPath(QPointF(10.3, 1.6))
    head.lineTo(QPointF(10.9, 5.6))
    head.lineTo(QPointF(6.9, 5.0))
    head.closeSubpath()
    painter.fillPath(head, colour)


class ActionButton(QPushButton):
    """A button that shows only its icon; its words go to set_words (tooltip and accessible name)."""

    def __init__(self, icon: Icon, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._icon = icon
        self.setIconSize(QSize(ICON_SIZE, ICON_SIZE))
        self._paint_icon()

    def set_words(self, name: str, description: str) -> None:
        self.setAccessibleName(name)
        self.setToolTip(f"{name}: {description}" if description else name)
        self.setAccessibleDescription(description)

    def _paint_icon(self) -> None:
        ratio = self.devicePixelRatioF()
        icon = QIcon()
        for mode, group in (
            (QIcon.Mode.Normal, QPalette.ColorGroup.Active),
            (QIcon.Mode.Disabled, QPalette.ColorGroup.Disabled),
        ):
            colour = self.palette().color(group, QPalette.ColorRole.ButtonText)
            icon.addPixmap(QPixmap.fromImage(icon_image(self._icon, colour, ratio)), mode)
        self.setIcon(icon)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._paint_icon()


def add_icons(document: QTextDocument, colour: QColor, ratio: float) -> None:
    """Put every icon into the document, in this colour (again after a palette change: same names)."""
    for icon in Icon:
        image = icon_image(icon, colour, ratio)
        document.addResource(QTextDocument.ResourceType.ImageResource.value, QUrl(icon_name(icon)), image)
