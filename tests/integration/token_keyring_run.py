"""Run by tests/integration/test_real_keyring.py in a process of its own, inside a private D-Bus session
with gnome-keyring: the real app, with the real SecretStore, is given a host token the way the server
dialog gives it, connects through the token gateway to the real Ollama, lists its models, and quits.
Prints what it saw as one JSON line.

argv: the gateway's address, the token.
"""

from __future__ import annotations

import asyncio
import json
import sys
from typing import Any

from PySide6.QtWidgets import QApplication


def main() -> int:
    host, token = sys.argv[1], sys.argv[2]
    qapp = QApplication(sys.argv[:1])
    qapp.setApplicationName("piassist")
    qapp.setQuitOnLastWindowClosed(False)  # the coroutine below ends the run, after reading the keyring

    import qasync

    from piassist import paths
    from piassist.app import PiAssist
    from piassist.core.hosts import parse_host
    from piassist.logging_setup import setup_logging
    from piassist.services.secret_store import SecretStore, host_token_key

    setup_logging(paths.log_file())
    app = PiAssist(qapp, settings_path=paths.settings_file(), host=host)
    seen: dict[str, Any] = {}

    async def run() -> None:
        listed: asyncio.Future[list[str]] = asyncio.get_running_loop().create_future()
        app.library.models_changed.connect(
            lambda models: models and not listed.done() and listed.set_result(sorted(m.name for m in models))
        )
        app.window.show()
        app.start()
        seen["keyring"] = list(await app.connection.describe_keyring())
        await app.connection.set_token(host, token)
        seen["models"] = await asyncio.wait_for(listed, 60)
        seen["state"] = app.connection.status.state.value
        await app.aclose()
        app.window.close()
        store = SecretStore(paths.secrets_file())
        seen["stored"] = await store.get(host_token_key(parse_host(host).url)) == token
        store.close()

    qasync.run(run())
    print(json.dumps(seen))
    return 0


if __name__ == "__main__":
    sys.exit(main())
