"""Positions side by side: the sides a question compares, and each one's own stated position."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import partial

from retrieval.actors import (
    Aliases,
    another_of_that_name,
    known_by_another,
    speakers,
    states_position,
    writes_first_name,
)
from retrieval.affiliations import introduced
from retrieval.answers import (
    Answer,
    Composer,
    Section,
    Sentence,
    abstention,
    renumber,
    words_in,
)
from retrieval.chunking import as_shown
from retrieval.extractive import ASKS, QUESTION_WORDS, ExtractiveComposer, repeats
from retrieval.keyword import keyword_tokens
from retrieval.names import (
    CLAUSE_BREAK,
    Name,
    listed,
    mentions,
    owned_names,
    unaccented,
    without_beside,
)
from retrieval.periods import Period, question_periods
from retrieval.quantities import quantity_clause
from retrieval.search import Passage

# "compare russia, ukraine: security guarantees": the explicit form every front end accepts.
_EXPLICIT = re.compile(r"^\s*compare\s+(?P<sides>[^:]+?)\s*:\s*(?P<topic>\S.*)$", re.I | re.S)
_SIDE_SEPARATOR = re.compile(r"\s*(?:,|;|&|\+|/|\band\b|\bvs\b\.?|\bversus\b)\s*", re.I)
# What two names written together are: "Russia and Ukraine", "US/EU", "Kyiv, Moscow".
_TOGETHER = re.compile(r"\s*(?:,|,? and|&|\+|/)\s*(?:the\s+)?", re.I)
# Where a question sets one side against another: "what does Moscow want vs what is Kyiv
# offering", "Klitschko's figure versus Shevchuk's".
_AGAINST = re.compile(r"\s+(?:vs\.?|versus|compared (?:with|to))\s+", re.I)
# Words that ask without naming a topic: "what does Moscow really want now".
_NO_TOPIC = QUESTION_WORDS | frozenset(
    keyword_tokens("will would can could really actually now still currently exactly today")
)
# Where a clause ends: a colon only before a space ("at 10:30" ends none).
_CLAUSE = re.compile(r"[;?!]|:(?=\s|$)|\s+-\s+|\s+[—–]\s+")
# Words asking what each side holds, rather than what happened to both.
_STANCE_CUE = re.compile(
    r"\b(?:stand|stands|stance|positions?|views?|wants?|wanted|demand\w*|offer\w*|propos\w*"
    r"|plans?|say|says|said|react\w*|respon\w*|differ\w*|readouts?|judge\w*|each|think"
    r"|insist\w*|estimates?|figures?|red lines|characteri[sz]\w*|reject\w*|compare\w*"
    r"|talk about|goals|terms|conditions)\b",
    re.I,
)
# A name right after one of these is what is talked about: "the count of Ukrainian soldiers".
_OBJECT = re.compile(r"\b(?:about|of|on|over|regarding|concerning)\s+(?:the\s+)?$", re.I)
MAX_SIDES = 4  # more names than this is a list, not a comparison
_EACH_AFTER = re.compile(r"\s+(?:each|both)\b", re.I)
# A clause asking the sides' stances by "each" alone: "what did each govt say".
_EACH_ASKED = re.compile(
    r"\b(?:what|how)\s+(?:did|does|do|has|have|would|will)\s+each\b(?:\s+(?:\w+\s+){0,2}?"
    + r"(?:say|said|react\w*|respond\w*|response|think|want|propos\w*|demand\w*|offer\w*"
    + r"|insist\w*)\b)",
    re.I,
)
# Words asking how the sides met something done: "how did Kyiv and Moscow react".
# (Verbs only: "what response did Zelensky call for" and "the US and NATO responses" ask what
# was said, which may be a document.)
_RESPONSE = re.compile(r"\b(?:react|respond)(?:s|ed|ing)?\b", re.I)
# The heading of what the ordinary answer holds beyond the sides' own sentences.
ALSO = "Also found"


@dataclass(frozen=True)
class Comparison:
    """The sides a question sets side by side (as it names them) and what it asks about."""

    sides: tuple[Name, ...]
    topic: str  # the question itself, or the topic of an explicit "compare A, B: topic"


def compared_sides(question: str, aliases: Aliases | None = None) -> Comparison | None:
    """The sides whose positions the question asks for side by side, or None."""
    explicit = _EXPLICIT.match(question)
    if explicit:
        sides = _distinct(
            Name(_heading(t), (t,), explicit.start("sides"))
            for t in _SIDE_SEPARATOR.split(explicit.group("sides"))
            if t.strip()
        )
        if 2 <= len(sides) <= MAX_SIDES:
            return Comparison(tuple(sides), explicit.group("topic").strip())
        return None
    if quantity_clause(question) and not _stance_beyond_comparing(question):
        # "russia vs ukraine artillery - how many shells a day each?" asks a number of each,
        # not what each says; "klitschko's figure vs shevchuk's" asks what each says it is.
        return None
    # (An owner describing a side is not one: "Nato's Jens Stoltenberg and the European
    # Commission's Ursula von der Leyen" sets Stoltenberg against von der Leyen.)
    names = [_longest(n, question, aliases or {}) for _, n in owned_names(question)]
    parts = _asked_parts(question)
    # "When Ukraine and Turkey signed ..., what did Zelensky and Erdoğan each cite?": the names
    # "each" follows are the sides, wherever they stand.
    parts.sort(key=lambda r: not _EACH_AFTER.match(question, r[1]))
    # "would sweden and finland host nato bases? what did each govt say": the names written
    # together before such a clause, the last run first, come after the clauses' own.
    asks_each = _EACH_ASKED.search(question)
    runs = _together(question, 0, asks_each.start())[::-1] if asks_each else []
    for span in [*parts, *runs]:
        sides = _distinct(n for n in names if span[0] <= n.start < span[1])
        if 2 <= len(sides) <= MAX_SIDES:
            return Comparison(tuple(sides), question)
    groups = _against(question, names)
    if groups and len(groups) <= MAX_SIDES and _STANCE_CUE.search(question):
        return Comparison(tuple(groups), question)
    return None


def _stance_beyond_comparing(question: str) -> bool:
    """Whether the question asks for a stance by more than "each" or "compare"."""
    return any(
        not re.fullmatch(r"each|compar\w*", m.group(), re.I) for m in _STANCE_CUE.finditer(question)
    )


def explicit_form(text: str) -> bool:
    """Whether the text is written as the explicit command ("compare A, B: topic"), whether
    or not its sides can be read."""
    return _EXPLICIT.match(text) is not None


def _longest(name: Name, question: str, aliases: Aliases) -> Name:
    """The name, with the next word or two when they make a longer name in the actor table
    ("White" -> "White House")."""
    known = {a.lower(): a for key, names in aliases.items() for a in [key, *names]}
    for extra in (2, 1):
        m = re.match(rf"(?:\W+[\w.-]+){{{extra}}}", question[name.start + len(name.text) :])
        text = f"{name.text}{m.group()}" if m else ""
        if text.lower() in known:
            return Name(known[text.lower()], (text,), name.start)  # spelled as the table does
    return name


def _asked_parts(question: str) -> list[tuple[int, int]]:
    """The spans of the question's clauses that ask about a stance ("how did Zelensky and Putin
    each react"), each cut down to its run of names written together."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in [*_CLAUSE.finditer(question), None]:
        end = m.start() if m else len(question)
        # The sides come before what they hold: "how did Zelensky and Putin each react", not
        # "Putin said that Finland and Sweden joining NATO ...".
        spans += [r for r in _together(question, start, end) if _cue_between(question, r[1], end)]
        start = m.end() if m else end
    return spans


def _cue_between(question: str, start: int, end: int) -> bool:
    return _STANCE_CUE.search(question[start:end]) is not None


def _together(question: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans of runs of names written together between `start` and `end`."""
    owned = [(at, n) for at, n in owned_names(question) if start <= n.start < end]
    runs: list[tuple[int, int]] = []
    for prev, (at, name) in zip([None, *owned], owned, strict=False):
        # (From where an owner describing the name is written: "and the European Commission's")
        gap = question[prev[1].start + len(prev[1].text) : at] if prev else None
        if gap is not None and _TOGETHER.fullmatch(gap):
            runs[-1] = (runs[-1][0], name.start + len(name.text))
        else:
            runs.append((name.start, name.start + len(name.text)))
    return runs


def _against(question: str, names: list[Name]) -> list[Name]:
    """Sides set against each other with "vs": the last names before it and the first after."""
    cuts = [m.span() for m in _AGAINST.finditer(question)]
    if not cuts:
        return []
    bounds = [0, *(c for span in cuts for c in span), len(question)]
    parts = [(bounds[i], bounds[i + 1]) for i in range(0, len(bounds), 2)]
    sides: list[Name] = []
    for i, (lo, hi) in enumerate(parts):
        # What a side's words are about is no side: "zelensky's count of ukrainian soldiers vs
        # what outside estimates say about ukraine's losses" sets no name against Zelensky.
        runs = [r for r in _together(question, lo, hi) if not _OBJECT.search(question, lo, r[0])]
        if not runs:
            return []  # "feb 3 vs feb 7": dates, not sides
        run = runs[-1] if i == 0 else runs[0]
        sides += [n for n in names if run[0] <= n.start < run[1]]
    return _distinct(sides)


def _distinct(names: Iterable[Name]) -> list[Name]:
    """Names, the second of any two with the same words dropped."""
    out: list[Name] = []
    for name in names:
        if name.text.lower() not in {n.text.lower() for n in out}:
            out.append(name)
    return out


def _heading(text: str) -> str:
    """A side as typed, capitalised when typed all in lower case ("russia" -> "Russia")."""
    text = " ".join(text.split())
    if text != text.lower():
        return text
    return " ".join(w.upper() if len(w) <= 3 else w.capitalize() for w in text.split())


@dataclass(frozen=True)
class SidesConfig:
    """Knobs of the side-by-side answer."""

    per_side: int = 3  # sentences under each heading
    min_relevance: float = -3.0  # a sentence judged less relevant than this is not shown
    keep_within: float = 6.0  # of the side's best sentence's score


def _note_beside(note: str, empty: Sequence[Name]) -> str:
    """What the ordinary answer says is missing ("Nothing I found gives that number."), less
    what names a side with nothing found: its heading says so already."""
    said = re.split(r"(?<=\.)\s+(?=Nothing I found)", note) if note else []
    return " ".join(n for n in said if not any(side.text in n for side in empty))


def _own_clauses(question: str, side: int, sides: Sequence[Sequence[Name]]) -> str:
    """The question less the clauses asking only of other sides: of Lithuania, "the Founding
    Act - what did Moscow demand vs how did Lithuania treat it?" asks "the Founding Act - how
    did Lithuania treat it?"."""
    breaks = sorted(
        [
            *_CLAUSE.finditer(question),
            # "what did Moscow demand vs how did Lithuania ...", not "russia vs ukraine artillery
            # in donbas", whose words after "vs" are both sides' topic
            *(
                m
                for m in CLAUSE_BREAK.finditer(question)
                if not _AGAINST.fullmatch(m.group()) or ASKS.match(question, m.end())
            ),
        ],
        key=lambda m: m.start(),
    )
    kept: list[str] = []
    at, joint = 0, ""  # the break after the last clause kept joins it to the next kept
    for m in [*breaks, None]:
        end = m.start() if m else len(question)
        if end < at:
            continue  # a break inside one already taken
        clause = unaccented(question[at:end])
        names = [k for k, own in enumerate(sides) if any(mentions(clause, n) for n in own)]
        # Only a clause asking something of other sides is theirs: a heading naming them
        # ("the 1997 Nato-Russia Founding Act") is every side's topic.
        asks_others = bool(names) and side not in names and ASKS.search(clause) is not None
        taken = not asks_others and bool(clause.strip())
        if taken:
            kept.append(f"{joint} " if kept else "")  # "Donbas:" then "what is Kyiv offering"
            kept.append(question[at:end].strip())
        if m:
            joint = m.group() if taken or not kept else joint
            at = m.end()
    own = re.sub(r"\s+", " ", "".join(kept))
    return own if any(mentions(unaccented(own), n) for n in sides[side]) else question


def _asked_of_each(
    question: str, sides: Sequence[Name], own: Sequence[Sequence[Name]]
) -> list[str]:
    """What each side is asked (`_own_clauses`); the question whole for a side whose clause
    names nothing but the side and a verb while another's names a topic: "what does Moscow
    want vs what is Kyiv offering on territory?" asks Moscow about territory too, but "what
    does Moscow want vs what is Kyiv offering?" asks each side its own."""
    whole = [without_beside(question, side) for side in sides]
    asked = [_own_clauses(q, i, own) for i, q in enumerate(whole)]
    topics = [
        len(
            set(keyword_tokens(a))
            - _NO_TOPIC
            - {t for n in names for k in n.keys for t in keyword_tokens(k)}
        )
        for a, names in zip(asked, own, strict=True)
    ]
    return [
        whole[i] if n < 2 and any(m >= 2 for j, m in enumerate(topics) if j != i) else asked[i]
        for i, n in enumerate(topics)
    ]


def _another_person(sentence: str, passage: Passage, names: Sequence[Name], namesake: bool) -> bool:
    """Whether the sentence's side, named by its surname, means someone else: its passage
    writes that surname only after another first name ("Elon Musk ... Musk said" is not
    Kimbal Musk), or, for a side known by another's surname, never writes its first name."""
    text = unaccented(passage.chunk.text)
    if namesake and not writes_first_name(text, names[0]):
        return True
    said = unaccented(sentence)
    return any(mentions(said, n) and another_of_that_name(text, n) for n in names)


def _is_side(
    side_of: Callable[[str, str], int | None], side: int, sentence: str, voice: str
) -> bool:
    return side_of(sentence, voice) == side


class SideBySideComposer:
    """Lays a comparison out per side, each side's own sentences newest first; passes any
    other question to `general`."""

    def __init__(
        self,
        sentences: ExtractiveComposer,
        general: Composer,
        aliases: Aliases,
        config: SidesConfig = SidesConfig(),
    ) -> None:
        self.sentences = sentences
        self.general = general
        self.aliases = aliases
        self.config = config

    def compose(self, question: str, passages: Sequence[Passage]) -> Answer:
        """Sections per side when the question compares sides, else `general`'s answer."""
        comparison = compared_sides(question, self.aliases)
        if comparison is None or not passages:
            return self.general.compose(question, passages)
        # The sides share the question's premises: a question the ordinary answer declines
        # for one (names no quoted source has together, a date, a number) is declined here
        # too, with or without a note of what was missing. Declined only as no sentence is
        # relevant enough to the question as a whole, each side's own may still be.
        premised = self.sentences.compose(question, passages)
        if premised.abstained and (premised.note or self.sentences.relevant(question, passages)):
            return premised
        texts = [unaccented(p.chunk.text) for p in passages]
        # A side known by a surname the sources mostly give another person (Melania, not
        # Donald Trump) speaks only for herself, and only where her first name is written.
        namesakes = [known_by_another(side, texts) for side in comparison.sides]
        own = [
            [side] if namesake else speakers(side, self.aliases)
            for side, namesake in zip(comparison.sides, namesakes, strict=True)
        ]
        # "Landsbergis said" speaks for Lithuania where a source introduced him as its minister.
        people = introduced([p.chunk.text for p in passages], own)
        own = [[*names, *extra] for names, extra in zip(own, people, strict=True)]

        def side_of(sentence: str, voice: str = "") -> int | None:
            """The side a sentence states the position of: the one it names first so; else
            the one it is quoted from (`voice`, "Vladimir Putin said.")."""
            for said in (unaccented(sentence), voice):
                at = [
                    (pos, i)
                    for i, names in enumerate(own)
                    if (pos := states_position(said, names)) is not None
                ]
                if at:
                    return min(at)[1]
            return None

        # "in their December 30, 2021 call": what a side said then, not at any other time.
        periods = question_periods(question)
        dates = [int(p.chunk.date[:4]) for p in passages if p.chunk.date[:4].isdigit()]
        years = range(min(dates), max(dates) + 1) if dates else range(0)

        def in_period(day: str, text: str, asked: Sequence[Period] = periods) -> bool:
            # An undated source is not known to be from another day.
            return (
                not asked
                or not day
                or any(p.holds(day, years) or p.mentioned_in(text) for p in asked)
            )

        chosen: list[list[tuple[str, Passage]]] = []
        taken: list[frozenset[str]] = []
        own_asked = _asked_of_each(question, comparison.sides, own)
        for i, side in enumerate(comparison.sides):
            # Each side's sentences are judged against what it is asked: "What does Russia say
            # about security guarantees?" ranks Russia's statements, not the other side's.
            asked = (
                own_asked[i]
                if comparison.topic == question
                else f"What does {side.text} say about {comparison.topic}?"
            )
            # A side's dates are those of its own clauses: "what did Moscow demand before the
            # invasion vs how did Lithuania treat it by April 2022".
            side_periods = question_periods(asked)
            picks: list[tuple[str, Passage]] = []
            best: float | None = None
            for c in self.sentences.candidates(asked, passages, partial(_is_side, side_of, i)):
                if len(picks) >= self.config.per_side or c.relevance < self.config.min_relevance:
                    continue
                if _another_person(c.text, c.passage, own[i], namesakes[i]):
                    continue  # "Trump said" where the source means Donald, not Melania Trump
                text = f"{c.passage.chunk.title} {c.text}"
                if not in_period(c.passage.chunk.date, text, side_periods):
                    continue
                if best is not None and c.score < best - self.config.keep_within:
                    continue
                if any(repeats(c.terms, t) > self.sentences.config.redundancy for t in taken):
                    continue
                best = c.score if best is None else best
                taken.append(c.terms)
                picks.append((as_shown(c.text), c.passage))
            chosen.append(picks)
        if not any(chosen):
            # "How did the Kremlin and Kyiv respond to the report?" takes their responses for
            # granted: with none of them found, what the report said answers nothing asked.
            if _RESPONSE.search(question):
                sides = listed(comparison.sides, "or")
                note = f"Nothing I found gives how {sides} responded."
                return abstention(question, tuple(passages), note=note)
            # Without a language model the general answer is the one already composed.
            if self.general is self.sentences:
                return premised
            return self.general.compose(question, passages)
        # The most recent statement first: a position changes, and the latest is what holds.
        for picks in chosen:
            picks.sort(key=lambda pair: pair[1].chunk.date, reverse=True)

        def of_another_day(text: str, p: Passage) -> bool:
            # A side's own statement from another day than the one asked about is left out
            # below the sides as under them; the rest of the ordinary answer is not.
            return side_of(text) is not None and not in_period(
                p.chunk.date, f"{p.chunk.title} {text}"
            )

        also = self._also(premised, chosen, taken, passages, of_another_day)
        flat = [(text, [p]) for picks in chosen for text, p in picks] + also
        answer = renumber(question, flat, tuple(passages), "extractive")
        dated = [
            Sentence(s.text, s.citations, cited[0].chunk.date)
            for s, (_, cited) in zip(answer.sentences, flat, strict=True)
        ]
        sections: list[Section] = []
        for side, picks in zip(comparison.sides, chosen, strict=True):
            sections.append(Section(side.text, tuple(dated[: len(picks)])))
            dated = dated[len(picks) :]
        if also:
            sections.append(Section(ALSO, tuple(dated)))
        return Answer(
            answer.question,
            tuple(s for section in sections for s in section.sentences),
            answer.sources,
            composer=answer.composer,
            retrieved=answer.retrieved,
            sections=tuple(sections),
            note=_note_beside(
                premised.note, [s for s, p in zip(comparison.sides, chosen, strict=True) if not p]
            ),
        )

    def _also(
        self,
        premised: Answer,
        chosen: Sequence[Sequence[tuple[str, Passage]]],
        taken: Sequence[frozenset[str]],
        passages: Sequence[Passage],
        left_out: Callable[[str, Passage], bool],
    ) -> list[tuple[str, list[Passage]]]:
        """The ordinary answer's sentences that no side shows, each with the passages it cites
        there, as many as the words the sides leave of the answer's length: a fact no side
        states (a number, what happened) is still worth reading, and a comparison should not
        say less than the ordinary answer."""
        shown = {text.strip() for picks in chosen for text, _ in picks}
        words = sum(words_in(text) for text in shown)
        said = list(taken)
        by_chunk = {p.chunk.chunk_id: p for p in passages}
        also: list[tuple[str, list[Passage]]] = []
        for sentence in premised.sentences:
            length = words_in(sentence.text)
            terms = frozenset(keyword_tokens(sentence.text))
            if sentence.text in shown or words + length > self.sentences.config.max_words:
                continue
            if any(repeats(terms, t) > self.sentences.config.redundancy for t in said):
                continue
            cited = [
                by_chunk[chunk_id]
                for n in sentence.citations
                for chunk_id in premised.sources[n - 1].chunk_ids
                if chunk_id in by_chunk
            ]
            if not cited or left_out(sentence.text, cited[0]):
                continue
            words += length
            said.append(terms)
            also.append((sentence.text, cited))
        return also
