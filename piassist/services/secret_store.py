"""Secrets (the admin PIN's hash, host tokens) kept with keyring, never in the settings file or the log.

A keyring call can block for a long time (a Secret Service asking to be unlocked, D-Bus not answering),
so the window never makes one itself: every call runs on one worker thread, one at a time, and gives up
after `timeout` seconds with SecretStoreError. When the system has no keyring service, a file-backed
keyring (core/file_keyring.py, mode 0600 in PiAssist's data folder) is used and `is_file_backed` says so.
The synchronous methods are for the command line (`piassist --set-admin-pin`), where blocking is fine.
keyring itself (and its backends: D-Bus, entry points) is imported at the first use, never at start-up.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    import keyring.backend

log = logging.getLogger(__name__)
SERVICE = "piassist"
T = TypeVar("T")


class SecretStoreError(Exception):
    """The keyring did not answer in time, is locked, or failed; the message is for the log only."""


def host_token_key(host_url: str) -> str:
    """The key a host's bearer token is kept under: one per server address."""
    return f"host-token:{host_url}"


def _system_keyring_or_none() -> keyring.backend.KeyringBackend | None:
    import keyring
    import keyring.backends.chainer
    import keyring.backends.fail

    backend = keyring.get_keyring()
    chosen: keyring.backend.KeyringBackend | None = backend
    if isinstance(backend, keyring.backends.chainer.ChainerBackend):
        chosen = backend.backends[0] if backend.backends else None
    if chosen is None or isinstance(chosen, keyring.backends.fail.Keyring) or chosen.priority <= 0:
        return None  # no service, or the user turned keyring off (the null backend)
    return backend


class SecretStore:
    def __init__(
        self,
        fallback_file: Path,
        timeout: float = 10.0,
        backend: keyring.backend.KeyringBackend | None = None,
    ) -> None:
        """`backend` fixes the keyring (tests); by default the system's, else the file next to the data."""
        self._fallback_file = fallback_file
        self._timeout = timeout
        self._backend = backend
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="keyring")

    # -- which keyring -----------------------------------------------------------------------------
    def _keyring(self) -> keyring.backend.KeyringBackend:
        if self._backend is None:
            from piassist.core.file_keyring import FileKeyring

            system = _system_keyring_or_none()
            self._backend = system if system is not None else FileKeyring(self._fallback_file)
            log.info("secrets kept in: %s", self._backend.name)
        return self._backend

    @property
    def is_file_backed(self) -> bool:
        """True when no keyring service was found and secrets are in PiAssist's own file (blocks once)."""
        from piassist.core.file_keyring import FileKeyring

        return isinstance(self._keyring(), FileKeyring)

    def backend_description(self) -> str:
        """The keyring's own name, for the settings and the log (blocks once, the first time)."""
        return str(self._keyring().name)

    @property
    def fallback_file(self) -> Path:
        return self._fallback_file

    # -- synchronous (command line) ----------------------------------------------------------------
    def get_sync(self, key: str) -> str | None:
        return self._guard(lambda: self._keyring().get_password(SERVICE, key))

    def set_sync(self, key: str, value: str) -> None:
        self._guard(lambda: self._keyring().set_password(SERVICE, key, value))

    def delete_sync(self, key: str) -> None:
        import keyring.errors

        def delete() -> None:
            # Nothing kept under that key is already what was wanted.
            with contextlib.suppress(keyring.errors.PasswordDeleteError):
                self._keyring().delete_password(SERVICE, key)

        self._guard(delete)

    # -- asynchronous (the app) --------------------------------------------------------------------
    async def get(self, key: str) -> str | None:
        return await self._off_thread(self.get_sync)(key)

    async def set(self, key: str, value: str) -> None:
        await self._off_thread(self.set_sync)(key, value)

    async def delete(self, key: str) -> None:
        await self._off_thread(self.delete_sync)(key)

    async def describe(self) -> tuple[str, bool]:
        """(where, is_file_backed) without blocking the window: the file's path when the secrets are in
        PiAssist's own file, else the keyring's own name (English: not for the screen; logged when chosen)."""

        def where() -> tuple[str, bool]:
            file_backed = self.is_file_backed
            return (str(self._fallback_file) if file_backed else self.backend_description()), file_backed

        return await self._off_thread(where)()

    def close(self) -> None:
        self._executor.shutdown(wait=False, cancel_futures=True)

    def _off_thread(self, function: Callable[..., T]) -> Callable[..., asyncio.Future[T]]:
        def call(*args: object) -> asyncio.Future[T]:
            loop = asyncio.get_running_loop()
            future = loop.run_in_executor(self._executor, function, *args)
            return asyncio.ensure_future(self._within_timeout(future))

        return call

    async def _within_timeout(self, future: asyncio.Future[T]) -> T:
        # asyncio.wait, not wait_for: on Python 3.11 wait_for can swallow a cancellation (tasks.py).
        done, _ = await asyncio.wait({future}, timeout=self._timeout)
        if not done:
            future.cancel()  # only stops it if the worker has not started it yet
            raise SecretStoreError(f"the keyring did not answer within {self._timeout:g} s")
        return future.result()

    @staticmethod
    def _guard(call: Callable[[], T]) -> T:
        try:
            return call()
        except SecretStoreError:
            raise
        except Exception as exc:  # keyring's backends raise their own error types (D-Bus, locked, …)
            raise SecretStoreError(f"{type(exc).__name__}: {exc}") from exc
