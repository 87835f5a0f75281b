"""In Ukrainian, no page, state, dialog or menu shows English (tests/i18n/tour.py visits them all): nothing
equal to (or holding a sentence of) an English text the app can show (the sources of
translations/piassist_uk.ts and the English plural forms), and no Latin word at all but a few proper names
and the server's data (model names, the model's answers, raw error texts kept for experts)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from piassist import paths
from piassist.app import PiAssist
from piassist.core.get_models.catalog import load_catalog
from tests.helpers.fakes import FakeServer
from tests.i18n.tour import DATA_TEXTS, OFFSCREEN_LIMITS, Tour
from tests.i18n.walk import plain, visible_texts

pytestmark = OFFSCREEN_LIMITS
ROOT = Path(__file__).resolve().parents[2]
PLACEHOLDER = re.compile(r"%L?(?:n|\d)")
SENTENCE_END = re.compile(r"(?<=[.!?…:;])\s+")
LATIN_WORD = re.compile(r"(?<![\w.])[A-Za-z]{2,}(?![\w])")
# A token holding a digit or one of these is data (a model name, an address, a version, a file type).
DATA_TOKEN = re.compile(r"\S*(?:\d|[:/._@<>{}|=\\*])\S*")

# A number written as English writes it: a decimal point (Ukrainian writes a comma), or a count with
# a Latin letter for its unit ("268M", "1.5B"). Versions and addresses (more than one point) are data.
ENGLISH_NUMBER = re.compile(r"(?<![\w.])\d+\.\d+(?![\w.])|(?<![\w.,])\d+(?:[.,]\d+)?[KMB](?!\w)")

# The file dialog's names of files and places (Qt's own dialog, offscreen; on a desktop it may be the
# desktop's) are the disk's; the type, size and date beside each name are the interface's.
FILE_LISTS = re.compile(r"^(QFileDialog|exportDialog)/.*/(sidebar/|listView/|treeView/(cell|tip)\[\d+,0\])")

# Texts Ukrainian writes exactly as English does; any other Ukrainian translation equal to its source is
# an error (an English text copied into the Ukrainian file).
SAME_IN_UKRAINIAN = {
    "PiAssist",  # the program's name
    "Ollama %1 · %2",  # the server's name, its version and address
    "%1 °C",  # a number and a unit symbol
    ", ",  # a list separator
}
# Latin words a Ukrainian interface keeps: proper names, names of file formats and keys, Ollama's file,
# Qt's own Ukrainian "OK" (qtbase_uk.qm keeps it), and "English" in the language menu and choice (each
# language is named in itself, so that a person finds their own in any interface language).
LATIN_WORDS_KEPT = {
    "English",
    "Ollama",
    "PiAssist",
    "Raspberry",
    "Pi",
    "Markdown",
    "JSON",
    "Modelfile",
    "Enter",
    "Shift",
    "Esc",
    "Ctrl",
    "Alt",
    "Delete",
    "Del",
    "Tab",
    "OK",
}


def _messages(ts: Path) -> list[tuple[ET.Element, list[str]]]:
    root = ET.parse(ts).getroot()
    found = []
    for message in root.iter("message"):
        translation = message.find("translation")
        assert translation is not None
        forms = [f.text or "" for f in translation.iter("numerusform")] or [translation.text or ""]
        found.append((message, forms))
    return found


@cache
def english_texts() -> tuple[str, ...]:
    """Every English text the app can show: the sources whose Ukrainian differs, and English plurals."""
    texts: set[str] = set()
    copied = []
    for message, forms in _messages(ROOT / "translations" / "piassist_uk.ts"):
        source = message.findtext("source") or ""
        if source in forms:
            copied.append(source)
            continue
        texts.add(plain(source))
    for _message, forms in _messages(ROOT / "translations" / "piassist_en.ts"):
        texts.update(plain(f) for f in forms if f)
    assert set(copied) <= SAME_IN_UKRAINIAN, f"Ukrainian translations equal to English: {copied}"
    return tuple(sorted(texts))


def _pattern(text: str) -> str:
    parts = PLACEHOLDER.split(text)
    return "(?:.+?)".join(re.escape(p) for p in parts)


@cache
def english_patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """(whole, sentence): a text that is all English (placeholders filled in any way), and one that holds
    a whole English sentence of three words or more."""
    whole = [_pattern(t) for t in english_texts() if re.search(r"[A-Za-z]{2,}", t)]
    sentences = {
        _pattern(s)
        for t in english_texts()
        for s in SENTENCE_END.split(t)
        if len(re.findall(r"[A-Za-z]{2,}", PLACEHOLDER.sub("", s))) >= 3
    }
    return (
        re.compile("|".join(f"(?:{p})" for p in whole), re.DOTALL),
        re.compile("|".join(f"(?:{p})" for p in sorted(sentences)), re.DOTALL),
    )


def data_phrases(server: FakeServer) -> list[re.Pattern[str]]:
    """The server's words: model names, families, titles, its raw errors, the model's answers."""
    catalog = load_catalog(paths.resources_dir() / "catalog.json")
    phrases: set[str] = {line.strip() for text in DATA_TEXTS for line in text.splitlines() if line.strip()}
    for entry in catalog:
        phrases.update((entry.name, entry.title))
    for model in server.models:
        # (not its parameter count: the interface writes it as a number in the interface's format)
        phrases.update((model.name, model.family, model.quantization))
    for details in server.details.values():
        phrases.update(line for line in (details.parameters + "\n" + details.template).splitlines() if line)
    return [re.compile(rf"(?<!\w){re.escape(p)}(?!\w)") for p in sorted(phrases, key=len, reverse=True) if p]


def problems_in(texts: dict[str, str], data: Iterable[re.Pattern[str]]) -> list[str]:
    whole, sentence = english_patterns()
    found = []
    for path, raw in texts.items():
        if FILE_LISTS.search(path):
            continue  # names of files and folders
        text = plain(raw).strip()
        if whole.fullmatch(text):
            found.append(f"{path}: “{text}” is English")
            continue
        match = sentence.search(text)
        if match:
            found.append(f"{path}: “{text}” holds the English “{match.group(0)}”")
            continue
        rest = text
        for phrase in data:
            rest = phrase.sub(" ", rest)
        number = ENGLISH_NUMBER.search(rest)
        if number:
            found.append(f"{path}: “{text}” writes the number “{number.group(0)}” the English way")
            continue
        rest = DATA_TOKEN.sub(" ", rest)
        words = [w for w in LATIN_WORD.findall(rest) if w not in LATIN_WORDS_KEPT]
        if words:
            found.append(f"{path}: “{text}” has the Latin words {words}")
    return found


def test_the_english_texts_are_read_from_the_translations() -> None:
    whole, sentence = english_patterns()
    assert whole.fullmatch("Installed models")
    assert whole.fullmatch("Delete smollm2:135m? This frees 1 GB on the disk.")
    assert whole.fullmatch("3 models") and whole.fullmatch("1 model")  # English plurals, numbers filled in
    assert sentence.search("Помилка. Wait a moment and try again.")
    for english in ("268.10M", "розмір 1.5", "1,5B"):
        assert ENGLISH_NUMBER.search(english), english
    for ukrainian in ("268,1 млн", "Ollama 0.24.0", "127.0.0.1:11434", "81,2 °C"):
        assert not ENGLISH_NUMBER.search(ukrainian), ukrainian
    assert not whole.fullmatch("Встановлені моделі") and not whole.fullmatch("PiAssist")


def test_ukrainian_everywhere(
    make_app: Callable[..., PiAssist],
    run: Callable[..., Any],
    server: FakeServer,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    data = data_phrases(server)
    problems: list[str] = []
    seen: set[str] = set()
    checked = 0
    for scene in Tour(make_app, run, server, monkeypatch, tmp_path).scenes("uk"):
        for window in scene.windows:
            texts = visible_texts(window)
            checked += len(texts)
            seen.update(texts.values())
            problems += [f"[{scene.name}] {p}" for p in problems_in(texts, data)]
    print(f"{checked} texts checked ({len(seen)} different)")
    assert len(seen) > 300  # the tour did reach every page and dialog
    assert not problems, "English in the Ukrainian interface:\n" + "\n".join(dict.fromkeys(problems))
