"""The names a question gives, and whether a source mentions them."""

from __future__ import annotations

import bisect
import itertools
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from importlib import resources

import yaml

from retrieval.titles import BODIES, ROLE_WORDS, TITLE_WORDS


@dataclass(frozen=True)
class Name:
    """A name as the question writes it, and the words that find it in a source."""

    text: str  # "Xi Jinping"
    keys: tuple[str, ...]  # any one of them will do: a source may say just "Xi"
    start: int  # where it stands in the question


# Dates are matched by the sources' dates; an answer need not name the month.
CALENDAR = frozenset(
    re.findall(
        r"\w+",
        "january february march april may june july august september october november december "
        "jan feb mar apr jun jul aug sep sept oct nov dec "
        "monday tuesday wednesday thursday friday saturday sunday",
    )
)
_WORD = re.compile(r"\b[^\W\d_][\w-]+")
# Small words inside names: "Ursula von der Leyen", "Mohammed bin Salman".
PARTICLES = frozenset(
    ["von", "van", "der", "den", "de", "du", "da", "di", "del", "bin", "ibn", "al"]
)
# Small words opening names, written with a capital: "Le Pen", "Al Jazeera", "De Gaulle".
NAME_ARTICLES = PARTICLES | {"le", "la", "les", "el"}
_NEXT_CAPITAL = re.compile(r" [A-Z]")
_INSIDE_NAME = re.compile(rf" (?:(?:{'|'.join(PARTICLES)}) )*")
# What stands between two names asked about side by side: "Orbán and Fico", "Kyiv, Moscow".
_SIDE_BY_SIDE = re.compile(
    r"\s*(?:,|,? and|,? or|vs\.?|versus|&|\+)\s+|\s*/\s*|['’]s?\s+(?:vs\.?|versus)\s+",
    re.IGNORECASE,
)
# What joins names sharing what is asked next: "how did Zelensky and Putin each react" (not
# "Truss versus China's foreign ministry", where each side has words of its own, nor a comma:
# "In Geneva, Zelensky and Putin each said what?").
_ASKED_TOGETHER = re.compile(r"\s*(?:,? and|,? or|&|\+)\s+|\s*/\s*", re.IGNORECASE)
_THE_AFTER = re.compile(r"(?<=\s)the\s+$", re.IGNORECASE)  # "Putin and the EU"
# What an owner or a describing name stands from the name it describes: "Nato's Jens
# Stoltenberg", "Ukraine's foreign minister Dmytro Kuleba", "Russian envoy Kirill Dmitriev",
# "US defence secretary Hegseth".
# (A title ends with a role: in "Macron and Scholz press Putin" no one describes Putin, and
# "China's foreign Ministry" is China's ministry, not a person China's describes.)
_TITLE = (
    rf"(?:(?:{'|'.join(sorted(TITLE_WORDS))})\s+){{0,2}}"
    rf"(?:{'|'.join(sorted(ROLE_WORDS - {'judge'}))})\s+"
)
_OWNER_GAP = re.compile(rf"['’]s\s+(?:{_TITLE})?|\s+{_TITLE}")
# A heading typed before a dash and the question after it: "poland vs the pentagon on the
# mig-29s - what did warsaw propose?" (not "the Biden - Putin summit").
_HEADING_DASH = re.compile(
    r"\s[-—–]\s(?=(?:what|how|who|whom|which|why|when|where|did|does|do|is|are|was|were|can"
    r"|will)\b)",
    re.IGNORECASE,
)
# Where a question with several parts splits: "How long ..., and why ...?", "X's figure vs Y's",
# "how many days had it lasted and what does it call ...".
CLAUSE_BREAK = re.compile(
    r",\s*(?:and|but)\s+|;\s*|\?\s+|\s+(?:vs\.?|versus)\s+"
    # the sides of a comparison: "how did Guterres's message differ from Peskov's warnings"
    r"|\s+(?:compared (?:with|to)|differ(?:s|ed)? (?:from|with)"
    r"(?!\s+(?:each other|one another|\w+\s+to\b)))\s+"
    # (not after a bare question word: "how much and what kind of aid" asks one thing)
    r"|(?<!\bhow)(?<!much)(?<!many)(?<!long)(?<!what)(?<!\bwho)(?<!when)(?<!where)(?<!\bwhy)"
    r"\s+and\s+(?=(?:how|what|which|who|whom|whose|when|where|why"
    # a yes-or-no question of its own: "how long was the pause, and did Russia stick to it"
    r"|did|does|do|is|are|was|were|has|have|had)\b)",
    re.IGNORECASE,
)


# Who a question says reported or counted what it asks about.
# ("What figures were cited by Zelensky?" asks about Zelensky: a passive verb is no citing.)
_ATTRIBUTION = re.compile(
    r"\b(?:according to|(?<!\bwas )(?<!\bwere )(?<!\bis )(?<!\bare )(?<!\bbeen )(?<!\bbe )"
    r"(?:cited|quoted|reported) by|citing)\s",
    re.IGNORECASE,
)
_CITED_ENDS = re.compile(
    r",|\b(?:about|on|over|regarding|concerning|when|after|before|during|that|whether|if|in|at"
    r"|how|what|which|who|whom|whose|where|why|did|does|do|is|are|was|were|has|have|had|will"
    r"|would|can|could)\b",
    re.IGNORECASE,
)
# What is followed, not cited: "handled according to the Minsk protocol", "citing the law".
_CITED_DOCUMENT = re.compile(
    r"\b(?:protocols?|agreements?|accords?|treaty|treaties|plans?|deals?|formula|format|rules"
    r"|laws?|constitution|charter|resolutions?|memorandum|principles?)\b",
    re.IGNORECASE,
)

# A capital opening a question is no sign of a name, unless the word is set against or beside
# another name right after it: "Russia vs Ukraine: how did each side ...", "Putin and
# Zelensky -" (not "After Putin and ...", "Meanwhile, Putin said").
_LISTED_WITH_NAME = re.compile(r"\s*(?:vs\.?|versus|and|&|/)\s*(?:the\s+)?[A-Z]")

# What follows a word opening a question that makes it a name: one owning something or
# doing what people do ("Melania met Putin ...?", "Lula said ...?", "Zelensky's speech").
_DOES_AS_A_NAME = re.compile(
    r"(?:['’]s\b|\s+(?:said|says|told|tells|met|meets|went|visited|visits|claimed|claims"
    r"|warned|warns|promised|announced|admitted|denied|insisted|threatened|accused|urged"
    r"|came|arrived|signed)\b)"
)
# Words that point or stand in for someone, never a name however they go on: "It's been a
# year", "Let's compare", "Today's talks", "Someone told me ...".
_NEVER_NAMES = frozenset(
    re.findall(
        r"\w+",
        "it its let that this these those there here today yesterday tomorrow tonight now then "
        "everyone everybody everything nobody someone somebody something anyone anybody "
        "anything he she they we i you one each both all either neither another other others "
        "some many most few people",
    )
)
# Words that open a question or a request, never a name: "Compare Russia and Ukraine".
_OPENERS = frozenset(
    re.findall(
        r"\w+",
        "what which who whom whose when where why how did does do is are was were has have had "
        "can could would will should compare tell explain summarise summarize list show give "
        "describe and but so",
    )
)


def question_names(question: str) -> list[Name]:
    """Runs of capitalised words that don't merely start a sentence, dates aside."""
    names: list[Name] = []
    end = -1  # where the name being built ends, -1 when there is none
    for m in _WORD.finditer(question):
        word = m.group()
        if word in PARTICLES:
            continue  # the name may go on after it
        before = question[: m.start()].rstrip(" \t\r\n\"'“‘(")
        opening = not before or before[-1] in ".!?"
        if (
            not word[0].isupper()
            or word.lower() in CALENDAR
            or (opening and not _opens_as_a_name(word, question, m.end()))
        ):
            end = -1
            continue
        # "Le Pen" is found by "Pen": a small opening word alone finds "Le Monde" too.
        parts = () if word.lower() in NAME_ARTICLES else tuple(p for p in word.split("-") if p)
        if names and end >= 0 and _INSIDE_NAME.fullmatch(question[end : m.start()]):
            last = names[-1]
            text = question[last.start : m.end()]
            names[-1] = Name(text, last.keys + parts, last.start)
        else:
            names.append(Name(word, parts, m.start()))
        end = m.end()
    return [n if n.keys else replace(n, keys=(n.text,)) for n in names]


def _opens_as_a_name(word: str, question: str, after: int) -> bool:
    """Whether a capitalised word opening a sentence is a name, not merely its first word: one
    listed with a name after it ("Putin vs Zelensky"), or owning something or doing what
    people do ("Melania met Putin", "Lula said")."""
    lowered = word.lower()
    if lowered in _OPENERS:
        return False
    if lowered in NAME_ARTICLES and _NEXT_CAPITAL.match(question, after):
        return True  # "Le Pen vs Macron", "Al Jazeera reported"
    return _LISTED_WITH_NAME.match(question, after) is not None or (
        lowered not in _NEVER_NAMES and _DOES_AS_A_NAME.match(question, after) is not None
    )


def asked_names(question: str) -> list[Name]:
    """The question's names but those of whom it cites for it ("according to UN data cited by
    the Atlantic Council"): they say where it was read, not what happened, and the answer
    cites its own sources."""
    cited = []
    for m in _ATTRIBUTION.finditer(question):
        end = _cited_end(question, m.end())
        if not _CITED_DOCUMENT.search(question, m.end(), end):  # "according to the Minsk protocol"
            cited.append((m.start(), end))
    return [n for n in question_names(question) if not any(a <= n.start < b for a, b in cited)]


def found_together(
    question: str, distinctive: Callable[[Iterable[str]], set[str]]
) -> list[tuple[Name, ...]]:
    """The sets of distinctive names one source must mention together to answer."""
    # In each part of the question every name goes with the others of that part, except those
    # asked about side by side with it: "What did Xi say about Geneva?" needs Xi and Geneva in
    # one source, "What did Orbán and Fico say?" needs Orbán in one and Fico in one.
    names = [without_title(n) for n in asked_names(question)]
    rare = distinctive(
        {k for n in names for k in n.keys} | {n.text for n in names if " " in n.text}
    )
    # A heading before a dash is a part of its own: "poland vs the pentagon on the mig-29s -
    # what did warsaw propose?" names Warsaw again after it, not with the Pentagon.
    breaks = [*CLAUSE_BREAK.finditer(question), *_HEADING_DASH.finditer(question)]
    ends = [*sorted(m.start() for m in breaks), len(question)]
    placed: list[tuple[int, int, Name]] = []  # (part of the question, side-by-side group, name)
    for i, name in enumerate(names):
        part = next(p for p, end in enumerate(ends) if name.start < end)
        group = i
        if placed and placed[-1][0] == part:
            before = names[i - 1]
            if _SIDE_BY_SIDE.fullmatch(question[before.start + len(before.text) : name.start]):
                group = placed[-1][1]
        keys = tuple(k for k in name.keys if k in rare)
        if not keys and name.text in rare:
            keys = (name.text,)  # "UN Security Council": common words, a rare name
        placed.append((part, group, replace(name, keys=keys)))
    wanted: list[tuple[Name, ...]] = []
    for part in dict.fromkeys(p for p, _, _ in placed):
        groups: dict[int, list[Name]] = {}
        for p, g, name in placed:
            if p == part and name.keys:
                groups.setdefault(g, []).append(name)
        if groups:  # one of each group: Orbán with Geneva, and Fico with Geneva
            wanted.extend(itertools.product(*groups.values()))
    return wanted


def owned_names(question: str) -> list[tuple[int, Name]]:
    """The question's names, each with where it is written from: an owner or a name describing
    it comes with it ("Nato's Jens Stoltenberg" is Stoltenberg, written from "Nato"; "Russian
    envoy Kirill Dmitriev" is Dmitriev, written from "Russian")."""
    found: list[tuple[int, Name]] = []
    for n in question_names(question):
        if found:
            at, owner = found[-1]
            if _OWNER_GAP.fullmatch(question[owner.start + len(owner.text) : n.start]):
                # (A bare title is known by whose it is: "Sweden's Prime Minister" is Sweden.)
                if not _only_titles(n.text):
                    found[-1] = (at, n)
                continue
        found.append((n.start, n))
    return found


def without_title(name: Name) -> Name:
    """A person's name found by their own words, not their title's: "Norwegian Prime Minister
    Jonas Gahr Store" is named by "Store", not by any "Minister". A body keeps every word
    ("Polish General Staff", "Lithuanian Defence Ministry"), and so does a bare title."""
    roles = [i for i, k in enumerate(name.keys) if k.lower() in ROLE_WORDS]
    own = name.keys[roles[-1] + 1 :] if roles else ()
    if not own or any(k.lower() in BODIES for k in own):
        return name
    return replace(name, keys=own)


def _only_titles(text: str) -> bool:
    """Whether a name is a title alone: "Prime Minister", "President"."""
    return all(w.lower() in TITLE_WORDS for w in re.findall(r"\w+", text))


def without_beside(question: str, name: Name) -> str:
    """The question without the names asked side by side with `name`: "How did Zelensky and
    Putin each react?" asks, of Putin, "How did Putin each react?"."""
    spans = [(at, n.start + len(n.text), n) for at, n in owned_names(question)]
    if not any(n.start == name.start for _, _, n in spans):
        return question
    run = [next(sp for sp in spans if sp[2].start == name.start)]
    for in_order in (spans, spans[::-1]):
        at = next(i for i, sp in enumerate(in_order) if sp[2].start == name.start)
        for before, after in itertools.pairwise(in_order[at:]):
            first, second = sorted((before, after))
            between = _THE_AFTER.sub("", question[first[1] : second[0]])
            if not _ASKED_TOGETHER.fullmatch(between):
                break
            run.append(after)
    start = min(sp[0] for sp in run)
    end = max(sp[1] for sp in run)
    return question[:start] + name.text + question[end:]


def _cited_end(question: str, at: int) -> int:
    """Where the source cited from `at` ends: at a comma ("According to CNN, how ..."), the
    clause's end, or what the question goes on to ask about ("according to Reuters about his
    talks with Lula")."""
    m = CLAUSE_BREAK.search(question, at)
    end = m.start() if m else len(question)
    stop = _CITED_ENDS.search(question, at, end)
    return stop.start() if stop else end


def mentions(text: str, name: Name) -> bool:
    """Whether the text (already `unaccented`) names the name by one of its keys."""
    return any(_key_pattern(key, _of_a_country(name)).search(text) for key in name.keys)


def mention_spans(text: str, name: Name) -> list[tuple[int, int]]:
    """Where the text (already `unaccented`) names the name, as `mentions` finds it."""
    country = _of_a_country(name)
    return [m.span() for key in name.keys for m in _key_pattern(key, country).finditer(text)]


def listed(names: Iterable[Name], last: str = "and") -> str:
    """ "A", "A and B", "A, B and C" (or "A or B", given `last`)."""
    texts = [n.text for n in names]
    return f" {last} ".join(filter(None, [", ".join(texts[:-1]), texts[-1]])) if texts else ""


@lru_cache(maxsize=4096)
def unaccented(text: str) -> str:
    """The text without accents."""
    # "Erdogan" is how many sources, and most keyboards, write "Erdoğan".
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


_I_OR_Y = re.compile(r"[iy](?=[aeou])", re.IGNORECASE)


def mentioned_by(texts: Sequence[str], name: Name, most: int = 0) -> list[int]:
    """Which of the (already `unaccented`) texts name the name, by index, as `mentions` would
    find it in each, in one scan of them all; with `most`, the scan stops once more than that
    many are found (a name that common is all the caller needs to know)."""
    joined = "\0".join(texts)  # (no name's pattern reaches across a NUL)
    starts = list(itertools.accumulate((len(t) + 1 for t in texts[:-1]), initial=0))
    found: set[int] = set()
    for key in name.keys:
        for m in _key_pattern(key, _of_a_country(name)).finditer(joined):
            found.add(bisect.bisect_right(starts, m.start()) - 1)
            if most and len(found) > most:
                return sorted(found)
    return sorted(found)


@lru_cache(maxsize=4096)
def _of_a_country(name: Name) -> bool:
    """Whether a country in the name may be named by its adjective or people: the name is
    countries and titles ("the Dutch PM"), not someone's ("Mark Cuban" is no Cuba). (Asked
    once a name: `mentions` asks it for every sentence read.)"""
    words = country_words()
    return all(k.lower() in TITLE_WORDS or unaccented(k).lower() in words for k in name.keys)


def country_row(word: str) -> frozenset[str]:
    """A country's name, adjective and people in lower case, for any one of them; else none."""
    word = unaccented(word).lower()
    others = country_words().get(word)
    return frozenset([word, *(o.lower() for o in others)]) if others is not None else frozenset()


_POSSESSIVE = re.compile(r"['’]s$")
# What follows a name owning what comes next: "Trump's envoy", "Zelensky's team".
OWNS = re.compile(r"^['’]s?\b")


def whose_country(word: str) -> frozenset[str]:
    """The `country_row` of a word saying whose something is ("Russian", "Ukraine's")."""
    # (Not a bare name: "Russia killed 12 Ukrainians" is no Russian count.)
    owner = _POSSESSIVE.sub("", word)
    if owner != word or unaccented(word).lower() not in _country_names():
        return country_row(owner)
    return frozenset()


@cache
def _country_names() -> frozenset[str]:
    """The countries' names of `retrieval/countries.yaml`, lower case."""
    return frozenset(unaccented(str(c)).lower() for c in _country_table())


@lru_cache(maxsize=4096)
def _key_pattern(key: str, country: bool = False) -> re.Pattern[str]:
    """The compiled pattern finding a name's key, built once: names are looked for in every
    sentence and title read."""
    key = unaccented(key)
    words = [name_pattern(key)]
    if country:
        # A country is named by its adjective and its people, and they by it: "how many
        # F-35s is Sweden buying" is answered by "the Swedish air force will buy 40".
        words += [rf"\b{re.escape(w)}\b" for w in country_words().get(key.lower(), ())]
    return re.compile("|".join(words), re.IGNORECASE)


_ACRONYM = re.compile(r"[A-Z]{3,5}")
_SMALL_IN_NAMES = "(?:of|the|and|for|on|in)"
# The words spelling out an acronym are the whole of a run of capitalised words but a "The":
# "Nations Security Council" inside "United Nations Security Council" is no NSC. (A look
# behind must be of one width: one for each length of the word before.)
_NO_CAPITALISED_BEFORE = "(?:(?<=The[ \t])|{})".format(
    "".join(rf"(?<![A-Z][a-z]{{{n}}}[ \t])" for n in range(1, 16))
)
_NO_CAPITALISED_AFTER = r"(?![ \t]+[A-Z])"


@cache
def country_words() -> dict[str, tuple[str, ...]]:
    """The other words of each word's row in the shipped table `retrieval/countries.yaml`."""
    words: dict[str, tuple[str, ...]] = {}
    for country, adjectives in _country_table().items():
        row = [unaccented(str(w)) for w in [country, *(adjectives or [])]]
        for w in row:
            words[w.lower()] = tuple(other for other in row if other != w)
    return words


@cache
def _country_table() -> dict[object, list[object] | None]:
    """The shipped table `retrieval/countries.yaml`: each country with its adjectives and people."""
    text = resources.files("retrieval").joinpath("countries.yaml").read_text("utf-8")
    return yaml.safe_load(text) or {}


def is_acronym(word: str) -> bool:
    """Whether the word is an acronym a text may spell out in words instead ("IMF")."""
    return _ACRONYM.fullmatch(word) is not None


def name_pattern(word: str) -> str:
    """The regex that finds a name's word in a text (match it ignoring case)."""
    if is_acronym(word):
        # An acronym is named by its words too, capitalised, small words between them: "KIIS"
        # by "the Kyiv International Institute of Sociology", which the corpus never shortens.
        words = rf"[ \t]+(?:{_SMALL_IN_NAMES}[ \t]+)*".join(rf"{c}[a-z]+" for c in word)
        # (Its first letter looked for first: the looks behind at every place took 13 times
        # as long as finding the acronym itself.)
        first = rf"\b(?={word[0]}[a-z])"
        spelled = rf"{first}{_NO_CAPITALISED_BEFORE}{words}\b{_NO_CAPITALISED_AFTER}"
        return rf"(?:\b{word}\b|(?-i:{spelled}))"
    if len(word) < 5:
        # Short names are whole words: "Xi" is not "Xinhua", "Kyiv" is "Kyiv's".
        return rf"\b{re.escape(word)}\b"
    # A prefix lets "Russia" find "Russian" and "Ukraine" "Ukrainian"; only a final vowel or y
    # goes, so that "Geneva" does not find "General" nor "Austria" "Australia". A long name's
    # transliterated ending goes whole: "Zelenskiy" finds "Zelensky" and "Zelenskyy".
    stem = re.sub(r"(?:iy|yy|yi|ii|y|i)$", "", word)
    if stem == word or len(stem) < 6:
        stem = word[:-1] if word[-1] in "aeiouy" else word
    nationality = re.fullmatch(r"(?P<land>\w{4,}ia)ns?", word) if " " not in word else None
    if nationality:
        # "Lithuanian(s)" finds "Lithuania": "the Lithuanian PM" is its PM (not "Georgian"
        # "Georgieva", nor "Christian" "Christine"); a country in -ine drops its e for its
        # people ("how many Ukrainians" finds "from Ukraine", "Palestinians" "Palestine").
        land = nationality.group("land")
        country = (
            rf"|{re.escape(land[:-2])}e" if land.endswith("nia") and word.endswith("s") else ""
        )
        return rf"\b(?:{re.escape(land)}(?:n\w*)?{country})\b"
    # A name of several words may break across a line; an i before a vowel inside a word is
    # as often a y ("Kupiansk", "Kupyansk"; "Dmitriev", "Dmitryev").
    return r"\b" + r"\s+".join(
        re.escape(w[0]) + _I_OR_Y.sub("[iy]", re.escape(w[1:])) for w in stem.split()
    )


# The endings a name's "-ий" or "-ій" is transliterated with, past the stemmer's "i" for "y".
_TRANSLITERATED_ENDING = re.compile(r"(?<=\w{3})(?:yy|iy|ii|yi)$")


@lru_cache(maxsize=1 << 16)
def one_ending(token: str) -> str:
    """The keyword token with a transliterated name's ending written one way: "zelenskyy" and
    "zelenskiy" as "zelenski" (the stem of "Zelensky"); short words keep theirs ("xii", "yi").
    (Remembered: it is asked of every word of every sentence a count or a "who" checks.)"""
    return _TRANSLITERATED_ENDING.sub("i", token)
