"""A small dialog to change the Ollama server address, checked as the person types."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QLineEdit, QVBoxLayout, QWidget

from piassist.core.hosts import DEFAULT_HOST, InvalidHostError, parse_host
from piassist.ui.widgets import named


class HostDialog(QDialog):
    host_chosen = Signal(str)

    def __init__(self, current: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("hostDialog")
        self._intro = QLabel(wordWrap=True)
        self._edit = QLineEdit(current)
        self._edit.setObjectName("hostEdit")
        self._problem = named(QLabel(wordWrap=True), "hostProblem")
        self._problem.setStyleSheet("color: #b3261e;")
        self._buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self._buttons.accepted.connect(self._accept)
        self._buttons.rejected.connect(self.reject)
        self._edit.textChanged.connect(self._check)
        layout = QVBoxLayout(self)
        layout.addWidget(self._intro)
        layout.addWidget(self._edit)
        layout.addWidget(self._problem)
        layout.addWidget(self._buttons)
        self.retranslate_ui()
        self._check()

    def reset(self, current: str) -> None:
        self._edit.setText(current)
        self._edit.selectAll()
        self._edit.setFocus()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Ollama server"))
        self._intro.setText(
            self.tr("Address of the Ollama server. Leave it empty for this computer (%1).").replace(
                "%1", DEFAULT_HOST
            )
        )
        self._edit.setPlaceholderText(DEFAULT_HOST)
        self._edit.setAccessibleName(self.tr("Server address"))
        self._check()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def _check(self) -> None:
        try:
            parse_host(self._edit.text())
        except InvalidHostError:
            self._problem.setText(self.tr("This is not a server address."))
            self._buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
        else:
            self._problem.setText("")
            self._buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(True)

    def _accept(self) -> None:
        self.host_chosen.emit(self._edit.text().strip())
        self.accept()
