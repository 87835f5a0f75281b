"""The benchmark's language check: the answer's script and, for Cyrillic, Ukrainian against Russian."""

from __future__ import annotations

import pytest

from piassist.core.benchmark.language_check import Verdict, check_language, prose

UKRAINIAN = "Столиця України — Київ. Це велике місто на Дніпрі, де живе майже три мільйони людей."
RUSSIAN = "Столица Украины — Киев. Это большой город на Днепре, где живёт почти три миллиона человек."
ENGLISH = "The capital of Ukraine is Kyiv. It is a large city on the Dnipro river."


@pytest.mark.parametrize(
    ("text", "verdict"),
    [
        (UKRAINIAN, Verdict.UKRAINIAN),
        (RUSSIAN, Verdict.RUSSIAN),
        (ENGLISH, Verdict.ENGLISH),
        ("Lorem ipsum dolor sit amet, consectetur adipiscing elit.", Verdict.LATIN),
        ("乌克兰的首都是基辅。", Verdict.OTHER),
        ("Столиця — Київ, the capital city of the country in Europe", Verdict.MIXED),
        ("Добре", Verdict.CYRILLIC),  # neither kind of mark: too little to tell
        ("Мама и папа дома", Verdict.RUSSIAN),  # a Russian word, no Russian letter
        ("Мама та тато вдома", Verdict.UKRAINIAN),  # a Ukrainian word, no Ukrainian letter
        ("Провъё, предлагаеменная настіль", Verdict.RUSSIAN),  # SmolLM2 asked in Ukrainian, v0.24
        ("Мама мала мапу, тато мав рамку. " * 10 + "Київ", Verdict.CYRILLIC),  # one і in a long text
        ("", Verdict.EMPTY),
        ("12 + 30 = 42", Verdict.EMPTY),
    ],
)
def test_verdicts(text: str, verdict: Verdict) -> None:
    assert check_language(text).verdict is verdict


def test_code_is_left_out_of_the_check() -> None:
    answer = (
        "Ось функція, яка рахує суму парних чисел:\n\n"
        "```python\ndef sum_even(numbers):\n    return sum(n for n in numbers if n % 2 == 0)\n```\n\n"
        "Вона перебирає список і додає лише парні числа; `n % 2 == 0` перевіряє парність."
    )
    check = check_language(answer)
    assert check.verdict is Verdict.UKRAINIAN
    assert check.latin == 0 and check.ukrainian_marks >= 3
    assert "def sum_even" not in prose(answer)
    only_code = "```python\ndef f():\n    return 1\n```"
    assert check_language(only_code).verdict is Verdict.EMPTY


def test_an_unclosed_fence_hides_the_rest() -> None:
    assert check_language("Ось код:\n```\nprint('hello world and more english words')").verdict is (
        Verdict.CYRILLIC
    )


def test_the_task_language_is_what_counts() -> None:
    assert check_language(UKRAINIAN).answers_in("uk")
    assert not check_language(RUSSIAN).answers_in("uk")
    assert not check_language(ENGLISH).answers_in("uk")
    assert check_language(ENGLISH).answers_in("en")
    assert not check_language(UKRAINIAN).answers_in("en")


def test_ukrainian_marks_beside_russian_letters_are_not_ukrainian() -> None:
    # SmolLM2's answer to the Ukrainian code task on v0.24.0 (a real run for the screenshots): і twice,
    # but ы and Russian words; it is not an answer in Ukrainian.
    text = (
        "В общемном меньфестрахі докладарийна код Python будет заглявить на террфилію нового выкладка, папо"
    )
    check = check_language(text)
    assert check.ukrainian_marks == 2 and check.russian_marks == 1
    assert check.verdict is Verdict.CYRILLIC and not check.answers_in("uk")
