"""The engine through LangChain's own interfaces: `engine.retriever` and `engine.answerer`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar
from uuid import UUID

import pytest
from langchain_core.callbacks import BaseCallbackHandler
from langchain_core.documents import Document
from langchain_core.runnables import RunnableLambda, RunnableParallel

from bot.cli import main
from bot.engine import Engine
from retrieval.langchain_adapters import answer_runnable
from retrieval.llm_composer import LLMComposer, build_chat_model
from retrieval.search import SearchFilters
from tests.conftest import PROJECT, small_corpus_engine, small_corpus_settings
from tests.fake_openai import FakeOpenAI

PRISONERS = "How many prisoners were exchanged?"
GRAIN = "Who brokered the grain corridor deal?"


@pytest.fixture(scope="module")
def root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder holding the made-up news corpus and its index."""
    return tmp_path_factory.mktemp("langchain")


@pytest.fixture(scope="module")
def engine(root: Path) -> Engine:
    """The engine `build_engine(Settings())` returns over the made-up corpus."""
    return small_corpus_engine(root)


def test_invoke_gives_documents_that_can_be_cited(engine: Engine) -> None:
    docs = engine.retriever.invoke(PRISONERS)
    assert all(isinstance(d, Document) for d in docs)
    top = docs[0]
    assert "157 prisoners" in top.page_content
    assert top.id == "prisoner-swap#0"
    score = top.metadata.pop("score")
    assert top.metadata == {
        "doc_id": "prisoner-swap",
        "chunk_id": "prisoner-swap#0",
        "title": "Hundreds of prisoners exchanged after mediation",
        "url": "https://news.example/prisoner-swap",
        "date": "2026-02-05",
        "publisher": "Alpine Wire",
    }
    assert isinstance(score, float)


async def test_ainvoke_finds_what_invoke_finds(engine: Engine) -> None:
    found = await engine.retriever.ainvoke(GRAIN)
    assert [d.metadata["chunk_id"] for d in found] == [
        d.metadata["chunk_id"] for d in engine.retriever.invoke(GRAIN)
    ]
    assert found[0].metadata["doc_id"] == "grain-corridor"


def test_batch_answers_each_question(engine: Engine) -> None:
    first, second = engine.retriever.batch([PRISONERS, GRAIN])
    assert first[0].metadata["doc_id"] == "prisoner-swap"
    assert second[0].metadata["doc_id"] == "grain-corridor"


def test_filters_and_k_per_call(engine: Engine) -> None:
    money = engine.retriever.invoke("interest rates", filters={"publisher": "money review"})
    assert money
    assert {d.metadata["publisher"] for d in money} == {"Money Review"}

    early = engine.retriever.invoke(
        "countries", filters=SearchFilters(date_from="2022-01-01", date_to="2022-12-31"), k=2
    )
    assert 0 < len(early) <= 2
    assert all(d.metadata["date"].startswith("2022-") for d in early)

    # The defaults are untouched by a call's filters.
    assert len({d.metadata["publisher"] for d in engine.retriever.invoke("interest rates")}) > 1


def test_filters_as_the_retriever_s_own_settings(engine: Engine) -> None:
    recent = engine.retriever.model_copy(update={"filters": SearchFilters(date_from="2026-01-01")})
    grain, cup = recent.batch([GRAIN, "cup final decided on penalties"])
    assert all(d.metadata["date"] >= "2026-01-01" for d in grain + cup)
    assert "grain-corridor" not in {d.metadata["doc_id"] for d in grain}  # from 2022
    assert cup[0].metadata["doc_id"] == "football"


@pytest.mark.parametrize(
    ("filters", "message"),
    [
        ({"source": "x"}, r"unknown filter \['source'\]; the filters are"),
        ({"date_from": "Feb 2026"}, r"filter date_from='Feb 2026' is not a YYYY-MM-DD date"),
        (SearchFilters(date_to="2026-13-01"), r"filter date_to='2026-13-01' is not a YYYY-MM-DD"),
    ],
)
def test_a_mistaken_filter_is_named(
    engine: Engine, filters: dict[str, str] | SearchFilters, message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        engine.retriever.invoke(PRISONERS, filters=filters)


def test_the_retriever_composes_in_a_chain(engine: Engine) -> None:
    def cite(docs: list[Document]) -> str:
        return "\n".join(f"[{d.metadata['doc_id']}] {d.page_content}" for d in docs)

    chain = RunnableParallel(context=engine.retriever | cite, question=lambda q: q)
    out = chain.invoke(PRISONERS)
    assert out["question"] == PRISONERS
    assert out["context"].startswith("[prisoner-swap] The two sides exchanged 157 prisoners")


def test_answerer_gives_what_ask_json_prints(
    engine: Engine, root: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    value = engine.answerer.invoke(PRISONERS)
    with small_corpus_settings(root):
        capsys.readouterr()
        assert main(["ask", PRISONERS, "--json"]) == 0
        printed = json.loads(capsys.readouterr().out)
    assert value["latency_ms"] > 0
    value.pop("latency_ms")
    printed.pop("latency_ms")
    assert value == printed
    assert "157" in str(value["answer"])
    assert value["citations"][0]["doc_id"] == "prisoner-swap"


async def test_answerer_composes_with_other_runnables(engine: Engine) -> None:
    chain = RunnableLambda(lambda q: f"  {q}  ") | engine.answerer | (lambda a: a["citations"])
    citations = await chain.ainvoke(GRAIN)
    assert citations[0]["doc_id"] == "grain-corridor"
    unanswerable = await engine.answerer.ainvoke("What is the best sourdough recipe?")
    assert unanswerable["abstained"] is True
    assert unanswerable["citations"] == []


class Recorder(BaseCallbackHandler):
    """Records the runs LangChain reports, as LangSmith's tracer sees them."""

    def __init__(self) -> None:
        self.runs: list[tuple[str, str]] = []

    def on_chain_start(
        self, serialized: dict[str, Any] | None, inputs: Any, *, run_id: UUID, **kw: Any
    ) -> None:
        self.runs.append(("chain", str(kw.get("name"))))

    def on_retriever_start(
        self, serialized: dict[str, Any] | None, query: str, *, run_id: UUID, **kw: Any
    ) -> None:
        self.runs.append(("retriever", str(kw.get("name"))))

    def on_retriever_end(self, documents: Any, *, run_id: UUID, **kw: Any) -> None:
        self.runs.append(("retrieved", str(len(documents))))

    def on_chat_model_start(
        self, serialized: dict[str, Any] | None, messages: Any, *, run_id: UUID, **kw: Any
    ) -> None:
        self.runs.append(("chat model", str(kw.get("parent_run_id") is not None)))


def test_runs_are_reported_to_langchain_callbacks(engine: Engine) -> None:
    recorder = Recorder()
    engine.retriever.invoke(PRISONERS, config={"callbacks": [recorder]}, k=3)
    engine.answerer.invoke(PRISONERS, config={"callbacks": [recorder]})
    assert recorder.runs == [
        ("retriever", "BriefbotRetriever"),
        ("retrieved", "3"),
        ("chain", "briefbot_answer"),
    ]


def test_the_language_model_call_is_reported_inside_the_answer(engine: Engine) -> None:
    with FakeOpenAI() as server:
        server.reply("The two sides exchanged 157 prisoners each [1].")
        model = build_chat_model(
            "openai:test-model", api_key="x", base_url=server.base_url, timeout=10, max_retries=0
        )
        prompt = (PROJECT / "prompts" / "answer.md").read_text(encoding="utf-8")
        composer = LLMComposer(model, prompt, engine.composer)
        answerer = answer_runnable(engine.searcher, composer, k=5)
        recorder = Recorder()
        value = answerer.invoke(PRISONERS, config={"callbacks": [recorder]})
    assert value["answer"] == "The two sides exchanged 157 prisoners each. [1]"
    # Nested under the answer's run, as a trace shows it, not a separate trace of its own.
    assert recorder.runs == [("chain", "briefbot_answer"), ("chat model", "True")]


class _LangSmithHandler(BaseHTTPRequestHandler):
    """Plays the LangSmith API: says what it supports, and keeps every run posted to it."""

    posted: ClassVar[list[bytes]] = []

    def do_GET(self) -> None:
        self._reply(b"{}")  # /info: no optional features

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        self.posted.append(self.rfile.read(length))
        self._reply(b"{}")

    def _reply(self, body: bytes) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass


TRACED = f"""
from langchain_core.tracers.langchain import wait_for_all_tracers
from bot.engine import build_engine
from bot.settings import Settings

engine = build_engine(Settings(_env_file=None))
engine.answerer.invoke({PRISONERS!r})
wait_for_all_tracers()
"""


def test_langsmith_traces_the_answer_when_its_variables_are_set(engine: Engine, root: Path) -> None:
    # `engine` is asked for so that the corpus in `root` is indexed; the answer runs in a child.
    server = ThreadingHTTPServer(("127.0.0.1", 0), _LangSmithHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("BRIEFBOT_", "LLM_"))}
    env |= {
        "BRIEFBOT_DATA_DIR": str(root / "data"),
        # LangChain's own variables, set by the user: the project reads none of them.
        "LANGSMITH_TRACING": "true",
        "LANGSMITH_ENDPOINT": f"http://127.0.0.1:{server.server_port}",
        "LANGSMITH_API_KEY": "test-key",
    }
    try:
        done = subprocess.run(
            [sys.executable, "-c", TRACED],
            cwd=root,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
    finally:
        server.shutdown()
    assert done.returncode == 0, done.stderr
    traced = b"".join(_LangSmithHandler.posted)
    assert b"briefbot_answer" in traced
    assert b"prisoner-swap" in traced  # the answer's citations travel with the run
