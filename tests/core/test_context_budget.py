"""The context budget: which context a chat's next answer gets, the token estimate and its calibration,
and which turns of a conversation go with a question."""

from __future__ import annotations

import random
import time

import pytest

from piassist.core.context_budget import (
    CUT_MARK,
    DEFAULT_CONTEXT,
    MESSAGE_OVERHEAD,
    TokenEstimate,
    Turn,
    calibrated,
    context_length,
    fit,
    num_ctx_parameter,
    prompt_room,
    raw_tokens,
)

EST = TokenEstimate()


def test_ascii_counts_four_bytes_a_token_and_other_text_more_tokens() -> None:
    assert raw_tokens("abcd" * 100) == 100
    assert raw_tokens("привіт") == pytest.approx(12 / 2.3)  # 6 letters, 12 bytes
    assert EST.tokens("") == 0 and EST.tokens("a") == 1
    assert EST.message_tokens("abcd") == 1 + MESSAGE_OVERHEAD


def test_the_servers_counts_calibrate_the_estimate() -> None:
    text = "word " * 80  # 400 bytes: 100 tokens by the raw estimate
    assert calibrated([(text, 10)]).factor == 1.0  # too few counted tokens to go by
    assert calibrated([(text, 150), (text, 150)]).factor == pytest.approx(1.5)
    assert calibrated([(text, 1000)]).factor == 2.5  # never beyond the limits
    assert calibrated([(text, 0), ("", 50)]).factor == 1.0
    assert TokenEstimate(2.0).tokens(text) == 200


def test_leading_chars_fit_the_tokens_asked_for() -> None:
    text = "a" * 4000 + "я" * 4000  # the start is lighter than the end
    for tokens in (0, 1, 10, 500, 1500, 10_000):
        chars = EST.leading_chars(text, tokens)
        assert EST.tokens(text[:chars]) <= max(tokens, 0) or chars == len(text)
    assert EST.leading_chars(text, 10**6) == len(text) and EST.leading_chars(text, 0) == 0


def test_num_ctx_from_the_modelfiles_parameters() -> None:
    assert num_ctx_parameter('stop "<|im_end|>"\nnum_ctx 8192\ntemperature 0.2') == 8192
    assert num_ctx_parameter('stop "<|im_end|>"') is None and num_ctx_parameter("") is None
    assert num_ctx_parameter("num_ctx 0") is None


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ({}, DEFAULT_CONTEXT),
        ({"trained": 2048}, 2048),  # the server caps its default at what the model was trained for
        ({"modelfile": 8192, "trained": 32768}, 8192),
        ({"loaded": 3000, "modelfile": 8192, "trained": 2048}, 3000),  # the server's own figure
        ({"chosen": 2048, "loaded": 4096}, 2048),  # the chat's setting applies from the next answer
        ({"chosen": 16384, "trained": 8192}, 8192),
    ],
)
def test_which_context_the_next_answer_gets(given: dict[str, int], expected: int) -> None:
    assert context_length(**given) == expected


def test_the_answer_keeps_its_share_of_the_context() -> None:
    assert prompt_room(2048) == 1536
    assert prompt_room(2048, 200) == 1848
    assert prompt_room(2048, 5000) == 1024  # at most half for the answer


def chat(*sizes: int) -> list[Turn]:
    """Alternating questions and answers of these many tokens each (ASCII, 4 bytes a token)."""
    return [Turn("user" if i % 2 == 0 else "assistant", f"{i:04d}" * size) for i, size in enumerate(sizes)]


def test_everything_goes_when_it_fits() -> None:
    turns = chat(100, 100, 100)
    fitted = fit("Be brief.", turns, 1000, EST)
    assert [m.content for m in fitted.messages] == ["Be brief.", *(t.content for t in turns)]
    assert fitted.left_out == 0 and fitted.cut is None and not fitted.over
    assert fitted.tokens == 3 + 3 * (100 + MESSAGE_OVERHEAD) + MESSAGE_OVERHEAD


def test_the_oldest_turns_go_first_the_system_prompt_and_the_question_stay() -> None:
    turns = chat(300, 300, 200, 200, 100)
    fitted = fit("Be brief.", turns, 600, EST)
    assert fitted.messages[0].content == "Be brief."
    assert [m.content for m in fitted.messages[1:]] == [t.content for t in turns[2:]]
    assert fitted.left_out == 2 and fitted.tokens <= 600 and not fitted.over


def test_a_reply_never_goes_without_its_question() -> None:
    turns = chat(300, 100, 100)  # room for the reply and the question, not for the first question
    fitted = fit("", turns, 250, EST)
    assert [m.role for m in fitted.messages] == ["user"] and fitted.left_out == 2


def test_a_question_too_long_on_its_own_is_sent_anyway_alone() -> None:
    turns = chat(100, 100, 5000)
    fitted = fit("Be brief.", turns, 1000, EST)
    assert [m.content for m in fitted.messages] == ["Be brief.", turns[-1].content]
    assert fitted.left_out == 2 and fitted.over and fitted.cut is None


def test_an_attached_text_is_cut_to_the_room_left_with_a_mark() -> None:
    head = "What is wrong in this log?\n\n"
    text = "x" * 40_000  # 10,000 tokens
    turns = [*chat(100, 100)[:2], Turn("user", head + text, attached_at=len(head))]
    fitted = fit("Be brief.", turns, 1000, EST)
    sent = fitted.messages[-1].content
    assert sent.startswith(head + "xxx") and sent.endswith(CUT_MARK)
    assert fitted.cut is not None and fitted.cut[1] == len(text) and 0 < fitted.cut[0] < len(text)
    assert sent == head + text[: fitted.cut[0]] + CUT_MARK
    assert fitted.left_out == 2 and not fitted.over and fitted.tokens >= 900  # it fills the room


def test_an_older_attached_text_is_cut_when_room_is_left_and_left_out_when_not() -> None:
    text = "y" * 8_000  # 2,000 tokens
    turns = [Turn("user", text, attached_at=0), *chat(0, 100, 100)[1:]]
    roomy = fit("", turns, 1000, EST)
    assert roomy.left_out == 0 and roomy.cut is not None and roomy.messages[0].content.endswith(CUT_MARK)
    tight = fit("", turns, 2 * (100 + MESSAGE_OVERHEAD) + 60, EST)  # too little left for a useful part
    assert tight.cut is None and [m.content for m in tight.messages] == [turns[-1].content]
    assert tight.left_out == 2  # the text, and the reply whose question went with it


def test_random_conversations_keep_the_newest_turns_that_fit() -> None:
    rng = random.Random(13)
    for _ in range(300):
        sizes = [rng.randint(0, 400) for _ in range(rng.randrange(1, 12, 2))]
        turns = chat(*sizes)
        room = rng.randint(50, 2000)
        fitted = fit("sys", turns, room, EST)
        sent = [m.content for m in fitted.messages[1:]]
        assert sent == [t.content for t in turns[fitted.left_out :]]  # a suffix, in order
        assert sent[-1] == turns[-1].content  # the question always goes
        assert fitted.messages[1].role == "user"
        assert fitted.tokens <= room or len(sent) == 1
        if fitted.left_out:  # the turn before would not have fitted as well
            dropped = turns[fitted.left_out - 1]
            assert fitted.tokens + EST.message_tokens(dropped.content) > room or dropped.role == "assistant"


def test_a_megabyte_is_estimated_and_fitted_quickly() -> None:
    text = "Ціна 1 240 грн; order #48213 shipped.\n" * 27_000  # about 1 MB of mixed text
    turns = [*chat(100, 100)[:2], Turn("user", text, attached_at=0)]
    started = time.perf_counter()
    fitted = fit("Be brief.", turns, 1536, EST)
    elapsed = time.perf_counter() - started
    assert fitted.cut is not None and elapsed < 0.05, f"{elapsed * 1000:.1f} ms"
