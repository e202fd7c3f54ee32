"""Citation markers, link stripping, support checks and verified answers: plain tables."""

from __future__ import annotations

import pytest

from retrieval.answers import ABSTENTION
from retrieval.citations import (
    check_answer,
    declines,
    split_cited_sentences,
    strip_links,
    supports,
)
from tests.corpus_factory import passage as _passage

PASSAGES = [
    _passage(
        "grain-talks",
        "Officials from Ukraine and Turkey met in Istanbul on Tuesday to discuss resuming grain "
        "shipments through the Black Sea.",
        title="Grain talks resume in Istanbul",
    ),
    _passage(
        "corridor",
        "Russian officials insist the grain corridor cannot reopen until sanctions on "
        "agricultural exports are lifted.",
    ),
    _passage(
        "wheat-prices",
        "Wheat prices rose 4 percent in Chicago after the talks ended without agreement.",
    ),
]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", []),
        ("A fell [1]. B rose [2].", [("A fell.", [1]), ("B rose.", [2])]),
        ("A fell.[1][2] B rose. [3]", [("A fell.", [1, 2]), ("B rose.", [3])]),
        ("A fell [1, 2]. B rose [2-4].", [("A fell.", [1, 2]), ("B rose.", [2, 3, 4])]),
        ("A fell [1–3].", [("A fell.", [1, 2, 3])]),
        ("A [1] and B [2] fell.", [("A and B fell.", [1, 2])]),
        ("A fell [1][1].", [("A fell.", [1])]),
        (
            "Mr. Smith spoke [1]. Then he left [2].",
            [("Mr. Smith spoke.", [1]), ("Then he left.", [2])],
        ),
        ("The U.S. envoy arrived [1].", [("The U.S. envoy arrived.", [1])]),
        ("Prices rose 3.5 percent [2].", [("Prices rose 3.5 percent.", [2])]),
        ("Did it end? Yes, on Monday [3].", [("Did it end?", []), ("Yes, on Monday.", [3])]),
        (
            '"It is over," she said. [1] Talks end.',
            [('"It is over," she said.', [1]), ("Talks end.", [])],
        ),
        ("No markers. None at all.", [("No markers.", []), ("None at all.", [])]),
        ("Line one [1]\nLine two [2]", [("Line one", [1]), ("Line two", [2])]),
        ("A fell.\n[4]", [("A fell.", [4])]),
        ("[1]", []),
        ("A fell [1-500].", [("A fell.", [1, 500])]),
    ],
)
def test_split_cited_sentences(text: str, expected: list[tuple[str, list[int]]]) -> None:
    assert split_cited_sentences(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Talks resumed [1].", "Talks resumed [1]."),
        ("See https://evil.example/x?key=1.", "See."),
        ("Talks resumed (http://evil.example/a) [1].", "Talks resumed [1]."),
        ("[the report](https://evil.example) says so [1]", "the report says so [1]"),
        ("Talks resumed [1](https://evil.example/a).", "Talks resumed [1]."),
        ("![map](http://evil.example/m.png) shows it", "map shows it"),
        ("<https://evil.example|click here> now", "click here now"),
        ("<https://evil.example> now", "now"),
        ("<!channel> talks resumed", "talks resumed"),
        ('<a href="https://evil.example">the ministry</a> said', "the ministry said"),
        ("<b>Talks</b> resumed<br/>", "Talks resumed"),
        ("Visit www.evil.com today", "Visit today"),
        ("Visit evil.ru/path now", "Visit now"),
        ("Write to tips@evil.com now", "Write to now"),
        ("The U.S. said 3.5 percent rose", "The U.S. said 3.5 percent rose"),
        ("a < b and c > d", "a < b and c > d"),
        ("One [1].\nTwo [2].", "One [1].\nTwo [2]."),
    ],
)
def test_strip_links(text: str, expected: str) -> None:
    assert strip_links(text) == expected


GRAIN = PASSAGES[0].chunk.text
CORRIDOR = PASSAGES[1].chunk.text


@pytest.mark.parametrize(
    ("sentence", "passage", "expected"),
    [
        (GRAIN, GRAIN, True),
        ("Ukraine and Turkey officials met in Istanbul to discuss grain shipments.", GRAIN, True),
        ("Officials meeting in Istanbul discussed resumed shipments.", GRAIN, True),
        (
            "Russian officials say the corridor cannot reopen until sanctions are lifted.",
            CORRIDOR,
            True,
        ),
        ("Heavy rain flooded schools and roads in Valencia.", GRAIN, False),
        (
            "Ukraine and Turkey agreed to a ceasefire in Geneva after long negotiations.",
            GRAIN,
            False,
        ),
        (
            "Wheat prices rose 5 percent in Chicago.",
            "Wheat prices rose 4 percent in Chicago.",
            False,
        ),
        (
            "Wheat prices rose 4 percent in Chicago.",
            "Wheat prices rose 4 percent in Chicago.",
            True,
        ),
        ("About 33,000 people left.", "About 33000 people left the city.", True),
        ("They met on 05 March.", "They met on 5 March.", True),
        # A footnote mark glued to a sentence's last number is not part of it, as quoted.
        (
            "Strikes on Lyman signal attacks on Donetsk towns in late 2025–early 2026.",
            "Strikes on Lyman signal attacks on Donetsk towns in late 2025–early 2026.8\n\n"
            "Russia has been losing troops.",
            True,
        ),
        ("Prices rose 2 percent.", "Prices rose 2.5 percent. Then they fell.", False),
        ("It was there.", GRAIN, False),
        ("", GRAIN, False),
    ],
)
def test_supports(sentence: str, passage: str, expected: bool) -> None:
    assert supports(sentence, passage) is expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("INSUFFICIENT", True),
        ("INSUFFICIENT.", True),
        ("insufficient", True),
        ("INSUFFICIENT: the passages are about floods.", True),
        ("The sources don't say.", True),
        ("The provided passages do not mention the talks.", True),
        ("I cannot answer that from these sources.", True),
        ("The sources don't say why, but the talks ended [3].", False),
        ("Insufficient funding delayed the talks [1].", False),
        ("Talks resumed [1].", False),
    ],
)
def test_declines(text: str, expected: bool) -> None:
    assert declines(split_cited_sentences(text)) is expected


def _cited(answer_text: str) -> list[tuple[str, list[int]]]:
    return split_cited_sentences(answer_text)


def test_check_answer_keeps_supported_citations_with_urls_from_metadata() -> None:
    answer = check_answer(
        "What happened to the grain talks?",
        _cited(
            "Officials from Ukraine and Turkey met in Istanbul to discuss grain shipments [1]. "
            "Wheat prices rose 4 percent in Chicago after the talks [3]."
        ),
        PASSAGES,
        "llm",
    )
    assert not answer.abstained
    assert answer.composer == "llm"
    assert [s.citations for s in answer.sentences] == [(1,), (2,)]
    assert [s.url for s in answer.sources] == [
        "https://news.example/grain-talks",
        "https://news.example/wheat-prices",
    ]
    assert answer.retrieved == tuple(PASSAGES)


def test_check_answer_renumbers_sources_by_first_use() -> None:
    answer = check_answer(
        "q",
        _cited(
            "Wheat prices rose 4 percent in Chicago [3]. "
            "Officials met in Istanbul to discuss grain shipments [1][3]."
        ),
        PASSAGES,
        "llm",
    )
    assert [s.doc_id for s in answer.sources] == ["wheat-prices", "grain-talks"]
    # [3] does not support the second sentence, so only the Istanbul passage stays.
    assert [s.citations for s in answer.sentences] == [(1,), (2,)]


def test_check_answer_drops_out_of_range_and_unsupported_citations() -> None:
    answer = check_answer(
        "q",
        _cited(
            "Officials met in Istanbul to discuss grain shipments [1][9]. "
            "Wheat prices rose 4 percent in Chicago [9]. "
            "Russian officials say the corridor cannot reopen until sanctions are lifted [1]. "
            "Officials met in Istanbul [0]."
        ),
        PASSAGES,
        "llm",
    )
    assert [s.text for s in answer.sentences] == [
        "Officials met in Istanbul to discuss grain shipments."
    ]
    assert answer.sentences[0].citations == (1,)
    assert [s.doc_id for s in answer.sources] == ["grain-talks"]


@pytest.mark.parametrize(
    "text",
    [
        "INSUFFICIENT",
        "The sources don't say.",
        "Officials met in Istanbul to discuss grain shipments.",  # nothing cited
        "Heavy rain flooded Valencia [1].",  # cited, but not what the passage says
        "Officials met in Istanbul to discuss grain shipments [7].",  # no passage 7
    ],
)
def test_check_answer_abstains_when_nothing_valid_remains(text: str) -> None:
    answer = check_answer("q", _cited(text), PASSAGES, "llm")
    assert answer.abstained
    assert answer.text() == ABSTENTION
    assert answer.sources == ()
    assert answer.composer == "llm"
    assert answer.retrieved == tuple(PASSAGES)


def test_check_answer_with_no_passages_abstains() -> None:
    answer = check_answer("q", _cited("Officials met in Istanbul [1]."), [], "llm")
    assert answer.abstained
