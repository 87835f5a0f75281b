"""The one hook by which a widget follows a language switch.

Installing a translator makes Qt send every widget a LanguageChange event (services/i18n.py). A widget
that shows text inherits Retranslating before its Qt class and writes retranslate_ui(), which sets all
of its texts; the texts are also set that way once at the end of __init__:

    class PinDialog(Retranslating, QDialog):
        def retranslate_ui(self) -> None:
            self.setWindowTitle(self.tr("Admin PIN"))

A widget that handles other change events too overrides changeEvent and calls super().changeEvent().

Plurals are translated one way only, with the count as tr's third argument:
self.tr("%n second(s)", "", seconds). lupdate then writes the plural forms into the .ts files.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent

if TYPE_CHECKING:  # to mypy, the mixin is a QWidget; at run time a plain class before the Qt one
    from PySide6.QtWidgets import QWidget as _Widget
else:
    _Widget = object


class Retranslating(_Widget):
    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate_ui()
        super().changeEvent(event)

    def retranslate_ui(self) -> None:
        """Set every text the widget shows, in the language now installed."""
        raise NotImplementedError
