"""Finding Ollama where its official install puts it, when the app's PATH does not hold it (a desktop
session's or a kiosk's PATH need not): a folder stands for "/"."""

from __future__ import annotations

from pathlib import Path

import pytest

from piassist.core.ollama.binary import find_ollama


def executable(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("#!/bin/sh\n")
    path.chmod(0o755)
    return path


@pytest.mark.parametrize("place", ["usr/local/bin/ollama", "usr/bin/ollama", "bin/ollama", "snap/bin/ollama"])
def test_the_install_places_are_searched_beyond_path(tmp_path: Path, place: str) -> None:
    assert find_ollama(tmp_path, path="") is None
    found = executable(tmp_path / place)
    assert find_ollama(tmp_path, path="") == str(found)


def test_path_comes_first(tmp_path: Path) -> None:
    executable(tmp_path / "usr/local/bin/ollama")
    on_path = executable(tmp_path / "home/pi/.local/bin/ollama")
    assert find_ollama(tmp_path, path=str(on_path.parent)) == str(on_path)


def test_the_systemd_units_execstart_names_any_other_place(tmp_path: Path) -> None:
    unit = tmp_path / "etc/systemd/system/ollama.service"
    unit.parent.mkdir(parents=True)
    unit.write_text(
        "[Unit]\nDescription=Ollama Service\n\n[Service]\n"
        'ExecStart=-/opt/ollama/bin/ollama serve\nEnvironment="PATH=/usr/bin"\n'
    )
    assert find_ollama(tmp_path, path="") is None  # the unit names it, but it is not there
    found = executable(tmp_path / "opt/ollama/bin/ollama")
    assert find_ollama(tmp_path, path="") == str(found)


def test_a_file_that_cannot_run_is_not_ollama(tmp_path: Path) -> None:
    executable(tmp_path / "usr/bin/ollama").chmod(0o644)
    (tmp_path / "usr/local/lib/ollama").mkdir(parents=True)  # libraries alone start nothing
    assert find_ollama(tmp_path, path="") is None
