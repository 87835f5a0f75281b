"""An offline help page in a window of its own, with a command to copy when the page needs one.

The text is shown by a QTextBrowser that follows no link (nothing opens outside PiAssist, which a kiosk
depends on). The page is read again in the new language when the language changes.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QLocale
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from piassist import paths
from piassist.core.help_pages import help_page
from piassist.ui.common.retranslate import Retranslating
from piassist.ui.common.widgets import named

log = logging.getLogger(__name__)


class HelpDialog(Retranslating, QDialog):
    def __init__(self, page: str, command: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("helpDialog")
        self._page = page
        self.browser = named(QTextBrowser(), "helpText")
        self.browser.setOpenLinks(False)
        self.browser.setOpenExternalLinks(False)
        self.command = named(QLineEdit(command, readOnly=True), "helpCommand")
        self.copy_button = named(QPushButton(), "helpCopy")
        self.copy_button.clicked.connect(self._copy)
        self.copied = False
        row = QHBoxLayout()
        row.addWidget(self.command, 1)
        row.addWidget(self.copy_button)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser, 1)
        layout.addLayout(row)
        layout.addWidget(self.buttons)
        self.command.setVisible(bool(command))
        self.copy_button.setVisible(bool(command))
        # Within the window it belongs to (a 800×480 panel's whole screen), else within the screen.
        room = parent.window().size() if parent is not None else self.screen().availableGeometry().size()
        self.resize(min(720, room.width() - 40), min(620, room.height() - 40))
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Help"))
        self.copy_button.setText(self.tr("Copy"))
        self.copy_button.setToolTip(self.tr("Copy the command, to paste it in the Terminal"))
        self.command.setAccessibleName(self.tr("Command"))
        self.browser.setAccessibleName(self.tr("Help"))
        language = QLocale().name().split("_")[0]
        try:
            self.browser.setHtml(help_page(paths.resources_dir() / "help", self._page, language))
        except OSError as exc:
            log.warning("no help page: %s", exc)
            self.browser.setPlainText(self.tr("This help page is missing from the installation."))

    def _copy(self) -> None:
        QGuiApplication.clipboard().setText(self.command.text())
        self.copied = True
