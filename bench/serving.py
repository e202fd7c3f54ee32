"""Measures one serving process on an index: latency, 50 concurrent questions, peak memory.

Run by `bench/scale.py` in a fresh process per corpus size, so peak memory is that size's alone:
    BRIEFBOT_DATA_DIR=DIR python -m bench.serving GOLD.jsonl
"""

from __future__ import annotations

import asyncio
import json
import re
import statistics
import sys
import time
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from bench.corpora import original_id
from bot.conversation import Conversations
from bot.engine import Engine, build_engine
from bot.settings import Settings
from retrieval.answers import Answer
from retrieval.evaluation import load_gold
from retrieval.extractive import ExtractiveComposer
from retrieval.search import Passage

CONCURRENT = 50


def percentiles(ms: Sequence[float]) -> dict[str, float]:
    """p50 and p95 of a list of milliseconds."""
    ordered = sorted(ms)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {"p50": round(statistics.median(ordered), 1), "p95": round(p95, 1)}


class _TimedComposer:
    """Wraps the engine's composer to learn how much of an answer's time composing takes."""

    def __init__(self, engine: Engine) -> None:
        self.inner = engine.composer
        self.ms: list[float] = []

    def compose(self, question: str, passages: Sequence[Passage]) -> Answer:
        started = time.perf_counter()
        answer = self.inner.compose(question, passages)
        self.ms.append(1000 * (time.perf_counter() - started))
        return answer


async def _concurrent(conversations: Conversations, questions: list[str]) -> dict[str, Any]:
    """Ask all questions at once from different chats; watch how late the event loop runs."""
    stall = 0.0
    running = True

    async def watch() -> None:
        nonlocal stall
        while running:
            before = time.perf_counter()
            await asyncio.sleep(0.01)
            stall = max(stall, time.perf_counter() - before - 0.01)

    async def one(n: int, question: str) -> float:
        started = time.perf_counter()
        await conversations.ask(f"bench:{n}", question)
        return 1000 * (time.perf_counter() - started)

    watcher = asyncio.create_task(watch())
    started = time.perf_counter()
    latencies = await asyncio.gather(*(one(n, q) for n, q in enumerate(questions)))
    wall = time.perf_counter() - started
    running = False
    await watcher
    return {
        "questions": len(questions),
        **percentiles(latencies),
        "wall_s": round(wall, 2),
        "max_loop_stall_ms": round(1000 * stall, 1),
    }


def _peak_mb() -> int:
    """This process's peak resident memory so far, in MB.

    VmHWM, not getrusage's ru_maxrss: on Linux the latter survives exec, so a process
    started by a big parent reports the parent's peak.
    """
    status = Path("/proc/self/status").read_text(encoding="utf-8")
    return round(int(re.search(r"VmHWM:\s+(\d+)", status).group(1)) / 1024)  # type: ignore[union-attr]


def main() -> None:
    """Print one JSON object of measurements for the index in BRIEFBOT_DATA_DIR."""
    gold = load_gold(Path(sys.argv[1]))
    started = time.perf_counter()
    settings = Settings()
    engine = build_engine(settings)
    engine.index.keyword()
    engine.searcher.search("warm up", 5)
    start_s = time.perf_counter() - started
    peaks = {"started": _peak_mb()}

    search_ms, hits = [], 0
    answerable = [g for g in gold if g.answerable]
    for rep in range(2):
        for g in gold:
            t = time.perf_counter()
            top = engine.searcher.search(g.question, 5)
            search_ms.append(1000 * (time.perf_counter() - t))
            if rep == 0 and g.answerable:
                hits += bool({original_id(p.chunk.doc_id) for p in top} & set(g.supporting_docs))

    peaks["searched"] = _peak_mb()
    timed = _TimedComposer(engine)
    engine.composer = timed
    conversations = Conversations(engine, settings.search_k)
    answer_ms = []
    for n, g in enumerate(gold):
        answer_ms.append(conversations.ask_sync(f"serial:{n}", g.question).latency_ms)
    engine.composer = timed.inner
    peaks["answered"] = _peak_mb()

    # The same questions with BRIEFBOT_JUDGED_SENTENCES=16: the fast setting's cost.
    composer = engine.composer
    assert isinstance(composer, ExtractiveComposer)
    default = composer.config
    composer.config = replace(default, judged_sentences=16)
    fast_ms = [
        conversations.ask_sync(f"fast:{n}", g.question).latency_ms for n, g in enumerate(gold)
    ]
    composer.config = default

    questions = [gold[n % len(gold)].question for n in range(CONCURRENT)]
    pool = Conversations(engine, settings.search_k, workers=settings.answer_workers)
    concurrent = asyncio.run(_concurrent(pool, questions))

    peaks["concurrent"] = _peak_mb()
    print(
        json.dumps(
            {
                "chunks": engine.index.store.count(),
                "start_s": round(start_s, 2),
                "search_ms": percentiles(search_ms),
                "answer_ms": percentiles(answer_ms),
                "compose_ms": percentiles(timed.ms),
                "answer_ms_judged_16": percentiles(fast_ms),
                "hit_at_5": round(hits / len(answerable), 3),
                "concurrent": concurrent,
                "peak_rss_mb": peaks["concurrent"],
                "peak_rss_mb_by_stage": peaks,
            }
        )
    )


if __name__ == "__main__":
    main()
