"""Score answer and search settings on the gold questions quickly, per split and style.

Usage (after `make eval` has ingested the shared corpus):
  BRIEFBOT_DATA_DIR=data/eval .venv/bin/python -m bench.tune_quality ../shared/eval/dev.jsonl \
      [search.KNOB=V1,V2 ...] [answer.KNOB=V1,V2 ...] [--out=RESULTS.jsonl] [--no-read] [--table]

Every combination of the values given is scored. Search results and the cross-encoder's
sentence scores are cached in bench/cache/, so a composer setting is scored in seconds;
latency comes from `briefbot eval`, not from here.
"""

from __future__ import annotations

import hashlib
import itertools
import json
import pickle
import sys
from dataclasses import fields, replace
from pathlib import Path
from typing import Any

import numpy as np

from bot.engine import build_engine
from bot.settings import Settings
from retrieval.actors import load_aliases
from retrieval.citations import supports
from retrieval.evaluation import GoldQuestion, answer_json, load_gold, score_table
from retrieval.extractive import ExtractiveComposer, ExtractiveConfig
from retrieval.reranking import CrossEncoderReranker
from retrieval.search import HybridSearcher, Passage, SearchConfig

CACHE = Path(__file__).parent / "cache"
Retrieved = dict[str, tuple[str, list[Passage], list[Passage]]]


def _typed(config: Any, key: str, value: str) -> Any:
    kind = {f.name: f.type for f in fields(config)}[key]
    if str(kind) == "bool":
        return value.lower() in ("1", "true", "yes")
    return {"int": int, "float": float, "str": str}[str(kind)](value)


def _search(
    engine: Any, settings: Settings, config: SearchConfig, questions: list[GoldQuestion]
) -> Retrieved:
    searcher = HybridSearcher(engine.index, engine.embedder, config)
    plain = "--no-read" in sys.argv
    generation = engine.index.keyword().generation
    reads = [q.question if plain else searcher.read(q.question) for q in questions]
    # The version names what the searcher read: 2 added the reranker, 4 what `to_read` adds,
    # 5 who speaks where each passage opens (6: its turns read after any break), 7 a name
    # opening the question when set against another, 8 "differ from" splitting its parts,
    # 9 a part's passages read from documents already read.
    key = repr((config, generation, settings.search_k, reads, "searcher v9"))
    cached = CACHE / f"quality-search-{hashlib.sha1(key.encode()).hexdigest()[:12]}.pkl"
    if cached.exists():
        found: Retrieved = pickle.loads(cached.read_bytes())
        return found
    if config.rerank_candidates:
        searcher = HybridSearcher(engine.index, engine.embedder, config, CrossEncoderReranker())
    found = {}
    for q, read in zip(questions, reads, strict=True):
        top = searcher.search(read, max(10, settings.search_k))
        found[q.qid] = (read, top, searcher.to_read(read, top[: settings.search_k]))
    cached.write_bytes(pickle.dumps(found))
    return found


def main() -> None:
    """Print the tune and check figures of each combination of settings."""
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    out = next((Path(a.split("=", 1)[1]) for a in sys.argv if a.startswith("--out=")), None)
    gold, overrides = Path(args[0]), args[1:]
    settings = Settings()
    engine = build_engine(settings)
    questions = load_gold(gold)
    keyword = engine.index.keyword()
    CACHE.mkdir(exist_ok=True)
    judge = CrossEncoderReranker(max_tokens=96)  # as bot/engine.py judges
    # Scores are kept per question and whole list of sentences judged: the INT8 model
    # quantizes each batch by its own range, so a sentence's score depends on its company.
    scores_file = CACHE / "quality-judged-scores-b8.pkl"
    memo: dict[tuple[str, tuple[str, ...]], list[float]] = (
        pickle.loads(scores_file.read_bytes()) if scores_file.exists() else {}
    )

    def score(question: str, sentences: Any) -> Any:
        key = (question, tuple(sentences))
        if key not in memo:
            memo[key] = [float(v) for v in judge.score(question, list(sentences))]
        return np.array(memo[key], dtype=np.float32)

    grid = [
        [(item.split("=", 1)[0], v) for v in item.split("=", 1)[1].split(",")] for item in overrides
    ]
    aliases = load_aliases()
    for combo in itertools.product(*grid) if grid else [()]:
        search = settings.search()
        answer = ExtractiveConfig(judged_sentences=settings.judged_sentences)
        for key, value in combo:
            group, knob = key.split(".", 1)
            if group == "search":
                search = replace(search, **{knob: _typed(search, knob, value)})
            else:
                answer = replace(answer, **{knob: _typed(answer, knob, value)})
        retrieved = _search(engine, settings, search, questions)
        composer = ExtractiveComposer(
            score, keyword.idf, keyword.share, answer, aliases, engine.searcher.sentence_vectors
        )
        answered = []
        for q in questions:
            read, _, context = retrieved[q.qid]
            a = composer.compose(read, context)
            answered.append((q, replace(a, retrieved=tuple(context)), 0.0))
        scores_file.write_bytes(pickle.dumps(memo))
        hybrid = [(q, retrieved[q.qid][1]) for q in questions]
        table = score_table(hybrid, hybrid, answered, supports)
        label = " ".join(f"{k}={v}" for k, v in combo) or "defaults"
        if "--table" in sys.argv:
            print(label, *table, sep="\n")
        else:
            rows = {r.split()[0]: r for r in table[1:]}
            print(f"{label:<60} tune: {_brief(rows['tune'])}  check: {_brief(rows['check'])}")
        sys.stdout.flush()
        if out:
            with out.open("w", encoding="utf-8") as f:
                for q, a, _ in answered:
                    line = {"id": q.qid, "read": retrieved[q.qid][0], **answer_json(a, 0.0)}
                    f.write(json.dumps(line, ensure_ascii=False) + "\n")


def _brief(row: str) -> str:
    """hit@5, recall, answered, declined, words from a score_table row."""
    cells = row.split()
    return f"hit5 {cells[3]} rec {cells[7]} ans {cells[8]} dec {cells[9]} w {cells[11]}"


if __name__ == "__main__":
    main()
