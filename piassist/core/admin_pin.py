"""The kiosk's admin PIN: a salted slow hash (scrypt), a constant-time check, and growing waits after
wrong attempts that a restart does not reset.

Only the hash string (`scrypt$n$r$p$salt$hash`, base64 parts) is ever stored, and only in the keyring;
the PIN itself is never written anywhere. The attempts file holds no secret: how many wrong PINs in a
row and the time before which no PIN is checked.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import logging
import os
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

log = logging.getLogger(__name__)
PIN_MIN, PIN_MAX = 4, 12
SCHEME = "scrypt"
# n=2**14, r=8: 16 MB of memory and ~50 ms here, a few hundred ms on a Pi; every guess costs as much.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**14, 8, 1
HASH_BYTES = 32
FIRST_DELAY = 1.0  # seconds after the first wrong PIN; doubled after each further one
MAX_DELAY = 300.0  # never more than five minutes


class PinFormatError(ValueError):
    """The PIN is not 4 to 12 digits."""


def check_format(pin: str) -> None:
    if not (PIN_MIN <= len(pin) <= PIN_MAX and pin.isascii() and pin.isdigit()):
        raise PinFormatError(f"a PIN is {PIN_MIN} to {PIN_MAX} digits")


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def hash_pin(pin: str, *, salt: bytes | None = None, n: int = SCRYPT_N, r: int = SCRYPT_R) -> str:
    """The one string to store: scheme, parameters, salt and hash."""
    check_format(pin)
    salt = salt if salt is not None else secrets.token_bytes(16)
    digest = hashlib.scrypt(
        pin.encode(), salt=salt, n=n, r=r, p=SCRYPT_P, dklen=HASH_BYTES, maxmem=4 * 128 * r * n
    )
    return f"{SCHEME}${n}${r}${SCRYPT_P}${_b64(salt)}${_b64(digest)}"


def verify_pin(pin: str, stored: str) -> bool:
    """Whether `pin` gives `stored`; compared in constant time. A malformed record never matches."""
    try:
        scheme, n_text, r_text, p_text, salt_text, digest_text = stored.split("$")
        n, r, p = int(n_text), int(r_text), int(p_text)
        salt = base64.b64decode(salt_text, validate=True)
        expected = base64.b64decode(digest_text, validate=True)
    except ValueError:
        log.warning("the stored admin PIN record is malformed")
        return False
    if scheme != SCHEME or not (2 <= n <= 2**20 and 1 <= r <= 32 and p == 1) or not expected:
        log.warning("the stored admin PIN record has unknown parameters")
        return False
    candidate = hashlib.scrypt(
        pin.encode(), salt=salt, n=n, r=r, p=p, dklen=len(expected), maxmem=4 * 128 * r * n
    )
    return hmac.compare_digest(candidate, expected)


def delay_after(failures: int) -> float:
    """The wait after `failures` wrong PINs in a row: 0, then 1, 2, 4, 8 … seconds, at most MAX_DELAY."""
    if failures <= 0:
        return 0.0
    return float(min(MAX_DELAY, FIRST_DELAY * 2 ** min(failures - 1, 30)))


@dataclass(frozen=True, slots=True)
class Attempts:
    failures: int = 0
    not_before: float = 0.0  # wall-clock seconds (time.time): a restart keeps counting


class PinThrottle:
    """Wrong attempts and the wait they earned, kept in a small file so that killing the app does not
    reset them. `clock` is injectable (wall-clock seconds) for tests."""

    def __init__(self, path: Path, clock: Callable[[], float] = time.time) -> None:
        self._path = path
        self._clock = clock
        self._attempts = self._load()

    @property
    def failures(self) -> int:
        return self._attempts.failures

    def wait_left(self) -> float:
        """Seconds before the next PIN may be checked (0 when one may be checked now)."""
        return max(0.0, self._attempts.not_before - self._clock())

    def failed(self) -> float:
        """Count a wrong PIN; returns the wait it earned."""
        failures = self._attempts.failures + 1
        delay = delay_after(failures)
        self._attempts = Attempts(failures, self._clock() + delay)
        self._save()
        return delay

    def succeeded(self) -> None:
        self._attempts = Attempts()
        self._save()

    def _load(self) -> Attempts:
        try:
            data = json.loads(self._path.read_text(encoding="utf-8"))
            return Attempts(int(data["failures"]), float(data["not_before"]))
        except FileNotFoundError:
            return Attempts()
        except (OSError, ValueError, KeyError, TypeError) as exc:
            # A damaged file must not open the door: count it as many failures.
            log.warning("cannot read %s (%s): treating it as repeated wrong PINs", self._path, exc)
            failures = 8
            return Attempts(failures, self._clock() + delay_after(failures))

    def _save(self) -> None:
        self._path.parent.mkdir(parents=True, exist_ok=True)
        partial = self._path.with_suffix(".partial")
        data = {"failures": self._attempts.failures, "not_before": self._attempts.not_before}
        partial.write_text(json.dumps(data), encoding="utf-8")
        os.replace(partial, self._path)
