"""The first model to chat with: a chat model before a base model, from what the server reports."""

from __future__ import annotations

from piassist.core.chat_types import ModelDetails
from piassist.core.model_choice import Candidate, ModelKind, first_model, model_kind, template_has_markers
from tests.helpers.fakes import CHATML, GEMMA

PLAIN = "{{ .Prompt }}"  # what Ollama gives a model that came without a chat template


def shown(template: str, finetune: str = "", *capabilities: str) -> ModelDetails:
    return ModelDetails(
        "x", capabilities=capabilities or ("completion",), template=template, finetune=finetune
    )


def test_a_template_with_role_markers_is_a_chat_template() -> None:
    assert template_has_markers(CHATML) and template_has_markers(GEMMA)
    assert template_has_markers("[INST] {{ .Prompt }} [/INST]")
    assert (
        not template_has_markers(PLAIN)
        and not template_has_markers("{{- .Prompt -}}\n")
        and not template_has_markers("")
    )


def test_kinds_from_what_the_server_says() -> None:
    chat, no_chat = ModelKind.CHAT, ModelKind.NO_CHAT
    assert model_kind(Candidate("smollm2:135m", shown(CHATML, "8k-lc100k-mix1-ep2"))) is ModelKind.CHAT
    assert model_kind(Candidate("gemma3:270m", shown(GEMMA))) is ModelKind.UNKNOWN
    assert model_kind(Candidate("raw:1b", shown(PLAIN))) is ModelKind.BASE
    assert model_kind(Candidate("raw:1b", shown(CHATML, "base"))) is ModelKind.BASE
    assert model_kind(Candidate("llama3:text", shown(CHATML))) is ModelKind.BASE
    assert model_kind(Candidate("gemma:7b-text", shown(CHATML))) is ModelKind.BASE
    assert model_kind(Candidate("hf.co/x/Llama-3.2-1B-Instruct-GGUF:Q4_K_M", shown(GEMMA))) is ModelKind.CHAT
    assert model_kind(Candidate("qwen3:0.6b", shown(CHATML, "", "completion", "thinking"))) is ModelKind.CHAT
    assert model_kind(Candidate("nomic-embed-text:latest", shown(PLAIN, "", "embedding"))) is no_chat
    assert model_kind(Candidate("qwen2.5:0.5b", shown(CHATML), catalog_uses=("tiny", "chat"))) is chat
    assert model_kind(Candidate("unknown:1b", None)) is ModelKind.UNKNOWN


def test_the_instruct_model_wins_over_a_base_model_first_by_name_and_in_the_catalog() -> None:
    candidates = [
        Candidate("aaa-base:1b", shown(PLAIN), catalog_rank=0),
        Candidate("gemma3:270m", shown(GEMMA), catalog_rank=1),
        Candidate("smollm2:135m", shown(CHATML, "Instruct"), catalog_rank=5),
    ]
    assert first_model(candidates) == ("smollm2:135m", ModelKind.CHAT)


def test_among_equals_the_catalog_order_then_the_name_decides() -> None:
    assert first_model(
        [Candidate("b:1b", shown(GEMMA), catalog_rank=3), Candidate("a:1b", shown(GEMMA))]
    ) == (
        "b:1b",
        ModelKind.UNKNOWN,
    )
    assert first_model([Candidate("b:1b", shown(GEMMA)), Candidate("a:1b", shown(GEMMA))]) == (
        "a:1b",
        ModelKind.UNKNOWN,
    )


def test_a_base_model_is_chosen_only_when_nothing_else_can_chat_and_says_so() -> None:
    only_base = [Candidate("embed:1b", shown(PLAIN, "", "embedding")), Candidate("raw:1b", shown(PLAIN))]
    assert first_model(only_base) == ("raw:1b", ModelKind.BASE)
    assert first_model([Candidate("embed:1b", shown(PLAIN, "", "embedding"))]) is None
    assert first_model([]) is None
