#!/usr/bin/env python3
"""A Debian bookworm arm64 userland (what Pi OS Bookworm is) run through qemu-user-static, for the arm64 test.

Built once with debootstrap from Debian's packages and cached outside the clone, next to the Ollama build:

    $PIASSIST_CACHE (default ~/.cache/piassist-dev)/arm64-bookworm/
      root/                       the userland; root/opt/piassist-venv holds PiAssist's dependencies
      root.stamp.json             the recipe it was built with: a different recipe rebuilds it
      lock                        one user of the userland at a time (helpers and CI share the cache)

CLI (as root, or through `sudo -n`):
    arm64_root.py prepare                    build what is missing or stale; prints a JSON line of timings
    arm64_root.py check WHEEL --host H:P     install the wheel (--no-deps) in the venv, start the app there
                                             (scripts/installed_check.py); prints a JSON line with its report
    arm64_root.py info                       where things are and whether they are ready

Every mount (/proc) is made in a private mount namespace of this process (util-linux `unshare`), so none
outlives it, even when it is killed; the stale-mount check below is a second line of defence.
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import fcntl
import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import tomllib
from collections.abc import Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent
CACHE = Path(
    os.environ.get("PIASSIST_CACHE")
    or Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "piassist-dev"
)
BASE = CACHE / "arm64-bookworm"
ROOT = BASE / "root"
STAMP = BASE / "root.stamp.json"
VENV = "/opt/piassist-venv"  # inside the root
SUITE = "bookworm"
# Bump RECIPE when the way the root is made changes; the packages are part of the stamp by themselves.
RECIPE = 1
PACKAGES = (
    "python3",
    "python3-venv",
    "python3-pip",
    "libgl1",
    "libegl1",
    "libxkbcommon0",
    "libfontconfig1",
    "libdbus-1-3",
    "libglib2.0-0",
    "fonts-dejavu-core",
)
# What pip gives Pi OS Bookworm (glibc 2.36) for aarch64: the newest PySide6 there. The test asserts it.
BOOKWORM_PYSIDE = "6.8.0.2"
IN_NAMESPACE = "PIASSIST_ARM64_NAMESPACE"
HOST_FILES = ("/etc/resolv.conf", "/etc/ssl/certs/ca-certificates.crt", "/etc/pip.conf")


def log(message: str) -> None:
    print(f"arm64: {message}", file=sys.stderr, flush=True)


def debian_mirror() -> str:
    """The Debian mirror the host's apt uses (deb822 or one-line sources), else deb.debian.org."""
    if mirror := os.environ.get("PIASSIST_DEBIAN_MIRROR"):
        return mirror
    sources = sorted(Path("/etc/apt/sources.list.d").glob("*.sources"))
    for path in [*sources, Path("/etc/apt/sources.list")]:
        with contextlib.suppress(OSError):
            for line in path.read_text().splitlines():
                words = line.split()
                uris = words[1:] if words[:1] == ["URIs:"] else words[1:2] if words[:1] == ["deb"] else []
                for uri in uris:
                    if uri.rstrip("/").endswith("/debian"):
                        return uri
    return "http://deb.debian.org/debian"


def dependencies() -> list[str]:
    """PiAssist's runtime requirements, as pyproject.toml declares them."""
    with (PROJECT / "pyproject.toml").open("rb") as f:
        return list(tomllib.load(f)["project"]["dependencies"])


def root_recipe() -> dict[str, object]:
    return {"recipe": RECIPE, "suite": SUITE, "packages": list(PACKAGES)}


def venv_recipe() -> dict[str, object]:
    digest = hashlib.sha256("\n".join(dependencies()).encode()).hexdigest()[:16]
    return {"recipe": RECIPE, "dependencies": digest}


def read_json(path: Path) -> object:
    try:
        return json.loads(path.read_text())
    except (OSError, ValueError):
        return None


# -- mounts and the namespace ----------------------------------------------------------------------
def mounts_under(path: Path) -> list[str]:
    """Mount points at or below path, deepest first (as this process's namespace sees them)."""
    prefix = str(path.resolve())
    found = []
    for line in Path("/proc/self/mounts").read_text().splitlines():
        point = line.split()[1].replace("\\040", " ")
        if point == prefix or point.startswith(prefix + "/"):
            found.append(point)
    return sorted(found, key=len, reverse=True)


def unmount_all(path: Path) -> None:
    for point in mounts_under(path):
        subprocess.run(["umount", "--lazy", point], check=False)
    if left := mounts_under(path):
        raise RuntimeError(f"still mounted: {left}")


@contextlib.contextmanager
def proc_mounted(root: Path) -> Iterator[None]:
    target = root / "proc"
    target.mkdir(exist_ok=True)
    subprocess.run(["mount", "-t", "proc", "proc", str(target)], check=True)
    try:
        yield
    finally:
        unmount_all(target)


def enter_private_namespace() -> None:
    """Re-run this command in a mount namespace of its own: its mounts end with it."""
    if os.environ.get(IN_NAMESPACE):
        return
    if os.geteuid() != 0:
        raise SystemExit("arm64: needs root (debootstrap, chroot, mount); run it as root or with sudo -n")
    env = dict(os.environ, **{IN_NAMESPACE: "1"})
    argv = ["unshare", "--mount", "--propagation", "private", sys.executable, *sys.argv]
    os.execvpe("unshare", argv, env)


@contextlib.contextmanager
def locked() -> Iterator[None]:
    BASE.mkdir(parents=True, exist_ok=True)
    with (BASE / "lock").open("w") as lock:
        started = time.monotonic()
        fcntl.flock(lock, fcntl.LOCK_EX)
        if (waited := time.monotonic() - started) > 1:
            log(f"waited {waited:.0f} s for another user of the userland")
        yield


def enable_binfmt() -> None:
    """Let the kernel run aarch64 binaries through qemu (no systemd here registers it)."""
    misc = Path("/proc/sys/fs/binfmt_misc")
    if not (misc / "status").exists():
        subprocess.run(["mount", "-t", "binfmt_misc", "binfmt_misc", str(misc)], check=True)
    entry = misc / "qemu-aarch64"
    if not entry.exists() or "enabled" not in entry.read_text():
        subprocess.run(["update-binfmts", "--enable", "qemu-aarch64"], check=True)
    if "enabled" not in entry.read_text():
        raise RuntimeError("qemu-aarch64 is not registered with binfmt_misc (Debian qemu-user-static)")


def _die_with_parent() -> None:
    """In a child, before exec: be killed when this script dies, even by SIGKILL (PR_SET_PDEATHSIG), so
    nothing keeps running in the root, or keeps this namespace's mounts alive, after it."""
    ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)


# -- inside the root -------------------------------------------------------------------------------
def chroot(
    root: Path, *command: str, env: dict[str, str] | None = None, check: bool = True, capture: bool = False
) -> subprocess.CompletedProcess[str]:
    """Run a command in the root with a clean environment (none of the host's PIP_*, PYTHONPATH...)."""
    clean = {
        "PATH": "/usr/local/bin:/usr/bin:/bin",
        "HOME": "/root",
        "LANG": "C.UTF-8",
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
        "PIP_ROOT_USER_ACTION": "ignore",
    }
    clean.update(env or {})
    return subprocess.run(
        ["chroot", str(root), "/usr/bin/env", "-i", *(f"{k}={v}" for k, v in clean.items()), *command],
        check=check,
        capture_output=capture,
        text=True,
        preexec_fn=_die_with_parent,
    )


def copy_host_files(root: Path) -> None:
    """What pip inside needs to reach the package index the way the host does."""
    for name in HOST_FILES:
        source = Path(name)
        if source.exists():
            target = root / name.lstrip("/")
            target.parent.mkdir(parents=True, exist_ok=True)
            with contextlib.suppress(FileNotFoundError):
                target.unlink()  # resolv.conf may be a dangling link in a fresh root
            shutil.copyfile(source, target)


def remove_tree(path: Path) -> None:
    if path.exists():
        unmount_all(path)
        shutil.rmtree(path)


def build_root() -> float:
    started = time.monotonic()
    partial = BASE / "root.partial"
    remove_tree(partial)
    remove_tree(ROOT)
    STAMP.unlink(missing_ok=True)
    mirror = debian_mirror()
    log(f"debootstrap {SUITE} arm64 from {mirror} (several minutes)")
    result = subprocess.run(
        [
            "debootstrap",
            "--arch=arm64",
            "--variant=minbase",
            f"--include={','.join(PACKAGES)}",
            SUITE,
            str(partial),
            mirror,
        ],
        check=False,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        preexec_fn=_die_with_parent,
    )
    if result.returncode != 0:
        log_file = partial / "debootstrap" / "debootstrap.log"
        detail = log_file.read_text()[-3000:] if log_file.exists() else ""
        raise RuntimeError(f"debootstrap failed:\n{result.stdout[-3000:]}\n{detail}")
    unmount_all(partial)  # debootstrap mounts /proc and /sys inside while it works
    partial.rename(ROOT)
    STAMP.write_text(json.dumps(root_recipe()))
    return time.monotonic() - started


def build_venv() -> float:
    started = time.monotonic()
    stamp = ROOT / VENV.lstrip("/") / "piassist-deps.json"
    shutil.rmtree(ROOT / VENV.lstrip("/"), ignore_errors=True)
    log(f"venv with PiAssist's dependencies in the arm64 root ({VENV}; a few minutes under emulation)")
    chroot(ROOT, "python3", "-m", "venv", VENV)
    chroot(
        ROOT,
        f"{VENV}/bin/python",
        "-m",
        "pip",
        "install",
        "--quiet",
        "--no-cache-dir",
        *dependencies(),
    )
    versions = installed_versions()
    if versions["PySide6-Essentials"] != BOOKWORM_PYSIDE:
        raise RuntimeError(
            f"pip picked PySide6-Essentials {versions['PySide6-Essentials']} on bookworm arm64"
        )
    stamp.write_text(json.dumps(venv_recipe()))
    return time.monotonic() - started


def installed_versions() -> dict[str, str]:
    code = (
        "import json, importlib.metadata as m, platform; print(json.dumps({'machine': platform.machine(), "
        "'PySide6-Essentials': m.version('PySide6-Essentials'), 'shiboken6': m.version('shiboken6')}))"
    )
    out = chroot(ROOT, f"{VENV}/bin/python", "-c", code, capture=True)
    versions: dict[str, str] = json.loads(out.stdout)
    return versions


def prepare() -> dict[str, float]:
    """Make the root and its venv when missing or built by another recipe; returns the seconds spent."""
    enable_binfmt()
    spent = {"root_seconds": 0.0, "venv_seconds": 0.0}
    if read_json(STAMP) != root_recipe() or not (ROOT / "usr/bin/python3").exists():
        spent["root_seconds"] = round(build_root(), 1)
    copy_host_files(ROOT)
    unmount_all(ROOT)  # a mount left by a killed run outside a namespace
    venv_stamp = ROOT / VENV.lstrip("/") / "piassist-deps.json"
    if read_json(venv_stamp) != venv_recipe():
        with proc_mounted(ROOT):
            spent["venv_seconds"] = round(build_venv(), 1)
    return spent


def check(wheel: Path, host: str, lang: str) -> tuple[int, dict[str, object]]:
    """Install the wheel in the root's venv and start the app there; returns the exit code and a report."""
    spent: dict[str, object] = dict(prepare())
    for stale in (ROOT / "tmp").glob("piassist-*"):  # left by a run that was killed
        shutil.rmtree(stale, ignore_errors=True)
    with proc_mounted(ROOT), tempfile.TemporaryDirectory(dir=ROOT / "tmp", prefix="piassist-") as work:
        inside = "/" + str(Path(work).relative_to(ROOT))
        shutil.copy(wheel, work)
        shutil.copy(HERE / "installed_check.py", work)
        started = time.monotonic()
        chroot(
            ROOT,
            f"{VENV}/bin/python",
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--force-reinstall",
            f"{inside}/{wheel.name}",
        )
        spent["install_seconds"] = round(time.monotonic() - started, 1)
        started = time.monotonic()
        env = {"QT_QPA_PLATFORM": "offscreen", "PIASSIST_HOME": f"{inside}/home"}
        result = chroot(
            ROOT,
            f"{VENV}/bin/python",
            f"{inside}/installed_check.py",
            "--host",
            host,
            "--lang",
            lang,
            env=env,
            check=False,
            capture=True,
        )
        spent["run_seconds"] = round(time.monotonic() - started, 1)
    lines = result.stdout.strip().splitlines()
    report = json.loads(lines[-1]) if lines and lines[-1].startswith("{") else None
    return result.returncode, {**spent, "report": report, "stderr": result.stderr[-4000:]}


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("prepare")
    sub.add_parser("info")
    run = sub.add_parser("check")
    run.add_argument("wheel", type=Path)
    run.add_argument("--host", required=True)
    run.add_argument("--lang", default="uk")
    args = parser.parse_args()
    if args.command == "info":
        print(json.dumps({"root": str(ROOT), "stamp": read_json(STAMP), "wanted": root_recipe()}))
        return 0
    wheel = args.wheel.resolve() if args.command == "check" else None
    enter_private_namespace()
    with locked():
        if wheel is None:
            print(json.dumps(prepare()), flush=True)
            return 0
        code, report = check(wheel, args.host, args.lang)
        print(json.dumps(report, ensure_ascii=False), flush=True)
        return code


if __name__ == "__main__":
    sys.exit(main())
