"""The digest: new documents grouped into stories, ranked by coverage, told with citations."""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.cli import main
from retrieval.digest import parse_since
from retrieval.documents import Document
from retrieval.store import new_chunks
from tests.conftest import make_index
from tests.corpus_factory import news_documents, write_markdown_corpus

SWAP_COVERAGE = [
    ("wire-a", "Prisoner swap after mediation", "Coast Courier"),
    ("wire-b", "Prisoners exchanged in mediated swap", "Harbour Daily"),
    ("wire-c", "Mediated exchange frees hundreds of prisoners", "Metro Ledger"),
]


@pytest.fixture
def newsroom(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The test corpus plus the prisoner swap reported by three more outlets."""
    wire_copies = [
        Document(
            doc_id,
            title,
            "The two sides exchanged 157 prisoners each on Thursday, the largest swap this "
            "year. The exchange was mediated by the United Arab Emirates.",
            date="2026-02-06",
            publisher=publisher,
        )
        for doc_id, title, publisher in SWAP_COVERAGE
    ]
    others = [
        # Undated: it belongs to the period in which it was ingested (today).
        Document(
            "undated-feature",
            "Families wait for news of the missing",
            "Families of missing soldiers said on Monday they were still waiting for news.",
            publisher="Coast Courier",
        ),
        # An opinion piece dated inside the period: it reports nothing that happened.
        Document(
            "opinion",
            "Time to stop underestimating the defenders",
            "It was not supposed to be like this. The invasion has exposed more than one faulty "
            "assumption about power and its limits, and the lessons will outlast the war itself.",
            date="2026-02-09",
            publisher="Harbour Daily",
        ),
        # A live page's shell of headlines and timestamps, dated inside the period.
        Document(
            "live-shell",
            "The latest news from around the world | Metro Ledger",
            "* 16 minutes ago 16 mins ago Storm hits the coast\n"
            "* 1 hour ago 1 hr ago Minister resigns after row\n"
            "* 2 hours ago 2 hrs ago Cup final ends in penalties",
            date="2026-02-10",
            publisher="Metro Ledger",
        ),
    ]
    write_markdown_corpus(tmp_path / "corpus", news_documents() + wire_copies + others)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("BRIEFBOT_DATA_DIR", str(tmp_path / "data"))
    assert main(["ingest"]) == 0
    return tmp_path


def _digest(capsys: pytest.CaptureFixture[str], *args: str) -> dict[str, object]:
    capsys.readouterr()
    assert main(["digest", "--json", *args]) == 0
    data: dict[str, object] = json.loads(capsys.readouterr().out)
    return data


def test_the_most_covered_story_leads_and_is_told_once(
    newsroom: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = _digest(capsys, "--since", "2026-02-05", "--until", "2026-02-17")
    items = data["items"]
    assert isinstance(items, list)
    first = items[0]
    assert set(first["documents"]) == {"prisoner-swap", "wire-a", "wire-b", "wire-c"}
    assert "157 prisoners" in first["answer"]
    assert first["reports"] == "4 reports"  # four outlets
    # Every report of the story is cited, not only the one quoted.
    assert {c["doc_id"] for c in first["citations"]} == set(first["documents"])
    assert first["citations"][0]["n"] == 1
    others = [set(i["documents"]) for i in items[1:]]
    assert all("wire-a" not in docs for docs in others)  # one story, one item
    dates = {i["latest"] for i in items}
    assert all("2026-02-05" <= d <= "2026-02-17" for d in dates)


def test_equal_coverage_puts_the_most_recent_first(
    newsroom: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    items = _digest(capsys, "--since", "2026-02-05", "--until", "2026-02-17")["items"]
    assert isinstance(items, list)
    single = [i for i in items if i["reports"] == "1 report"]
    assert len(single) >= 3
    assert [i["latest"] for i in single] == sorted((i["latest"] for i in single), reverse=True)
    assert single[0]["documents"] == ["talks-geneva"]


def test_a_past_period_holds_its_dated_stories_only(
    newsroom: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    items = _digest(capsys, "--since", "2026-02-05", "--until", "2026-02-12")["items"]
    assert isinstance(items, list)
    documents = {d for i in items for d in i["documents"]}
    assert "talks-geneva" not in documents  # dated after the period
    assert "energy-strikes" not in documents  # dated before it
    assert "undated-feature" not in documents  # ingested today, after the period
    assert "live-shell" not in documents  # dated inside it, but not a story
    assert "opinion" not in documents  # nor is an opinion piece


def test_an_undated_report_counts_in_the_period_it_was_ingested(
    newsroom: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    items = _digest(capsys, "--since", "24h")["items"]
    assert isinstance(items, list)
    assert [i["documents"] for i in items] == [["undated-feature"]]
    assert items[0]["latest"] == ""


def test_the_scheduled_digest_takes_late_arrivals(newsroom: Path) -> None:
    """A feed entry dated the day before the last digest, ingested after it, is still news to
    the subscriber; one dated weeks before is not."""
    index = make_index(newsroom / "data", "briefbot")
    last_digest = datetime(2026, 2, 7, 6, 0, tzinfo=UTC)  # the stored dates are from before it
    now = time.time() + 60

    def documents(late_days: int) -> set[str]:
        found = new_chunks(
            index.store, "2026-02-07", last_digest.timestamp(), "2026-02-07", now, late_days
        )
        return {chunk.doc_id for chunk, _ in found}

    assert documents(-1) == {"undated-feature"}
    late = documents(3)
    assert {"wire-a", "wire-b", "wire-c", "prisoner-swap", "undated-feature"} <= late
    assert "codename" not in late  # dated 2026-01-20


def test_topic_matches_by_meaning_as_well_as_words(
    newsroom: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = _digest(capsys, "--since", "2026-02-01", "--until", "2026-02-28", "--topic", "POW")
    items = data["items"]
    assert isinstance(items, list)
    assert [set(i["documents"]) for i in items] == [{"prisoner-swap", "wire-a", "wire-b", "wire-c"}]


def test_topic_keeps_only_matching_stories(
    newsroom: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = _digest(capsys, "--since", "2026-02-01", "--until", "2026-02-28", "--topic", "rate")
    items = data["items"]
    assert isinstance(items, list)
    assert items
    assert all(
        {"central-bank", "market-report", "rates-outlook"} & set(i["documents"]) for i in items
    )


def test_nothing_new_says_so(newsroom: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["digest", "--since", "2027-01-01", "--until", "2027-01-02"]) == 0
    assert "Nothing new from 2027-01-01 to 2027-01-02." in capsys.readouterr().out


@pytest.mark.parametrize(
    ("value", "expected_date"),
    [("24h", "2026-11-24"), ("3d", "2026-11-22"), ("2026-02-01", "2026-02-01")],
)
def test_parse_since(value: str, expected_date: str) -> None:
    now = 1_795_600_000.0  # 2026-11-25 08:26 UTC
    assert parse_since(value, now)[0] == expected_date


def test_parse_since_explains_a_bad_value() -> None:
    with pytest.raises(ValueError, match="use 24h, 3d or a date"):
        parse_since("yesterday", 0.0)
