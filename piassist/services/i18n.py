"""The interface language: PiAssist's own translations and Qt's, swapped live.

Installing a translator makes Qt post a LanguageChange event to every widget; each widget's
retranslate_ui() then sets its texts again, on the next turn of the event loop (the one hook for it is
ui/common/retranslate.py).
"""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QObject, QTranslator, Signal

from piassist.services.settings import SettingsService

log = logging.getLogger(__name__)

# Each language is named in itself, so a person can find their own in any interface language.
LANGUAGES: dict[str, str] = {"en": "English", "uk": "Українська"}
DEFAULT_LANGUAGE = "en"


def language_for_locale(locale_name: str) -> str:
    """uk_UA → uk; anything we do not translate → English."""
    code = locale_name.split("_", maxsplit=1)[0].split("-", maxsplit=1)[0].lower()
    return code if code in LANGUAGES else DEFAULT_LANGUAGE


class I18nService(QObject):
    language_changed = Signal(str)

    def __init__(
        self, app: QCoreApplication, settings: SettingsService, qm_dir: Path, parent: QObject | None = None
    ):
        super().__init__(parent)
        self._app = app
        self._settings = settings
        self._qm_dir = qm_dir
        self._translators: list[QTranslator] = []
        self._language = ""

    @property
    def language(self) -> str:
        return self._language

    def initial_language(self) -> str:
        saved = self._settings.language
        return saved if saved in LANGUAGES else language_for_locale(QLocale.system().name())

    def set_language(self, code: str) -> None:
        if code not in LANGUAGES:
            code = DEFAULT_LANGUAGE
        if code == self._language:
            return
        for translator in self._translators:
            self._app.removeTranslator(translator)
        self._translators = []
        self._load(self._qm_dir, f"piassist_{code}")
        if code != "en":
            self._load(Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)), f"qtbase_{code}")
        QLocale.setDefault(QLocale(code))
        self._language = code
        self._settings.set_language(code)
        log.info("interface language: %s", code)
        self.language_changed.emit(code)

    def unload(self) -> None:
        """Take this service's translators out of the application now. Otherwise they leave when the
        garbage collector frees them, and Qt then posts a language change to whatever windows exist at
        that moment (a later app's in the same process)."""
        for translator in self._translators:
            self._app.removeTranslator(translator)
        self._translators = []
        self._language = ""

    def _load(self, folder: Path, name: str) -> None:
        translator = QTranslator(self)
        if translator.load(name, str(folder)):
            self._app.installTranslator(translator)
            self._translators.append(translator)
        else:
            log.warning("no translation %s in %s", name, folder)
