"""The `briefbot` command line, run as a user would: ingest, search, eval, chat."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.cli import main
from retrieval.documents import Document
from tests.conftest import PROJECT
from tests.corpus_factory import news_documents, write_markdown_corpus
from tests.fake_openai import FakeOpenAI


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project-like folder with a small corpus, one broken file, and its own data dir."""
    corpus = write_markdown_corpus(tmp_path / "corpus", news_documents())
    (corpus / "broken.md").write_bytes(b"---\ntitle: x\n---\n\xff\xfe not utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("BRIEFBOT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("BRIEFBOT_CHUNK_TOKENS", "80")
    return tmp_path


def test_ingest_reports_counts_and_names_the_broken_file(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["ingest"]) == 0
    out = capsys.readouterr().out
    n = len(news_documents())
    assert f"documents: {n} added, 0 updated, 0 unchanged, 0 removed, 1 failed" in out
    assert "broken.md" in out
    assert "UTF-8" in out

    assert main(["ingest"]) == 0
    out = capsys.readouterr().out
    assert f"0 added, 0 updated, {n} unchanged" in out
    assert "0 chunks embedded" in out


def test_search_prints_ranked_passages_with_their_sources(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["ingest"])
    capsys.readouterr()
    assert main(["search", "How many prisoners were exchanged?", "-k", "2"]) == 0
    out = capsys.readouterr().out
    first = out.split("[2]")[0]
    assert first.startswith("[1] Hundreds of prisoners exchanged after mediation")
    assert "Alpine Wire · 2026-02-05" in first
    assert "prisoner-swap  https://news.example/prisoner-swap" in first
    assert "157 prisoners" in first


def test_search_filters_by_publisher(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    main(["ingest"])
    capsys.readouterr()
    assert main(["search", "news", "--publisher", "money review"]) == 0
    out = capsys.readouterr().out
    assert "Money Review" in out
    assert "Alpine Wire" not in out
    assert main(["search", "news", "--publisher", "nobody"]) == 1
    assert "No passage matches." in capsys.readouterr().out


def test_eval_writes_one_line_per_question_and_prints_scores(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["ingest"])
    gold = workdir / "gold.jsonl"
    rows = [
        {
            "id": "q1",
            "question": "How many prisoners were exchanged?",
            "answerable": True,
            "supporting_docs": ["prisoner-swap"],
            "key_facts": [["157"]],
        },
        {
            "id": "q2",
            "question": "Who brokered the grain deal?",
            "answerable": True,
            "supporting_docs": ["grain-corridor"],
            "key_facts": [],
        },
        {
            "id": "q3",
            "question": "What did the moon say?",
            "answerable": False,
            "supporting_docs": [],
            "key_facts": [],
        },
    ]
    gold.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["eval", str(gold), "--out", "results.jsonl"]) == 0
    out = capsys.readouterr().out
    assert "hybrid:     hit@1 1.000  hit@5 1.000  MRR@10 1.000  (2 answerable questions)" in out
    assert "dense-only:" in out
    lines = [json.loads(x) for x in (workdir / "results.jsonl").read_text().splitlines()]
    assert [x["id"] for x in lines] == ["q1", "q2", "q3"]
    assert lines[0]["question"] == "How many prisoners were exchanged?"
    top = lines[0]["retrieved"][0]
    assert top["doc_id"] == "prisoner-swap"
    assert top["chunk_id"].startswith("prisoner-swap#")
    assert 0 < len(lines[0]["retrieved"]) <= 10


def test_chat_answers_typed_questions(
    workdir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    typed = iter(["Why were millions left without electricity?", ""])
    monkeypatch.setattr("builtins.input", lambda prompt="": next(typed))
    assert main(["serve"]) == 0  # ingests corpus/ first, then chats
    out = capsys.readouterr().out
    assert "added" in out
    assert "Power cuts across the country" in out


def test_ask_prints_a_cited_answer_with_its_sources(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["ingest"])
    capsys.readouterr()
    assert main(["ask", "How many prisoners were exchanged?"]) == 0
    out = capsys.readouterr().out
    assert "157 prisoners" in out
    assert "[1]" in out
    assert (
        "Sources:\n[1] Hundreds of prisoners exchanged after mediation — Alpine Wire, 2026-02-05"
        in out
    )
    assert "https://news.example/prisoner-swap" in out


def _ask_json(capsys: pytest.CaptureFixture[str], question: str) -> dict[str, Any]:
    """Ingest the test corpus, then `briefbot ask QUESTION --json`, parsed."""
    main(["ingest"])
    capsys.readouterr()
    assert main(["ask", question, "--json"]) == 0
    data: dict[str, Any] = json.loads(capsys.readouterr().out)
    return data


def test_ask_json_has_the_answer_fields(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = _ask_json(capsys, "How many prisoners were exchanged?")
    assert data["abstained"] is False
    assert "[1]" in data["answer"]
    first = data["citations"][0]
    assert set(first) == {"n", "doc_id", "title", "publisher", "url", "date", "passage"}
    assert first["n"] == 1
    assert first["publisher"] == "Alpine Wire"
    # The exact passage cited holds the sentence quoted from it.
    assert data["answer"].split(" [1]")[0] in first["passage"]
    assert data["note"] == ""
    assert data["retrieved"][0]["doc_id"]
    assert data["latency_ms"] > 0


def test_ask_says_so_when_the_sources_do_not_answer(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = _ask_json(capsys, "What is the best sourdough recipe?")
    assert data["abstained"] is True
    assert data["citations"] == []
    assert "don't answer" in data["answer"]


def test_ask_names_what_no_source_mentions(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = _ask_json(capsys, "What did Macron say about the prisoner exchange?")
    assert data["abstained"] is True
    assert data["note"] == "Nothing I found mentions Macron."


def test_ask_answers_small_talk_in_kind(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["ask", "thanks!"]) == 0
    assert capsys.readouterr().out.startswith("You're welcome")


def test_ask_reads_yesterday_as_the_date_it_is(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # Nothing in the corpus is from yesterday: the answer says so instead of quoting February.
    yesterday = date.today() - timedelta(days=1)
    named = f"{yesterday.day} {yesterday:%B %Y}"
    data = _ask_json(capsys, "how many prisoners were exchanged yesterday?")
    assert data["abstained"] is True
    assert data["note"] == f"Nothing I found is from {named}."
    # Yesterday's report, once there, is the one quoted.
    swap = Document(
        "new-swap",
        "Prisoners exchanged at the border",
        "The two sides exchanged 212 prisoners at the border, officials said.",
        "https://news.example/new-swap",
        yesterday.isoformat(),
        "Alpine Wire",
    )
    write_markdown_corpus(workdir / "corpus", [swap])
    data = _ask_json(capsys, "how many prisoners were exchanged yesterday?")
    assert "212 prisoners" in data["answer"]
    assert data["citations"][0]["doc_id"] == "new-swap"


def test_chat_understands_a_follow_up(
    workdir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    main(["ingest"])
    capsys.readouterr()
    typed = iter(["Who mediated the prisoner exchange?", "and the grain corridor?", ""])
    monkeypatch.setattr("builtins.input", lambda prompt="": next(typed))
    assert main(["chat"]) == 0
    out = capsys.readouterr().out
    assert "United Arab Emirates" in out
    assert "(searching for: Who mediated the grain corridor?)" in out
    assert "Turkey and the United Nations brokered" in out


def test_eval_adds_answer_fields_and_scores(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["ingest"])
    gold = workdir / "gold.jsonl"
    rows = [
        {
            "id": "q1",
            "question": "How many prisoners were exchanged?",
            "answerable": True,
            "supporting_docs": ["prisoner-swap"],
            "key_facts": [["157"], ["Reykjavik"]],  # no source mentions Reykjavik
        },
        {
            "id": "q2",
            "question": "What is the best sourdough recipe?",
            "answerable": False,
            "supporting_docs": [],
            "key_facts": [],
        },
    ]
    gold.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["eval", str(gold), "--out", "results.jsonl"]) == 0
    out = capsys.readouterr().out
    assert "key-fact recall 0.500" in out
    assert "abstention accuracy: answerable 1.000, unanswerable 1.000" in out
    assert "citation validity 1.000" in out
    lines = [json.loads(x) for x in (workdir / "results.jsonl").read_text().splitlines()]
    assert {"answer", "abstained", "citations", "retrieved", "latency_ms"} <= set(lines[0])
    assert lines[1]["abstained"] is True


def test_ask_with_an_llm_configured_uses_it_and_checks_its_citations(
    workdir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    main(["ingest"])
    capsys.readouterr()
    with FakeOpenAI() as server:
        monkeypatch.setenv("LLM_MODEL", "openai:test-model")
        monkeypatch.setenv("OPENAI_BASE_URL", server.base_url)
        monkeypatch.setenv("BRIEFBOT_PROMPTS_DIR", str(PROJECT / "prompts"))
        server.reply(
            "The two sides exchanged 157 prisoners each, see https://evil.example/x [1]. "
            "Mars was also involved [9]."
        )
        assert main(["ask", "How many prisoners were exchanged?", "--json"]) == 0
        data = json.loads(capsys.readouterr().out)
        assert data["answer"].startswith("The two sides exchanged 157 prisoners each")
        assert "evil.example" not in data["answer"]  # links only from source metadata
        assert "Mars" not in data["answer"]  # its citation [9] pointed at nothing
        assert data["citations"][0]["url"].startswith("https://news.example/")
        sent = server.requests[0].messages()[-1]["content"]
        assert '<passage n="1"' in sent

        server.reply("", status=500)
        assert main(["ask", "How many prisoners were exchanged?"]) == 0
        out = capsys.readouterr().out
        assert "this is the extractive answer" in out  # the user still gets an answer
        assert "157 prisoners" in out


def test_ask_compare_lays_each_side_out_and_json_has_the_sections(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["ingest"])
    capsys.readouterr()
    question = "compare turkey, china: nato membership"
    assert main(["ask", question]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Turkey\n  2022-05-18  Turkey raised objections")
    assert "China\n  Nothing found on China's position." in out
    assert main(["ask", question, "--json"]) == 0
    line = json.loads(capsys.readouterr().out)
    turkey, china = line["sections"]
    assert turkey["actor"] == "Turkey"
    [said] = turkey["sentences"]
    assert said["date"] == "2022-05-18"
    cited = line["citations"][said["citations"][0] - 1]
    assert cited["doc_id"] == "alliance-membership"
    assert china == {"actor": "China", "sentences": []}
    # The plain answer carries the sides too, for `briefbot eval` and anyone reading it.
    assert line["answer"].splitlines()[1] == "China: Nothing found on China's position."


def test_ask_json_sections_are_empty_for_an_ordinary_question(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["ingest"])
    capsys.readouterr()
    assert main(["ask", "How many prisoners were exchanged?", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["sections"] == []


def test_a_compare_question_with_one_side_gets_one_line_saying_how_to_write_it(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["ask", "compare turkey: nato"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "compare russia, ukraine: security guarantees" in err


def test_a_question_without_words_gets_one_line_asking_for_words(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["ask", "???"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "Please ask in words" in err


def test_a_timeline_topic_without_words_gets_one_line(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["timeline", "???"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "the topic has no words" in err
