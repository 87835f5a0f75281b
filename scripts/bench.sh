#!/usr/bin/env bash
# The benchmarks (benchmarks/run.py) in a real X server (Xvfb), against the real Ollama.
set -euo pipefail
cd "$(dirname "$0")/.."
.venv/bin/python scripts/harness.py prepare >/dev/null
exec xvfb-run -a -s "-screen 0 1280x800x24" .venv/bin/python benchmarks/run.py "$@"
