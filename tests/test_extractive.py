"""The extractive composer on a small corpus, with the real bundled models."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np
import pytest
from numpy.typing import NDArray

from retrieval.answers import ABSTENTION
from retrieval.citations import supports
from retrieval.documents import Document
from retrieval.embedding import BgeEmbedder
from retrieval.evaluation import citation_is_valid
from retrieval.extractive import ExtractiveComposer, ExtractiveConfig
from retrieval.index import Index
from retrieval.ingest import ingest
from retrieval.reranking import CrossEncoderReranker
from retrieval.search import HybridSearcher
from tests.conftest import SMALL_CHUNKS, make_index
from tests.corpus_factory import news_documents, passage

POSITIONS = [
    Document(
        "moscow-demands",
        "Moscow sets out its demands",
        "Senior Russian diplomats say Moscow requires formal guarantees that Ukraine will not "
        "join NATO. They also reject any deployment of foreign troops on Ukrainian territory.",
        "https://news.example/moscow-demands",
        "2026-02-11",
        "Alpine Wire",
    ),
    Document(
        "kyiv-demands",
        "Kyiv wants binding guarantees",
        "Ukraine's delegation insists that any peace deal must include binding and enforceable "
        "security guarantees backed by the United States and European allies.",
        "https://news.example/kyiv-demands",
        "2026-02-11",
        "Harbour Daily",
    ),
]


@pytest.fixture(scope="module")
def index(tmp_path_factory: pytest.TempPathFactory, embedder: BgeEmbedder) -> Index:
    idx = make_index(tmp_path_factory.mktemp("extractive"))
    ingest(news_documents() + POSITIONS, idx, embedder, SMALL_CHUNKS)
    return idx


@pytest.fixture(scope="module")
def composer(index: Index) -> ExtractiveComposer:
    return ExtractiveComposer(CrossEncoderReranker(max_tokens=96).score, index.keyword().idf)


def _answer(index: Index, embedder: BgeEmbedder, composer: ExtractiveComposer, q: str):  # type: ignore[no-untyped-def]
    return composer.compose(q, HybridSearcher(index, embedder).search(q, 5))


def test_answer_cites_the_passage_it_quotes(
    index: Index, embedder: BgeEmbedder, composer: ExtractiveComposer
) -> None:
    answer = _answer(index, embedder, composer, "How many prisoners were exchanged?")
    assert not answer.abstained
    assert "157 prisoners" in answer.text()
    assert all(s.citations for s in answer.sentences)
    cited = {answer.sources[n - 1].doc_id for s in answer.sentences for n in s.citations}
    assert "prisoner-swap" in cited
    source = next(s for s in answer.sources if s.doc_id == "prisoner-swap")
    assert source.url == "https://news.example/prisoner-swap"
    assert (source.title, source.publisher, source.date) == (
        "Hundreds of prisoners exchanged after mediation",
        "Alpine Wire",
        "2026-02-05",
    )
    assert citation_is_valid(answer, supports)
    # Sources are numbered 1..n in order of first use.
    assert [s.n for s in answer.sources] == list(range(1, len(answer.sources) + 1))
    assert answer.sentences[0].citations[0] == 1


def test_two_sides_are_both_quoted_and_attributed(
    index: Index, embedder: BgeEmbedder, composer: ExtractiveComposer
) -> None:
    answer = _answer(
        index, embedder, composer, "How do Russia's and Ukraine's positions on guarantees differ?"
    )
    text = answer.text()
    assert "Senior Russian diplomats say" in text  # attribution kept
    assert "binding and enforceable" in text
    assert {"moscow-demands", "kyiv-demands"} <= {s.doc_id for s in answer.sources}


def test_abstains_when_the_sources_do_not_answer(
    index: Index, embedder: BgeEmbedder, composer: ExtractiveComposer
) -> None:
    answer = _answer(index, embedder, composer, "What is the recipe for a good sourdough bread?")
    assert answer.abstained
    assert answer.text() == ABSTENTION
    assert answer.sources == ()


def test_a_how_many_question_needs_a_number(
    index: Index, embedder: BgeEmbedder, composer: ExtractiveComposer
) -> None:
    # The corpus talks about the grain corridor but never counts its ships.
    answer = _answer(index, embedder, composer, "How many ships used the grain corridor?")
    assert answer.abstained


def test_answers_stay_short(
    index: Index, embedder: BgeEmbedder, composer: ExtractiveComposer
) -> None:
    answer = _answer(index, embedder, composer, "What happened at the talks in Geneva?")
    assert not answer.abstained
    assert answer.word_count() <= 150


def test_no_passages_means_abstention(composer: ExtractiveComposer) -> None:
    assert composer.compose("Anything?", []).abstained


def test_judging_fewer_sentences_still_finds_the_answer(
    index: Index, embedder: BgeEmbedder
) -> None:
    judge = CrossEncoderReranker(max_tokens=96)
    judged: list[int] = []

    def score(question: str, sentences: Sequence[str]) -> NDArray[np.float32]:
        judged.append(len(sentences))
        return judge.score(question, sentences)

    fast = ExtractiveComposer(score, index.keyword().idf, ExtractiveConfig(judged_sentences=3))
    answer = _answer(index, embedder, fast, "How many prisoners were exchanged?")
    assert judged == [3]  # the model saw only the three most promising sentences
    assert "157 prisoners" in answer.text()


def test_a_number_is_checked_against_the_part_of_the_question_that_asks_for_it() -> None:
    def relevance(question: str, sentences: Sequence[str]) -> NDArray[np.float32]:
        return np.ones(len(sentences), dtype=np.float32)

    def rarity(terms: Iterable[str]) -> dict[str, float]:
        # "congress" is the question's rarest word, but the number answers the first part.
        return {t: {"congress": 9.0, "guarante": 3.0}.get(t, 0.5) for t in terms}

    passages = [
        passage(
            "guarantees",
            "We want guarantees for 30 years, the president told reporters on Friday.",
            title="Zelensky asks for guarantees",
        ),
        passage(
            "congress",
            "He said the guarantees should be ratified by Congress to make them binding.",
            title="Kyiv wants a vote in Washington",
        ),
    ]
    composer = ExtractiveComposer(relevance, rarity)
    question = "How long should the guarantees last, and why does Zelensky want Congress involved?"
    answer = composer.compose(question, passages)
    assert not answer.abstained
    assert "30 years" in answer.text()
    # Asked alone, a number about something else is still no answer.
    assert composer.compose("How many members of Congress voted?", passages).abstained
