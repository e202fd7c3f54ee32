"""People a source introduces as an actor's own, by the title it gives them."""

from __future__ import annotations

import pytest

from retrieval.affiliations import introduced
from retrieval.names import Name

LITHUANIA = [Name("Lithuania", ("Lithuania",), 0)]
RUSSIA = [Name("Russia", ("Russia",), 0), Name("Kremlin", ("Kremlin",), 0)]
CHINA = [Name("China", ("China",), 0)]
US = [Name("US", ("US",), 0)]


@pytest.mark.parametrize(
    ("text", "side", "person"),
    [
        ("said Gabrielius Landsbergis, Lithuania’s foreign minister.", 0, "Gabrielius Landsbergis"),
        ("Lithuanian Foreign Minister Gabrielius Landsbergis added.", 0, "Gabrielius Landsbergis"),
        ("Kremlin spokesman Dmitry Peskov told reporters.", 1, "Dmitry Peskov"),
        ("Wang Wenbin, a spokesman for China's ministry, said so.", 2, "Wang Wenbin"),
        ("A meeting of Russia's President Vladimir Putin and aides.", 1, "Vladimir Putin"),
    ],
)
def test_a_person_is_an_actors_own_when_a_source_gives_them_its_title(
    text: str, side: int, person: str
) -> None:
    found = introduced([text], [LITHUANIA, RUSSIA, CHINA, US])
    assert [[n.text for n in names] for names in found] == [
        [person] if i == side else [] for i in range(4)
    ]


def test_a_person_is_found_by_surname_alone_but_not_by_another_of_that_name() -> None:
    (people,) = introduced(["Gabrielius Landsbergis, Lithuania's foreign minister"], [LITHUANIA])
    assert people[0].keys == ("Gabrielius Landsbergis", "Landsbergis")


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


def test_someone_given_two_sides_titles_is_neither_sides() -> None:
    texts = ["Kremlin envoy Kirill Dmitriev met them.", "US envoy Kirill Dmitriev, wrongly."]
    assert introduced(texts, [RUSSIA, US]) == [[], []]
