"""The user's settings, kept in an INI file through QSettings."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QObject, QSettings, Signal

from piassist.core.hosts import default_host_text
from piassist.core.ollama.model_defaults import OPTION_KEYS, chosen_options, option_value, without_old_builtin

MAX_SAVED_HOSTS = 10
APPEARANCES = ("system", "light", "dark")  # follow the desktop, or always light, or always dark
THINK_KEY = "chat/think"  # thinking in new chats: "true" (as before) or "false"
# Set once the chat options in the file are only those the person chose (model_defaults.py); files
# from before also hold what PiAssist chose on its own, taken out once (see _forget_old_builtin).
OPTIONS_CHOSEN_KEY = "chat/options_are_chosen"


def number_or(value: object, default: float) -> float:
    """A stored value as a number, or `default` when it is missing or not a number."""
    try:
        return float(str(value)) if value not in (None, "") else default
    except ValueError:
        return default


class SettingsService(QObject):
    host_changed = Signal(str)
    chat_defaults_changed = Signal()
    appearance_changed = Signal(str)

    def __init__(self, path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._qs = QSettings(str(path), QSettings.Format.IniFormat)
        self._forget_old_builtin()

    def _forget_old_builtin(self) -> None:
        """A file from before chosen options: a chat default equal to what PiAssist used to send on its
        own is taken out, so the model's own applies (docs/decisions.md)."""
        if self._qs.value(OPTIONS_CHOSEN_KEY) is not None:
            return
        stored = {key: self._qs.value(f"chat/{key}") for key in OPTION_KEYS}
        kept = without_old_builtin({k: v for k, v in stored.items() if v is not None})
        for key, value in stored.items():
            if value is not None and key not in kept:
                self._qs.remove(f"chat/{key}")
        self._qs.setValue(OPTIONS_CHOSEN_KEY, True)

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

    # -- servers used before, and which of them have a token in the keyring (never the token here) ----
    @property
    def saved_hosts(self) -> list[str]:
        """Addresses used before, the current one first (at most MAX_SAVED_HOSTS)."""
        ordered = [self.host, *self._string_list("connection/saved_hosts")]
        return list(dict.fromkeys(h for h in ordered if h))[:MAX_SAVED_HOSTS]

    def remember_host(self, text: str) -> None:
        text = text.strip()
        if text:
            self._qs.setValue(
                "connection/saved_hosts", list(dict.fromkeys([text, *self.saved_hosts]))[:MAX_SAVED_HOSTS]
            )

    def forget_host(self, text: str) -> None:
        self._qs.setValue("connection/saved_hosts", [h for h in self.saved_hosts if h != text.strip()])

    def has_token(self, host_url: str) -> bool:
        return host_url in self._token_hosts()

    def set_has_token(self, host_url: str, has: bool) -> None:
        hosts = [h for h in self._token_hosts() if h != host_url] + ([host_url] if has else [])
        self._qs.setValue("connection/token_hosts", hosts)

    def _token_hosts(self) -> list[str]:
        return self._string_list("connection/token_hosts")

    def _string_list(self, key: str) -> list[str]:
        """QSettings gives a one-item list back as a plain string, and nothing as None."""
        stored = self._qs.value(key)
        if isinstance(stored, str):
            return [stored] if stored else []
        return [str(item) for item in stored] if isinstance(stored, list) else []

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

    # -- chat defaults for new conversations: only what the person chose (model_defaults.py) ----------
    def chat_defaults(self) -> dict[str, Any]:
        """The options a new conversation starts with: those chosen in Preferences, nothing else."""
        return chosen_options({key: self._qs.value(f"chat/{key}") for key in OPTION_KEYS})

    @property
    def num_predict(self) -> int | None:
        """Longest answer chosen for new chats, in tokens (-1: no limit), or None when not chosen."""
        value = self.chat_defaults().get("num_predict")
        return int(value) if value is not None else None

    def set_num_predict(self, tokens: int | None) -> None:
        self.set_chat_defaults({"num_predict": tokens})

    def set_chat_defaults(self, options: Mapping[str, Any]) -> None:
        """Choose the given options for new chats; None (or 0 for a number) takes a choice back."""
        for key in OPTION_KEYS:
            if key not in options:
                continue
            value = options[key]
            if option_value(key, value) is None:
                self._qs.remove(f"chat/{key}")
            else:
                self._qs.setValue(f"chat/{key}", value)
        self.chat_defaults_changed.emit()

    def replace_chat_defaults(self, options: Mapping[str, Any]) -> None:
        """Exactly these options are chosen for new chats; the others are the model's own."""
        self.set_chat_defaults({key: options.get(key) for key in OPTION_KEYS})

    def system_prompt(self, language: str) -> str:
        """The person's own default system prompt for a language, or "" for PiAssist's."""
        return str(self._qs.value(f"chat/system_prompt_{language}", "") or "")

    def set_system_prompt(self, language: str, text: str) -> None:
        self._qs.setValue(f"chat/system_prompt_{language}", text.strip())
        self.chat_defaults_changed.emit()

    @property
    def think_default(self) -> bool:
        """Whether a new chat asks a model that can think to think (services/thinking.py)."""
        return str(self._qs.value(THINK_KEY, "true")).lower() not in ("false", "0")

    def set_think_default(self, on: bool) -> None:
        self._qs.setValue(THINK_KEY, "true" if on else "false")
        self._qs.sync()

    @property
    def text_zoom(self) -> float:
        """Text size in per cent of normal, as stored (the window keeps it to its steps)."""
        return number_or(self._qs.value("ui/text_zoom"), 100)

    def set_text_zoom(self, percent: int) -> None:
        self._qs.setValue("ui/text_zoom", percent)

    @property
    def appearance(self) -> str:
        """Light or dark: "system" (follow the desktop, the default), "light" or "dark"."""
        value = str(self._qs.value("ui/appearance", "") or "")
        return value if value in APPEARANCES else "system"

    def set_appearance(self, value: str) -> None:
        if value in APPEARANCES and value != self.appearance:
            self._qs.setValue("ui/appearance", value)
            self.appearance_changed.emit(value)

    # -- plain values for a room with settings of its own (the kiosk) ----------------------------------
    @property
    def kiosk_enabled(self) -> bool:
        """The admin's "Start PiAssist as a kiosk" (services/kiosk.py owns the other kiosk settings)."""
        return str(self._qs.value("kiosk/enabled", "")).lower() in ("true", "1")

    def value(self, key: str, default: object = None) -> object:
        return self._qs.value(key, default)

    def set_value(self, key: str, value: object) -> None:
        self._qs.setValue(key, value)

    def remove(self, key: str) -> None:
        self._qs.remove(key)

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

    def split_state(self, name: str) -> QByteArray | None:
        """A splitter's sizes as a person last left them (QSplitter.saveState), or None."""
        state = self._qs.value(f"window/{name}Split")
        return state if isinstance(state, QByteArray) else None

    def save_split_state(self, name: str, state: QByteArray) -> None:
        self._qs.setValue(f"window/{name}Split", state)

    def sync(self) -> None:
        self._qs.sync()
