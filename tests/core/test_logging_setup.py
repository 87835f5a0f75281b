import logging
from pathlib import Path

import pytest

from piassist.logging_setup import rotate, setup_logging


def test_rotates_a_big_log_once(tmp_path: Path) -> None:
    log = tmp_path / "piassist.log"
    log.write_text("x" * 2000)
    rotate(log, max_bytes=1000)
    assert not log.exists() and (tmp_path / "piassist.log.1").stat().st_size == 2000
    log.write_text("small")
    rotate(log, max_bytes=1000)
    assert log.read_text() == "small"


def test_logs_go_to_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    monkeypatch.setattr("sys.excepthook", None)
    try:
        setup_logging(tmp_path / "piassist.log")
        logging.getLogger("piassist.test").info("hello %s", "log")
        logging.getLogger("httpx").info("GET /api/version")  # too chatty: filtered
        for handler in root.handlers:
            handler.flush()
    finally:
        for handler in root.handlers[:]:
            if handler not in handlers:
                root.removeHandler(handler)
                handler.close()
        root.setLevel(level)
    text = (tmp_path / "piassist.log").read_text()
    assert "INFO piassist.test: hello log" in text and "api/version" not in text
