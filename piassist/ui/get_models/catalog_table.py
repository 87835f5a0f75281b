"""The catalog as a Qt table model: each model with what it is good for, its sizes, Ukrainian, the fit."""

from __future__ import annotations

from enum import IntEnum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from piassist.core.benchmark.results import ModelSummary, model_key
from piassist.core.get_models.catalog import CatalogEntry
from piassist.core.get_models.fit_check import FitResult, MachineFigures, Verdict, check_fit
from piassist.ui.common import formatting
from piassist.ui.common.formatting import size
from piassist.ui.get_models import fit_texts

Index = QModelIndex | QPersistentModelIndex


class CatalogColumn(IntEnum):
    NAME = 0
    USES = 1
    DOWNLOAD = 2
    MEMORY = 3
    UKRAINIAN = 4
    FIT = 5


class CatalogTableModel(QAbstractTableModel):
    def __init__(self, entries: list[CatalogEntry], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._all = list(entries)
        self._shown = list(entries)
        self._machine: MachineFigures | None = None
        self._installed: set[str] = set()
        self._only_fitting = False
        self._measured: dict[str, ModelSummary] = {}  # model_key → what a benchmark measured here

    # -- what the page sets ------------------------------------------------------------------------
    @property
    def machine(self) -> MachineFigures | None:
        """This computer's figures the fit column is judged by; None until they are read."""
        return self._machine

    def set_machine(self, machine: MachineFigures | None) -> None:
        self._machine = machine
        self._refilter()

    def set_installed(self, names: set[str]) -> None:
        self._installed = set(names)
        self._changed()

    def set_measured(self, measured: dict[str, ModelSummary]) -> None:
        """What a benchmark measured on this computer: where a model has figures, they replace the guess."""
        self._measured = dict(measured)
        self._refilter()

    def measured(self, entry: CatalogEntry) -> ModelSummary | None:
        return self._measured.get(model_key(entry.name))

    def set_only_fitting(self, only: bool) -> None:
        self._only_fitting = only
        self._refilter()

    def entry_at(self, row: int) -> CatalogEntry:
        return self._shown[row]

    def row_of(self, name: str) -> int:
        return next((i for i, e in enumerate(self._shown) if e.name == name), -1)

    def fit(self, entry: CatalogEntry) -> FitResult | None:
        if self._machine is None:
            return None
        return check_fit(entry.download_size, self._machine, entry.memory)

    def retranslate(self) -> None:
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(CatalogColumn) - 1)
        self._changed()

    # -- the table ---------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's own default)
        return 0 if parent.isValid() else len(self._shown)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(CatalogColumn)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return {
            CatalogColumn.NAME: self.tr("Model"),
            CatalogColumn.USES: self.tr("Good for"),
            CatalogColumn.DOWNLOAD: self.tr("Download"),
            CatalogColumn.MEMORY: self.tr("Memory"),
            CatalogColumn.UKRAINIAN: self.tr("Ukrainian"),
            CatalogColumn.FIT: self.tr("This computer"),
        }[CatalogColumn(section)]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        entry = self._shown[index.row()]
        column = CatalogColumn(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(entry, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(entry, column)
        if role == Qt.ItemDataRole.ForegroundRole and column is CatalogColumn.FIT:
            if (measured := self.measured(entry)) is not None:
                return QBrush(QColor(fit_texts.VERDICT_COLOURS[fit_texts.measured_verdict(measured)]))
            fit = self.fit(entry)
            return QBrush(QColor(fit_texts.VERDICT_COLOURS[fit.verdict])) if fit else None
        if (
            role == Qt.ItemDataRole.FontRole
            and column is CatalogColumn.NAME
            and entry.name in self._installed
        ):
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole and column in (
            CatalogColumn.DOWNLOAD,
            CatalogColumn.MEMORY,
        ):
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def _display(self, entry: CatalogEntry, column: CatalogColumn) -> str:
        if column is CatalogColumn.NAME:
            return entry.name
        if column is CatalogColumn.USES:
            return fit_texts.uses_text(entry.uses)
        if column is CatalogColumn.DOWNLOAD:
            return size(entry.download_size)
        if column is CatalogColumn.MEMORY:
            measured = self.measured(entry)
            return size(measured.model_memory if measured and measured.model_memory else entry.memory)
        if column is CatalogColumn.UKRAINIAN:
            return fit_texts.ukrainian_text(entry.ukrainian)
        if (measured := self.measured(entry)) is not None:
            return "● " + fit_texts.measured_word(measured)
        if entry.name in self._installed:
            return self.tr("Installed")
        fit = self.fit(entry)
        return "● " + fit_texts.verdict_word(fit.verdict if fit else None)

    def _tooltip(self, entry: CatalogEntry, column: CatalogColumn) -> str | None:
        if column is CatalogColumn.NAME:
            return (
                self.tr("%1, %2 parameters")
                .replace("%1", entry.title)
                .replace("%2", formatting.parameters(entry.parameters))
            )
        if column is CatalogColumn.USES:
            return fit_texts.uses_text(entry.uses)  # in full: the column may be too narrow
        if column is CatalogColumn.MEMORY and (measured := self.measured(entry)) and measured.model_memory:
            return self.tr("Measured on this computer by a benchmark")
        if column is CatalogColumn.FIT:
            if (measured := self.measured(entry)) is not None:
                return fit_texts.measured_sentence(measured)
            fit = self.fit(entry)
            return fit_texts.fit_sentence(fit) if fit else fit_texts.remote_sentence(entry.download_size)
        return None

    def _refilter(self) -> None:
        self.beginResetModel()
        self._shown = [e for e in self._all if not self._only_fitting or self._fits(e)]
        self.endResetModel()

    def _fits(self, entry: CatalogEntry) -> bool:
        if (measured := self.measured(entry)) is not None:
            return measured.failure is None
        fit = self.fit(entry)
        return fit is None or fit.verdict is not Verdict.RED

    def _changed(self) -> None:
        if self._shown:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._shown) - 1, len(CatalogColumn) - 1))
