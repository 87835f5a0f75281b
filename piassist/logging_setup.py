"""Logging to a file in the user's data folder, and uncaught errors into that log.

The log is rotated once at start-up (kept below about 1 MB, one old copy), which is enough for an app
that logs a few lines an hour; logging.handlers' size-checked rotation would import pickle, socket
and queue for nothing.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from types import TracebackType

MAX_BYTES = 1_000_000


def setup_logging(path: Path, level: int = logging.INFO) -> None:
    rotate(path)
    handler = logging.FileHandler(path, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(level)
    # httpx logs every request at INFO: on a 2-second health poll that would fill the log with noise.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("httpcore").setLevel(logging.WARNING)

    def log_uncaught(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        logging.getLogger("piassist").critical("uncaught exception", exc_info=(kind, value, tb))
        sys.__excepthook__(kind, value, tb)

    sys.excepthook = log_uncaught


def rotate(path: Path, max_bytes: int = MAX_BYTES) -> None:
    """Move a log that grew past max_bytes to `<name>.1` (replacing the older copy)."""
    try:
        if path.stat().st_size > max_bytes:
            path.replace(path.with_name(path.name + ".1"))
    except OSError:
        pass
