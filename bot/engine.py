"""Builds the retrieval engine and the answer composer from the settings."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from langchain_core.runnables import Runnable

from bot.settings import Settings
from retrieval.actors import load_aliases
from retrieval.answers import Composer
from retrieval.embedding import BgeEmbedder
from retrieval.extractive import ExtractiveComposer, ExtractiveConfig
from retrieval.index import Index
from retrieval.langchain_adapters import BriefbotRetriever, answer_runnable
from retrieval.llm_composer import LLMComposer, build_chat_model
from retrieval.reranking import CrossEncoderReranker
from retrieval.search import HybridSearcher
from retrieval.sides import SideBySideComposer
from retrieval.store import ChunkStore, new_chunks, open_client
from retrieval.timeline import Timeline, build_timeline


@dataclass
class Engine:
    """The pieces the commands and chat front ends use."""

    index: Index
    embedder: BgeEmbedder
    searcher: HybridSearcher
    composer: Composer
    # A language model told to keep each story to a sentence or two; None: the digest quotes
    # each story's lede from its reports.
    digest_composer: Composer | None
    retriever: BriefbotRetriever  # the search for LangChain chains and agents
    answerer: Runnable[str, dict[str, object]]  # a question in, the `ask --json` value out


def keyword_dir(settings: Settings) -> Path:
    """Where this process keeps the keyword index for the configured collection and store."""
    where = "local"
    if settings.chroma_url:
        where = "server-" + re.sub(r"[^A-Za-z0-9]+", "_", settings.chroma_url)
    return settings.data_dir / "keyword" / f"{where}-{settings.chroma_collection}"


def build_engine(settings: Settings) -> Engine:
    """Open (or create) the index, load the models, and pick the composer."""
    client = open_client(settings.data_dir, settings.chroma_url or None)
    index = Index(ChunkStore(client, settings.chroma_collection), keyword_dir(settings))
    embedder = BgeEmbedder(batch_size=settings.embed_batch_size, threads=settings.onnx_threads)
    config = settings.search()
    passage_reranker = (
        CrossEncoderReranker(threads=settings.onnx_threads) if config.rerank_candidates else None
    )
    aliases = load_aliases()
    # "What did Zelensky say yesterday?" is asked on a day: the machine's.
    names = [n for actor, listed in aliases.items() for n in (actor, *listed)]
    searcher = HybridSearcher(
        index, embedder, config, passage_reranker, today=date.today, names=names
    )
    # The cross-encoder judges single sentences for the extractive composer: short inputs.
    sentence_judge = CrossEncoderReranker(max_tokens=96, threads=settings.onnx_threads)

    def rarity(terms: Iterable[str]) -> dict[str, float]:
        # Looked up on every answer: the keyword index is replaced when the corpus changes.
        return index.keyword().idf(terms)

    def share(terms: Iterable[str]) -> dict[str, float]:
        return index.keyword().share(terms)

    judged = settings.judged_sentences
    extractive = ExtractiveComposer(
        sentence_judge.score,
        rarity,
        share,
        ExtractiveConfig(judged_sentences=judged),
        aliases,
        searcher.sentence_vectors,
    )
    # The language model's fallback for digest items, should it fail.
    brief = ExtractiveComposer(
        sentence_judge.score,
        rarity,
        share,
        # A digest item's "question" is a headline, not something a reader asked.
        ExtractiveConfig(
            max_sentences=2,
            max_words=70,
            judged_sentences=judged,
            distinctive_share=0.0,
            period_bonus=0.0,
        ),
    )
    composer: Composer = extractive
    digest_composer: Composer | None = None
    if settings.llm_model:
        key, base_url = settings.llm_credentials()
        model = build_chat_model(
            settings.llm_model,
            api_key=key,
            base_url=base_url,
            timeout=settings.llm_timeout_seconds,
            max_retries=settings.llm_max_retries,
        )
        prompt = (settings.prompts_dir / "answer.md").read_text(encoding="utf-8")
        composer = LLMComposer(model, prompt, extractive, settings.llm_timeout_seconds)
        digest_composer = LLMComposer(model, prompt, brief, settings.llm_timeout_seconds)
    # A question setting sides against each other is answered per side, from their own words.
    composer = SideBySideComposer(extractive, composer, aliases)
    retriever = BriefbotRetriever(searcher=searcher, k=settings.search_k)
    answerer = answer_runnable(searcher, composer, settings.search_k)
    return Engine(index, embedder, searcher, composer, digest_composer, retriever, answerer)


def find_timeline(engine: Engine, topic: str, since: str = "", until: str = "") -> Timeline:
    """The developments on a topic between two dates (either may be ""), newest first."""
    # Every dated passage of the period, with its vector; the day `since` itself included.
    chunks = new_chunks(engine.index.store, since or _EARLIEST, 0.0, until)
    return build_timeline(chunks, topic, since, until, engine.embedder.embed_query(topic))


_EARLIEST = "1900-01-01"
