#!/usr/bin/env python3
"""Debian arm64 userlands (what Pi OS Bookworm and Pi OS Trixie are) run through qemu-user-static, for the
arm64 install tests.

Built once per Debian release with debootstrap from Debian's packages and cached outside the clone, next
to the Ollama build:

    $PIASSIST_CACHE (default ~/.cache/piassist-dev)/arm64-bookworm/   (and arm64-trixie/, the same)
      root/                       the userland; root/opt/piassist-venv holds PiAssist's dependencies
      root.stamp.json             the recipe it was built with: a different recipe rebuilds it
      root/var/lib/piassist-extras.json   the packages packaging/install.sh wants, pipx, and a user `pi`,
                                  added with apt inside the root (a layer of its own, so that adding it
                                  to an existing root does not rebuild the root)
      root/opt/piassist-wheels/   PiAssist's dependencies as wheels for that Python and machine, with
                                  pip, setuptools and wheel: install.sh's offline install (--find-links)
      lock                        one user of the userland at a time (helpers and CI share the cache)

CLI (as root, or through `sudo -n`); --suite bookworm (the default) or trixie:
    arm64_root.py [--suite S] prepare        build what is missing or stale; prints a JSON line of timings
    arm64_root.py [--suite S] check WHEEL --host H:P
                                             install the wheel (--no-deps) in the venv, start the app there
                                             (scripts/installed_check.py); prints a JSON line with its report
    arm64_root.py [--suite S] install-sh WHEEL --host H:P
                                             packaging/install.sh as the user `pi` in a fresh home, offline
                                             (scripts/arm64_install.py); prints a JSON line with its report
    arm64_root.py [--suite S] info           where things are and whether they are ready

Every mount (/proc) is made in a private mount namespace of this process (util-linux `unshare`), so none
outlives it, even when it is killed; a check for stale mounts is a second line of defence
(scripts/arm64_chroot.py).
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import time
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from scripts import arm64_install
from scripts.arm64_chroot import (
    PROJECT,
    USER,
    VENV,
    WHEELS,
    chroot,
    copy_host_files,
    debian_mirror,
    die_with_parent,
    enable_binfmt,
    enter_private_namespace,
    proc_mounted,
    remove_tree,
    unmount_all,
)

CACHE = Path(
    os.environ.get("PIASSIST_CACHE")
    or Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "piassist-dev"
)
EXTRAS_STAMP = "var/lib/piassist-extras.json"  # inside the root
# Bump RECIPE when the way the root is made changes; the packages are part of the stamp by themselves.
RECIPE = 1
# Bump EXTRAS_RECIPE when the way the extras layer or the wheels are made changes.
EXTRAS_RECIPE = 1
COMMON_PACKAGES = ("python3", "python3-venv", "python3-pip", "libgl1", "libegl1", "libxkbcommon0")


@dataclass(frozen=True)
class Suite:
    """One Debian release as the arm64 userland of one Pi OS release."""

    name: str
    packages: tuple[str, ...]
    python: str  # the major.minor Debian ships, as Pi OS does
    pyside: str | None  # the PySide6-Essentials pip must pick there; None: the newest pip allows
    arch: str = "arm64"
    desktop: tuple[str, ...] = ()  # more Debian packages for the extras layer (Wayland compositors)

    @property
    def base(self) -> Path:
        return CACHE / f"{self.arch}-{self.name}"

    @property
    def root(self) -> Path:
        return self.base / "root"

    @property
    def stamp(self) -> Path:
        return self.base / "root.stamp.json"


SUITES = {
    # Pi OS Bookworm: Debian 12, glibc 2.36, Python 3.11; the newest PySide6 for aarch64 there is 6.8.0.2.
    "bookworm": Suite(
        "bookworm",
        (*COMMON_PACKAGES, "libfontconfig1", "libdbus-1-3", "libglib2.0-0", "fonts-dejavu-core"),
        "3.11",
        "6.8.0.2",
    ),
    # Pi OS Trixie: Debian 13, Python 3.13; glib's package carries the 64-bit time_t suffix there
    # (debootstrap stops on the old name).
    "trixie": Suite(
        "trixie",
        (*COMMON_PACKAGES, "libfontconfig1", "libdbus-1-3", "libglib2.0-0t64", "fonts-dejavu-core"),
        "3.13",
        None,
    ),
    # Not a Pi: Debian 13 on this machine's own architecture (no emulation), with the Wayland compositors
    # a Pi OS Trixie kiosk may run (cage 0.2, labwc 0.8; bookworm's cage 0.1.4 has no virtual keyboard,
    # so no test could type into it): the Wayland kiosk test runs there (tests/session).
    "trixie-amd64": Suite(
        "trixie",
        (*COMMON_PACKAGES, "libfontconfig1", "libdbus-1-3", "libglib2.0-0t64", "fonts-dejavu-core"),
        "3.13",
        None,
        arch="amd64",
        desktop=("cage", "labwc"),
    ),
}


def log(message: str) -> None:
    print(f"arm64: {message}", file=sys.stderr, flush=True)


def dependencies() -> list[str]:
    """PiAssist's runtime requirements, as pyproject.toml declares them."""
    with (PROJECT / "pyproject.toml").open("rb") as f:
        return list(tomllib.load(f)["project"]["dependencies"])


def install_sh_packages() -> list[str]:
    """The Debian packages packaging/install.sh installs when they are missing (its QT_PACKAGES), and pipx."""
    text = (PROJECT / "packaging" / "install.sh").read_text()
    match = re.search(r"^QT_PACKAGES=\((.*?)\)", text, re.MULTILINE | re.DOTALL)
    if match is None:
        raise RuntimeError("packaging/install.sh no longer lists QT_PACKAGES")
    return [*match.group(1).split(), "pipx"]


def root_recipe(suite: Suite) -> dict[str, object]:
    return {"recipe": RECIPE, "suite": suite.name, "packages": list(suite.packages)}


def venv_recipe() -> dict[str, object]:
    digest = hashlib.sha256("\n".join(dependencies()).encode()).hexdigest()[:16]
    return {"recipe": RECIPE, "dependencies": digest}


def extras_recipe(suite: Suite) -> dict[str, object]:
    return {"recipe": EXTRAS_RECIPE, "packages": [*install_sh_packages(), *suite.desktop], "user": USER}


def wheels_recipe() -> dict[str, object]:
    return {"recipe": EXTRAS_RECIPE, **venv_recipe()}


def read_json(path: Path) -> object:
    try:
        return json.loads(path.read_text())
    except (OSError, ValueError):
        return None


@contextlib.contextmanager
def locked(suite: Suite) -> Iterator[None]:
    suite.base.mkdir(parents=True, exist_ok=True)
    with (suite.base / "lock").open("w") as lock:
        started = time.monotonic()
        fcntl.flock(lock, fcntl.LOCK_EX)
        if (waited := time.monotonic() - started) > 1:
            log(f"waited {waited:.0f} s for another user of the userland")
        yield


def build_root(suite: Suite) -> float:
    started = time.monotonic()
    partial = suite.base / "root.partial"
    remove_tree(partial)
    remove_tree(suite.root)
    suite.stamp.unlink(missing_ok=True)
    mirror = debian_mirror()
    log(f"debootstrap {suite.name} {suite.arch} from {mirror} (several minutes)")
    result = subprocess.run(
        [
            "debootstrap",
            f"--arch={suite.arch}",
            "--variant=minbase",
            f"--include={','.join(suite.packages)}",
            suite.name,
            str(partial),
            mirror,
        ],
        check=False,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        preexec_fn=die_with_parent,
    )
    if result.returncode != 0:
        log_file = partial / "debootstrap" / "debootstrap.log"
        detail = log_file.read_text()[-3000:] if log_file.exists() else ""
        raise RuntimeError(f"debootstrap failed:\n{result.stdout[-3000:]}\n{detail}")
    unmount_all(partial)  # debootstrap mounts /proc and /sys inside while it works
    partial.rename(suite.root)
    suite.stamp.write_text(json.dumps(root_recipe(suite)))
    return time.monotonic() - started


def build_extras(suite: Suite) -> float:
    """What packaging/install.sh wants from Debian (so that it finds them all there), and the user `pi`."""
    started = time.monotonic()
    root = suite.root
    packages = [*install_sh_packages(), *suite.desktop]
    log(f"apt-get install in the {suite.name} root: {' '.join(packages)}")
    env = {"DEBIAN_FRONTEND": "noninteractive"}
    chroot(root, "apt-get", "update", "-qq", env=env)
    chroot(root, "apt-get", "install", "-y", "-qq", "--no-install-recommends", *packages, env=env)
    chroot(root, "apt-get", "clean")
    if chroot(root, "id", "-u", USER, check=False, capture=True).returncode != 0:
        chroot(root, "useradd", "--create-home", "--shell", "/bin/bash", USER)
    (root / EXTRAS_STAMP).write_text(json.dumps(extras_recipe(suite)))
    return time.monotonic() - started


def build_wheels(suite: Suite) -> float:
    """PiAssist's dependencies (and pip, setuptools, wheel, which pipx puts in its shared venv) downloaded
    as wheels for the root's Python and machine: the offline source for install.sh and for the venv."""
    started = time.monotonic()
    folder = suite.root / WHEELS.lstrip("/")
    shutil.rmtree(folder, ignore_errors=True)
    log(f"pip download in the {suite.name} root ({WHEELS})")
    chroot(suite.root, "python3", "-m", "venv", "/tmp/piassist-download")
    chroot(
        suite.root,
        "/tmp/piassist-download/bin/python",
        "-m",
        "pip",
        "download",
        "--quiet",
        "--no-cache-dir",
        "--only-binary=:all:",
        "--dest",
        WHEELS,
        *dependencies(),
        "pip",
        "setuptools",
        "wheel",
    )
    shutil.rmtree(suite.root / "tmp" / "piassist-download")
    (folder / "piassist-wheels.json").write_text(json.dumps(wheels_recipe()))
    return time.monotonic() - started


def build_venv(suite: Suite) -> float:
    started = time.monotonic()
    root = suite.root
    stamp = root / VENV.lstrip("/") / "piassist-deps.json"
    shutil.rmtree(root / VENV.lstrip("/"), ignore_errors=True)
    log(f"venv with PiAssist's dependencies in the {suite.name} root ({VENV}; minutes under emulation)")
    chroot(root, "python3", "-m", "venv", VENV)
    chroot(
        root,
        f"{VENV}/bin/python",
        "-m",
        "pip",
        "install",
        "--quiet",
        "--no-cache-dir",
        "--no-index",
        "--find-links",
        WHEELS,
        *dependencies(),
    )
    versions = installed_versions(suite)
    if suite.pyside is not None and versions["PySide6-Essentials"] != suite.pyside:
        raise RuntimeError(
            f"pip picked PySide6-Essentials {versions['PySide6-Essentials']} on {suite.name} arm64"
        )
    stamp.write_text(json.dumps(venv_recipe()))
    return time.monotonic() - started


def installed_versions(suite: Suite) -> dict[str, str]:
    code = (
        "import json, importlib.metadata as m, platform; print(json.dumps({'machine': platform.machine(), "
        "'PySide6-Essentials': m.version('PySide6-Essentials'), 'shiboken6': m.version('shiboken6')}))"
    )
    out = chroot(suite.root, f"{VENV}/bin/python", "-c", code, capture=True)
    versions: dict[str, str] = json.loads(out.stdout)
    return versions


def prepare(suite: Suite) -> dict[str, float]:
    """Make what is missing or was made by another recipe: the root, the extras layer, the wheels, the
    venv. Returns the seconds spent on each."""
    if suite.arch == "arm64":
        enable_binfmt()
    root = suite.root
    spent = {"root_seconds": 0.0, "extras_seconds": 0.0, "wheels_seconds": 0.0, "venv_seconds": 0.0}
    if read_json(suite.stamp) != root_recipe(suite) or not (root / "usr/bin/python3").exists():
        spent["root_seconds"] = round(build_root(suite), 1)
    copy_host_files(root)
    unmount_all(root)  # a mount left by a killed run outside a namespace
    with proc_mounted(root):
        if read_json(root / EXTRAS_STAMP) != extras_recipe(suite):
            spent["extras_seconds"] = round(build_extras(suite), 1)
        if read_json(root / WHEELS.lstrip("/") / "piassist-wheels.json") != wheels_recipe():
            spent["wheels_seconds"] = round(build_wheels(suite), 1)
        if read_json(root / VENV.lstrip("/") / "piassist-deps.json") != venv_recipe():
            spent["venv_seconds"] = round(build_venv(suite), 1)
    return spent


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--suite", choices=sorted(SUITES), default="bookworm")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("prepare")
    sub.add_parser("info")
    for name in ("check", "install-sh"):
        command = sub.add_parser(name)
        command.add_argument("wheel", type=Path)
        command.add_argument("--host", required=True)
        command.add_argument("--lang", default="uk")
    args = parser.parse_args()
    suite = SUITES[args.suite]
    if args.command == "info":
        print(
            json.dumps(
                {"root": str(suite.root), "stamp": read_json(suite.stamp), "wanted": root_recipe(suite)}
            )
        )
        return 0
    wheel = args.wheel.resolve() if args.command != "prepare" else None
    enter_private_namespace()
    with locked(suite):
        if wheel is None:
            print(json.dumps(prepare(suite)), flush=True)
            return 0
        spent = prepare(suite)
        step = arm64_install.install_sh if args.command == "install-sh" else arm64_install.check
        code, report = step(suite.root, wheel, args.host, args.lang)
        print(json.dumps({**spent, **report}, ensure_ascii=False), flush=True)
        return code


if __name__ == "__main__":
    sys.exit(main())
