"""Cited answers written by a chat model, verified in code, with an extractive fallback."""

from __future__ import annotations

import asyncio
import contextvars
import html
import logging
import re
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace
from typing import Any

from langchain.chat_models import init_chat_model
from langchain_core.exceptions import ModelTimeoutError
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, SystemMessage

from retrieval.answers import Answer, Composer, abstention
from retrieval.citations import check_answer, declines, split_cited_sentences, strip_links
from retrieval.search import Passage

log = logging.getLogger(__name__)

TIMEOUT_NOTE = "The language model did not answer in time; this is the extractive answer."
ERROR_NOTE = "The language model returned an error; this is the extractive answer."
UNREADABLE_NOTE = (
    "The language model returned an empty or unreadable reply; this is the extractive answer."
)
UNVERIFIED_NOTE = (
    "The language model returned an answer that failed the citation checks; "
    "this is the extractive answer."
)

# Packages of the providers the project offers as pip extras (see pyproject.toml).
_EXTRAS = {"anthropic": "anthropic", "ollama": "ollama"}
_SECTION = re.compile(r"^# (System|User)[ \t]*$", re.MULTILINE | re.IGNORECASE)
_FENCE = re.compile(r"<(\s*/?\s*passage)", re.IGNORECASE)


def build_chat_model(
    spec: str,
    *,
    api_key: str | None,
    base_url: str | None,
    timeout: float,
    max_retries: int,
) -> BaseChatModel:
    """A LangChain chat model for "provider:model", with our timeout and retry budget."""
    provider = spec.split(":", 1)[0].lower() if ":" in spec else ""
    kwargs: dict[str, Any]
    if provider == "ollama":
        # ChatOllama has no timeout, retry or key fields; its httpx client takes them.
        client: dict[str, Any] = {"timeout": timeout}
        if api_key:
            client["headers"] = {"Authorization": f"Bearer {api_key}"}
        kwargs = {"client_kwargs": client}
    else:
        kwargs = {"timeout": timeout, "max_retries": max_retries}
        if api_key:
            kwargs["api_key"] = api_key
    if base_url:
        kwargs["base_url"] = base_url
    try:
        # Unpacked kwargs match several overloads, so mypy sees Any without the annotation.
        model: BaseChatModel = init_chat_model(spec, **kwargs)
    except ImportError as exc:
        package = f"langchain-{provider.replace('_', '-')}"
        fix = (
            f"pip install -e '.[{_EXTRAS[provider]}]'"
            if provider in _EXTRAS
            else f"pip install {package}"
        )
        msg = f"The chat model {spec!r} needs the {package} package; install it with: {fix}"
        raise ValueError(msg) from exc
    return model


def format_passages(passages: Sequence[Passage]) -> str:
    """Passages numbered from 1 and fenced as data, with the metadata the model may attribute."""
    blocks = []
    for n, p in enumerate(passages, start=1):
        c = p.chunk
        attrs = "".join(
            f' {name}="{html.escape(value, quote=True)}"'
            for name, value in (("title", c.title), ("publisher", c.publisher), ("date", c.date))
            if value
        )
        # A passage must not be able to close its own fence and speak outside it.
        text = _FENCE.sub(r"‹\1", c.text.strip())
        blocks.append(f'<passage n="{n}"{attrs}>\n{text}\n</passage>')
    return "\n\n".join(blocks)


def build_messages(template: str, question: str, passages: Sequence[Passage]) -> list[BaseMessage]:
    """The system and user messages from a prompt file's "# System" and "# User" sections."""
    values = {"question": question.strip(), "passages": format_passages(passages)}
    parts = _SECTION.split(template)
    if len(parts) == 1:
        return [HumanMessage(template.format(**values).strip())]
    messages: list[BaseMessage] = []
    for role, body in zip(parts[1::2], parts[2::2], strict=True):
        text = body.format(**values).strip()
        messages.append(SystemMessage(text) if role.lower() == "system" else HumanMessage(text))
    return messages


def _is_timeout(exc: BaseException) -> bool:
    # Providers not yet mapped onto LangChain's ModelTimeoutError still name their class so.
    return isinstance(exc, TimeoutError | ModelTimeoutError) or any(
        "Timeout" in cls.__name__ for cls in type(exc).__mro__
    )


def _failure_note(exc: BaseException) -> str:
    # The class name only: messages and reprs of provider errors can carry URLs and headers.
    log.warning("language model call failed: %s", type(exc).__name__)
    return TIMEOUT_NOTE if _is_timeout(exc) else ERROR_NOTE


def _unreadable(text: str) -> bool:
    """Empty, or structured data / code rather than prose."""
    stripped = text.strip()
    if not re.search(r"[^\W\d_]{2,}", stripped):
        return True
    return stripped.startswith(("{", "```", "<")) or bool(re.match(r"\[\s*[{\[\"]", stripped))


class LLMComposer:
    """Writes cited answers with a chat model; falls back to another composer when it can't."""

    name = "llm"

    def __init__(
        self,
        model: BaseChatModel,
        prompt_template: str,
        fallback: Composer,
        timeout_seconds: float = 20.0,
    ) -> None:
        missing = [
            f"{{{k}}}" for k in ("question", "passages") if f"{{{k}}}" not in prompt_template
        ]
        if missing:
            names = " or ".join(missing)
            msg = f"the answer prompt has no {names} placeholder; see prompts/answer.md"
            raise ValueError(msg)
        self.model = model
        self.prompt_template = prompt_template
        self.fallback = fallback
        self.timeout_seconds = timeout_seconds

    def compose(self, question: str, passages: Sequence[Passage]) -> Answer:
        """A verified cited answer, an abstention, or the fallback's answer with a note."""
        if not passages:
            return replace(abstention(question), composer=self.name)
        messages = build_messages(self.prompt_template, question, passages)
        pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="llm-composer")
        try:
            # In the caller's context: a LangChain run around `compose` (a trace) then holds
            # the model call as its child instead of losing it in the worker thread.
            call = contextvars.copy_context().run
            reply = pool.submit(call, self.model.invoke, messages).result(
                timeout=self.timeout_seconds
            )
        except Exception as exc:
            outcome: Answer | str = _failure_note(exc)
        else:
            outcome = self._verify(question, passages, reply)
        finally:
            # Past the deadline we stop waiting; the client's own timeout ends the call.
            pool.shutdown(wait=False, cancel_futures=True)
        if isinstance(outcome, Answer):
            return outcome
        return _noted(self.fallback.compose(question, passages), outcome)

    async def acompose(self, question: str, passages: Sequence[Passage]) -> Answer:
        """`compose` without blocking the event loop; the fallback runs in a worker thread."""
        if not passages:
            return replace(abstention(question), composer=self.name)
        messages = build_messages(self.prompt_template, question, passages)
        try:
            async with asyncio.timeout(self.timeout_seconds):
                reply = await self.model.ainvoke(messages)
        except Exception as exc:
            outcome: Answer | str = _failure_note(exc)
        else:
            outcome = self._verify(question, passages, reply)
        if isinstance(outcome, Answer):
            return outcome
        fallback = await asyncio.to_thread(self.fallback.compose, question, passages)
        return _noted(fallback, outcome)

    def _verify(self, question: str, passages: Sequence[Passage], reply: AIMessage) -> Answer | str:
        """The checked answer, or the note to put on the fallback's answer instead."""
        text = strip_links(reply.text)
        if _unreadable(text):
            log.warning("language model reply was empty or not prose (%d chars)", len(text))
            return UNREADABLE_NOTE
        sentences = split_cited_sentences(text)
        if declines(sentences):
            return replace(abstention(question, tuple(passages)), composer=self.name)
        answer = check_answer(question, sentences, passages, self.name)
        if answer.abstained:
            log.warning("language model answer failed the citation checks")
            return UNVERIFIED_NOTE
        return answer


def _noted(fallback: Answer, note: str) -> Answer:
    """The fallback's answer, telling the reader why the model's answer is not shown."""
    if note == UNVERIFIED_NOTE and fallback.abstained:
        # Neither composer found a supported answer: a plain abstention says it all.
        return fallback
    # The fallback's own note ("Nothing I found mentions ...") still helps the reader.
    return replace(fallback, note=" ".join(filter(None, [note, fallback.note])))
