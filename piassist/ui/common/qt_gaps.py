"""Texts of Qt's own widgets that Qt's Ukrainian catalog (qtbase_uk.qm) leaves in English.

Named here so that pyside6-lupdate puts them into PiAssist's .ts files under Qt's own context. Qt asks
every installed translator in turn (the last installed first), so where qtbase_uk.qm has nothing,
PiAssist's catalog answers. Nothing imports this module at run time: the catalog is what counts.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

QT_GAPS = (
    # The file dialog's "Type" column (seen when exporting): Qt 6 asks for these under the icon
    # provider's context, which qtbase_uk.qm lacks (it has them under Qt 5's QFileDialog).
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "Drive"),
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "Folder"),
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "File"),
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "%1 File"),
    QT_TRANSLATE_NOOP("QAbstractFileIconProvider", "Unknown"),
)
