"""The empty chat's starting points: a heading and a few one-click tasks (core/starting_points.py), each
filling the question box with its instruction for the person to finish: PiAssist's own, or those the
person (Preferences) or a kiosk's admin set (services/starting_points.py). Read again when the language
changes or a list is edited."""

from __future__ import annotations

import logging

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from piassist import paths
from piassist.core.starting_points import StartingPoint, StartingPointsError, starting_points
from piassist.services.starting_points import StartingPointsService
from piassist.ui.common.retranslate import Retranslating
from piassist.ui.common.widgets import make_heading, named

log = logging.getLogger(__name__)
PER_ROW = 3
WIDEST = 640


class StartingPoints(Retranslating, QWidget):
    chosen = Signal(str)  # the prompt put into the question box
    buttons_changed = Signal()  # new buttons (another language): the page's tab order follows

    def __init__(self, composer: QPlainTextEdit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("startingPoints")
        self._composer = composer
        self._source: StartingPointsService | None = None  # until use(): PiAssist's own
        self.title = named(QLabel(wordWrap=True), "startingTitle")
        make_heading(self.title, 1.2)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.hint = QLabel(wordWrap=True)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.grid = QGridLayout()
        self.buttons: list[QPushButton] = []
        self.points: list[StartingPoint] = []
        content = QWidget()  # centred, no wider than a comfortable line on a large screen
        content.setMaximumWidth(WIDEST)
        inner = QVBoxLayout(content)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addWidget(self.title)
        inner.addWidget(self.hint)
        inner.addLayout(self.grid)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(content, 100)  # as wide as there is room for, up to WIDEST
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(2)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.title.setText(self.tr("What can I help with?"))
        self.hint.setText(self.tr("Type a question below, or start from one of these:"))
        self.refresh()

    def use(self, source: StartingPointsService) -> None:
        """Show the lists the person or the kiosk's admin set, and follow their edits."""
        self._source = source
        source.changed.connect(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        language = QLocale().name().split("_")[0]
        if self._source is not None:
            points = self._source.shown(language)
        else:
            try:
                points = starting_points(paths.resources_dir() / "starting-points", language)
            except StartingPointsError as exc:
                log.warning("no starting points: %s", exc)
                points = []
        if points != self.points:
            self._show(points)

    def start_from(self, prompt: str) -> None:
        """The instruction in the question box, the cursor after it for the person's text."""
        self._composer.setPlainText(prompt)
        self._composer.moveCursor(QTextCursor.MoveOperation.End)
        self._composer.setFocus(Qt.FocusReason.OtherFocusReason)
        self.chosen.emit(prompt)

    def _show(self, points: list[StartingPoint]) -> None:
        for button in self.buttons:
            self.grid.removeWidget(button)
            button.deleteLater()
        self.points, self.buttons = points, []
        for i, point in enumerate(points):
            button = named(QPushButton(point.label), f"startingPoint{i}")
            button.setToolTip(point.prompt.strip())
            button.setAccessibleDescription(point.prompt.strip())
            button.clicked.connect(lambda _checked=False, prompt=point.prompt: self.start_from(prompt))
            self.grid.addWidget(button, i // PER_ROW, i % PER_ROW)
            self.buttons.append(button)
        self.hint.setVisible(bool(points))
        self.buttons_changed.emit()
