"""Ingestion, latency, memory and concurrency at about 2k, 20k and 100k chunks, beside the baseline.

Usage (from the repository root; about 40 minutes the first time, most of it embedding):
    make bench
which runs
    .venv/bin/python -m bench.scale --gold ../shared/eval/dev.jsonl corpus ../shared/corpus
Results: bench/results/scale.json, bench/results/latency.png, and a Markdown summary printed.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from bench import baseline
from bench.corpora import first_documents, load_real_corpus, original_id, replicated
from bench.serving import percentiles
from bench.vectors import CachingEmbedder, TimedEmbedder
from bot.engine import build_engine
from bot.settings import Settings
from retrieval.chunking import chunk_document
from retrieval.documents import Document
from retrieval.embedding import BgeEmbedder
from retrieval.evaluation import GoldQuestion, load_gold
from retrieval.ingest import ingest


def _corpus_for(
    size: int, docs: Sequence[Document], count: Callable[[Document], int], real_chunks: int
) -> list[Document]:
    if size >= real_chunks:
        return replicated(docs, size, count)
    return first_documents(docs, size, count)


def _ours(
    label: str,
    docs: Sequence[Document],
    embedder: TimedEmbedder,
    work: Path,
    gold_path: Path,
) -> dict[str, Any]:
    """Ingest `docs` into a fresh data dir twice, then measure a serving process on it."""
    data_dir = work / f"ours-{label}"
    shutil.rmtree(data_dir, ignore_errors=True)
    settings = Settings(data_dir=data_dir)
    engine = build_engine(settings)
    before_s, before_n = embedder.seconds, embedder.embedded
    started = time.perf_counter()
    report = ingest(docs, engine.index, embedder, settings.chunking())
    ingest_s = time.perf_counter() - started
    started = time.perf_counter()
    again = ingest(docs, engine.index, embedder, settings.chunking())
    reingest_s = time.perf_counter() - started
    assert again.chunks_embedded == 0, "an unchanged corpus was embedded again"
    chunks = engine.index.store.count()
    del engine
    row: dict[str, Any] = {
        "label": label,
        "documents": len(docs),
        "chunks": chunks,
        "ingest_s": round(ingest_s, 1),
        "chunks_per_s": round(chunks / ingest_s, 1),
        "embedded_by_model": embedder.embedded - before_n,
        "model_s": round(embedder.seconds - before_s, 1),
        "reingest_s": round(reingest_s, 2),
        "reingest_speedup": round(ingest_s / reingest_s, 1),
        "chunks_embedded": report.chunks_embedded,
    }
    print(f"[ours {label}] ingest: {json.dumps(row)}", flush=True)
    env = {**os.environ, "BRIEFBOT_DATA_DIR": str(data_dir)}
    measured = subprocess.run(
        [sys.executable, "-m", "bench.serving", str(gold_path)],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    row["serving"] = json.loads(measured.stdout.strip().splitlines()[-1])
    print(f"[ours {label}] serving: {json.dumps(row['serving'])}", flush=True)
    return row


def _pure_embedding(model: BgeEmbedder, docs: Sequence[Document], settings: Settings) -> float:
    """Seconds the model alone takes to embed the same passages in one call."""
    texts = [c.indexed_text() for d in docs for c in chunk_document(d, settings.chunking())]
    started = time.perf_counter()
    model.embed_passages(texts)
    return time.perf_counter() - started


def _baseline(
    label: str,
    docs: Sequence[Document],
    embedder: CachingEmbedder,
    work: Path,
    gold: Sequence[GoldQuestion],
) -> dict[str, Any]:
    """Build the tutorial pipeline on the same documents; time its search and score its hit@5."""
    where = work / f"baseline-{label}"
    shutil.rmtree(where, ignore_errors=True)
    splits = baseline.split(docs)
    before_s, before_n = embedder.seconds, embedder.embedded
    started = time.perf_counter()
    store = baseline.build(splits, baseline.SameModel(embedder), where)
    build_s = time.perf_counter() - started
    baseline.search(store, "warm up")
    ms, hits = [], 0
    answerable = [g for g in gold if g.answerable]
    for rep in range(2):
        for g in gold:
            t = time.perf_counter()
            top = baseline.search(store, g.question)
            ms.append(1000 * (time.perf_counter() - t))
            if rep == 0 and g.answerable:
                hits += bool({original_id(d) for d in top} & set(g.supporting_docs))
    row = {
        "label": label,
        "documents": len(docs),
        "chunks": len(splits),
        "build_s": round(build_s, 1),
        "embedded_by_model": embedder.embedded - before_n,
        "model_s": round(embedder.seconds - before_s, 1),
        "search_ms": percentiles(ms),
        "hit_at_5": round(hits / len(answerable), 3),
    }
    print(f"[baseline {label}] {json.dumps(row)}", flush=True)
    return row


def _label(size: int, real_chunks: int) -> str:
    if size == real_chunks:
        return "real"
    return f"{size // 1000}k" if size >= 1000 else str(size)


def _plot(results: dict[str, Any], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(9.5, 4.5))
    ours = results["ours"]
    base = results["baseline"]
    xs = [r["chunks"] for r in ours]
    served = [r["serving"] for r in ours]
    ax.plot(xs, [s["search_ms"]["p50"] for s in served], "o-", label="briefbot search p50")
    ax.plot(xs, [s["search_ms"]["p95"] for s in served], "o--", label="briefbot search p95")
    ax.plot(xs, [s["answer_ms"]["p50"] for s in served], "s-", label="briefbot answer p50")
    ax.plot(
        xs,
        [s["answer_ms_judged_16"]["p50"] for s in served],
        "s--",
        label="briefbot answer p50, 16 judged sentences",
    )
    bx = [r["chunks"] for r in base]
    ax.plot(bx, [r["search_ms"]["p50"] for r in base], "^-", label="LangChain baseline search p50")
    ax.plot(bx, [r["search_ms"]["p95"] for r in base], "^--", label="LangChain baseline search p95")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("passages in the index")
    ax.set_ylabel("milliseconds")
    ax.set_title("Latency against corpus size (2 cores)")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(fontsize=8, loc="center left", bbox_to_anchor=(1.02, 0.5))
    fig.tight_layout()
    fig.savefig(path, dpi=120)


def main() -> None:
    """Run every measurement and write the results."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="+", type=Path, help="real corpus files and folders")
    parser.add_argument("--gold", type=Path, required=True)
    parser.add_argument("--sizes", default="2000,20000,100000")
    parser.add_argument("--work", type=Path, default=Path("bench/cache"))
    parser.add_argument("--out", type=Path, default=Path("bench/results"))
    args = parser.parse_args()

    settings = Settings()
    docs = load_real_corpus(args.corpus)
    gold = load_gold(args.gold)
    counts = {d.doc_id: len(chunk_document(d, settings.chunking())) for d in docs}
    real_chunks = sum(counts.values())

    def count(doc: Document) -> int:
        return counts[original_id(doc.doc_id)]

    model = BgeEmbedder(batch_size=settings.embed_batch_size)
    cache = CachingEmbedder(model, args.work / "vectors.npz")
    sizes = sorted({int(s) for s in args.sizes.split(",")} | {real_chunks})
    results: dict[str, Any] = {"ours": [], "baseline": [], "real_chunks": real_chunks}
    for size in sizes:
        label = _label(size, real_chunks)
        corpus = docs if size == real_chunks else _corpus_for(size, docs, count, real_chunks)
        # The smallest size and the real corpus are embedded by the model every run, so their
        # ingestion figures are real; the scaled-up copies reuse the vectors of their originals.
        embedder: TimedEmbedder = cache
        if size == sizes[0]:
            embedder = TimedEmbedder(model)
        cache.reuse = size != real_chunks  # the real corpus is embedded, and remembered
        row = _ours(label, corpus, embedder, args.work, args.gold)
        cache.reuse = True
        if size == sizes[0]:
            row["pure_embedding_s"] = round(_pure_embedding(model, corpus, settings), 1)
            row["overhead"] = round(row["ingest_s"] / row["pure_embedding_s"] - 1, 3)
            row["overhead_vs_model_in_ingest"] = round(row["ingest_s"] / row["model_s"] - 1, 3)
        results["ours"].append(row)
        cache.save()
    for size in sizes:
        label = _label(size, real_chunks)
        corpus = docs if size == real_chunks else _corpus_for(size, docs, count, real_chunks)
        results["baseline"].append(_baseline(label, corpus, cache, args.work, gold))
        cache.save()

    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "scale.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    _plot(results, args.out / "latency.png")
    print(summary(results))


def summary(results: dict[str, Any]) -> str:
    """The results as Markdown tables."""
    lines = [
        "| index | passages | search p50/p95 ms | answer p50/p95 ms | compose p50 ms | "
        "50 at once p50/p95 ms | loop stall ms | peak RSS MB | hit@5 |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results["ours"]:
        s = r["serving"]
        c = s["concurrent"]
        lines.append(
            f"| briefbot {r['label']} | {r['chunks']:,} | {s['search_ms']['p50']} / "
            f"{s['search_ms']['p95']} | {s['answer_ms']['p50']} / {s['answer_ms']['p95']} | "
            f"{s['compose_ms']['p50']} | {c['p50']:.0f} / {c['p95']:.0f} | "
            f"{c['max_loop_stall_ms']} | {s['peak_rss_mb']} | {s['hit_at_5']} |"
        )
    for r in results["baseline"]:
        lines.append(
            f"| baseline {r['label']} | {r['chunks']:,} | {r['search_ms']['p50']} / "
            f"{r['search_ms']['p95']} | – | – | – | – | – | {r['hit_at_5']} |"
        )
    lines += [
        "",
        "| index | passages | ingest s | passages/s | by the model | model s | re-ingest s "
        "| speed-up |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results["ours"]:
        lines.append(
            f"| briefbot {r['label']} | {r['chunks']:,} | {r['ingest_s']} | {r['chunks_per_s']} | "
            f"{r['embedded_by_model']:,} | {r['model_s']} | {r['reingest_s']} | "
            f"{r['reingest_speedup']}× |"
        )
    for r in results["ours"]:
        if "pure_embedding_s" in r:
            lines.append(
                f"\nPure embedding of the {r['label']} passages: {r['pure_embedding_s']} s; "
                f"ingestion overhead over it: {100 * r['overhead']:.1f}% "
                f"(over the model's time within the ingest: "
                f"{100 * r['overhead_vs_model_in_ingest']:.1f}%)"
            )

    return "\n".join(lines)


if __name__ == "__main__":
    main()
