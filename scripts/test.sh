#!/usr/bin/env bash
# The whole test suite: lint and types, then three pytest runs.
# 1. Against the floor Ollama (v0.24.0): core, services, UI, i18n, packaging and the integration tests.
# 2. Against the newest pinned Ollama (v0.34.4, what a Pi user installs today): the integration tests again
#    (but those marked without_ollama: they never talk to a server), the install on Debian bookworm and
#    trixie arm64 (marked platform) and the desktop sessions (tests/session: X11 with openbox, Wayland with
#    sway and cage), so the whole of today's stack is proven together.
# 3. The unit, UI and i18n tests with PySide6 6.8.0.2 (scripts/test_floor.sh).
# Both Ollama versions, the models and the Debian userlands are built and cached first.
# With arguments, they go to one pytest run (against the floor, unless PIASSIST_OLLAMA_VERSION says
# otherwise) and the other runs are left out.
set -euo pipefail
cd "$(dirname "$0")/.."
cache=${PIASSIST_CACHE:-$HOME/.cache/piassist-dev}

echo "== real Ollama, the floor and the newest version, and the models (cached in $cache)"
.venv/bin/python scripts/harness.py prepare --all

bash scripts/apt_deps.sh arm64 || echo "test: debootstrap and qemu-user-static are missing; the arm64 test will fail" >&2
for suite in bookworm trixie trixie-amd64; do
  echo "== Debian userland $suite (cached in $cache)"
  if [ "$(id -u)" -eq 0 ]; then
    nice .venv/bin/python -m scripts.arm64_root --suite "$suite" prepare
  elif sudo -n true 2>/dev/null; then
    sudo -n --preserve-env=PIASSIST_CACHE nice .venv/bin/python -m scripts.arm64_root --suite "$suite" prepare
  else
    echo "test: the userlands need root or password-less sudo; the arm64 and kiosk tests will fail" >&2
  fi
done

echo "== ruff and mypy"
.venv/bin/ruff check piassist tests scripts benchmarks
.venv/bin/ruff format --check piassist tests scripts benchmarks
.venv/bin/mypy

if [ $# -gt 0 ]; then
  exec .venv/bin/python -m pytest "$@"
fi
echo "== pytest against the floor Ollama"
PIASSIST_OLLAMA_VERSION=floor .venv/bin/python -m pytest -m "not platform" --ignore=tests/session
echo "== pytest against the newest Ollama: integration, the installs on Debian arm64, the desktop sessions"
PIASSIST_OLLAMA_VERSION=newest .venv/bin/python -m pytest tests/integration tests/session -m "not without_ollama"
exec bash scripts/test_floor.sh
