"""Positions side by side: which questions compare sides, and whose sentences go where."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace

import numpy as np
import pytest
from numpy.typing import NDArray

from retrieval.actors import load_aliases, speakers, states_position
from retrieval.answers import Answer, Section
from retrieval.citations import supports
from retrieval.evaluation import citation_is_valid, sections_json
from retrieval.extractive import ExtractiveComposer
from retrieval.names import Name
from retrieval.search import Passage
from retrieval.sides import ALSO, SideBySideComposer, compared_sides
from tests.corpus_factory import passage


@pytest.mark.parametrize(
    ("question", "sides"),
    [
        ("Where do Russia and Ukraine stand on security guarantees?", ["Russia", "Ukraine"]),
        ("Donbas: what does Moscow want vs what is Kyiv offering?", ["Moscow", "Kyiv"]),
        ("How do the US and EU proposals differ?", ["US", "EU"]),
        ("compare russia, ukraine: security guarantees", ["Russia", "Ukraine"]),
        ("Compare white house & eu: tariffs", ["White House", "EU"]),
        ("How did Zelensky and Putin each react to the EU's move?", ["Zelensky", "Putin"]),
        ("What did Moscow offer vs how did the UN react?", ["Moscow", "UN"]),
        ("Ardern vs Truss on China - how did their messages differ?", ["Ardern", "Truss"]),
        # The names "each" follows are the sides, wherever they stand.
        (
            "When Ukraine and Turkey signed their trade deal, what figures did Zelensky and "
            "Erdogan each cite?",
            ["Zelensky", "Erdogan"],
        ),
        # An owner describing a side is not one: "Nato's Jens Stoltenberg".
        (
            "What did Nato's Jens Stoltenberg and the EU's Ursula von der Leyen each warn?",
            ["Jens Stoltenberg", "Ursula von der Leyen"],
        ),
        # Written after "from" or "in" a name is still a side.
        (
            "Statements from Zelensky vs Putin on the ceasefire - what did each say?",
            ["Zelensky", "Putin"],
        ),
        ("Reaction in Kyiv vs Moscow to the peace plan?", ["Kyiv", "Moscow"]),
        # A verb between two names describes neither: "press" is a word of titles too.
        ("How did Macron and Scholz press Putin, and what did each say?", ["Macron", "Scholz"]),
        # An owner's body is no person it describes.
        (
            "Truss versus China's foreign Ministry: what did Truss demand, and how did Beijing "
            "answer?",
            ["Truss", "China"],
        ),
        # An owner and a title before a name describe it.
        (
            "What did Ukraine's foreign minister Dmytro Kuleba and Russia's foreign minister "
            "Sergei Lavrov each say?",
            ["Dmytro Kuleba", "Sergei Lavrov"],
        ),
        # Nor is a name describing one by its role: "Russian envoy Kirill Dmitriev".
        (
            "How did US envoy Steve Witkoff and Russian envoy Kirill Dmitriev each describe it?",
            ["Steve Witkoff", "Kirill Dmitriev"],
        ),
        # What each says a number is: their figures.
        (
            "How many people have left Kyiv - Klitschko's figure vs Shevchuk's?",
            ["Klitschko", "Shevchuk"],
        ),
        # A name opening with a small word keeps it, first in the question too.
        ("Le Pen vs Macron on Nato - what was she proposing?", ["Le Pen", "Macron"]),
        # A later clause asking what each said: the names written together before it.
        (
            "Would Sweden and Finland host Nato bases or nukes? what did each govt say",
            ["Sweden", "Finland"],
        ),
    ],
)
def test_a_question_setting_sides_against_each_other_is_a_comparison(
    question: str, sides: list[str]
) -> None:
    comparison = compared_sides(question)
    assert comparison is not None
    assert [s.text for s in comparison.sides] == sides


@pytest.mark.parametrize(
    "question",
    [
        "Where did Ukraine and Russia hold their latest talks?",  # both sides, no stance
        "Did Ukraine and Russia meet in Geneva? where was each delegation staying",
        "Did Ukraine and Russia meet in Geneva? how did each delegation travel",
        "What security guarantees does Ukraine want?",  # one side
        "What does Russia demand about NATO?",
        "Feb 3 vs feb 7 Russian strikes on the grid - how big was each one?",  # dates
        "What did Ukraine and Russia agree at the talks on March 3, 2022?",  # one deal
        "compare russia: security guarantees",  # one side only
        "Who brokered the talks?",
        # A number of each is asked, not what each says.
        "Russia vs Ukraine artillery in Donbas - how many shells a day each?",
        # What the words after "vs" are about is no side: Ukraine is what estimates are of.
        "Zelensky's count of Ukrainian soldiers killed vs what outside estimates say about "
        "Ukraine's losses?",
    ],
)
def test_a_question_that_only_looks_like_a_comparison_is_answered_as_usual(
    question: str,
) -> None:
    assert compared_sides(question) is None


class _Plain:
    """The general composer, standing in for the extractive or language-model answer."""

    def __init__(self) -> None:
        self.asked: list[str] = []

    def compose(self, question: str, passages: Sequence[Passage]) -> Answer:
        self.asked.append(question)
        return Answer(question, (), (), abstained=True)


def _extractive(rare: tuple[str, ...] = ()) -> ExtractiveComposer:
    """An extractive composer that finds every sentence relevant; words starting with one of
    `rare` are in no passage, as the keyword index counts a word the corpus lacks."""

    def relevance(question: str, sentences: Sequence[str]) -> NDArray[np.float32]:
        return np.ones(len(sentences), dtype=np.float32)

    def rarity(terms: Iterable[str]) -> dict[str, float]:
        return {t: 1.0 for t in terms}

    def share(terms: Iterable[str]) -> dict[str, float]:
        return {t: 0.0 if rare and t.startswith(rare) else 0.5 for t in terms}

    return ExtractiveComposer(relevance, rarity, share)


def _side_by_side(general: _Plain | None = None) -> SideBySideComposer:
    return SideBySideComposer(_extractive(), general or _Plain(), load_aliases())


def _judged_by(
    relevance: Callable[[str, Sequence[str]], NDArray[np.float32]],
) -> SideBySideComposer:
    """Side by side over an extractive composer whose judge is `relevance`, every word as rare."""
    composer = ExtractiveComposer(
        relevance, lambda terms: {t: 1.0 for t in terms}, lambda terms: {t: 0.5 for t in terms}
    )
    return SideBySideComposer(composer, composer, load_aliases())


PASSAGES = [
    passage(
        "kremlin-old",
        "Kremlin spokesman Dmitry Peskov said Moscow rejects any foreign troops in Ukraine.",
        date="2025-12-01",
    ),
    passage(
        "kremlin-new",
        "Moscow's delegation demands guarantees that Ukraine will never join NATO.",
        date="2026-02-10",
    ),
    passage(
        "strikes",
        "Russia launched 400 drones and 40 missiles at Ukrainian power plants overnight.",
        date="2026-02-11",
    ),
    passage(
        "eu-view",
        "EU officials are drafting conditions they say Russia must meet on security guarantees.",
        date="2026-02-09",
    ),
]


def test_a_side_speaking_as_he_or_she_is_still_that_side() -> None:
    said = passage(
        "leyen",
        "Ursula von der Leyen warned of a food crisis. "
        "She said there were 20m tonnes of wheat stuck in Ukraine.",
    )
    other = passage("nato", "Jens Stoltenberg said the war could take years.")
    question = "What did Stoltenberg and Ursula von der Leyen each warn of?"
    answer = _side_by_side().compose(question, [said, other])
    texts = {s.actor: " ".join(x.text for x in s.sentences) for s in answer.sections}
    assert "20m tonnes" in texts["Ursula von der Leyen"]
    assert "20m tonnes" not in texts["Stoltenberg"]


def test_each_side_gets_only_its_own_stated_positions_newest_first() -> None:
    answer = _side_by_side().compose("compare russia, ukraine: security guarantees", PASSAGES)
    russia, ukraine, _ = answer.sections
    assert russia.actor == "Russia"
    texts = [s.text for s in russia.sentences]
    # Its delegation and its spokesman speak for Russia, the newest statement first...
    assert texts[0].startswith("Moscow's delegation demands")
    assert texts[1].startswith("Kremlin spokesman Dmitry Peskov said")
    assert [s.date for s in russia.sentences] == ["2026-02-10", "2025-12-01"]
    # ...what Russia did, and what the EU says of Russia, are not its position.
    assert not any("400 drones" in t or "EU officials" in t for t in texts)
    # No source gives Ukraine's position: the heading says so, nothing is borrowed.
    assert ukraine.sentences == ()
    assert "Ukraine: Nothing found on Ukraine's position." in answer.text().splitlines()
    assert citation_is_valid(answer, supports)


def also_text(section: Section) -> str:
    return " ".join(s.text for s in section.sentences)


def test_what_no_side_states_is_given_below_the_sides_within_the_answers_length() -> None:
    # What happened, and what others say of a side, are no side's position, but they answer
    # part of the question: the ordinary answer's sentences follow the sides, once each.
    answer = _side_by_side().compose("compare russia, ukraine: security guarantees", PASSAGES)
    also = answer.sections[-1]
    assert also.actor == ALSO
    assert "400 drones" in also_text(also)
    assert "EU officials are drafting conditions" in also_text(also)
    assert "Moscow's delegation demands" not in also_text(also)  # shown under Russia already
    assert answer.text().splitlines()[-1].startswith("Also found: ")
    assert citation_is_valid(answer, supports)


def test_the_sides_leave_the_ordinary_answer_only_the_words_they_do_not_use() -> None:
    extractive = _extractive()
    extractive.config = replace(extractive.config, max_words=40)
    said = passage(
        "mfa",
        "Russia's foreign ministry rejected the security guarantees plan on Monday.",
        date="2026-02-08",
    )
    question = "compare russia, ukraine: security guarantees"
    ordinary = extractive.compose(question, [*PASSAGES, said])
    assert "EU officials" in ordinary.text()
    answer = SideBySideComposer(extractive, _Plain(), load_aliases()).compose(
        question, [*PASSAGES, said]
    )
    # Russia's three statements take 34 of the 40 words: the EU's 13 do not fit below them.
    assert [s.actor for s in answer.sections] == ["Russia", "Ukraine"]
    assert answer.word_count() <= 40


def test_the_sections_are_in_the_answer_text_and_its_json() -> None:
    answer = _side_by_side().compose("compare russia, ukraine: security guarantees", PASSAGES)
    lines = answer.text().splitlines()
    assert lines[0].startswith("Russia: Moscow's delegation demands guarantees")
    assert lines[0].endswith("[2]")
    sections = sections_json(answer)
    assert sections[0]["actor"] == "Russia"
    first = sections[0]["sentences"][0]  # type: ignore[index]
    assert first["date"] == "2026-02-10"
    cited = answer.sources[first["citations"][0] - 1]
    assert cited.doc_id == "kremlin-new"
    assert sections[1] == {"actor": "Ukraine", "sentences": []}


def test_an_ordinary_question_goes_to_the_general_composer() -> None:
    general = _Plain()
    answer = _side_by_side(general).compose("Where did the talks take place?", PASSAGES)
    assert general.asked == ["Where did the talks take place?"]
    assert answer.sections == ()
    assert sections_json(answer) == []


def test_a_comparison_no_side_of_which_is_found_is_answered_as_usual() -> None:
    general = _Plain()
    question = "compare china, turkey: grain"
    _side_by_side(general).compose(question, PASSAGES)
    assert general.asked == [question]


def test_a_response_no_side_of_which_is_found_is_declined_naming_the_sides() -> None:
    def relevance(question: str, sentences: Sequence[str]) -> NDArray[np.float32]:
        return np.array([1.0 if "report" in s else -5.0 for s in sentences], dtype=np.float32)

    read = [
        passage("report", "A report found that traders shipped chips to Russian importers."),
        passage("peskov", "Kremlin spokesman Dmitry Peskov said the sanctions were illegal."),
    ]
    question = "How did the Kremlin and Kyiv each respond to the report on the traders?"
    answer = _judged_by(relevance).compose(question, read)
    assert answer.abstained
    assert answer.note == "Nothing I found gives how Kremlin or Kyiv responded."
    # Nor are reactors reactions, nor responses written ones to be read.
    for asked in [
        "How did the Kremlin and Kyiv each describe the reactors in the report?",
        "What did the Kremlin and Kyiv's written responses to the report say?",
    ]:
        assert not _judged_by(relevance).compose(asked, read).abstained, asked
    # Asked what the report found, it is answered.
    asked = "What did the report on the traders find, and what do Kremlin and Kyiv say?"
    assert "shipped chips" in _judged_by(relevance).compose(asked, read).text()


def test_a_side_is_read_whole_and_spelled_as_the_actor_table_spells_it() -> None:
    question = "Compare the Kremlin and White house readouts of the call"
    comparison = compared_sides(question, load_aliases())
    assert comparison is not None
    assert [s.text for s in comparison.sides] == ["Kremlin", "White House"]


def test_names_a_question_mentions_before_asking_about_others_are_not_sides() -> None:
    question = "Putin said Finland and Sweden joining NATO was no threat - what is Russia building?"
    assert compared_sides(question) is None


@pytest.mark.parametrize(
    ("sentence", "speaks"),
    [
        ("Kremlin spokesman Dmitry Peskov said Moscow would not accept it.", True),
        ("Russia's foreign ministry rejected the plan on Monday.", True),
        ("According to the Kremlin, the talks will go on.", True),
        ('"We will never accept this," said Kremlin spokesman Dmitry Peskov.', True),
        ("Russia launched 400 drones overnight.", False),  # an act, not a position
        ("NATO rejected Moscow's demands.", False),  # NATO's position about Russia's
        ("Biden laments Russian 'carnage' and says NATO would respond.", False),
        ("Russia's invasion, Zelensky said, was a crime.", False),
        ("Trump said he would ask Putin to agree to a summit.", False),
        ('"The Russians want a deal," said an analyst in Kyiv.', False),  # the analyst speaks
        ('"No," said Putin on Monday.', True),
        ("Lula, 76, said Putin should have negotiated.", False),  # Lula speaks of Putin
        ('"We see no progress," said Peskov when asked about the talks.', True),
        ("Ivan Petrov, a spokesman for Russia's foreign ministry, dismissed the plan.", True),
        ("John Smith, a professor of Russian history, dismissed the plan.", False),
        ("Maria Zakharova, the spokeswoman of the ministry, dismissed the plan.", True),
        ("Maria Zakharova, the spokeswoman of the ministry, also dismissed the plan.", True),
        ("Maria Zakharova, the spokeswoman of the ministry, has dismissed the plan.", True),
        ("Maria Zakharova, the spokeswoman of the ministry, was dismissed.", False),
        ("Sergei Lavrov, the man in the photo, dismissed the plan.", False),  # no role
        ("Russia, the Ukrainian president said, rejected the plan.", False),  # his words
        ("But Russia is accused by officials of keeping the grain in port.", False),  # others'
        ("Moscow has accused Kyiv of keeping the grain in port.", True),
        # A participle after "with" introduces the speaker's words.
        ("Russia was quick to reply, with Kremlin spokesman Dmitry Peskov saying: “No.”", True),
        ("The talks stalled, with the Kremlin saying it would not budge.", True),
        ("The talks stalled, with Russia's foreign ministry saying no.", True),
        ("Trump phoned, with Putin calling the talks useful.", False),  # a call, not a saying
        ("The shelling went on, with Russia insisting it hit only military sites.", True),
        ("Biden held talks with Peskov saying little.", False),  # Biden's clause
        ("Kyiv agreed, with Russia's backing, to talk.", False),
    ],
)
def test_a_sentence_states_a_sides_position_only_when_that_side_says_it(
    sentence: str, speaks: bool
) -> None:
    russia = speakers(Name("Russia", ("Russia",), 0), load_aliases())
    assert (states_position(sentence, russia) is not None) is speaks


def test_a_side_asked_about_a_date_is_answered_from_that_date_only() -> None:
    question = "What did Russia and Ukraine say about guarantees on February 10, 2026?"
    said_before = passage(
        "kyiv-old", "Ukraine's delegation insists on binding guarantees.", date="2025-06-01"
    )
    answer = _side_by_side().compose(question, [*PASSAGES, said_before])
    russia, ukraine, also = answer.sections
    assert [s.date for s in russia.sentences] == ["2026-02-10"]
    assert ukraine.sentences == ()  # it said so, but months before the day asked about
    # Nor is a side's statement from before that day given below the sides; what others
    # said, the day before, is, with its date.
    assert "foreign troops" not in also_text(also)
    assert [s.date for s in also.sentences if "EU officials" in s.text] == ["2026-02-09"]


def test_a_side_asked_about_a_date_is_also_answered_from_an_undated_source() -> None:
    # A page published without a date may be the day's own report: nothing says it is not.
    question = "What did Russia and Ukraine say about guarantees on February 10, 2026?"
    undated = passage("kyiv-page", "Kyiv said it wants Western troops as guarantors.", date="")
    answer = _side_by_side().compose(question, [*PASSAGES, undated])
    _, ukraine, _ = answer.sections
    assert [s.text for s in ukraine.sentences] == [
        "Kyiv said it wants Western troops as guarantors."
    ]


def test_a_comparison_whose_premise_no_source_holds_is_declined() -> None:
    # The sides are found, but nothing mentions the call the question is about.
    extractive = _extractive(rare=("sharanovich",))
    composer = SideBySideComposer(extractive, extractive, load_aliases())
    question = "how do the Kremlin and Kyiv readouts of the Sharanovich call differ?"
    passages = [
        *PASSAGES,
        passage("kyiv", "Kyiv said it rejects any freeze of the front line.", date="2026-02-10"),
    ]
    answer = composer.compose(question, passages)
    assert answer.abstained
    assert answer.note == "Nothing I found mentions Sharanovich."
    assert answer.sections == ()


def test_a_comparison_the_ordinary_answer_declines_is_declined_even_without_a_note() -> None:
    # A source names the call, but says nothing of it worth quoting: the ordinary answer
    # declines (its sources name the call, so there is nothing to note), and the sides, each
    # found saying something else, must not answer in its place.
    def relevance(question: str, sentences: Sequence[str]) -> NDArray[np.float32]:
        return np.array([-20.0 if "Sharanovich" in s else 1.0 for s in sentences], np.float32)

    def share(terms: Iterable[str]) -> dict[str, float]:
        return {t: 0.0 if t.startswith("sharanovich") else 0.5 for t in terms}

    extractive = ExtractiveComposer(relevance, lambda ts: {t: 1.0 for t in ts}, share)
    composer = SideBySideComposer(extractive, extractive, load_aliases())
    question = "how do the Kremlin and Kyiv readouts of the Sharanovich call differ?"
    passages = [
        *PASSAGES,
        passage("kyiv", "Kyiv said it rejects any freeze of the front line.", date="2026-02-10"),
        passage("aside", "Sharanovich was mentioned in passing.", date="2026-02-10"),
    ]
    assert extractive.compose(question, passages).abstained
    answer = composer.compose(question, passages)
    assert answer.abstained
    assert answer.sections == ()


def test_a_missing_number_asked_beside_the_sides_is_said_above_them() -> None:
    question = "what do Russia and Ukraine want, and how many prisoners were freed?"
    answer = _side_by_side().compose(question, PASSAGES)
    assert answer.sections
    assert answer.sections[0].sentences[0].text.startswith("Moscow's delegation demands")
    assert answer.note == "Nothing I found gives that number."


def test_a_side_nothing_mentions_is_said_once_under_its_heading() -> None:
    extractive = _extractive(rare=("hungar", "russia"))
    composer = SideBySideComposer(extractive, extractive, load_aliases())
    question = "what do Russia and Hungary want, and how many prisoners were freed?"
    answer = composer.compose(question, PASSAGES)
    assert answer.sections[1].sentences == ()
    assert "Hungary: Nothing found on Hungary's position." in answer.text()
    assert answer.note == "Nothing I found gives that number."


def test_each_side_is_judged_against_the_question_asked_of_it_alone() -> None:
    # A judge, like the cross-encoder, that finds a side's words on the pipeline relevant
    # to what that side said, but not to a question about the other side as well.
    def relevance(question: str, sentences: Sequence[str]) -> NDArray[np.float32]:
        alone = "Zelensky" not in question or "Putin" not in question
        return np.array(
            [2.0 if alone and "pipeline" in s else -6.0 for s in sentences], dtype=np.float32
        )

    said = [
        passage("kremlin", "Putin said the pipeline would enhance energy security in Europe."),
        passage("kyiv", "Zelensky said the pipeline was a geopolitical weapon."),
    ]
    answer = _judged_by(relevance).compose(
        "How did Zelensky and Putin each talk about the pipeline?", said
    )
    zelensky, putin, *_ = answer.sections
    assert "geopolitical weapon" in also_text(zelensky)
    assert "energy security" in also_text(putin)


def test_someone_a_source_introduces_as_a_sides_official_speaks_for_that_side() -> None:
    # "Landsbergis said" names no country; the article said earlier whose minister he is.
    said = [
        passage(
            "vilnius",
            "“The Russian army is now very close,” said Gabrielius Landsbergis, Lithuania’s "
            "foreign minister. Nato troops train nearby. “We consider the founding act null "
            "and void,” Landsbergis said.",
        ),
        passage("london", "The UK said the founding act remains in force."),
    ]
    question = "How did the UK and Lithuania each treat the founding act?"
    answer = _side_by_side().compose(question, said)
    _, lithuania, *_ = answer.sections
    assert "null and void" in also_text(lithuania)
    assert "Nato troops train nearby" not in also_text(lithuania)


def test_someone_given_a_hyphenated_title_speaks_for_that_side() -> None:
    # "Guterres said" names no UN; the article called him its Secretary-General.
    said = [
        passage(
            "new-york",
            "UN Secretary-General Antonio Guterres spoke in New York. “This is a grave moment "
            "for international peace and security,” Guterres said.",
        ),
        passage("moscow", "Moscow said its offer to keep the treaty's limits stands."),
    ]
    answer = _side_by_side().compose(
        "How did Moscow and the UN each react to the treaty's end?", said
    )
    _, un, *_ = answer.sections
    assert "grave moment" in also_text(un)


def test_each_side_is_judged_against_its_own_clause_and_the_topic_they_share() -> None:
    # A judge, like the cross-encoder, that finds Lithuania's words relevant to what was asked
    # of Lithuania about the act, but not to a question also asking what Moscow demanded.
    def relevance(question: str, sentences: Sequence[str]) -> NDArray[np.float32]:
        fits = "founding act" in question and "demand" not in question
        return np.array(
            [2.0 if fits or "Lithuania" not in s else -6.0 for s in sentences], np.float32
        )

    said = [
        passage("moscow", "Moscow demands NATO return to its 1997 positions."),
        passage("vilnius", "Lithuania says the treaty is no longer viable."),
    ]
    question = "the founding act - what did Moscow demand vs how did Lithuania treat it?"
    moscow, lithuania, *_ = _judged_by(relevance).compose(question, said).sections
    assert "1997 positions" in also_text(moscow)
    assert "no longer viable" in also_text(lithuania)


def test_each_side_is_answered_from_the_dates_its_own_clause_asks_about() -> None:
    question = "what did Moscow demand in December 2021 vs how did Lithuania react in April 2022?"
    said = [
        passage("moscow-dec", "Moscow demands that NATO stop expanding.", date="2021-12-17"),
        passage("moscow-apr", "Moscow warned it would deploy nuclear arms.", date="2022-04-14"),
        passage("vilnius-apr", "Lithuania said the old treaties are void.", date="2022-04-20"),
        passage("vilnius-dec", "Lithuania said talks were worth a try.", date="2021-12-20"),
    ]
    moscow, lithuania, *_ = _side_by_side().compose(question, said).sections
    assert [s.date for s in moscow.sentences] == ["2021-12-17"]
    assert [s.date for s in lithuania.sentences] == ["2022-04-20"]


def test_a_side_asked_nothing_of_its_own_shares_the_topic_the_other_clause_names() -> None:
    # "what does Moscow want" names no topic: "on territory", at the end, is asked of both.
    def relevance(question: str, sentences: Sequence[str]) -> NDArray[np.float32]:
        return np.array([2.0 if "territory" in question else -6.0 for _ in sentences], np.float32)

    said = [
        passage("moscow", "Moscow demands all of the Donetsk region."),
        passage("kyiv", "Kyiv offers to freeze the front line."),
    ]
    question = "what does Moscow want vs what is Kyiv offering on territory?"
    moscow, kyiv, *_ = _judged_by(relevance).compose(question, said).sections
    assert "Donetsk" in also_text(moscow)
    assert "freeze" in also_text(kyiv)


def test_a_side_whose_own_clause_names_no_date_is_not_held_to_the_others_date() -> None:
    question = (
        "what did Moscow demand before the war vs how did Lithuania treat the act by April 2022?"
    )
    said = [
        passage("moscow-dec", "Moscow demands that NATO stop expanding.", date="2021-12-17"),
        passage("vilnius-apr", "Lithuania said the old act is void.", date="2022-04-20"),
        passage("vilnius-dec", "Lithuania said the act was still useful.", date="2021-12-20"),
    ]
    moscow, lithuania, *_ = _side_by_side().compose(question, said).sections
    assert [s.date for s in moscow.sentences] == ["2021-12-17"]
    assert [s.date for s in lithuania.sentences] == ["2022-04-20"]


def test_sides_whose_clauses_name_no_topic_are_each_asked_their_own() -> None:
    # Neither "what does Moscow want" nor "what is Kyiv offering" names a topic the other
    # lacks: each side is asked its own clause, as a judge finds Kyiv's words relevant to
    # what Kyiv offers, not to a question also asking what Moscow wants.
    def relevance(question: str, sentences: Sequence[str]) -> NDArray[np.float32]:
        return np.array(
            [2.0 if "Moscow" not in question or "Kyiv" not in s else -6.0 for s in sentences],
            np.float32,
        )

    said = [
        passage("moscow", "Moscow demands all of the Donetsk region."),
        passage("kyiv", "Kyiv offers to freeze the front line."),
    ]
    question = "what does Moscow want vs what is Kyiv offering?"
    moscow, kyiv, *_ = _judged_by(relevance).compose(question, said).sections
    assert "Donetsk" in also_text(moscow)
    assert "freeze" in also_text(kyiv)


def test_a_side_sharing_a_surname_the_sources_give_another_person_speaks_only_for_herself() -> None:
    # The table's "Trump" speaks for the United States and means Donald Trump, whom the
    # sources name far more often than Melania Trump.
    said = [
        passage(
            "white-house",
            "US President Donald Trump met envoys. Donald Trump said a deal was close. "
            "Secretary of State Marco Rubio said talks would resume.",
        ),
        passage("briefing", "On Friday, Trump said he would meet Zelensky this week."),
        passage(
            "children",
            "US first lady Melania Trump said she remains in contact with Putin's team. "
            "“I'm working on it,” she told reporters.",
        ),
        passage("kremlin", "Vladimir Putin said Russia was open to talks on the children."),
    ]
    question = "Compare what Melania Trump and Vladimir Putin said about the children."
    melania, putin, *_ = _side_by_side().compose(question, said).sections
    assert melania.actor == "Melania Trump"
    assert "remains in contact" in also_text(melania)
    assert "working on it" in also_text(melania)
    # Neither Donald Trump's words, his secretary of state's, nor a bare "Trump said" are hers.
    for other in ("deal was close", "talks would resume", "meet Zelensky"):
        assert other not in also_text(melania)
    assert "open to talks" in also_text(putin)


def test_a_side_whose_surname_the_sources_give_mostly_to_it_keeps_its_countrys_voices() -> None:
    said = [
        passage("pm", "Prime Minister Boris Johnson said Kyiv would get more arms."),
        passage("again", "Boris Johnson said it again. In March Johnson said so once more."),
        # Another Johnson, and a passage naming him, do not take Britain's voices from Boris.
        passage(
            "fm",
            "Not since Lyndon Johnson has a leader been so tested. "
            "Foreign Secretary Liz Truss said Britain would stand with Ukraine.",
        ),
        passage("kremlin", "Vladimir Putin said Russia was ready for talks."),
    ]
    question = "How did Boris Johnson and Vladimir Putin each react?"
    johnson, *_ = _side_by_side().compose(question, said).sections
    assert "stand with Ukraine" in also_text(johnson)
    assert "more arms" in also_text(johnson)


def test_a_side_asked_by_title_or_by_a_long_name_is_no_namesake() -> None:
    said = [
        passage("kyiv", "Ukrainian President Volodymyr Zelensky said Kyiv wants guarantees."),
        passage("again", "Volodymyr Zelensky said so again. Volodymyr Zelensky insisted."),
        passage("moscow", "Russian President Vladimir Putin said Russia was ready for talks."),
        passage("ankara", "Turkish President Tayyip Erdogan said the straits stay closed."),
    ]
    question = "How did President Zelensky and President Putin each react?"
    zelensky, putin, *_ = _side_by_side().compose(question, said).sections
    assert "wants guarantees" in also_text(zelensky)
    assert "ready for talks" not in also_text(zelensky)
    assert "ready for talks" in also_text(putin)
    asked = "How did Recep Tayyip Erdogan and Vladimir Putin each react?"
    erdogan, *_ = _side_by_side().compose(asked, said).sections
    assert "straits stay closed" in also_text(erdogan)
