#!/usr/bin/env bash
# Everything the app and the tests need, installed only where missing: Debian packages for Qt's xcb
# plugin and Xvfb (and the other test groups of scripts/apt_deps.sh), the unprivileged user the Wayland
# tests run their sessions as, the project's venv with its test extra, and the compiled translations.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/apt_deps.sh gui || echo "setup: some Debian packages are missing (see above); the window may not open" >&2
bash scripts/apt_deps.sh registry || echo "setup: nginx is missing (see above); the pull tests need it" >&2
bash scripts/apt_deps.sh install || echo "setup: pipx or Debian's desktop-file and AppStream validators are missing (see above); the install tests need them" >&2
bash scripts/apt_deps.sh keyring || echo "setup: gnome-keyring is missing (see above); the keyring tests need it" >&2
bash scripts/apt_deps.sh session || echo "setup: openbox, xdotool or wmctrl is missing (see above); the session tests need them" >&2
bash scripts/apt_deps.sh wayland || echo "setup: sway, cage, grim or wtype is missing (see above); the Wayland tests need them" >&2
# sway and cage refuse to run as root: when the tests run as root, the Wayland sessions run as this
# ordinary system user (tests/session/wayland.py). Run as anyone else, they run as that user.
if [ "$(id -u)" -eq 0 ] && ! getent passwd piassist-test >/dev/null; then
  useradd --system --user-group --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin piassist-test
fi
# The app under test runs as that user from this checkout's .venv. Qt looks for its plugins with
# access(2), which ignores the read-and-search capability the sessions give the app, so the user must be
# able to pass through each folder down to the checkout (a fresh `mktemp -d` is mode 700). Where it
# cannot, others get search permission (o+x: pass through, not list), and setup says so.
if [ "$(id -u)" -eq 0 ]; then
  path=""
  IFS=/ read -ra parts <<<"${PWD#/}"
  for part in "${parts[@]}"; do
    path="$path/$part"
    if ! setpriv --reuid=piassist-test --regid=piassist-test --clear-groups test -x "$path"; then
      chmod o+x "$path"
      echo "setup: others may now pass through $path (o+x), so that the Wayland tests' user reaches the checkout"
    fi
  done
fi

PY="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$PY" -c 'import sys; sys.exit(0 if (3, 11) <= sys.version_info[:2] < (3, 14) else 1)' \
    || { echo "setup: PiAssist needs Python 3.11 to 3.13 ($PY is $("$PY" --version))" >&2; exit 1; }
  "$PY" -m venv .venv
fi
stamp=.venv/.piassist-installed
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  .venv/bin/python -m pip install --quiet --upgrade pip
  .venv/bin/python -m pip install --quiet -e ".[test]"
  touch "$stamp"
fi
.venv/bin/python scripts/i18n.py compile >/dev/null
