"""The mechanics under scripts/arm64_root.py: where things are inside a root, the Debian mirror, mounts
in a private mount namespace, binfmt_misc for qemu-aarch64, and running commands inside a root (chroot
with a clean environment, as root or as a user)."""

from __future__ import annotations

import contextlib
import ctypes
import os
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

HERE = Path(__file__).resolve().parent
PROJECT = HERE.parent
VENV = "/opt/piassist-venv"  # inside a root: PiAssist's dependencies
WHEELS = "/opt/piassist-wheels"  # inside a root: the same as wheels, with pip, setuptools and wheel
USER = "pi"  # the user install.sh runs as, made in the root, as on a Pi
IN_NAMESPACE = "PIASSIST_ARM64_NAMESPACE"
HOST_FILES = ("/etc/resolv.conf", "/etc/ssl/certs/ca-certificates.crt", "/etc/pip.conf")


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


@contextlib.contextmanager
def shm_mounted(root: Path) -> Iterator[None]:
    """A /dev/shm in the root that every user may write (wlroots and Wayland clients share buffers there)."""
    target = root / "dev" / "shm"
    target.mkdir(parents=True, exist_ok=True)
    subprocess.run(["mount", "-t", "tmpfs", "-o", "mode=1777,size=256m", "tmpfs", str(target)], check=True)
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
    # Run as `python -m scripts.x`, sys.argv[0] is the module's file: run again by its name, or
    # `from scripts import ...` inside it finds no package.
    spec = getattr(sys.modules["__main__"], "__spec__", None)
    command = ["-m", spec.name, *sys.argv[1:]] if spec is not None and spec.name else sys.argv
    argv = ["unshare", "--mount", "--propagation", "private", sys.executable, *command]
    os.execvpe("unshare", argv, env)


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


def die_with_parent() -> None:
    """In a child, before exec: be killed when this script dies, even by SIGKILL (PR_SET_PDEATHSIG), so
    nothing keeps running in the root, or keeps this namespace's mounts alive, after it."""
    ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)


def chroot(
    root: Path,
    *command: str,
    env: dict[str, str] | None = None,
    check: bool = True,
    capture: bool = False,
    user: tuple[int, int] | None = None,
    input_text: str | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run a command in the root with a clean environment (none of the host's PIP_*, PYTHONPATH...), as
    root or as `user` (uid, gid: numbers, so that no name is looked up on the wrong side of the chroot)."""
    clean = {
        "PATH": "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
        "HOME": "/root",
        "LANG": "C.UTF-8",
        "PIP_DISABLE_PIP_VERSION_CHECK": "1",
        "PIP_ROOT_USER_ACTION": "ignore",
    }
    clean.update(env or {})
    return subprocess.run(
        [
            "chroot",
            *([f"--userspec={user[0]}:{user[1]}", f"--groups={user[1]}"] if user else []),
            str(root),
            "/usr/bin/env",
            "-i",
            *(f"{k}={v}" for k, v in clean.items()),
            *command,
        ],
        check=check,
        capture_output=capture,
        input=input_text,
        text=True,
        preexec_fn=die_with_parent,
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
