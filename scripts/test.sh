#!/usr/bin/env bash
# The whole test suite: lint and types, then pytest (core, services, UI, i18n and the integration tests
# against the real Ollama v0.24.0, the floor, with both PyPI models, which this script builds and caches
# first; the install tests in Debian bookworm and trixie arm64 userlands and the Wayland kiosk test in a
# native trixie userland, also built and cached first; the X11 and Wayland sessions), then the
# integration tests once more against the newest pinned Ollama (v0.34.4; those marked without_ollama are
# left out: they never talk to a server), then the unit, UI and i18n tests once more with PySide6 6.8.0.2
# (scripts/test_floor.sh).
# With arguments, they go to the first pytest run and the other two runs are left out.
set -euo pipefail
cd "$(dirname "$0")/.."
cache=${PIASSIST_CACHE:-$HOME/.cache/piassist-dev}

echo "== real Ollama, the floor and the newest version, and the models (cached in $cache)"
.venv/bin/python scripts/harness.py prepare --all

bash scripts/apt_deps.sh arm64 || echo "test: debootstrap and qemu-user-static are missing; the arm64 test will fail" >&2
for suite in bookworm trixie trixie-amd64; do
  echo "== Debian userland $suite (cached in $cache)"
  if [ "$(id -u)" -eq 0 ]; then
    nice .venv/bin/python scripts/arm64_root.py --suite "$suite" prepare
  elif sudo -n true 2>/dev/null; then
    sudo -n --preserve-env=PIASSIST_CACHE nice .venv/bin/python scripts/arm64_root.py --suite "$suite" prepare
  else
    echo "test: the userlands need root or password-less sudo; the arm64 and kiosk tests will fail" >&2
  fi
done

echo "== ruff and mypy"
.venv/bin/ruff check piassist tests scripts benchmarks
.venv/bin/ruff format --check piassist tests scripts benchmarks
.venv/bin/mypy

echo "== pytest (the integration tests against the floor Ollama)"
if [ $# -gt 0 ]; then
  exec .venv/bin/python -m pytest "$@"
fi
PIASSIST_OLLAMA_VERSION=floor .venv/bin/python -m pytest
echo "== pytest: the integration tests against the newest Ollama"
PIASSIST_OLLAMA_VERSION=newest .venv/bin/python -m pytest tests/integration -m "not without_ollama"
exec bash scripts/test_floor.sh
