#!/usr/bin/env bash
# Every benchmark, in a real X server (Xvfb), against the real Ollama; each prints its figures as
# ratios or against its goal; then the start-up and memory goals again under Wayland (a headless sway:
# benchmarks/run.py --session wayland). Exits non-zero when any goal is missed (all still run).
set -uo pipefail
cd "$(dirname "$0")/.."
.venv/bin/python scripts/harness.py prepare >/dev/null || exit 1
status=0
for bench in benchmarks/run.py benchmarks/render_cost.py benchmarks/history_scale.py benchmarks/chat_speed.py; do
  [ -f "$bench" ] || continue
  echo "== $bench"
  xvfb-run -a -s "-screen 0 1280x800x24" .venv/bin/python "$bench" || status=1
done
echo "== benchmarks/run.py --session wayland"
.venv/bin/python benchmarks/run.py --session wayland || status=1
exit $status
