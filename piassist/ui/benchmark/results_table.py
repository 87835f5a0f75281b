"""Every answer of a run with its figures, as a table model; a model that could not run is one row whose
line says why. The speeds, counts and load time are the server's final chunk for that answer."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QLocale, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from piassist.core.benchmark.results import TOO_SLOW, ModelFailure, ResultRow, RunResults
from piassist.core.chat_types import NS_PER_SECOND
from piassist.ui.benchmark.texts import BenchmarkTexts
from piassist.ui.common.formatting import size

Index = QModelIndex | QPersistentModelIndex
SLOW_COLOUR = "#c62828"
GOOD_COLOUR = "#2e7d32"


class Column(IntEnum):
    MODEL = 0
    TASK = 1
    LOAD = 2
    FIRST_TOKEN = 3
    PROMPT_RATE = 4
    ANSWER_RATE = 5
    TOKENS = 6
    RAM = 7
    SWAP = 8
    MODEL_MEMORY = 9
    TEMPERATURE = 10
    THROTTLED = 11
    ANSWERED_IN = 12


NUMBERS = frozenset(Column) - {Column.MODEL, Column.TASK, Column.THROTTLED, Column.ANSWERED_IN}


class ResultsTableModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._texts = BenchmarkTexts(self)
        self._rows: list[ResultRow | ModelFailure] = []

    def set_results(self, run: RunResults | None) -> None:
        self.beginResetModel()
        self._rows = []
        if run is not None:
            for model in run.models:
                self._rows += run.rows_of(model)
                failure = run.failure_of(model)
                if failure is not None:
                    self._rows.append(failure)
        self.endResetModel()

    def add(self, item: ResultRow | ModelFailure) -> None:
        """A row of the run going on."""
        self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows))
        self._rows.append(item)
        self.endInsertRows()

    def item(self, row: int) -> ResultRow | ModelFailure:
        return self._rows[row]

    def failure_rows(self) -> list[int]:
        return [i for i, r in enumerate(self._rows) if isinstance(r, ModelFailure)]

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(Column) - 1)
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, len(Column) - 1))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self._header(Column(section))
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._header_tip(Column(section))
        return None

    def _header(self, column: Column) -> str:
        return {
            Column.MODEL: self.tr("Model"),
            Column.TASK: self.tr("Task"),
            Column.LOAD: self.tr("Load, s"),
            Column.FIRST_TOKEN: self.tr("First token, s"),
            Column.PROMPT_RATE: self.tr("Question, tok/s"),
            Column.ANSWER_RATE: self.tr("Answer, tok/s"),
            Column.TOKENS: self.tr("Tokens"),
            Column.RAM: self.tr("Peak RAM"),
            Column.SWAP: self.tr("Peak swap"),
            Column.MODEL_MEMORY: self.tr("Model memory"),
            Column.TEMPERATURE: self.tr("SoC °C"),
            Column.THROTTLED: self.tr("Throttled"),
            Column.ANSWERED_IN: self.tr("Written"),
        }[column]

    def _header_tip(self, column: Column) -> str | None:
        return {
            Column.LOAD: self.tr("Time the server took to load the model for this answer"),
            Column.FIRST_TOKEN: self.tr("From sending the task to the first word of the answer"),
            Column.PROMPT_RATE: self.tr("Question tokens the model really read, per second"),
            Column.ANSWER_RATE: self.tr("The server's answer speed"),
            Column.TOKENS: self.tr("Tokens of the answer"),
            Column.RAM: self.tr("The whole computer's memory in use at its highest during the answer"),
            Column.SWAP: self.tr("Swap in use at its highest during the answer"),
            Column.MODEL_MEMORY: self.tr("What the server says the loaded model takes"),
            Column.TEMPERATURE: self.tr("The chip's temperature before and after the answer"),
            Column.THROTTLED: self.tr("Whether the board slowed itself down (heat or power) meanwhile"),
            Column.ANSWERED_IN: self.tr("The language the answer is written in, checked from its letters"),
        }.get(column)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item, column = self._rows[index.row()], Column(index.column())
        if isinstance(item, ModelFailure):
            return self._failure_data(item, column, role)
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(item, column)
        if role == Qt.ItemDataRole.ToolTipRole and column is Column.TASK:
            return self._texts.task_in(item.task, item.language)
        if role == Qt.ItemDataRole.ForegroundRole:
            return self._colour(item, column)
        if role == Qt.ItemDataRole.TextAlignmentRole and column in NUMBERS:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:  # the raw figure, for sorting and for tests
            return self._raw(item, column)
        return None

    def _failure_data(self, item: ModelFailure, column: Column, role: int) -> Any:
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if column is Column.MODEL:
                return item.model
            if column is Column.TASK:  # short in the row; the whole sentence in its tooltip and below
                full = role == Qt.ItemDataRole.ToolTipRole
                return self._texts.failure(item) if full else self._texts.failure_short(item)
            return ""
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(QColor(SLOW_COLOUR))
        return None

    def _raw(self, item: ResultRow, column: Column) -> Any:
        stats = item.stats
        return {
            Column.LOAD: stats.load_duration_ns / NS_PER_SECOND,
            Column.FIRST_TOKEN: item.first_token_s,
            Column.PROMPT_RATE: stats.prompt_rate,
            Column.ANSWER_RATE: stats.eval_rate,
            Column.TOKENS: stats.eval_count,
            Column.RAM: item.machine.ram_peak,
            Column.SWAP: item.machine.swap_peak,
            Column.MODEL_MEMORY: item.model_memory,
        }.get(column)

    def _display(self, item: ResultRow, column: Column) -> str:
        locale, m = QLocale(), item.machine

        def number(x: float | None, digits: int = 1) -> str:
            return "" if x is None else locale.toString(float(x), "f", digits)

        if column is Column.MODEL:
            return item.model
        if column is Column.TASK:
            return self._texts.task_in(item.task, item.language)
        if column is Column.TOKENS:
            return locale.toString(item.stats.eval_count)
        if column in (Column.LOAD, Column.FIRST_TOKEN, Column.PROMPT_RATE, Column.ANSWER_RATE):
            return number(self._raw(item, column), 2 if column is Column.LOAD else 1)
        if column is Column.RAM:
            return size(m.ram_peak) if m.ram_peak else ""
        if column is Column.SWAP:
            return size(m.swap_peak) if m.swap_total else ""
        if column is Column.MODEL_MEMORY:
            return size(item.model_memory) if item.model_memory else ""
        if column is Column.TEMPERATURE:
            if m.temp_start is None or m.temp_end is None:
                return ""
            return f"{number(m.temp_start, 0)} → {number(m.temp_end, 0)}"
        if column is Column.THROTTLED:
            return "" if m.throttled is None else (self.tr("yes") if m.throttled else self.tr("no"))
        return self._texts.verdict(item.verdict)

    def _colour(self, item: ResultRow, column: Column) -> QBrush | None:
        if (
            column is Column.ANSWER_RATE
            and item.stats.eval_rate is not None
            and item.stats.eval_rate < TOO_SLOW
        ):
            return QBrush(QColor(SLOW_COLOUR))
        if column is Column.ANSWERED_IN:
            return QBrush(QColor(GOOD_COLOUR if item.in_task_language else SLOW_COLOUR))
        if column is Column.THROTTLED and item.machine.throttled:
            return QBrush(QColor(SLOW_COLOUR))
        return None
