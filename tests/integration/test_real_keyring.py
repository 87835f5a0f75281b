"""The admin PIN and a host token in a real keyring: gnome-keyring's Secret Service on a private D-Bus
session (Debian's gnome-keyring and dbus-daemon, installed by scripts/apt_deps.sh keyring), and the
file-backed keyring when the system has none. The PIN, its hash and the token appear in no file the app
wrote (settings, log, attempts) nor anywhere under the private HOME; the file fallback is readable only
by its owner."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from scripts import harness
from scripts.token_gateway import TokenGateway

ROOT = Path(__file__).resolve().parents[2]
OLD_PIN, NEW_PIN = "482915", "7305162"
KEYRING_PASSWORD = "test-login-password"


def private_env(home: Path) -> dict[str, str]:
    # Without tests/conftest.py's PYTHON_KEYRING_BACKEND (the "no keyring" guard): keyring picks the
    # Secret Service of the private D-Bus session, or finds none and the app uses its file.
    skipped = ("DBUS_", "XDG_", "PYTEST", "PYTHON_KEYRING_BACKEND")
    env = {k: v for k, v in os.environ.items() if not k.startswith(skipped)}
    env.update(
        HOME=str(home),
        PIASSIST_HOME=str(home / "piassist"),
        XDG_RUNTIME_DIR=str(home / "run"),
        QT_QPA_PLATFORM="offscreen",
        PYTHONPATH=str(ROOT),
    )
    (home / "run").mkdir(mode=0o700, parents=True, exist_ok=True)
    return env


def under_dbus_with_keyring(command: str) -> str:
    """A shell line run inside a D-Bus session of its own, with gnome-keyring unlocked in it."""
    return (
        f"dbus-run-session -- sh -c 'printf %s {KEYRING_PASSWORD} | "
        f"gnome-keyring-daemon --unlock --components=secrets >/dev/null && {command}'"
    )


def run_shell(line: str, env: dict[str, str], stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["sh", "-c", line], env=env, input=stdin, capture_output=True, text=True, timeout=120, check=False
    )


def files_holding(root: Path, needles: list[str]) -> list[str]:
    found = []
    for path in root.rglob("*"):
        if path.is_file() and not path.is_symlink():
            data = path.read_bytes()
            found += [f"{path}: {n!r}" for n in needles if n.encode() in data]
    return found


def run_app_and_read(home: Path, env: dict[str, str], *, with_keyring: bool) -> dict[str, Any]:
    python = sys.executable
    set_pin = f"{python} -m piassist --set-admin-pin"
    check = f"{python} -m tests.integration.kiosk_keyring_run {OLD_PIN} {NEW_PIN}"
    both = f"{set_pin} && {check}"
    line = under_dbus_with_keyring(both) if with_keyring else both
    result = run_shell(f"cd {ROOT} && {line}", env, stdin=f"{OLD_PIN}\n{OLD_PIN}\n")
    assert result.returncode == 0, result.stdout + result.stderr
    seen: dict[str, Any] = json.loads(result.stdout.strip().splitlines()[-1])
    seen["cli"] = result.stderr
    return seen


@pytest.mark.without_ollama
def test_the_pin_hash_lives_in_gnome_keyring_and_nowhere_else(tmp_path: Path) -> None:
    home = tmp_path / "home"
    env = private_env(home)
    seen = run_app_and_read(home, env, with_keyring=True)
    assert "The admin PIN is set" in seen["cli"] and "SecretService" in seen["cli"]
    assert seen["storage"][1] is False and "SecretService" in seen["storage"][0]
    assert seen["setup_asked"] is False  # the PIN from the command line was found
    assert (seen["wrong"], seen["right"], seen["old_after_change"]) == ("wrong", "accepted", "wrong")
    assert seen["left"] is True
    record = seen["record"]
    assert record.startswith("scrypt$16384$8$1$") and len(record) > 60
    app_files = home / "piassist"
    assert (app_files / "config" / "piassist.ini").is_file() and (
        app_files / "data" / "piassist.log"
    ).is_file()
    assert "kiosk" in (app_files / "data" / "piassist.log").read_text()
    assert not (app_files / "data" / "secrets.json").exists()
    # Neither PIN nor the hash (nor its salt) in any file under the private HOME: settings, log,
    # attempts, and gnome-keyring's own (encrypted) keyring file.
    salt, digest = record.split("$")[4:]
    assert files_holding(home, [OLD_PIN, NEW_PIN, record, salt, digest]) == []
    assert list((home / ".local" / "share" / "keyrings").glob("*.keyring"))  # it did write its own file


@pytest.mark.without_ollama
def test_without_a_keyring_service_the_pin_goes_to_a_file_only_its_owner_reads(tmp_path: Path) -> None:
    home = tmp_path / "home"
    env = private_env(home)
    seen = run_app_and_read(home, env, with_keyring=False)
    assert "PiAssist file keyring" in seen["cli"]
    assert seen["storage"] == [str(home / "piassist" / "data" / "secrets.json"), True]
    assert (seen["wrong"], seen["right"], seen["old_after_change"]) == ("wrong", "accepted", "wrong")
    secrets = home / "piassist" / "data" / "secrets.json"
    assert stat.S_IMODE(secrets.stat().st_mode) == 0o600
    stored = json.loads(secrets.read_text())
    assert stored["piassist"]["admin-pin"] == seen["record"]
    others = [p for p in home.rglob("*") if p.is_file() and p != secrets]
    assert others and not [p for p in others if seen["record"].encode() in p.read_bytes()]
    assert files_holding(home, [OLD_PIN, NEW_PIN]) == []


def test_a_host_token_lives_in_gnome_keyring_and_nowhere_else(
    ollama: harness.OllamaServer, tmp_path: Path
) -> None:
    """The other secret: a bearer token for a server behind a gateway (the real Ollama behind nginx)."""
    token = "gw-token-93b1e07a"
    home = tmp_path / "home"
    env = private_env(home)
    with TokenGateway(ollama.host, token) as gateway:
        check = f"{sys.executable} -m tests.integration.token_keyring_run {gateway.host} {token}"
        result = run_shell(f"cd {ROOT} && {under_dbus_with_keyring(check)}", env)
        assert result.returncode == 0, result.stdout + result.stderr
        through = gateway.requests(authorized=True)
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen["keyring"][1] is False and "SecretService" in seen["keyring"][0]
    assert seen["models"] == sorted([harness.DEMO_MODEL, harness.SECOND_MODEL])
    assert seen["state"] == "connected" and seen["stored"] is True
    assert {r["uri"] for r in through} >= {"/api/version", "/api/tags"}
    log = (home / "piassist" / "data" / "piassist.log").read_text()
    assert "token for http://" in log and "saved" in log
    settings = (home / "piassist" / "config" / "piassist.ini").read_text()
    assert gateway.host in settings  # the address is a setting; its token is not
    assert not (home / "piassist" / "data" / "secrets.json").exists()
    assert files_holding(home, [token]) == []
