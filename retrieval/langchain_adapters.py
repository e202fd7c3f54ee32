"""LangChain faces of the engine: the search as a retriever, the cited answer as a Runnable."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Mapping
from dataclasses import replace
from datetime import date
from typing import Any

from langchain_core.callbacks import (
    AsyncCallbackManagerForRetrieverRun,
    CallbackManagerForRetrieverRun,
)
from langchain_core.documents import Document as LCDocument
from langchain_core.retrievers import BaseRetriever
from langchain_core.runnables import Runnable, RunnableLambda

from retrieval.answers import Composer
from retrieval.evaluation import ask_json
from retrieval.search import HybridSearcher, Passage, SearchFilters


class BriefbotRetriever(BaseRetriever):
    """The hybrid search (dense + BM25) as a LangChain retriever of cited passages.

    `k` and `filters` are defaults; `invoke(question, k=3, filters=...)` overrides them for one
    call, `filters` given as `SearchFilters` or a dict of its fields.
    """

    searcher: HybridSearcher
    k: int = 10
    filters: SearchFilters = SearchFilters()

    def _get_relevant_documents(
        self,
        query: str,
        *,
        run_manager: CallbackManagerForRetrieverRun,
        k: int | None = None,
        filters: SearchFilters | Mapping[str, str] | None = None,
    ) -> list[LCDocument]:
        wanted = _filters(self.filters if filters is None else filters)
        read = self.searcher.read(query)  # as the bot reads it: typos fixed, names capitalised
        passages = self.searcher.search(read, self.k if k is None else k, wanted)
        return [passage_document(p) for p in passages]

    async def _aget_relevant_documents(
        self,
        query: str,
        *,
        run_manager: AsyncCallbackManagerForRetrieverRun,
        k: int | None = None,
        filters: SearchFilters | Mapping[str, str] | None = None,
    ) -> list[LCDocument]:
        # Embedding and Chroma are CPU-bound: a worker thread keeps the event loop free.
        return await asyncio.to_thread(
            self._get_relevant_documents,
            query,
            run_manager=run_manager.get_sync(),
            k=k,
            filters=filters,
        )


def _filters(given: SearchFilters | Mapping[str, str]) -> SearchFilters:
    """Filters checked for mistakes that would otherwise match everything without a word."""
    if not isinstance(given, SearchFilters):
        known = {"date_from", "date_to", "publisher"}
        unknown = set(given) - known
        if unknown:
            raise ValueError(f"unknown filter {sorted(unknown)}; the filters are {sorted(known)}")
        given = SearchFilters(**given)
    for name in ("date_from", "date_to"):
        value = getattr(given, name)
        try:
            if value:
                date.fromisoformat(value)
        except (TypeError, ValueError):
            raise ValueError(f"filter {name}={value!r} is not a YYYY-MM-DD date") from None
    return given


def passage_document(passage: Passage) -> LCDocument:
    """A retrieved passage as a LangChain document, with what it takes to cite it."""
    c = passage.chunk
    metadata: dict[str, Any] = {
        "doc_id": c.doc_id,
        "chunk_id": c.chunk_id,
        "title": c.title,
        "url": c.url,
        "date": c.date,
        "publisher": c.publisher,
        "score": passage.score,
    }
    return LCDocument(page_content=c.text, metadata=metadata, id=c.chunk_id)


def answer_runnable(
    searcher: HybridSearcher, composer: Composer, k: int
) -> Runnable[str, dict[str, object]]:
    """The cited-answer step as a Runnable: a question in, the `ask --json` value out."""

    def answer(question: str) -> dict[str, object]:
        started = time.perf_counter()
        question = " ".join(question.split())
        read, passages = searcher.context(question, k)
        found = replace(composer.compose(read, passages), question=question)
        return ask_json(question, found, 1000 * (time.perf_counter() - started))

    async def answer_async(question: str) -> dict[str, object]:
        return await asyncio.to_thread(answer, question)

    return RunnableLambda(answer, afunc=answer_async, name="briefbot_answer")
