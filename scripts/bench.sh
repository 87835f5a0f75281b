#!/usr/bin/env bash
# Every benchmark, in a real X server (Xvfb), against the real Ollama; each prints its figures as
# ratios or against its goal, and those that talk to Ollama name its version. The ones that talk to
# Ollama run once per pinned version (the floor, then the newest: scripts/harness.py); the others once.
# Then the start-up and memory goals once more under Wayland (a headless sway, the floor Ollama:
# benchmarks/run.py --session wayland). Exits non-zero when any goal is missed (all still run).
set -uo pipefail
cd "$(dirname "$0")/.."
.venv/bin/python scripts/harness.py prepare --all >/dev/null || exit 1
status=0
bench() {  # VERSION SCRIPT
  echo "== $2${1:+ (Ollama $1)}"
  PIASSIST_OLLAMA_VERSION="${1:-floor}" xvfb-run -a -s "-screen 0 1280x800x24" .venv/bin/python -m "$2" || status=1
}
for script in benchmarks.commonmark_match benchmarks.pathological_output benchmarks.render_cost \
  benchmarks.history_scale; do
  bench "" "$script"
done
for version in floor newest; do
  for script in benchmarks.run benchmarks.chat_speed benchmarks.benchmark_speed; do
    bench "$version" "$script"
  done
done
echo "== benchmarks.run --session wayland"
PIASSIST_OLLAMA_VERSION=floor .venv/bin/python -m benchmarks.run --session wayland || status=1
exit $status
