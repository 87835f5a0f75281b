"""The screen shown while PiAssist has no working Ollama: what is wrong, and what to do next."""

from __future__ import annotations

import time

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from piassist.core.connection_state import ConnectionStatus, ConnState
from piassist.core.help_pages import INSTALL_OLLAMA
from piassist.ui.common.retranslate import Retranslating
from piassist.ui.common.widgets import app_icon, make_heading, named
from piassist.ui.connection import texts as connection_texts
from piassist.ui.connection.help_dialog import HelpDialog

BUSY_STATES = (ConnState.CONNECTING, ConnState.STARTING)


class ConnectionPage(Retranslating, QWidget):
    start_requested = Signal()
    retry_requested = Signal()
    change_host_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("connectionPage")
        self._status: ConnectionStatus | None = None
        self._retry_at: float | None = None
        self._can_start = False

        self.title = named(QLabel(wordWrap=True), "connectionTitle")
        make_heading(self.title, 1.6)
        self.body = named(QLabel(wordWrap=True), "connectionBody")
        self.body.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.busy = named(QProgressBar(textVisible=False), "connectionBusy")
        self.busy.setRange(0, 0)
        self.busy.setMaximumWidth(320)

        self.command = named(QLineEdit(connection_texts.INSTALL_COMMAND, readOnly=True), "installCommand")
        self.copy_button = named(QPushButton(), "copyCommand")
        self.copy_button.clicked.connect(self._copy_command)
        command_row = QHBoxLayout()
        command_row.addWidget(self.command, 1)
        command_row.addWidget(self.copy_button)
        self.command_box = QWidget()
        self.command_box.setLayout(command_row)
        command_row.setContentsMargins(0, 0, 0, 0)
        # The install step by step and the too-little-memory advice: an offline page (no web link opens,
        # which a kiosk depends on).
        self.help_button = named(QPushButton(), "ollamaHelp")
        self.help_button.clicked.connect(self.open_help)
        self.help_dialog: HelpDialog | None = None

        self.start_button = named(QPushButton(default=True), "startOllama")
        self.start_button.clicked.connect(self.start_requested)
        self.retry_button = named(QPushButton(), "retryNow")
        self.retry_button.clicked.connect(self.retry_requested)
        self.host_button = named(QPushButton(), "changeHost")
        self.host_button.clicked.connect(self.change_host_requested)
        buttons = QHBoxLayout()
        buttons.addWidget(self.start_button)
        buttons.addWidget(self.retry_button)
        buttons.addWidget(self.host_button)
        buttons.addStretch(1)

        self.retry_label = named(QLabel(wordWrap=True), "retryLabel")
        # The server's own words are English and technical: kept for experts, folded away by default.
        self.details_button = named(QToolButton(), "showDetails")
        self.details_button.setCheckable(True)
        self.details_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.details_button.setArrowType(Qt.ArrowType.RightArrow)
        self.details_button.setAutoRaise(True)
        self.details_button.toggled.connect(self._toggle_details)
        self.detail = named(QLabel(wordWrap=True), "connectionDetail")
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail.setStyleSheet("color: palette(placeholder-text);")
        self.detail.hide()

        self.icon = named(QLabel(), "connectionIcon")
        self.icon.setPixmap(app_icon().pixmap(QSize(72, 72)))

        column = QVBoxLayout()
        column.addStretch(1)
        column.addWidget(self.icon)
        column.addWidget(self.title)
        column.addWidget(self.body)
        column.addWidget(self.busy)
        column.addWidget(self.command_box)
        column.addWidget(self.help_button, 0, Qt.AlignmentFlag.AlignLeft)
        column.addLayout(buttons)
        column.addWidget(self.retry_label)
        column.addWidget(self.details_button, 0, Qt.AlignmentFlag.AlignLeft)
        column.addWidget(self.detail)
        column.addStretch(2)
        body = QWidget()
        body.setLayout(column)
        body.setMaximumWidth(760)  # long lines are hard to read on a wide screen
        outer = QHBoxLayout(self)
        outer.addStretch(1)
        outer.addWidget(body, 20)
        outer.addStretch(1)

        self._tick = QTimer(self, interval=1000)
        self._tick.timeout.connect(self._update_retry_label)
        self.retranslate_ui()

    def set_status(self, status: ConnectionStatus, can_start: bool) -> None:
        self._status = status
        self._can_start = can_start
        self._retry_at = time.monotonic() + status.retry_in if status.retry_in is not None else None
        self._apply()

    def retranslate_ui(self) -> None:
        self.copy_button.setText(self.tr("Copy"))
        self.copy_button.setToolTip(self.tr("Copy the install command"))
        self.command.setAccessibleName(self.tr("Install command"))
        self.start_button.setText(self.tr("Start Ollama"))
        self.retry_button.setText(self.tr("Try again now"))
        self.host_button.setText(self.tr("Change server address…"))
        self.details_button.setText(self.tr("Technical details"))
        self.help_button.setText(self.tr("How to install Ollama…"))
        self.help_button.setToolTip(
            self.tr("Step by step, with where to find the Terminal; also what to do with too little memory")
        )
        self._apply()

    def showEvent(self, event: QShowEvent) -> None:
        self._tick.start()
        super().showEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:
        self._tick.stop()
        super().hideEvent(event)

    def _apply(self) -> None:
        status = self._status
        if status is None:
            return
        self.title.setText(connection_texts.title(status))
        self.body.setText(connection_texts.explanation(status))
        self.busy.setVisible(status.state in BUSY_STATES)
        self.command_box.setVisible(status.state is ConnState.NOT_INSTALLED)
        self.help_button.setVisible(status.state is ConnState.NOT_INSTALLED)
        self.start_button.setVisible(status.state is ConnState.NOT_RUNNING and self._can_start)
        self.retry_button.setVisible(status.state not in BUSY_STATES)
        self.detail.setText(status.detail)
        self.details_button.setVisible(bool(status.detail))
        self.detail.setVisible(bool(status.detail) and self.details_button.isChecked())
        self._update_retry_label()

    def _update_retry_label(self) -> None:
        status = self._status
        if status is None or status.state in BUSY_STATES or self._retry_at is None:
            self.retry_label.setText("")
            return
        seconds = max(0, round(self._retry_at - time.monotonic()))
        if seconds == 0:
            self.retry_label.setText(self.tr("Trying again…"))
        else:
            self.retry_label.setText(self.tr("Trying again automatically in %n second(s).", "", seconds))

    def _toggle_details(self, shown: bool) -> None:
        self.details_button.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)
        self.detail.setVisible(shown and bool(self.detail.text()))

    def open_help(self) -> HelpDialog:
        if self.help_dialog is None:
            self.help_dialog = HelpDialog(INSTALL_OLLAMA, connection_texts.INSTALL_COMMAND, self)
        self.help_dialog.show()
        return self.help_dialog

    def _copy_command(self) -> None:
        QGuiApplication.clipboard().setText(self.command.text())
