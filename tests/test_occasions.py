"""The record of the day a question names, and what is asked of it."""

from __future__ import annotations

from retrieval.occasions import asked_of_the_record, record_of_the_day
from tests.corpus_factory import passage

BEFORE = passage("before", "Putin will speak at the parade.", date="2022-05-01")
PARADE = passage("parade", "Russia launched a pre-emptive strike.", date="2022-05-09")
NEXT_DAY = passage("next-day", "Putin spoke at the parade yesterday.", date="2022-05-10")


def test_the_record_is_the_best_ranked_document_from_the_day_asked_about() -> None:
    asked = "What did Putin say in his speech on 9 May 2022?"
    assert record_of_the_day(asked, [BEFORE, PARADE, NEXT_DAY]) == "parade"
    # A night's events are reported the next day.
    assert record_of_the_day(asked, [BEFORE, NEXT_DAY, PARADE]) == "next-day"
    assert record_of_the_day(asked, [BEFORE]) == ""
    # Only among the best few documents: a sixth is no record of what was asked.
    others = [passage(f"other-{i}", "Markets fell.", date="2022-04-01") for i in range(5)]
    assert record_of_the_day(asked, [*others, PARADE]) == ""


def test_the_record_is_first_the_one_whose_title_the_question_names() -> None:
    # Typed in lower case, the question found the medal ceremony first; it asks of the parade.
    medal = passage(
        "medal", "Putin met a hero's father.", title="Meeting with Artem Zhoga", date="2022-05-09"
    )
    parade = passage(
        "parade",
        "The parade began at ten.",
        title="Victory Parade on Red Square",
        date="2022-05-09",
    )
    asked = "how did putin justify the war in his victory day speech on 9 may 2022?"
    assert record_of_the_day(asked, [medal, parade]) == "parade"
    # A kind of occasion alone takes the first of the day.
    assert record_of_the_day("putin's speech on 9 may 2022?", [medal, parade]) == "medal"


def test_a_question_naming_no_single_day_of_a_known_year_has_no_record() -> None:
    passages = [BEFORE, PARADE]
    assert record_of_the_day("What did Putin say in May 2022?", passages) == ""
    assert record_of_the_day("What did Putin say on 9-10 May 2022?", passages) == ""
    assert record_of_the_day("What did Putin say on may 9?", passages) == ""
    assert record_of_the_day("What did Putin say at the parade?", passages) == ""


def test_a_question_asking_of_no_occasion_that_day_has_no_record() -> None:
    # The day alone does not make a parade's record the answer about Moscow's weather; a
    # kind of occasion, or a word of the record's title, does.
    parade = passage(
        "parade",
        "The parade began at ten.",
        title="Victory Parade on Red Square",
        date="2022-05-09",
    )
    assert record_of_the_day("what was the weather in moscow on 9 may 2022?", [parade]) == ""
    assert record_of_the_day("what did putin say on 9 may 2022 at the parade?", [parade]) == (
        "parade"
    )
    assert record_of_the_day("putin's interview on 9 may 2022?", [parade]) == "parade"


def test_what_is_asked_of_the_record_leaves_out_the_words_naming_the_occasion() -> None:
    asked = "How did Putin justify the war in his Victory Day speech on Red Square on 9 May 2022?"
    assert (
        asked_of_the_record(asked, "Victory Parade on Red Square")
        == "How did Putin justify the war in his Day on"
    )
    assert (
        asked_of_the_record("what did putin tell reporters on 22 February 2022?", "")
        == "what did putin tell"
    )
    # Nothing left to ask but the occasion: the question as asked.
    assert asked_of_the_record("Putin's speech?", "Putin's speech") == "Putin's speech?"
