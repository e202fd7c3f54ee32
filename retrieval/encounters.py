"""Meetings and calls a question takes for granted, and whether a sentence reports one."""

from __future__ import annotations

import re
from dataclasses import dataclass

from retrieval.names import Name, mentions, question_names

# A meeting or call the question speaks of as having happened: "when they met in Geneva", "the
# Trump–Putin summit", "their phone call", "the Berlin meeting between ...".
_ASKED = re.compile(
    r"\b(?:met|meetings?|summit|talked|spoke|face[- ]to[- ]face"
    r"|(?:phone|telephone|video)\s+(?:call|conversation)|(?<=their )call)\b",
    re.IGNORECASE,
)
# Asked of as a possibility, not taken for granted: "did he say whether they met".
_UNCERTAIN_BEFORE = re.compile(
    r"\b(?:if|whether|will|would|could|might|plan\w*)\s+(?:\S+\s+){0,3}$", re.I
)
# What may stand between the names meeting and the meeting: "Normandy Four advisers' meeting",
# "the 2022 Madrid summit".
_FILLER = re.compile(r"^(?:\W+|\s+(?:[\w'’-]+\s+){0,2})$")
_JOINED = re.compile(r"^\s*(?:,|,?\s*and|&|/|-|–|—)\s*$", re.IGNORECASE)
_THEY = re.compile(r"\b(?:they|their|each other)\b\W+(?:\w+\W+){0,3}$", re.IGNORECASE)
# After the meeting word, who it was with: "meeting between Zelenskiy and Witkoff", "met
# Zelensky", "call with Macron"; it ends where where or when it was begins.
_WITH_END = re.compile(
    r"\b(?:in|at|on|near|during|after|before|when|while|over|about|to|for|and\s+(?:what|how))\b"
    r"|[?;:.]|\s[-–—]\s",
    re.IGNORECASE,
)
_PLACE_PREPOSITION = re.compile(r"\b(?:in|at|near)\s+(?:the\s+)?$", re.IGNORECASE)

# A sentence reporting a meeting or call that took place.
_REPORTED = re.compile(
    r"\b(?:met|meet|meets|meeting|summit|talks|talked|spoke|conversations?|call|visit(?:ed)?"
    r"|hosted|received|welcomed|negotiations)\b",
    re.IGNORECASE,
)
# A title that is the record of a meeting or call: "Meeting with Prime Minister of Pakistan".
# ("call for" is a demand, not a call.)
_RECORD = re.compile(
    r"\b(?:met|meets|meeting|summit|conversations?|(?:phone|telephone|video) call|call with"
    r"|visit)\b",
    re.IGNORECASE,
)
# Words that make it a meeting hoped for, planned or refused, not one held.
# ("may" only in lower case: "in May" is when it was.)
_UNREAL = re.compile(
    r"\b(?:would|could|might|may|will|shall|possible|possibility|potential|proposed|propose"
    r"|mooted|floated|planned|plans?|prepared|ready|willing|hopes?|hoped|wants?|wanted"
    r"|expect\w*|invit\w*|offer\w*|refus\w*|ruled out|rejected|no|not|never|future|prospect"
    r"|if|whether|until|yet|agree to|If|No|Not|Never|Until|Would|Could|Will)\b"
)


@dataclass(frozen=True)
class Encounter:
    """A meeting or call a question asks about: who met, and where."""

    between: tuple[Name, ...]
    places: tuple[Name, ...]


def asked_encounter(question: str) -> Encounter | None:
    """The meeting or call the question takes for granted, or None."""
    names = question_names(question)
    for m in _ASKED.finditer(question):
        if _UNCERTAIN_BEFORE.search(question[: m.start()]):
            continue
        between = [
            *_run_before(question, names, m.start()),
            *_named_after(question, names, m.end()),
        ]
        if _THEY.search(question[: m.start()]) and len(between) < 2:
            between = [*_opening_run(question, names, m.start()), *between]
        places = _places_after(question, names, m.end())
        between = [n for n in dict.fromkeys(_each(between)) if n not in places]
        if between:
            return Encounter(tuple(between), tuple(places))
    return None


def reports(sentence: str, title: str, passage: str, encounter: Encounter) -> bool:
    """Whether the sentence reports the meeting as held, naming two who met (or the one
    named), or its title is the meeting's record ("Telephone conversation with Joseph Biden");
    and its passage names where, and all who met but, for a record, its author."""
    named = sum(mentions(f"{title} {sentence}", n) for n in encounter.between)
    in_sentence = named >= min(2, len(encounter.between)) and _held(sentence, _REPORTED)
    in_title = _held(title, _RECORD) and any(mentions(title, n) for n in encounter.between)
    if not (in_sentence or in_title):
        return False
    text = f"{title} {passage}"
    absent = sum(not mentions(text, n) for n in encounter.between)
    # The Kremlin's record of a meeting need not name Putin.
    return absent <= (0 if in_sentence else 1) and all(mentions(text, n) for n in encounter.places)


def _held(text: str, reported: re.Pattern[str]) -> bool:
    return reported.search(text) is not None and _UNREAL.search(text) is None


def _each(names: list[Name]) -> list[Name]:
    """The names, one joined by a hyphen taken as two: "Biden-Putin summit"."""
    out = []
    for name in names:
        parts = re.split(r"[-–—]", name.text)
        if len(parts) > 1 and all(p[:1].isupper() for p in parts):
            out += [Name(p, (p,), name.start + name.text.index(p)) for p in parts]
        else:
            out.append(name)
    return out


def _run_before(question: str, names: list[Name], at: int) -> list[Name]:
    """The names written together just before `at`: "the Trump–Putin summit"."""
    run: list[Name] = []
    end = at
    for name in reversed([n for n in names if n.start < at]):
        gap = question[name.start + len(name.text) : end]
        if not (_JOINED.match(gap) if run else _FILLER.match(gap)):
            break
        run.insert(0, name)
        end = name.start
    return run


def _named_after(question: str, names: list[Name], at: int) -> list[Name]:
    """The names right after the meeting word, up to where or when it was."""
    stop = _WITH_END.search(question, at)
    end = stop.start() if stop else len(question)
    return [n for n in names if at <= n.start < end]


def _opening_run(question: str, names: list[Name], at: int) -> list[Name]:
    """Who "they" are: the names before `at`, all of them when no two are written together."""
    before = [n for n in names if n.start < at]
    for i, first in enumerate(before):
        run = [first]
        for name in before[i + 1 :]:
            gap = question[run[-1].start + len(run[-1].text) : name.start]
            if not _JOINED.match(gap):
                break
            run.append(name)
        if len(run) > 1:
            return run
    return before


def _places_after(question: str, names: list[Name], at: int) -> list[Name]:
    """The names given as where it was: "met face to face in Geneva", "at the Kremlin"."""
    places = []
    for name in names:
        if name.start >= at and _PLACE_PREPOSITION.search(question[at : name.start]):
            places.append(name)
    return places[:1]
