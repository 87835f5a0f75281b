"""The kiosk's PIN dialogs: asking for the admin PIN (with the wait wrong PINs earned), and setting it.

Both are opened with .open(); the check and the hashing run as the kiosk service's tasks, never blocking
the window.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QRegularExpression, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QRegularExpressionValidator
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from piassist.core.admin_pin import PIN_MAX, PIN_MIN
from piassist.services.kiosk import KioskService, PinCheck, PinResult
from piassist.ui.common.retranslate import Retranslating
from piassist.ui.common.widgets import fit_title, named

ERROR_STYLE = "color: #b3261e;"


def pin_edit(name: str) -> QLineEdit:
    edit = named(QLineEdit(), name)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setMaxLength(PIN_MAX)
    edit.setValidator(QRegularExpressionValidator(QRegularExpression(f"[0-9]{{0,{PIN_MAX}}}"), edit))
    return edit


class PinDialog(Retranslating, QDialog):
    """Asks for the admin PIN; `unlocked` when it is right. After a wrong PIN it says how long to wait
    and counts down; no PIN is checked before the wait is over, and the field takes no digits meanwhile
    (typed ahead, they would run together with the next try)."""

    unlocked = Signal()

    def __init__(self, kiosk: KioskService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("kioskPinDialog")
        self._kiosk = kiosk
        kiosk.pin_checked.connect(self._checked)
        self._result: PinResult | None = None
        self._checking = False  # a PIN is being checked (scrypt and the keyring take a moment)
        self._intro = QLabel(wordWrap=True)
        self.edit = pin_edit("kioskPinEdit")
        self.message = named(QLabel(wordWrap=True), "kioskPinMessage")
        self.message.setStyleSheet(ERROR_STYLE)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.try_pin)
        self.buttons.rejected.connect(self.reject)
        self._countdown = QTimer(self, interval=1000)
        self._countdown.timeout.connect(self._tick)
        layout = QVBoxLayout(self)
        layout.addWidget(self._intro)
        layout.addWidget(self.edit)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.retranslate_ui()
        self._tick()

    @property
    def ok_button(self) -> QWidget:
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Admin PIN"))
        fit_title(self)
        self._intro.setText(self.tr("Enter the admin PIN to continue."))
        self.edit.setAccessibleName(self.tr("Admin PIN"))
        self._show_result()

    def try_pin(self) -> None:
        pin = self.edit.text()
        if not pin or self._checking:
            return
        self._checking = True
        self._tick()  # the field is emptied and takes no digits until the answer is in
        self._kiosk.try_pin(pin)

    def _checked(self, result: PinResult) -> None:
        self._checking = False
        self._result = result
        self.edit.clear()
        if result.check is PinCheck.ACCEPTED:
            self._countdown.stop()
            self.unlocked.emit()
            self.accept()
            return
        self._tick()

    def _tick(self) -> None:
        """The wait left (counted down once a second); OK only when a PIN may be checked."""
        waiting = self._kiosk.wait_left() > 0
        if waiting and not self._countdown.isActive():
            self._countdown.start()
        elif not waiting:
            self._countdown.stop()
        ready = not waiting and not self._checking
        if not ready:
            self.edit.clear()
        elif self.edit.isReadOnly() and self.isVisible():
            self.edit.setFocus()  # the wait is over: typing goes into the field again
        self.edit.setReadOnly(not ready)
        self.ok_button.setEnabled(ready)
        self._show_result()

    def _show_result(self) -> None:
        result, wait = self._result, math.ceil(self._kiosk.wait_left())
        if wait > 0:
            if result is not None and result.check is PinCheck.WRONG:
                text = self.tr("Wrong PIN. You can try again in %n second(s).", "", wait)
            else:
                text = self.tr("Too many wrong PINs. You can try again in %n second(s).", "", wait)
        elif result is None or result.check is PinCheck.ACCEPTED:
            text = ""
        elif result.check is PinCheck.NO_PIN:
            text = self.tr("No admin PIN has been set yet.")
        elif result.check is PinCheck.FAILED:
            text = self.tr("The keyring did not answer. Try again.")
        else:
            text = self.tr("Wrong PIN.")
        if text != self.message.text():
            self.message.setText(text)
            self.adjustSize()  # a longer message takes another line: the dialog grows to show it

    def done(self, result: int) -> None:
        self._countdown.stop()
        if self._checking:
            self._checking = False
            self._kiosk.cancel_pin_check()
        super().done(result)


class PinSetupDialog(Retranslating, QDialog):
    """Sets the admin PIN: 4 to 12 digits, typed twice. At the kiosk's first start it cannot be closed
    without a PIN (`required`): a kiosk nobody can leave, or one anybody can, are both wrong."""

    pin_set = Signal()

    def __init__(self, kiosk: KioskService, *, required: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("kioskPinSetupDialog")
        self._kiosk = kiosk
        self._required = required
        kiosk.pin_saved.connect(self._saved)
        kiosk.pin_not_saved.connect(self._not_saved)
        self._problem: str = ""
        self._intro = QLabel(wordWrap=True)
        self.first = pin_edit("kioskNewPin")
        self.second = pin_edit("kioskNewPinAgain")
        self._first_label, self._second_label = QLabel(), QLabel()
        form = QFormLayout()
        form.addRow(self._first_label, self.first)
        form.addRow(self._second_label, self.second)
        self.message = named(QLabel(wordWrap=True), "kioskPinSetupMessage")
        self.message.setStyleSheet(ERROR_STYLE)
        buttons = QDialogButtonBox.StandardButton.Ok
        if not required:
            buttons |= QDialogButtonBox.StandardButton.Cancel
        self.buttons = QDialogButtonBox(buttons)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self._intro)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.buttons)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Set the admin PIN"))
        fit_title(self)
        intro = self.tr(
            "The admin PIN protects the kiosk: leaving it and changing its settings need it. "
            "Choose %1 to %2 digits."
        )
        self._intro.setText(intro.replace("%1", str(PIN_MIN)).replace("%2", str(PIN_MAX)))
        self._first_label.setText(self.tr("New PIN:"))
        self._second_label.setText(self.tr("The same PIN again:"))
        self.first.setAccessibleName(self.tr("New PIN"))
        self.second.setAccessibleName(self.tr("The same PIN again"))
        self._show_problem(self._problem)

    def _show_problem(self, problem: str, detail: str = "") -> None:
        self._problem = problem
        texts = {
            "": "",
            "length": self.tr("A PIN is %1 to %2 digits.")
            .replace("%1", str(PIN_MIN))
            .replace("%2", str(PIN_MAX)),
            "mismatch": self.tr("The two PINs are not the same."),
            "store": self.tr("Could not keep the PIN in the keyring: %1").replace("%1", detail),
        }
        if texts[problem] != self.message.text():
            self.message.setText(texts[problem])
            self.adjustSize()

    def save(self) -> None:
        pin = self.first.text()
        if not (PIN_MIN <= len(pin) <= PIN_MAX and pin.isdigit()):
            self._show_problem("length")
        elif pin != self.second.text():
            self._show_problem("mismatch")
        elif not self._kiosk.saving_pin:
            self.buttons.setEnabled(False)
            self._kiosk.save_pin(pin)

    def _not_saved(self, detail: str) -> None:
        self.buttons.setEnabled(True)
        self._show_problem("store", detail)

    def _saved(self) -> None:
        self.first.clear()
        self.second.clear()
        self.pin_set.emit()
        self.accept()

    def reject(self) -> None:
        if not self._required:  # Esc and Cancel close it only when a PIN already exists
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._required and self.result() != QDialog.DialogCode.Accepted:
            event.ignore()
            return
        super().closeEvent(event)
