"""The installed models page: a sortable table, an empty state for new users, refresh, 'use for chat',
details, unload now and delete."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QSortFilterProxyModel, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QHideEvent, QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from piassist.core.errors import BackendError
from piassist.core.models import ModelInfo
from piassist.services.model_library import ModelAction, ModelLibraryService
from piassist.ui.common import formatting
from piassist.ui.common.error_texts import error_message
from piassist.ui.common.retranslate import Retranslating
from piassist.ui.common.widgets import make_heading, make_row_table, named
from piassist.ui.models.table import NAME_ROLE, SORT_ROLE, Column, ModelsTableModel, clock_interval
from piassist.ui.models.table_view import ModelsTableView

if TYPE_CHECKING:
    from piassist.ui.models.details_dialog import ModelDetailsDialog

RECOMMENDED_MODEL = "qwen2.5:0.5b"
# A list read within this time shows no "Refreshing…": it would only flash (a read takes milliseconds).
BUSY_LOOK_AFTER_MS = 300


class ModelsPage(Retranslating, QWidget):
    get_model_requested = Signal(str)  # open Get models with this model chosen

    def __init__(self, library: ModelLibraryService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("modelsPage")
        self._library = library

        self.heading = named(QLabel(), "modelsHeading")
        make_heading(self.heading)
        self.count_label = named(QLabel(), "modelsCount")
        self.refresh_button = named(QPushButton(), "refreshModels")
        self.refresh_button.clicked.connect(library.refresh)
        self._refreshing_shown = False
        self.busy_look = QTimer(self, singleShot=True, interval=BUSY_LOOK_AFTER_MS)
        self.busy_look.timeout.connect(lambda: self._show_refreshing(self._library.busy))
        header = QHBoxLayout()
        header.addWidget(self.heading)
        header.addWidget(self.count_label)
        header.addStretch(1)
        header.addWidget(self.refresh_button)

        self.error_label = named(QLabel(wordWrap=True), "modelsError")
        self.error_label.setStyleSheet("color: #b3261e;")
        self.error_label.hide()

        self.table_model = ModelsTableModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.table_model)
        self.proxy.setSortRole(SORT_ROLE)
        self.table = named(ModelsTableView(), "modelsTable")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(Column.NAME, Qt.SortOrder.AscendingOrder)
        make_row_table(self.table)
        self.table.setAlternatingRowColors(True)
        self.table.doubleClicked.connect(self._use_index)
        self.table.activated.connect(self._use_index)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)

        # What can be done with the selected model: buttons under the table, and the same as actions in
        # the table's context menu (Delete also by its key while the table has the focus).
        self.use_button = named(QPushButton(), "useForChat")
        self.use_button.clicked.connect(self._use_selected)
        self.details_button = named(QPushButton(), "modelDetails")
        self.details_button.clicked.connect(self.open_details)
        self.unload_button = named(QPushButton(), "unloadModel")
        self.unload_button.clicked.connect(self._unload_selected)
        self.delete_button = named(QPushButton(), "deleteModel")
        self.delete_button.clicked.connect(self.confirm_delete)
        self.actions_row = named(QWidget(), "modelActions")
        actions = QHBoxLayout(self.actions_row)
        actions.setContentsMargins(0, 0, 0, 0)
        for button in (self.use_button, self.details_button, self.unload_button, self.delete_button):
            actions.addWidget(button)
        actions.addStretch(1)

        self.use_action = QAction(self)
        self.use_action.triggered.connect(self._use_selected)
        self.details_action = QAction(self)
        self.details_action.triggered.connect(self.open_details)
        self.unload_action = QAction(self)
        self.unload_action.triggered.connect(self._unload_selected)
        self.delete_action = QAction(self)
        self.delete_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self.delete_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.delete_action.triggered.connect(self.confirm_delete)
        self.table.addActions([self.use_action, self.details_action, self.unload_action, self.delete_action])
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)

        self.details_dialog: ModelDetailsDialog | None = None
        self.delete_box: QMessageBox | None = None
        self._action_error: BackendError | None = None
        self._action_error_text = ""
        self._delete_target = ""
        # Redraws the time left until loaded models are unloaded, while the page shows.
        self._clock = QTimer(self)
        self._clock.setSingleShot(True)
        self._clock.timeout.connect(self._tick)

        self.empty = named(QWidget(), "modelsEmpty")
        self.empty_title = QLabel(wordWrap=True)
        make_heading(self.empty_title)
        self.empty_body = QLabel(wordWrap=True)
        self.empty_get = named(QPushButton(), "emptyGetModels")
        self.empty_get.clicked.connect(lambda: self.get_model_requested.emit(RECOMMENDED_MODEL))
        empty_layout = QVBoxLayout(self.empty)
        empty_layout.addStretch(1)
        empty_layout.addWidget(self.empty_title)
        empty_layout.addWidget(self.empty_body)
        empty_layout.addWidget(self.empty_get, 0, Qt.AlignmentFlag.AlignLeft)
        empty_layout.addStretch(2)

        self.stack = QStackedWidget()
        self.stack.addWidget(self.table)
        self.stack.addWidget(self.empty)

        layout = QVBoxLayout(self)
        layout.addLayout(header)
        layout.addWidget(self.error_label)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.actions_row)
        QWidget.setTabOrder(self.refresh_button, self.table)
        QWidget.setTabOrder(self.table, self.use_button)
        QWidget.setTabOrder(self.use_button, self.details_button)
        QWidget.setTabOrder(self.details_button, self.unload_button)
        QWidget.setTabOrder(self.unload_button, self.delete_button)

        self._refresh_shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Refresh), self)
        self._refresh_shortcut.activated.connect(library.refresh)

        library.models_changed.connect(self._show_models)
        library.busy_changed.connect(self._show_busy)
        library.error_changed.connect(self._show_error)
        library.current_model_changed.connect(self._show_current)
        library.pending_changed.connect(self._update_buttons)
        library.action_failed.connect(self._action_failed)
        self.table_model.set_current(library.current_model)
        self._show_models(library.models)
        self.retranslate_ui()

    def retranslate_ui(self) -> None:
        self.heading.setText(self.tr("Installed models"))
        self.use_button.setText(self.tr("Use for chat"))
        self.use_button.setToolTip(self.tr("Chat with the selected model"))
        self.use_action.setText(self.tr("Use for chat"))
        self.details_button.setText(self.tr("&Details…"))
        self.details_button.setToolTip(self.tr("What the model can do, its settings, template and license"))
        self.details_action.setText(self.tr("&Details…"))
        self.unload_button.setToolTip(
            self.tr("Free the memory the selected model holds; it loads again with the next question")
        )
        self.unload_action.setText(self.tr("Unload &now"))
        self.delete_button.setToolTip(self.tr("Remove the selected model from the disk (Delete key)"))
        self.delete_action.setText(self.tr("De&lete…"))
        self.refresh_button.setToolTip(self.tr("Read the list again from Ollama (F5)"))
        self.table.setAccessibleName(self.tr("Installed models"))
        self.empty_title.setText(self.tr("No models yet"))
        self.empty_body.setText(
            self.tr(
                "Ollama runs but has no language model yet. PiAssist downloads one for you: a good first "
                "model for a Raspberry Pi is %1, about 400 MB, and it answers quickly on a Pi 5. It "
                "appears here when it is ready."
            ).replace("%1", RECOMMENDED_MODEL)
        )
        self.empty_get.setText(self.tr("Get models…"))
        self.empty_get.setToolTip(
            self.tr("Choose a model to download, with %1 chosen").replace("%1", RECOMMENDED_MODEL)
        )
        self.table_model.retranslate()
        self._update_buttons()
        self._show_refreshing(self._refreshing_shown)
        self._update_count()
        self._show_error(self._library.error)

    def showEvent(self, event: QShowEvent) -> None:
        self._library.set_watching(True)
        super().showEvent(event)
        self._tick()

    def hideEvent(self, event: QHideEvent) -> None:
        self._library.set_watching(False)
        self._clock.stop()
        super().hideEvent(event)

    def _tick(self) -> None:
        """Redraw the "Unloads" column, and come back when its words may have changed: each second in
        the last two minutes, else every 15 seconds; not at all when no model has a time limit."""
        self.table_model.refresh_times()
        interval = clock_interval(self.table_model.soonest_unload())
        if interval is None or not self.isVisible():
            self._clock.stop()
        else:
            self._clock.start(interval)

    def _show_models(self, models: list[ModelInfo]) -> None:
        selected = self.selected_name()
        rows = self.table.selectionModel().selectedRows()
        selected_row = rows[0].row() if rows else 0
        self.table_model.set_models(models)
        empty = self._library.listed and not models
        self.stack.setCurrentWidget(self.empty if empty else self.table)
        self.actions_row.setVisible(not empty)
        self._update_count()
        self.table.fit_columns_soon()
        if selected and not self.select(selected) and self.proxy.rowCount():
            # The selected model went (deleted): select the one that took its place, as file managers do.
            self.table.selectRow(min(selected_row, self.proxy.rowCount() - 1))
        self._update_buttons()
        self._tick()

    def _update_count(self) -> None:
        n = self.table_model.rowCount()
        self.count_label.setText(self.tr("%n model(s)", "", n))

    def _show_busy(self, busy: bool) -> None:
        if not busy:
            self.busy_look.stop()
            self._show_refreshing(False)
        elif not self._refreshing_shown and not self.busy_look.isActive():
            self.busy_look.start()

    def _show_refreshing(self, refreshing: bool) -> None:
        self._refreshing_shown = refreshing
        self.refresh_button.setEnabled(not refreshing)
        self.refresh_button.setText(self.tr("Refreshing…") if refreshing else self.tr("Refresh"))

    def _show_error(self, _error: BackendError | None = None) -> None:
        """The error band: the list's error (until a list is read again) and the last failed delete or
        unload (until the next one starts), in plain words; the server's own text as the tooltip."""
        lines: list[str] = []
        details: list[str] = []
        error = self._library.error
        if error is not None:
            lines.append(self.tr("Could not read the model list: %1").replace("%1", error_message(error)))
            details.append(error.detail)
        if self._action_error is not None:
            lines.append(self._action_error_text)
            details.append(self._action_error.detail)
        self.error_label.setText("\n".join(lines))
        self.error_label.setToolTip("\n".join(d for d in details if d))
        self.error_label.setVisible(bool(lines))

    def _action_failed(self, action: ModelAction, name: str, error: BackendError) -> None:
        if action is ModelAction.DELETE:
            text = self.tr("Could not delete %1: %2")
        elif action is ModelAction.UNLOAD:
            text = self.tr("Could not unload %1: %2")
        else:
            return  # the details dialog says so itself
        self._action_error = error
        self._action_error_text = text.replace("%1", name).replace("%2", error_message(error))
        self._show_error()

    def _clear_action_error(self) -> None:
        if self._action_error is not None:
            self._action_error = None
            self._show_error()

    def _show_current(self, name: str) -> None:
        self.table_model.set_current(name)

    def selected_name(self) -> str:
        """The name of the model whose row is selected, or ""."""
        rows = self.table.selectionModel().selectedRows()
        return str(rows[0].data(NAME_ROLE)) if rows else ""

    def _selected_model(self) -> ModelInfo | None:
        name = self.selected_name()
        return next((m for m in self._library.models if m.name == name), None) if name else None

    def select(self, name: str) -> bool:
        """Select this model's row, as a click on it does; False when it is not listed."""
        for row in range(self.proxy.rowCount()):
            index = self.proxy.index(row, 0)
            if index.data(NAME_ROLE) == name:
                self.table.selectRow(row)
                return True
        return False

    def _update_buttons(self) -> None:
        model = self._selected_model()
        pending = self._library.pending(model.name) if model is not None else None
        chosen = model is not None
        loaded = model is not None and model.loaded is not None
        usable = chosen and pending is not ModelAction.DELETE
        for button, action, enabled in (
            (self.use_button, self.use_action, usable),
            (self.details_button, self.details_action, usable),
            (self.unload_button, self.unload_action, loaded and pending is None),
            (self.delete_button, self.delete_action, chosen and pending is None),
        ):
            button.setEnabled(enabled)
            action.setEnabled(enabled)
        self.delete_button.setText(
            self.tr("Deleting…") if pending is ModelAction.DELETE else self.tr("De&lete…")
        )
        self.unload_button.setText(
            self.tr("Unloading…") if pending is ModelAction.UNLOAD else self.tr("Unload &now")
        )

    def open_details(self) -> ModelDetailsDialog | None:
        """The selected model's details (from /api/show) in a dialog; None when no model is selected."""
        # Imported when first needed: a session that never opens it does not pay for it.
        from piassist.ui.models.details_dialog import ModelDetailsDialog

        model = self._selected_model()
        if model is None:
            return None
        if self.details_dialog is not None:
            self.details_dialog.close()
        dialog = ModelDetailsDialog(self._library, model, self)
        dialog.finished.connect(self._details_closed)
        self.details_dialog = dialog
        dialog.open()
        return dialog

    def _details_closed(self) -> None:
        dialog, self.details_dialog = self.details_dialog, None
        if dialog is not None:
            dialog.deleteLater()

    def confirm_delete(self) -> QMessageBox | None:
        """Ask before deleting the selected model, saying how much space it frees; None when no model is
        selected (or it is being deleted already)."""
        model = self._selected_model()
        if model is None or self._library.pending(model.name) is not None:
            return None
        sharing = next(
            (m.name for m in self._library.models if m.digest and m.digest == model.digest and m != model),
            None,
        )
        if sharing is not None:  # `ollama cp` makes a second name for the same files
            text = self.tr("Delete %1? Its files stay on the disk: %2 uses them too.").replace("%2", sharing)
        else:
            text = self.tr("Delete %1? This frees %2 on the disk.").replace("%2", formatting.size(model.size))
        if self.delete_box is not None:
            self.delete_box.close()
        box = named(QMessageBox(self), "confirmDelete")
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Delete model"))
        box.setText(text.replace("%1", model.name))
        box.setInformativeText(
            self.tr("It is removed from the Ollama server. To use it again, download it again.")
        )
        delete = box.addButton(self.tr("Delete"), QMessageBox.ButtonRole.DestructiveRole)
        delete.setObjectName("confirmDeleteButton")
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(cancel)
        box.setEscapeButton(cancel)
        box.finished.connect(self._delete_answered)
        self.delete_box = box
        self._delete_target = model.name
        box.open()
        return box

    def _delete_answered(self) -> None:
        box, self.delete_box = self.delete_box, None
        if box is None:
            return
        button = box.clickedButton()
        if button is not None and button.objectName() == "confirmDeleteButton":
            self._clear_action_error()
            self._library.delete(self._delete_target)
        box.deleteLater()

    def _unload_selected(self) -> None:
        model = self._selected_model()
        if model is not None and model.loaded is not None:
            self._clear_action_error()
            self._library.unload(model.name)

    def _use_index(self, index: QModelIndex) -> None:
        name = index.siblingAtColumn(0).data(NAME_ROLE)
        if name:
            self._library.set_current_model(str(name))

    def _use_selected(self) -> None:
        name = self.selected_name()
        if name:
            self._library.set_current_model(name)
