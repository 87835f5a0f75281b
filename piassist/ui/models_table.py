"""The installed models as a Qt table model: formatted text to show, raw values to sort by."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from piassist.core.models import ModelInfo
from piassist.ui import formatting

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
NAME_ROLE = Qt.ItemDataRole.UserRole + 2
Index = QModelIndex | QPersistentModelIndex


class Column(IntEnum):
    NAME = 0
    FAMILY = 1
    PARAMETERS = 2
    QUANTIZATION = 3
    SIZE = 4
    MODIFIED = 5
    MEMORY = 6


class ModelsTableModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._models: list[ModelInfo] = []
        self._current = ""

    def set_models(self, models: list[ModelInfo]) -> None:
        self.beginResetModel()
        self._models = list(models)
        self.endResetModel()

    def set_current(self, name: str) -> None:
        self._current = name
        if self._models:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._models) - 1, 0))

    def model_at(self, row: int) -> ModelInfo:
        return self._models[row]

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(Column) - 1)
        if self._models:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._models) - 1, len(Column) - 1))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's own default)
        return 0 if parent.isValid() else len(self._models)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return {
            Column.NAME: self.tr("Name"),
            Column.FAMILY: self.tr("Family"),
            Column.PARAMETERS: self.tr("Parameters"),
            Column.QUANTIZATION: self.tr("Quantization"),
            Column.SIZE: self.tr("Size"),
            Column.MODIFIED: self.tr("Modified"),
            Column.MEMORY: self.tr("In memory"),
        }[Column(section)]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        model = self._models[index.row()]
        column = Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(model, column)
        if role == SORT_ROLE:
            return self._sort_key(model, column)
        if role == NAME_ROLE:
            return model.name
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(model, column)
        if role == Qt.ItemDataRole.FontRole and column is Column.NAME and model.name == self._current:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (Column.SIZE, Column.MEMORY):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _display(self, model: ModelInfo, column: Column) -> str:
        if column is Column.NAME:
            return model.name + (" ★" if model.name == self._current else "")
        if column is Column.FAMILY:
            return model.family
        if column is Column.PARAMETERS:
            return model.parameters
        if column is Column.QUANTIZATION:
            return model.quantization
        if column is Column.SIZE:
            return formatting.size(model.size)
        if column is Column.MODIFIED:
            return formatting.ago(model.modified)
        if model.loaded is None:
            return self.tr("no")
        return formatting.size(model.loaded.size)

    def _sort_key(self, model: ModelInfo, column: Column) -> Any:
        if column is Column.SIZE:
            return model.size
        if column is Column.MODIFIED:
            return model.modified.timestamp() if model.modified else 0.0
        if column is Column.MEMORY:
            return model.loaded.size if model.loaded else -1
        return self._display(model, column).casefold()

    def _tooltip(self, model: ModelInfo, column: Column) -> str | None:
        if column is Column.MODIFIED:
            return formatting.date_time(model.modified)
        if column is Column.NAME:
            facts = " · ".join(f for f in (model.family, model.parameters, model.quantization) if f)
            hint = (
                self.tr("The model used for chat")
                if model.name == self._current
                else self.tr("Double-click to chat with this model")
            )
            return f"{model.name}\n{facts}\n{hint}" if facts else f"{model.name}\n{hint}"
        if column is Column.MEMORY and model.loaded is not None:
            return self.tr("Loaded: %1 of memory in use").replace("%1", formatting.size(model.loaded.size))
        return None
