"""Who speaks a sentence its own words don't name: its transcript turn's speaker, whoever a
quote running over several sentences is attributed to, or whom "he", "she" or "the President"
stands for."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from retrieval.actors import STANCE_VERBS
from retrieval.affiliations import PERSON, as_person
from retrieval.chunking import ABBREVIATION_END, Chunk, split_sentences
from retrieval.titles import ROLES

# "Vladimir Putin: Mr Shoigu, ...", "President of Russia Vladimir Putin: ...": a transcript's
# turn, opening the text or a sentence. A one-word label ("Question:", "Photograph:") is
# nobody's name and ends the turn before it.
_TURN = re.compile(
    r"(?:^|(?<=[.!?\"”’…)>*\]]\s))"
    r"(?P<label>[A-Z][\w'’-]*(?:\s+(?:[A-Z][\w'’-]*|of|the|and)){0,7}):\s+(?=[\"“‘A-Z])"
)


def turn_openings(text: str, known: frozenset[str] = frozenset()) -> list[tuple[int, str]]:
    """Where each transcript turn opens in the text, with its label: as `_TURN` finds them,
    and where a label `known` to open turns elsewhere is glued after a word, as a crawl that
    lost a line break writes it ("... intentions? Thank you Vladimir Putin: Regarding your
    question ...")."""
    proper = list(_TURN.finditer(text))
    found = [(m.start(), m["label"]) for m in proper]
    taken = [m.span() for m in proper]
    # The longest first: "Vladimir Putin" ending "President of Russia Vladimir Putin:" opens
    # no second turn.
    for label in sorted(known, key=len, reverse=True):
        for m in re.finditer(rf"(?<=\w\s){re.escape(label)}:\s+(?=[\"“‘A-Z])", text):
            if not any(start <= m.start() < end for start, end in taken):
                found.append((m.start(), label))
                taken.append(m.span())
    return sorted(found)


def turn_labels(chunks: Iterable[Chunk]) -> dict[str, frozenset[str]]:
    """For each document, the labels naming someone that open turns in its passages, and the
    speakers its passages open inside the turns of."""
    found: dict[str, set[str]] = defaultdict(set)
    for c in chunks:
        labels = (m["label"] for m in _TURN.finditer(c.text))
        found[c.doc_id].update(label for label in labels if _names_someone(label))
        if c.speaker:
            found[c.doc_id].add(c.speaker)
    return {doc: frozenset(labels) for doc, labels in found.items()}


# A straight quote mark opens a quote after a space or the text's start and before a word; it
# closes one after a word. A passage opening inside a quote starts with its closing mark.
_OPENING = re.compile(r"(?:^|(?<=[\s(\[—–:]))(?:\"(?=\S)|“)")
_CLOSING = {'"': re.compile(r'(?<=\S)"'), "“": re.compile("”")}
LONGEST_QUOTE = 1500  # characters; a mark left unclosed is not a quote of the whole text
# Where the words after a quote's end stop: '," Volodymyr Zelenskyy stressed.'
_SENTENCE_END = re.compile(r"[.!?](?=\s|$)")
_MARKS = re.compile(r"[\"“”]")
# Who said it, before a quote's opening: 'Andriy Yermak said: "'.
_BEFORE = re.compile(r"(?P<said>[^.!?\"“”]{3,80}?)[:,]\s*$")
# Inside a quote, a sentence ends and the next begins: the quote runs over several sentences.
_SENTENCE_BREAK = re.compile(r"[.!?]\s+[\"“‘A-Z]")
# A sentence said by "he" or "she": opening with it ("She said there were 20m tonnes"), or
# naming it after a quote ('"... a long war," he said').
_PRONOUN_SAID = re.compile(
    r"(?:^|,\s*|[,!?][”\"’]\s*)(?:he|she)\s+(?:said|says|added|told|warned|wrote|stressed"
    r"|noted|insisted|argued|explained|urged|declared|continued)\b",
    re.IGNORECASE,
)
# A sentence telling of someone speaking, whom a "he said" after it may be: not one telling
# only what happened ("Russia launched 400 drones overnight.").
_SPEAKING = re.compile(rf"\b(?:{STANCE_VERBS}|(?:echoed|spoke|speaking|saying|interview)\b)", re.I)
# A speaker named by a description of their office: '," the President said.', "The French
# leader made Europe's stance clear, saying: ...". "Leader" and "head of state" describe any
# holder of a leading office; other words, the one introduced by that word, and the words
# before it ("French") pick among several so introduced.
_ANY_OFFICE = frozenset(["leader", "head of state"])
_LEADING = frozenset(["president", "premier", "chancellor", "leader"])
_DESCRIPTION = (
    r"the\s+(?P<which>(?:[\w-]+\s+){0,2}?)"
    rf"(?P<role>head of state|premier|{ROLES})\b(?![-'’]\w)(?!\s+of\b)"
)
# What a quote is said to be said by: "the President said."
_DESCRIBED = re.compile(rf"^{_DESCRIPTION}", re.IGNORECASE)
# A sentence a description speaks: "The minister said ...", "The French leader made ...,
# saying: ..." (not "The minister signed the decree, the Kremlin said.").
_DESCRIBED_SAYS = re.compile(
    rf"^{_DESCRIPTION}(?:(?:\s+[\w-]+){{0,2}}?\s+{STANCE_VERBS}|[^\"“”,]*,\s+saying\b)",
    re.IGNORECASE,
)
# Someone introduced by their office: "President of Ukraine Volodymyr Zelenskyy", "French
# president Emmanuel Macron", "Commission President Ursula von der Leyen".
_INTRODUCED = re.compile(
    rf"\b(?i:(?P<role>{ROLES}|premier))\b"
    r"(?:\s+of\s+(?:the\s+)?[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*?)?"
    rf"[ \t]+{PERSON}"
)


@dataclass(frozen=True)
class Voices:
    """The words naming who speaks, for spans of a text."""

    starts: tuple[int, ...]
    ends: tuple[int, ...]
    said: tuple[str, ...]

    @staticmethod
    def of(spans: Iterable[tuple[int, int, str]]) -> Voices:
        """The voices of (start, end, said) spans, in order."""
        ordered = sorted(spans)
        return Voices(
            tuple(s for s, _, _ in ordered),
            tuple(e for _, e, _ in ordered),
            tuple(w for *_, w in ordered),
        )

    def span_at(self, offset: int) -> int:
        """The index of the last span starting at or before `offset`; -1 for none."""
        return bisect_right(self.starts, offset) - 1

    def at(self, offset: int) -> str:
        """Who speaks at `offset` of the text ("Vladimir Putin said"), or ""."""
        i = self.span_at(offset)
        return self.said[i] if i >= 0 and offset < self.ends[i] else ""


def voices(text: str, speaker: str = "", known: frozenset[str] = frozenset()) -> Voices:
    """The speakers of the text's transcript turns (the first being `speaker`'s, when the text
    opens in the middle of one; labels `known` found glued too, see `turn_openings`), of its
    quotes of several sentences and of what "he" or "she" says; a quote's own speaker is
    named for it over its turn's."""
    spans: list[tuple[int, int, str]] = []
    turns = turn_openings(text, known)
    if speaker:
        spans.append((0, turns[0][0] if turns else len(text), f"{speaker} said."))
    for (start, label), after in zip(turns, [*turns[1:], None], strict=False):
        if _names_someone(label):
            spans.append((start, after[0] if after else len(text), f"{label} said."))
    quoted = _quotes(text)
    for start, end in quoted:
        said = _attribution(text, start, end)
        if said:
            # Quotes are cut out of any turn they interrupt.
            spans = [piece for s in spans for piece in _without(s, start, end)]
            spans.append((start, end, said))
    return _described_named(text, _pronouns_named(text, Voices.of(spans)))


def _described_named(text: str, found: Voices) -> Voices:
    """The voices, with what a speaker described by office says ('," the President said.')
    given to the last one the text introduced by that office: "President of Ukraine
    Volodymyr Zelenskyy"."""
    # Found once: passages are read for every question. (Only a person's name: no title,
    # month or acronym in it.)
    introduced = [m for m in _INTRODUCED.finditer(text) if as_person(m["person"])]
    if not introduced:
        return found
    spans = list(zip(found.starts, found.ends, found.said, strict=True))
    changed = False
    for i, (start, end, said) in enumerate(spans):
        named = _holder(text, introduced, start, _DESCRIBED.match(said.strip()))
        if named:
            spans[i] = (start, end, named)
            changed = True
    at = 0
    for sentence in split_sentences(text):
        start = text.find(sentence, at)
        at = start + len(sentence)
        if found.at(start):
            continue
        named = _holder(text, introduced, start, _DESCRIBED_SAYS.match(sentence))
        if named:
            spans.append((start, at, named))
            changed = True
    return Voices.of(spans) if changed else found


def _holder(
    text: str, introduced: list[re.Match[str]], before: int, described: re.Match[str] | None
) -> str:
    """Who the described office is ("Volodymyr Zelenskyy said."), as introduced before
    `before`: the last so introduced, of those introduced with the words describing it
    ("French") if any were; "" for none, or for a plural ("the two leaders")."""
    if described is None:
        return ""
    role = described["role"].lower()
    which = set(described["which"].lower().split())
    fitting = [
        m
        for m in introduced
        if m.start() < before
        and (m["role"].lower() in _LEADING if role in _ANY_OFFICE else m["role"].lower() == role)
    ]
    named = [
        m for m in fitting if which & set(text[max(0, m.start() - 30) : m.start()].lower().split())
    ]
    chosen = (named or fitting)[-1:]
    return f"{as_person(chosen[0]['person'])} said." if chosen else ""


def _pronouns_named(text: str, found: Voices) -> Voices:
    """The voices, with what "he" or "she" says given to whoever spoke the sentence before:
    the speaker it is quoted from, else that sentence itself (its subject said it)."""
    named: dict[int, str] = {}  # the speaker of each span said by "he" or "she", by index
    added: list[tuple[int, int, str]] = []
    at, before = 0, ""  # who spoke the sentence before: its speaker, or the sentence itself
    for sentence in split_sentences(text):
        start = text.find(sentence, at)
        at = start + len(sentence)
        said = found.at(start)
        if not _PRONOUN_SAID.search(said or sentence):
            before = said or (sentence if _SPEAKING.search(sentence) else "")
        elif before and said:
            named.setdefault(found.span_at(start), before)  # a quote "he said" runs over
        elif before:
            # "He added ..." after "He said ..." is still the first speaker's.
            added.append((start, at, before))
    if not added and not named:
        return found
    kept = zip(found.starts, found.ends, found.said, strict=True)
    return Voices.of([*((s, e, named.get(i, w)) for i, (s, e, w) in enumerate(kept)), *added])


def opening_speakers(chunks: Iterable[Chunk]) -> dict[str, str]:
    """For each passage opening inside a transcript turn begun before it, the turn's speaker
    ("Vladimir Putin"), by passage id."""
    by_doc: dict[str, list[Chunk]] = defaultdict(list)
    for chunk in chunks:
        by_doc[chunk.doc_id].append(chunk)
    found: dict[str, str] = {}
    for doc_id, doc in by_doc.items():
        doc.sort(key=lambda c: c.start)
        # Every turn's opening in the document, where the overlapping passages show it, glued
        # labels too (see `turn_openings`).
        known = turn_labels(doc).get(doc_id, frozenset())
        opened = sorted(
            {(c.start + at, label) for c in doc for at, label in turn_openings(c.text, known)}
        )
        for chunk in doc:
            before = [label for at, label in opened if at < chunk.start]
            if before and _names_someone(before[-1]):
                found[chunk.chunk_id] = before[-1]
    return found


@dataclass(frozen=True)
class Turns:
    """The transcript turns opening in some passages, by document, and those putting a
    question."""

    openings: dict[str, list[int]]  # where each turn opens in its document, in order
    asking: frozenset[tuple[str, int]]  # (document, opening)
    # The stretches of each document the passages hold, (start, end) in order: a turn seen
    # in a passage far before is not the one a later passage opens in.
    read: dict[str, list[tuple[int, int]]] = field(default_factory=dict)

    def of(self, doc: str, offset: int) -> int | None:
        """Where the turn holding the document's `offset` opens, if it opens in the stretch
        read around `offset`."""
        stretch = next((s for s in self.read.get(doc, []) if s[0] <= offset < s[1]), None)
        at = self.openings.get(doc, [])
        i = bisect_right(at, offset) - 1
        if i < 0 or stretch is None or at[i] < stretch[0]:
            return None
        return at[i]

    def asks(self, doc: str, offset: int) -> bool:
        """Whether the document's `offset` lies in a turn putting a question."""
        return (doc, self.of(doc, offset)) in self.asking

    def answered(self, doc: str, turn: int) -> int | None:
        """Where the turn before the one opening at `turn` opens, if it puts a question."""
        before = self.of(doc, turn - 1)
        return before if (doc, before) in self.asking else None


def transcript_turns(
    chunks: Iterable[Chunk], labels: dict[str, frozenset[str]] | None = None
) -> Turns:
    """The turns opening in the chunks: a turn asks a question when its words, as far as the
    chunks hold them, have a question mark. `labels` are the chunks' `turn_labels`, when the
    caller has them already."""
    chunks = sorted({c.chunk_id: c for c in chunks}.values(), key=lambda c: (c.doc_id, c.start))
    opened: dict[str, set[int]] = defaultdict(set)
    read: dict[str, list[tuple[int, int]]] = defaultdict(list)
    known = turn_labels(chunks) if labels is None else labels
    for c in chunks:
        opened[c.doc_id].update(c.start + at for at, _ in turn_openings(c.text, known[c.doc_id]))
        stretches = read[c.doc_id]
        end = c.start + len(c.text)
        # Passages next to each other are one stretch, the space between them aside.
        if stretches and c.start <= stretches[-1][1] + 2:
            stretches[-1] = (stretches[-1][0], max(stretches[-1][1], end))
        else:
            stretches.append((c.start, end))
    turns = Turns({doc: sorted(at) for doc, at in opened.items() if at}, frozenset(), dict(read))
    asking = set()
    for c in chunks:
        at = [o - c.start for o in turns.openings.get(c.doc_id, [])]
        inside = [o for o in at if 0 < o < len(c.text)]
        for a, b in zip([0, *inside], [*inside, len(c.text)], strict=True):
            turn = turns.of(c.doc_id, c.start + a)
            if turn is not None and "?" in c.text[a:b]:
                asking.add((c.doc_id, turn))
    return replace(turns, asking=frozenset(asking))


def _names_someone(label: str) -> bool:
    """Whether a turn's label is someone's name: "Question:" ends a turn but opens none."""
    return " " in label


def _quotes(text: str) -> list[tuple[int, int]]:
    """The spans of quotes holding more than one sentence, opening to closing mark; not one
    a transcript's turn begins in."""
    found: list[tuple[int, int]] = []
    at = 0
    while (opening := _OPENING.search(text, at)) is not None:
        start = opening.start()
        closing = _CLOSING[text[start]].search(text, start + 1)
        if closing is None:
            return found
        end = closing.end()
        inside = text[start:end]
        if (
            len(inside) <= LONGEST_QUOTE
            and _SENTENCE_BREAK.search(inside)
            and not _TURN.search(inside, 1)
        ):
            found.append((start, end))
        at = end
    return found


def _attribution(text: str, start: int, end: int) -> str:
    """The words after or before a quote that say who said it, or ""."""
    if text[end - 2 : end - 1] in ",!?":  # '...guarantees," he said.'
        tail = text[end : end + 120]
        for stop in _SENTENCE_END.finditer(tail):
            said = tail[: stop.end()]
            # '," Mr. Putin said.': an abbreviation's point ends no sentence.
            if not ABBREVIATION_END.search(said):
                said = said.lstrip(" ,")
                return said if 3 <= len(said) <= 80 and not _MARKS.search(said) else ""
        return ""
    head = text[max(0, start - 80) : start]
    before = _BEFORE.search(head)
    return before["said"].strip() if before else ""


def _without(span: tuple[int, int, str], start: int, end: int) -> list[tuple[int, int, str]]:
    """A span less the part from `start` to `end`."""
    s, e, said = span
    if e <= start or s >= end:
        return [span]
    return [piece for piece in ((s, start, said), (end, e, said)) if piece[0] < piece[1]]
