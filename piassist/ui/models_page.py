"""The installed models page: a sortable table, an empty state for new users, refresh and 'use for chat'."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QModelIndex, QSortFilterProxyModel, Qt, QTimer, Signal
from PySide6.QtGui import QHideEvent, QKeySequence, QResizeEvent, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from piassist.core.errors import BackendError
from piassist.core.models import ModelInfo
from piassist.services.model_library import ModelLibraryService
from piassist.ui.error_texts import error_message
from piassist.ui.models_table import NAME_ROLE, SORT_ROLE, Column, ModelsTableModel
from piassist.ui.widgets import make_heading, named

RECOMMENDED_MODEL = "qwen2.5:0.5b"
# Hidden in this order when the table is too narrow for every column.
OPTIONAL_COLUMNS = (Column.QUANTIZATION, Column.FAMILY, Column.PARAMETERS)


class ResizingTableView(QTableView):
    resized = Signal()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.resized.emit()


class ModelsPage(QWidget):
    def __init__(self, library: ModelLibraryService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("modelsPage")
        self._library = library

        self.heading = named(QLabel(), "modelsHeading")
        make_heading(self.heading)
        self.count_label = named(QLabel(), "modelsCount")
        self.use_button = named(QPushButton(), "useForChat")
        self.use_button.clicked.connect(self._use_selected)
        self.refresh_button = named(QPushButton(), "refreshModels")
        self.refresh_button.clicked.connect(library.refresh)
        header = QHBoxLayout()
        header.addWidget(self.heading)
        header.addWidget(self.count_label)
        header.addStretch(1)
        header.addWidget(self.use_button)
        header.addWidget(self.refresh_button)

        self.error_label = named(QLabel(wordWrap=True), "modelsError")
        self.error_label.setStyleSheet("color: #b3261e;")
        self.error_label.hide()

        self.table_model = ModelsTableModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.table_model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = named(ResizingTableView(), "modelsTable")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(Column.NAME, Qt.SortOrder.AscendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header_view = self.table.horizontalHeader()
        # Every column as wide as its content: a name cut short is no use (see _fit_columns).
        header_view.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        # Not an event filter: PySide calls a Python event filter even while its owner is being
        # destroyed, which can crash; a signal from the view dies with the view.
        self.table.resized.connect(lambda: QTimer.singleShot(0, self, self._fit_columns))
        self.table.doubleClicked.connect(self._use_index)
        self.table.activated.connect(self._use_index)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)

        self.empty = named(QWidget(), "modelsEmpty")
        self.empty_title = QLabel(wordWrap=True)
        make_heading(self.empty_title)
        self.empty_body = QLabel(wordWrap=True)
        self.empty_command = named(
            QLineEdit(f"ollama pull {RECOMMENDED_MODEL}", readOnly=True), "pullCommand"
        )
        empty_layout = QVBoxLayout(self.empty)
        empty_layout.addStretch(1)
        empty_layout.addWidget(self.empty_title)
        empty_layout.addWidget(self.empty_body)
        empty_layout.addWidget(self.empty_command)
        empty_layout.addStretch(2)

        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)

        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.error_label)
        layout.addWidget(self.stack, 1)

        self._refresh_shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Refresh), self)
        self._refresh_shortcut.activated.connect(library.refresh)

        library.models_changed.connect(self._show_models)
        library.busy_changed.connect(self._show_busy)
        library.error_changed.connect(self._show_error)
        library.current_model_changed.connect(self._show_current)
        self.table_model.set_current(library.current_model)
        self._show_models(library.models)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.heading.setText(self.tr("Installed models"))
        self.use_button.setText(self.tr("Use for chat"))
        self.use_button.setToolTip(self.tr("Chat with the selected model"))
        self.refresh_button.setToolTip(self.tr("Read the list again from Ollama (F5)"))
        self.table.setAccessibleName(self.tr("Installed models"))
        self.empty_title.setText(self.tr("No models yet"))
        self.empty_body.setText(
            self.tr(
                "Ollama runs but has no language model yet. A good first model for a Raspberry Pi is %1: "
                "about 400 MB to download, and it answers quickly on a Pi 5. Open a "
                "terminal and run the command below; the model appears here when it is ready."
            ).replace("%1", RECOMMENDED_MODEL)
        )
        self.empty_command.setAccessibleName(self.tr("Command to download a model"))
        self.table_model.retranslate()
        self._show_busy(self._library.busy)
        self._update_count()
        self._show_error(self._library.error)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def _fit_columns(self) -> None:
        """Fit the columns to the table's width. On a small screen the technical columns fold away
        (the name's tooltip still has them); on a wide one the name column takes the spare room."""
        header = self.table.horizontalHeader()
        available = self.table.viewport().width()

        def needed() -> int:
            return sum(
                max(header.sectionSizeHint(c), self.table.sizeHintForColumn(c))
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

    def showEvent(self, event: QShowEvent) -> None:
        self._library.set_watching(True)
        super().showEvent(event)

    def hideEvent(self, event: QHideEvent) -> None:
        self._library.set_watching(False)
        super().hideEvent(event)

    def _show_models(self, models: list[ModelInfo]) -> None:
        selected = self._selected_name()
        self.table_model.set_models(models)
        self.stack.setCurrentWidget(self.empty if self._library.listed and not models else self.table)
        self._update_count()
        QTimer.singleShot(0, self, self._fit_columns)
        if selected:
            self._select(selected)
        self._update_buttons()

    def _update_count(self) -> None:
        n = self.table_model.rowCount()
        self.count_label.setText(self.tr("%n model(s)", "", n))

    def _show_busy(self, busy: bool) -> None:
        self.refresh_button.setEnabled(not busy)
        self.refresh_button.setText(self.tr("Refreshing…") if busy else self.tr("Refresh"))

    def _show_error(self, error: BackendError | None) -> None:
        if error is None:
            self.error_label.hide()
            return
        self.error_label.setText(
            self.tr("Could not read the model list: %1").replace("%1", error_message(error))
        )
        self.error_label.setToolTip(error.detail)
        self.error_label.show()

    def _show_current(self, name: str) -> None:
        self.table_model.set_current(name)

    def _selected_name(self) -> str:
        rows = self.table.selectionModel().selectedRows()
        return str(rows[0].data(NAME_ROLE)) if rows else ""

    def _select(self, name: str) -> None:
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if index.data(NAME_ROLE) == name:
                self.table.selectRow(row)
                return

    def _update_buttons(self) -> None:
        self.use_button.setEnabled(bool(self._selected_name()))

    def _use_index(self, index: QModelIndex) -> None:
        name = index.siblingAtColumn(0).data(NAME_ROLE)
        if name:
            self._library.set_current_model(str(name))

    def _use_selected(self) -> None:
        name = self._selected_name()
        if name:
            self._library.set_current_model(name)
