"""The user's settings, kept in an INI file through QSettings."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QObject, QSettings, Signal

from piassist.core.hosts import default_host_text


class SettingsService(QObject):
    host_changed = Signal(str)

    def __init__(self, path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._qs = QSettings(str(path), QSettings.Format.IniFormat)

    @property
    def path(self) -> Path:
        return Path(self._qs.fileName())

    @property
    def host(self) -> str:
        return str(self._qs.value("connection/host", "") or "") or default_host_text()

    def set_host(self, text: str) -> None:
        text = text.strip()
        if text == self.host:
            return
        self._qs.setValue("connection/host", text)
        self.host_changed.emit(self.host)

    @property
    def language(self) -> str:
        return str(self._qs.value("ui/language", "") or "")

    def set_language(self, code: str) -> None:
        self._qs.setValue("ui/language", code)

    @property
    def current_model(self) -> str:
        return str(self._qs.value("chat/model", "") or "")

    def set_current_model(self, name: str) -> None:
        self._qs.setValue("chat/model", name)

    def window_state(self) -> tuple[QByteArray | None, QByteArray | None]:
        geometry = self._qs.value("window/geometry")
        state = self._qs.value("window/state")
        return (
            geometry if isinstance(geometry, QByteArray) else None,
            state if isinstance(state, QByteArray) else None,
        )

    def save_window_state(self, geometry: QByteArray, state: QByteArray) -> None:
        self._qs.setValue("window/geometry", geometry)
        self._qs.setValue("window/state", state)

    def sync(self) -> None:
        self._qs.sync()
