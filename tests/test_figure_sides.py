"""Which sides' figures a question sets against each other."""

from retrieval.figure_sides import figure_comparison, figure_sides, side_queries, stated
from retrieval.periods import question_periods


def _sides(question: str) -> list[str]:
    return [s.text for s in figure_sides(question)]


def test_owners_set_against_each_other_are_the_sides() -> None:
    question = (
        "how did Germany's share of the 38 billion Euro Ramstein pledge compare with France's"
    )
    assert _sides(question) == ["Germany", "France"]


def test_the_names_either_side_of_vs_are_the_sides() -> None:
    assert _sides("how many generators did the EU send to Moldova vs Ukraine") == [
        "Moldova",
        "Ukraine",
    ]
    assert _sides("how many troops does Russia have vs. NATO") == ["Russia", "NATO"]
    # A country is set against a country, a person against a person.
    question = "how much did Queen Elizabeth donate to Ukraine compared with Brigitte Macron's"
    assert _sides(question) == ["Queen Elizabeth", "Brigitte Macron"]
    assert _sides("how much has Ukraine received from the US compared with Germany?") == [
        "US",
        "Germany",
    ]
    assert _sides("how many Ukrainians in Poland vs Lithuania vs France") == [
        "Poland",
        "Lithuania",
        "France",
    ]


def test_names_joined_before_compare_are_the_sides() -> None:
    question = "How do Germany's BND and the CIA compare in their estimates of Russia's spending?"
    assert _sides(question) == ["BND", "CIA"]
    assert _sides("how do Russian and Ukrainian casualty estimates compare?") == [
        "Russian",
        "Ukrainian",
    ]
    # Not without a figure, nor what they did together.
    assert _sides("how do the Abu Dhabi and Geneva rounds compare?") == []
    assert _sides("How did Putin and Zelensky compare the talks?") == []


def test_years_and_months_written_bare_are_sides() -> None:
    assert _sides("UK bilateral aid to Ukraine 2025 vs 2024 - up or down?") == ["2025", "2024"]
    question = "how many were swapped after the round in January 2026 vs after the February round"
    assert _sides(question) == ["January 2026", "February"]
    # Aid and pledges set side by side are sums, and a poll's findings figures.
    aid = (
        "According to the Kiel data, how do Italy's and Spain's military aid contributions compare?"
    )
    assert _sides(aid) == ["Italy", "Spain"]
    assert _sides("Biden vs Trump on Ukraine aid") == []  # their positions
    assert _sides("How did Germany's and the UK's pledges at the meeting compare?") == [
        "Germany",
        "UK",
    ]
    polls = "How did the institute's January 2026 results compare with its May 2025 poll?"
    assert _sides(polls) == ["January 2026", "May 2025"]


def test_a_comparison_without_a_figure_or_a_second_side_sets_none() -> None:
    assert _sides("what did Zelensky say vs Putin about the talks") == []
    # What each said of a figure is no figure of each; to share is no share.
    assert _sides("what did Zelensky say about the Sumy death toll vs Putin") == []
    assert _sides("What intelligence did the US share with Kyiv vs the UK?") == []
    assert _sides("what was the real 2024 number vs the official one") == []
    # One year, written twice, is one side.
    assert _sides("Russia's real military spending in 2021 vs the official 2021 number?") == []


def test_a_comparison_asked_beside_another_question_is_not_all_it_asks() -> None:
    alone = figure_comparison("how many diplomats did Poland expel vs Germany?")
    assert alone is not None
    assert alone.alone
    beside = figure_comparison(
        "how many diplomats did Poland expel vs Germany, and why did Trudeau refuse?"
    )
    assert beside is not None
    assert not beside.alone


def test_a_year_is_stated_only_by_a_sentence_giving_it() -> None:
    year = figure_sides("UK aid 2025 vs 2024 how much")[0].period
    assert year is not None
    assert stated(year, "In 2025 the UK gave £20 million.")
    assert not stated(year, "The UK gave £270 million in bilateral aid.")
    assert not stated(year, "In 2024 the UK gave £270 million.")
    (month,) = question_periods("in February 2026")
    assert stated(month, "On February 5 the sides swapped 314 prisoners.")


def test_each_side_is_searched_with_what_is_asked_of_every_side() -> None:
    question = "how many people have left Kyiv - Klitschko's number vs the one Shevchuk gave"
    assert side_queries(question, figure_sides(question)) == [
        "Klitschko how many people have left Kyiv - number the one gave",
        "Shevchuk how many people have left Kyiv - number the one gave",
    ]
    # A short name is cut out of what is asked, not out of a longer word.
    asked = "what share of Ukraine's aid came from the US vs the UK?"
    us, uk = side_queries(asked, figure_sides(asked))
    assert "Ukraine's aid" in us
    assert "Ukraine's aid" in uk


def test_the_owner_of_the_figure_word_is_the_side() -> None:
    question = "How did Hungary's share of Ukraine's electricity imports compare with Slovakia's?"
    assert _sides(question) == ["Hungary", "Slovakia"]
    question = "How did Hungary's and Slovakia's individual shares of Ukraine's imports compare?"
    assert _sides(question) == ["Hungary", "Slovakia"]
    # Whoever else is named beside it: the owner of the estimate is the side.
    question = (
        "How does CSIS's estimate of Russian soldiers killed compare with the figure the "
        "Guardian gave?"
    )
    assert _sides(question) == ["CSIS", "Guardian"]
    assert _sides("How did Estonia's and Latvia's aid to Ukraine compare in value?") == [
        "Estonia",
        "Latvia",
    ]


def test_a_figure_someone_gave_is_still_a_figure_set_against_another() -> None:
    question = (
        "How does the number of soldiers Zelenskyy said were killed in 2025 compare with the "
        "number he gave for 2024?"
    )
    assert _sides(question) == ["2025", "2024"]
    # What each said, asked before any figure, is a stance, not a figure.
    assert _sides("what did Zelensky say about the death toll vs Putin") == []
    assert _sides("On the casualty figures, what did Zelensky say vs Putin?") == []
