"""The `briefbot` command line: ingest, search, eval, chat, serve."""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import signal
import sys
import time
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from tqdm import tqdm

from bot.conversation import Conversations, QuestionTooLong
from bot.engine import Engine, build_engine
from bot.feeds import FeedPoller
from bot.redaction import hide_in_logs
from bot.render_terminal import printable, render_digest_terminal, render_terminal
from bot.scheduler import DigestScheduler, Sender
from bot.settings import Settings
from bot.state import StateStore, Subscription
from retrieval.citations import supports
from retrieval.digest import Digest, build_digest, digest_json, parse_since
from retrieval.evaluation import (
    answer_json,
    load_gold,
    run_retrieval_eval,
    score_answers,
    score_retrieval,
)
from retrieval.ingest import IngestReport, ingest
from retrieval.loading import load_documents
from retrieval.search import Passage, SearchFilters
from retrieval.store import new_chunks


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `briefbot` console script."""
    args = _parser().parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    logging.getLogger("bm25s").setLevel(logging.WARNING)  # it logs every index build at DEBUG
    try:
        settings = Settings()
    except ValidationError as exc:
        print(f"briefbot: invalid configuration:\n{exc}", file=sys.stderr)
        return 2
    hide_in_logs(*settings.secret_values())
    handler = globals()[f"_cmd_{args.command}"]
    try:
        return int(handler(args, settings))
    except KeyboardInterrupt:
        return 130


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="briefbot", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("ingest", help="index documents (Markdown, text, HTML, JSONL)")
    p.add_argument("paths", nargs="*", type=Path, help="files or folders (default: corpus/)")
    p.add_argument("--prune", action="store_true", help="remove documents no longer present")

    p = sub.add_parser("search", help="print the passages that best match a question")
    p.add_argument("question")
    p.add_argument("-k", type=int, default=None, help="number of passages")
    _add_filters(p)

    p = sub.add_parser("ask", help="answer one question, citing its sources")
    p.add_argument("question")
    p.add_argument("--json", action="store_true", help="print the answer as JSON")

    p = sub.add_parser("eval", help="score retrieval and answers on gold questions")
    p.add_argument("questions", type=Path)
    p.add_argument("--out", type=Path, help="write one JSON line per question here")
    p.add_argument("-k", type=int, default=10, help="passages kept per question (default 10)")

    sub.add_parser("chat", help="a conversation in the terminal, with follow-up questions")

    p = sub.add_parser("feeds", help="RSS/Atom feeds (FEEDS in .env)")
    p.add_argument("action", choices=["poll"], help="poll: fetch and ingest new articles once")

    p = sub.add_parser("digest", help="preview the digest of what is new")
    p.add_argument("--since", default="24h", help="24h, 3d, or a date YYYY-MM-DD (default 24h)")
    p.add_argument("--until", default="", help="last date to include, YYYY-MM-DD (default today)")
    p.add_argument("--topic", default="", help="only stories on this topic, by words or meaning")
    p.add_argument("--json", action="store_true", help="print the digest as JSON")
    p.add_argument("--all", action="store_true", help="every story, not only the first few")
    sub.add_parser("serve", help="ingest the bundled corpus, then run the bot")
    return parser


def _add_filters(p: argparse.ArgumentParser) -> None:
    p.add_argument("--from", dest="date_from", default="", help="earliest date, YYYY-MM-DD")
    p.add_argument("--to", dest="date_to", default="", help="latest date, YYYY-MM-DD")
    p.add_argument("--publisher", default="", help="only this publisher (part of its name)")


def _cmd_ingest(args: argparse.Namespace, settings: Settings) -> int:
    report = _ingest(
        build_engine(settings), settings, args.paths or settings.corpus_paths, args.prune
    )
    return 1 if report.failed and not (report.added or report.updated or report.unchanged) else 0


def _ingest(engine: Engine, settings: Settings, paths: Sequence[Path], prune: bool) -> IngestReport:
    loaded = load_documents(paths)
    bar: tqdm[Any] | None = None

    def plan(total: int) -> None:
        nonlocal bar
        if total:
            bar = tqdm(
                total=total, unit="chunk", desc="embedding", file=sys.stderr, mininterval=1.0
            )

    def advance(done: int) -> None:
        if bar is not None:
            bar.update(done)

    report = ingest(
        loaded.documents,
        engine.index,
        engine.embedder,
        settings.chunking(),
        prune=prune,
        failures=loaded.failures,
        on_plan=plan,
        on_progress=advance,
    )
    if bar is not None:
        bar.close()
    print(report.summary())
    for failure in report.failed:
        print(printable(f"  skipped {failure.source}: {failure.reason}"))
    return report


def _cmd_search(args: argparse.Namespace, settings: Settings) -> int:
    engine = build_engine(settings)
    filters = SearchFilters(args.date_from, args.date_to, args.publisher)
    passages = engine.searcher.search(args.question, args.k or settings.search_k, filters)
    if not passages:
        print("No passage matches.")
        return 1
    _print_passages(passages)
    return 0


def _print_passages(passages: Sequence[Passage]) -> None:
    for rank, p in enumerate(passages, start=1):
        c = p.chunk
        meta = " · ".join(x for x in (c.publisher, c.date or "undated") if x)
        print(printable(f"[{rank}] {c.title}  ({meta})  score {p.score:.4f}"))
        print(printable(f"    {c.doc_id}  {c.url}").rstrip())
        text = printable(" ".join(c.text.split()))
        print(f"    {text[:400]}{'…' if len(text) > 400 else ''}\n")


def _cmd_eval(args: argparse.Namespace, settings: Settings) -> int:
    engine = build_engine(settings)
    questions = load_gold(args.questions)
    engine.index.keyword()  # build or load once, outside the timed loop
    started = time.perf_counter()
    hybrid = run_retrieval_eval(questions, lambda q: engine.searcher.search(q, args.k))
    search_ms = 1000 * (time.perf_counter() - started) / max(1, len(questions))
    baseline = run_retrieval_eval(questions, lambda q: engine.searcher.dense_only(q, args.k))
    answered = []
    for q, passages in hybrid:
        started = time.perf_counter()
        context = engine.searcher.with_neighbours(passages[: settings.search_k])
        answer = engine.composer.compose(q.question, context)
        ms = search_ms + 1000 * (time.perf_counter() - started)
        # `retrieved` lists the top passages best first, then the neighbours the composer also saw.
        top = {p.chunk.chunk_id for p in passages}
        seen = tuple(passages) + tuple(p for p in context if p.chunk.chunk_id not in top)
        answered.append((q, replace(answer, retrieved=seen), ms))
    if args.out:
        with args.out.open("w", encoding="utf-8") as out:
            for q, answer, ms in answered:
                line = {"id": q.qid, "question": q.question, **answer_json(answer, ms)}
                out.write(json.dumps(line, ensure_ascii=False) + "\n")
    print(f"hybrid:     {score_retrieval(hybrid).line()}")
    print(f"dense-only: {score_retrieval(baseline).line()}")
    print(f"mean search time {search_ms:.1f} ms over {engine.index.store.count()} passages")
    print(f"answers ({type(engine.composer).__name__}):")
    for score in score_answers(answered, supports).lines():
        print(f"  {score}")
    return 0


def _cmd_ask(args: argparse.Namespace, settings: Settings) -> int:
    conversations = Conversations(build_engine(settings), settings.search_k)
    try:
        reply = conversations.ask_sync("cli", args.question)
    except QuestionTooLong as exc:
        print(exc, file=sys.stderr)
        return 2
    if args.json:
        line = {"question": args.question, **answer_json(reply.answer, reply.latency_ms)}
        print(json.dumps(line, ensure_ascii=False, indent=2))
    else:
        print(render_terminal(reply.answer))
    return 0


def _feed_poller(settings: Settings, engine: Engine) -> FeedPoller:
    return FeedPoller(
        settings.feeds,
        engine.index,
        engine.embedder,
        settings.chunking(),
        settings.data_dir / "feeds.json",
    )


def _cmd_feeds(args: argparse.Namespace, settings: Settings) -> int:
    if not settings.feeds:
        print("No feeds configured: set FEEDS in .env (see .env.example).", file=sys.stderr)
        return 2
    report = asyncio.run(_feed_poller(settings, build_engine(settings)).poll_once())
    print(report.summary())
    for failure in report.failures:
        print(f"  {failure.source}: {failure.reason}")
    nothing_worked = not (report.ingested or report.not_modified or report.new_entries)
    return 1 if report.failures and nothing_worked else 0


def _cmd_digest(args: argparse.Namespace, settings: Settings) -> int:
    try:
        since_date, since_time = parse_since(args.since, time.time())
    except ValueError as exc:
        print(f"briefbot: {exc}", file=sys.stderr)
        return 2
    now = datetime.now(UTC)
    try:
        last_day = date.fromisoformat(args.until) if args.until else now.date()
    except ValueError:
        print(f"briefbot: --until {args.until!r}: use a date like 2026-02-07", file=sys.stderr)
        return 2
    until = last_day.isoformat()
    # Undated documents count by when they were ingested: up to the end of the last day.
    end = datetime(last_day.year, last_day.month, last_day.day, tzinfo=UTC) + timedelta(days=1)
    engine = build_engine(settings)
    fresh = new_chunks(engine.index.store, since_date, since_time, until, end.timestamp())
    topic_vector = engine.embedder.embed_query(args.topic) if args.topic else None
    digest = build_digest(
        fresh, engine.digest_composer, since_date, until, args.topic, topic_vector=topic_vector
    )
    if args.json:
        print(json.dumps(digest_json(digest), ensure_ascii=False, indent=2))
    else:
        print(render_digest_terminal(digest, show_all=args.all))
    return 0


def _cmd_chat(args: argparse.Namespace, settings: Settings) -> int:
    return _chat(build_engine(settings), settings)


def _chat(engine: Engine, settings: Settings) -> int:
    conversations = Conversations(engine, settings.search_k)
    print(
        "Ask a question about the corpus; follow-ups are understood (empty line or Ctrl-D quits)."
    )
    while True:
        try:
            question = input("? ").strip()
        except EOFError:
            print()
            return 0
        if not question:
            return 0
        try:
            reply = conversations.ask_sync("terminal", question)
        except QuestionTooLong as exc:
            print(f"{exc}\n")
            continue
        if reply.searched_for != question:
            print(printable(f"(searching for: {reply.searched_for})"))
        print(render_terminal(reply.answer) + "\n")


def _cmd_serve(args: argparse.Namespace, settings: Settings) -> int:
    engine = build_engine(settings)
    _ingest(engine, settings, settings.corpus_paths, prune=False)
    telegram = settings.telegram_bot_token.get_secret_value()
    slack = settings.slack_bot_token.get_secret_value()
    if not (telegram or slack):
        print("No TELEGRAM_BOT_TOKEN or SLACK_BOT_TOKEN set: answering here in the terminal.")
        return _chat(engine, settings)
    state = StateStore(settings.data_dir / "state.sqlite3")
    conversations = Conversations(engine, settings.search_k, state, workers=settings.answer_workers)
    asyncio.run(_serve_platforms(settings, conversations))
    return 0


async def _serve_platforms(settings: Settings, conversations: Conversations) -> None:
    """Run every configured chat platform, and the digest scheduler, until interrupted."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    # Each platform registers how to send it a digest once it is connected.
    senders: dict[str, Sender] = {}
    runners = []
    if settings.telegram_bot_token.get_secret_value():
        from bot.telegram_app import run_telegram  # imported only when used

        def reingest() -> str:
            # /ingest (admins only): pick up files added to the corpus folders since start.
            report = _ingest(conversations.engine, settings, settings.corpus_paths, prune=False)
            return report.summary()

        runners.append(
            run_telegram(settings, conversations, stop, ingest=reingest, senders=senders)
        )
    if settings.slack_bot_token.get_secret_value():
        from bot.slack import run_slack

        runners.append(run_slack(settings, conversations, stop, senders=senders))
    if settings.feeds:
        poller = _feed_poller(settings, conversations.engine)
        runners.append(poller.run(stop, settings.feed_poll_minutes))
    if conversations.state is not None:

        async def make_digest(sub: Subscription, since: datetime, until: datetime) -> Digest:
            return await conversations.digest(
                sub.platform, sub.chat_id, since, until, arrivals=True
            )

        scheduler = DigestScheduler(
            conversations.state, make_digest, senders, permitted=settings.chat_allowed
        )
        runners.append(scheduler.run(stop))
    await asyncio.gather(*runners)


if __name__ == "__main__":
    sys.exit(main())
