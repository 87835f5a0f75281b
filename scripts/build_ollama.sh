#!/usr/bin/env bash
# Build the pinned Ollama from its Go module into the per-user cache (outside the clone), once.
# Prints the path of the binary on its last line. See docs/testing.md for why each step exists.
set -euo pipefail

VERSION="${PIASSIST_OLLAMA_VERSION:-0.24.0}"
CACHE="${PIASSIST_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/piassist-dev}"
DEST="$CACHE/ollama-$VERSION"
BIN="$DEST/bin/ollama"
here="$(cd "$(dirname "$0")" && pwd)"

if [ -x "$BIN" ]; then
  echo "$BIN"
  exit 0
fi

command -v go >/dev/null || { echo "build_ollama: Go is not installed" >&2; exit 3; }

# llama.cpp inside the module includes headers from vendor/ folders that Go module zips leave out.
"$here/apt_deps.sh" build

INC="$DEST/include"
mkdir -p "$INC/miniaudio"
if [ ! -f "$INC/miniaudio/miniaudio.h" ]; then
  tmp="$(mktemp -d)"
  trap 'rm -rf "$tmp"' EXIT
  python3 -m pip download --quiet --no-binary :all: --no-deps miniaudio==1.71 -d "$tmp" >&2
  tar -xzf "$tmp"/miniaudio-1.71.tar.gz -C "$tmp" miniaudio-1.71/miniaudio/miniaudio.h
  cp "$tmp/miniaudio-1.71/miniaudio/miniaudio.h" "$INC/miniaudio/miniaudio.h"
fi

echo "build_ollama: building github.com/ollama/ollama@v$VERSION (about 6 minutes on 2 cores)" >&2
mkdir -p "$DEST/bin.partial"
CGO_CPPFLAGS="-I$INC" GOBIN="$DEST/bin.partial" GOFLAGS="-buildvcs=false" \
  go install -ldflags "-X github.com/ollama/ollama/version.Version=$VERSION" \
  "github.com/ollama/ollama@v$VERSION" >&2
rm -rf "$DEST/bin"
mv "$DEST/bin.partial" "$DEST/bin"
echo "$BIN"
