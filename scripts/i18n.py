#!/usr/bin/env python3
"""Translations: `update` re-reads the sources into translations/*.ts; `compile` builds the .qm files;
`missing` lists the entries still unfinished as JSON; `fill LANG FILE.json` sets translations from such a
file ({context: {source: text, or a list of plural forms}}; the context "*" applies to every context);
`export FILE.ts` prints a .ts file's finished entries in that form (to carry translations across a merge:
take one side's .ts, `update`, then `fill` with the other side's export).

The .ts files are the sources (edit them with pyside6-linguist); the .qm files are built, never committed.
English keeps only the plural forms (-pluralonly): its other texts are the source texts themselves.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

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


def missing() -> dict[str, dict[str, dict[str, str]]]:
    """{lang: {context: {source: ""}}} for every unfinished entry: a skeleton to fill in."""
    found: dict[str, dict[str, dict[str, str]]] = {}
    for lang in LANGUAGES:
        root = ET.parse(TS_DIR / f"piassist_{lang}.ts").getroot()
        for context in root.iter("context"):
            name = context.findtext("name", "")
            for message in context.iter("message"):
                translation = message.find("translation")
                if translation is not None and translation.get("type") == "unfinished":
                    found.setdefault(lang, {}).setdefault(name, {})[message.findtext("source", "")] = ""
    return found


def export(ts_file: Path) -> dict[str, dict[str, Any]]:
    table: dict[str, dict[str, Any]] = {}
    for context in ET.parse(ts_file).getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            translation = message.find("translation")
            if translation is None or translation.get("type") in ("unfinished", "obsolete", "vanished"):
                continue
            forms = [form.text or "" for form in translation.iter("numerusform")]
            value: Any = forms if message.get("numerus") == "yes" else (translation.text or "")
            if value:
                table.setdefault(name, {})[message.findtext("source", "")] = value
    return table


def fill(lang: str, table: dict[str, dict[str, Any]]) -> list[tuple[str, str]]:
    """Write the table's texts into the language's .ts; returns the entries it left unfinished."""
    path = TS_DIR / f"piassist_{lang}.ts"
    tree = ET.parse(path)
    left: list[tuple[str, str]] = []
    for context in tree.getroot().iter("context"):
        name = context.findtext("name", "")
        for message in context.iter("message"):
            source = message.findtext("source", "")
            translation = message.find("translation")
            assert translation is not None
            value = table.get(name, {}).get(source, table.get("*", {}).get(source))
            if not value:
                if translation.get("type") == "unfinished":
                    left.append((name, source))
                continue
            for child in list(translation):
                translation.remove(child)
            if message.get("numerus") == "yes":
                translation.text = None
                for form in value:
                    ET.SubElement(translation, "numerusform").text = form
            else:
                translation.text = value
            translation.attrib.pop("type", None)
    write_like_lupdate(tree, path)
    return left


def write_like_lupdate(tree: ET.ElementTree, path: Path) -> None:
    """Write a .ts file in the layout pyside6-lupdate itself writes (contexts at the margin, four spaces
    a level, quotes escaped), so that `fill` after `update` changes only the entries it fills and merges
    of the .ts files stay small."""
    root = tree.getroot()
    root.text = "\n"
    for context in root:
        ET.indent(context, space="    ")
        context.tail = "\n"
    text = ET.tostring(root, encoding="unicode").replace("'", "&apos;")
    text = re.sub(r">([^<]*)<", lambda m: ">" + m.group(1).replace('"', "&quot;") + "<", text)
    path.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE TS>\n' + text + "\n", encoding="utf-8")


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    if command == "update":
        update()
    elif command == "compile":
        for path in compile_qm():
            print(path)
    elif command == "missing":
        print(json.dumps(missing(), ensure_ascii=False, indent=1))
    elif command == "export" and len(sys.argv) == 3:
        print(json.dumps(export(Path(sys.argv[2])), ensure_ascii=False, indent=1))
    elif command == "fill" and len(sys.argv) == 4:
        for context, source in fill(sys.argv[2], json.loads(Path(sys.argv[3]).read_text(encoding="utf-8"))):
            print(f"still unfinished: {context}: {source!r}")
    else:
        raise SystemExit("usage: i18n.py update | compile | missing | fill LANG FILE.json | export FILE.ts")
