"""People a source introduces as an actor's own, by the title it gives them."""

from __future__ import annotations

import pytest

from retrieval.affiliations import introduced
from retrieval.names import Name

LITHUANIA = [Name("Lithuania", ("Lithuania",), 0)]
RUSSIA = [Name(n, (n,), 0) for n in ("Russia", "Kremlin", "Putin")]
CHINA = [Name("China", ("China",), 0)]
US = [Name("US", ("US",), 0)]
UKRAINE = [Name(n, (n,), 0) for n in ("Ukraine", "Zelensky")]


@pytest.mark.parametrize(
    ("text", "side", "person"),
    [
        ("said Gabrielius Landsbergis, Lithuania’s foreign minister.", 0, "Gabrielius Landsbergis"),
        ("Lithuanian Foreign Minister Gabrielius Landsbergis added.", 0, "Gabrielius Landsbergis"),
        ("Kremlin spokesman Dmitry Peskov told reporters.", 1, "Dmitry Peskov"),
        ("Wang Wenbin, a spokesman for China's ministry, said so.", 2, "Wang Wenbin"),
        ("A meeting of Russia's deputy foreign minister Sergei Ryabkov.", 1, "Sergei Ryabkov"),
        # A verb or another actor between the actor and the title makes it no title of its.
        ("Putin met US envoy Steve Witkoff in Moscow.", 3, "Steve Witkoff"),
        ("Russia welcomed US President Donald Trump's plan.", 3, "Donald Trump"),
        ("The Kremlin told Ukrainian President Volodymyr Zelensky to go.", 4, "Volodymyr Zelensky"),
    ],
)
def test_a_person_is_an_actors_own_when_a_source_gives_them_its_title(
    text: str, side: int, person: str
) -> None:
    found = introduced([text], [LITHUANIA, RUSSIA, CHINA, US, UKRAINE])
    assert [[n.text for n in names] for names in found] == [
        [person] if i == side else [] for i in range(5)
    ]


def test_a_person_is_found_by_full_name_or_a_surname_long_enough_not_to_be_a_word() -> None:
    texts = ["Gabrielius Landsbergis, Lithuania's foreign minister", "China's envoy Wang Yi said"]
    (lithuanian,), (chinese,) = introduced(texts, [LITHUANIA, CHINA])
    assert lithuanian.keys == ("Gabrielius Landsbergis", "Landsbergis")
    assert chinese.keys == ("Wang Yi",)  # "Yi" alone would find too much


@pytest.mark.parametrize(
    "text",
    [
        # "and" joins two phrases: Trump is no Russian's president.
        "talks between Russia and US President Donald Trump",
        # A title naming no one.
        "Lithuania's foreign minister said so.",
        # A body, not a person.
        "Kremlin spokesman's office said so.",
    ],
)
def test_no_one_is_an_actors_own_without_a_title_of_that_actor(text: str) -> None:
    assert introduced([text], [LITHUANIA, RUSSIA]) == [[], []]


def test_a_word_spelled_like_an_actor_is_not_that_actor() -> None:
    # "us" is no US.
    assert introduced(["He told us Foreign Minister Sergei Lavrov would come."], [US]) == [[]]


def test_someone_given_two_sides_titles_is_neither_sides() -> None:
    texts = ["Kremlin envoy Kirill Dmitriev met them.", "US envoy Kirill Dmitriev, wrongly."]
    assert introduced(texts, [RUSSIA, US]) == [[], []]


def test_someone_the_actor_table_lists_under_another_side_stays_that_sides() -> None:
    texts = ["Russia's so-called president Volodymyr Zelensky, a state TV host said."]
    assert introduced(texts, [RUSSIA, UKRAINE]) == [[], []]


@pytest.mark.parametrize(
    ("text", "person"),
    [
        ("UN Secretary-General Antonio Guterres called it a grave moment.", "Antonio Guterres"),
        ("UN Secretary General Antonio Guterres said so.", "Antonio Guterres"),
        ("UN Director-General Rafael Grossi visited the plant.", "Rafael Grossi"),
        ("Ghebreyesus Tedros, the UN's director, said so.", "Ghebreyesus Tedros"),
    ],
)
def test_a_hyphenated_or_directing_title_is_a_title_too(text: str, person: str) -> None:
    un = [Name("UN", ("UN",), 0)]
    assert [[n.text for n in names] for names in introduced([text], [un])] == [[person]]
