"""Score answer and search settings on the gold questions quickly, per split and style.

Usage (after `make eval` has ingested the shared corpus):
  BRIEFBOT_DATA_DIR=data/eval .venv/bin/python -m bench.tune_quality ../shared/eval/dev.jsonl \
      [search.KNOB=VALUE ...] [answer.KNOB=VALUE ...] [--out=RESULTS.jsonl] [--no-read]

Search results and the cross-encoder's sentence scores are cached in bench/cache/, so a
composer setting is scored in seconds; latency figures come from `briefbot eval`, not here.
"""

from __future__ import annotations

import hashlib
import json
import pickle
import sys
import time
from dataclasses import fields, replace
from pathlib import Path
from typing import Any

import numpy as np

from bot.engine import build_engine
from bot.settings import Settings
from retrieval.actors import load_aliases
from retrieval.citations import supports
from retrieval.evaluation import answer_json, load_gold, score_table
from retrieval.extractive import ExtractiveComposer, ExtractiveConfig
from retrieval.reranking import CrossEncoderReranker
from retrieval.search import HybridSearcher

CACHE = Path(__file__).parent / "cache"


def _typed(config: Any, key: str, value: str) -> Any:
    kind = {f.name: f.type for f in fields(config)}[key]
    return {"int": int, "float": float, "str": str}[str(kind)](value)


def main() -> None:
    """Print the score table for the given settings."""
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    out = next((Path(a.split("=", 1)[1]) for a in sys.argv if a.startswith("--out=")), None)
    gold, overrides = Path(args[0]), args[1:]
    settings = Settings()
    engine = build_engine(settings)
    search, answer = settings.search(), ExtractiveConfig()
    for item in overrides:
        key, value = item.split("=", 1)
        group, knob = key.split(".", 1)
        if group == "search":
            search = replace(search, **{knob: _typed(search, knob, value)})
        else:
            answer = replace(answer, **{knob: _typed(answer, knob, value)})
    questions = load_gold(gold)
    searcher = HybridSearcher(engine.index, engine.embedder, search)
    keyword = engine.index.keyword()
    plain = "--no-read" in sys.argv
    key = hashlib.sha1(
        repr((search, keyword.generation, settings.search_k, plain)).encode()
    ).hexdigest()
    CACHE.mkdir(exist_ok=True)
    cached = CACHE / f"quality-search-{key[:12]}.pkl"
    if cached.exists():
        retrieved = pickle.loads(cached.read_bytes())
    else:
        retrieved = {}
        for q in questions:
            read = q.question if "--no-read" in sys.argv else searcher.read(q.question)
            top = searcher.search(read, 10)
            retrieved[q.qid] = (read, top, searcher.with_neighbours(top[: settings.search_k]))
        cached.write_bytes(pickle.dumps(retrieved))
    judge = CrossEncoderReranker(max_tokens=96)
    scores_file = CACHE / "quality-sentence-scores.pkl"
    memo: dict[tuple[str, str], float] = (
        pickle.loads(scores_file.read_bytes()) if scores_file.exists() else {}
    )

    def score(question: str, sentences: Any) -> Any:
        todo = [s for s in sentences if (question, s) not in memo]
        if todo:
            for s, v in zip(todo, judge.score(question, todo), strict=True):
                memo[(question, s)] = float(v)
        return np.array([memo[(question, s)] for s in sentences], dtype=np.float32)

    composer = ExtractiveComposer(score, keyword.idf, keyword.share, answer, load_aliases())
    started = time.perf_counter()
    answered = []
    for q in questions:
        read, _, context = retrieved[q.qid]
        a = composer.compose(read, context)
        answered.append((q, replace(a, retrieved=tuple(context)), 0.0))
    scores_file.write_bytes(pickle.dumps(memo))
    hybrid = [(q, retrieved[q.qid][1]) for q in questions]
    print(f"search {search}\nanswer {answer}")
    for row in score_table(hybrid, hybrid, answered, supports):
        print(row)
    print(f"({time.perf_counter() - started:.1f} s to compose)")
    if out:
        with out.open("w", encoding="utf-8") as f:
            for q, a, _ in answered:
                line = {"id": q.qid, "read": retrieved[q.qid][0], **answer_json(a, 0.0)}
                f.write(json.dumps(line, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
