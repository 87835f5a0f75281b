#!/usr/bin/env bash
# Screenshots of every page in both languages at 800×480 and 1920×1080, in a real X server (Xvfb).
set -euo pipefail
cd "$(dirname "$0")/.."
.venv/bin/python scripts/harness.py prepare >/dev/null
exec xvfb-run -a -s "-screen 0 1920x1080x24" .venv/bin/python -m scripts.screenshots "$@"
