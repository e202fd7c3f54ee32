"""Questions that ask for a person ("who led it?"), and whether a sentence names someone."""

from __future__ import annotations

import re

from retrieval.keyword import keyword_tokens
from retrieval.names import CALENDAR, PARTICLES, unaccented
from retrieval.parts import question_parts
from retrieval.titles import BODIES, DESCRIBING, ROLE_WORDS, ROLES

# "Who led it?", "and who are its ambassadors": someone is asked for, though "the envoy, who
# met Putin," only describes someone.
_WHO = re.compile(r"(?:^|[?!;:(—–-]\s*|\b(?:and|but|or|so|then)\s+)who(?:'s|’s|s|m)?\b", re.I)
# "which Russian general", "who is the NATO Senior Representative": a role's holder is asked.
_WHICH_ROLE = re.compile(
    rf"(?:^|[?!;:(—–-]\s*|\b(?:and|but|or|so|then)\s+)"
    rf"(?:which|who(?:'s|’s|s|\s+is|\s+was|\s+are|\s+were)\s+the)\s+(?:[\w-]+\s+){{0,2}}?"
    rf"(?P<role>{ROLES})\b(?!['’])",  # (not "who is the president's spokesman": his)
    re.IGNORECASE,
)
# Roles any other may stand for ("which Swiss official" is answered by "Foreign Minister
# Cassis"), and forms of address, which are no roles.
_ANY_ROLE = frozenset(["official", "leader", "politician"])
_ADDRESS = frozenset(["mr", "mrs", "ms", "dr", "sir", "lady"])
_A_ROLE = re.compile(rf"\b(?:{ROLES})\b", re.IGNORECASE)
# The last words of places' names, which no one's end with: "the Black Sea", "Snake Island".
_PLACE_WORDS = frozenset(
    re.findall(
        r"\w+",
        "sea seas ocean river island islands strait bay gulf lake mountains region oblast "
        "province district street square avenue bridge plant station airport port harbour",
    )
)
# Capitalised words in a row: a name, as a place is written after its preposition.
_CAPITALISED_RUN = r"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*"
# A place with its article, which no one is called: "sank in the Black Sea".
_PLACE_WITH_ARTICLE = re.compile(rf"\b(?:in|at|near|off|into|across)\s+the\s+{_CAPITALISED_RUN}")
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


# "names of the 2 tankers France seized", "what's the name of Croatia's ambassador": what is
# to be named follows, after its article, number or owner.
_NAME_OF = re.compile(r"\bnames?\s+of\s+(?P<rest>.*)", re.IGNORECASE)
_BEFORE_THE_NOUN = frozenset(
    re.findall(
        r"\w+",
        "the a an his her their its this that these those two three four five six seven "
        "eight nine ten several both",
    )
)
# Words that end what is to be named: "the man who died", "the marines killed in ...".
_AFTER_THE_NOUN = frozenset(
    re.findall(
        r"\w+",
        "who whom whose that which in at on from of to for by with near after before during "
        "and or is was are were has had have did does",
    )
)
# A name that follows these is where or whom something was, not what was asked to be named:
# "the ambassador to Kyiv", "the tankers off Brittany".
_PLACE_BEFORE = re.compile(
    rf"\b(?:in|at|from|to|of|near|off|on|for|into|by)\s+(?:the\s+)?{_CAPITALISED_RUN}"
)
# Words either side of the noun a name may stand at: "the tanker Eventin", "two generals of
# their ranks: Andriy Naumov".
_NEAR_THE_NOUN = 4


def name_clause(question: str) -> str:
    """The part of the question that asks for the name of something, or "" when none does."""
    return next((part for part in question_parts(question) if named_thing(part)), "")


def named_thing(question: str) -> str:
    """What the question asks the name of ("names of the 2 tankers ..." -> "tankers"), or ""."""
    m = _NAME_OF.search(question)
    if m is None:
        return ""
    noun = ""
    for raw in m.group("rest").split():
        word = raw.strip("\"'“”‘’(),;:!?")
        lower = word.lower()
        if not noun and (lower in _BEFORE_THE_NOUN or lower.isdigit() or _POSSESSIVE.search(word)):
            continue  # "the", "2", "Croatia's"
        if not noun and word[:1].isupper() and word.isalpha() and raw[-1:] not in "?,;:!.":
            continue  # "the NABU officers": whose they are, before what they are
        if lower in _AFTER_THE_NOUN or not word.isalpha() or word[0].isupper():
            break
        if noun and lower.endswith("ed"):
            break  # "the suspected shooter detained after ..."
        noun = lower
        if raw[-1:] in "?,;:!.":
            break
    return noun


def names_the(text: str, noun: str, asked: str) -> bool:
    """Whether the text names one of what `noun` says, beside the noun ("the tanker Eventin",
    "Andriy Naumov, the general"): a name the question does not give, not one of a place or
    whom something was for ("the ambassador to Kyiv")."""
    stems = set(keyword_tokens(noun))
    words = text.split()
    known = _words_of(asked)
    for i, raw in enumerate(words):
        if not stems & set(keyword_tokens(raw)):
            continue
        before = words[i - 1] if i > 0 else ""
        inside = (i > 1 and before[:1].isupper()) or before[:1].isdigit()
        if raw[:1].isupper() and inside:
            continue  # the noun inside a name ("2nd Marine Aircraft Wing"), not before one
        # A full name near it (not one holding the noun: "the marines, of the 2nd Marine
        # Aircraft Wing" names their unit), read whole if begun within reach; or one word right
        # after it ("the tanker Boracay"). One word further off may be a sentence's first word
        # ("Many of the ships") or a number ("Four US marines"); an acronym is none either.
        window = " ".join(words[max(0, i - _NEAR_THE_NOUN) : i + _NEAR_THE_NOUN + 3])
        found = _names_in(_PLACE_BEFORE.sub(" ", window), known)
        if any(len(run) > 1 and not stems & set(keyword_tokens(" ".join(run))) for run, _ in found):
            return True
        after = _names_in(words[i + 1], known) if i + 1 < len(words) else []
        if any(not w.rstrip("s").isupper() for run, _ in after for w in run):
            return True
    return False


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


def of_another_role(text: str, clause: str) -> bool:
    """Whether the text calls people only by roles other than the one whose holder the clause
    asks for: "the governor of the Odesa region, Maksym Marchenko" is not the captain asked
    about (a text calling no one by a role may still name the holder: "Roman Abramovich
    bought Chelsea", for "which oligarch")."""
    asked = _WHICH_ROLE.search(clause)
    if asked is None or _role(asked.group("role")) in _ANY_ROLE:
        return False
    given = {_role(m.group()) for m in _A_ROLE.finditer(text)} - _ADDRESS
    return bool(given) and _role(asked.group("role")) not in given


def _role(word: str) -> str:
    """A role word one way: "Ministers" as "minister", "advisor" as "adviser"."""
    lower = word.lower()
    if lower not in _ADDRESS:
        lower = lower.removesuffix("s")
    return "adviser" if lower == "advisor" else lower


def names_someone(text: str, asked: str, *, one_word: bool = False) -> bool:
    """Whether the text names someone the question did not (see `_names_in`), not a place
    ("Russia's Black Sea flagship"; asked for a role's holder, not `one_word`, nor one with
    its article: "sank in the Gulf")."""
    known = _words_of(asked)
    if not one_word:
        text = _PLACE_WITH_ARTICLE.sub(" ", text)
    return any(
        (len(name) >= 2 or titled or one_word) and name[-1].lower() not in _PLACE_WORDS
        for name, titled in _names_in(text, known)
    )


def _words_of(asked: str) -> set[str]:
    """The question's own words, lower case and unaccented: no name it gives answers it."""
    return {w.lower() for w in re.findall(r"\w+", unaccented(asked))}


def _names_in(text: str, known: set[str]) -> list[tuple[list[str], bool]]:
    """Runs of capitalised words in the text, each with whether a title came before it
    ("Minister Lavrov"); roles, bodies, nationalities, dates and the question's own names
    are no names ("the NATO Senior Representative" names no one); acronyms are names of one
    word ("UAE")."""
    found: list[tuple[list[str], bool]] = []
    run: list[str] = []
    titled = False

    def close() -> None:
        nonlocal run
        # A name ending in a word of the question's is the one it gives ("Volodymyr Zelensky"
        # for Zelensky); one only sharing an earlier word is another's ("Emmanuel Bonne", asked
        # of Emmanuel Macron's adviser).
        if run and _POSSESSIVE.sub("", run[-1].lower()) not in known:
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
        elif lower in BODIES or not _CAPITALISED.fullmatch(word) or lower in CALENDAR:
            close()
            titled = False
        elif (i == 0 and lower in _OPENERS) or _NATIONALITY.search(lower):
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
