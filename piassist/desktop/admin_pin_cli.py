"""`piassist --set-admin-pin`: set the kiosk's admin PIN from a terminal (no window).

The PIN is read twice with getpass (not echoed); when the input is not a terminal (a setup script),
two lines are read from it instead. Only its scrypt hash is stored, in the keyring. Setting a PIN here
also clears the wait earned by wrong PINs: whoever has this terminal is the admin.
"""

from __future__ import annotations

import getpass
import sys
from collections.abc import Callable

from piassist import paths
from piassist.core.admin_pin import PIN_MAX, PIN_MIN, PinFormatError, PinThrottle, check_format, hash_pin
from piassist.services.kiosk import ATTEMPTS_FILE, PIN_KEY
from piassist.services.secret_store import SecretStore, SecretStoreError


def _reader() -> Callable[[str], str]:
    if sys.stdin.isatty():
        return getpass.getpass

    def from_lines(prompt: str) -> str:
        print(prompt, end="", file=sys.stderr, flush=True)
        return sys.stdin.readline().rstrip("\n")

    return from_lines


def set_admin_pin() -> int:
    read = _reader()
    pin = read(f"New admin PIN ({PIN_MIN}–{PIN_MAX} digits): ")
    try:
        check_format(pin)
    except PinFormatError:
        print(f"\nA PIN is {PIN_MIN} to {PIN_MAX} digits; nothing was changed.", file=sys.stderr)
        return 2
    if read("The same PIN again: ") != pin:
        print("\nThe two PINs are not the same; nothing was changed.", file=sys.stderr)
        return 2
    store = SecretStore(paths.secrets_file())
    try:
        store.set_sync(PIN_KEY, hash_pin(pin))
        where = store.backend_description()
    except SecretStoreError as exc:
        print(f"\nCould not keep the PIN in the keyring: {exc}", file=sys.stderr)
        return 1
    finally:
        store.close()
    PinThrottle(paths.data_dir() / ATTEMPTS_FILE).succeeded()
    print(f"\nThe admin PIN is set (its hash is kept in: {where}).", file=sys.stderr)
    return 0
