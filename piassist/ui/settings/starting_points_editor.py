"""Editing a list of starting points (Preferences, and the kiosk admin's tasks): a list of names to pick,
move and remove, the chosen one's name and instruction beside it, and a way back to the defaults.

Everything is reachable by keys: Tab through the list, the fields and the buttons; Alt+Up/Down moves the
chosen entry in the list. An entry without a name or an instruction is not kept: problem() says which
(translated), and the dialog stays open with that entry chosen, so nothing typed is lost.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from piassist.core.starting_points import MOST, StartingPoint
from piassist.ui.common.retranslate import Retranslating
from piassist.ui.common.widgets import named

PROMPT = Qt.ItemDataRole.UserRole + 1


class _List(QListWidget):
    """Alt+Up / Alt+Down move the chosen entry (what the Up and Down buttons do)."""

    def __init__(self, move: Callable[[int], None]) -> None:
        super().__init__()
        self._move = move

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.modifiers() == Qt.KeyboardModifier.AltModifier and event.key() in (
            Qt.Key.Key_Up,
            Qt.Key.Key_Down,
        ):
            self._move(-1 if event.key() == Qt.Key.Key_Up else 1)
            return
        super().keyPressEvent(event)


class StartingPointsEditor(Retranslating, QWidget):
    def __init__(self, defaults: Callable[[], list[StartingPoint]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("startingPointsEditor")
        self._defaults = defaults
        self.list = named(_List(self.move_entry), "startingList")
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)  # and by mouse
        self.list.currentRowChanged.connect(self._show_current)
        self.label = named(QLineEdit(), "startingLabel")
        self.label.setMaxLength(40)  # a button's words
        self.label.textEdited.connect(self._label_edited)
        self.prompt = named(QPlainTextEdit(), "startingPrompt")
        self.prompt.setTabChangesFocus(True)
        self.prompt.textChanged.connect(self._prompt_edited)
        self._label_label, self._prompt_label = QLabel(), QLabel()
        self._label_label.setBuddy(self.label)
        self._prompt_label.setBuddy(self.prompt)
        self.add_button = named(QPushButton(), "startingAdd")
        self.add_button.clicked.connect(self.add)
        self.remove_button = named(QPushButton(), "startingRemove")
        self.remove_button.clicked.connect(self.remove)
        self.up_button = named(QPushButton(), "startingUp")
        self.up_button.clicked.connect(lambda: self.move_entry(-1))
        self.down_button = named(QPushButton(), "startingDown")
        self.down_button.clicked.connect(lambda: self.move_entry(1))
        self.reset_button = named(QPushButton(), "startingReset")
        self.reset_button.clicked.connect(lambda: self.set_points(self._defaults()))
        self.message = named(QLabel(wordWrap=True), "startingProblem")
        self.message.hide()

        fields = QGridLayout()
        fields.addWidget(self._label_label, 0, 0)
        fields.addWidget(self.label, 1, 0)
        fields.addWidget(self._prompt_label, 2, 0)
        fields.addWidget(self.prompt, 3, 0)
        fields.setRowStretch(3, 1)
        top = QHBoxLayout()
        top.addWidget(self.list, 2)
        top.addLayout(fields, 3)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.reset_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.retranslate_ui()
        self._update_buttons()

    # -- what the dialogs call ---------------------------------------------------------------------
    def set_points(self, points: list[StartingPoint]) -> None:
        self.list.clear()
        for point in points:
            self._append(point.label, point.prompt)
        self.list.setCurrentRow(0 if points else -1)
        self._show_current(self.list.currentRow())
        self.message.hide()

    def points(self) -> list[StartingPoint]:
        """The entries in their order (call problem() first: an entry without text is left out)."""
        kept = []
        for row in range(self.list.count()):
            label, prompt = self._entry(row)
            if label.strip() and prompt.strip():
                kept.append(StartingPoint(label.strip(), prompt))
        return kept

    def problem(self) -> str | None:
        """What stops the list from being kept, translated (that entry is chosen and shown), or None."""
        for row in range(self.list.count()):
            label, prompt = self._entry(row)
            if not label.strip() or not prompt.strip():
                self.list.setCurrentRow(row)
                text = (
                    self.tr("Starting point %1 has no name: type one, or remove it.")
                    if not label.strip()
                    else self.tr("Starting point %1 has no instruction: type one, or remove it.")
                )
                self.message.setText(text.replace("%1", str(row + 1)))
                self.message.show()
                (self.label if not label.strip() else self.prompt).setFocus()
                return self.message.text()
        self.message.hide()
        return None

    # -- editing -----------------------------------------------------------------------------------
    def add(self) -> None:
        if self.list.count() >= MOST:
            return
        self._append("", "")
        self.list.setCurrentRow(self.list.count() - 1)
        self.label.setFocus()

    def remove(self) -> None:
        row = self.list.currentRow()
        if row >= 0:
            self.list.takeItem(row)
            self.list.setCurrentRow(min(row, self.list.count() - 1))
            self._update_buttons()

    def move_entry(self, step: int) -> None:
        row = self.list.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self.list.count():
            return
        item = self.list.takeItem(row)
        self.list.insertItem(target, item)
        self.list.setCurrentRow(target)

    def _append(self, label: str, prompt: str) -> None:
        item = QListWidgetItem(label or self.tr("(no name)"))
        item.setData(Qt.ItemDataRole.UserRole, label)
        item.setData(PROMPT, prompt)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsDragEnabled)
        self.list.addItem(item)
        self._update_buttons()

    def _entry(self, row: int) -> tuple[str, str]:
        item = self.list.item(row)
        return str(item.data(Qt.ItemDataRole.UserRole) or ""), str(item.data(PROMPT) or "")

    def _show_current(self, row: int) -> None:
        label, prompt = self._entry(row) if row >= 0 else ("", "")
        self.label.blockSignals(True)
        self.prompt.blockSignals(True)
        self.label.setText(label)
        self.prompt.setPlainText(prompt)
        self.label.blockSignals(False)
        self.prompt.blockSignals(False)
        self._update_buttons()

    def _label_edited(self, text: str) -> None:
        item = self.list.currentItem()
        if item is not None:
            item.setData(Qt.ItemDataRole.UserRole, text)
            item.setText(text.strip() or self.tr("(no name)"))

    def _prompt_edited(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            item.setData(PROMPT, self.prompt.toPlainText())

    def _update_buttons(self) -> None:
        row, count = self.list.currentRow(), self.list.count()
        self.add_button.setEnabled(count < MOST)
        self.remove_button.setEnabled(row >= 0)
        self.up_button.setEnabled(row > 0)
        self.down_button.setEnabled(0 <= row < count - 1)
        for field in (self.label, self.prompt):
            field.setEnabled(row >= 0)

    def retranslate_ui(self) -> None:
        self._label_label.setText(self.tr("&Name on the button:"))
        self._prompt_label.setText(self.tr("&Instruction put in the question box:"))
        self.list.setAccessibleName(self.tr("Starting points"))
        self.label.setAccessibleName(self.tr("Name on the button"))
        self.prompt.setAccessibleName(self.tr("Instruction put in the question box"))
        self.add_button.setText(self.tr("Add"))
        self.add_button.setToolTip(self.tr("At most %n starting point(s)", "", MOST))
        self.remove_button.setText(self.tr("Remove"))
        self.up_button.setText(self.tr("Move up"))
        self.up_button.setToolTip(self.tr("Earlier in the list (Alt+Up)"))
        self.down_button.setText(self.tr("Move down"))
        self.down_button.setToolTip(self.tr("Later in the list (Alt+Down)"))
        self.reset_button.setText(self.tr("Reset to the defaults"))
