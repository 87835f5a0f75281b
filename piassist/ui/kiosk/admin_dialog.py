"""The kiosk's admin settings, opened after the admin PIN: the visitors' model, history, the idle time,
large text, starting as a kiosk, a new PIN, the server, and leaving the kiosk. It says where the PIN is
kept (the system keyring, or a file-backed one when the system has no keyring service)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from piassist.services.kiosk import IDLE_MINUTES_RANGE, KioskService
from piassist.ui.common.retranslate import Retranslating
from piassist.ui.common.widgets import named


class KioskAdminDialog(Retranslating, QDialog):
    change_pin_requested = Signal()
    benchmark_requested = Signal()
    host_requested = Signal()
    leave_requested = Signal()

    def __init__(
        self,
        kiosk: KioskService,
        models: list[str],
        storage: tuple[str, bool],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("kioskAdminDialog")
        self._kiosk = kiosk
        self._storage = storage  # the file's path or the keyring's name, and whether it is the file
        self.model_box = named(QComboBox(), "kioskModel")
        self.model_box.addItem("", "")  # "visitors choose", named in retranslate_ui
        for name in models:
            self.model_box.addItem(name, name)
        fixed = kiosk.fixed_model
        if fixed and self.model_box.findData(fixed) < 0:
            self.model_box.addItem(fixed, fixed)  # chosen earlier, not installed now: keep it visible
        self.model_box.setCurrentIndex(max(0, self.model_box.findData(fixed)))
        self.benchmark_button = named(QPushButton(), "kioskBenchmark")
        self.benchmark_button.clicked.connect(self.benchmark_requested)
        self.idle_box = named(QSpinBox(), "kioskIdleMinutes")
        self.idle_box.setRange(*IDLE_MINUTES_RANGE)
        self.idle_box.setValue(kiosk.idle_minutes)
        self.history_box = named(QCheckBox(), "kioskKeepHistory")
        self.history_box.setChecked(kiosk.keep_history)
        self.large_text_box = named(QCheckBox(), "kioskLargeText")
        self.large_text_box.setChecked(kiosk.large_text)
        self.enabled_box = named(QCheckBox(), "kioskEnabled")
        self.enabled_box.setChecked(kiosk.enabled)
        self._model_label, self._idle_label = QLabel(), QLabel()
        form = QFormLayout()
        model_row = QHBoxLayout()
        model_row.addWidget(self.model_box, 1)
        model_row.addWidget(self.benchmark_button)
        form.addRow(self._model_label, model_row)
        form.addRow(self._idle_label, self.idle_box)
        self.storage_label = named(QLabel(wordWrap=True), "kioskSecretStorage")

        self.pin_button = named(QPushButton(), "kioskChangePin")
        self.pin_button.clicked.connect(self.change_pin_requested)
        self.host_button = named(QPushButton(), "kioskHost")
        self.host_button.clicked.connect(self.host_requested)
        self.leave_button = named(QPushButton(), "kioskLeave")
        self.leave_button.clicked.connect(self._leave)
        actions = QHBoxLayout()
        actions.addWidget(self.pin_button)
        actions.addWidget(self.host_button)
        actions.addStretch(1)
        actions.addWidget(self.leave_button)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        for box in (self.history_box, self.large_text_box, self.enabled_box):
            layout.addWidget(box)
        layout.addWidget(self.storage_label)
        layout.addLayout(actions)
        layout.addWidget(self.buttons)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Kiosk settings"))
        self._model_label.setText(self.tr("Model for visitors:"))
        self.model_box.setItemText(0, self.tr("Visitors choose"))
        self._idle_label.setText(self.tr("Back to the welcome screen after minutes without use:"))
        self.idle_box.setAccessibleName(self._idle_label.text().rstrip(":"))
        self.model_box.setAccessibleName(self._model_label.text().rstrip(":"))
        self.history_box.setText(self.tr("Keep kiosk conversations in the history (from the next start)"))
        self.large_text_box.setText(self.tr("Large text"))
        self.enabled_box.setText(self.tr("Start PiAssist as a kiosk"))
        description, file_backed = self._storage
        if file_backed:
            text = self.tr(
                "This system has no keyring service: the PIN's hash is kept in a file that only this "
                "user can read (%1)."
            )
            self.storage_label.setText(text.replace("%1", description))
        else:  # the keyring's own name is English and means little to an admin (the store logs it)
            self.storage_label.setText(self.tr("The PIN's hash is kept in the system keyring."))
        self.benchmark_button.setText(self.tr("Measure the models…"))
        self.benchmark_button.setToolTip(self.tr("Which model suits this Pi? Measure them and choose"))
        self.pin_button.setText(self.tr("Change the PIN…"))
        self.host_button.setText(self.tr("Ollama server…"))
        self.leave_button.setText(self.tr("Leave the kiosk"))
        self.leave_button.setToolTip(self.tr("Close PiAssist"))

    def save(self) -> None:
        self._kiosk.apply(
            enabled=self.enabled_box.isChecked(),
            fixed_model=str(self.model_box.currentData() or ""),
            keep_history=self.history_box.isChecked(),
            idle_minutes=self.idle_box.value(),
            large_text=self.large_text_box.isChecked(),
        )
        self.accept()

    def choose_model(self, name: str) -> None:
        """The visitors' model, chosen from a benchmark's advice (saved with the other settings)."""
        if self.model_box.findData(name) < 0:
            self.model_box.addItem(name, name)
        self.model_box.setCurrentIndex(self.model_box.findData(name))

    def _leave(self) -> None:
        self.accept()
        self.leave_requested.emit()
