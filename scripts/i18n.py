#!/usr/bin/env python3
"""Translations: `update` re-reads the sources into translations/*.ts; `compile` builds the .qm files.

The .ts files are the sources (edit them with pyside6-linguist); the .qm files are built, never committed.
English keeps only the plural forms (-pluralonly): its other texts are the source texts themselves.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "piassist"
TS_DIR = ROOT / "translations"
QM_DIR = PACKAGE / "i18n"
LANGUAGES = ("en", "uk")


def tool(name: str) -> str:
    here = Path(sys.executable).parent / name
    found = str(here) if here.exists() else shutil.which(name)
    if not found:
        raise SystemExit(f"{name} not found: install the project's venv first (make setup)")
    return found


def sources() -> list[str]:
    return sorted(str(p.relative_to(ROOT)) for p in PACKAGE.rglob("*.py"))


def update() -> None:
    for lang in LANGUAGES:
        ts = TS_DIR / f"piassist_{lang}.ts"
        extra = ["-pluralonly"] if lang == "en" else []
        subprocess.run(
            [
                tool("pyside6-lupdate"),
                "-no-obsolete",
                "-locations",
                "none",
                *extra,
                *sources(),
                "-target-language",
                lang,
                "-ts",
                str(ts.relative_to(ROOT)),
            ],
            check=True,
            cwd=ROOT,
        )


def compile_qm(out_dir: Path = QM_DIR) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    built = []
    for lang in LANGUAGES:
        qm = out_dir / f"piassist_{lang}.qm"
        subprocess.run(
            [tool("pyside6-lrelease"), "-silent", str(TS_DIR / f"piassist_{lang}.ts"), "-qm", str(qm)],
            check=True,
        )
        built.append(qm)
    return built


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    if command == "update":
        update()
    elif command == "compile":
        for path in compile_qm():
            print(path)
    else:
        raise SystemExit("usage: i18n.py update|compile")
