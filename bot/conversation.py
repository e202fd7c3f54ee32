"""The platform-neutral conversation core: every front end turns its events into these calls."""

from __future__ import annotations

import asyncio
import time
from collections import OrderedDict
from dataclasses import dataclass, replace

from bot.engine import Engine
from retrieval.answers import Answer
from retrieval.followup import standalone_question

MAX_QUESTION_CHARS = 1000
_REMEMBERED_CHATS = 10_000  # oldest conversations are forgotten first


@dataclass(frozen=True)
class Reply:
    """An answer and what it took to produce it."""

    answer: Answer
    searched_for: str  # the standalone question actually searched
    latency_ms: float


class Conversations:
    """Answers questions per chat, remembering each chat's last question for follow-ups."""

    def __init__(self, engine: Engine, k: int = 5) -> None:
        self.engine = engine
        self.k = k
        self._last: OrderedDict[str, str] = OrderedDict()

    def ask_sync(self, chat: str, question: str) -> Reply:
        """Answer `question` in the context of `chat`'s previous question."""
        started = time.perf_counter()
        question = " ".join(question.split())
        if len(question) > MAX_QUESTION_CHARS:
            raise QuestionTooLong(len(question))
        query = standalone_question(question, self._last.get(chat))
        passages = self.engine.searcher.search(query, self.k)
        answer = self.engine.composer.compose(query, passages)
        if query != question:
            answer = replace(answer, question=question)
        self._remember(chat, query)
        return Reply(answer, query, 1000 * (time.perf_counter() - started))

    async def ask(self, chat: str, question: str) -> Reply:
        """`ask_sync` in a worker thread, so the event loop never waits on the models."""
        return await asyncio.to_thread(self.ask_sync, chat, question)

    def forget(self, chat: str) -> None:
        """Start the chat afresh: the next question is not a follow-up."""
        self._last.pop(chat, None)

    def _remember(self, chat: str, question: str) -> None:
        self._last[chat] = question
        self._last.move_to_end(chat)
        while len(self._last) > _REMEMBERED_CHATS:
            self._last.popitem(last=False)


class QuestionTooLong(ValueError):
    """A question longer than anyone would type."""

    def __init__(self, length: int) -> None:
        super().__init__(
            f"That question is {length} characters long; please keep it under "
            f"{MAX_QUESTION_CHARS} characters."
        )
