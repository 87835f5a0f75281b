"""A prepared answer, streamed word by word through the real chat view for the screenshots.

The demo model (SmolLM2-135M) answers in prose and code but does not write tables, so the screenshot that
shows a table, a code block and the live gauge streams this text instead, at a steady rate, while the
model list, memory figures and gauge come from the real Ollama. The README says so under the picture.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncGenerator, Callable, Sequence
from typing import Any

from piassist.core.backend import Backend
from piassist.core.chat_types import ChatChunk, ChatMessage, ChatOptions

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


class ScriptedAnswers:
    """The real backend for everything but chat(), which streams a prepared answer and then waits."""

    def __init__(self, real: Backend, text: Callable[[], str], tokens_per_second: float = 20.0) -> None:
        self._real = real
        self._text = text
        self._pause = 1.0 / tokens_per_second
        self.sent = 0
        self.total = 0

    def __getattr__(self, name: str) -> Any:
        return getattr(self._real, name)

    async def chat(
        self,
        model: str,
        messages: Sequence[ChatMessage],
        options: ChatOptions | None = None,
        think: bool | None = None,
    ) -> AsyncGenerator[ChatChunk, None]:
        pieces = re.findall(r"\s*\S+", self._text())
        self.total, self.sent = len(pieces), 0
        for piece in pieces:
            await asyncio.sleep(self._pause)
            self.sent += 1
            yield ChatChunk(content=piece)
        await asyncio.Event().wait()  # still "writing" when the picture is taken; Stop ends it
