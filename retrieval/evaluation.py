"""Evaluation against gold questions: retrieval (hit@k, MRR) and answers, per split and style."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from retrieval.answers import Answer
from retrieval.search import Passage


@dataclass(frozen=True)
class GoldQuestion:
    """A question with the documents that answer it (none when it is unanswerable)."""

    qid: str
    question: str
    answerable: bool
    supporting_docs: tuple[str, ...]
    key_facts: tuple[tuple[str, ...], ...]
    style: str = ""  # how it is asked: formal, chat, compare, timed
    split: str = ""  # tune (to tune on) or check (to confirm a change generalizes)


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
                    style=str(raw.get("style", "")),
                    split=str(raw.get("split", "")),
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


@dataclass(frozen=True)
class AnswerScores:
    """Aggregate answer quality: facts covered, abstentions, citations, length, latency."""

    key_fact_recall: float
    answered_when_answerable: float
    abstained_when_unanswerable: float
    citation_validity: float
    mean_words: float
    p50_latency_ms: float
    # Key facts present in what the composer read (passages and neighbours): the ceiling
    # of `key_fact_recall`, so the gap between the two is what composing loses.
    key_facts_read: float = 0.0

    def lines(self) -> list[str]:
        """Lines for the terminal."""
        return [
            f"key-fact recall {self.key_fact_recall:.3f} "
            f"(present in the passages read: {self.key_facts_read:.3f})",
            f"abstention accuracy: answerable {self.answered_when_answerable:.3f}, "
            f"unanswerable {self.abstained_when_unanswerable:.3f}",
            f"citation validity {self.citation_validity:.3f}",
            f"mean answer length {self.mean_words:.0f} words, p50 latency "
            f"{self.p50_latency_ms:.0f} ms",
        ]


def covered_facts(answer_text: str, key_facts: Sequence[Sequence[str]]) -> int:
    """How many key facts have at least one alternative in the answer (case-insensitive)."""
    lowered = answer_text.lower()
    return sum(1 for alts in key_facts if any(a.lower() in lowered for a in alts))


def read_text(answer: Answer) -> str:
    """Everything the composer read: the retrieved passages with their titles."""
    return "\n".join(f"{p.chunk.title}\n{p.chunk.text}" for p in answer.retrieved)


def score_answers(
    results: Sequence[tuple[GoldQuestion, Answer, float]],
    supports: Callable[[str, str], bool],
) -> AnswerScores:
    """Score (question, answer, latency in ms) triples against the gold."""
    answerable = [(q, a) for q, a, _ in results if q.answerable]
    facts = sum(len(q.key_facts) for q, _ in answerable)
    found = sum(covered_facts(a.text(), q.key_facts) for q, a in answerable)
    read = sum(covered_facts(read_text(a), q.key_facts) for q, a in answerable)
    unanswerable = [a for q, a, _ in results if not q.answerable]
    checks = [citation_is_valid(a, supports) for _, a, _ in results if not a.abstained]
    latencies = sorted(ms for _, _, ms in results)
    words = [a.word_count() for _, a, _ in results if not a.abstained]
    return AnswerScores(
        key_fact_recall=found / facts if facts else 0.0,
        answered_when_answerable=_share(not a.abstained for _, a in answerable),
        abstained_when_unanswerable=_share(a.abstained for a in unanswerable),
        citation_validity=_share(checks),
        mean_words=sum(words) / len(words) if words else 0.0,
        p50_latency_ms=latencies[len(latencies) // 2] if latencies else 0.0,
        key_facts_read=read / facts if facts else 0.0,
    )


def question_groups(questions: Sequence[GoldQuestion]) -> list[tuple[str, set[str]]]:
    """All questions, each split, then each style within each split: (label, question ids)."""
    groups = [("all", {q.qid for q in questions})]
    splits = sorted({q.split for q in questions if q.split}, key=lambda s: (s != "tune", s))
    styles = sorted({q.style for q in questions if q.style})
    groups += [(s, {q.qid for q in questions if q.split == s}) for s in splits]
    for split in splits:
        for style in styles:
            ids = {q.qid for q in questions if q.split == split and q.style == style}
            if ids:
                groups.append((f"{split}/{style}", ids))
    return groups


def score_table(
    hybrid: Sequence[tuple[GoldQuestion, Sequence[Passage]]],
    baseline: Sequence[tuple[GoldQuestion, Sequence[Passage]]],
    answered: Sequence[tuple[GoldQuestion, Answer, float]],
    supports: Callable[[str, str], bool],
) -> list[str]:
    """One line per question group: retrieval and answer figures side by side."""
    head = (
        f"{'group':<15}{'n':>4}{'hit@1':>7}{'hit@5':>7}{'MRR':>7}{'dense@5':>8}"
        f"{'read':>7}{'recall':>7}{'answd':>7}{'declnd':>7}{'cited':>7}{'words':>6}{'p50ms':>7}"
    )
    lines = [head]
    for label, ids in question_groups([q for q, _ in hybrid]):
        r = score_retrieval([(q, ps) for q, ps in hybrid if q.qid in ids])
        d = score_retrieval([(q, ps) for q, ps in baseline if q.qid in ids])
        a = score_answers([t for t in answered if t[0].qid in ids], supports)
        lines.append(
            f"{label:<15}{len(ids):>4}{r.hit_at_1:>7.3f}{r.hit_at_5:>7.3f}{r.mrr_at_10:>7.3f}"
            f"{d.hit_at_5:>8.3f}{a.key_facts_read:>7.3f}{a.key_fact_recall:>7.3f}"
            f"{a.answered_when_answerable:>7.3f}{a.abstained_when_unanswerable:>7.3f}"
            f"{a.citation_validity:>7.3f}{a.mean_words:>6.0f}{a.p50_latency_ms:>7.0f}"
        )
    return lines


def citation_is_valid(answer: Answer, supports: Callable[[str, str], bool]) -> bool:
    """Every citation points to a retrieved passage and every sentence is supported by one."""
    retrieved = {p.chunk.chunk_id for p in answer.retrieved}
    by_number = {s.n: s for s in answer.sources}
    for sentence in answer.sentences:
        if not sentence.citations:
            return False
        cited = [by_number.get(n) for n in sentence.citations]
        if any(s is None or not set(s.chunk_ids) <= retrieved for s in cited):
            return False
        if not any(supports(sentence.text, s.passage) for s in cited if s is not None):
            return False
    return True


def _share(flags: Iterable[bool]) -> float:
    values = list(flags)
    return sum(values) / len(values) if values else 1.0


def answer_json(answer: Answer, latency_ms: float) -> dict[str, object]:
    """The answer fields of an evaluation or `ask --json` line."""
    return {
        "answer": answer.text(),
        "abstained": answer.abstained,
        "note": answer.note,
        "citations": citations_json(answer),
        "sections": sections_json(answer),
        "retrieved": retrieved_json(answer.retrieved),
        "latency_ms": round(latency_ms, 1),
    }


def ask_json(question: str, answer: Answer, latency_ms: float) -> dict[str, object]:
    """The value `briefbot ask --json` prints: the question asked, then the answer's fields."""
    return {"question": question, **answer_json(answer, latency_ms)}


def citations_json(answer: Answer) -> list[dict[str, object]]:
    """The numbered sources of an answer, each with the passage it cites."""
    return [
        {
            "n": s.n,
            "doc_id": s.doc_id,
            "title": s.title,
            "publisher": s.publisher,  # "" when the source does not name one
            "url": s.url,
            "date": s.date,
            "passage": s.passage,
        }
        for s in answer.sources
    ]


def sections_json(answer: Answer) -> list[dict[str, object]]:
    """Each side of a comparison with its dated sentences and their source numbers; [] for an
    answer that compares nothing."""
    return [
        {
            "actor": section.actor,
            "sentences": [
                {"text": s.text, "date": s.date, "citations": list(s.citations)}
                for s in section.sentences
            ],
        }
        for section in answer.sections
    ]
