#!/usr/bin/env bash
# Start PiAssist. When no Ollama answers at OLLAMA_HOST (default 127.0.0.1:11434) and Go is here to
# build the pinned one, start the project's own Ollama with the demo model first, so a newcomer can
# chat at once; it stops when the app quits. Otherwise the app opens on its "not running" screen.
set -euo pipefail
cd "$(dirname "$0")/.."

host="${OLLAMA_HOST:-127.0.0.1:11434}"
case "$host" in *://*) url="$host" ;; *) url="http://$host" ;; esac
answers() { .venv/bin/python -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1] + "/api/version", timeout=2)' "$url" 2>/dev/null; }
own_server=""
if ! answers; then
  if command -v go >/dev/null 2>&1; then
    port="${host##*:}"
    case "$port" in ''|*[!0-9]*) port=11434 ;; esac
    echo "run: no Ollama at $host; starting the project's own Ollama with the demo model (first time: ~6 min build)"
    .venv/bin/python scripts/harness.py serve --port "$port" &
    own_server=$!
    stop_own() { [ -n "$own_server" ] && kill "$own_server" 2>/dev/null; wait 2>/dev/null; own_server=""; }
    trap stop_own EXIT
    trap 'stop_own; exit 130' INT TERM
    for _ in $(seq 1 1200); do
      answers && break
      kill -0 "$own_server" 2>/dev/null || { echo "run: the local Ollama did not start" >&2; own_server=""; break; }
      sleep 0.5
    done
  else
    echo "run: no Ollama at $host, and no Go to build one: PiAssist will show how to install it"
  fi
fi

if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
  echo "run: no display found; starting under Xvfb (screenshots only)" >&2
  xvfb-run -a .venv/bin/piassist "$@"
  exit $?
fi
.venv/bin/piassist "$@"
