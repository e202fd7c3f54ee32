"""Who speaks a sentence that doesn't name its speaker: transcript turns and long quotes."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest
from numpy.typing import NDArray

from retrieval.actors import load_aliases
from retrieval.chunking import Chunk
from retrieval.documents import Document
from retrieval.embedding import BgeEmbedder
from retrieval.extractive import ExtractiveComposer, ExtractiveConfig
from retrieval.ingest import ingest
from retrieval.keyword import KeywordIndex
from retrieval.search import HybridSearcher, Passage
from retrieval.sides import SideBySideComposer
from retrieval.voices import opening_speakers, transcript_turns, turn_openings, voices
from tests.conftest import SMALL_CHUNKS, make_index
from tests.corpus_factory import passage

TRANSCRIPT = (
    "Vladimir Putin: Good afternoon. The pipeline is ready for commercial operation. "
    "Question: Will gas flow this winter? "
    "Olaf Scholz: We discussed the pipeline at length today."
)


def _said_at(text: str, sentence: str, speaker: str = "") -> str:
    return voices(text, speaker).at(text.index(sentence))


def test_a_transcripts_sentences_are_spoken_by_the_turns_speaker() -> None:
    assert _said_at(TRANSCRIPT, "The pipeline is ready") == "Vladimir Putin said."
    assert _said_at(TRANSCRIPT, "We discussed the pipeline") == "Olaf Scholz said."
    # A journalist's question is nobody's position: "Question:" ends Putin's turn.
    assert _said_at(TRANSCRIPT, "Will gas flow") == ""


def test_a_quote_over_several_sentences_is_spoken_by_whoever_it_is_attributed_to() -> None:
    after = (
        'The president spoke to reporters in Kyiv. "Here we differ. This pipeline is a '
        'geopolitical weapon. Ukraine needs guarantees," Volodymyr Zelenskyy stressed. '
        "The talks lasted three hours."
    )
    assert _said_at(after, "This pipeline is") == "Volodymyr Zelenskyy stressed."
    assert _said_at(after, "The president spoke") == ""
    assert _said_at(after, "The talks lasted") == ""
    before = 'Andriy Yermak said: "This is a test for the Alliance. It shows double standards."'
    assert _said_at(before, "It shows double") == "Andriy Yermak said"


def test_he_or_she_says_what_the_one_the_sentence_before_names_says() -> None:
    text = (
        "Ursula von der Leyen said Europe was opening solidarity lanes. "
        "She said there were 20m tonnes of wheat stuck in Ukraine. "
        "She added that ports must reopen. The wheat is rotting."
    )
    said = "Ursula von der Leyen said Europe was opening solidarity lanes."
    assert _said_at(text, "She said there were") == said
    assert _said_at(text, "She added") == said  # still hers
    assert _said_at(text, "The wheat is rotting") == ""
    # After a quote, the sentence quoting it; a quote of several sentences said by "he",
    # whoever the sentence before names.
    quoted = (
        '"We must prepare for years," Jens Stoltenberg said. "It is a long war," he said. '
        'Boris Johnson agreed. "Steel yourselves. Help Ukraine," he added.'
    )
    assert (
        _said_at(quoted, '"It is a long war')
        == '"We must prepare for years," Jens Stoltenberg said.'
    )
    assert _said_at(quoted, "Help Ukraine") == "Boris Johnson agreed."
    # A sentence naming nobody before it leaves "he" unknown, and so does one telling only
    # what happened; a quote opening with "He" is the quote's speaker's.
    assert _said_at("He said it was over.", "He said") == ""
    drones = "Russia launched 400 drones overnight. He said the attack was the largest yet."
    assert _said_at(drones, "He said") == ""
    told = 'Biden met Putin in Geneva. "He told me he wanted peace," Biden said.'
    assert _said_at(told, '"He told me') == ""
    # Nor need the sentence before name the speaker first: "Canada's prime minister, ...,
    # saying that ..." is someone speaking.
    saying = (
        "Canada's prime minister, Justin Trudeau, made the case for ties, saying that Moscow "
        'would retaliate. "I am not sure it is worth the cost," he said.'
    )
    assert _said_at(saying, '"I am not sure').startswith("Canada's prime minister")


def test_a_speaker_described_by_office_is_the_one_introduced_by_it() -> None:
    text = (
        "This was emphasized by President of Ukraine Volodymyr Zelenskyy during a meeting with "
        "journalists. According to the Head of State, the situation is difficult. "
        '"We are keeping the situation in the Severodonetsk direction. We have every chance to '
        'fight there," the President said.'
    )
    assert _said_at(text, "We have every chance") == "Volodymyr Zelenskyy said."
    munich = (
        "This could dismay French president Emmanuel Macron, who had pressed for talks in "
        "Geneva. The French leader made Europe's stance clear in Munich, saying: \u201cYou can "
        "negotiate without the Europeans, but it will not bring peace.\u201d Missions declined "
        "to comment."
    )
    assert _said_at(munich, "The French leader") == "Emmanuel Macron said."
    assert _said_at(munich, "Missions declined") == ""
    # Another office's holder is not "the President".
    other = (
        'Zelenskyy met Prime Minister of Italy Mario Draghi. "We discussed grain. We agreed on '
        'more," the President said.'
    )
    assert _said_at(other, "We agreed on") == "the President said."
    # Of several presidents, the French one; words about a minister are not his.
    two = (
        "French President Emmanuel Macron met Ukrainian President Volodymyr Zelenskyy. The "
        "French president said talks would go on."
    )
    assert _said_at(two, "The French president") == "Emmanuel Macron said."
    about = (
        'Prime Minister Rishi Sunak spoke on Monday. "The minister has lied to parliament," '
        "Keir Starmer said."
    )
    assert _said_at(about, '"The minister has') == ""
    signed = "Defence Minister Rustem Umerov visited. The minister signed it, the Kremlin said."
    assert _said_at(signed, "The minister signed") == ""


def test_a_quote_is_only_what_opens_and_closes_as_one() -> None:
    # A passage that opens inside a quote starts with its closing mark: what follows is
    # narration, not the next quote's speaker's.
    opened_inside = (
        'the price of oil will rise," the article reads. But the authors say Putin erred. '
        'He did not expect it. "We saw it coming. Nobody listened," Lavrov said.'
    )
    assert _said_at(opened_inside, "But the authors") == ""
    assert _said_at(opened_inside, "Nobody listened") == "Lavrov said."
    # A mark never closed is no quote of everything after it.
    unclosed = 'He said: "We will win. ' + "The war went on for years. " * 80
    assert _said_at(unclosed, "The war went on") == ""
    # An abbreviation's point doesn't cut who said it short.
    titled = 'He spoke. "We differ. It is a weapon," Mr. Putin said. Then he left.'
    assert _said_at(titled, "It is a weapon") == "Mr. Putin said."


def test_a_turn_opens_after_any_break_and_takes_no_sentence_before_it() -> None:
    text = "Good luck. ‹…> Vladimir Putin: Comrade officers. We thank you."
    assert _said_at(text, "We thank", "Sergei Shoigu") == "Vladimir Putin said."
    text = "Please. Oliver Weeks: Thank you. Yes indeed."
    assert _said_at(text, "Yes indeed") == "Oliver Weeks said."


def test_a_label_known_elsewhere_opens_a_turn_where_a_crawl_glued_it_after_a_word() -> None:
    text = (
        "Diana Magnay: Will you guarantee it? Thank you Vladimir Putin: Regarding guarantees, "
        "we want them. Our actions depend on them."
    )
    assert _said_at(text, "Our actions") == "Diana Magnay said."
    said = voices(text, known=frozenset({"Vladimir Putin"})).at(text.index("Our actions"))
    assert said == "Vladimir Putin said."
    # A name ending a longer label opens no second turn, glued or not.
    known = frozenset({"Vladimir Putin", "President of Russia Vladimir Putin"})
    titled = "Good. President of Russia Vladimir Putin: Colleagues, good afternoon."
    assert turn_openings(titled, known) == [(6, "President of Russia Vladimir Putin")]
    glued = "Talks began President of Russia Vladimir Putin: Colleagues, good afternoon."
    assert turn_openings(glued, known) == [(12, "President of Russia Vladimir Putin")]


def test_a_passage_opening_inside_a_glued_turn_knows_whose_turn_it_is() -> None:
    text = (
        "Vladimir Putin: We will see. Diana Magnay: Will you guarantee it? Thank you Vladimir "
        "Putin: Regarding guarantees, we want them. Our actions depend on them."
    )
    cut = text.index("Our actions")

    def chunk(position: int, start: int, end: int) -> Chunk:
        return Chunk(f"t#{position}", "t", "", "", "", "", position, start, end, text[start:end])

    # The second passage opens in Putin's answer, though its label was glued to "Thank you".
    chunks = [chunk(0, 0, cut), chunk(1, cut, len(text))]
    assert opening_speakers(chunks) == {"t#1": "Vladimir Putin"}


def test_an_answer_glued_to_the_question_it_answers_still_inherits_it() -> None:
    glued = (
        "Vladimir Putin: The artillery work goes on methodically. Anna Petrova: How will the EU "
        "giving Ukraine candidate status affect us? Thank you " + FORUM_ANSWER
    )
    composer = _judged_by_words(ExtractiveConfig())
    read = [passage("forum", glued, title="Plenary session", date="2022-06-17")]
    answer = composer.compose("how did putin react to eu candidate status?", read)
    assert "we have no objections" in answer.text()


def test_a_passage_opening_inside_a_turn_knows_whose_turn_it_is(tmp_path: Path) -> None:
    text = TRANSCRIPT
    cut = text.index("The pipeline")
    later = text.index("Olaf Scholz")

    def chunk(position: int, start: int, end: int) -> Chunk:
        return Chunk(f"t#{position}", "t", "", "", "", "", position, start, end, text[start:end])

    chunks = [chunk(0, 0, cut), chunk(1, cut, later), chunk(2, later, len(text))]
    # The second passage starts in Putin's turn; the third opens with its own speaker.
    assert opening_speakers(chunks) == {"t#1": "Vladimir Putin"}
    # The keyword index keeps them over a restart.
    directory = tmp_path / "keyword"
    KeywordIndex.build(chunks).save(directory)
    loaded = KeywordIndex.load(directory)
    assert loaded is not None
    assert loaded.speakers == {"t#1": "Vladimir Putin"}
    # One saved before speakers were recorded is not read as knowing none: it is rebuilt.
    records = directory / "records.json"
    saved = json.loads(records.read_text(encoding="utf-8"))
    del saved["speakers"]
    records.write_text(json.dumps(saved), encoding="utf-8")
    assert KeywordIndex.load(directory) is None
    # Where the passage opens mid-turn, its sentences are the turn's speaker's.
    assert _said_at(chunks[1].text, "The pipeline is", "Vladimir Putin") == "Vladimir Putin said."


def _composer() -> ExtractiveComposer:
    """Every sentence judged equally relevant, every word equally rare."""

    def relevance(question: str, sentences: Sequence[str]) -> NDArray[np.float32]:
        return np.ones(len(sentences), dtype=np.float32)

    def rarity(terms: Iterable[str]) -> dict[str, float]:
        return {t: 1.0 for t in terms}

    def share(terms: Iterable[str]) -> dict[str, float]:
        return {t: 0.5 for t in terms}

    return ExtractiveComposer(relevance, rarity, share, aliases=load_aliases())


KREMLIN = passage(
    "kremlin-presser",
    "The pipeline has been ready for commercial operation since December. "
    "It would substantially enhance energy security in Europe.",
    title="News conference following Russian-German talks",
    date="2022-02-15",
)
KYIV = passage(
    "kyiv-presser",
    'The President spoke after the talks. "Here we have differences. We see the pipeline as '
    'a geopolitical weapon. Ukraine needs energy security guarantees," Volodymyr Zelenskyy '
    "stressed.",
    date="2022-02-14",
)


def test_each_side_of_a_comparison_is_given_what_it_said_in_its_own_words() -> None:
    putin_speaking = replace(KREMLIN, chunk=replace(KREMLIN.chunk, speaker="Vladimir Putin"))
    composer = _composer()
    sides = SideBySideComposer(composer, composer, load_aliases())
    question = "How did Zelensky and Putin each talk about the pipeline?"
    answer = sides.compose(question, [putin_speaking, KYIV])
    zelensky, putin, *_ = answer.sections
    assert "geopolitical weapon" in " ".join(s.text for s in zelensky.sentences)
    assert "commercial operation" in " ".join(s.text for s in putin.sentences)
    # Without knowing who speaks in the transcript, Putin has nothing of his own.
    answer = sides.compose(question, [KREMLIN, KYIV])
    assert not any(s.actor == "Putin" and s.sentences for s in answer.sections)


def test_search_tells_a_passage_whose_transcript_turn_it_opens_in(
    tmp_path: Path, embedder: BgeEmbedder
) -> None:
    speech = " ".join(
        f"Point {n} of the plan concerns the pipeline and the gas transit contracts."
        for n in "ABCDEFGHIJ"
    )
    doc = Document(
        "presser",
        "News conference after the talks",
        f"Vladimir Putin: {speech} Question: What about the winter? Olaf Scholz: We agreed.",
        "https://news.example/presser",
        "2022-02-15",
        "Kremlin",
    )
    index = make_index(tmp_path)
    ingest([doc], index, embedder, SMALL_CHUNKS)
    searcher = HybridSearcher(index, embedder)
    read = searcher.to_read("pipeline gas transit contracts", searcher.search("gas transit", 5))
    opening = {p.chunk.position: p.chunk.speaker for p in read}
    assert opening.get(0) == ""  # its turn opens inside it
    assert "Vladimir Putin" in {s for pos, s in opening.items() if pos > 0}


@pytest.mark.parametrize(
    "question",
    [
        "What did Putin promise the families of soldiers?",
        "What is Putin promising the families of soldiers?",
        "What did Putin order for the families of soldiers?",
    ],
)
def test_what_someone_promised_leads_with_their_own_words_in_a_transcript(question: str) -> None:
    payments = passage(
        "payments-report",
        "Regional officials said payments to the families of soldiers were delayed again.",
        date="2022-03-05",
    )
    turn = passage(
        "kremlin-meeting",
        "I consider it necessary to approve an additional payment of 5 million rubles to each "
        "family.",
        title="Meeting with Government members",
        date="2022-03-05",
    )
    turn = replace(turn, chunk=replace(turn.chunk, speaker="Vladimir Putin"))
    answer = _composer().compose(question, [payments, turn])
    assert answer.sentences[0].text.startswith("I consider it necessary to approve")


FORUM_QUESTION = (
    "Vladimir Putin: The artillery work goes on methodically. "
    "Anna Petrova: We were told yesterday that the EU will give Ukraine candidate status. "
    "So how will it affect us?"
)
FORUM_ANSWER = (
    "Vladimir Putin: Unlike NATO, the European Union is not a military bloc. "
    "So we have always said that our position is clear: we have no objections."
)


def _forum(question: str = FORUM_QUESTION, gap: int = 1) -> list[Passage]:
    """A forum transcript read as two passages: the question put at the end of the first,
    Putin's answer, which names neither the EU's decision nor Ukraine's status, in the one
    `gap` characters after it."""
    first = passage("forum", question, title="Plenary session", date="2022-06-17")
    start = len(question) + gap
    second = replace(
        first.chunk,
        chunk_id="forum#1",
        position=1,
        start=start,
        end=start + len(FORUM_ANSWER),
        text=FORUM_ANSWER,
    )
    return [first, Passage(second, 1.0)]


def _judged_by_words(config: ExtractiveConfig) -> ExtractiveComposer:
    """A judge finding only sentences that say "candidate status" relevant."""

    def relevance(question: str, sentences: Sequence[str]) -> NDArray[np.float32]:
        return np.array(
            [2.0 if "candidate status" in s else -6.0 for s in sentences], dtype=np.float32
        )

    def rarity(terms: Iterable[str]) -> dict[str, float]:
        return {t: 1.0 for t in terms}

    def share(terms: Iterable[str]) -> dict[str, float]:
        return {t: 0.5 for t in terms}

    return ExtractiveComposer(relevance, rarity, share, config, aliases=load_aliases())


def test_a_transcripts_answer_is_as_relevant_as_the_question_it_answers() -> None:
    kyiv = passage(
        "kyiv",
        "Volodymyr Zelenskyy said candidate status was one of the most important decisions "
        "for Ukraine in thirty years.",
        date="2022-06-23",
    )
    question = "How did Zelensky and Putin each react to the EU granting candidate status?"

    def putins(config: ExtractiveConfig) -> str:
        composer = _judged_by_words(config)
        answer = SideBySideComposer(composer, composer, load_aliases()).compose(
            question, [*_forum(), kyiv]
        )
        return " ".join(s.text for s in answer.sections[1].sentences)

    said = putins(ExtractiveConfig())
    assert "we have no objections" in said
    assert "We were told" not in said  # the question is judged, but is not his
    assert "artillery" not in said  # nor lent to the sentence before it
    # Judged alone, his answer says nothing of candidate status; nor is the question his.
    assert putins(ExtractiveConfig(answer_drop=-1)) == ""


def test_an_answer_inherits_a_question_put_in_nothing_but_a_question() -> None:
    asked = (
        "Vladimir Putin: The artillery work goes on methodically. "
        "Anna Petrova: How will the EU giving Ukraine candidate status affect us?"
    )
    composer = _judged_by_words(ExtractiveConfig())
    answer = composer.compose("how did putin react to eu candidate status?", _forum(asked))
    assert "we have no objections" in answer.text()
    assert "How will" not in answer.text()  # a question is never an answer's sentence


def test_a_turn_read_far_from_a_question_does_not_answer_it() -> None:
    # Two passages of one transcript, far apart: the second opens inside some turn nobody
    # read the start of, and Peskov's turn after it answers no question read.
    first, second = _forum(gap=5000)
    far = replace(second, chunk=replace(second.chunk, text="and so on. " + FORUM_ANSWER))
    turns = transcript_turns([first.chunk, far.chunk])
    opening = far.chunk.start + far.chunk.text.index("Vladimir Putin:")
    assert turns.answered("forum", opening) is None
    near = transcript_turns(p.chunk for p in _forum())
    assert near.answered("forum", _forum()[1].chunk.start) is not None
