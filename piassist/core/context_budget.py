"""How much of a conversation the model can read at once: its context, in tokens, estimated without a
tokenizer. No Qt.

The context. The chat's own num_ctx when one is set; else the context the server runs the model with
(/api/ps of a loaded model); else the Modelfile's PARAMETER num_ctx; else Ollama's own default, 4096
tokens on a machine without a GPU (server/routes.go from v0.24 to v0.32: 4096 below 23 GiB of VRAM, and
OLLAMA_CONTEXT_LENGTH, the server's own setting, overrides it). Ollama caps it at the length the model
was trained for (llm/server.go), so the estimate does too.

The estimate. Tokens per byte of UTF-8 differ by model and by text; measured with Ollama's own counts
(prompt_eval_count of a raw prompt, docs/decisions.md): English 4.0 to 4.6 bytes a token for both demo
models, code 3.8 to 4.0, Ukrainian 2.35 for smollm2 and 5.6 for gemma3, a log full of digits 1.7. So
ASCII counts 4 bytes a token and anything else 2.3 (the smollm2 figure: a small model's tokenizer is
mostly English), and the chat's own answers calibrate it: the server counts each answer's tokens
(eval_count), so their text against that count gives a factor for this model and language. The
estimate stays rough (a pasted log is still under-counted); the server cuts what is still too long
(older Ollama) or says so (newer: ErrorKind.CONTEXT_OVERFLOW), and the chat then asks again tighter.

The rule. The system prompt stays, the question stays, and the turns before it are kept newest first
while they fit in the room left for the prompt (the context less what is kept for the answer); the
oldest go first, whole. A question that is too long on its own is sent anyway (the person chose to), or,
when it was attached as a text the model cannot read whole, cut to the room left, with a mark.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from piassist.core.chat_types import ChatMessage, GenerationStats

DEFAULT_CONTEXT = 4096
ASCII_BYTES_PER_TOKEN = 4.0
OTHER_BYTES_PER_TOKEN = 2.3
MESSAGE_OVERHEAD = 6  # the chat template's tokens around each message (role, start and end marks)
ANSWER_SHARE = 4  # with no answer limit set, a quarter of the context is kept for the answer
CALIBRATION_TOKENS = 32  # the server's counts of at least this many answer tokens before they count
FACTOR_LIMITS = (0.4, 2.5)
CONTEXT_FULL = 0.95  # share of a chat's own context at which its oldest messages start to fall out
CUT_MARK = "\n[…]"
MIN_CUT_TOKENS = 64  # less room than this for an older attached text: it is left out whole
_NUM_CTX = re.compile(r"^\s*num_ctx\s+(\d+)\s*$", re.MULTILINE)


def raw_tokens(text: str) -> float:
    """The uncalibrated estimate: ASCII at 4 bytes a token, every other byte at 2.3."""
    ascii_bytes = len(text.encode("ascii", "ignore"))
    other_bytes = len(text.encode("utf-8", "replace")) - ascii_bytes
    return ascii_bytes / ASCII_BYTES_PER_TOKEN + other_bytes / OTHER_BYTES_PER_TOKEN


@dataclass(frozen=True, slots=True)
class TokenEstimate:
    factor: float = 1.0  # the server's counts over the raw estimate, for this chat's model and language

    def tokens(self, text: str) -> int:
        return math.ceil(raw_tokens(text) * self.factor) if text else 0

    def message_tokens(self, text: str) -> int:
        return self.tokens(text) + MESSAGE_OVERHEAD

    def leading_chars(self, text: str, tokens: int) -> int:
        """How many of `text`'s first characters fit in `tokens` (0 when none)."""
        if tokens <= 0 or not text:
            return 0
        total = self.tokens(text)
        if total <= tokens:
            return len(text)
        chars = int(len(text) * tokens / total)
        while chars > 0 and self.tokens(text[:chars]) > tokens:  # mixed text: the start may be denser
            chars = int(chars * 0.9)
        return chars


def calibrated(samples: Iterable[tuple[str, int]]) -> TokenEstimate:
    """An estimate fitted to the server's own counts: (text, tokens the server counted for it)."""
    counted, estimated = 0, 0.0
    for text, tokens in samples:
        if tokens > 0 and text:
            counted += tokens
            estimated += raw_tokens(text)
    if counted < CALIBRATION_TOKENS or estimated <= 0:
        return TokenEstimate()
    low, high = FACTOR_LIMITS
    return TokenEstimate(min(high, max(low, counted / estimated)))


def num_ctx_parameter(parameters: str) -> int | None:
    """PARAMETER num_ctx from /api/show's parameters text ("name value" lines), if the model sets it."""
    found = _NUM_CTX.search(parameters or "")
    return int(found.group(1)) if found and int(found.group(1)) > 0 else None


def context_length(
    *,
    chosen: int | None = None,
    loaded: int | None = None,
    modelfile: int | None = None,
    trained: int | None = None,
    server_default: int = DEFAULT_CONTEXT,
) -> int:
    """The context, in tokens, the next answer will be written in (see the module's notes)."""
    if chosen:
        size = chosen
    elif loaded:
        return loaded  # what the server really runs the model with, its caps applied already
    else:
        size = modelfile or server_default
    return min(size, trained) if trained else size


def prompt_room(context: int, num_predict: int | None = None) -> int:
    """Tokens left for the prompt once the answer has its share: its limit when one is set (at most
    half the context), else a quarter of the context."""
    reserve = min(num_predict, context // 2) if num_predict and num_predict > 0 else context // ANSWER_SHARE
    return max(1, context - reserve)


@dataclass(frozen=True, slots=True)
class Turn:
    """A message of the conversation as the request would carry it. `attached_at`: where a text the
    person attached begins in `content` (it may be cut to fit), or None."""

    role: str
    content: str
    attached_at: int | None = None


@dataclass(frozen=True, slots=True)
class Fitted:
    messages: tuple[ChatMessage, ...]  # the request: the system prompt, the turns that fit, the question
    left_out: int  # older turns not sent
    tokens: int  # the estimate for what is sent
    room: int
    cut: tuple[int, int] | None = None  # an attached text sent in part: (characters sent, its length)

    @property
    def over(self) -> bool:
        """Even so, more than the room (a long question sent anyway)."""
        return self.tokens > self.room


def fit(system: str, turns: Sequence[Turn], room: int, estimate: TokenEstimate) -> Fitted:
    """The request for the last turn (the question) that fits in `room` tokens, by the rule above."""
    used = estimate.message_tokens(system) if system else 0
    kept: list[ChatMessage] = []
    cut: tuple[int, int] | None = None
    first = len(turns)  # index of the oldest turn sent
    for index in range(len(turns) - 1, -1, -1):
        turn = turns[index]
        question = index == len(turns) - 1
        cost = estimate.message_tokens(turn.content)
        if used + cost <= room:
            kept.append(ChatMessage(turn.role, turn.content))
        elif turn.attached_at is not None and (question or room - used >= MIN_CUT_TOKENS + MESSAGE_OVERHEAD):
            message, sent = _cut(turn, room - used, estimate)
            kept.append(message)
            cut = (sent, len(turn.content) - turn.attached_at)
            cost = estimate.message_tokens(message.content)
        elif question:
            kept.append(ChatMessage(turn.role, turn.content))
        else:
            break
        used += cost
        first = index
        if cut is not None or used > room:
            break
    # A reply is not sent without the question it answers.
    while kept and first < len(turns) - 1 and turns[first].role == "assistant":
        used -= estimate.message_tokens(kept.pop().content)
        first += 1
    messages = ([ChatMessage("system", system)] if system else []) + kept[::-1]
    return Fitted(tuple(messages), first, used, room, cut)


def _cut(turn: Turn, room: int, estimate: TokenEstimate) -> tuple[ChatMessage, int]:
    """The turn with its attached text cut to what fits in `room` tokens, and how much of it was sent."""
    assert turn.attached_at is not None
    head, text = turn.content[: turn.attached_at], turn.content[turn.attached_at :]
    left = room - estimate.message_tokens(head + CUT_MARK)
    chars = estimate.leading_chars(text, left)
    return ChatMessage(turn.role, head + text[:chars] + CUT_MARK), chars


def nearly_full(stats: GenerationStats, num_ctx: int) -> bool:
    """Whether the last question and its answer filled the chat's own context (num_ctx; 0 when it has
    none) almost to the end: the next question pushes the oldest messages out of what the model reads."""
    return bool(num_ctx) and stats.prompt_eval_count + stats.eval_count >= CONTEXT_FULL * num_ctx
