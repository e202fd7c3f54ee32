"""People a text introduces as an actor's own: "Gabrielius Landsbergis, Lithuania's foreign
minister", "Kremlin spokesman Dmitry Peskov", "Wang Wenbin, a spokesman for China's ministry"."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence

from retrieval.names import CALENDAR, PARTICLES, Name, name_pattern, unaccented
from retrieval.titles import ROLES, TITLE_WORDS

# A person's name: capitalised words, with any particles ("Ursula von der Leyen"); a title
# before it is dropped later ("Foreign Minister Gabrielius Landsbergis, Lithuania's ...").
PERSON = rf"(?P<person>\b[A-Z][\w'’-]+(?:\s+(?:(?:{'|'.join(PARTICLES)})\s+)*[A-Z][\w'’-]+){{1,3}})"
# The words of a title between an actor and the role ("Lithuania's foreign minister", "Kremlin
# deputy chief of staff"): title words only, not a verb or another actor ("Putin met US envoy
# Steve Witkoff", "Russia and US President Donald Trump" make no one Russia's).
_TITLE_WORD = rf"(?i:(?:{'|'.join(sorted(TITLE_WORDS | {'lead', 'national'}))})\b)"


def introduced(texts: Iterable[str], sides: Sequence[Sequence[Name]]) -> list[list[Name]]:
    """For each side (the names that speak for it), the people the texts introduce with one
    of its titles; someone introduced as two sides' is neither's."""
    keys = [[name_pattern(unaccented(k)) for name in names for k in name.keys] for names in sides]
    finders = _finders(tuple(sorted({k for side in keys for k in side})))
    found: list[set[str]] = [set() for _ in sides]
    for text in map(unaccented, texts):
        for finder in finders:
            for m in finder.finditer(text):
                person, actor = as_person(m.group("person")), m.group("actor")
                if not person or not actor[:1].isupper():
                    continue  # "told us Foreign Minister Sergei Lavrov" names no US official
                for i, side in enumerate(keys):
                    if any(re.match(k, actor, re.I) for k in side):
                        found[i].add(person)
    named = [{unaccented(k).lower() for n in names for k in n.keys} for names in sides]
    own = [
        {
            p
            for p in people
            if sum(p in other for other in found) == 1
            # Whom the actor table lists under another side is that side's.
            and not any(_surname(p).lower() in other for j, other in enumerate(named) if j != i)
        }
        for i, people in enumerate(found)
    ]
    return [[_named_person(p) for p in sorted(people)] for people in own]


def _named_person(person: str) -> Name:
    """The person, found by the full name or, when it is long enough not to be a common word
    or acronym ("Yi", "Un"), the surname alone."""
    surname = _surname(person)
    return Name(person, (person, surname) if len(surname) >= 4 else (person,), 0)


def _surname(person: str) -> str:
    """The name a person is called by after the first time: "Landsbergis", "von der Leyen"."""
    words = person.split()
    at = len(words) - 1
    while at > 1 and words[at - 1] in PARTICLES:
        at -= 1
    return " ".join(words[at:])


@functools.lru_cache(maxsize=64)
def _finders(actors: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    """The patterns finding a person given a title naming one of the actors (their regexes)."""
    roles = rf"(?i:{ROLES})"
    owned = rf"(?i:(?P<actor>{'|'.join(actors)})\w*(?:['’]s?)?)"
    return tuple(
        re.compile(pattern)
        for pattern in (
            # "Gabrielius Landsbergis, Lithuania's foreign minister"
            rf"{PERSON},\s+(?:(?:the|a|an)\s+)?{owned}\s+(?:{_TITLE_WORD}\s+){{0,2}}{roles}\b",
            # "Wang Wenbin, a spokesman for China's ministry", "Peskov, the head of the Kremlin's"
            rf"{PERSON},\s+(?:the|a|an)\s+(?:{_TITLE_WORD}\s+){{0,2}}{roles}\s+(?:for|of|at)"
            rf"\s+(?:the\s+)?{owned}",
            # "Lithuania's foreign minister, Gabrielius Landsbergis", "Kremlin spokesman Dmitry
            # Peskov"
            rf"\b{owned}\s+(?:{_TITLE_WORD}\s+){{0,2}}{roles},?\s+{PERSON}",
        )
    )


def as_person(words: str) -> str:
    """The person's name in the words, less any title before it, or "" when two words or more
    of a name are not left: no title, month or acronym inside ("NATO Secretary" is no one)."""
    parts = words.split()
    if parts:
        parts[-1] = re.sub(r"['’]s$", "", parts[-1])  # "Dmitry Peskov's remarks"
    while parts and _not_a_name(parts[0]):
        parts.pop(0)
    if len(parts) < 2 or len(parts) > 3 + sum(p in PARTICLES for p in parts):
        return ""
    if any(_not_a_name(p) for p in parts if p not in PARTICLES):
        return ""
    return " ".join(parts)


def _not_a_name(word: str) -> bool:
    lower = re.sub(r"['’]s$", "", word.lower())
    return lower in TITLE_WORDS or lower in CALENDAR or word.isupper()
