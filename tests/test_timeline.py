"""What changed on a topic: dated developments, newest first, each told once citing every report."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from bot.cli import main
from bot.render_slack import render_slack_timeline
from bot.render_telegram import render_timeline_telegram, units
from retrieval.answers import Answer, Sentence, Source
from retrieval.documents import Document
from retrieval.timeline import Timeline, TimelineEntry, read_period, timeline_request
from tests.corpus_factory import news_documents, write_markdown_corpus

TODAY = date(2026, 2, 18)  # a Wednesday


@pytest.mark.parametrize(
    ("question", "topic", "since", "until"),
    [
        (
            "what changed on the territory question since february 1?",
            "the territory question",
            "2026-02-01",
            "2026-02-18",
        ),
        ("timeline of the abu dhabi talks", "the abu dhabi talks", "", ""),
        ("latest on prisoner swaps", "prisoner swaps", "", ""),
        ("what changed on prisoner swaps last week?", "prisoner swaps", "2026-02-09", "2026-02-15"),
        # Read as questions read them: "since" runs to today, and a day ago is a day.
        (
            "what changed on prisoner swaps since last week?",
            "prisoner swaps",
            "2026-02-09",
            "2026-02-18",
        ),
        (
            "what's new on energy strikes since yesterday",
            "energy strikes",
            "2026-02-17",
            "2026-02-18",
        ),
        (
            "What's new on energy strikes in the last 3 days",
            "energy strikes",
            "2026-02-15",
            "2026-02-18",
        ),
        (
            "timeline of the grain deal in march 2022",
            "the grain deal in march 2022",
            "2022-03-01",
            "2022-03-31",
        ),
        ("What changed on sanctions since 2026-01-15?", "sanctions", "2026-01-15", "2026-02-18"),
    ],
)
def test_a_question_asking_what_changed_gives_its_topic_and_period(
    question: str, topic: str, since: str, until: str
) -> None:
    asked = timeline_request(question, TODAY)
    assert asked is not None
    assert (asked.topic, asked.since, asked.until) == (topic, since, until)


@pytest.mark.parametrize(
    "question",
    [
        "What changed after the talks in Geneva?",  # no "on": a question about one event
        "Who brokered the latest talks?",
        "How many prisoners were exchanged?",
    ],
)
def test_other_questions_are_not_timelines(question: str) -> None:
    assert timeline_request(question, TODAY) is None


def test_a_date_that_cannot_be_read_is_refused_with_how_to_write_it() -> None:
    with pytest.raises(ValueError, match="write it like 2026-02-01"):
        read_period("prisoner swaps since someday", TODAY)


@pytest.fixture
def newsroom(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The test corpus plus the prisoner swap told again by two outlets a day later, and a
    second swap weeks before."""
    swap = (
        "The two sides exchanged 157 prisoners each on Thursday, the largest swap this year. "
        "The exchange was mediated by the United Arab Emirates."
    )
    extra = [
        Document(
            "wire-a",
            "Prisoner swap after mediation",
            swap,
            date="2026-02-06",
            publisher="Coast Courier",
        ),
        Document(
            "wire-b",
            "Prisoners exchanged in mediated swap",
            swap,
            date="2026-02-06",
            publisher="Harbour Daily",
        ),
        Document(
            "january-swap",
            "First prisoner swap of the year",
            "Ukraine and Russia swapped 25 prisoners of war each on Monday in a deal brokered "
            "by Turkey, the first prisoner swap of the year.",
            date="2026-01-12",
            publisher="Metro Ledger",
        ),
    ]
    write_markdown_corpus(tmp_path / "corpus", news_documents() + extra)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("BRIEFBOT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("BRIEFBOT_CHUNK_TOKENS", "80")
    assert main(["ingest"]) == 0
    return tmp_path


def test_timeline_is_newest_first_one_line_per_development_citing_every_report(
    newsroom: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert main(["timeline", "prisoner swaps", "--json"]) == 0
    timeline = json.loads(capsys.readouterr().out)
    assert (timeline["topic"], timeline["since"], timeline["until"]) == (
        "prisoner swaps",
        None,
        None,
    )
    entries = timeline["entries"]
    dates = [e["date"] for e in entries]
    assert dates == sorted(dates, reverse=True)
    swaps = [e for e in entries if "157 prisoners" in e["text"]]
    assert len(swaps) == 1  # three outlets, one development
    cited = {c["doc_id"] for c in swaps[0]["citations"]}
    assert cited == {"prisoner-swap", "wire-a", "wire-b"}
    assert {"n", "doc_id", "title", "url", "date", "publisher", "passage"} <= set(
        swaps[0]["citations"][0]
    )
    assert any("25 prisoners" in e["text"] for e in entries)
    # Each line's date is the date of a report it cites.
    for e in entries:
        assert e["date"] in {c["date"] for c in e["citations"]}


def test_timeline_keeps_to_its_period_and_says_when_nothing_is_in_it(
    newsroom: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    args = ["timeline", "prisoner swaps", "--since", "2026-01-01", "--until", "2026-01-31"]
    assert main([*args, "--json"]) == 0
    entries = json.loads(capsys.readouterr().out)["entries"]
    assert [e["date"] for e in entries] == ["2026-01-12"]
    assert main(["timeline", "prisoner swaps", "--since", "2026-03-01"]) == 0
    assert capsys.readouterr().out.startswith("Nothing found on 'prisoner swaps' since 2026-03-01")


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["timeline", "swaps", "--since", "2026-02-10", "--until", "2026-02-01"], "is after"),
        (["timeline", "swaps since someday"], "not a date"),
        (["timeline", "swaps", "--since", "feb"], "not a date"),
        (["timeline", " "], "the topic is empty"),
    ],
)
def test_bad_timeline_arguments_get_one_line(
    args: list[str],
    says: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("BRIEFBOT_DATA_DIR", str(tmp_path / "data"))
    try:
        code = main(args)
    except SystemExit as exc:  # argparse's own checks exit
        code = int(exc.code or 0)
    assert code == 2
    err = capsys.readouterr().err
    assert says in err
    assert err.count("\n") == 1


def _timeline(entries: int, words: int) -> Timeline:
    source = Source(
        1, "doc-1", ("doc-1#0",), "Swap", "Alpine Wire", "2026-02-05", "https://news.example/1", "…"
    )
    return Timeline(
        "prisoner swaps",
        "2026-01-01",
        "2026-02-18",
        tuple(
            TimelineEntry(
                f"2026-02-{10 - i % 9:02d}",
                Answer("q", (Sentence(" ".join(["swap"] * words) + " <b>.", (1,)),), (source,)),
            )
            for i in range(entries)
        ),
    )


def test_the_timeline_renders_dated_lines_within_each_platforms_limits() -> None:
    [html] = render_timeline_telegram(_timeline(2, 10))
    assert html.startswith("<b>What changed on “prisoner swaps” from 2026-01-01 to 2026-02-18</b>")
    assert "\n\n<b>2026-02-10</b> swap" in html
    assert '&lt;b&gt;. <a href="https://news.example/1">[1]</a>' in html
    pages = render_timeline_telegram(_timeline(40, 120), limit=1500)
    assert len(pages) > 1
    assert all(units(p) <= 1500 for p in pages)
    messages = render_slack_timeline(_timeline(40, 500))
    for message in messages:
        assert len(message.blocks) <= 50
        assert all(len(b.get("text", {}).get("text", "")) <= 3000 for b in message.blocks)
    first = messages[0].blocks
    assert first[1]["text"]["text"].startswith("*2026-02-10* swap")
    [empty] = render_slack_timeline(Timeline("grain", "2026-03-01", ""))
    assert empty.text == "Nothing found on “grain” since 2026-03-01."


def test_asking_what_changed_answers_with_the_timeline_in_dated_lines(
    newsroom: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    capsys.readouterr()
    assert main(["ask", "latest on prisoner swaps", "--json"]) == 0
    line = json.loads(capsys.readouterr().out)
    lines = line["answer"].splitlines()
    assert len(lines) >= 2
    dates = [x.split(":")[0] for x in lines]
    assert dates == sorted(dates, reverse=True)
    assert line["sections"] == []
    swap = next(x for x in lines if "157 prisoners" in x)
    assert swap.count("[") == 3  # every report of the development is cited
    assert main(["ask", "what changed on prisoner swaps since 2026-03-01?"]) == 0
    assert "Nothing found on “prisoner swaps” from 2026-03-01" in capsys.readouterr().out
