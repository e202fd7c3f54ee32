"""Check timelines built for the gold `timed` questions: each entry's date against its source,
and against the period the question asks about; and the key facts the timeline carries.

Usage (after `make eval` has ingested the shared corpus):
  BRIEFBOT_DATA_DIR=data/eval .venv/bin/python -m bench.timeline_dates ../shared/eval/dev.jsonl

A question's period is the first date or period it names (a date without a year is read in
the newest year of the corpus it can mean); questions naming none get an open timeline.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from bot.engine import build_engine, find_timeline
from bot.settings import Settings
from retrieval.evaluation import covered_facts, load_gold
from retrieval.periods import question_periods

NEWEST = date(2026, 2, 28)  # the shared corpus runs to February 2026


def main(path: str) -> int:
    """Print one line per question and the totals per split."""
    engine = build_engine(Settings())
    totals: dict[str, list[int]] = {}
    for q in load_gold(Path(path)):
        if q.style != "timed":
            continue
        periods = question_periods(q.question)
        since = until = ""
        if periods:
            # A date given without a year: the newest such day the corpus can hold.
            every = periods[0].spans(range(2020, NEWEST.year + 1))
            spans = [s for s in every if s[0] <= NEWEST] or every
            since, until = (d.isoformat() for d in spans[-1])
        timeline = find_timeline(engine, q.question, since, until)
        entries = timeline.entries
        # The date is the quoted report's own, and lies in the period asked about.
        own = sum(
            1
            for e in entries
            for s in e.answer.sources
            if s.n == e.answer.sentences[0].citations[0] and s.date == e.date
        )
        inside = sum(1 for e in entries if (not since or since <= e.date <= until))
        text = " ".join(e.answer.text() for e in entries)
        facts = covered_facts(text, q.key_facts)
        row = totals.setdefault(q.split, [0, 0, 0, 0, 0])
        for i, v in enumerate([len(entries), own, inside, facts, len(q.key_facts)]):
            row[i] += v
        print(
            f"{q.qid} {q.split:<5} period {since or '-'}..{until or '-'}  entries {len(entries)}"
            f"  own date {own}  in period {inside}  key facts {facts}/{len(q.key_facts)}"
        )
    for split, (n, own, inside, facts, all_facts) in sorted(totals.items()):
        print(
            f"{split}: {n} entries, date = quoted source's {own}/{n}, in the asked period "
            f"{inside}/{n}; key facts in the timeline {facts}/{all_facts}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
