"""Property: however a text arrives in chunks, incremental rendering ends in the same HTML as rendering
the whole text at once."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from piassist.core.markdown_render import IncrementalMarkdown, render_markdown

# Pieces that make markdown structure likely (fences, tables, lists, quotes, blank lines), mixed
# with arbitrary text, so the generated documents exercise block boundaries, not just prose.
PIECES = st.sampled_from(
    [
        "\n",
        "\n\n",
        "```",
        "```python\n",
        "~~~\n",
        "| a | b |\n|---|---|\n| 1 | 2 |\n",
        "- item\n",
        "1. step\n",
        "    indented\n",
        "> quote\n",
        "# Title\n",
        "**bold** ",
        "`code` ",
        "[link](http://example.com) ",
        "<script>alert(1)</script>",
        "&lt;",
        "Привіт, світе! ",
    ]
)
TEXT = st.lists(st.one_of(PIECES, st.text(max_size=12)), max_size=40).map("".join)


@st.composite
def text_and_cuts(draw: st.DrawFn) -> tuple[str, list[int]]:
    text = draw(TEXT)
    cuts = sorted(set(draw(st.lists(st.integers(0, len(text)), max_size=30))))
    return text, cuts


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text_and_cuts())
def test_any_chunking_renders_like_the_whole_text(case: tuple[str, list[int]]) -> None:
    text, cuts = case
    renderer = IncrementalMarkdown()
    frozen: list[str] = []
    start = 0
    for cut in [*cuts, len(text)]:
        frozen += renderer.append(text[start:cut]).frozen
        start = cut
    final = renderer.finish()
    assert final.tail == ""
    assert "".join(frozen + final.frozen) == render_markdown(text)
