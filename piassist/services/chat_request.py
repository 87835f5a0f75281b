"""What goes with a chat request: the turns of the conversation that fit in the model's
context (the rule is core/context_budget.py; here is what the open conversation, its options, the
model's details and the server's figures say about the room), what a conversation not saved yet starts
with, a new conversation's title, and a failed request as the page is told of it. Plain Python, used by
ChatService.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from piassist.core.chat_types import ChatOptions, ModelDetails
from piassist.core.context_budget import (
    MESSAGE_OVERHEAD,
    Fitted,
    TokenEstimate,
    Turn,
    calibrated,
    context_length,
    fit,
    num_ctx_parameter,
    prompt_room,
)
from piassist.core.errors import BackendError
from piassist.core.history.types import MessageState, Role, StoredMessage
from piassist.core.models import ModelInfo
from piassist.core.ollama.model_defaults import ModelDefaults

if TYPE_CHECKING:
    from piassist.services.settings import SettingsService

log = logging.getLogger(__name__)

ATTACHED_AT = "attached_at"  # in a question's stats: where the text the person attached begins
SQUEEZE_LIMIT = 8.0
TITLE_LENGTH = 48


def loaded_context(models: Sequence[ModelInfo], name: str) -> int | None:
    """The context the server runs a loaded model with (/api/ps), from the library's list."""
    listed = next((m for m in models if m.name == name), None)
    return listed.loaded.context_length if listed is not None and listed.loaded is not None else None


@dataclass(frozen=True, slots=True)
class QuestionFit:
    """How a question compares with the room the model has for it (system prompt and answer left out)."""

    tokens: int
    room: int
    readable_chars: int  # of the question's first characters, how many the model would read
    chars: int

    @property
    def fits(self) -> bool:
        return self.tokens <= self.room


class ChatBudget:
    """The room for the next request of one conversation, and the request that fits in it."""

    def __init__(self, loaded_context: Callable[[str], int | None] | None = None) -> None:
        self._loaded_context = loaded_context
        self.squeeze = 1.0  # raised after the server said a request was too long: estimate tighter
        self.cut_question = False  # the next request cuts a question too long on its own

    def reset(self) -> None:
        """Another conversation: the last one's experience with the server does not carry over."""
        self.squeeze = 1.0

    def tighten(self) -> None:
        """The server said the request was too long: estimate tighter, and cut the next question to what
        fits even if it is too long on its own."""
        self.squeeze = min(SQUEEZE_LIMIT, self.squeeze * 2)
        self.cut_question = True

    def fitted(
        self,
        model: str,
        options: ChatOptions,
        details: ModelDetails | None,
        system: str,
        messages: Sequence[StoredMessage],
    ) -> Fitted:
        """The next request of the conversation: its system prompt and the turns that fit in the room."""
        room = self.room(model, options, details)
        fitted = self.request(
            system, messages, room, self.estimate(messages, model), cut_question=self.cut_question
        )
        self.cut_question = False
        if fitted.left_out or fitted.cut:
            log.info(
                "request fitted to %d tokens: %d message(s) left out, cut %s",
                room,
                fitted.left_out,
                fitted.cut,
            )
        return fitted

    def context(self, model: str, chosen: int | None, details: ModelDetails | None) -> int:
        """The context the next answer is written in: the chat's choice, else the server's or model's."""
        return context_length(
            chosen=chosen,
            loaded=self._loaded_context(model) if self._loaded_context else None,
            modelfile=num_ctx_parameter(details.parameters) if details else None,
            trained=details.context_length if details else None,
        )

    def defaults(self, model: str, details: ModelDetails | None) -> ModelDefaults:
        """What the model answers with where a chat chose nothing: its Modelfile's values, its context."""
        return ModelDefaults.of(details.parameters if details else "", self.context(model, None, details))

    def room(self, model: str, options: ChatOptions, details: ModelDetails | None) -> int:
        num_predict = options.num_predict
        if num_predict is None and details is not None:  # not chosen: the Modelfile's limit, if any
            num_predict = ModelDefaults.of(details.parameters, None).num_predict
        return prompt_room(self.context(model, options.num_ctx, details), num_predict)

    def estimate(self, messages: Sequence[StoredMessage], model: str) -> TokenEstimate:
        """Calibrated with the server's counts of this conversation's answers from this model."""
        samples = [
            ((m.thinking or "") + m.content, int((m.stats or {}).get("eval_count") or 0))
            for m in messages
            if m.role is Role.ASSISTANT and m.model == model and m.state is MessageState.COMPLETE
        ]
        return TokenEstimate(calibrated(samples).factor * self.squeeze)

    def request(
        self,
        system: str,
        messages: Sequence[StoredMessage],
        room: int,
        estimate: TokenEstimate,
        *,
        cut_question: bool = False,
    ) -> Fitted:
        """The request for the last question: the turns that fit (see context_budget.fit). With
        `cut_question`, a question too long on its own is cut to fit even if it was sent whole before."""
        turns = []
        for message in messages:
            if message.state is MessageState.ERROR or (
                message.role is Role.ASSISTANT and not message.content
            ):
                continue
            attached = (message.stats or {}).get(ATTACHED_AT)
            at = attached if isinstance(attached, int) and 0 <= attached <= len(message.content) else None
            turns.append(Turn(message.role.value, message.content, at))
        if cut_question and turns and turns[-1].attached_at is None:
            turns[-1] = Turn(turns[-1].role, turns[-1].content, 0)
        return fit(system, turns, room, estimate)

    @staticmethod
    def question_fit(question: str, system: str, room: int, estimate: TokenEstimate) -> QuestionFit:
        left = room - (estimate.message_tokens(system) if system else 0)
        return QuestionFit(
            tokens=estimate.message_tokens(question),
            room=left,
            readable_chars=estimate.leading_chars(question, left - MESSAGE_OVERHEAD),
            chars=len(question),
        )


@dataclass(frozen=True, slots=True)
class ChatError:
    """A failed request, for the page to explain: what went wrong and which answer it hit."""

    error: BackendError
    message_id: int  # the assistant message it ended, or -1 when no answer had started
    model: str


def conversation_title(first_question: str) -> str:
    """A new conversation is named after its first question, on one line, cut at TITLE_LENGTH."""
    title = " ".join(first_question.split())
    return title[: TITLE_LENGTH - 1].rstrip() + "…" if len(title) > TITLE_LENGTH else title


class NewChatSettings:
    """What a conversation not saved yet starts with: what the person chose in "Settings for this chat"
    before its first question, else their defaults, with their system prompt for the interface language
    or, where they wrote none, PiAssist's own in that language."""

    def __init__(self, settings: SettingsService) -> None:
        self._settings = settings
        self.builtin_prompt = ""  # PiAssist's own, in the interface language (the chat page sets it)
        self.chosen: tuple[str, dict[str, Any]] | None = None  # system prompt, options

    def system_prompt(self) -> str:
        return self._settings.system_prompt(self._settings.language) or self.builtin_prompt

    def current(self) -> tuple[str, dict[str, Any]]:
        if self.chosen is not None:
            return self.chosen[0], dict(self.chosen[1])
        return self.system_prompt(), self._settings.chat_defaults()
