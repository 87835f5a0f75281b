"""Wheels of PiAssist's dependencies, packed again from the project's venv, so that an install test runs
without the network (pip --no-index --find-links).

pip keeps each installed distribution's file list with hashes (its .dist-info/RECORD) and the wheel's tags
(.dist-info/WHEEL), so the files the wheel installed into site-packages can be zipped back into an
equivalent wheel. Scripts outside site-packages and compiled .pyc files are left out: pip makes them again.
The wheels are stored uncompressed (PySide6 alone is hundreds of megabytes): quicker to write and to read.
"""

from __future__ import annotations

import base64
import hashlib
import re
import zipfile
from email.parser import HeaderParser
from importlib import metadata
from pathlib import Path

from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

SKIPPED_IN_DIST_INFO = {"RECORD", "INSTALLER", "REQUESTED", "direct_url.json"}


def dependencies(name: str) -> list[metadata.Distribution]:
    """The installed distributions `name` needs at run time, all the way down (not `name` itself)."""
    env = default_environment()
    found: dict[str, metadata.Distribution] = {}
    todo = [name]
    while todo:
        dist = metadata.distribution(todo.pop())
        for text in dist.requires or []:
            req = Requirement(text)
            if req.marker and not req.marker.evaluate({**env, "extra": ""}):
                continue
            key = canonicalize_name(req.name)
            if key not in found:
                found[key] = metadata.distribution(req.name)
                todo.append(req.name)
    return list(found.values())


def _tags(dist: metadata.Distribution) -> str:
    wheel = HeaderParser().parsestr(dist.read_text("WHEEL") or "")
    pythons: list[str] = []
    abis: list[str] = []
    platforms: list[str] = []
    for tag in wheel.get_all("Tag") or []:
        for part, seen in zip(tag.split("-"), (pythons, abis, platforms), strict=True):
            if part not in seen:
                seen.append(part)
    return "-".join(".".join(parts) for parts in (pythons, abis, platforms))


def repack(dist: metadata.Distribution, folder: Path) -> Path:
    name = re.sub(r"[^\w.]+", "_", dist.metadata["Name"]).replace(".", "_")
    wheel_path = folder / f"{name}-{dist.version}-{_tags(dist)}.whl"
    if wheel_path.exists():
        return wheel_path
    partial = wheel_path.with_suffix(".partial")
    record: list[str] = []
    record_name = ""
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_STORED) as wheel:
        for file in dist.files or []:
            member = file.as_posix()
            if member.startswith("..") or member.endswith(".pyc"):
                continue
            top, _, rest = member.partition("/")
            if top.endswith(".dist-info") and rest in SKIPPED_IN_DIST_INFO:
                record_name = record_name or f"{top}/RECORD"
                continue
            data = Path(str(dist.locate_file(file))).read_bytes()
            wheel.writestr(member, data)
            digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
            record.append(f"{member},sha256={digest},{len(data)}")
        record.append(f"{record_name},,")
        wheel.writestr(record_name, "\n".join(record) + "\n")
    partial.replace(wheel_path)
    return wheel_path


def build(name: str, folder: Path, also: tuple[str, ...] = ()) -> list[Path]:
    """Wheels of everything `name` needs, and of the distributions `also` names with what they need."""
    folder.mkdir(parents=True, exist_ok=True)
    wanted = {canonicalize_name(d.metadata["Name"]): d for d in dependencies(name)}
    for other in also:
        for dist in [metadata.distribution(other), *dependencies(other)]:
            wanted.setdefault(canonicalize_name(dist.metadata["Name"]), dist)
    return [repack(dist, folder) for dist in wanted.values()]


def with_version(wheel_path: Path, version: str, folder: Path) -> Path:
    """A copy of PiAssist's wheel that says it is `version` (package, metadata, file name): an upgrade to
    install over the real one."""
    old = wheel_path.name.split("-")[1]
    target = folder / wheel_path.name.replace(f"-{old}-", f"-{version}-")
    record: list[str] = []
    with zipfile.ZipFile(wheel_path) as source, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as copy:
        record_name = ""
        for info in source.infolist():
            member = info.filename.replace(f"-{old}.dist-info/", f"-{version}.dist-info/")
            if member.endswith(".dist-info/RECORD"):
                record_name = member
                continue
            data = source.read(info)
            if member in ("piassist/__init__.py",) or member.endswith(".dist-info/METADATA"):
                data = data.replace(f'"{old}"'.encode(), f'"{version}"'.encode())
                data = data.replace(f"Version: {old}\n".encode(), f"Version: {version}\n".encode())
            copy.writestr(member, data)
            digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
            record.append(f"{member},sha256={digest},{len(data)}")
        record.append(f"{record_name},,")
        copy.writestr(record_name, "\n".join(record) + "\n")
    return target
