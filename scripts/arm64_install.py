"""What runs in a prepared arm64 userland (scripts/arm64_root.py): the project's wheel installed into the
root's venv and started (`check`), and packaging/install.sh run by the user `pi` in a fresh home, offline,
then the installed app started and `install.sh --uninstall` run (`install_sh`).

Both start scripts/installed_check.py offscreen against the Ollama on the host's loopback (a chroot shares
the host's network) and return its report with the seconds each step took.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import time
from pathlib import Path

from scripts.arm64_chroot import HERE, PROJECT, USER, VENV, WHEELS, chroot, proc_mounted

# A fresh Pi user's PATH: not ~/.local/bin yet.
PLAIN_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"


def clear_stale_work(root: Path) -> None:
    for stale in (root / "tmp").glob("piassist-*"):  # left by a run that was killed
        shutil.rmtree(stale, ignore_errors=True)


def inside(root: Path, path: Path) -> str:
    """A host path under the root, as the root sees it."""
    return "/" + str(path.relative_to(root))


def last_json_line(stdout: str) -> object:
    lines = stdout.strip().splitlines()
    return json.loads(lines[-1]) if lines and lines[-1].startswith("{") else None


def check(root: Path, wheel: Path, host: str, lang: str) -> tuple[int, dict[str, object]]:
    """Install the wheel in the root's venv and start the app there; returns the exit code and a report."""
    spent: dict[str, object] = {}
    clear_stale_work(root)
    with proc_mounted(root), tempfile.TemporaryDirectory(dir=root / "tmp", prefix="piassist-") as folder:
        work = inside(root, Path(folder))
        shutil.copy(wheel, folder)
        shutil.copy(HERE / "installed_check.py", folder)
        started = time.monotonic()
        pip = (f"{VENV}/bin/python", "-m", "pip", "install", "--quiet", "--no-deps", "--force-reinstall")
        chroot(root, *pip, f"{work}/{wheel.name}")
        spent["install_seconds"] = round(time.monotonic() - started, 1)
        started = time.monotonic()
        env = {"QT_QPA_PLATFORM": "offscreen", "PIASSIST_HOME": f"{work}/home"}
        check = (f"{VENV}/bin/python", f"{work}/installed_check.py", "--host", host, "--lang", lang)
        result = chroot(root, *check, env=env, check=False, capture=True)
        spent["run_seconds"] = round(time.monotonic() - started, 1)
    report = last_json_line(result.stdout)
    return result.returncode, {**spent, "report": report, "stderr": result.stderr[-4000:]}


def user_ids(root: Path, name: str) -> tuple[int, int]:
    for line in (root / "etc" / "passwd").read_text().splitlines():
        fields = line.split(":")
        if fields[0] == name:
            return int(fields[2]), int(fields[3])
    raise RuntimeError(f"no user {name} in {root}")


def tree(folder: Path) -> dict[str, str]:
    """Every file, folder and link under folder: its path → its sha256, "dir", or "-> target"."""
    found = {}
    for path in sorted(folder.rglob("*")):
        key = str(path.relative_to(folder))
        if path.is_symlink():
            found[key] = f"-> {os.readlink(path)}"
        elif path.is_dir():
            found[key] = "dir"
        else:
            found[key] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def shebang_python(root: Path, launcher: Path) -> str:
    """The interpreter (a path inside the root) of the `piassist` command pipx made: the app's venv."""
    target = Path(os.readlink(launcher)) if launcher.is_symlink() else launcher
    host_path = root / str(target).lstrip("/") if target.is_absolute() else launcher.parent / target
    first = host_path.read_text(errors="replace").splitlines()[0]
    return first.removeprefix("#!").split()[0]


def install_sh(root: Path, wheel: Path, host: str, lang: str) -> tuple[int, dict[str, object]]:
    """packaging/install.sh as `pi` in a fresh home, with --find-links to the root's wheels and the fresh
    PiAssist wheel (no network; install.sh finds its Debian packages installed), then the app it installed
    started, then `install.sh --uninstall`. The report says what the home held after the uninstall."""
    ids = user_ids(root, USER)
    clear_stale_work(root)
    spent: dict[str, object] = {}
    with proc_mounted(root), tempfile.TemporaryDirectory(dir=root / "tmp", prefix="piassist-") as folder:
        work = Path(folder)
        home, wheels = work / "home", work / "wheels"
        for made in (home, wheels):
            made.mkdir()
        for cached in (root / WHEELS.lstrip("/")).glob("*.whl"):
            os.link(cached, wheels / cached.name)
        shutil.copy(wheel, wheels)
        shutil.copy(PROJECT / "packaging" / "install.sh", work)
        shutil.copy(HERE / "installed_check.py", work)
        for path in (work, home, *home.rglob("*")):
            os.chown(path, *ids)
        work.chmod(0o755)
        env = {"HOME": inside(root, home), "PATH": PLAIN_PATH, "USER": USER, "LOGNAME": USER}
        # pip byte-compiles the ~2,000 modules it installs; under emulation that is half of install.sh's
        # minutes (402 → 227 s on trixie) and proves nothing the app's start does not.
        env["PIP_NO_COMPILE"] = "1"

        def as_user(*command: str, **extra: str) -> tuple[int, str, str, float]:
            started = time.monotonic()
            result = chroot(root, *command, env={**env, **extra}, check=False, capture=True, user=ids)
            return result.returncode, result.stdout, result.stderr, round(time.monotonic() - started, 1)

        before = tree(home)
        script = inside(root, work / "install.sh")
        code, out, err, spent["install_sh_seconds"] = as_user(
            "bash", script, "--find-links", inside(root, wheels)
        )
        spent["install_sh_output"] = (out + err)[-3000:]
        if code != 0:
            return code, {**spent, "report": None, "stderr": "install.sh failed"}
        launcher = home / ".local" / "bin" / "piassist"
        _code, version, _err, _seconds = as_user(inside(root, launcher), "--version")
        spent["version"] = version.strip()
        python = shebang_python(root, launcher)
        check = (python, inside(root, work / "installed_check.py"), "--host", host, "--lang", lang)
        piassist_home = inside(root, work / "piassist-home")
        code, out, err, spent["run_seconds"] = as_user(
            *check, QT_QPA_PLATFORM="offscreen", PIASSIST_HOME=piassist_home
        )
        report = last_json_line(out)
        removed, out_u, err_u, spent["uninstall_seconds"] = as_user("bash", script, "--uninstall")
        after = tree(home)
        spent["left_after_uninstall"] = sorted(set(after.items()) ^ set(before.items()))
        if removed != 0:
            return removed, {**spent, "report": report, "stderr": (out_u + err_u)[-3000:]}
    return code, {**spent, "report": report, "stderr": err[-4000:]}
