"""Keeping the app's memory small on a Pi, where the model needs every megabyte."""

from __future__ import annotations

import linecache


def release_startup_memory() -> None:
    """Drop what start-up cached and no longer needs. Call it once the heavy imports are done.

    PySide6 reads the source of every module imported after it (to see whether the module uses its
    `__feature__` switches) with inspect.getsource, which keeps the whole text in linecache: after the
    client library's import, megabytes of httpx and pydantic source held for nothing (5 MB measured).
    The cache refills itself if a traceback ever needs a line.
    """
    linecache.clearcache()
