"""The language service's translators belong to its app: they leave when the app closes, not when the
garbage collector frees them (Qt would then retranslate whatever windows exist at that moment)."""

from __future__ import annotations

import gc
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QEvent, QFileInfo, QObject
from PySide6.QtWidgets import QApplication, QFileIconProvider, QWidget

from piassist import paths
from piassist.services.i18n import I18nService
from piassist.services.settings import SettingsService


class LanguageChanges(QObject):
    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LanguageChange:
            self.count += 1
        return False


def test_unloaded_translators_leave_no_language_change_for_later_windows(qapp: Any, tmp_path: Path) -> None:
    def one_app(unload: bool) -> int:
        service = I18nService(qapp, SettingsService(tmp_path / "settings.ini"), paths.translations_dir())
        service.set_language("uk")
        assert QCoreApplication.translate("WindowMenus", "&Quit") == "&Вийти"
        if unload:
            service.unload()
            assert QCoreApplication.translate("WindowMenus", "&Quit") == "&Quit"
        holder: dict[str, Any] = {}
        holder["self"], holder["service"] = holder, service  # freed only by the cyclic collector
        del service, holder
        QApplication.sendPostedEvents()
        later = QWidget()  # the next app's window, made before the collector runs
        changes = LanguageChanges()
        later.installEventFilter(changes)
        gc.collect()
        QApplication.sendPostedEvents()
        later.deleteLater()
        return changes.count

    assert one_app(unload=False) == 1  # what made a zoom test count one redraw too many now and then
    assert one_app(unload=True) == 0


def test_qt_texts_missing_from_qts_own_ukrainian_come_from_piassists(qapp: Any, tmp_path: Path) -> None:
    service = I18nService(qapp, SettingsService(tmp_path / "settings.ini"), paths.translations_dir())
    service.set_language("uk")
    try:
        # Gaps in qtbase_uk.qm: Qt 6 asks the file dialog's types under the icon provider's context.
        assert QFileIconProvider().type(QFileInfo("/")) == "Диск"
        assert QFileIconProvider().type(QFileInfo(str(tmp_path))) == "Тека"
        assert QCoreApplication.translate("QFileSystemModel", "Name") == "Ім'я"  # Qt's own, still used
    finally:
        service.unload()
    assert QFileIconProvider().type(QFileInfo(str(tmp_path))) == "Folder"
