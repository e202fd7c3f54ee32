"""Who a name is: a full name whose surname the sources give someone else, a titled speaker."""

from __future__ import annotations

import pytest

from retrieval.actors import first_names, known_by_another, speaks_for, states_position
from retrieval.names import Name


@pytest.mark.parametrize(
    ("name", "texts", "known"),
    [
        # The sources' "Trump" is mostly Donald: a table's bare "Trump" is not Melania.
        (
            Name("Melania Trump", ("Melania", "Trump"), 0),
            ["Donald Trump said.", "President Donald Trump met.", "Melania Trump said."],
            True,
        ),
        (
            Name("Boris Johnson", ("Boris", "Johnson"), 0),
            ["Boris Johnson said.", "Prime Minister Johnson met.", "Lyndon Johnson signed."],
            False,
        ),
        # Asked by title, or by a long name written in part, or past "Le", it is no namesake.
        (
            Name("President Zelensky", ("President", "Zelensky"), 0),
            ["Volodymyr Zelensky said.", "Volodymyr Zelensky met."],
            False,
        ),
        (
            Name("Recep Tayyip Erdogan", ("Recep", "Tayyip", "Erdogan"), 0),
            ["Turkish President Tayyip Erdogan said.", "Tayyip Erdogan met.", "Tayyip Erdogan."],
            False,
        ),
        (
            Name("Marine Le Pen", ("Marine", "Pen"), 0),
            ["Le Pen said.", "Le Pen met.", "Marine Le Pen said."],
            False,
        ),
        # Months and openers before a surname are no first names; one other mention is noise.
        (
            Name("Boris Johnson", ("Boris", "Johnson"), 0),
            ["In March Johnson said.", "On Friday Johnson met.", "Why Johnson resigned."],
            False,
        ),
        (
            Name("Boris Johnson", ("Boris", "Johnson"), 0),
            ["Lyndon Johnson signed.", "Prime Minister Johnson met."],
            False,
        ),
        # Two surnames typed side by side are two people, not one with a first name.
        (
            Name("Witkoff Dmitriev", ("Witkoff", "Dmitriev"), 0),
            ["Kirill Dmitriev met Steve Witkoff.", "Kirill Dmitriev said.", "Steve Witkoff."],
            False,
        ),
        # A first name is not written as a surname by a title before a full name.
        (
            Name("Steve Dmitriev", ("Steve", "Dmitriev"), 0),
            [
                "Kirill Dmitriev met Envoy Steve Witkoff.",
                "Kirill Dmitriev said.",
                "Envoy Steve Witkoff.",
            ],
            True,
        ),
        # A single name has no first name to tell it apart.
        (Name("Trump", ("Trump",), 0), ["Donald Trump said.", "Melania Trump said."], False),
    ],
)
def test_a_full_name_is_known_by_another_when_the_sources_give_its_surname_to_someone_else(
    name: Name, texts: list[str], known: bool
) -> None:
    assert known_by_another(name, texts) is known


def test_a_first_lady_named_before_the_verb_states_a_position() -> None:
    names = [Name("Melania Trump", ("Melania", "Trump"), 0)]
    assert states_position("US first lady Melania Trump said she remains in contact.", names) == 14


@pytest.mark.parametrize(
    "sentence",
    [
        "The British prime minister, Boris Johnson, echoed Stoltenberg's comments.",
        "Boris Johnson cautioned that the war could last years.",
        "Boris Johnson ruled out sending troops.",
        "Boris Johnson ruled it out.",
        "Boris Johnson slams Putin over the war.",
    ],
)
def test_echoing_cautioning_and_ruling_out_state_a_position(sentence: str) -> None:
    names = [Name("Boris Johnson", ("Boris", "Johnson"), 0)]
    assert states_position(sentence, names) is not None


@pytest.mark.parametrize(
    "sentence",
    [
        "The tactic was exposed in late 2025 when Putin repeatedly claimed to have taken the city.",
        "Markets fell because Putin said the talks had stalled.",
    ],
)
def test_a_speaker_opening_a_clause_after_when_or_because_states_a_position(sentence: str) -> None:
    assert states_position(sentence, [Name("Putin", ("Putin",), 0)]) is not None


def test_a_name_set_off_after_its_office_is_the_subject() -> None:
    trudeau = [Name("Justin Trudeau", ("Justin", "Trudeau"), 0)]
    assert speaks_for("Canada's prime minister, Justin Trudeau, made the case.", trudeau)
    assert speaks_for("The prime minister, Justin Trudeau, said so.", trudeau)
    assert not speaks_for(
        "In a letter to Canada's prime minister, Justin Trudeau, they asked.", trudeau
    )
    assert not speaks_for("Critics of the government, Justin Trudeau and others, left.", trudeau)
    assert not speaks_for("Canada's biggest critic, Justin Trudeau, left.", trudeau)
    # The key found may follow a first name or "Mr".
    assert speaks_for(
        "Canada's prime minister, Mr Trudeau, said so.", [Name("Trudeau", ("Trudeau",), 0)]
    )


def test_a_side_in_a_phrase_after_after_states_nothing() -> None:
    sentence = "NATO rejected the plan after Moscow's demands were published."
    assert states_position(sentence, [Name("Moscow", ("Moscow",), 0)]) is None


@pytest.mark.parametrize(
    ("name", "first"),
    [
        (Name("Recep Tayyip Erdogan", ("Recep", "Tayyip", "Erdogan"), 0), ["Recep", "Tayyip"]),
        (Name("Slovak President Čaputová", ("Slovak", "President", "Čaputová"), 0), []),
        (
            Name("Swedish PM Magdalena Andersson", ("Swedish", "PM", "Magdalena", "Andersson"), 0),
            ["Magdalena"],
        ),
    ],
)
def test_what_comes_before_a_title_is_no_first_name(name: Name, first: list[str]) -> None:
    assert first_names(name) == first
