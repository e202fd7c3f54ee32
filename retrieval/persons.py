"""Questions that ask for a person ("who led it?"), and whether a sentence names someone."""

from __future__ import annotations

import re

from retrieval.names import CALENDAR, CLAUSE_BREAK, PARTICLES, unaccented

# What people are called by what they do: "which Russian general", "Foreign Minister Lavrov".
_ROLES = (
    "general|generals|official|officials|minister|ministers|commander|commanders|leader|"
    "leaders|diplomat|diplomats|envoy|envoys|negotiator|negotiators|spokesman|spokeswoman|"
    "spokesperson|ambassador|ambassadors|officer|officers|president|chancellor|senator|"
    "lawmaker|lawmakers|politician|politicians|oligarch|oligarchs|adviser|advisers|advisor|"
    "aide|aides|journalist|journalists|chief|head|chairman|chairperson|"
    "secretary|representative|prosecutor|judge|mayor|governor|deputy|mr|mrs|ms|dr|sir|"
    "lieutenant|colonel|major|admiral|marshal|captain|sergeant|prime|foreign|defence|defense|"
    "senior|special|first|vice|acting|former|state|press"
)
_ROLE_WORDS = frozenset(_ROLES.split("|"))
# "Who led it?", "and who are its ambassadors", "which senior Kremlin official": a person is
# asked for. A "who" after a noun ("the envoy who met Putin") only describes someone.
_WHO = re.compile(
    r"(?:^|[,;:?!(—–-]\s*|\b(?:and|but|or|so|then)\s+)who(?:'s|’s|s|m)?\b", re.IGNORECASE
)
# "which Russian general", "who is the NATO Senior Representative": a role's holder is asked.
_WHICH_ROLE = re.compile(
    rf"\b(?:which|who(?:'s|’s|s|\s+is|\s+was|\s+are|\s+were)\s+the)\s+(?:[\w-]+\s+){{0,2}}?"
    rf"(?:{_ROLES})\b",
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
        "meanwhile according earlier later last on yet still both",
    )
)


def person_clause(question: str) -> str:
    """The part of the question that asks for a person, or "" when none does."""
    for clause in CLAUSE_BREAK.split(question):
        if _WHO.search(clause.strip()) or _WHICH_ROLE.search(clause):
            return clause
    return ""


def asks_for_a_role(clause: str) -> bool:
    """Whether the clause asks which holder of a role ("which general"): a person, where a
    "who" may be answered by a country or a body ("who mediated?" "Qatar")."""
    return _WHICH_ROLE.search(clause) is not None


def names_someone(text: str, asked: str, *, one_word: bool = False) -> bool:
    """Whether the text names someone the question did not: two capitalised words in a row
    ("Igor Kostyukov", though "Abu Dhabi" passes too), one after a title ("Minister
    Lavrov"), or with `one_word` any one not opening the sentence ("Qatar"); roles and the
    question's own words are not names ("the NATO Senior Representative" names no one)."""
    known = {w.lower() for w in re.findall(r"\w+", unaccented(asked))}
    words = text.split()
    run: list[str] = []
    titled = False
    for i, raw in enumerate(words):
        word = unaccented(raw.strip("\"'“”‘’(),.;:!?[]"))
        lower = _POSSESSIVE.sub("", word.lower())
        if lower in PARTICLES and run:
            continue
        if _CAPITALISED.fullmatch(word) and lower not in CALENDAR:
            if i == 0 and lower in _OPENERS:
                continue
            if lower in _ROLE_WORDS:
                titled = True
                run = []
                continue
            # Acronyms ("GRU", "POWs") and nationalities ("Ukrainian") name no one.
            acronym = word.rstrip("s").isupper()
            if lower not in known and not acronym and not _NATIONALITY.search(lower):
                run.append(word)
                if len(run) >= 2 or titled or (one_word and i > 0):
                    return True
            if raw[-1] in ",;:.!?)":
                run, titled = [], False  # "Geneva, Abu Dhabi" are two names, not one
            continue
        titled = lower in _ROLE_WORDS and not raw.endswith((",", "."))
        run = []
    return False
