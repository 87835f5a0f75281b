"""Texts of Qt's own widgets that Qt's Ukrainian catalog (qtbase_uk.qm) leaves in English.

Named here so that pyside6-lupdate puts them into PiAssist's .ts files under Qt's own context. Qt asks
every installed translator in turn (the last installed first), so where qtbase_uk.qm has nothing,
PiAssist's catalog answers. Nothing imports this module at run time: the catalog is what counts.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

QT_GAPS = (
    # The file dialog's "Type" column for the root folder and mounted drives (seen when exporting).
    QT_TRANSLATE_NOOP("QFileSystemModel", "Drive"),
)
