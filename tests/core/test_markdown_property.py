"""Property: however a text arrives in chunks, incremental rendering ends in the same HTML as rendering
the whole text at once; and cutting it into blocks gives what markdown-it gives for the whole text."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from piassist.core.markdown import blocks as markdown_blocks
from piassist.core.markdown.answer_text import drawable
from piassist.core.markdown.block_html import BlockHtml, Labels, RenderEnv
from piassist.core.markdown.render import IncrementalMarkdown, render_markdown

# Pieces that make markdown structure likely (fences, tables, lists nested by 2 and 3 spaces, fences in
# items and quotes, quotes, blank lines, numbers that look like list starts), mixed with arbitrary text,
# so the generated documents exercise block boundaries, not just prose.
PIECES = st.sampled_from(
    [
        "\n",
        "\n\n",
        "```",
        "```python\n",
        "~~~\n",
        "    ```\n",
        "| a | b |\n|---|---|\n| 1 | 2 |\n",
        "| 3 | 4 |\n",
        "- item\n",
        "  - nested\n",
        "   - deeper\n",
        "1. step\n",
        "1. ```sh\n",
        "   ```sh\n   ls\n   ```\n",
        "14. ",
        "    indented\n",
        "> quote\n",
        "> ```\n",
        "# Title\n",
        "Title\n---\n",
        "**bold** ",
        "`code` ",
        "[link](http://example.com) ",
        "<script>alert(1)</script>",
        "&lt;",
        "\x00\x07\x1b",
        "\r\n",
        "\r",
        "Привіт, світе! ",
    ]
)
TEXT = st.lists(st.one_of(PIECES, st.text(max_size=12)), max_size=40).map("".join)


@st.composite
def text_and_cuts(draw: st.DrawFn) -> tuple[str, list[int]]:
    text = draw(TEXT)
    cuts = sorted(set(draw(st.lists(st.integers(0, len(text)), max_size=30))))
    return text, cuts


def streamed(text: str, cuts: list[int]) -> str:
    renderer = IncrementalMarkdown()
    frozen: list[str] = []
    start = 0
    for cut in [*cuts, len(text)]:
        frozen += renderer.append(text[start:cut]).frozen
        start = cut
    final = renderer.finish()
    assert final.tail == ""
    return "".join(frozen + final.frozen)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text_and_cuts())
def test_any_chunking_renders_like_the_whole_text(case: tuple[str, list[int]]) -> None:
    text, cuts = case
    assert streamed(text, cuts) == render_markdown(text)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(TEXT)
def test_cutting_into_blocks_renders_what_the_parser_gives_the_whole_text(text: str) -> None:
    whole = BlockHtml().markdown(drawable(text), RenderEnv(Labels()))
    assert render_markdown(text).split() == whole.split()


@pytest.fixture
def small_caps(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Caps small enough that the generated texts pass them: the overflow paths get exercised."""
    monkeypatch.setattr(markdown_blocks, "CAP_CHARS", 60)
    monkeypatch.setattr(markdown_blocks, "TABLE_ROWS", 2)
    monkeypatch.setattr(markdown_blocks, "_EAGER", 20)
    yield


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(text_and_cuts())
def test_blocks_shown_in_part_are_the_same_streamed_and_whole(
    small_caps: None, case: tuple[str, list[int]]
) -> None:
    text, cuts = case
    longer = text + "x" * 70 + "\n" + text
    assert streamed(longer, cuts) == render_markdown(longer)
