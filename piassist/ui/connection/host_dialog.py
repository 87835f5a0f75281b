"""The Ollama server dialog: the address (one of the servers used before, or a new one, checked as the
person types) and, for a server behind a proxy that asks for one, an access token kept in the keyring."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from piassist.core.hosts import DEFAULT_HOST, InvalidHostError, parse_host
from piassist.services.secret_store import SecretStoreError
from piassist.ui.common.retranslate import Retranslating
from piassist.ui.common.widgets import named
from piassist.ui.connection.host_access import HostAccess

log = logging.getLogger(__name__)


class HostDialog(Retranslating, QDialog):
    host_chosen = Signal(str)

    def __init__(self, current: str, access: HostAccess, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("hostDialog")
        self._access = access
        self._task: asyncio.Task[None] | None = None
        self._keyring_text = ""
        self._keyring_file_backed = False
        self._intro = QLabel(wordWrap=True)
        self.host_box = named(QComboBox(editable=True), "hostChoice")
        self.host_box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        edit = self.host_box.lineEdit()
        assert edit is not None  # an editable combo box always has one
        self.host_edit = edit
        self.host_edit.setObjectName("hostEdit")
        self.forget_host_button = named(QPushButton(), "forgetHost")
        self.forget_host_button.clicked.connect(self._forget_current_host)
        self.problem_label = named(QLabel(wordWrap=True), "hostProblem")
        self.problem_label.setStyleSheet("color: #b3261e;")
        self._token_label = QLabel(wordWrap=True)
        self.token_edit = named(QLineEdit(), "tokenEdit")
        self.token_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self._token_label.setBuddy(self.token_edit)
        self.forget_token_box = named(QCheckBox(), "forgetToken")
        self.keyring_note = named(QLabel(wordWrap=True), "keyringNote")
        self.keyring_note.setStyleSheet("color: palette(placeholder-text);")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self._accept)
        self.buttons.rejected.connect(self.reject)
        self.host_edit.textChanged.connect(self._check)
        self.token_edit.textChanged.connect(self._sync_token_row)
        address_row = QHBoxLayout()
        address_row.addWidget(self.host_box, 1)
        address_row.addWidget(self.forget_host_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self._intro)
        layout.addLayout(address_row)
        layout.addWidget(self.problem_label)
        layout.addSpacing(6)
        layout.addWidget(self._token_label)
        layout.addWidget(self.token_edit)
        layout.addWidget(self.forget_token_box)
        layout.addWidget(self.keyring_note)
        layout.addWidget(self.buttons)
        self.reset(current)
        self.retranslate_ui()

    def reset(self, current: str) -> None:
        self.host_box.clear()
        self.host_box.addItems(self._access.saved_hosts())
        self.host_edit.setText(current)
        self.host_edit.selectAll()
        self.host_edit.setFocus()
        self.token_edit.clear()
        self.forget_token_box.setChecked(False)
        self._set_busy(False)
        self._check()
        self._fit()
        if not self._keyring_text:
            self._task = asyncio.ensure_future(self._describe_keyring())

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Ollama server"))
        self._intro.setText(
            self.tr("Address of the Ollama server. Leave it empty for this computer (%1).").replace(
                "%1", DEFAULT_HOST
            )
        )
        self.host_edit.setPlaceholderText(DEFAULT_HOST)
        self.host_box.setAccessibleName(self.tr("Server address"))
        self.host_box.setToolTip(self.tr("Servers used before are in the list; type to add another."))
        self.forget_host_button.setText(self.tr("Remove from list"))
        self.forget_host_button.setToolTip(self.tr("Forget this address and the token saved for it"))
        self._token_label.setText(
            self.tr("&Access token (only for a server behind a gateway that asks for one):")
        )
        self.token_edit.setAccessibleName(self.tr("Access token"))
        self.forget_token_box.setText(self.tr("Forget the saved token"))
        self._show_keyring_note()
        self._check()

    # -- what is shown -----------------------------------------------------------------------------
    def _say(self, problem: str) -> None:
        self.problem_label.setText(problem)
        if self.problem_label.isHidden() == bool(problem):
            self.problem_label.setVisible(bool(problem))
            self._fit()

    def _check(self) -> None:
        text = self.host_edit.text()
        try:
            parse_host(text)
        except InvalidHostError:
            self._say(self.tr("This is not a server address."))
            self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
        else:
            self._say("")
            self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(True)
        self.forget_host_button.setEnabled(text.strip() in self._access.saved_hosts())
        self._sync_token_row()

    def _sync_token_row(self) -> None:
        saved = self._access.has_token(self.host_edit.text())
        self.token_edit.setPlaceholderText(self.tr("Saved: type to replace") if saved else self.tr("None"))
        self.forget_token_box.setVisible(saved)
        self.forget_token_box.setEnabled(saved and not self.token_edit.text())

    def _show_keyring_note(self) -> None:
        self.keyring_note.setText(self._keyring_words())
        self._fit()  # the note arrives after the dialog is shown: make room for its lines

    def _keyring_words(self) -> str:
        if not self._keyring_text:
            return ""
        if self._keyring_file_backed:
            return self.tr(
                "This computer has no keyring service, so tokens are kept in a file only you can read: %1"
            ).replace("%1", self._keyring_text)
        return self.tr("Tokens are kept in the system's keyring, never in the settings file.")

    def _fit(self) -> None:
        """Wide enough for its sentences to read well (up to the screen's width), as tall as they need."""
        screen = self.screen().availableGeometry()
        width = min(max(self.width(), self.sizeHint().width(), 480), screen.width())
        layout = self.layout()
        height = layout.heightForWidth(width) if layout is not None and layout.hasHeightForWidth() else -1
        self.resize(width, min(height if height > 0 else self.sizeHint().height(), screen.height()))

    async def _describe_keyring(self) -> None:
        try:
            name, file_backed = await self._access.describe_keyring()
        except SecretStoreError as exc:
            log.warning("no keyring: %s", exc)
            return
        self._keyring_text = name
        self._keyring_file_backed = file_backed
        self._show_keyring_note()

    def _set_busy(self, busy: bool) -> None:
        for widget in (self.host_box, self.token_edit, self.forget_token_box, self.forget_host_button):
            widget.setEnabled(not busy)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not busy)
        if not busy:
            self._check()

    # -- what the person does ----------------------------------------------------------------------
    def _forget_current_host(self) -> None:
        host = self.host_edit.text().strip()
        if self._access.has_token(host):
            self._task = asyncio.ensure_future(self._save_token_then(host, None, lambda: None))
        self._access.forget_host(host)
        index = self.host_box.findText(host)
        if index >= 0:
            self.host_box.removeItem(index)
        self._check()

    def _accept(self) -> None:
        host = self.host_edit.text().strip()
        token = self.token_edit.text().strip()
        if token or self.forget_token_box.isChecked():
            self._set_busy(True)
            self._say(self.tr("Saving the token…"))
            self._task = asyncio.ensure_future(self._save_token_then(host, token or None, self._choose))
        else:
            self._choose()

    async def _save_token_then(self, host: str, token: str | None, then: Callable[[], None]) -> None:
        try:
            await self._access.set_token(host, token)
        except (SecretStoreError, InvalidHostError) as exc:
            log.warning("token not saved for %s: %s", host, exc)
            self._set_busy(False)
            self._say(
                self.tr("The keyring did not take the token, so nothing was changed. Details: %1").replace(
                    "%1", str(exc)
                )
            )
            return
        self.token_edit.clear()
        then()

    def _choose(self) -> None:
        self.host_chosen.emit(self.host_edit.text().strip())
        self.accept()
