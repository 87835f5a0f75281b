"""The kiosk's state: its settings, the admin PIN (hashed, in the keyring) and the "offline ready" sign.

The PIN goes through the secret store (keyring, or a file-backed keyring readable only by the user when
the system has none); hashing and checking run off the GUI thread. Wrong PINs earn growing waits that a
restart keeps (core/admin_pin.py). The widgets that lock the window are in ui/kiosk/; they start the work
here (look_for_pin, describe_storage, try_pin, save_pin) and hear its end by the signals.
"""

from __future__ import annotations

import asyncio
import enum
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QObject, Signal

from piassist.core.admin_pin import PinThrottle, check_format, hash_pin, verify_pin
from piassist.core.hosts import InvalidHostError, parse_host
from piassist.core.starting_points import StartingPoint
from piassist.services.connection import ConnectionService
from piassist.services.model_library import ModelLibraryService
from piassist.services.settings import SettingsService, number_or
from piassist.services.starting_points import read_points, write_points
from piassist.services.tasks import TaskSlots

log = logging.getLogger(__name__)
PIN_KEY = "admin-pin"
ATTEMPTS_FILE = "admin-pin-attempts.json"  # wrong PINs in a row and the wait they earned (no secret)
DEFAULT_IDLE_MINUTES = 5
IDLE_MINUTES_RANGE = (1, 120)


class SecretStoreLike(Protocol):
    """What the kiosk needs of piassist.services.secret_store.SecretStore."""

    async def get(self, key: str) -> str | None: ...
    async def set(self, key: str, value: str) -> None: ...
    async def describe(self) -> tuple[str, bool]: ...
    @property
    def fallback_file(self) -> Path: ...


class PinCheck(enum.Enum):
    ACCEPTED = "accepted"
    WRONG = "wrong"  # and now wait `wait` seconds
    WAIT = "wait"  # not checked: an earlier wrong PIN's wait is not over
    NO_PIN = "no-pin"  # none set yet
    FAILED = "failed"  # the keyring did not answer


@dataclass(frozen=True, slots=True)
class PinResult:
    check: PinCheck
    wait: float = 0.0


def _flag(value: object, default: bool = False) -> bool:
    if value is None or value == "":
        return default
    return str(value).lower() in ("true", "1", "yes")


class KioskService(QObject):
    settings_changed = Signal()
    offline_ready_changed = Signal(bool)
    pin_missing = Signal()  # look_for_pin(): no admin PIN is set yet
    storage_described = Signal(str, bool)  # describe_storage(): where secrets are kept, whether a file
    pin_checked = Signal(object)  # try_pin(): a PinResult
    pin_saved = Signal()  # save_pin() kept the new PIN
    pin_not_saved = Signal(str)  # save_pin() failed: the secret store's words

    def __init__(
        self,
        settings: SettingsService,
        secrets: SecretStoreLike,
        throttle: PinThrottle,
        *,
        library: ModelLibraryService,
        connection: ConnectionService,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._settings, self._secrets, self._throttle = settings, secrets, throttle
        self._library, self._connection = library, connection
        self._offline_ready = False
        self._tasks = TaskSlots("kiosk")
        library.models_changed.connect(self._update_offline_ready)
        connection.status_changed.connect(self._update_offline_ready)
        library.current_model_changed.connect(self._update_offline_ready)
        library.cloud_changed.connect(self._update_offline_ready)

    # -- settings the admin owns -------------------------------------------------------------------
    @property
    def enabled(self) -> bool:
        """Start PiAssist as a kiosk even without --kiosk."""
        return self._settings.kiosk_enabled

    @property
    def fixed_model(self) -> str:
        """The one model visitors use, or "" to let them choose among the installed ones."""
        return str(self._settings.value("kiosk/model", "") or "")

    @property
    def keep_history(self) -> bool:
        return _flag(self._settings.value("kiosk/keep_history"))

    @property
    def idle_minutes(self) -> int:
        low, high = IDLE_MINUTES_RANGE
        minutes = int(number_or(self._settings.value("kiosk/idle_minutes"), DEFAULT_IDLE_MINUTES))
        return max(low, min(high, minutes))

    @property
    def large_text(self) -> bool:
        return _flag(self._settings.value("kiosk/large_text"))

    def apply(
        self, *, enabled: bool, fixed_model: str, keep_history: bool, idle_minutes: int, large_text: bool
    ) -> None:
        values = {
            "kiosk/enabled": enabled,
            "kiosk/model": fixed_model.strip(),
            "kiosk/keep_history": keep_history,
            "kiosk/idle_minutes": idle_minutes,
            "kiosk/large_text": large_text,
        }
        for key, value in values.items():
            self._settings.set_value(key, value)
        self._settings.sync()
        self._update_offline_ready()
        self.settings_changed.emit()

    # -- the welcome screen and the tasks visitors start from (per interface language) ----------------
    def welcome_text(self, language: str) -> str:
        """The admin's own words under the welcome screen's greeting, or "" for PiAssist's."""
        return str(self._settings.value(f"kiosk/welcome_{language}", "") or "").strip()

    def tasks(self, language: str) -> list[StartingPoint] | None:
        """The kiosk's own starting points ("ask about our opening hours"), or None for the chat's."""
        return read_points(self._settings, f"kiosk/starting_points_{language}")

    def apply_welcome(
        self, language: str, text: str, tasks: list[StartingPoint], defaults: list[StartingPoint]
    ) -> None:
        """The admin's welcome text and tasks; tasks equal to `defaults` (the chat's) are not kept."""
        self._settings.set_value(f"kiosk/welcome_{language}", text.strip())
        write_points(self._settings, f"kiosk/starting_points_{language}", tasks, defaults)
        self.settings_changed.emit()

    # -- the admin PIN -----------------------------------------------------------------------------
    async def storage_description(self) -> tuple[str, bool]:
        """Where secrets are kept: the file when it is PiAssist's file fallback, else the keyring's name
        (and whether it is the file)."""
        return await self._secrets.describe()

    def wait_left(self) -> float:
        return self._throttle.wait_left()

    async def has_pin(self) -> bool:
        return bool(await self._secrets.get(PIN_KEY))

    async def set_pin(self, pin: str) -> None:
        """Store the PIN's hash (raises PinFormatError, or the store's error when the keyring fails)."""
        check_format(pin)
        record = await asyncio.get_running_loop().run_in_executor(None, hash_pin, pin)
        await self._secrets.set(PIN_KEY, record)
        self._throttle.succeeded()
        log.info("the admin PIN was set")

    async def check_pin(self, pin: str) -> PinResult:
        wait = self._throttle.wait_left()
        if wait > 0:
            return PinResult(PinCheck.WAIT, wait)
        try:
            stored = await self._secrets.get(PIN_KEY)
        except Exception as exc:  # the store's own error: the keyring is locked, gone or timed out
            log.warning("cannot read the admin PIN: %s", type(exc).__name__)
            return PinResult(PinCheck.FAILED)
        if not stored:
            return PinResult(PinCheck.NO_PIN)
        ok = await asyncio.get_running_loop().run_in_executor(None, verify_pin, pin, stored)
        if ok:
            self._throttle.succeeded()
            return PinResult(PinCheck.ACCEPTED)
        delay = self._throttle.failed()
        log.info("a wrong admin PIN (%d in a row)", self._throttle.failures)
        return PinResult(PinCheck.WRONG, delay)

    # -- the same, as the service's own tasks that end in a signal ----------------------------------
    def look_for_pin(self) -> None:
        """At the first start: pin_missing when no PIN is set. A keyring that cannot say (gone, locked)
        says nothing: a new PIN is never offered to whoever is there."""
        self._tasks.run("first-start", self._look_for_pin())

    async def _look_for_pin(self) -> None:
        try:
            has_pin = await self.has_pin()
        except Exception as exc:  # the store's own error
            log.warning("cannot tell whether an admin PIN is set: %s", type(exc).__name__)
            return
        if not has_pin:
            self.pin_missing.emit()

    @property
    def looking_for_pin(self) -> bool:
        return self._tasks.running("first-start")

    def describe_storage(self) -> None:
        self._tasks.run("storage", self._describe_storage())

    async def _describe_storage(self) -> None:
        self.storage_described.emit(*await self.storage_description())

    def try_pin(self, pin: str) -> None:
        """Check a PIN (scrypt and the keyring take a moment); pin_checked tells how it went."""
        self._tasks.run("check", self._try_pin(pin))

    async def _try_pin(self, pin: str) -> None:
        self.pin_checked.emit(await self.check_pin(pin))

    def cancel_pin_check(self) -> None:
        """The PIN dialog closed while a PIN was being checked: the check does not count."""
        self._tasks.cancel("check")

    @property
    def saving_pin(self) -> bool:
        return self._tasks.running("save")

    def save_pin(self, pin: str) -> None:
        self._tasks.run("save", self._save_pin(pin))

    async def _save_pin(self, pin: str) -> None:
        try:
            await self.set_pin(pin)
        except Exception as exc:  # the secret store's error (keyring locked, gone, timed out)
            self.pin_not_saved.emit(str(exc) or type(exc).__name__)
            return
        self.pin_saved.emit()

    async def aclose(self) -> None:
        await self._tasks.cancel_all()

    # -- "offline ready" ---------------------------------------------------------------------------
    @property
    def offline_ready(self) -> bool:
        return self._offline_ready

    def kiosk_model(self) -> str:
        return self.fixed_model or self._library.current_model

    def _update_offline_ready(self, *_args: object) -> None:
        """Ready offline: the server is this machine, the visitors' model is in its memory and runs here
        (not a cloud model), and the server has cloud models turned off (/api/status), so nothing a
        visitor does needs the internet."""
        try:
            local = parse_host(self._connection.host_text).is_local
        except InvalidHostError:
            local = False
        model = self.kiosk_model()
        loaded = any(m.name == model and m.loaded is not None and not m.remote for m in self._library.models)
        cloud_off = self._library.cloud_enabled is False
        ready = local and self._connection.status.is_connected and loaded and cloud_off
        if ready != self._offline_ready:
            self._offline_ready = ready
            self.offline_ready_changed.emit(ready)
