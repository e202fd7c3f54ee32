"""Secrets never reach the logs, whichever library logs them, nor the replies."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from bot.cli import main
from bot.redaction import REDACTED, hide_in_logs
from tests.corpus_factory import news_documents, write_markdown_corpus
from tests.fake_openai import FakeOpenAI

API_KEY = "sk-test-4f9a1c2e7b"


def test_a_hidden_value_is_blanked_in_any_loggers_message_and_traceback(
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    hide_in_logs("tok-8f2d19a7c3")
    log = logging.getLogger("some.http.library")  # a logger nobody set up
    log.debug("GET https://api.example/bot%s/getMe", "tok-8f2d19a7c3")
    try:
        raise ConnectionError("refused: https://api.example/bottok-8f2d19a7c3/sendMessage")
    except ConnectionError:
        log.exception("request failed")
    assert "tok-8f2d19a7c3" not in caplog.text
    assert f"https://api.example/bot{REDACTED}/getMe" in caplog.text
    assert f"/bot{REDACTED}/sendMessage" in caplog.text  # the traceback is still there


def test_a_failing_provider_run_leaks_the_key_nowhere(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    capsys: pytest.CaptureFixture[str],
) -> None:
    caplog.set_level(logging.DEBUG)
    write_markdown_corpus(tmp_path / "corpus", news_documents())
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("BRIEFBOT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("BRIEFBOT_CHUNK_TOKENS", "80")
    assert main(["ingest"]) == 0
    with FakeOpenAI() as provider:
        monkeypatch.setenv("LLM_MODEL", "openai:gpt-test")
        monkeypatch.setenv("OPENAI_BASE_URL", provider.base_url)
        monkeypatch.setenv("OPENAI_API_KEY", API_KEY)
        # Real providers echo the key in some error messages.
        provider.reply(status=401, error=f"Incorrect API key provided: {API_KEY}")
        assert main(["ask", "How many prisoners were exchanged?"]) == 0
        assert provider.requests[0].headers["authorization"] == f"Bearer {API_KEY}"
    out = capsys.readouterr()
    assert "157" in out.out  # the extractive fallback answered
    assert "language model call failed" in caplog.text
    for text in (caplog.text, out.out, out.err):
        assert API_KEY not in text
