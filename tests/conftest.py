"""Shared fixtures: a clean environment, the real embedder, small corpora, a Chroma server."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from bot.cli import main
from bot.engine import Engine, build_engine
from bot.settings import Settings
from retrieval.chunking import ChunkingConfig
from retrieval.embedding import BgeEmbedder
from retrieval.index import Index
from retrieval.store import ChunkStore, open_client
from tests.corpus_factory import news_documents, write_markdown_corpus

SHARED = Path(__file__).resolve().parents[2] / "shared"
PROJECT = Path(__file__).resolve().parents[1]

_SECRET_VARS = ("TOKEN", "KEY", "SECRET", "PASSWORD")


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """No test sees the developer's tokens, keys or briefbot settings."""
    for name in list(os.environ):
        if name.startswith(("BRIEFBOT_", "CHROMA_")) or any(s in name for s in _SECRET_VARS):
            monkeypatch.delenv(name, raising=False)


@pytest.fixture(scope="session")
def embedder() -> BgeEmbedder:
    """The real bundled embedding model, loaded once."""
    return BgeEmbedder()


@pytest.fixture
def shared_dir() -> Path:
    """The shared corpus folder; tests that need it skip when it is absent."""
    if not (SHARED / "corpus").is_dir():
        pytest.skip(
            f"needs the shared news corpus (corpus/*.jsonl, seeds/), looked for at "
            f"{SHARED / 'corpus'}: not found; it sits beside the project checkout as ../shared"
        )
    return SHARED


def make_index(data_dir: Path, collection: str = "test-passages") -> Index:
    """A fresh embedded-Chroma index in `data_dir`."""
    client = open_client(data_dir)
    return Index(ChunkStore(client, collection), data_dir / "keyword", recheck_seconds=0.0)


SMALL_CHUNKS = ChunkingConfig(max_tokens=80, overlap_tokens=15)


@contextmanager
def small_corpus_settings(root: Path) -> Iterator[None]:
    """Within it, the CLI and `Settings()` use `root` as a fresh project would: data in
    `root/data`, small passages, nothing from the caller's environment."""
    with pytest.MonkeyPatch.context() as mp:
        mp.chdir(root)
        for name in list(os.environ):
            if name.startswith(("BRIEFBOT_", "CHROMA_", "LLM_")):
                mp.delenv(name)
        mp.setenv("BRIEFBOT_DATA_DIR", str(root / "data"))
        mp.setenv("BRIEFBOT_CHUNK_TOKENS", str(SMALL_CHUNKS.max_tokens))
        yield


def small_corpus_engine(root: Path) -> Engine:
    """The made-up news corpus written to `root/corpus`, ingested by `briefbot ingest` into
    `root/data`, and the real engine over it (as `briefbot serve` would build it)."""
    write_markdown_corpus(root / "corpus", news_documents())
    with small_corpus_settings(root):
        assert main(["ingest"]) == 0
        return build_engine(Settings(_env_file=None))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def running_chroma(path: Path, port: int, kill: bool = False) -> Iterator[str]:
    """`chroma run` on 127.0.0.1 until the block ends (killed, as in a crash, when `kill`)."""
    chroma = Path(sys.executable).with_name("chroma")
    proc = subprocess.Popen(
        [str(chroma), "run", "--host", "127.0.0.1", "--port", str(port), "--path", str(path)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    try:
        while True:
            try:
                if httpx.get(f"{url}/api/v2/heartbeat", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if proc.poll() is not None or time.monotonic() > deadline:
                pytest.fail("chroma run did not start on 127.0.0.1")
            time.sleep(0.2)
        yield url
    finally:
        proc.kill() if kill else proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture(scope="session")
def chroma_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real `chroma run` server on 127.0.0.1 for the whole session; yields its URL."""
    with running_chroma(tmp_path_factory.mktemp("chroma-server"), free_port()) as url:
        yield url
