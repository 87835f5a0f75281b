"""The installed models' table as it is drawn: every column as wide as its content, and on a small
screen the technical columns fold away (the name's tooltip still has them)."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QHeaderView, QTableView

from piassist.ui.models.table import Column

# Hidden in this order when the table is too narrow for every column.
OPTIONAL_COLUMNS = (Column.QUANTIZATION, Column.FAMILY, Column.PARAMETERS)


class ModelsTableView(QTableView):
    def __init__(self) -> None:
        super().__init__()
        # Every column as wide as its content: a name cut short is no use.
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)

    def resizeEvent(self, event: QResizeEvent) -> None:
        # Not an event filter: PySide calls a Python event filter even while its owner is being
        # destroyed, which can crash; the view's own handler goes with the view.
        super().resizeEvent(event)
        self.fit_columns_soon()

    def fit_columns_soon(self) -> None:
        """Fit the columns once the rows and sizes of this turn of the event loop are in."""
        QTimer.singleShot(0, self, self.fit_columns)

    def fit_columns(self) -> None:
        """Fit the columns to the table's width. On a small screen the technical columns fold away; on a
        wide one the name column takes the spare room."""
        header = self.horizontalHeader()
        available = header.width()  # the viewport's width (QTableView lays the header over it)

        def needed() -> int:
            return sum(
                max(header.sectionSizeHint(c), self.sizeHintForColumn(c))
                for c in range(len(Column))
                if not header.isSectionHidden(c)
            )

        for column in OPTIONAL_COLUMNS:
            header.setSectionHidden(column, False)
        for column in OPTIONAL_COLUMNS:
            if needed() <= available:
                break
            header.setSectionHidden(column, True)
        room = needed() < available
        mode = QHeaderView.ResizeMode.Stretch if room else QHeaderView.ResizeMode.ResizeToContents
        header.setSectionResizeMode(Column.NAME, mode)
