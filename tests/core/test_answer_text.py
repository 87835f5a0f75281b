"""What of a model's text is drawn: control characters out, a <think> block apart; streamed as whole."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from piassist.core.markdown.answer_text import Drawable, Parts, ThinkSplitter, drawable, split_think


def test_only_tab_and_newline_are_kept_of_the_control_characters() -> None:
    text = "a\x00b\x07c\x1b[0md\te\nf\x7fg\x9bh\x85i\u200bj"
    assert drawable(text) == "abc[0md\te\nfghi\u200bj"  # a zero-width space is not a control character
    assert drawable("one\r\ntwo\rthree") == "one\ntwo\nthree"


def test_a_flood_of_combining_marks_keeps_three_on_a_letter() -> None:
    flood = "Z" + "\u0336\u0301\u0489" * 10 + "o\u0301"
    assert drawable(flood) == "Z\u0336\u0301\u0489o\u0301"
    assert drawable("Ві\u0301н") == "Ві\u0301н"  # a stress mark stays
    clean = Drawable()
    assert "".join(clean.feed(char) for char in flood) == drawable(flood)


def test_a_carriage_return_split_from_its_newline_is_one_line_break() -> None:
    clean = Drawable()
    assert clean.feed("a\r") + clean.feed("\nb\r") + clean.finish() == "a\nb\n"


@pytest.mark.parametrize(
    ("text", "thinking", "answer"),
    [
        ("<think>Let me see.</think>\n\nIt is 4.", "Let me see.", "It is 4."),
        ("  \n<think>\nhm\n</think>The answer", "\nhm\n", "The answer"),
        ("<think>still thinking when it stopped", "still thinking when it stopped", ""),
        ("Not first: <think>tags</think> later.", "", "Not first: <think>tags</think> later."),
        ("<thinking>other tag</thinking>", "", "<thinking>other tag</thinking>"),
        ("<thi", "", "<thi"),
        ("", "", ""),
    ],
)
def test_reasoning_written_first_in_think_tags_is_taken_apart(text: str, thinking: str, answer: str) -> None:
    assert split_think(text) == Parts(thinking, answer)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["<think>", "</think>", "<th", "ink>", "</", "think", ">", " ", "\n", "a", "\r", "\a", "\u0301"]
        ),
        max_size=20,
    ).map("".join),
    st.lists(st.integers(0, 40), max_size=10),
)
def test_any_chunking_splits_like_the_whole_text(text: str, cuts: list[int]) -> None:
    splitter, clean, parts, drawn = ThinkSplitter(), Drawable(), Parts(), ""
    start = 0
    for cut in [*sorted(c for c in cuts if c <= len(text)), len(text)]:
        parts += splitter.feed(text[start:cut])
        drawn += clean.feed(text[start:cut])
        start = cut
    parts += splitter.finish()
    assert parts == split_think(text)
    assert drawn + clean.finish() == drawable(text)
