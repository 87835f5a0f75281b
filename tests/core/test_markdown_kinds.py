"""What small models write every day, drawn as CommonMark readers expect, streamed exactly as whole; and
outputs too big to draw at once, shown in part with all of them one copy away."""

from __future__ import annotations

import random

import pytest

from piassist.core.markdown import blocks as markdown_blocks
from piassist.core.markdown.block_html import Labels
from piassist.core.markdown.render import IncrementalMarkdown, copy_texts, render_markdown
from tests.core.test_markdown_render import assert_safe, random_chunks, stream, structure, visible_text

HOW_TO = """Here is how to set it up:

1. Update the system:
   ```bash
   sudo apt update
   ```
   Wait until it finishes.
2. Install the tools:
   - git
   - curl
     - with TLS
3. Check the versions:

   ```
   git --version
   ```

   Both should print a number.

> A quote with code:
> ```python
> print("hi")
> ```

Done.
"""


def in_chunks(text: str, seed: int = 3) -> str:
    """The text streamed in random chunks; asserts it ends as the whole render does."""
    streamed = stream(text, random_chunks(text, seed))
    assert streamed == render_markdown(text)
    return streamed


def test_lists_nested_by_two_or_three_spaces_keep_every_level() -> None:
    for step in (2, 3):
        text = "\n".join(" " * (step * level) + f"- level {level}" for level in range(10))
        markup = in_chunks(text)
        assert structure(markup).count("<ul") == 10
        assert visible_text(markup) == " ".join(f"level {level}" for level in range(10))
        depth, deepest = 0, 0
        for event in structure(markup):
            depth += event == "<ul"
            depth -= event == "/ul"
            deepest = max(deepest, depth)
        assert deepest == 10


def test_bullets_under_a_numbered_step_are_a_list_of_the_step() -> None:
    markup = in_chunks("1. Install:\n   - git\n   - curl\n2. Run:\n   - it\n")
    assert structure(markup) == [
        "<ol", "<li", "<ul", "<li", "/li", "<li", "/li", "/ul", "/li",
        "<li", "<ul", "<li", "/li", "/ul", "/li", "/ol",
    ]  # fmt: skip
    # Two spaces are not enough under "2. " (its text starts at the third column): CommonMark, and so
    # GitHub, show such bullets as a list of their own after the step, not in its text.
    two = structure(in_chunks("1. Run:\n  - it\n"))
    assert two == ["<ol", "<li", "/li", "/ol", "<ul", "<li", "/li", "/ul"]


def test_a_how_to_keeps_its_code_and_text_inside_its_steps() -> None:
    markup = in_chunks(HOW_TO)
    events = structure(markup)
    assert events.count("<ol") == 1 and events.count("<li") == 6  # three steps, three bullets
    assert events.count("<pre") == 3
    # The first step holds its code and the line after it; the third its code and its last sentence.
    first_step = visible_text(markup[markup.index("<li>") : markup.index("</li>")])
    assert first_step == "Update the system: Copy sudo apt update Wait until it finishes."
    assert "Both should print a number.</p>\n</li>" in markup
    quote = markup[markup.index("<blockquote>") : markup.index("</blockquote>")]
    assert "<pre" in quote and "print" in quote
    assert visible_text(markup).endswith("Done.")
    assert copy_texts(HOW_TO) == ["sudo apt update", "git --version", 'print("hi")']


def test_a_fence_opened_on_the_marker_line_ends_at_its_closing_fence() -> None:
    text = "1. ```bash\n   ls -l\n   ```\n2. Then this.\n\nLater prose.\n\n```python\nx = 1\n```\n\nThe end."
    markup = in_chunks(text)
    assert markup.count("<pre") == 2
    assert "<p>Later prose.</p>" in markup and "<p>The end.</p>" in markup
    assert copy_texts(text) == ["ls -l", "x = 1"]


def test_a_closing_fence_indented_four_spaces_does_not_close() -> None:
    markup = in_chunks("```\ncode\n    ```\nstill code\n```\nafter")
    assert markup.count("<pre") == 1
    assert copy_texts("```\ncode\n    ```\nstill code\n```\nafter") == ["code\n    ```\nstill code"]
    assert "<p>after</p>" in markup


def test_a_wrapped_line_starting_with_a_number_stays_in_its_paragraph() -> None:
    markup = in_chunks("The tower was built in the year\n14. It is old.\n\nAnd\n1. this one starts a list")
    assert "<ol" not in markup.split("<p>And</p>")[0]
    assert "year<br />\n14. It is old.</p>" in markup
    assert "<ol>\n<li>this one starts a list</li>" in markup


def test_control_characters_are_not_drawn() -> None:
    text = "Bell\x07 null\x00 escape\x1b[31m red\x7f \x85end\r\nnext\rline\ttab"
    markup = in_chunks(text)
    assert not any(char in markup for char in "\x00\x07\x1b\x7f\x85\r")
    assert visible_text(markup) == "Bell null escape[31m red end next line tab"
    code = "```\na\x1bb\x00\n```"
    assert copy_texts(code) == ["ab"]


def test_a_think_block_is_not_rendered_by_the_markdown_renderer_itself() -> None:
    # The view takes <think> apart before rendering (answer_text.py); the renderer shows it as text.
    assert "&lt;think&gt;" in render_markdown("<think>x</think>")


# -- outputs too big to draw at once ----------------------------------------------------------------


def test_a_megabyte_line_shows_its_first_part_and_copies_whole() -> None:
    line = "".join(random.Random(1).choice("0123456789abcdef") for _ in range(1_000_000))
    text = f"Hash:\n\n{line}\n\nAfter it."
    markup = render_markdown(text, labels=Labels(more_chars=lambda n: f"{n} more"))
    assert len(markup) < 3 * markdown_blocks.CAP_CHARS
    assert f"{len(line) - markdown_blocks.CAP_CHARS} more" in markup
    assert "<p>After it.</p>" in markup
    assert copy_texts(text) == [line]
    assert_safe(markup)


def test_streaming_a_huge_line_costs_the_same_per_chunk_at_the_end_as_at_the_start() -> None:
    text = "x" * 400_000 + "\n\nAfter.\n"
    renderer = IncrementalMarkdown()
    costs = []
    for at in range(0, len(text), 4_000):
        before = renderer.rendered_chars
        renderer.append(text[at : at + 4_000])
        costs.append(renderer.rendered_chars - before)
    renderer.finish()
    assert max(costs) <= 2 * markdown_blocks.CAP_CHARS
    assert sum(costs[-20:]) <= sum(costs[:20])


def test_a_table_of_thousands_of_rows_shows_its_first_rows() -> None:
    rows = "\n".join(f"| {i} | name {i} |" for i in range(3000))
    text = f"| n | name |\n|---|---|\n{rows}\n\nBelow the table."
    markup = in_chunks(text)
    assert structure(markup).count("<tr") == markdown_blocks.TABLE_ROWS + 1  # the header row too
    assert f"{markdown_blocks.TABLE_ROWS:,} of 3,000 rows" in markup
    assert "<p>Below the table.</p>" in markup
    assert copy_texts(text) == [text.split("\n\n", maxsplit=1)[0]]


def test_a_long_code_block_ends_at_its_own_closing_fence() -> None:
    code = "\n".join(f"line_{i} = {i}  # {'#' * 40}" for i in range(2000))
    text = f"```python\n{code}\n```\n\n# Next\n\n```\nsmall\n```\n"
    markup = in_chunks(text, seed=5)
    assert "<h1>Next</h1>" in markup
    assert copy_texts(text) == [code, code, "small"]  # the code block's link, the note's, the small one
    assert markup.count("<pre") == 2


@pytest.mark.parametrize(
    "kind",
    [
        "para " * 10_000,
        "\n".join(f"{i}. item {i} " + "word " * 10 for i in range(1, 800)),
        "\n".join(f"> quoted line {i} " + "word " * 10 for i in range(800)),
        "    " + "\n    ".join(f"indented code {i}" for i in range(2000)),
        "a\u0301\u0302\u0303" * 6_000,
    ],
    ids=["paragraph", "list", "quote", "indented-code", "combining"],
)
def test_every_long_block_is_shown_in_part_and_ends_where_it_ends(kind: str) -> None:
    text = f"{kind}\n\nAfter it.\n"
    markup = in_chunks(text, seed=len(kind))
    assert markup.rstrip().endswith("<p>After it.</p>")
    assert len(markup) < 4 * markdown_blocks.CAP_CHARS
    assert copy_texts(text)[-1].strip() == kind.strip()
