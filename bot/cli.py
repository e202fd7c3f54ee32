"""The `briefbot` command line: ingest, search, ask, chat, digest, timeline, feeds, eval, serve."""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import os
import shutil
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

from bot.arguments import OneLineParser, UsageError, iso_date, positive
from bot.conversation import (
    EMPTY_INDEX,
    EXAMPLE_QUESTIONS,
    CommandError,
    Conversations,
    SmallTalk,
    UnaskableQuestion,
    checked_comparison,
    checked_question,
    has_words,
)
from bot.engine import Engine, build_engine, find_timeline
from bot.feeds import FeedPoller
from bot.redaction import hide_in_logs
from bot.render_terminal import (
    printable,
    render_digest_terminal,
    render_terminal,
    render_timeline_terminal,
)
from bot.scheduler import DigestScheduler, Sender
from bot.settings import Settings
from bot.state import StateStore, Subscription
from retrieval.citations import supports
from retrieval.digest import Digest, build_digest, digest_json, parse_since
from retrieval.evaluation import (
    answer_json,
    ask_json,
    load_gold,
    run_retrieval_eval,
    score_answers,
    score_retrieval,
    score_table,
)
from retrieval.ingest import IngestReport, ingest
from retrieval.loading import load_documents
from retrieval.search import Passage, SearchFilters
from retrieval.store import new_chunks
from retrieval.timeline import read_period, timeline_json


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `briefbot` console script."""
    args = _parser().parse_args(argv)
    try:
        code = _run(args)
        sys.stdout.flush()  # here, so a closed pipe is reported below, not at interpreter exit
        return code
    except BrokenPipeError:
        # The reader went away (`briefbot ask ... | head -1`): stop quietly, as `cat` would.
        # Point stdout at /dev/null so Python's final flush cannot fail a second time.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141  # 128 + SIGPIPE, what a shell reports for a command the pipe closed
    except KeyboardInterrupt:
        return 130
    except UsageError as exc:
        print(f"briefbot {args.command}: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        # A missing, unreadable or unwritable file or folder, or a port in use.
        print(f"briefbot {args.command}: {_describe(exc)}", file=sys.stderr)
        return 1
    except ValueError as exc:
        # A malformed input file or a setting that cannot work; the message says which.
        print(f"briefbot {args.command}: {exc}", file=sys.stderr)
        return 1


def _describe(exc: OSError) -> str:
    """'PATH: No such file or directory' rather than '[Errno 2] ...'."""
    if exc.filename is not None and exc.strerror:
        return f"{exc.filename}: {exc.strerror}"
    return str(exc) or type(exc).__name__


def _run(args: argparse.Namespace) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    logging.getLogger("bm25s").setLevel(logging.WARNING)  # it logs every index build at DEBUG
    try:
        settings = Settings()
    except ValidationError as exc:
        # One line naming each bad variable; values are left out, as they may be secrets.
        problems = "; ".join(
            f"{'.'.join(str(x) for x in e['loc'])}: {e['msg']}" for e in exc.errors()
        )
        print(
            f"briefbot: invalid configuration: {problems} (fix it in .env or the environment; "
            "see .env.example)",
            file=sys.stderr,
        )
        return 2
    hide_in_logs(*settings.secret_values())
    handler = globals()[f"_cmd_{args.command}"]
    return int(handler(args, settings))


def _parser() -> argparse.ArgumentParser:
    parser = OneLineParser(prog="briefbot", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True, parser_class=OneLineParser)

    p = sub.add_parser("ingest", help="index documents (Markdown, text, HTML, JSONL)")
    p.add_argument("paths", nargs="*", type=Path, help="files or folders (default: corpus/)")
    p.add_argument("--prune", action="store_true", help="remove documents no longer present")

    p = sub.add_parser("search", help="print the passages that best match a question")
    p.add_argument("question")
    p.add_argument("-k", type=positive, default=None, help="number of passages")
    _add_filters(p)

    p = sub.add_parser("ask", help="answer one question, citing its sources")
    p.add_argument("question")
    p.add_argument("--json", action="store_true", help="print the answer as JSON")

    p = sub.add_parser("eval", help="score retrieval and answers on gold questions")
    p.add_argument("questions", type=Path)
    p.add_argument("--out", type=Path, help="write one JSON line per question here")
    p.add_argument("-k", type=positive, default=10, help="passages kept per question (default 10)")

    sub.add_parser("chat", help="a conversation in the terminal, with follow-up questions")

    p = sub.add_parser("feeds", help="RSS/Atom feeds (FEEDS in .env)")
    p.add_argument("action", choices=["poll"], help="poll: fetch and ingest new articles once")

    p = sub.add_parser("digest", help="preview the digest of what is new")
    p.add_argument("--since", default="24h", help="24h, 3d, or a date YYYY-MM-DD (default 24h)")
    p.add_argument(
        "--until",
        type=iso_date,
        default=None,
        help="last date to include, YYYY-MM-DD (default today)",
    )
    p.add_argument("--topic", default="", help="only stories on this topic, by words or meaning")
    p.add_argument("--json", action="store_true", help="print the digest as JSON")
    p.add_argument("--all", action="store_true", help="every story, not only the first few")
    p = sub.add_parser("timeline", help="what changed on a topic: dated developments, newest first")
    p.add_argument("topic", help='e.g. "prisoner swaps" or "prisoner swaps since february 1"')
    p.add_argument("--since", type=iso_date, default=None, help="first date, YYYY-MM-DD")
    p.add_argument("--until", type=iso_date, default=None, help="last date, YYYY-MM-DD")
    p.add_argument("--json", action="store_true", help="print the timeline as JSON")
    sub.add_parser("serve", help="ingest the bundled corpus, then run the bot")
    return parser


def _add_filters(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--from", dest="date_from", type=iso_date, default=None, help="earliest date, YYYY-MM-DD"
    )
    p.add_argument(
        "--to", dest="date_to", type=iso_date, default=None, help="latest date, YYYY-MM-DD"
    )
    p.add_argument("--publisher", default="", help="only this publisher (part of its name)")


def _question(args: argparse.Namespace) -> str:
    """The question argument, refused when it is empty."""
    if not args.question.strip():
        example = f'briefbot {args.command} "{EXAMPLE_QUESTIONS[0]}"'
        raise UsageError(f"the question is empty; e.g. {example}")
    return str(args.question)


def _cmd_ingest(args: argparse.Namespace, settings: Settings) -> int:
    report = _ingest(
        build_engine(settings), settings, args.paths or settings.corpus_paths, args.prune
    )
    if report.failed and not (report.added or report.updated or report.unchanged):
        print(f"briefbot ingest: nothing indexed; {len(report.failed)} skipped", file=sys.stderr)
        return 1
    return 0


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
    question = _question(args)
    if args.date_from and args.date_to and args.date_from > args.date_to:
        raise UsageError(f"--from {args.date_from} is after --to {args.date_to}; swap them")
    engine = build_engine(settings)
    filters = SearchFilters(args.date_from or "", args.date_to or "", args.publisher)
    passages = engine.searcher.search(question, args.k or settings.search_k, filters)
    if not passages:
        if engine.index.store.count() == 0:
            print(EMPTY_INDEX, file=sys.stderr)
        else:
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
    questions = load_gold(args.questions)  # a bad file is reported before any work is done
    if not questions:
        raise UsageError(f"{args.questions} holds no questions")
    engine = build_engine(settings)
    engine.index.keyword()  # build or load once, outside the timed loop
    started = time.perf_counter()
    # Questions are read as the bot reads them: typos corrected, names capitalised.
    read = {q.question: engine.searcher.read(q.question) for q in questions}
    hybrid = run_retrieval_eval(questions, lambda q: engine.searcher.search(read[q], args.k))
    search_ms = 1000 * (time.perf_counter() - started) / max(1, len(questions))
    baseline = run_retrieval_eval(questions, lambda q: engine.searcher.dense_only(q, args.k))
    answered = []
    for q, passages in hybrid:
        started = time.perf_counter()
        context = engine.searcher.to_read(read[q.question], passages[: settings.search_k])
        answer = engine.composer.compose(read[q.question], context)
        ms = search_ms + 1000 * (time.perf_counter() - started)
        # `retrieved` lists the top passages best first, then the others the composer also read.
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
    print("by split and style (read: key facts in the passages read; recall: in the answer):")
    for row in score_table(hybrid, baseline, answered, supports):
        print(f"  {row}")
    return 0


def _cmd_ask(args: argparse.Namespace, settings: Settings) -> int:
    question = _question(args)
    try:
        checked_comparison(checked_question(question))
    except SmallTalk as exc:
        print(exc)  # "briefbot ask hi" is greeted, not refused
        return 0
    except (UnaskableQuestion, CommandError) as exc:
        raise UsageError(str(exc)) from None
    conversations = Conversations(build_engine(settings), settings.search_k)
    reply = conversations.ask_sync("cli", question)
    if args.json:
        line = ask_json(question, reply.answer, reply.latency_ms)
        print(json.dumps(line, ensure_ascii=False, indent=2))
    else:
        print(render_terminal(reply.answer, _width()))
    return 0


def _width() -> int | None:
    """The terminal's width, or None (no wrapping) when the output is not a terminal."""
    if not sys.stdout.isatty():
        return None
    return shutil.get_terminal_size().columns


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
        raise UsageError(str(exc)) from None
    last_day = date.fromisoformat(args.until) if args.until else datetime.now(UTC).date()
    until = last_day.isoformat()
    if since_date > until:
        raise UsageError(f"--since {since_date} is after --until {until}; nothing lies between")
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
        print(render_digest_terminal(digest, _width(), show_all=args.all))
    return 0


def _cmd_timeline(args: argparse.Namespace, settings: Settings) -> int:
    if not args.topic.strip():
        raise UsageError(
            'the topic is empty; e.g. briefbot timeline "prisoner swaps" --since 2026-02-01'
        )
    try:
        asked = read_period(args.topic, datetime.now(UTC).date())
    except ValueError as exc:
        raise UsageError(str(exc)) from None
    if not has_words(asked.topic):
        raise UsageError(
            'the topic has no words; e.g. briefbot timeline "prisoner swaps" --since 2026-02-01'
        )
    since, until = args.since or asked.since, args.until or asked.until
    if since and until and since > until:
        raise UsageError(f"--since {since} is after --until {until}; nothing lies between")
    engine = build_engine(settings)
    timeline = find_timeline(engine, asked.topic, since, until)
    if args.json:
        print(json.dumps(timeline_json(timeline), ensure_ascii=False, indent=2))
    else:
        print(render_timeline_terminal(timeline, _width()))
    return 0


def _cmd_chat(args: argparse.Namespace, settings: Settings) -> int:
    return _chat(build_engine(settings), settings)


def _chat(engine: Engine, settings: Settings) -> int:
    conversations = Conversations(engine, settings.search_k)
    print(
        "Ask a question about the corpus; follow-ups are understood "
        "(quit, exit, :q, an empty line or Ctrl-D ends the chat)."
    )
    while True:
        try:
            question = input("? ").strip()
        except EOFError:
            print()
            return 0
        if question.lower() in _QUIT:
            return 0
        try:
            reply = conversations.ask_sync("terminal", question)
        except UnaskableQuestion as exc:
            print(f"{exc}\n")
            continue
        if reply.reading:
            print(printable(f"(searching for: {reply.reading})"))
        print(render_terminal(reply.answer, _width()) + "\n")


_QUIT = frozenset(["", "quit", "exit", ":q"])


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
