"""The kiosk's admin settings, opened after the admin PIN: the visitors' model, history, the idle time,
large text, starting as a kiosk, a new PIN, the server, and leaving the kiosk. It says where the PIN is
kept (the system keyring, or a file-backed one when the system has no keyring service). A second tab
holds the kiosk's own welcome text and tasks in the interface language (a library: "ask about our
opening hours"), shown on the welcome screen and the empty chat."""

from __future__ import annotations

from PySide6.QtCore import QLocale, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from piassist import paths
from piassist.core.starting_points import StartingPoint, StartingPointsError, starting_points
from piassist.services.i18n import LANGUAGES
from piassist.services.kiosk import IDLE_MINUTES_RANGE, KioskService
from piassist.ui.common.retranslate import Retranslating
from piassist.ui.common.widgets import named
from piassist.ui.settings.dialogs import fit_on_screen
from piassist.ui.settings.starting_points_editor import StartingPointsEditor


def builtin_tasks(language: str) -> list[StartingPoint]:
    """PiAssist's own starting points: where "Reset to the defaults" goes."""
    try:
        return starting_points(paths.resources_dir() / "starting-points", language)
    except StartingPointsError:
        return []


class KioskAdminDialog(Retranslating, QDialog):
    change_pin_requested = Signal()
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
        form.addRow(self._model_label, self.model_box)
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

        self._language = QLocale().name().split("_")[0]
        self.welcome_text = named(QPlainTextEdit(), "kioskWelcomeOwnText")
        self.welcome_text.setTabChangesFocus(True)
        self.welcome_text.setPlainText(kiosk.welcome_text(self._language))
        self.welcome_text.setMaximumHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        self._welcome_label = QLabel(wordWrap=True)
        self._welcome_label.setBuddy(self.welcome_text)
        self.tasks = StartingPointsEditor(lambda: builtin_tasks(self._language))
        self.tasks.set_points(self._tasks_now())
        self._tasks_label = QLabel(wordWrap=True)

        general = QWidget()
        layout = QVBoxLayout(general)
        layout.addLayout(form)
        for box in (self.history_box, self.large_text_box, self.enabled_box):
            layout.addWidget(box)
        layout.addWidget(self.storage_label)
        layout.addStretch(1)
        layout.addLayout(actions)
        welcome = QWidget()
        welcome_layout = QVBoxLayout(welcome)
        welcome_layout.addWidget(self._welcome_label)
        welcome_layout.addWidget(self.welcome_text)
        welcome_layout.addWidget(self._tasks_label)
        welcome_layout.addWidget(self.tasks, 1)
        self.tabs = named(QTabWidget(), "kioskAdminTabs")
        self.tabs.addTab(general, "")
        self.tabs.addTab(welcome, "")
        outer = QVBoxLayout(self)
        outer.addWidget(self.tabs, 1)
        outer.addWidget(self.buttons)
        self.retranslate_ui()
        fit_on_screen(self)

    def _tasks_now(self) -> list[StartingPoint]:
        own = self._kiosk.tasks(self._language)
        return builtin_tasks(self._language) if own is None else own

    def retranslate_ui(self) -> None:
        self.setWindowTitle(self.tr("Kiosk settings"))
        self.tabs.setTabText(0, self.tr("&Kiosk"))
        self.tabs.setTabText(1, self.tr("&Welcome and tasks"))
        language = LANGUAGES.get(self._language, self._language)
        self._welcome_label.setText(
            self.tr("Welcome &text in %1 (empty: PiAssist's own):").replace("%1", language)
        )
        self.welcome_text.setAccessibleName(self.tr("Welcome text"))
        self._tasks_label.setText(
            self.tr("Tasks visitors can start from, in %1 (a library: ask about our opening hours):").replace(
                "%1", language
            )
        )
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
        self.pin_button.setText(self.tr("Change the PIN…"))
        self.host_button.setText(self.tr("Ollama server…"))
        self.leave_button.setText(self.tr("Leave the kiosk"))
        self.leave_button.setToolTip(self.tr("Close PiAssist"))

    def save(self) -> None:
        if self.tasks.problem() is not None:  # said in the tab; nothing typed is lost
            self.tabs.setCurrentIndex(1)
            return
        self._kiosk.apply_welcome(
            self._language,
            self.welcome_text.toPlainText(),
            self.tasks.points(),
            builtin_tasks(self._language),
        )
        self._kiosk.apply(
            enabled=self.enabled_box.isChecked(),
            fixed_model=str(self.model_box.currentData() or ""),
            keep_history=self.history_box.isChecked(),
            idle_minutes=self.idle_box.value(),
            large_text=self.large_text_box.isChecked(),
        )
        self.accept()

    def _leave(self) -> None:
        self.accept()
        self.leave_requested.emit()
