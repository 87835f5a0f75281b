"""PiAssist's offline help pages (resources/help/NAME.LANGUAGE.html): read in the interface language, in
English when that language has none. No Qt here; no page links anywhere (a kiosk must open nothing)."""

from __future__ import annotations

from pathlib import Path

INSTALL_OLLAMA = "install-ollama"
FALLBACK = "en"


def help_page(folder: Path, name: str, language: str) -> str:
    """The page's HTML; OSError when neither the language's nor the English page can be read."""
    for code in (language, FALLBACK):
        path = folder / f"{name}.{code}.html"
        if path.is_file():
            return path.read_text(encoding="utf-8")
    raise OSError(f"no help page {name} in {folder}")
