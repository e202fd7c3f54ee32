"""Grid-search the hybrid search knobs on gold questions (run after `make eval` has ingested).

Usage: BRIEFBOT_DATA_DIR=data/eval .venv/bin/python bench/tune_search.py ../shared/eval/dev.jsonl
"""

from __future__ import annotations

import itertools
import sys
import time
from dataclasses import replace
from pathlib import Path

from bot.engine import build_engine
from bot.settings import Settings
from retrieval.evaluation import load_gold, run_retrieval_eval, score_retrieval
from retrieval.reranking import CrossEncoderReranker
from retrieval.search import HybridSearcher


def main() -> None:
    """Print hit@1 / hit@5 / MRR@10 for each combination of knobs."""
    settings = Settings()
    engine = build_engine(settings)
    questions = load_gold(Path(sys.argv[1]))
    base = settings.search()
    reranker = CrossEncoderReranker()
    grid = itertools.product([0.3, 0.4, 0.5, 0.6, 0.7], [30, 60], [1, 2], [0, 10, 20])
    for weight, candidates, per_doc, rerank in grid:
        if rerank and (candidates != 60 or per_doc != 1):
            continue
        config = replace(
            base,
            dense_weight=weight,
            dense_candidates=candidates,
            keyword_candidates=candidates,
            max_per_doc=per_doc,
            rerank_candidates=rerank,
        )
        searcher = HybridSearcher(engine.index, engine.embedder, config, reranker)
        started = time.perf_counter()
        results = run_retrieval_eval(questions, lambda q, s=searcher: s.search(q, 10))
        ms = 1000 * (time.perf_counter() - started) / len(questions)
        print(
            f"w={weight} cand={candidates} per_doc={per_doc} rerank={rerank}: "
            f"{score_retrieval(results).line()}  {ms:.0f} ms/q",
            flush=True,
        )


if __name__ == "__main__":
    main()
