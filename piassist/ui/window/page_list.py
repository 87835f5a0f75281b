"""The page list on the left of the window: one row per page, as wide as the longest page name in the
current language and no wider (a Pi's small screen needs the room)."""

from __future__ import annotations

from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

PADDING = 10  # pixels each side of a name


class PageList(QListWidget):
    def __init__(self, pages: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("navigation")
        self.setStyleSheet(f"QListWidget#navigation::item {{ padding: 8px {PADDING}px; }}")
        for _ in range(pages):
            QListWidgetItem(self)

    def set_names(self, names: list[str]) -> None:
        for row, name in enumerate(names):
            self.item(row).setText(name)
        widest = max(self.fontMetrics().horizontalAdvance(name) for name in names)
        self.setFixedWidth(widest + 2 * PADDING + 2 * self.frameWidth() + 16)
