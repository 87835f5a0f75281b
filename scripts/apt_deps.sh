#!/usr/bin/env bash
# Install the Debian packages a group of tasks needs, only those missing, when we may (root or sudo -n).
# Groups: build (Ollama's missing headers), llama-server (CMake, Ninja, a C++ compiler and git for the
# llama-server of Ollama v0.30+), gui (Qt's xcb plugin, Xvfb, fonts), registry (nginx),
# arm64 (Debian userlands, arm64 ones run through qemu-user-static: the Pi OS Bookworm and Trixie install
# tests and the Wayland kiosk test),
# install (packaging/install.sh's test: pipx, Debian's desktop-file and AppStream validators, Qt's Wayland
# libraries),
# keyring (a real Secret Service for the keyring tests: gnome-keyring on a private D-Bus session),
# session (tests/session: a window manager (openbox), real key events and window tools (xdotool, wmctrl),
# keyboard layouts (setxkbmap), window geometry (xwininfo, xprop)),
# wayland (real wlroots compositors run headless for the Wayland tests: sway, and cage, the kiosk session;
# grim takes screenshots, wtype types keys).
set -euo pipefail

declare -A GROUP=(
  [build]="nlohmann-json3-dev libstb-dev"
  [llama-server]="cmake ninja-build g++ git"
  [gui]="xvfb xauth libxcb-icccm4 libxcb-keysyms1 libxcb-cursor0 libxkbcommon-x11-0 libxcb-render-util0 libxcb-image0 libxcb-shape0 libxcb-xinerama0 libxcb-randr0 libegl1 libgl1 libfontconfig1 libdbus-1-3 fonts-dejavu-core"
  [registry]="nginx-light"
  [arm64]="debootstrap qemu-user-static binfmt-support"
  [install]="pipx desktop-file-utils appstream libwayland-client0 libwayland-cursor0 libwayland-egl1 libxkbcommon0"
  [keyring]="gnome-keyring dbus-daemon"
  [session]="openbox xdotool wmctrl x11-xkb-utils x11-utils"
  [wayland]="sway cage xwayland grim wtype"
)

wanted=()
for g in "$@"; do
  for p in ${GROUP[$g]}; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || wanted+=("$p")
  done
done
[ ${#wanted[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
  sudo=()
elif sudo -n true 2>/dev/null; then
  sudo=(sudo -n)
else
  echo "apt_deps: please install: ${wanted[*]}" >&2
  exit 4
fi
echo "apt_deps: installing ${wanted[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
"${sudo[@]}" apt-get update -qq >&2 || true
"${sudo[@]}" apt-get install -y -qq --no-install-recommends "${wanted[@]}" >&2
