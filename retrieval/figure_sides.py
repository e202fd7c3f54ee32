"""Figures a question sets against each other ("Germany's share vs France's", "2025 vs 2024"),
and whether a sentence gives one side's."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from retrieval.names import Name, country_words, owned_names
from retrieval.periods import Period, bare_periods, periods_at, question_periods
from retrieval.quantities import quantity_clause

# Where one side's figure is set against another's.
_AGAINST = re.compile(
    r"\s+(?:vs\.?|versus|compared\s+(?:with|to)|compares?\s+(?:with|to))\s+", re.IGNORECASE
)
# Words naming a figure without asking "how many": "the real 2024 number", "turnout" (a share
# as a noun, not "what did the US share with Kyiv"; a total as one, not "total war").
_FIGURE = re.compile(
    # (A poll's findings are shares: "how did its January poll compare with May's".)
    r"\b(?:numbers?|figures?|estimates?|counts?|totals\b|turnout|toll|tally|spending|polls?|polling"
    r"|percent(?:age)?|up or down)\b|%|\b(?:the|in|a) total\b"
    r"|\b(?:in|the|its|their)\s+(?:value|amount|size)\b"
    r"|\b(?:what|the|a|its|their|his|her)\s+share\b|\bshares? of\b|['’]s\s+(?:\w+\s+)?shares?\b",
    re.IGNORECASE,
)
# Aid, pledges and contributions set side by side are sums too ("how do Italy's and Spain's
# military aid contributions compare"), though whose aid it is ("what share of Ukraine's aid
# came from the US vs the UK") makes no side; owned, as "X vs Y on Ukraine aid" asks positions.
_SUMS = re.compile(
    r"['’]s\s+(?:[\w-]+\s+){0,2}(?:aid|funding|assistance|contributions?|pledges?)\b",
    re.IGNORECASE,
)
# Words asking what a side said, not what its figure was: "what did Zelensky say about the
# death toll vs Putin" compares what they said.
_STANCE = re.compile(
    r"\b(?:say|says|said|react\w*|respon\w*|think|want\w*|demand\w*|propos\w*|stance"
    r"|position|view)\b",
    re.IGNORECASE,
)
_INITIALS = re.compile(r"[A-Z]{2,5}")
_BEFORE_DATE = re.compile(r"^(?:in|on|at|by|during|throughout|from|since|until)\s+", re.IGNORECASE)
# A question word or a break between a figure and a stance word: the stance is asked.
_ASKED_BETWEEN = re.compile(
    r"[,;:?]|\b(?:what|how|who|did|does|do|was|were|is|are)\b", re.IGNORECASE
)
# Another part of the question, asked beside the comparison: "..., and why did Trudeau refuse".
_ALSO_ASKS = re.compile(
    r"(?:,\s*|\s)and\s+(?:how|what|which|who|whom|why|when|where|did|does|do|is|are|was|were)\b",
    re.IGNORECASE,
)
# Two sides joined by "and" before "compare": "how do Germany's BND and the CIA compare in
# their estimates".
_JOINED_COMPARE = re.compile(
    r"\bhow\s+(?:do|does|did|would)\s+[^?;]+?(?P<and>\s+and\s+)[^?;]+?\s+compare\b",
    re.IGNORECASE,
)
# Where the comparison's sentence ends: the sides are asked within it.
_PART_BREAK = re.compile(r"[;?!]|:(?=\s|$)|\s[-–—]\s|,\s*(?:and|but)\s", re.IGNORECASE)


@dataclass(frozen=True)
class FigureComparison:
    """The sides whose figures a question sets against each other, and whether the comparison
    is all it asks."""

    sides: tuple[FigureSide, ...]
    alone: bool


@dataclass(frozen=True)
class FigureSide:
    """One side whose figure is asked: a name ("France") or a period ("2025")."""

    text: str  # as the question writes it, without a preposition: "2025", "France"
    name: Name | None = None
    period: Period | None = None


def figure_comparison(question: str) -> FigureComparison | None:
    """The figures the question sets against each other, or None."""
    sides = figure_sides(question)
    if not sides:
        return None
    return FigureComparison(tuple(sides), _ALSO_ASKS.search(question) is None)


def figure_sides(question: str) -> list[FigureSide]:
    """The sides whose figures the question sets against each other, or [] when it sets none:
    the last side written before each "vs" and the first after it, of the same kind (names
    against names, periods against periods)."""
    counts = bool(quantity_clause(question))
    figure = _FIGURE.search(question) or _SUMS.search(question)
    stance = _STANCE.search(question)
    # (A stance told of the figure, in its own words, is no stance asked: "the number of
    # soldiers Zelenskyy said were killed"; not "on the figures, what did Zelensky say".)
    told_of = (
        figure is not None
        and stance is not None
        and figure.start() < stance.start()
        and not _ASKED_BETWEEN.search(question, figure.end(), stance.start())
    )
    if not (counts or figure) or (not counts and stance and not told_of):
        return []
    # "vs." is no sentence's end: the name after it is a side.
    question = re.sub(r"\b(vs)\.", r"\1 ", question, flags=re.IGNORECASE)
    # "How do Germany's BND and the CIA compare in their estimates ...": the "and" before
    # "compare" sets one side against the other (written as long as it was, so that where
    # each name stands holds).
    joined = _JOINED_COMPARE.search(question)
    if joined and not _AGAINST.search(question):
        question = f"{question[: joined.start('and')]} vs {question[joined.end('and') :]}"
    part = next((p for p in _parts(question) if _AGAINST.search(question, *p)), None)
    if part is None:
        return []
    cuts = list(_AGAINST.finditer(question, *part))
    bounds = [part[0], *(x for m in cuts for x in m.span()), part[1]]
    segments = [(bounds[i], bounds[i + 1]) for i in range(0, len(bounds), 2)]
    items = _items(question)
    firsts = [_first(items, lo, hi) for lo, hi in segments[1:]]
    if any(f is None for f in firsts):
        return []  # "the real number vs the official one": no side named after it
    sides = [f for f in firsts if f is not None]
    lo, hi = segments[0]
    last = _last(question, items, lo, hi, like=sides[0])
    if last is None:
        return []
    found = [last, *sides]
    return found if len({_key(s) for s in found}) == len(found) else []


def _key(side: FigureSide) -> object:
    """What tells sides apart: "in 2021" and "the official 2021 number" are one year."""
    p = side.period
    return (p.year, p.start, p.end, p.through) if p else side.text.lower()


def _parts(question: str) -> list[tuple[int, int]]:
    start, out = 0, []
    for m in [*_PART_BREAK.finditer(question), None]:
        end = m.start() if m else len(question)
        out.append((start, end))
        start = m.end() if m else end
    return out


def _items(question: str) -> list[tuple[int, FigureSide, bool]]:
    """The question's names and periods, where each stands and whether it is written as an
    owner ("France's")."""
    found = periods_at(question)
    taken = [(start, end) for start, end, _ in found]
    items: list[tuple[int, FigureSide, bool]] = [
        (start, FigureSide(_BEFORE_DATE.sub("", p.text), period=p), False) for start, _, p in found
    ]
    for _, n in owned_names(question):
        end = n.start + len(n.text)
        if any(s <= n.start < e for s, e in taken):
            continue  # "June" of "June 2022" is the period's
        owner = re.match(r"['’]s?\b", question[end:]) is not None
        items.append((n.start, FigureSide(n.text, name=n), owner))
        taken.append((n.start, end))
    # A year or a month written alone ("UK aid 2025 vs 2024"), after the names: "Mar-a-Lago"
    # is no March.
    for start, end, p in bare_periods(question):
        if any(s <= start < e for s, e in taken):
            continue
        taken.append((start, end))
        items.append((start, FigureSide(p.text, period=p), False))
    return sorted(items, key=lambda x: x[0])


def _first(items: list[tuple[int, FigureSide, bool]], lo: int, hi: int) -> FigureSide | None:
    return next((side for at, side, _ in items if lo <= at < hi), None)


def _last(
    question: str,
    items: list[tuple[int, FigureSide, bool]],
    lo: int,
    hi: int,
    like: FigureSide,
) -> FigureSide | None:
    """The last side before the cut of the kind of the one after it: the owner of a figure
    ("Hungary's share of Ukraine's imports"), or against an owner ("... compare with
    France's"), the last owner ("Germany's share of ...")."""
    kind = [(at, side, owner) for at, side, owner in items if lo <= at < hi]
    kind = [x for x in kind if (x[1].period is None) == (like.period is None)]
    # The owner of the very figure set against the other is that side, whoever else is
    # named: "CSIS's estimate of Russian soldiers killed ... compare with the Guardian's".
    figure_owners = [x for x in kind if x[2] and _owns_figure(question, x[1])]
    if figure_owners:
        return figure_owners[0][1]  # the phrase's head: "CSIS's estimate of Russia's toll"
    # A country against a country, anyone else against anyone else: "how much did Queen
    # Elizabeth give Ukraine compared with Brigitte Macron's donation" sets no Ukraine against
    # her (unless no one else is named: "Russia vs NATO").
    kind = [x for x in kind if _a_country(x[1]) == _a_country(like)] or kind
    after_owner = any(
        owner and side.text == like.text for _, side, owner in items if side.name is not None
    )
    owners = [x for x in kind if x[2]]
    chosen = owners if after_owner and owners else kind
    return chosen[-1][1] if chosen else None


def _owns_figure(question: str, side: FigureSide) -> bool:
    """Whether the side, written as an owner, owns a word naming a figure ("Hungary's share")."""
    assert side.name is not None
    after = question[side.name.start + len(side.name.text) :]
    m = re.match(r"['’]s?\s+((?:[\w-]+\s+){0,2}[\w-]+)", after)
    return m is not None and _FIGURE.search(f"the {m.group(1)}") is not None


def _a_country(side: FigureSide) -> bool:
    """Whether the side is a country (or a body named by its initials: "the US", "the EU")."""
    return side.name is not None and (
        side.text.lower() in country_words() or bool(_INITIALS.fullmatch(side.text))
    )


def stated(period: Period, text: str) -> bool:
    """Whether the text names the period, a year by stating it: a sentence stating no year
    gives no year's figure."""
    whole_year = (period.start, period.end) == ((1, 1), (12, 31)) and not period.through
    return period.mentioned_in(text) and (not whole_year or str(period.year) in text)


def side_queries(question: str, sides: Sequence[FigureSide]) -> list[str]:
    """A search of its own for each side whose figure the question asks: the side's name with
    what is asked of every side ("Klitschko how many people have left Kyiv this winter"), as a
    passage giving one side's figure seldom names the other."""
    topic = _AGAINST.sub(" ", question)
    for side in sides:
        written = rf"\b{re.escape(side.text)}(?:['’]s)?(?!\w)"  # not "UK" of "Ukraine"
        topic = re.sub(written, " ", topic, flags=re.IGNORECASE)
    topic = " ".join(topic.split())
    return [f"{side.text} {topic}" for side in sides]


def dates_itself(text: str) -> bool:
    """Whether the text names a date or a year of its own."""
    return any(p.year for _, _, p in bare_periods(text)) or bool(question_periods(text))
