"""Small helpers shared by the widgets."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QObject
from PySide6.QtGui import QFont, QIcon
from PySide6.QtWidgets import QWidget

from piassist import paths

W = TypeVar("W", bound=QObject)


def named(widget: W, name: str) -> W:
    """Give a widget an object name (tests and stylesheets find it by that) and return it."""
    widget.setObjectName(name)
    return widget


def app_icon() -> QIcon:
    """PiAssist's icon from its PNG renderings (an SVG would load QtSvg just for this)."""
    icon = QIcon()
    for png in sorted((paths.resources_dir() / "icons").glob("piassist-*.png")):
        icon.addFile(str(png))
    return icon


def make_heading(widget: QWidget, scale: float = 1.4) -> None:
    """Bold and larger than the text around it: a page's title."""
    font = QFont(widget.font())
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(True)
    widget.setFont(font)
