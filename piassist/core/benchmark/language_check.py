"""Which language an answer is written in, measured from its letters (not the catalog's guess).

The benchmark needs one answer to one question: is the answer to a Ukrainian task in Ukrainian? Letters
settle it. Ukrainian is written in Cyrillic with four letters Russian lacks (і, ї, є, ґ), and Russian has
four that Ukrainian lacks (ы, э, ъ, ё): a paragraph of either nearly always shows some of its own. A few
short words count too ("и", "что", "это", "или" are Russian; "і", "та", "що", "це", "або" Ukrainian).
In a long answer the Ukrainian marks must also be frequent (і alone is about 5 % of Ukrainian letters):
one stray і in a page of Russian is not Ukrainian. Code (fenced blocks, `inline code`) and web addresses
are left out first, since they are Latin in any language. The check tells the language of the letters,
not whether the words make sense: the answers side by side are there for that.

Verdicts: UKRAINIAN, RUSSIAN, CYRILLIC (Cyrillic with neither kind of mark: too short to tell),
ENGLISH (Latin letters with English's commonest words), LATIN (Latin letters, another language or none),
OTHER (mostly another script, e.g. Chinese), MIXED (no script has four fifths of the letters), EMPTY
(no letters at all: an answer of only code or numbers, or none). docs/decisions.md says why this is not a
language-detection library.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import Enum

UKRAINIAN_LETTERS = frozenset("іїєґІЇЄҐ")
RUSSIAN_LETTERS = frozenset("ыэъёЫЭЪЁ")
# The words that make up a large share of any English text; a Latin-letter answer that has none is not
# English (or not language at all).
_COMMON_ENGLISH = (
    "the a an and or of to in is are was were be it this that for on with as by at from not you your can "
    "will have has"
)
ENGLISH_WORDS = frozenset(_COMMON_ENGLISH.split())
_RUSSIAN_ONLY = "и что это как или когда также только если был была были его она они"
_UKRAINIAN_ONLY = "і й та що це як або чи коли також тільки якщо був була були його вона вони"
RUSSIAN_WORDS = frozenset(_RUSSIAN_ONLY.split())
UKRAINIAN_WORDS = frozenset(_UKRAINIAN_ONLY.split())
LONG_TEXT = 200  # Cyrillic letters from which the Ukrainian marks must also be frequent
UKRAINIAN_DENSITY = 0.01  # of the Cyrillic letters, in a long text
ENGLISH_SHARE = 0.08  # of the words: plain English prose runs at 25–40 % of these
SCRIPT_SHARE = 0.8  # of the letters, for a text to count as written in one script
_FENCED = re.compile(r"(?ms)^[ \t]*(```|~~~).*?(^[ \t]*\1[ \t]*$|\Z)")
_INLINE_CODE = re.compile(r"`[^`\n]*`")
_URL = re.compile(r"\b(?:https?://|www\.)\S+")
_WORD = re.compile(r"[^\W\d_]+")


class Verdict(Enum):
    UKRAINIAN = "uk"
    RUSSIAN = "ru"
    CYRILLIC = "cyrillic"
    ENGLISH = "en"
    LATIN = "latin"
    OTHER = "other"
    MIXED = "mixed"
    EMPTY = "empty"


@dataclass(frozen=True, slots=True)
class LanguageCheck:
    verdict: Verdict
    letters: int = 0  # letters in the prose (code and addresses left out)
    cyrillic: int = 0
    latin: int = 0
    ukrainian_marks: int = 0  # і, ї, є, ґ (the letters alone)
    russian_marks: int = 0  # ы, э, ъ, ё

    def answers_in(self, language: str) -> bool:
        """Whether the answer is in the language ("uk" or "en") its task was asked in."""
        if language == "uk":
            return self.verdict is Verdict.UKRAINIAN
        if language == "en":
            return self.verdict is Verdict.ENGLISH
        return False


def prose(text: str) -> str:
    """The text without its code and web addresses."""
    text = _FENCED.sub(" ", text)
    text = _INLINE_CODE.sub(" ", text)
    return _URL.sub(" ", text)


def check_language(text: str) -> LanguageCheck:
    words = prose(text)
    cyrillic = latin = other = ukrainian = russian = 0
    for char in words:
        if not char.isalpha():
            continue
        script = unicodedata.name(char, "").split(" ", 1)[0]
        if script == "CYRILLIC":
            cyrillic += 1
            ukrainian += char in UKRAINIAN_LETTERS
            russian += char in RUSSIAN_LETTERS
        elif script == "LATIN":
            latin += 1
        else:
            other += 1
    letters = cyrillic + latin + other
    figures = {
        "letters": letters,
        "cyrillic": cyrillic,
        "latin": latin,
        "ukrainian_marks": ukrainian,
        "russian_marks": russian,
    }
    if letters == 0:
        return LanguageCheck(Verdict.EMPTY, **figures)
    if cyrillic >= SCRIPT_SHARE * letters:
        return LanguageCheck(_cyrillic(words, cyrillic, ukrainian, russian), **figures)
    if latin >= SCRIPT_SHARE * letters:
        return LanguageCheck(Verdict.ENGLISH if _english(words) else Verdict.LATIN, **figures)
    if other >= SCRIPT_SHARE * letters:
        return LanguageCheck(Verdict.OTHER, **figures)
    return LanguageCheck(Verdict.MIXED, **figures)


def _cyrillic(text: str, letters: int, ukrainian: int, russian: int) -> Verdict:
    russian_letters = russian  # ы, э, ъ, ё: no Ukrainian word has them
    words = [w.casefold() for w in _WORD.findall(text)]
    ukrainian += sum(w in UKRAINIAN_WORDS for w in words)
    russian += sum(w in RUSSIAN_WORDS for w in words)
    if russian > ukrainian:
        return Verdict.RUSSIAN
    if ukrainian in (0, russian) or russian_letters:  # Ukrainian marks beside Russian letters: a mixture
        return Verdict.CYRILLIC
    if letters >= LONG_TEXT and ukrainian < UKRAINIAN_DENSITY * letters:
        return Verdict.CYRILLIC
    return Verdict.UKRAINIAN


def _english(text: str) -> bool:
    words = [w.casefold() for w in _WORD.findall(text)]
    if not words:
        return False
    common = sum(w in ENGLISH_WORDS for w in words)
    return common >= max(1, ENGLISH_SHARE * len(words))
