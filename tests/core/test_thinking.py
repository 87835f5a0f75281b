"""What a chat sends as `think` for a person's choice, by what the server says of the model (the rules in
core/thinking.py, read from Ollama v0.34.4's types/model/thinking.go and server/model_thinking.go)."""

from __future__ import annotations

import pytest

from piassist.core.chat_types import ModelDetails
from piassist.core.thinking import (
    Think,
    offered,
    parse_values,
    shown,
    think_from_text,
    think_to_text,
    to_send,
)

CANNOT = ModelDetails("smollm2:135m", ("completion",))
UNSAID = ModelDetails("qwen3:0.6b", ("completion", "thinking"))  # v0.24 to v0.33: no values
QWEN = ModelDetails("qwen3.5", ("completion", "thinking"), think_values=(False, True), think_default=True)
GPT_OSS = ModelDetails(
    "gpt-oss:20b", ("completion", "thinking"), think_values=("low", "medium", "high"), think_default="medium"
)
GLIMMER = ModelDetails(
    "glimmer",
    ("completion", "thinking"),
    think_values=(False, "low", "medium", "high", "max"),
    think_default="high",
)


@pytest.mark.parametrize("choice", [False, True, "low", "high"])
def test_a_model_that_cannot_think_is_sent_nothing_whatever_the_choice(choice: Think) -> None:
    assert offered(CANNOT) == () and to_send(choice, CANNOT) is None
    assert to_send(choice, None) is None


@pytest.mark.parametrize(
    ("details", "choice", "sent", "seen"),
    [
        (UNSAID, False, False, False),
        (UNSAID, True, True, True),
        (UNSAID, "low", True, True),  # no levels known: on
        (QWEN, False, False, False),
        (QWEN, "high", True, True),
        (GPT_OSS, True, None, "medium"),  # on: the model's own level, nothing sent
        (GPT_OSS, "low", "low", "low"),
        (GPT_OSS, False, None, "medium"),  # it cannot be turned off: nothing sent, it thinks
        (GLIMMER, False, False, False),
        (GLIMMER, "max", "max", "max"),
        (GLIMMER, "xhigh", None, "high"),
    ],
)
def test_what_is_sent_and_shown(
    details: ModelDetails, choice: Think, sent: Think | None, seen: Think
) -> None:
    result = to_send(choice, details)
    assert result == sent and type(result) is type(sent)
    assert shown(choice, details) == seen and type(shown(choice, details)) is type(seen)


def test_the_menu_offers_off_and_on_unless_the_server_names_values() -> None:
    assert offered(UNSAID) == (False, True)
    assert offered(GPT_OSS) == ("low", "medium", "high")


@pytest.mark.parametrize(
    ("raw", "parsed"),
    [
        ({"values": ["low", "medium", "high"], "default": "medium"}, (("low", "medium", "high"), "medium")),
        ({"values": [False, True], "default": True}, ((False, True), True)),
        ({"values": [False, True], "default": "low"}, ((), None)),  # a default it does not offer
        ({"values": [True, True], "default": True}, ((), None)),  # not distinct
        ({"values": ["", "high"], "default": "high"}, ((), None)),
        ({"values": [1, 2], "default": 1}, ((), None)),
        ({"values": [], "default": False}, ((), None)),
        (None, ((), None)),
        ("high", ((), None)),
    ],
)
def test_the_servers_values_are_read_by_its_own_rule(raw: object, parsed: object) -> None:
    assert parse_values(raw) == parsed


@pytest.mark.parametrize("value", [False, True, "low", None])
def test_a_choice_kept_reads_back_as_itself(value: Think | None) -> None:
    back = think_from_text(think_to_text(value))
    assert back == value and type(back) is type(value)


@pytest.mark.parametrize("text", ["", "nonsense", "3", '""', "null", None])
def test_an_unreadable_kept_choice_is_none(text: object) -> None:
    assert think_from_text(text) is None
