"""The corpus's own words: how it capitalises its names, and the known word nearest a typo."""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from rapidfuzz import process
from rapidfuzz.distance import OSA

from retrieval.names import unaccented

_WORD = re.compile(r"[^\W\d_]+")
# A word right after one of these starts a sentence (or a heading): its capital says nothing.
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\"“”‘’\n(\[•*-])\s*$")
# Words people type in lower case that are also short names or common words in capitals
# ("us", "it"): a capital restored there would invent a name.
_NEVER_RESTORED = frozenset(
    re.findall(
        r"\w+",
        "a an and are as at be but by for from has have he her his i in is it its me my no not "
        "of on or our she so that the their them they this to us was we were what when where "
        "which who why will with you",
    )
)
# Shorthand typed in chat, spelled out so that search and the composer's rules can read it.
CHAT_SHORTHAND: dict[str, str] = {
    "r": "are",
    "n": "and",  # "zelensky n erdogan"
    "u": "you",
    "v": "vs",  # "russia v ukraine on donbas"
    "w": "with",  # "how does that compare w the csis estimate", "his call w macron"
    "ur": "your",
    "ppl": "people",
    "pls": "please",
    "plz": "please",
    "abt": "about",
    "govt": "government",
    "hq": "headquarters",
    "bc": "because",
    "thx": "thanks",
    "yr": "year",
    "yrs": "years",
    "tho": "though",
    "rn": "right now",
    "mil": "million",
    "bn": "billion",
    "wanna": "want to",
    "gonna": "going to",
    "gotta": "got to",
    "kinda": "kind of",
    "sorta": "sort of",
    "info": "information",
    "convo": "conversation",
    "stats": "statistics",
    "admin": "administration",
    "smth": "something",
    "sth": "something",
    "wat": "what",
    "wats": "what's",
    "yday": "yesterday",
    "tmrw": "tomorrow",
}
# Abbreviations the corpus writes but never spells out beside them, so that neither search nor
# the sentence judge reads "POWs" as the "prisoners of war" most reports write; typed in any
# case. (Only those: "IDPs" and "MPs" are written as often as they are spelled out.)
ABBREVIATIONS: dict[str, str] = {
    "pow": "prisoner of war",
    "pows": "prisoners of war",
}
# Shorthand of two words: "nato sec gen", "the secgen".
_SECRETARY_GENERAL = re.compile(r"\bsec\.?[ -]?gen\b", re.IGNORECASE)
# A plus typed between words is "and": "which hotel + who was on ukraines team" asks two things,
# as "which hotel and who was on ukraines team" does (not between numbers, "2 + 2", "1 + 1",
# a TV channel, nor glued to one: "65+").
_PLUS = re.compile(r"(?<=[^\W\d_])\s+\+\s+(?=[^\W\d_])")
# "n" is "and" only after a word that may be joined to another ("zelensky n erdogan", "who is
# he n how long"): not at the start, after a mark ("rock 'n' roll") or after a word that
# governs the next ("did n korea send", "in n israel", "the n caucasus": north).
_AND_BEFORE = re.compile(
    r"\b(?!(?:did|does|do|in|on|at|from|to|into|across|for|by|with|of|the|a|an|and|or|near"
    r"|over|under|through|toward|towards|via)\b)\w+\s+$",
    re.IGNORECASE,
)
# Contractions typed without their apostrophe, which would otherwise read as typos (not "its"
# or "were", which are words). Never names, so "Whats" (a phone's capital) is one too.
CONTRACTIONS: dict[str, str] = {
    c.replace("'", "").lower(): c
    for c in re.findall(
        r"\S+",
        "can't don't won't isn't aren't wasn't weren't didn't doesn't hasn't haven't hadn't "
        "wouldn't shouldn't couldn't what's who's how's where's when's that's there's he's she's "
        "they're you're you've we've they've I'm",
    )
}
# A letter typed next to one of these is part of a longer token ("u-24", "r&d", "u.s."),
# not chat shorthand for a word.
_JOINERS = "-–‐‑&/."
# "differ??", "really?!": marks typed over in chat. The sentence judge weighs them as part of
# the question, so "differ??" and "differ?" got different answers; a run reads as one mark.
_REPEATED_MARKS = re.compile(r"[?!]{2,}")
# A request wrapped around what is asked: "can you tell me about Kostyukov" searched the
# passages saying "tell", "me" and "about" before the five naming Kostyukov.
_REQUEST = re.compile(
    r"^\s*(?:(?:can|could|would|will)\s+you\s+(?:please\s+)?|please\s+|pls\s+)?"
    r"(?:tell\s+me|give\s+me|show\s+me|explain(?:\s+to\s+me)?|summari[sz]e|describe"
    r"|i(?:['’]d|\s+would)\s+like\s+to\s+know|i\s+want\s+to\s+know|let\s+me\s+know"
    r"|do\s+you\s+know|what\s+do\s+you\s+know)"
    r"\s+(?:(?:more\s+|a\s+bit\s+|a\s+little\s+)?(?:about|on)\s+)?(?=\w)",
    re.IGNORECASE,
)
# Where a place is typed: "talks in riyadh", "met at samarkand".
_PLACE_BEFORE = re.compile(r"\b(?:in|at|near|from|outside)\s+$", re.IGNORECASE)
# ... and what may follow one: the end, a mark, or when, where and with whom.
_PLACE_AFTER = re.compile(
    r"\s*(?:$|[?!.,;:)\-–—]|(?:in|on|at|during|around|near|last|this|next|earlier|later|and|or"
    r"|vs|with|between)\b)",
    re.IGNORECASE,
)
_MIN_COUNT = 2  # a word seen once may itself be a typo: never a correction, never a name
_MIN_CASED_SHARE = 0.75  # of a word's mid-sentence uses that must be capitalised


# Runs of capitalised words, and the longest name of several words counted within one.
_CAPITALISED_RUN = re.compile(r"\b[A-Z][\w.’'-]*(?:[ \t]+[A-Z][\w.’'-]*)+")
_PHRASE_WORDS = 4
# A name of several words is restored to its capitals when the corpus writes it so this often,
# and in at least one in this many uses of its rarest word.
_MIN_NAME_USES = 3
_NAME_COHESION = 20


def _phrases_in(text: str) -> set[str]:
    """Every name of two to four capitalised words the text writes, in lower case, once: "The
    UN Security Council" gives "the un", "un security", "un security council" ... ."""
    found: set[str] = set()
    for m in _CAPITALISED_RUN.finditer(text):
        words = [re.sub(r"['’]s$", "", w).rstrip(".’'") for w in m.group().lower().split()]
        for size in range(2, min(len(words), _PHRASE_WORDS) + 1):
            found.update(" ".join(words[i : i + size]) for i in range(len(words) - size + 1))
    return found


def _max_typos(word: str) -> int:
    """How many edits a typed word may be from the word it meant (two letters swapped count
    as one edit: "lavorv")."""
    if len(word) < 5:
        return 0  # short words have too many neighbours to guess from
    return 1 if len(word) < 8 else 2


# A name with an s but no apostrophe is a possessive typed in chat ("russias") when the corpus
# writes the name's possessive ("Russia's") this many times more often than that form (which
# "presidents", "unions" or "saudis" fail: a plural written as such, or a name without 's).
_POSSESSIVE_RARITY = 20
_ENDINGS = ("s", "es", "d", "ed", "ing")
_SHORT_NAME_TYPO = 4  # typed length of a name that may have lost a letter: "putn", "rute"
_VOWEL = re.compile(r"[aeiouy]")


@dataclass(frozen=True)
class Lexicon:
    """Word counts and the capitalised form of each word the corpus writes as a name."""

    counts: Mapping[str, int] = field(default_factory=dict)  # lower-case word -> uses
    cased: Mapping[str, str] = field(default_factory=dict)  # "kostyukov" -> "Kostyukov"
    possessed: Mapping[str, int] = field(default_factory=dict)  # "russia" -> uses of "Russia's"
    # Names of several capitalised words, and how many texts write each: "un security council"
    # -> 87. Words as common as "security" and "council" make a rare name together.
    phrases: Mapping[str, int] = field(default_factory=dict)
    # The candidates for typo correction by first letter: a typo keeps the word's first letter
    # (or "wanna" is "Anna", "peeps" is "keeps").
    words: Mapping[str, tuple[str, ...]] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        # A word typed without its accents is the corpus's with them: "caputova" is
        # "Čaputová", as chat users seldom type accents.
        counts, cased = dict(self.counts), dict(self.cased)
        for w, n in self.counts.items():
            plain = unaccented(w)
            if plain and plain != w and plain not in self.counts:
                counts[plain] = counts.get(plain, 0) + n
                if w in self.cased:
                    cased.setdefault(plain, self.cased[w])
        object.__setattr__(self, "counts", counts)
        object.__setattr__(self, "cased", cased)
        words: dict[str, list[str]] = {}
        for w, n in self.counts.items():
            if n >= _MIN_COUNT:
                words.setdefault(w[0], []).append(w)
        object.__setattr__(self, "words", {k: tuple(v) for k, v in words.items()})

    @classmethod
    def build(cls, texts: Iterable[str], titles: Iterable[str] = ()) -> Lexicon:
        """Count the words of the texts and learn which ones are written capitalised; the words
        of the titles are counted too ("in the cortes speech" is no typo of "Coates" when a
        title names the Cortes Generales), though not their capitals, as titles capitalise
        every word."""
        counts: Counter[str] = Counter()
        capitalised: Counter[str] = Counter()
        forms: dict[str, Counter[str]] = {}
        mid_sentence: Counter[str] = Counter()
        possessed: Counter[str] = Counter()
        phrases: Counter[str] = Counter()
        for text in texts:
            phrases.update(_phrases_in(text))
            for m in _WORD.finditer(text):
                word = m.group()
                lower = word.lower()
                counts[lower] += 1
                if text[m.end() : m.end() + 2] in ("'s", "’s"):
                    possessed[lower] += 1
                if _SENTENCE_START.search(text[max(0, m.start() - 3) : m.start()]):
                    continue
                mid_sentence[lower] += 1
                if word[0].isupper():
                    capitalised[lower] += 1
                    forms.setdefault(lower, Counter())[word] += 1
        cased = {
            lower: forms[lower].most_common(1)[0][0]
            for lower, n in capitalised.items()
            if n >= _MIN_COUNT
            and n >= _MIN_CASED_SHARE * mid_sentence[lower]
            and lower not in _NEVER_RESTORED
        }
        for title in titles:
            counts.update(w.lower() for w in _WORD.findall(title))
        named = {p: n for p, n in phrases.items() if n >= _MIN_COUNT}
        return cls(dict(counts), cased, dict(possessed), named)

    def to_json(self) -> dict[str, object]:
        """A JSON-ready form, saved beside the keyword index."""
        return {
            "counts": dict(self.counts),
            "cased": dict(self.cased),
            "possessed": dict(self.possessed),
            "phrases": dict(self.phrases),
        }

    @classmethod
    def from_json(cls, raw: Mapping[str, object]) -> Lexicon:
        """The lexicon saved by `to_json`; raises KeyError or TypeError when it is not one."""
        counts, cased, possessed = raw["counts"], raw["cased"], raw["possessed"]
        phrases = raw["phrases"]
        if not isinstance(counts, dict) or not isinstance(cased, dict):
            raise TypeError("not a saved lexicon")
        if not isinstance(possessed, dict) or not isinstance(phrases, dict):
            raise TypeError("not a saved lexicon")
        return cls(
            {str(k): int(v) for k, v in counts.items()},
            {str(k): str(v) for k, v in cased.items()},
            {str(k): int(v) for k, v in possessed.items()},
            {str(k): int(v) for k, v in phrases.items()},
        )

    def correct(self, word: str) -> str:
        """The word, or the corpus's nearest word within a typo or two of an unknown one, a name
        before other words as near ("bejing" is Beijing, not "being": people type the common
        words right and the names wrong), the most common first (a four-letter one only when
        it is a name a letter short)."""
        lower = word.lower()
        if lower in self.counts or not lower.isalpha():
            return word
        limit = _max_typos(lower)
        # Four letters without a vowel are shorthand ("smth", "tmrw"), not a name short of one
        # ("putn"): read as a name, "smth" was "Smith", and declined as a name no source says.
        if not limit and len(lower) == _SHORT_NAME_TYPO and _VOWEL.search(lower):
            return self._short_name(word)
        if not limit:
            return word
        # A word the corpus writes only with an ending ("prisoner" as "prisoners") is typed
        # right: a plural or a tense is no typo.
        if any(lower + end in self.counts for end in _ENDINGS):
            return word
        known = self.words.get(lower[0], ())
        # A word the corpus writes much longer is clipped, not mistyped: "rehab" is
        # rehabilitation, not the "Rehak" a letter away (but "lavro" is Lavrov, a letter short).
        longer = [len(w) - len(lower) for w in known if w.startswith(lower)]
        if longer and min(longer) > limit:
            return word
        found = process.extract(lower, known, scorer=OSA.distance, score_cutoff=limit, limit=8)
        if not found:
            return word
        nearest = min(d for _, d, _ in found)
        best = max(
            (w for w, d, _ in found if d == nearest),
            key=lambda w: (w in self.cased, self.counts[w]),
        )
        # Keep the typist's capital: a corrected name gets its own from `read`.
        return best.capitalize() if word[0].isupper() else best

    def _possessive(self, word: str) -> str | None:
        """A name's possessive typed without its apostrophe ("russias" -> "Russia's"), or None;
        a plural the corpus writes as a name of its own ("Soviets", "Kurds") is not one."""
        lower = word.lower()
        stem = lower[:-1]
        name = self.cased.get(stem)
        # Two letters are a stem only of an acronym ("eus" -> "EU's").
        shortest = 2 if name and name.isupper() else 3
        if not lower.endswith("s") or len(stem) < shortest or lower in self.cased:
            return None
        owned = self.possessed.get(stem, 0)
        if name is None or owned < _MIN_COUNT:
            return None
        if self.counts.get(lower, 0) * _POSSESSIVE_RARITY >= owned:
            return None
        return f"{name}'s"

    def _misspelled_possessive(self, word: str) -> str | None:
        """A misspelled name's possessive without its apostrophe ("rsusias"), or None."""
        stem = word[:-1]
        if word.lower() in self.counts or not word.endswith("s"):
            return None
        corrected = self.correct(stem)
        return self._possessive(corrected + "s") if corrected != stem else None

    def _short_name(self, word: str) -> str:
        """A short unknown word read as the name it is a letter short of ("putn" -> "Putin"),
        when that is the only word of the corpus it is a letter short of ("frst" is not "Frost":
        "first" is one too)."""
        lower = word.lower()
        # Every neighbour: a short word has many, and the longer ones must all be seen.
        known = self.words.get(lower[0], ())
        found = process.extract(lower, known, scorer=OSA.distance, score_cutoff=1, limit=None)
        longer = [w for w, _, _ in found if len(w) == len(lower) + 1]
        if len(longer) == 1 and longer[0] in self.cased:
            return self.cased[longer[0]]
        return word

    def read(self, question: str) -> str:
        """The question with chat shorthand spelled out ("r" -> "are", "sec gen" ->
        "secretary general"), marks typed over
        ("??") typed once, a request around it dropped ("can you tell me about X" -> "X"),
        typos corrected and names capitalised as the corpus writes them."""
        question = _REPEATED_MARKS.sub(_one_mark, question)
        question = _REQUEST.sub("", question, count=1)
        question = _SECRETARY_GENERAL.sub("secretary general", question)
        question = _PLUS.sub(" and ", question)

        def fix(m: re.Match[str]) -> str:
            typed = m.group()
            # Typed in lower case ("U-24" is a name), and a word of its own ("u-24" is one too).
            if typed in CHAT_SHORTHAND and not _joined(question, m.start(), m.end()):
                if typed == "n" and not _AND_BEFORE.search(question[: m.start()]):
                    return typed  # "did n korea send", "in n israel": north
                return CHAT_SHORTHAND[typed]
            if typed.lower() in ABBREVIATIONS and not _joined(question, m.start(), m.end()):
                return ABBREVIATIONS[typed.lower()]
            spelled = CONTRACTIONS.get(typed.lower())
            if spelled:
                return spelled[0].upper() + spelled[1:] if typed[0].isupper() else spelled
            if len(typed) < 2:
                return typed  # "a", "I": a single letter is no name
            possessive = self._possessive(typed)
            if possessive:
                return possessive
            word = self.correct(typed)
            # A misspelled possessive: "russias" typed "rsusias", or its name misspelled where
            # the corpus never writes the possessive without its apostrophe. A word the typo
            # is nearer to wins ("russinas" is "Russians").
            if word.lower() != typed.lower():
                possessive = self._possessive(word)
            else:
                possessive = self._misspelled_possessive(typed)
            if possessive:
                return possessive
            if word == typed and self._unknown_place(
                typed, question[: m.start()], question[m.end() :]
            ):
                return typed.capitalize()
            if word[0].isupper() and word[1:] != word[1:].lower():
                return word  # "NATO", "McTear": typed with care
            return self.cased.get(word.lower(), word)

        # Names are sought before typos are corrected ("lend-lease act" is one word of the
        # corpus's "Lend-Lease Act" only before "lend" gets its capital) and after ("un
        # secruity council").
        return self._named(_WORD.sub(fix, self._named(question)))

    def with_names(self, question: str, names: Iterable[str]) -> str:
        """The question with names known beside the corpus (the actor table's), typed in lower
        case, written as listed: a small corpus may name "Moscow" once, too seldom to learn
        its capital. Not a word the corpus writes in lower case ("alliance"), nor one too
        short to tell from a word ("us"), nor one it never writes (what a question names and
        no source does is left as typed, as before)."""
        for name in sorted(set(names), key=len, reverse=True):
            lower = name.lower()
            if lower not in question:
                continue
            uses = min(self.counts.get(w, 0) for w in lower.split())
            if not uses or (
                " " not in lower
                and (
                    len(lower) < _SHORT_NAME_TYPO
                    or (uses >= _MIN_COUNT and lower not in self.cased)
                )
            ):
                continue
            typed = re.compile(rf"(?<![\w-]){re.escape(lower)}(?![\w-])")
            question = typed.sub(name, question)
        return question

    def _unknown_place(self, typed: str, before: str, after: str) -> bool:
        """Whether a word no source writes, and no typo of one, is typed where a place goes
        ("talks in riyadh in late january"): a name, to be found or reported missing, not a
        word to ignore ("in laymans terms", "in rebuttal to" are no places)."""
        return (
            bool(self.counts)
            and typed.isalpha()
            and typed.islower()
            and len(typed) >= _SHORT_NAME_TYPO
            and typed not in self.counts
            and _PLACE_BEFORE.search(before) is not None
            and _PLACE_AFTER.match(after) is not None
        )

    def _named(self, question: str) -> str:
        """Names of several words typed in lower case capitalised as the corpus writes them
        ("un security council" -> "UN Security Council"): each word alone is no name."""
        words = list(re.finditer(r"[^\W\d_][\w'’-]*", question))
        out, i = [], 0
        while i < len(words):
            for n in range(min(_PHRASE_WORDS, len(words) - i), 1, -1):
                run = words[i : i + n]
                joined = all(
                    question[a.end() : b.start()] == " " for a, b in itertools.pairwise(run)
                )
                if joined and self.is_name(" ".join(w.group().lower() for w in run)):
                    out += [(w, self._capitalised(w.group())) for w in run]
                    i += n
                    break
            else:
                i += 1
        for m, cased in reversed(out):
            if m.group().islower():  # typed with capitals: left as typed
                question = question[: m.start()] + cased + question[m.end() :]
        return question

    def _capitalised(self, word: str) -> str:
        """A word of a name as the corpus writes it: "UN", "Security", "Lend-Lease"."""
        return self.cased.get(word) or "-".join(p[:1].upper() + p[1:] for p in word.split("-"))

    def is_name(self, phrase: str) -> bool:
        """Whether the corpus writes these lower-case words as one name, and often so: "un
        security council", not "sweden nato" (typed side by side, however often a headline
        runs the two names together)."""
        written = self.phrases.get(phrase, 0)
        words = phrase.split()
        if written < _MIN_NAME_USES or words[0] in _NEVER_RESTORED or words[-1] in _NEVER_RESTORED:
            return False
        return written * _NAME_COHESION >= min(self.counts.get(w, 0) for w in words)


def _one_mark(m: re.Match[str]) -> str:
    return "?" if "?" in m.group() else "!"


def _joined(question: str, start: int, end: int) -> bool:
    """Whether shorthand typed there is part of a longer token: a unit glued to its number
    ("90bn", kept as the sources write it, not "90billion"), or a single letter in "u-24",
    "r&d", "u.s.", "u2"."""
    before, after = question[max(0, start - 1) : start], question[end : end + 2]
    if before.isdigit():
        return True
    if end - start > 1:
        return False
    if before and before in _JOINERS:
        return True
    if after[:1] == ".":
        return after[1:2].isalpha()  # "u." ending a sentence is still "you."
    return bool(after) and (after[0].isdigit() or after[0] in _JOINERS)
