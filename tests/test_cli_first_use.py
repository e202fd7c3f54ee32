"""What a new user meets at the command line: bad input gets one clear line, never a
traceback; the chat ends on quit; an empty index says how to fill it; output fits the terminal."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import main
from tests.corpus_factory import news_documents, write_markdown_corpus

BRIEFBOT = Path(sys.executable).with_name("briefbot")  # the installed console script


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder with the small test corpus (not yet ingested) and its own data dir."""
    write_markdown_corpus(tmp_path / "corpus", news_documents())
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("BRIEFBOT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("BRIEFBOT_CHUNK_TOKENS", "80")
    return tmp_path


def run(argv: list[str]) -> int:
    """`briefbot ARGV` as the console script runs it: argparse's exits become exit codes."""
    try:
        return main(argv)
    except SystemExit as exit:
        return int(exit.code or 0)


@pytest.mark.parametrize(
    ("argv", "code", "says"),
    [
        (["search", "talks", "--from", "2026-13-45"], 2, "'2026-13-45' is not a date"),
        (["search", "talks", "--to", "notadate"], 2, "'notadate' is not a date"),
        (["search", "talks", "-k", "0"], 2, "'0' is not a number of passages"),
        (["search", "talks", "--from", "2026-02-10", "--to", "2026-02-01"], 2, "is after --to"),
        (["search", " "], 2, "the question is empty"),
        (["digest", "--since", "2026-02-10", "--until", "2026-02-01"], 2, "is after --until"),
        (["digest", "--until", "soon"], 2, "'soon' is not a date"),
        (["digest", "--since", "lately"], 2, "use 24h, 3d or a date"),
        (["ask", ""], 2, "the question is empty"),
        (["ask", "   "], 2, "the question is empty"),
        (["ask", "why " * 300], 2, "please keep it under 1000 characters"),
        (["eval", "missing.jsonl"], 1, "missing.jsonl: No such file or directory"),
        (["eval", "bad.jsonl"], 1, "bad.jsonl:2: not a gold question"),
        (["eval", "empty.jsonl"], 2, "empty.jsonl holds no questions"),
        (["eval", "bad.jsonl", "-k", "0"], 2, "'0' is not a number of passages"),
        (["ingest", "nowhere"], 1, "nothing indexed; 1 skipped"),
        (["frobnicate"], 2, "invalid choice: 'frobnicate'"),
    ],
)
def test_a_bad_argument_or_file_gets_one_clear_line_and_a_failing_exit(
    workdir: Path, capsys: pytest.CaptureFixture[str], argv: list[str], code: int, says: str
) -> None:
    good = {"id": "q1", "question": "Who brokered the grain deal?"}
    (workdir / "bad.jsonl").write_text(json.dumps(good) + '\n{"id": "q2", "quest\n')
    (workdir / "empty.jsonl").write_text("\n")
    assert run(argv) == code
    err = capsys.readouterr().err
    assert says in err
    assert len(err.strip().splitlines()) == 1, err
    assert "Traceback" not in err


def test_a_bad_setting_is_named_in_one_line_without_its_value(
    workdir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BRIEFBOT_SEARCH_K", "lots-s3cret")
    assert run(["search", "talks"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("briefbot: invalid configuration: BRIEFBOT_SEARCH_K: ")
    assert len(err.strip().splitlines()) == 1
    assert "s3cret" not in err


def test_a_closed_pipe_ends_the_command_quietly(tmp_path: Path) -> None:
    """`briefbot ask ... | head -1`: the reader leaves early, and no traceback follows."""
    proc = subprocess.Popen(
        [str(BRIEFBOT), "ask", "What is Russia's NATO position?"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={"PATH": "/usr/bin:/bin", "BRIEFBOT_DATA_DIR": str(tmp_path / "data")},
        cwd=tmp_path,
    )
    assert proc.stdout is not None
    proc.stdout.close()  # the reader is gone before the answer is written
    _, err = proc.communicate(timeout=120)
    assert proc.returncode != 0
    assert b"Traceback" not in err
    assert b"BrokenPipeError" not in err


def test_top_level_help_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["--help"]) == 0
    out = capsys.readouterr().out
    choices = re.search(r"\{([a-z,]+)\}", out)
    assert choices
    description = out.split("\n\n")[1]
    for command in choices.group(1).split(","):
        assert re.search(rf"\b{command}\b", description), command


@pytest.mark.parametrize("word", ["quit", "exit", ":q", "QUIT"])
def test_quit_words_end_the_chat_instead_of_being_asked(
    workdir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, word: str
) -> None:
    main(["ingest"])
    typed = iter(["Who brokered the grain deal?", word, "How many prisoners were exchanged?"])
    monkeypatch.setattr("builtins.input", lambda prompt="": next(typed))
    assert main(["chat"]) == 0
    out = capsys.readouterr().out
    assert "Turkey" in out
    assert "searching for" not in out
    assert "157" not in out  # nothing after the quit word was asked
    assert next(typed, None) is not None


def test_a_lower_case_follow_up_replaces_the_whole_place(
    workdir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    main(["ingest"])
    typed = iter(["Who signed the grain deal in New York?", "and in istanbul?", ""])
    monkeypatch.setattr("builtins.input", lambda prompt="": next(typed))
    assert main(["chat"]) == 0
    out = capsys.readouterr().out
    assert "(searching for: Who signed the grain deal in Istanbul?)" in out


def test_before_anything_is_indexed_the_bot_says_how_to_fill_the_index(
    workdir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["ask", "What is Russia's NATO position?"]) == 0
    out = capsys.readouterr().out
    assert "Nothing is indexed yet: `briefbot ingest PATH`" in out
    assert "mentions" not in out
    assert run(["search", "Russia and NATO"]) == 1
    assert "`briefbot ingest PATH`" in capsys.readouterr().err


def test_answers_are_wrapped_to_the_terminal_and_not_when_piped(
    workdir: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    main(["ingest"])
    question = "Who mediated the prisoner exchange?"
    capsys.readouterr()
    assert main(["ask", question]) == 0
    piped = capsys.readouterr().out.split("\n\n")[0]
    assert "\n" not in piped  # one line: the reader's own program wraps it
    assert len(piped) > 60

    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    monkeypatch.setattr("shutil.get_terminal_size", lambda: os.terminal_size((60, 24)))
    assert main(["ask", question]) == 0
    shown = capsys.readouterr().out.split("\n\n")[0]
    lines = shown.splitlines()
    assert len(lines) > 1
    assert all(len(line) <= 60 for line in lines)
    assert " ".join(lines) == piped
