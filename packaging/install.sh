#!/usr/bin/env bash
# Install PiAssist for the current user on Raspberry Pi OS (Bookworm or Trixie) or Debian, into the desktop
# menu, with one command:
#
#   bash install.sh                  the Debian packages Qt needs (sudo, only when some are missing),
#                                    PiAssist from PyPI with pipx, the menu entry, icons and metainfo
#   bash install.sh --kiosk          the same, and PiAssist as a kiosk: a session of its own (Wayland:
#                                    cage on the first console; X11: ~/.xsession)
#   bash install.sh --uninstall      removes all of it again (your conversations and settings stay)
#
# Running it again upgrades PiAssist. Options:
#   --from PATH        install this wheel, sdist or source folder instead of the PyPI release
#   --find-links DIR   take every Python package from DIR (wheels), never from the network: offline sites
#   --no-apt           do not install Debian packages (say which are missing)
#   --kiosk            make PiAssist a kiosk session (packaging/README.md): cage on the console, or X11
#   --uninstall        remove PiAssist, its menu entry, icons, metainfo and kiosk start
#
# Everything but the Debian packages goes into your home folder; no sudo is needed for it. The desktop part
# is PiAssist's own `piassist --install-desktop`, so it is the same for people who used pipx themselves.
set -euo pipefail

spec=piassist
kiosk=0
apt=1
uninstall=0

usage() { sed -n '2,18s/^# \{0,1\}//p' "$0"; }
say() { printf '==> %s\n' "$*"; }
fail() {
  printf 'install.sh: %s\n' "$*" >&2
  exit 1
}

while [ $# -gt 0 ]; do
  case "$1" in
    --from)
      [ $# -ge 2 ] || fail "--from needs a path"
      [ -e "$2" ] || fail "--from: $2 does not exist"
      spec=$(realpath "$2")
      shift 2
      ;;
    --find-links)
      [ $# -ge 2 ] && [ -d "$2" ] || fail "--find-links needs a folder of wheels"
      export PIP_FIND_LINKS PIP_NO_INDEX=1
      PIP_FIND_LINKS=$(realpath "$2")
      shift 2
      ;;
    --kiosk) kiosk=1 && shift ;;
    --no-apt) apt=0 && shift ;;
    --uninstall) uninstall=1 && shift ;;
    -h | --help) usage && exit 0 ;;
    *) usage >&2 && fail "unknown option $1" ;;
  esac
done

# Qt's xcb (X11) and Wayland platform plugins need these; pipx installs PiAssist. Pi OS's desktop has most.
QT_PACKAGES=(
  libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-render-util0 libxcb-image0 libxcb-shape0 libxcb-randr0
  libxkbcommon-x11-0 libxkbcommon0 libwayland-client0 libwayland-cursor0 libwayland-egl1
  libegl1 libgl1 libfontconfig1 libdbus-1-3
)

# Nice to have, never required: with Debian's colour emoji font Qt draws emoji in colour, not as outlines.
OPTIONAL_PACKAGES=(fonts-noto-color-emoji)

installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }

# The optional packages this system's apt offers and does not have; never fails, never asks for a password.
optional_packages() {
  local missing=() p
  for p in "${OPTIONAL_PACKAGES[@]}"; do
    installed "$p" || ! apt-cache show "$p" >/dev/null 2>&1 || missing+=("$p")
  done
  [ ${#missing[@]} -gt 0 ] || return 0
  if [ "$apt" -eq 0 ]; then
    say "optional Debian packages not installed (--no-apt): ${missing[*]}"
    return 0
  fi
  local sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo -n)
  say "installing optional Debian packages: ${missing[*]}"
  "${sudo[@]}" apt-get install -y --no-install-recommends "${missing[@]}" >/dev/null 2>&1 ||
    say "could not install ${missing[*]} (optional: emoji are then drawn without colour)"
}

debian_packages() {
  if ! command -v dpkg-query >/dev/null; then
    say "not a Debian system: install Qt's xcb/Wayland libraries and pipx yourself"
    return
  fi
  optional_packages
  local wanted=("${QT_PACKAGES[@]}") missing=() p
  command -v pipx >/dev/null || wanted+=(pipx)
  # The Wayland kiosk is a session of cage, the one-window compositor (packaging/README.md).
  [ "$kiosk" -eq 0 ] || wanted+=(cage)
  for p in "${wanted[@]}"; do
    installed "$p" || missing+=("$p")
  done
  if [ ${#missing[@]} -eq 0 ]; then
    say "Debian packages: all there"
    return
  fi
  if [ "$apt" -eq 0 ]; then
    say "Debian packages missing (not installed: --no-apt): ${missing[*]}"
    return
  fi
  local sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo)
  say "installing Debian packages (this part uses sudo): ${missing[*]}"
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" apt-get install -y --no-install-recommends "${missing[@]}"
}

pipx_value() { pipx environment --value "$1"; }
# A folder newer pipx releases have and older ones do not know (empty then): Trixie's pipx 1.7 keeps
# standalone Pythons in PIPX_STANDALONE_PYTHON_CACHEDIR and makes PIPX_MAN_DIR; Bookworm's 1.1 neither.
pipx_value_if_known() { pipx environment --value "$1" 2>/dev/null || true; }

# pipx's own folders, once nothing else is installed with it (it makes them again when needed).
remove_empty_pipx() {
  local venvs=$1 bin=$2
  shift 2
  if [ -n "$(ls -A "$venvs" 2>/dev/null)" ]; then
    return
  fi
  local folder
  for folder in "$@"; do
    [ -z "$folder" ] || rm -rf "$folder"
  done
  rmdir "$venvs" 2>/dev/null || true
  for folder in "$venvs" "$bin" "$@"; do
    prune_empty_parents "$folder"
  done
}

prune_empty_parents() {
  local folder=$1
  while [ "$folder" != "$HOME" ] && [ "$folder" != / ] && [[ "$folder" == "$HOME"/* ]]; do
    rmdir "$folder" 2>/dev/null || [ ! -e "$folder" ] || return 0
    folder=$(dirname "$folder")
  done
}

if [ "$uninstall" -eq 1 ]; then
  command -v pipx >/dev/null || fail "pipx is not installed, so neither is PiAssist (with pipx)"
  bin=$(pipx_value PIPX_BIN_DIR)
  if [ -x "$bin/piassist" ]; then
    say "removing the menu entry, icons, metainfo and kiosk start"
    "$bin/piassist" --uninstall-desktop
  else
    say "no $bin/piassist: the menu entry (if any) stays; 'piassist --uninstall-desktop' removes it"
  fi
  pipx_dirs=("$(pipx_value PIPX_LOCAL_VENVS)" "$bin" "$(pipx_value PIPX_SHARED_LIBS)"
    "$(pipx_value PIPX_LOG_DIR)" "$(pipx_value PIPX_TRASH_DIR)" "$(pipx_value PIPX_VENV_CACHEDIR)"
    "$(pipx_value_if_known PIPX_STANDALONE_PYTHON_CACHEDIR)")
  # Man pages of other programs may share this one: only taken away when empty.
  man_dir=$(pipx_value_if_known PIPX_MAN_DIR)
  if pipx list --short 2>/dev/null | grep -q '^piassist '; then
    say "removing PiAssist (pipx uninstall)"
    pipx uninstall piassist
  fi
  remove_empty_pipx "${pipx_dirs[@]}"
  [ -z "$man_dir" ] || prune_empty_parents "$man_dir"
  say "PiAssist is removed. Your conversations and settings stay in ~/.local/share/piassist and ~/.config/piassist."
  exit 0
fi

debian_packages
command -v pipx >/dev/null || fail "pipx is missing: sudo apt install pipx (or run without --no-apt)"

if pipx list --short 2>/dev/null | grep -q '^piassist '; then
  # --force installs into the existing venv; pip's --upgrade makes it take the newest release there.
  say "upgrading PiAssist (pipx install --force $spec)"
  pipx install --force --pip-args=--upgrade "$spec"
else
  say "installing PiAssist (pipx install $spec)"
  pipx install "$spec"
fi

bin=$(pipx_value PIPX_BIN_DIR)
say "PiAssist $("$bin/piassist" --version | sed 's/^PiAssist //') is installed in $bin"
if [ "$kiosk" -eq 1 ]; then
  say "adding the menu entry, icons and metainfo, and the kiosk start"
  "$bin/piassist" --install-kiosk
else
  say "adding the menu entry, icons and metainfo"
  "$bin/piassist" --install-desktop
fi

say "Done: PiAssist is in the menu under Accessories."
case ":$PATH:" in
  *":$bin:"*) ;;
  *) say "To start it from a terminal as 'piassist', run 'pipx ensurepath' and log in again." ;;
esac
if [ "$kiosk" -eq 1 ]; then
  say "Kiosk on Wayland (Pi OS Trixie, and Bookworm's default): PiAssist is the whole session, in cage, when"
  say "you are logged in on the first console. Boot straight into it with console autologin:"
  say "  sudo raspi-config nonint do_boot_behaviour B2"
  say "Kiosk on X11: desktop autologin (do_boot_behaviour B4) into the X11 kiosk session (see above)."
fi
say "PiAssist needs Ollama: see 'Installing Ollama on a Pi' in https://github.com/piassist/piassist#readme"
