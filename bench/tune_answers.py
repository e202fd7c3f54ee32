"""Calibrate the extractive composer on gold questions (run after `make eval` has ingested).

Usage: BRIEFBOT_DATA_DIR=data/eval .venv/bin/python bench/tune_answers.py ../shared/eval/dev.jsonl
Prints, per question, the best sentence's relevance (what the abstention threshold is compared
with) and the key facts found, then the scores of a few settings.
"""

from __future__ import annotations

import sys
import time
from dataclasses import replace
from pathlib import Path

from bot.engine import build_engine
from bot.settings import Settings
from retrieval.evaluation import covered_facts, load_gold
from retrieval.extractive import ExtractiveComposer, ExtractiveConfig
from retrieval.reranking import CrossEncoderReranker


def main() -> None:
    """Per-question evidence, then a sweep."""
    settings = Settings()
    engine = build_engine(settings)
    questions = load_gold(Path(sys.argv[1]))
    keyword = engine.index.keyword()
    reranker = CrossEncoderReranker(max_tokens=96)
    # The same context the bot composes from: the top passages and their neighbours.
    retrieved = {
        q.qid: engine.searcher.to_read(
            q.question, engine.searcher.search(q.question, settings.search_k)
        )
        for q in questions
    }
    base = ExtractiveConfig()
    composer = ExtractiveComposer(reranker.score, keyword.idf, keyword.share, base)
    for q in questions:
        answer = composer.compose(q.question, retrieved[q.qid])
        best = composer.candidates(q.question, retrieved[q.qid])[:1]
        print(
            f"{q.qid} {'A' if q.answerable else 'U'} "
            f"relevance={best[0].relevance if best else float('nan'):.2f} "
            f"facts {covered_facts(answer.text(), q.key_facts)}/{len(q.key_facts)} "
            f"{'ABSTAINED' if answer.abstained else f'{answer.word_count()} words'}"
        )
    variants = {"default": base}
    for value in (-1.0, 0.5, 1.0):
        variants[f"min_relevance={value}"] = replace(base, min_relevance=value)
    for words in (120, 140):
        variants[f"max_words={words}"] = replace(base, max_words=words)
    for subject in (2, 4):
        variants[f"subject_terms={subject}"] = replace(base, subject_terms=subject)
    for redundancy in (0.4, 0.5):
        variants[f"redundancy={redundancy}"] = replace(base, redundancy=redundancy)
    for sentences in (4, 6):
        variants[f"max_sentences={sentences}"] = replace(base, max_sentences=sentences)
    for redundancy, sentences in ((0.5, 6), (0.5, 7), (0.4, 6)):
        variants[f"redundancy={redundancy},max_sentences={sentences}"] = replace(
            base, redundancy=redundancy, max_sentences=sentences
        )
    for keep in (3.0, 6.0):
        variants[f"keep_within={keep}"] = replace(base, keep_within=keep)
    for judged in (0, 12, 16, 24, 32):
        variants[f"judged_sentences={judged}"] = replace(base, judged_sentences=judged)
    for name, config in variants.items():
        c = ExtractiveComposer(reranker.score, keyword.idf, keyword.share, config)
        started = time.perf_counter()
        answers = [(q, c.compose(q.question, retrieved[q.qid])) for q in questions]
        ms = 1000 * (time.perf_counter() - started) / len(questions)
        ok_a = [not a.abstained for q, a in answers if q.answerable]
        ok_u = [a.abstained for q, a in answers if not q.answerable]
        facts = sum(covered_facts(a.text(), q.key_facts) for q, a in answers if q.answerable)
        total = sum(len(q.key_facts) for q in questions if q.answerable)
        words = [a.word_count() for _, a in answers if not a.abstained]
        print(
            f"{name}: answered {sum(ok_a)}/{len(ok_a)}, abstained {sum(ok_u)}/{len(ok_u)}, "
            f"key facts {facts}/{total} = {facts / total:.3f}, "
            f"mean {sum(words) / max(1, len(words)):.0f} words, compose {ms:.0f} ms"
        )


if __name__ == "__main__":
    main()
