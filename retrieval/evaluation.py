"""Retrieval evaluation against gold questions: hit@1, hit@5, MRR@10."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from retrieval.search import Passage


@dataclass(frozen=True)
class GoldQuestion:
    """A question with the documents that answer it (none when it is unanswerable)."""

    qid: str
    question: str
    answerable: bool
    supporting_docs: tuple[str, ...]
    key_facts: tuple[tuple[str, ...], ...]


def load_gold(path: Path) -> list[GoldQuestion]:
    """Read gold questions in the shared JSONL format; a bad line raises with its number."""
    questions = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            raw = json.loads(line)
            questions.append(
                GoldQuestion(
                    qid=str(raw["id"]),
                    question=str(raw["question"]),
                    answerable=bool(raw.get("answerable", True)),
                    supporting_docs=tuple(raw.get("supporting_docs", [])),
                    key_facts=tuple(tuple(f) for f in raw.get("key_facts", [])),
                )
            )
        except (ValueError, KeyError, TypeError) as exc:
            raise ValueError(f"{path}:{n}: not a gold question ({exc})") from exc
    return questions


def first_hit_rank(passages: Sequence[Passage], supporting: Iterable[str]) -> int | None:
    """1-based rank of the first passage from a supporting document, if any."""
    wanted = set(supporting)
    for rank, p in enumerate(passages, start=1):
        if p.chunk.doc_id in wanted:
            return rank
    return None


@dataclass(frozen=True)
class RetrievalScores:
    """Aggregate retrieval quality over the answerable questions."""

    questions: int
    hit_at_1: float
    hit_at_5: float
    mrr_at_10: float

    def line(self) -> str:
        """One line for the terminal."""
        return (
            f"hit@1 {self.hit_at_1:.3f}  hit@5 {self.hit_at_5:.3f}  "
            f"MRR@10 {self.mrr_at_10:.3f}  ({self.questions} answerable questions)"
        )


def score_retrieval(results: Sequence[tuple[GoldQuestion, Sequence[Passage]]]) -> RetrievalScores:
    """hit@1, hit@5 and MRR@10 over the answerable questions."""
    ranks = [
        first_hit_rank(list(passages)[:10], q.supporting_docs)
        for q, passages in results
        if q.answerable and q.supporting_docs
    ]
    n = len(ranks)
    if n == 0:
        return RetrievalScores(0, 0.0, 0.0, 0.0)
    return RetrievalScores(
        questions=n,
        hit_at_1=sum(1 for r in ranks if r == 1) / n,
        hit_at_5=sum(1 for r in ranks if r is not None and r <= 5) / n,
        mrr_at_10=sum(1.0 / r for r in ranks if r is not None) / n,
    )


def retrieved_json(passages: Sequence[Passage]) -> list[dict[str, object]]:
    """The `retrieved` field of an evaluation line."""
    return [
        {"doc_id": p.chunk.doc_id, "chunk_id": p.chunk.chunk_id, "score": round(p.score, 6)}
        for p in passages
    ]


def run_retrieval_eval(
    questions: Sequence[GoldQuestion], search: Callable[[str], list[Passage]]
) -> list[tuple[GoldQuestion, list[Passage]]]:
    """Search every question."""
    return [(q, search(q.question)) for q in questions]
