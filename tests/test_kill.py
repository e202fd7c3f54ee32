"""Processes killed (SIGKILL) at the worst moment: nothing is lost and nothing is done twice."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

from bot.engine import build_engine
from bot.settings import Settings
from bot.state import StateStore, Subscription
from retrieval.documents import Document
from retrieval.ingest import _GROUP_CHUNKS as GROUP_CHUNKS
from tests.corpus_factory import write_markdown_corpus

# A sender that records the chat it is about to send to, then dies before finishing.
_DIGEST_RUN = textwrap.dedent(
    """
    import asyncio, os, signal, sys
    from datetime import UTC, datetime
    from pathlib import Path
    from bot.scheduler import DigestScheduler
    from bot.state import StateStore
    from retrieval.digest import Digest

    db, log, die = Path(sys.argv[1]), sys.argv[2], sys.argv[3] == "die"

    async def make(sub, since, until):
        return Digest("2026-02-16", "2026-02-17", ())

    async def send(chat, digest):
        with open(log, "a") as f:
            f.write(chat + "\\n")
        if die:
            os.kill(os.getpid(), signal.SIGKILL)  # mid-send, as a power cut would

    clock = lambda: datetime(2026, 2, 17, 8, 30, tzinfo=UTC)
    asyncio.run(DigestScheduler(StateStore(db), make, {"telegram": send}, clock).tick())
    """
)


def test_a_kill_mid_digest_neither_resends_nor_loses_the_subscription(tmp_path: Path) -> None:
    db, log = tmp_path / "state.sqlite3", tmp_path / "sent.log"
    store = StateStore(db)
    store.subscribe(Subscription("telegram", "c1", "08:00", "UTC", notify_empty=True))
    store.close()

    killed = subprocess.run([sys.executable, "-c", _DIGEST_RUN, str(db), str(log), "die"])
    assert killed.returncode == -signal.SIGKILL
    restarted = subprocess.run([sys.executable, "-c", _DIGEST_RUN, str(db), str(log), "live"])
    assert restarted.returncode == 0

    assert log.read_text().splitlines() == ["c1"]  # at most once, even across the kill
    assert StateStore(db).subscription("telegram", "c1") is not None


# About 2,000 passages: four write groups, so that the progress bar (printed about once a
# second) shows the first group done while later ones are still to come, on a fast machine too.
DOCUMENTS = 500


def _documents(n: int) -> list[Document]:
    return [
        Document(
            doc_id=f"report-{i}",
            title=f"Harbour report {i}",
            text="\n\n".join(
                f"Report {i}, part {p}: the harbour authority counted {i * 7 + p} ships "
                f"arriving and {i + p} leaving, and said the grain terminal stayed open."
                for p in range(4)
            ),
            date="2026-02-10",
            publisher="Harbour Gazette",
        )
        for i in range(n)
    ]


def test_a_kill_mid_ingest_is_completed_by_the_next_run(tmp_path: Path) -> None:
    write_markdown_corpus(tmp_path / "corpus", _documents(DOCUMENTS))
    env = {
        **os.environ,
        "BRIEFBOT_DATA_DIR": str(tmp_path / "data"),
        "BRIEFBOT_CHUNK_TOKENS": "40",
    }
    command = [str(Path(sys.executable).with_name("briefbot")), "ingest"]
    first = subprocess.Popen(
        command, cwd=tmp_path, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    assert first.stderr is not None
    # Kill it once the first group of passages is written (a later one is being embedded).
    progress = b""
    while first.poll() is None:
        progress += first.stderr.read1(256)
        done = re.findall(rb"\| (\d+)/\d+ \[", progress)
        if done and int(done[-1]) > GROUP_CHUNKS:
            break
    first.kill()
    assert first.wait() == -signal.SIGKILL

    second = subprocess.run(command, cwd=tmp_path, env=env, capture_output=True, text=True)
    assert second.returncode == 0, second.stderr
    assert "0 failed" in second.stdout
    # The killed run had stored part of the corpus; the second run kept it and did the rest.
    counts = re.search(r"(\d+) added, 0 updated, (\d+) unchanged", second.stdout)
    assert counts is not None, second.stdout
    added, unchanged = counts.groups()
    assert int(added) > 0
    assert int(unchanged) > 0

    engine = build_engine(Settings(_env_file=None, BRIEFBOT_DATA_DIR=tmp_path / "data"))
    held = engine.index.store.indexed_docs()
    assert set(held) == {f"report-{i}" for i in range(DOCUMENTS)}
    assert all(d.complete for d in held.values())
    assert len(engine.index.keyword()) == engine.index.store.count()
