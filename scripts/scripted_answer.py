"""A prepared answer, streamed word by word through the real chat view for the screenshots.

The demo model (SmolLM2-135M) answers in prose and code but does not write tables, so the screenshot that
shows a table, a code block and the live gauge streams this text instead, at a steady rate, while the
model list, memory figures and gauge come from the real Ollama. The README says so under the picture.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncGenerator, Callable, Sequence
from dataclasses import replace
from typing import Any

from piassist.core.chat_types import ChatChunk, ChatMessage, ChatOptions, ModelDetails
from piassist.core.ollama.backend import Backend

ANSWERS = {
    "en": """Here is how the two boards compare:

| Board | CPU | RAM |
|---|---|---|
| Raspberry Pi 4 | 4 × Cortex-A72, 1.8 GHz | 1–8 GB |
| Raspberry Pi 5 | 4 × Cortex-A76, 2.4 GHz | 2–16 GB |

A Pi 5 writes about **twice as fast**. To see how much memory is free:

```python
import psutil

free = psutil.virtual_memory().available
print(f"Free: {free / 1e9:.1f} GB")
```

Tips for small models:
- keep the context short (2048 tokens);
- close the browser while the model writes;
- use a fast SD card or an SSD.
""",
    "uk": """Ось як порівнюються дві плати:

| Плата | Процесор | ОЗП |
|---|---|---|
| Raspberry Pi 4 | 4 × Cortex-A72, 1,8 ГГц | 1–8 ГБ |
| Raspberry Pi 5 | 4 × Cortex-A76, 2,4 ГГц | 2–16 ГБ |

Pi 5 пише приблизно **вдвічі швидше**. Щоб побачити, скільки пам’яті вільно:

```python
import psutil

free = psutil.virtual_memory().available
print(f"Вільно: {free / 1e9:.1f} ГБ")
```

Поради для малих моделей:
- тримайте контекст коротким (2048 токенів);
- закрийте браузер, поки модель пише;
- використовуйте швидку SD-картку або SSD.
""",
}


HOW_TO = {
    "en": """To run a small model on your Pi:

1. Update the system first:
   ```bash
   sudo apt update && sudo apt full-upgrade -y
   ```
   It can take a few minutes.
2. Install Ollama:
   - download the install script;
   - run it:
     ```bash
     curl -fsSL https://ollama.com/install.sh | sh
     ```
   - check that the service runs.
3. Pull a model that fits:
   - **SmolLM2 135M** for a Pi 4 with 2 GB;
   - **Gemma 3 1B** for 8 GB.

   ```bash
   ollama pull smollm2:135m
   ```
4. Ask it something:
   ```python
   import ollama
   print(ollama.chat("smollm2:135m", [{"role": "user", "content": "Hi"}]))
   ```

> Keep the Pi cool: a small fan helps a lot.
""",
    "uk": """Щоб запустити малу модель на Pi:

1. Спершу оновіть систему:
   ```bash
   sudo apt update && sudo apt full-upgrade -y
   ```
   Це може тривати кілька хвилин.
2. Встановіть Ollama:
   - завантажте скрипт встановлення;
   - запустіть його:
     ```bash
     curl -fsSL https://ollama.com/install.sh | sh
     ```
   - перевірте, що служба працює.
3. Завантажте модель, що поміститься:
   - **SmolLM2 135M** для Pi 4 з 2 ГБ;
   - **Gemma 3 1B** для 8 ГБ.

   ```bash
   ollama pull smollm2:135m
   ```
4. Запитайте щось:
   ```python
   import ollama
   print(ollama.chat("smollm2:135m", [{"role": "user", "content": "Привіт"}]))
   ```

> Тримайте Pi у прохолоді: малий вентилятор дуже допомагає.
""",
}

# A model that thinks in its text writes its reasoning in <think> tags before the answer (its paragraphs
# one line each, as models write them).
THINKING = {
    "en": (
        "<think>\nThe user asks how much memory a 1B model needs. At 4-bit quantisation each parameter "
        "takes about half a byte, so about 0.6 GB for the weights, plus the context cache.\n\n"
        "With 2048 tokens that is roughly another 0.2 GB. So about 1 GB in all; a Pi 4 with 2 GB can run "
        "it if little else is open.\n</think>\n\n"
        "A 1B model needs about **1 GB** of memory: some 0.6 GB for its weights at 4 bits and 0.2 GB for "
        "a 2048-token context. A Pi 4 with 2 GB runs it if the browser is closed.\n"
    ),
    "uk": (
        "<think>\nКористувач питає, скільки пам’яті потрібно моделі на 1B. При 4-бітному квантуванні "
        "параметр займає близько пів байта, тож ваги — приблизно 0,6 ГБ, плюс кеш контексту.\n\n"
        "Для 2048 токенів це ще близько 0,2 ГБ. Разом приблизно 1 ГБ; Pi 4 з 2 ГБ впорається, якщо "
        "відкрито мало іншого.\n</think>\n\n"
        "Моделі на 1B потрібно близько **1 ГБ** пам’яті: приблизно 0,6 ГБ на ваги при 4 бітах і 0,2 ГБ "
        "на контекст у 2048 токенів. Pi 4 з 2 ГБ упорається, якщо закрити браузер.\n"
    ),
}


class ScriptedAnswers:
    """The real backend for everything but chat(), which streams a prepared answer and then waits."""

    def __init__(
        self,
        real: Backend,
        text: Callable[[], str],
        tokens_per_second: float = 20.0,
        *,
        hold: bool = True,
        thinks: bool = False,
    ) -> None:
        self._real = real
        self._thinks = thinks  # /api/show says the model can think (the thinking switch shows)
        self._text = text
        self._pause = 1.0 / tokens_per_second
        self._hold = hold  # still "writing" after the last word (the streaming picture), or done
        self.sent = 0
        self.total = 0

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real, name)

    async def show(self, model: str) -> ModelDetails:
        details = await self._real.show(model)
        if self._thinks and "thinking" not in details.capabilities:
            # As a newer Ollama says of a model with levels (its renderer's values and default).
            details = replace(
                details,
                capabilities=(*details.capabilities, "thinking"),
                think_values=(False, "low", "medium", "high"),
                think_default="medium",
            )
        return details

    async def chat(
        self,
        model: str,
        messages: Sequence[ChatMessage],
        options: ChatOptions | None = None,
        think: bool | str | None = None,
    ) -> AsyncGenerator[ChatChunk, None]:
        pieces = re.findall(r"\s*\S+", self._text())
        self.total, self.sent = len(pieces), 0
        for piece in pieces:
            await asyncio.sleep(self._pause)
            self.sent += 1
            yield ChatChunk(content=piece)
        if self._hold:
            await asyncio.Event().wait()  # still "writing" when the picture is taken; Stop ends it
        yield ChatChunk(done=True)
