"""Hybrid search over a real embedded Chroma: fusion, filters, duplicates, spread."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from retrieval.documents import Document
from retrieval.embedding import BgeEmbedder
from retrieval.index import Index
from retrieval.ingest import ingest
from retrieval.parts import question_parts
from retrieval.search import HybridSearcher, SearchConfig, SearchFilters
from tests.conftest import SMALL_CHUNKS, make_index
from tests.corpus_factory import memo_documents, news_documents


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory, embedder: BgeEmbedder) -> Index:
    idx = make_index(tmp_path_factory.mktemp("search"))
    ingest(news_documents() + memo_documents(), idx, embedder, SMALL_CHUNKS)
    return idx


def _top_docs(searcher: HybridSearcher, query: str, k: int = 3, **filters: str) -> list[str]:
    return [p.chunk.doc_id for p in searcher.search(query, k, SearchFilters(**filters))]


def _indexed(tmp_path: Path, embedder: BgeEmbedder, docs: list[Document]) -> Index:
    index = make_index(tmp_path)
    ingest(docs, index, embedder, SMALL_CHUNKS)
    return index


def _reads(searcher: HybridSearcher, question: str, k: int, phrase: str) -> bool:
    """Whether what a composer reads for the question's `k` best passages says `phrase`."""
    _, passages = searcher.context(question, k)
    return any(phrase in p.chunk.text for p in passages)


def test_finds_the_passage_that_answers(index: Index, embedder: BgeEmbedder) -> None:
    searcher = HybridSearcher(index, embedder)
    passages = searcher.search("How many prisoners were exchanged?", 3)
    assert passages[0].chunk.doc_id == "prisoner-swap"
    assert "157 prisoners" in passages[0].chunk.text
    assert passages[0].chunk.url == "https://news.example/prisoner-swap"


@pytest.mark.parametrize("query", ["Ostapchuk-Lindqvist", "What does Ostapchuk-Lindqvist expect?"])
def test_hybrid_tells_apart_names_that_dense_search_confuses(
    index: Index, embedder: BgeEmbedder, query: str
) -> None:
    searcher = HybridSearcher(index, embedder)
    assert searcher.dense_only(query, 3)[0].chunk.doc_id == "rates-outlook"  # the namesake
    assert _top_docs(searcher, query)[0] == "market-report"


def test_hybrid_finds_a_paraphrase_that_keyword_search_ranks_lower(
    index: Index, embedder: BgeEmbedder
) -> None:
    query = "When were families left in the dark and cold?"
    keyword_only = HybridSearcher(index, embedder, SearchConfig(dense_weight=0.0))
    assert _top_docs(keyword_only, query)[0] != "energy-strikes"
    assert _top_docs(HybridSearcher(index, embedder), query)[0] == "energy-strikes"


def test_near_duplicate_stories_collapse_to_one(index: Index, embedder: BgeEmbedder) -> None:
    searcher = HybridSearcher(index, embedder)
    docs = _top_docs(searcher, "leaked logistics memo resupply plan codename", k=5)
    memos = [d for d in docs if d.startswith("memo-") or d == "codename"]
    assert len(memos) == 1, docs


def test_results_spread_across_documents(index: Index, embedder: BgeEmbedder) -> None:
    searcher = HybridSearcher(index, embedder)
    docs = _top_docs(searcher, "talks negotiations delegation meeting", k=5)
    assert len(docs) == len(set(docs)) == 5


@pytest.mark.parametrize(
    ("filters", "expected"),
    [
        (
            {"date_from": "2026-02-01"},
            {"2026-02-05", "2026-02-08", "2026-02-12", "2026-02-13", "2026-02-14", "2026-02-17"},
        ),
        ({"date_to": "2022-12-31"}, {"2022-08-01", "2022-05-18"}),
        ({"date_from": "2026-02-10", "date_to": "2026-02-13"}, {"2026-02-12", "2026-02-13"}),
    ],
)
def test_date_filters(
    index: Index, embedder: BgeEmbedder, filters: dict[str, str], expected: set[str]
) -> None:
    searcher = HybridSearcher(index, embedder)
    passages = searcher.search("news", 10, SearchFilters(**filters))
    assert passages
    assert {p.chunk.date for p in passages} <= expected


def test_publisher_filter_ignores_case(index: Index, embedder: BgeEmbedder) -> None:
    searcher = HybridSearcher(index, embedder)
    passages = searcher.search("talks and exchanges", 10, SearchFilters(publisher="alpine"))
    assert {p.chunk.doc_id for p in passages} == {"talks-geneva", "prisoner-swap"}
    assert searcher.search("talks", 5, SearchFilters(publisher="No Such Paper")) == []


def test_empty_query_and_empty_index(tmp_path: Path, embedder: BgeEmbedder) -> None:
    searcher = HybridSearcher(make_index(tmp_path), embedder)
    assert searcher.search("anything", 5) == []
    assert searcher.search("   ", 5) == []


def test_an_undated_document_is_excluded_by_date_filters(
    tmp_path: Path, embedder: BgeEmbedder
) -> None:
    idx = make_index(tmp_path)
    undated = Document("undated", "Geneva talks", "Delegations met in Geneva for talks.")
    ingest([undated], idx, embedder, SMALL_CHUNKS)
    searcher = HybridSearcher(idx, embedder)
    assert _top_docs(searcher, "Geneva talks") == ["undated"]
    assert _top_docs(searcher, "Geneva talks", date_from="2020-01-01") == []
    assert _top_docs(searcher, "Geneva talks", date_to="2030-12-31") == []


def _wire(doc_id: str, day: str, text: str, title: str = "Port talks") -> Document:
    """A wire report of the day given."""
    return Document(doc_id, title, text, f"https://news.example/{doc_id}", day, "Wire")


def _weather() -> list[Document]:
    """Four monthly weather notes, dated away from the day asked: the rest of a corpus."""
    return [
        _wire(f"filler-{i}", f"2025-0{i}-15", f"Rain fell in month {i}.", "Weather")
        for i in range(4, 8)
    ]


def test_a_question_naming_a_day_brings_up_that_days_report(
    tmp_path: Path, embedder: BgeEmbedder
) -> None:
    index = make_index(tmp_path)
    docs = [
        _wire(
            "closer-wording",
            "2025-03-02",
            "Officials held talks on reopening the northern port to grain ships. The port "
            "talks covered insurance for grain ships and inspections.",
        ),
        _wire(
            "that-day",
            "2025-03-09",
            "Officials met again about the northern harbour. Inspections were the sticking "
            "point, a spokesman said.",
        ),
        *_weather(),
    ]
    ingest(docs, index, embedder, SMALL_CHUNKS)
    question = "What came of the port talks on 9 March 2025?"
    # Dense search alone, so the period's own dense ranking is what lifts the day's report.
    undated = HybridSearcher(index, embedder, SearchConfig(dense_weight=1.0, period_weight=0.0))
    assert _top_docs(undated, question, k=2)[0] == "closer-wording"
    dated = HybridSearcher(index, embedder, SearchConfig(dense_weight=1.0))
    assert _top_docs(dated, question, k=2)[0] == "that-day"
    assert _top_docs(HybridSearcher(index, embedder), question, k=2)[0] == "that-day"

    # A passage deleted behind the keyword index's back (as an ingest running elsewhere does)
    # is not found, and the search goes on.
    index.store.collection.delete(where={"doc_id": "that-day"})
    assert "that-day" not in _top_docs(dated, question, k=3)


def test_a_question_naming_a_day_brings_up_the_record_dated_that_night(
    tmp_path: Path, embedder: BgeEmbedder
) -> None:
    index = make_index(tmp_path)
    docs = [
        # Reports of the week after, worded like the question, and the address itself, given
        # late on the 9th and published after midnight, so dated the 10th.
        _wire(
            "recap-1",
            "2025-03-12",
            "In his address on 9 March the president spoke about the port, reports recalled.",
            "Looking back at the president's address",
        ),
        _wire(
            "recap-2",
            "2025-03-14",
            "The president's address about the port on 9 March was discussed again.",
            "What the president said about the port",
        ),
        _wire(
            "address",
            "2025-03-10",
            "Our northern harbour will take grain ships again from Monday. Inspections will "
            "be shared with our partners.",
            "Address by the President",
        ),
        *_weather(),
    ]
    ingest(docs, index, embedder, SMALL_CHUNKS)
    question = "What did the president say about the port in his address on 9 March 2025?"
    week = HybridSearcher(index, embedder, SearchConfig(dense_weight=1.0, day_weight=0.0))
    assert _top_docs(week, question, k=3)[0].startswith("recap")
    day = HybridSearcher(index, embedder, SearchConfig(dense_weight=1.0))
    assert _top_docs(day, question, k=3)[0] == "address"


@pytest.mark.parametrize(
    ("question", "parts"),
    [
        (
            "new start just expired - what did moscow offer vs how did the UN react?",
            ["new start just expired", "what did moscow offer", "how did the UN react"],
        ),
        (
            "What did Moscow decide in March 2022, and how did Kyiv react?",
            ["What did Moscow decide in March 2022", "how did Kyiv react"],
        ),
        ("zelensky's plan versus china's plan", ["zelensky's plan", "china's plan"]),
        (
            "how did kalin's framing differ from cavusoglu's advice?",
            ["how did kalin's framing", "cavusoglu's advice"],
        ),
        # "and" between two names is not a second question; neither is a hyphenated name.
        ("what did Russia and Ukraine agree?", ["what did Russia and Ukraine agree?"]),
        ("who is Ostapchuk-Lindqvist", ["who is Ostapchuk-Lindqvist"]),
    ],
)
def test_a_question_asking_several_things_is_read_as_its_parts(
    question: str, parts: list[str]
) -> None:
    assert question_parts(question) == parts


TREATY_DOCS = [
    (
        "offer",
        "Moscow's New START offer",
        "Moscow offered to keep to the New START treaty's limits for another year after it "
        "expired, the Kremlin said.",
    ),
    (
        "offer-stands",
        "Kremlin: New START offer stands",
        "The Kremlin said Moscow's offer on the expired New START treaty still stands and that "
        "Washington has not answered it.",
    ),
    (
        "ryabkov",
        "Ryabkov on strategic arms",
        "Deputy foreign minister Ryabkov said Moscow would match any American move once New "
        "START expired, and repeated the offer.",
    ),
    (
        "un-reaction",
        "Guterres urges talks",
        "The UN secretary-general reacted with alarm: a grave moment for international "
        "security, he said, urging both capitals back to negotiations.",
    ),
]


def test_each_part_of_a_question_asking_several_things_is_searched_for(
    tmp_path: Path, embedder: BgeEmbedder
) -> None:
    docs = [
        Document(doc_id, title, text, f"https://news.example/{doc_id}", "2026-02-05", "Wire")
        for doc_id, title, text in TREATY_DOCS
    ]
    index = _indexed(tmp_path, embedder, docs)
    question = "new start expired - what did moscow offer vs how did the UN react?"
    whole_only = HybridSearcher(index, embedder, SearchConfig(part_passages=0))
    _, passages = whole_only.context(question, 1)
    assert "un-reaction" not in {p.chunk.doc_id for p in passages}
    _, passages = HybridSearcher(index, embedder).context(question, 1)
    assert "un-reaction" in {p.chunk.doc_id for p in passages}


GENERATOR_DOCS = [
    ("moldova", "EU aid to Moldova", "The EU sent 200 generators to Moldova this winter."),
    ("ukraine", "Winter aid", "The EU sent 947 generators to Ukraine, the commission said."),
    ("parade", "Ukraine marks its day", "Ukraine marked Ukraine's day as Ukraine's partners met."),
    ("talks", "Ukraine talks", "Ukraine and Ukraine's allies talked about Ukraine's future."),
    ("grain", "Ukraine grain", "Ukraine shipped grain from Ukraine's ports to Ukraine's buyers."),
]


def test_each_side_whose_figure_is_compared_is_searched_for(
    tmp_path: Path, embedder: BgeEmbedder
) -> None:
    docs = [
        Document(doc_id, title, text, f"https://news.example/{doc_id}", "2026-02-05", "Wire")
        for doc_id, title, text in GENERATOR_DOCS
    ]
    index = _indexed(tmp_path, embedder, docs)
    question = "how many generators did the EU send to Moldova vs Ukraine"
    plain = SearchConfig(further_documents=0, opening_documents=0, turn_passages=0)
    _, passages = HybridSearcher(index, embedder, plain).context(question, 1)
    assert "ukraine" in {p.chunk.doc_id for p in passages}


REPORT = (
    "Russia struck the power grid overnight on February 3 with 71 missiles and 450 drones, "
    "hitting plants in Kyiv and Kharkiv.\n\n"
    + "\n\n".join(
        f"Ground fighting continued near village number {i}, where small assault groups probed "
        "the defensive lines along the river without gaining ground or holding positions."
        for i in range(8)
    )
    + "\n\nOn February 7 Russia again struck the power grid, launching 408 drones and 39 "
    "missiles at substations that serve the nuclear power plants."
)


def test_a_part_is_read_from_another_passage_of_a_document_already_read(
    tmp_path: Path, embedder: BgeEmbedder
) -> None:
    # A long report read for one part ("feb 3") often tells the other ("feb 7") further on.
    docs = [
        Document(
            "report",
            "Campaign assessment, February 7",
            REPORT,
            "https://news.example/report",
            "2026-02-07",
            "Think tank",
        ),
        Document(
            "other",
            "Blackouts in the capital",
            "Residents queued for water as the blackouts went on for a second week.",
            "https://news.example/other",
            "2026-02-07",
            "Wire",
        ),
    ]
    searcher = HybridSearcher(
        _indexed(tmp_path, embedder, docs), embedder, SearchConfig(further_passages=0)
    )
    assert _reads(
        searcher, "feb 3 vs feb 7 russian strikes on the grid - how big?", 1, "408 drones"
    )


STORY = (
    "Russia fired 408 drones and 39 missiles overnight, the air force said, and most were "
    "shot down before they reached the substations near the nuclear plants.\n\n"
    + "\n\n".join(
        f"In village number {i} the residents described the night to reporters, recalling "
        "how the windows shook and the children woke and the lights went out at once."
        for i in range(6)
    )
    + "\n\nKey takeaways: Russia launched another massive strike against the energy grid "
    "on February 7, targeting substations that serve nuclear power plants."
)


def test_the_opening_of_the_best_document_is_read(tmp_path: Path, embedder: BgeEmbedder) -> None:
    # A report's summary restates its lead's event without the figures the lead gives.
    docs = [
        Document(
            "story",
            "Campaign assessment, February 7",
            STORY,
            "https://news.example/story",
            "2026-02-07",
            "Think tank",
        )
    ]
    index = _indexed(tmp_path, embedder, docs)
    question = "how big was the feb 7 russian strike on the energy grid?"
    config = SearchConfig(further_documents=0)
    unopened = HybridSearcher(index, embedder, replace(config, opening_documents=0))
    assert not _reads(unopened, question, 1, "408 drones")
    assert _reads(HybridSearcher(index, embedder, config), question, 1, "408 drones")


NIGHT = (
    "Olena's building in eastern Kyiv shook more than ever, she said of the January 9 "
    "attack, which blew out the windows of the flats above hers.\n\n"
    + "\n\n".join(
        f"In block number {i} the neighbours swept the glass from the stairs and taped the "
        "frames, and the volunteers brought tea and blankets to the old people."
        for i in range(3)
    )
    + "\n\nRussia launched 242 drones and 36 missiles that night, including a new missile."
)


def test_the_passage_naming_the_day_of_that_night_is_read(
    tmp_path: Path, embedder: BgeEmbedder
) -> None:
    # The count is told "that night", the night a passage before names: without it, the
    # answer cannot tell the count is of the day asked.
    doc = Document("night", "Cold homes", NIGHT, "https://news.example/n", "2026-02-10", "Wire")
    searcher = HybridSearcher(_indexed(tmp_path, embedder, [doc]), embedder)
    counted = [p for p in searcher.search("242 drones and 36 missiles", 5) if "242" in p.chunk.text]
    assert counted
    assert "January 9" not in counted[0].chunk.text
    dated = "how many drones did russia launch on the night of jan 9 2026?"
    read = searcher.with_days_referred(dated, counted[:1])
    assert any("January 9 attack" in p.chunk.text for p in read)
    # Only where a day is asked about.
    assert (
        searcher.with_days_referred("how many drones did russia launch?", counted[:1])
        == (counted[:1])
    )


def test_the_passage_naming_the_month_of_later_in_the_month_is_read(
    tmp_path: Path, embedder: BgeEmbedder
) -> None:
    text = NIGHT.replace("January 9 attack", "December 14 attack").replace(
        "242 drones and 36 missiles that night", "242 drones and 36 missiles later in the month"
    )
    doc = Document("month", "Cold homes", text, "https://news.example/m", "2026-02-10", "Wire")
    searcher = HybridSearcher(_indexed(tmp_path, embedder, [doc]), embedder)
    counted = [p for p in searcher.search("242 drones and 36 missiles", 5) if "242" in p.chunk.text]
    assert counted
    assert "December 14" not in counted[0].chunk.text
    read = searcher.with_days_referred("how many drones in february 2026?", counted[:1])
    assert any("December 14 attack" in p.chunk.text for p in read)


FILLER = (
    "The guests were shown the hall where the old paintings hang, and the guide spoke at "
    "length about the architects who built it in the eighteenth century and about the river "
    "that runs beside the walls. "
)
TRANSCRIPT = (
    "Putin met Guterres in Moscow. Putin and Guterres discussed the talks with Ukraine at "
    "length, and Guterres asked Putin about the talks.\n\n"
    + "\n\n".join(FILLER * 2 for _ in range(4))
    + "\n\nOn the talks, Putin told Guterres that Istanbul had brought an impressive "
    "breakthrough."
)


def test_the_best_documents_are_read_further_than_their_best_passage(
    tmp_path: Path, embedder: BgeEmbedder
) -> None:
    docs = [
        Document(
            "transcript",
            "Meeting with the UN Secretary-General",
            TRANSCRIPT,
            "https://news.example/transcript",
            "2022-04-26",
            "Kremlin",
        ),
    ] + [
        Document(
            f"other-{i}",
            f"Guterres visit, day {i}",
            f"Guterres visited Moscow and Kyiv on day {i} to push for talks.",
            f"https://news.example/other-{i}",
            "2022-04-26",
            "Wire",
        )
        for i in range(3)
    ]
    index = _indexed(tmp_path, embedder, docs)
    question = "What did Putin tell Guterres about the talks?"
    first_only = HybridSearcher(index, embedder, SearchConfig(further_documents=0))
    assert not _reads(first_only, question, 3, "impressive breakthrough")
    assert _reads(HybridSearcher(index, embedder), question, 3, "impressive breakthrough")


def test_the_record_of_the_day_asked_about_is_read_further(
    tmp_path: Path, embedder: BgeEmbedder
) -> None:
    speech = (
        "Putin opened the Victory Day parade on Red Square with a speech to the troops.\n\n"
        + "\n\n".join(FILLER * 2 for _ in range(4))
        + "\n\nRussia launched a pre-emptive strike at the aggression. It was a forced, "
        "timely and the only correct decision."
    )
    docs = [
        Document(
            "parade",
            "Victory Parade on Red Square",
            speech,
            "https://news.example/parade",
            "2022-05-09",
            "Kremlin",
        ),
    ] + [
        Document(
            f"preview-{i}",
            f"Victory Day preview {i}",
            text,
            f"https://news.example/preview-{i}",
            "2022-05-01",
            "Wire",
        )
        for i, text in enumerate(
            [
                "Putin is expected to justify the war in Ukraine in his Victory Day speech.",
                "Analysts say the Victory Day speech will defend the war against Ukraine.",
                "Kremlin aides hint Putin's speech will blame NATO for the war in Ukraine.",
            ]
        )
    ]
    index = _indexed(tmp_path, embedder, docs)
    question = "How did Putin justify the war in Ukraine in his Victory Day speech on 9 May 2022?"
    # (Nor read for the name its title shares with the question: that is another rule's.)
    config = SearchConfig(further_documents=0, record_passages=0, titled_documents=0)
    assert not _reads(HybridSearcher(index, embedder, config), question, 3, "pre-emptive strike")
    config = replace(config, record_passages=SearchConfig().record_passages)
    assert _reads(HybridSearcher(index, embedder, config), question, 3, "pre-emptive strike")


def test_a_record_titled_with_whom_it_was_is_read(tmp_path: Path, embedder: BgeEmbedder) -> None:
    # The Kremlin's record of the call names the Finnish president in its title only; the
    # reports on him name him, Putin and NATO again and again.
    record = Document(
        "call",
        "Telephone conversation with President of Finland Sauli Niinisto",
        "The presidents had a sincere exchange of views. Vladimir Putin stressed that "
        "rejecting the traditional policy of military neutrality would be wrong.",
        "https://news.example/call",
        "2022-05-14",
        "Kremlin",
    )
    told = [
        "Niinisto told Putin that Finland would seek Nato membership, Helsinki said.",
        "Putin warned Niinisto that Nato membership for Finland would harm relations.",
        "Niinisto said after talking to Putin that Nato would make Finland safer.",
        "Finnish voters back Nato as Niinisto prepares to call Putin about the bid.",
        "Niinisto described his talk with Putin on Finland and Nato as calm and cool.",
        "Putin and Niinisto spoke as Finland readied its Nato application in Helsinki.",
        "Sweden follows Finland: Niinisto and Putin discuss the Nato bid by phone.",
        "Nato allies welcome Finland after Niinisto briefs Putin on the application.",
    ]
    reports = [
        Document(
            f"report-{i}",
            f"Finland and Nato, report {i}",
            text,
            f"https://news.example/report-{i}",
            "2022-05-15",
            "Wire",
        )
        for i, text in enumerate(told)
    ]
    index = _indexed(tmp_path, embedder, [record, *reports])
    question = "What did Putin tell Niinisto about Finland joining Nato in May 2022?"
    config = SearchConfig(
        further_documents=0, opening_documents=0, part_passages=0, turn_passages=0
    )
    untitled = HybridSearcher(index, embedder, replace(config, titled_documents=0))
    assert not _reads(untitled, question, 3, "military neutrality")
    assert _reads(HybridSearcher(index, embedder, config), question, 3, "military neutrality")
    # A name many titles give is no record's.
    asked = "What did Putin tell Finland about Nato in May 2022?"
    assert not _reads(HybridSearcher(index, embedder, config), asked, 3, "military neutrality")


ARTILLERY = (
    "The counter-battery work is underway and will increase, since the advantage in "
    "artillery is overwhelming, and the fortified areas will be passed methodically. "
)


KYIV_ON_CANDIDACY = [
    (
        "a historic day",
        "Zelensky said candidate status was the most important decision for "
        "Ukraine in thirty years, and Putin's war could not stop it.",
    ),
    (
        "the army's motivation",
        "Candidate status will motivate the army, the President told "
        "students, and it shows Putin that Europe stands together.",
    ),
    (
        "the seven requirements",
        "Ukraine must meet seven requirements after being granted "
        "candidate status, from judicial reform to media law; Putin was not mentioned.",
    ),
    (
        "thanks to the leaders",
        "Zelensky thanked every EU leader for the candidate status "
        "decision and said Putin had wanted Europe divided.",
    ),
]


def test_a_named_speakers_own_turns_are_searched(tmp_path: Path, embedder: BgeEmbedder) -> None:
    # The interviewer names the subject at the end of a passage opening in Putin's turn;
    # his answer, in the passage after it, does not.
    forum = (
        f"Vladimir Putin: {ARTILLERY * 2}The front will hold. "
        "Anna Petrova: We were told yesterday that the EU will give Ukraine candidate status "
        "within days, as three European leaders said on their visit to Kyiv this week. "
        "So how will it affect us, and what will it mean for trade between our countries? "
        "And will the union then ask Kyiv to meet its rules on subsidies and markets? "
        "Vladimir Putin: Unlike NATO, the European Union is not a military bloc, and it has "
        "never been one in all the years since it was founded. We have no objections. It is "
        f"a sovereign decision of any country. {ARTILLERY * 2}"
    )
    docs = [
        Document(
            "forum",
            "Plenary session of the economic forum",
            forum,
            "https://news.example/forum",
            "2022-06-17",
            "Kremlin",
        )
    ] + [
        Document(
            f"kyiv-{i}",
            f"EU candidate status for Ukraine: {title}",
            text,
            f"https://news.example/kyiv-{i}",
            "2022-06-23",
            "President of Ukraine",
        )
        for i, (title, text) in enumerate(KYIV_ON_CANDIDACY)
    ]
    index = _indexed(tmp_path, embedder, docs)
    question = "How did Zelensky and Putin each react to the EU granting Ukraine candidate status?"
    plain = SearchConfig(further_documents=0, part_passages=0)
    no_turns = HybridSearcher(index, embedder, replace(plain, turn_passages=0))
    assert not _reads(no_turns, question, 3, "no objections")
    assert _reads(HybridSearcher(index, embedder, plain), question, 3, "no objections")
