#!/usr/bin/env python3
"""How many CommonMark spec examples PiAssist draws with the structure the spec gives them.

    .venv/bin/python -m benchmarks.commonmark_match [--failures]

Each example's markdown goes through ``render_markdown`` (the renderer the transcript uses, split into
blocks as a stream would be) and both HTMLs are reduced to their structure: the sequence of elements
opened and closed, text left out. PiAssist's own additions are taken away first: the copy link above a
code block, the highlighting spans in it, and the <code> inside <pre> (Qt needs none).

Left out, because PiAssist treats them differently on purpose (markdown_html.py says how and why): the
sections Raw HTML, HTML blocks, Images, Links and Link reference definitions, and, in the other sections,
the examples whose expected HTML uses those same things (a raw HTML tag, a link to a target other than
http, https or mailto, an image, a link reference definition). A single newline inside a paragraph is a
line break in PiAssist, as in chat apps, so the line breaks it adds are not counted as differences. Both
figures are printed, and the share of list examples (the sections Lists and List items) on its own.
Goal: >= 95 % for the examples left in. Exits 1 when it is missed.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

from piassist.core.markdown.render import render_markdown  # noqa: E402

SPEC = ROOT / "benchmarks" / "data" / "commonmark-spec-0.31.2.json"
GOAL = 95.0
DIFFERENT_SECTIONS = frozenset({"Raw HTML", "HTML blocks", "Images", "Links", "Link reference definitions"})
LIST_SECTIONS = frozenset({"Lists", "List items"})
# Elements markdown itself makes; any other tag in an expected output is raw HTML passed through.
MARKDOWN_TAGS = frozenset(
    {"p", "h1", "h2", "h3", "h4", "h5", "h6", "em", "strong", "code", "pre", "ul", "ol", "li", "blockquote"}
    | {"hr", "br", "a", "img", "table", "thead", "tbody", "tr", "th", "td"}
)
_SAFE_HREF_RE = re.compile(r'<a href="(?!https?:|mailto:)')
_REFERENCE_RE = re.compile(r"^[ >]*(\[(?:[^\]\\]|\\.)+\]:)", re.MULTILINE)  # in a list or a quote too
_RAW_RE = re.compile(r"<(?:/?([A-Za-z][A-Za-z0-9-]*)[\s/>]|!--|\?|!\[CDATA\[|![A-Za-z])")


class _Structure(HTMLParser):
    """Opened and closed elements, in order, without PiAssist's additions."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.events: list[str] = []
        self._skipping = 0  # inside the paragraph that holds a copy link
        self._open: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        href = dict(attrs).get("href") or ""
        if self._skipping:
            self._skipping += tag == "p"
            return
        if tag == "a" and href.startswith("piassist-copy:") and self.events[-1:] == ["<p"]:
            self.events.pop()  # the copy link's paragraph above a code block
            self._skipping = 1
            return
        if tag == "span" or (tag == "code" and self._open[-1:] == ["pre"]):
            self._open.append("")  # highlighting, and the <code> Qt does not need
            return
        self._open.append(tag)
        self.events.append("<" + tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if not self._skipping:
            self.events.append("<" + tag + "/")

    def handle_endtag(self, tag: str) -> None:
        if self._skipping:
            self._skipping -= tag == "p"
            return
        if self._open and self._open.pop():
            self.events.append("/" + tag)


def structure(markup: str) -> list[str]:
    parser = _Structure()
    parser.feed(markup)
    parser.close()
    return parser.events


def same_structure(ours: list[str], expected: list[str]) -> bool:
    """Equal, but for the line breaks PiAssist adds where an answer has a single newline (a soft break in
    CommonMark, a <br> in chat apps): every hard break the spec expects must still be there."""
    without = [event for event in ours if event != "<br/"]
    kept = ours.count("<br/") >= expected.count("<br/")
    return kept and without == [event for event in expected if event != "<br/"]


def uses_different_feature(example: dict[str, str]) -> str:
    """Why an example's expected HTML relies on something PiAssist does differently, or ""."""
    expected, source = example["html"], example["markdown"]
    if "<img" in expected:
        return "image"
    if _SAFE_HREF_RE.search(expected):
        return "link target"
    for match in _RAW_RE.finditer(source):
        name = (match[1] or "").lower()
        if name not in MARKDOWN_TAGS and match.group() in expected:
            return "raw HTML"
    for definition in _REFERENCE_RE.finditer(source):
        if definition[1] not in expected:  # it was read as a definition, not shown as text
            return "link reference definition"
    return ""


@dataclass(frozen=True, slots=True)
class Result:
    example: int
    section: str
    matches: bool
    different: str  # uses a feature PiAssist treats differently on purpose ("" if not)


def measure() -> list[Result]:
    results = []
    for example in json.loads(SPEC.read_text(encoding="utf-8")):
        if example["section"] in DIFFERENT_SECTIONS:
            continue
        matches = same_structure(structure(render_markdown(example["markdown"])), structure(example["html"]))
        different = uses_different_feature(example)
        results.append(Result(example["example"], example["section"], matches, different))
    return results


def share(results: list[Result]) -> tuple[int, int, float]:
    good = sum(result.matches for result in results)
    return good, len(results), 100 * good / len(results) if results else 0.0


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--failures", action="store_true", help="list the examples that do not match")
    args = parser.parse_args()
    results = measure()
    kept = [result for result in results if not result.different]
    good, total, percent = share(results)
    sections = ", ".join(sorted(DIFFERENT_SECTIONS))
    print(f"CommonMark 0.31.2 spec examples, structure of the HTML (sections {sections} left out):")
    print(f"  all other sections:                 {good}/{total} = {percent:.1f} %")
    causes = Counter(result.different for result in results if result.different)
    left = ", ".join(f"{count} {cause}" for cause, count in causes.most_common())
    good, total, percent = share(kept)
    verdict = "ok" if percent >= GOAL else "MISSED"
    print(f"  also without their examples of those ({left}):")
    print(f"{'':38s}{good}/{total} = {percent:.1f} %  (goal >= {GOAL:.0f} %)  {verdict}")
    lists = [result for result in kept if result.section in LIST_SECTIONS]
    good_lists, total_lists, percent_lists = share(lists)
    print(f"  of which lists (Lists, List items): {good_lists}/{total_lists} = {percent_lists:.1f} %")
    if args.failures:
        for result in results:
            if not result.matches:
                print(f"    example {result.example} ({result.section}) {result.different or 'differs'}")
    return 0 if percent >= GOAL else 1


if __name__ == "__main__":
    sys.exit(main())
