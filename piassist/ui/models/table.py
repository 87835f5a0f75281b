"""The installed models as a Qt table model: formatted text to show, raw values to sort by."""

from __future__ import annotations

from datetime import datetime
from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from piassist.core.models import LoadedModel, ModelInfo, parameter_count
from piassist.core.unload_time import Until, seconds_left, time_until
from piassist.ui.common import formatting

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
NAME_ROLE = Qt.ItemDataRole.UserRole + 2
SOON = 120.0  # seconds: closer than this to an unload, "in N seconds" is redrawn every second
Index = QModelIndex | QPersistentModelIndex


class Column(IntEnum):
    NAME = 0
    FAMILY = 1
    PARAMETERS = 2
    QUANTIZATION = 3
    SIZE = 4
    MODIFIED = 5
    MEMORY = 6
    UNLOADS = 7


class UnloadTexts(QObject):
    """When Ollama unloads a loaded model, in words (a QObject, so that lupdate sees the plurals)."""

    def when(self, loaded: LoadedModel, now: datetime | None = None) -> str:
        """Short, for the "Unloads" column and the details: "in 4 minutes", "stays loaded"."""
        unit, n = time_until(loaded.expires_at, now)
        if unit is Until.STAYS:
            return self.tr("stays loaded")
        if unit is Until.UNLOADING:
            return self.tr("unloading…")
        if unit is Until.SECONDS:
            return self.tr("in %n second(s)", "", n)
        if unit is Until.MINUTES:
            return self.tr("in %n minute(s)", "", n)
        if unit is Until.HOURS:
            return self.tr("in %n hour(s)", "", n)
        return self.tr("in %n day(s)", "", n)

    def explain(self, loaded: LoadedModel, now: datetime | None = None) -> str:
        """A sentence for a tooltip."""
        unit, _ = time_until(loaded.expires_at, now)
        if unit is Until.STAYS:
            return self.tr("Ollama keeps this model in memory until Ollama stops.")
        if unit is Until.UNLOADING:
            return self.tr("Ollama is freeing this model's memory now.")
        return self.tr("Ollama frees this model's memory at %1 unless it is used again.").replace(
            "%1", formatting.date_time(loaded.expires_at)
        )


unload_texts = UnloadTexts()


def clock_interval(seconds: float | None) -> int | None:
    """Milliseconds until words like "in 4 minutes" need redrawing; None when nothing counts down."""
    if seconds is None:
        return None
    return 1000 if seconds < SOON else 15000


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

    def refresh_times(self) -> None:
        """Redraw the time left until each loaded model is unloaded (it changes as time passes)."""
        if self._models:
            self.dataChanged.emit(
                self.index(0, Column.UNLOADS),
                self.index(len(self._models) - 1, Column.UNLOADS),
                [Qt.ItemDataRole.DisplayRole],
            )

    def soonest_unload(self) -> float | None:
        """Seconds until the next loaded model is unloaded, None when none counts down (kept loaded, or
        being unloaded already: its words no longer change)."""
        left = [seconds_left(m.loaded.expires_at) for m in self._models if m.loaded is not None]
        finite = [s for s in left if s is not None and s > 0]
        return min(finite) if finite else None

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
            Column.UNLOADS: self.tr("Unloads"),
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
            return formatting.parameters(model.parameters)
        if column is Column.QUANTIZATION:
            return model.quantization
        if column is Column.SIZE:
            return formatting.size(model.size)
        if column is Column.MODIFIED:
            return formatting.ago(model.modified)
        if column is Column.UNLOADS:
            return unload_texts.when(model.loaded) if model.loaded is not None else ""
        if model.loaded is None:
            return self.tr("no")
        return formatting.size(model.loaded.size)

    def _sort_key(self, model: ModelInfo, column: Column) -> Any:
        if column is Column.PARAMETERS:
            return parameter_count(model.parameters) or 0.0
        if column is Column.SIZE:
            return model.size
        if column is Column.MODIFIED:
            return model.modified.timestamp() if model.modified else 0.0
        if column is Column.MEMORY:
            return model.loaded.size if model.loaded else -1
        if column is Column.UNLOADS:
            if model.loaded is None:
                return -2.0
            left = seconds_left(model.loaded.expires_at)
            return float("inf") if left is None else max(left, -1.0)
        return self._display(model, column).casefold()

    def _tooltip(self, model: ModelInfo, column: Column) -> str | None:
        if column is Column.MODIFIED:
            return formatting.date_time(model.modified)
        if column is Column.NAME:
            parameters = formatting.parameters(model.parameters)
            facts = " · ".join(f for f in (model.family, parameters, model.quantization) if f)
            hint = (
                self.tr("The model used for chat")
                if model.name == self._current
                else self.tr("Double-click to chat with this model")
            )
            return f"{model.name}\n{facts}\n{hint}" if facts else f"{model.name}\n{hint}"
        if column is Column.MEMORY and model.loaded is not None:
            return self.tr("Loaded: %1 of memory in use").replace("%1", formatting.size(model.loaded.size))
        if column is Column.UNLOADS and model.loaded is not None:
            return unload_texts.explain(model.loaded)
        return None
