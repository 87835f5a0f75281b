#!/usr/bin/env bash
# Build one pinned Ollama from its Go module into the per-user cache (outside the clone), once.
#   bash scripts/build_ollama.sh [VERSION]      (a version number, default 0.24.0; scripts/harness.py
#                                               passes the one PIASSIST_OLLAMA_VERSION names)
# Prints the path of the binary on its last line. See docs/testing.md for why each step exists.
#
# Up to v0.29 the Go binary holds llama.cpp itself. From v0.30 on, every model runs in a separate
# llama-server that Ollama looks for in lib/ollama beside bin/; it is built here with CMake from Ollama's
# llama/server folder, with llama.cpp's source taken from a PyPI sdist (GitHub is not a registry).
# The cache entry is complete only when bin/ollama (and, from v0.30, lib/ollama/llama-server) exist.
set -euo pipefail

VERSION="${1:-0.24.0}"
case "$VERSION" in [0-9]*.[0-9]*) ;; *) echo "build_ollama: not a version number: $VERSION" >&2; exit 2 ;; esac
# llama.cpp's source for the llama-server of v0.30+: the sdist of llama-cpp-python vendors it. 0.3.36 holds
# commit 0c1e57098, close to v0.34.4's pin (b11081); Ollama's compat patch applies to it.
LLAMA_CPP_SDIST="${PIASSIST_LLAMA_CPP_SDIST:-llama-cpp-python==0.3.36}"
CACHE="${PIASSIST_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/piassist-dev}"
DEST="$CACHE/ollama-$VERSION"
BIN="$DEST/bin/ollama"
SERVER="$DEST/lib/ollama/llama-server"
here="$(cd "$(dirname "$0")" && pwd)"

# v0.30 and newer need llama-server (sort -V puts the smaller version first).
needs_llama_server=0
[ "$(printf '%s\n' 0.30.0 "$VERSION" | sort -V | head -n1)" = 0.30.0 ] && needs_llama_server=1

if [ -x "$BIN" ] && { [ $needs_llama_server = 0 ] || [ -x "$SERVER" ]; }; then
  echo "$BIN"
  exit 0
fi

command -v go >/dev/null || { echo "build_ollama: Go is not installed" >&2; exit 3; }
# One build per version at a time (several checkouts may share the cache); the next one finds it done.
mkdir -p "$CACHE"
exec 9>"$CACHE/ollama-$VERSION.lock"
flock 9
if [ -x "$BIN" ] && { [ $needs_llama_server = 0 ] || [ -x "$SERVER" ]; }; then
  echo "$BIN"
  exit 0
fi
started=$SECONDS

# -- the Go binary ----------------------------------------------------------------------------------
if [ ! -x "$BIN" ]; then
  INC="$DEST/include"
  if [ $needs_llama_server = 0 ]; then
    # llama.cpp inside the module includes headers from vendor/ folders that Go module zips leave out.
    "$here/apt_deps.sh" build
    mkdir -p "$INC/miniaudio"
    if [ ! -f "$INC/miniaudio/miniaudio.h" ]; then
      tmp="$(mktemp -d)"
      trap 'rm -rf "$tmp"' EXIT
      python3 -m pip download --quiet --no-binary :all: --no-deps miniaudio==1.71 -d "$tmp" >&2
      tar -xzf "$tmp"/miniaudio-1.71.tar.gz -C "$tmp" miniaudio-1.71/miniaudio/miniaudio.h
      cp "$tmp/miniaudio-1.71/miniaudio/miniaudio.h" "$INC/miniaudio/miniaudio.h"
    fi
  fi
  echo "build_ollama: building github.com/ollama/ollama@v$VERSION (a few minutes on 2 cores)" >&2
  mkdir -p "$DEST/bin.partial"
  CGO_CPPFLAGS="-I$INC" GOBIN="$DEST/bin.partial" GOFLAGS="-buildvcs=false" \
    nice go install -ldflags "-X github.com/ollama/ollama/version.Version=$VERSION" \
    "github.com/ollama/ollama@v$VERSION" >&2
  rm -rf "$DEST/bin"
  mv "$DEST/bin.partial" "$DEST/bin"
fi

# -- llama-server (v0.30+) --------------------------------------------------------------------------
if [ $needs_llama_server = 1 ] && [ ! -x "$SERVER" ]; then
  "$here/apt_deps.sh" llama-server
  work="$DEST/work"
  rm -rf "$work"
  mkdir -p "$work"
  # A writable copy of the module's source (the module cache is read-only).
  src=$(go mod download -json "github.com/ollama/ollama@v$VERSION" |
    python3 -c 'import json, sys; print(json.load(sys.stdin)["Dir"])')
  cp -r "$src" "$work/ollama"
  chmod -R u+w "$work/ollama"

  echo "build_ollama: llama.cpp's source from the PyPI sdist of $LLAMA_CPP_SDIST" >&2
  python3 -m pip download --quiet --no-binary :all: --no-deps "$LLAMA_CPP_SDIST" -d "$work/sdist" >&2
  sdist=$(ls "$work"/sdist/*.tar.gz)
  top=$(basename "$sdist" .tar.gz)
  tar -xzf "$sdist" -C "$work/sdist" "$top/vendor/llama.cpp"
  mv "$work/sdist/$top/vendor/llama.cpp" "$work/llama.cpp"
  rm -rf "$work/sdist"
  # Ollama's patch step runs `git apply`, which needs a repository: drop the sdist's dangling .git file.
  (
    cd "$work/llama.cpp"
    rm -rf .git
    git init -q
    git add -A
    git -c user.name=piassist -c user.email=piassist@localhost commit -q -m "llama.cpp from $LLAMA_CPP_SDIST"
  )

  # The build CPU's instruction sets, each on or off (GGML_NATIVE cannot be used with GGML_BACKEND_DL).
  flags=()
  if [ "$(uname -m)" = x86_64 ]; then
    have=" $(grep -m1 '^flags' /proc/cpuinfo | cut -d: -f2) "
    for pair in sse4_2:SSE42 avx:AVX avx2:AVX2 fma:FMA f16c:F16C bmi2:BMI2 avx_vnni:AVX_VNNI \
      avx512f:AVX512 avx512vbmi:AVX512_VBMI avx512_vnni:AVX512_VNNI avx512_bf16:AVX512_BF16; do
      cpu=${pair%%:*}
      ggml=${pair#*:}
      case "$have" in *" $cpu "*) flags+=("-DGGML_$ggml=ON") ;; *) flags+=("-DGGML_$ggml=OFF") ;; esac
    done
  fi
  echo "build_ollama: llama-server for v$VERSION with ${flags[*]:-the default instruction sets} (about 15 minutes on 2 cores)" >&2
  cmake -S "$work/ollama/llama/server" -B "$work/build" --preset cpu -G Ninja \
    -DFETCHCONTENT_SOURCE_DIR_LLAMA_CPP="$work/llama.cpp" \
    -DGGML_CPU_ALL_VARIANTS=OFF -DGGML_NATIVE=OFF "${flags[@]}" >"$work/configure.log" 2>&1 ||
    { tail -n 30 "$work/configure.log" >&2; exit 1; }
  nice cmake --build "$work/build" --target llama-server >"$work/build.log" 2>&1 ||
    { tail -n 30 "$work/build.log" >&2; exit 1; }
  cmake --install "$work/build" --prefix "$work/stage" >"$work/install.log" 2>&1 ||
    { tail -n 30 "$work/install.log" >&2; exit 1; }
  [ -x "$work/stage/lib/ollama/llama-server" ] || { echo "build_ollama: no llama-server was installed" >&2; exit 1; }
  printf '%s\n' "$LLAMA_CPP_SDIST" "${flags[@]}" >"$work/stage/lib/ollama/piassist-build.txt"
  rm -rf "$DEST/lib"
  mkdir -p "$DEST/lib"
  mv "$work/stage/lib/ollama" "$DEST/lib/ollama"  # (llama.cpp's own install rules add copies beside it)
  rm -rf "$work"
fi
echo "build_ollama: v$VERSION ready in $((SECONDS - started)) s" >&2
echo "$BIN"
