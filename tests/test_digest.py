"""The digest: new documents grouped into stories, ranked by coverage, told with citations."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.cli import main
from retrieval.digest import parse_since
from retrieval.documents import Document
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
    write_markdown_corpus(tmp_path / "corpus", news_documents() + wire_copies)
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
    assert first["citations"][0]["n"] == 1
    others = [set(i["documents"]) for i in items[1:]]
    assert all("wire-a" not in docs for docs in others)  # one story, one item
    dates = {i["latest"] for i in items}
    assert all("2026-02-05" <= d <= "2026-02-17" for d in dates)


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
