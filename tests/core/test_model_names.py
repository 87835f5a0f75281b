"""Typed model names, checked as Ollama v0.24.0 parses them, before any request."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from piassist.core.get_models.model_names import ModelName, NameProblem, check_pull_name


@pytest.mark.parametrize(
    ("typed", "normalized"),
    [
        ("smollm2", "smollm2:latest"),
        ("  qwen2.5:0.5b ", "qwen2.5:0.5b"),
        ("library/qwen2.5:0.5b", "qwen2.5:0.5b"),
        ("someone/my-model_2:q4.K", "someone/my-model_2:q4.K"),
        ("registry.ollama.ai/library/gemma3:270m", "gemma3:270m"),
        ("REGISTRY.ollama.ai/someone/x", "someone/x:latest"),
        (
            "hf.co/bartowski/Llama-3.2-1B-Instruct-GGUF:Q4_K_M",
            "hf.co/bartowski/Llama-3.2-1B-Instruct-GGUF:Q4_K_M",
        ),
        ("127.0.0.1:8080/library/demo", "127.0.0.1:8080/library/demo:latest"),
        ("127.0.0.1:8080/library/demo:latest", "127.0.0.1:8080/library/demo:latest"),
        ("LocalHost:5000/team/demo:v1", "localhost:5000/team/demo:v1"),
    ],
)
def test_accepted_names_are_normalized_to_ollamas_shortest_form(typed: str, normalized: str) -> None:
    result = check_pull_name(typed)
    assert isinstance(result, ModelName)
    assert str(result) == normalized


def test_parts_of_a_full_name() -> None:
    name = check_pull_name("127.0.0.1:8080/library/demo:v2")
    assert name == ModelName(model="demo", tag="v2", namespace="library", host="127.0.0.1:8080")
    assert isinstance(name, ModelName) and name.repository == "library/demo"
    assert not name.on_default_registry
    default = check_pull_name("smollm2")
    assert isinstance(default, ModelName) and default.on_default_registry and default.tag == "latest"


@pytest.mark.parametrize(
    ("typed", "problem"),
    [
        ("", NameProblem.EMPTY),
        ("   ", NameProblem.EMPTY),
        ("qwen 2.5", NameProblem.SPACE),
        ("qwen2.5:0.5b\tx", NameProblem.SPACE),
        ("name:", NameProblem.EMPTY_PART),
        (":tag", NameProblem.EMPTY_PART),
        ("a//b", NameProblem.EMPTY_PART),
        ("/name", NameProblem.EMPTY_PART),
        ("name/", NameProblem.EMPTY_PART),
        ("a/b/c/d", NameProblem.TOO_MANY_PARTS),
        ("example.com/model", NameProblem.HOST_WITHOUT_NAMESPACE),
        ("127.0.0.1:8080/model:tag", NameProblem.HOST_WITHOUT_NAMESPACE),
        ("host:99999/ns/model", NameProblem.BAD_HOST),
        ("host:0/ns/model", NameProblem.BAD_HOST),
        ("host:port/ns/model", NameProblem.BAD_HOST),
        ("-host/ns/model", NameProblem.BAD_HOST),
        ("-model", NameProblem.BAD_MODEL),
        (".model", NameProblem.BAD_MODEL),
        ("model:-tag", NameProblem.BAD_TAG),
        ("-ns/model", NameProblem.BAD_NAMESPACE),
        ("model@sha256:abc", NameProblem.BAD_CHARACTER),
        ("mödel", NameProblem.BAD_CHARACTER),
        ("ns/mo#del", NameProblem.BAD_CHARACTER),
        ("a\\b", NameProblem.BAD_CHARACTER),
        ("m" * 81, NameProblem.TOO_LONG),
        ("model:" + "t" * 81, NameProblem.TOO_LONG),
        ("h" * 351 + "/ns/model", NameProblem.TOO_LONG),
    ],
)
def test_refused_names_say_why(typed: str, problem: NameProblem) -> None:
    assert check_pull_name(typed) is problem


def test_longest_parts_ollama_allows_are_accepted() -> None:
    result = check_pull_name("h" * 350 + "/" + "n" * 80 + "/" + "m" * 80 + ":" + "t" * 80)
    assert isinstance(result, ModelName)


PART = st.from_regex(r"[a-z0-9_][a-z0-9_-]{0,15}", fullmatch=True)
MODEL = st.from_regex(r"[A-Za-z0-9_][A-Za-z0-9_.-]{0,20}", fullmatch=True)
HOST = st.from_regex(r"[a-z0-9][a-z0-9-]{0,10}(\.[a-z0-9-]{1,10}){1,2}(:[1-9][0-9]{0,3})?", fullmatch=True)


@given(
    host=st.none() | HOST,
    namespace=st.none() | PART,
    model=MODEL,
    tag=st.none() | MODEL,
)
def test_every_well_formed_name_round_trips(
    host: str | None, namespace: str | None, model: str, tag: str | None
) -> None:
    if host is not None and namespace is None:
        namespace = "library"
    typed = "/".join(p for p in (host, namespace, model) if p) + (f":{tag}" if tag else "")
    result = check_pull_name(typed)
    assert isinstance(result, ModelName), typed
    assert (result.model, result.tag) == (model, tag or "latest")
    # what it gives back is a name it accepts again, unchanged
    again = check_pull_name(str(result))
    assert again == result


@given(st.text(max_size=40))
def test_any_text_gives_a_name_or_a_problem_never_an_exception(text: str) -> None:
    result = check_pull_name(text)
    assert isinstance(result, ModelName | NameProblem)
    if isinstance(result, ModelName):
        assert " " not in str(result) and str(result).count("/") in (0, 1, 2)
