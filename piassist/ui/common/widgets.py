"""Small helpers shared by the widgets."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import QFont, QFontMetrics, QIcon, QPaintEvent
from PySide6.QtWidgets import QAbstractItemView, QTableView, QVBoxLayout, QWidget

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


def make_row_table(table: QTableView) -> None:
    """A read-only table of things, picked one whole row at a time, each on one line."""
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().hide()
    table.setWordWrap(False)


# What a window manager's title bar keeps beside the title: the window's icon and its buttons.
TITLE_BAR_ROOM = 130


def title_width(window: QWidget) -> int:
    """How wide a window must be for the window manager to show its whole title (drawn in bold)."""
    font = QFont(window.font())
    font.setBold(True)
    return QFontMetrics(font).horizontalAdvance(window.windowTitle()) + TITLE_BAR_ROOM


def fit_title(window: QWidget) -> None:
    """At least as wide as its title needs, within its screen."""
    room = window.screen().availableGeometry().width()
    window.setMinimumWidth(min(room, max(window.minimumSizeHint().width(), title_width(window))))


def make_heading(widget: QWidget, scale: float = 1.4) -> None:
    """Bold and larger than the text around it: a page's title."""
    font = QFont(widget.font())
    font.setPointSizeF(font.pointSizeF() * scale)
    font.setBold(True)
    widget.setFont(font)


class LazyPage(QWidget):
    """A page whose real widget is built when first needed: right after it is first painted (so the
    window appears before the work), or at once when someone asks for it."""

    def __init__(self, factory: Callable[[], QWidget], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._factory: Callable[[], QWidget] | None = factory
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    def build(self) -> None:
        if self._factory is not None:
            factory, self._factory = self._factory, None
            self._layout.addWidget(factory())

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self._factory is not None:  # painted once, empty: build on the next turn of the loop
            QTimer.singleShot(0, self, self.build)
