"""Qt's own file dialog (where the desktop offers none) as it should read on a Pi's 800×480 panel.

- Sizes as PiAssist writes them everywhere else: Qt's file model writes them in the system locale and in
  binary units ("12,06 KiB"), which Ukrainian has no words for in Qt's locale data. A proxy over the
  dialog's model rewrites that column; the rest passes through.
- Dates in the interface's language: Qt 6.8's file model writes "5 Dec 2026" whatever the interface
  speaks (newer Qt follows the default locale); the proxy writes them with QLocale() as well.
- Room for every column: Qt gives the name column nearly all of the list and cuts the type ("Markdown
  document") short; here the size, type and date take what they need and the name the rest, and the
  places on the left are as wide as their longest name.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QIdentityProxyModel, QLocale, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QFileDialog, QFileSystemModel, QHeaderView, QListView, QSplitter, QTreeView

from piassist.ui.common import formatting

NAME_COLUMN, SIZE_COLUMN, DATE_COLUMN = 0, 1, 3  # QFileSystemModel's: name, size, type, date modified
WIDEST = 900  # no wider than this on a large screen


class FileSizes(QIdentityProxyModel):
    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        model = self.sourceModel()
        if role == Qt.ItemDataRole.DisplayRole and isinstance(model, QFileSystemModel):
            source = self.mapToSource(index)
            if index.column() == SIZE_COLUMN and not model.isDir(source):
                return formatting.size(model.size(source))
            if index.column() == DATE_COLUMN:
                return QLocale().toString(model.lastModified(source), QLocale.FormatType.ShortFormat)
        return super().data(index, role)


def fit_file_dialog(dialog: QFileDialog) -> None:
    """Sizes in the interface's units, and every column and place readable (Qt's dialog only)."""
    dialog.setProxyModel(FileSizes(dialog))
    parent = dialog.parentWidget()
    room = parent.window().width() if parent is not None else dialog.screen().availableGeometry().width()
    dialog.resize(min(WIDEST, room - 20), dialog.height())
    files = dialog.findChild(QTreeView, "treeView")
    if files is not None:
        header = files.header()
        header.setStretchLastSection(False)
        for column in range(header.count()):
            mode = (
                QHeaderView.ResizeMode.Stretch
                if column == NAME_COLUMN
                else QHeaderView.ResizeMode.ResizeToContents
            )
            header.setSectionResizeMode(column, mode)
    places = dialog.findChild(QListView, "sidebar")
    splitter = dialog.findChild(QSplitter, "splitter")
    if places is not None and splitter is not None:
        width = places.sizeHintForColumn(0) + 2 * places.frameWidth() + places.spacing() * 2 + 8
        splitter.setSizes([width, max(1, dialog.width() - width)])
