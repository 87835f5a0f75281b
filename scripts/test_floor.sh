#!/usr/bin/env bash
# The unit, UI and i18n tests once more, with PySide6-Essentials 6.8.0.2: the newest PySide6 pip gives Pi OS
# Bookworm (glibc 2.36), so the oldest the app must work on. Its own venv, .venv-pyside68, holds the same
# dependencies as .venv except for that pin, and imports PiAssist from this checkout (a .pth file).
# Made once and again only when pyproject.toml changes; pip's cache makes that quick.
#   bash scripts/test_floor.sh                 the four folders and tests/test_pyside_regressions.py
#   bash scripts/test_floor.sh tests/ui -x     any pytest arguments instead
set -euo pipefail
cd "$(dirname "$0")/.."
FLOOR=6.8.0.2
venv=.venv-pyside68
stamp=$venv/.piassist-installed

if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  echo "== $venv: PiAssist's dependencies with PySide6-Essentials==$FLOOR"
  rm -rf "$venv"
  "${PYTHON:-python3}" -m venv "$venv"
  reqs=$(mktemp)
  trap 'rm -f "$reqs"' EXIT
  "$venv/bin/python" - >"$reqs" <<'PY'
import tomllib
project = tomllib.load(open("pyproject.toml", "rb"))["project"]
print("\n".join(project["dependencies"] + project["optional-dependencies"]["test"]))
PY
  "$venv/bin/python" -m pip install --quiet --upgrade pip
  "$venv/bin/python" -m pip install --quiet -r "$reqs" "PySide6-Essentials==$FLOOR"
  site=$("$venv/bin/python" -c "import sysconfig; print(sysconfig.get_paths()['purelib'])")
  pwd >"$site/piassist-checkout.pth"
  touch "$stamp"
fi
"$venv/bin/python" - "$FLOOR" <<'PY'
import sys
from pathlib import Path
import PySide6, shiboken6, piassist
floor = sys.argv[1]
assert PySide6.__version__ == shiboken6.__version__ == floor, (PySide6.__version__, shiboken6.__version__)
assert Path(piassist.__file__).resolve().is_relative_to(Path.cwd()), piassist.__file__
PY

[ $# -eq 0 ] && set -- tests/core tests/services tests/ui tests/i18n tests/test_pyside_regressions.py
echo "== pytest with PySide6 $FLOOR"
PIASSIST_NO_SERVER=1 exec "$venv/bin/python" -m pytest -p no:cacheprovider "$@"
