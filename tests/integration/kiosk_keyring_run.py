"""Run by tests/integration/test_real_keyring.py in a process of its own, inside a private D-Bus session
with gnome-keyring (or with no keyring service at all): the real app in kiosk mode, with the real
SecretStore, checks and changes the admin PIN, then leaves. Prints what it saw as one JSON line.

argv: the PIN `piassist --set-admin-pin` was given, the new PIN to set through the app's dialog.
"""

from __future__ import annotations

import asyncio
import json
import sys
from typing import Any

from PySide6.QtWidgets import QApplication


def main() -> int:
    old_pin, new_pin = sys.argv[1], sys.argv[2]
    qapp = QApplication(sys.argv[:1])
    qapp.setApplicationName("piassist")
    qapp.setQuitOnLastWindowClosed(False)  # the coroutine below ends the run, after reading the keyring

    import qasync

    from piassist import paths
    from piassist.app import PiAssist
    from piassist.core.admin_pin import PinThrottle
    from piassist.logging_setup import setup_logging
    from piassist.services.kiosk import ATTEMPTS_FILE, PIN_KEY, PinCheck
    from piassist.services.secret_store import SecretStore

    setup_logging(paths.log_file())
    # Nothing answers on port 9: the kiosk needs no server for its PIN.
    throttle = PinThrottle(paths.data_dir() / ATTEMPTS_FILE)  # the app's own file, as without it
    app = PiAssist(
        qapp, settings_path=paths.settings_file(), host="127.0.0.1:9", kiosk=True, pin_throttle=throttle
    )
    seen: dict[str, Any] = {}

    async def until(predicate: Any, timeout: float = 20.0) -> None:
        for _ in range(int(timeout / 0.02)):
            if predicate():
                return
            await asyncio.sleep(0.02)
        raise AssertionError("condition not met")

    async def run() -> None:
        closed = asyncio.Event()
        app.window.closing.connect(closed.set)
        app.start()
        mode, kiosk = app.kiosk_mode, app.kiosk
        assert mode is not None and kiosk is not None
        await until(lambda: not kiosk.looking_for_pin)
        seen["setup_asked"] = mode.setup_dialog is not None
        seen["storage"] = list(await kiosk.storage_description())
        seen["wrong"] = (await kiosk.check_pin("0000")).check.value
        throttle.succeeded()  # the wait is tested elsewhere, with an injected clock
        seen["right"] = (await kiosk.check_pin(old_pin)).check.value
        dialog = mode.open_pin_setup(required=False)
        dialog.first.setText(new_pin)
        dialog.second.setText(new_pin)
        dialog.save()
        await until(lambda: mode.setup_dialog is None)
        seen["old_after_change"] = (await kiosk.check_pin(old_pin)).check.value
        throttle.succeeded()
        pin_dialog = mode.request_pin(mode.leave)
        pin_dialog.edit.setText(new_pin)
        pin_dialog.try_pin()
        await asyncio.wait_for(closed.wait(), 20)
        seen["left"] = True
        await app.aclose()
        store = SecretStore(paths.secrets_file())
        seen["record"] = await store.get(PIN_KEY)
        store.close()
        assert seen["right"] == PinCheck.ACCEPTED.value

    qasync.run(run())
    print(json.dumps(seen))
    return 0


if __name__ == "__main__":
    sys.exit(main())
