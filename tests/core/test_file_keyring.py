"""The file-backed keyring used when the system has no keyring service."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest
from keyring.errors import PasswordDeleteError

from piassist.core.file_keyring import FileKeyring


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_secret_round_trips_and_the_file_is_readable_only_by_its_owner(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "secrets.json"
    ring = FileKeyring(path)
    assert ring.get_password("piassist", "admin-pin") is None
    ring.set_password("piassist", "admin-pin", "scrypt$hash")
    ring.set_password("piassist", "host-token:http://pc:11434", "t0ken")
    assert mode(path) == 0o600
    again = FileKeyring(path)  # a new start reads what the last one wrote
    assert again.get_password("piassist", "admin-pin") == "scrypt$hash"
    assert again.get_password("piassist", "host-token:http://pc:11434") == "t0ken"
    assert again.get_password("other", "admin-pin") is None
    assert not list(path.parent.glob("*.tmp")), "written through a temporary file that is renamed"


def test_a_widened_file_is_taken_back_to_owner_only(tmp_path: Path) -> None:
    path = tmp_path / "secrets.json"
    FileKeyring(path).set_password("piassist", "k", "v")
    os.chmod(path, 0o644)
    assert FileKeyring(path).get_password("piassist", "k") == "v"
    assert mode(path) == 0o600


def test_delete_removes_only_that_secret_and_complains_when_there_is_none(tmp_path: Path) -> None:
    path = tmp_path / "secrets.json"
    ring = FileKeyring(path)
    ring.set_password("piassist", "a", "1")
    ring.set_password("piassist", "b", "2")
    ring.delete_password("piassist", "a")
    assert json.loads(path.read_text()) == {"piassist": {"b": "2"}}
    with pytest.raises(PasswordDeleteError):
        ring.delete_password("piassist", "a")
    ring.delete_password("piassist", "b")
    assert json.loads(path.read_text()) == {}
