"""The translations are complete, consistent with the sources, and load."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QTranslator

from piassist import paths

ROOT = Path(__file__).resolve().parents[2]
TS_FILES = sorted((ROOT / "translations").glob("piassist_*.ts"))
PLACEHOLDER = re.compile(r"%(?:n|L?\d)")
PLURAL_FORMS = {"en": 2, "uk": 3}


def messages(ts: Path) -> list[tuple[str, ET.Element]]:
    root = ET.parse(ts).getroot()
    return [(ctx.findtext("name") or "", msg) for ctx in root.iter("context") for msg in ctx.iter("message")]


def test_both_languages_exist() -> None:
    assert [p.name for p in TS_FILES] == ["piassist_en.ts", "piassist_uk.ts"]


@pytest.mark.parametrize("ts", TS_FILES, ids=lambda p: p.stem)
def test_every_entry_is_finished_and_keeps_its_placeholders(ts: Path) -> None:
    lang = ts.stem.split("_")[1]
    problems = []
    for context, msg in messages(ts):
        source = msg.findtext("source") or ""
        translation = msg.find("translation")
        assert translation is not None
        kind = translation.get("type")
        if kind in ("unfinished", "obsolete", "vanished"):
            problems.append(f"{context}: {source!r} is {kind}")
            continue
        if msg.get("numerus") == "yes":
            forms = [f.text or "" for f in translation.iter("numerusform")]
            if len(forms) != PLURAL_FORMS[lang]:
                problems.append(
                    f"{context}: {source!r} has {len(forms)} plural forms, {lang} needs {PLURAL_FORMS[lang]}"
                )
        else:
            forms = [translation.text or ""]
        for form in forms:
            if not form.strip():
                problems.append(f"{context}: {source!r} has an empty translation")
            elif sorted(PLACEHOLDER.findall(form)) != sorted(PLACEHOLDER.findall(source)):
                problems.append(f"{context}: {source!r} → {form!r}: placeholders differ")
    assert not problems, "\n".join(problems)


def test_ts_files_match_the_sources(tmp_path: Path) -> None:
    """Every tr() text in the code is in the .ts files, and nothing else is (run `make translations`)."""
    lupdate = Path(sys.executable).parent / "pyside6-lupdate"
    tool = str(lupdate) if lupdate.exists() else shutil.which("pyside6-lupdate")
    assert tool, "pyside6-lupdate is part of PySide6-Essentials"
    fresh = tmp_path / "fresh.ts"
    sources = sorted(str(p) for p in (ROOT / "piassist").rglob("*.py"))
    subprocess.run([tool, "-silent", "-locations", "none", *sources, "-ts", str(fresh)], check=True)
    wanted = {(c, m.findtext("source")) for c, m in messages(fresh)}
    for ts in TS_FILES:
        have = {(c, m.findtext("source")) for c, m in messages(ts)}
        if ts.stem.endswith("_en"):  # English keeps only the plural forms
            wanted_here = {
                (c, s) for c, m in messages(fresh) for s in [m.findtext("source")] if m.get("numerus")
            }
        else:
            wanted_here = wanted
        assert have == wanted_here, f"{ts.name}: missing {wanted_here - have}, extra {have - wanted_here}"


def test_compiled_translations_load_and_translate() -> None:
    translator = QTranslator()
    assert translator.load("piassist_uk", str(paths.translations_dir()))
    assert translator.translate("MainWindow", "Models") == "Моделі"
    assert translator.translate("ModelsPage", "%n model(s)", "", 5) == "%n моделей"
    assert translator.translate("ModelsPage", "%n model(s)", "", 2) == "%n моделі"
    assert translator.translate("ModelsPage", "%n model(s)", "", 21) == "%n модель"
