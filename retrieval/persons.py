"""Questions that ask for a person ("who led it?"), and whether a sentence names someone."""

from __future__ import annotations

import re

from retrieval.names import CALENDAR, PARTICLES, unaccented
from retrieval.parts import question_parts
from retrieval.titles import DESCRIBING, ROLE_WORDS, ROLES

# Bodies named after a role ("General Staff", "Foreign Ministry") are not people.
_BODIES = frozenset(
    re.findall(
        r"\w+",
        "ministry department staff office council service committee agency administration "
        "base headquarters directorate command",
    )
)
# "Who led it?", "and who are its ambassadors": someone is asked for, though "the envoy, who
# met Putin," only describes someone.
_WHO = re.compile(r"(?:^|[?!;:(—–-]\s*|\b(?:and|but|or|so|then)\s+)who(?:'s|’s|s|m)?\b", re.I)
# "which Russian general", "who is the NATO Senior Representative": a role's holder is asked.
_WHICH_ROLE = re.compile(
    rf"(?:^|[?!;:(—–-]\s*|\b(?:and|but|or|so|then)\s+)"
    rf"(?:which|who(?:'s|’s|s|\s+is|\s+was|\s+are|\s+were)\s+the)\s+(?:[\w-]+\s+){{0,2}}?"
    rf"(?:{ROLES})\b",
    re.IGNORECASE,
)
_NATIONALITY = re.compile(
    r"(?:ian|ean|ese|ish|ican)s?$|^(?:german|dutch|french|greek|swiss|israeli|thai|turk)s?$"
)
_CAPITALISED = re.compile(r"[A-Z][\w'’.-]*")
_POSSESSIVE = re.compile(r"['’]s$")
# Words a sentence may open with, capitalised only for that.
_OPENERS = frozenset(
    re.findall(
        r"\w+",
        "the a an in on at as by for from of to with this that these those his her its their "
        "he she it they we i but and also however after before when while during since "
        "meanwhile according earlier later last yet still both",
    )
)


def person_clause(question: str) -> str:
    """The part of the question that asks for a person, or "" when none does."""
    for part in question_parts(question):
        if _WHO.search(part) or _WHICH_ROLE.search(part):
            return part
    return ""


def asks_for_a_role(clause: str) -> bool:
    """Whether the clause asks for a role's holder ("which general"), a person, where a bare
    "who" may be answered by a country or a body ("who mediated?" "Qatar")."""
    return _WHICH_ROLE.search(clause) is not None


def names_someone(text: str, asked: str, *, one_word: bool = False) -> bool:
    """Whether the text names someone the question did not (see `_names_in`)."""
    known = {w.lower() for w in re.findall(r"\w+", unaccented(asked))}
    return any(len(name) >= 2 or titled or one_word for name, titled in _names_in(text, known))


def _names_in(text: str, known: set[str]) -> list[tuple[list[str], bool]]:
    """Runs of capitalised words in the text, each with whether a title came before it
    ("Minister Lavrov"); roles, bodies, nationalities, dates and the question's own words
    are no names ("the NATO Senior Representative" names no one); acronyms are names of one
    word ("UAE")."""
    found: list[tuple[list[str], bool]] = []
    run: list[str] = []
    titled = False

    def close() -> None:
        nonlocal run
        if run:
            found.append((run, titled))
        run = []

    for i, raw in enumerate(text.split()):
        word = unaccented(raw.strip("\"'“”‘’(),.;:!?[]"))
        lower = _POSSESSIVE.sub("", word.lower())
        if lower in PARTICLES and run:
            continue
        if lower in ROLE_WORDS:
            close()
            titled = True
        elif lower in DESCRIBING:
            close()  # a title may go on: "Foreign Minister", "deputy chief of staff"
        elif lower in _BODIES or not _CAPITALISED.fullmatch(word) or lower in CALENDAR:
            close()
            titled = False
        elif (i == 0 and lower in _OPENERS) or lower in known or _NATIONALITY.search(lower):
            close()
        elif word.rstrip("s").isupper():
            close()
            found.append(([word], False))  # an acronym stands alone: "GRU", "UAE"
        else:
            run.append(word)
        if raw[-1] in ",;:.!?)":
            close()  # "Geneva, Abu Dhabi" are two names, not one
            titled = False
    close()
    return found
