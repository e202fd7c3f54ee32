"""The dates and periods a question names ("on 21 April 2022", "feb 12", "early March 2026")."""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass, replace
from datetime import MAXYEAR, MINYEAR, date, timedelta
from functools import partial

from retrieval.keyword import keyword_tokens
from retrieval.names import CALENDAR

_MONTHS = {
    name: n
    for n in range(1, 13)
    for name in (calendar.month_name[n].lower(), calendar.month_abbr[n].lower())
}
_MONTHS["sept"] = 9
_MONTH = r"(?P<{}>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<{}>[0-3]?\d)(?:st|nd|rd|th)?"
_DAYS = _DAY.format("d1") + r"(?:\s*[-–—/]\s*" + _DAY.format("d2") + ")?"
# Two days as the ends of a stretch: "between 11 and 15", "from 3 to 9" (not "on 1 and 9 May":
# two days).
_OPENED = r"(?:(?<=\bbetween )|(?<=\bfrom ))"
_UNTIL = r"\s+(?:and|to|until|till|through)\s+"
_DAYS_BETWEEN = _OPENED + _DAY.format("d1") + _UNTIL + _DAY.format("d2")
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_PART = r"(?:(?P<part>early|mid|late|end of|beginning of|start of)[\s-]+)?"
_WHOLE = r"(?:the\s+)?(?:(?:full|whole|entire)[\s-]+(?:calendar\s+)?year(?:\s+of)?|whole\s+of)\s+"
_SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11)}
_SEASON_WORDS = frozenset([*_SEASONS, "winter"])
# Reports of a day appear for a while after it: a document up to this many days later counts.
REPORTING_DAYS = 7
# The word before "june 22" that may make it a month of a year: "in june 22", "during may 22".
_MONTH_OF_YEAR = re.compile(r"\b(?:in|during|throughout)\s+$", re.IGNORECASE)
# The word putting a day in its place: "on 1 February", "of 3 January".
_DATE_PREPOSITIONS = r"(?:on|in|at|of|from|since|during|by|until)"
_DAY_LEAD = re.compile(rf"\b{_DATE_PREPOSITIONS}\s*$", re.IGNORECASE)
# "since late 2023" is where a stretch up to now starts, not the period the sources are from.
_SINCE = re.compile(r"\bsince\s+(?:the\s+)?$", re.IGNORECASE)

# A year a text states, and one marking a point before what it tells ("since a 2023
# counteroffensive"), which dates nothing told.
_YEAR_STATED = re.compile(r"\b(?:19|20)\d\d\b")
_SINCE_A_YEAR = re.compile(
    r"\b(?:since|after|before)\s+(?:(?:a|an|the|its|his|her|their)\s+)?(?:19|20)\d\d\b"
)
# The ends of a stretch: "between February and March 2026", "from February 2022 to March
# 2026" (not "from 2022 and 2023", nor what changed "from January 2025 to January 2026": each
# end asked of its own).
_STRETCH_FROM = re.compile(r"\b(?P<word>between|from)\s+(?:the\s+)?$", re.IGNORECASE)
_STRETCH_TO = {
    "between": re.compile(r"\s+and\s+(?:the\s+)?", re.IGNORECASE),
    "from": re.compile(r"\s*(?:to|until|till|through|-|–|—)\s*(?:the\s+)?", re.IGNORECASE),
}
_CHANGED = re.compile(
    r"\b(?:chang|rise|rose|risen|fall|fell|fallen|grow|grew|grown|increas|decreas|drop|declin"
    r"|climb|shr[iau]nk|jump|went|go|gone|move|shift)\w*\s+(?:[\w'’-]+\s+){0,3}?from\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_IN = re.compile(r"in\s", re.IGNORECASE)
_OR = r"\s*(?:/|-|–|or|to|and)\s*"
# What happens on days: a year before one of these words dates it. (Not an election, an
# invasion or an offensive: as often what is asked about, "before the 2022 invasion", or yet to
# come, "the 2028 election".)
_OCCASIONS = (
    r"(?:summits?|conferences?|talks|meetings?|rounds?|speech|address|visit|trip|forum|congress"
    r"|parade|interview|negotiations)"
)
# Words making the occasion a topic or a point of time, not when: "about the 2014 talks",
# "before the 2022 summit".
_TOPIC_OR_POINT = re.compile(
    r"\b(?:about|on|over|regarding|concerning|before|after|ahead\s+of|prior\s+to|until|till"
    r"|since|following)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
_SEASON = r"(?P<{}>spring|summer|autumn|fall|winter)"
# the 2023 Munich Security Conference, their 2019 meeting: an occasion of that year (not "the
# 2026 budget", "the 2014 borders": a plan, a line)
_OCCASION_YEAR = re.compile(
    rf"(?:(?<=\bthe )|(?<=\bhis )|(?<=\bher )|(?<=\btheir )|(?<=\bits )|(?<=['’]s )){_YEAR}"
    rf"(?=\s+(?:[\w-]+\s+){{0,3}}?{_OCCASIONS}\b)",
    re.I,
)
_PATTERNS = [
    # 30 November - 6 December 2026, nov 30 to dec 6: a stretch across a month's end
    re.compile(
        rf"\b{_DAY.format('d1')}\s+{_MONTH.format('first')}(?:,?\s+(?P<first_year>(?:19|20)\d\d))?"
        rf"\s*(?:-|–|—|to|until)\s*"
        rf"{_DAY.format('d2')}\s+{_MONTH.format('month')}(?:,?\s+{_YEAR})?\b",
        re.I,
    ),
    re.compile(
        rf"\b{_MONTH.format('first')}\s+{_DAY.format('d1')}\s*(?:-|–|—|to|until)\s*"
        rf"{_MONTH.format('month')}\s+{_DAY.format('d2')}\b(?:,?\s+{_YEAR})?\b",
        re.I,
    ),
    # between 11 and 15 February 2026, from February 11 to 15
    re.compile(rf"{_DAYS_BETWEEN}\s+(?:of\s+)?{_MONTH.format('month')}(?:,?\s+{_YEAR})?\b", re.I),
    re.compile(
        rf"{_OPENED}{_MONTH.format('month')}\s+{_DAY.format('d1')}{_UNTIL}{_DAY.format('d2')}\b"
        rf"(?:,?\s+{_YEAR})?\b",
        re.I,
    ),
    # march or april 2022, spring/summer 2026: one period from the first to the last
    re.compile(rf"\b{_MONTH.format('first')}{_OR}{_MONTH.format('month')},?\s+{_YEAR}\b", re.I),
    re.compile(
        rf"\b{_SEASON.format('first_season')}{_OR}{_SEASON.format('season')}\s+(?:of\s+)?{_YEAR}\b",
        re.I,
    ),
    # 23-24 January 2026, 21 April 2022, 7 april
    re.compile(rf"\b{_DAYS}\s+(?:of\s+)?{_MONTH.format('month')}(?:,?\s+{_YEAR})?\b", re.I),
    # june '22, march ’26: a month of a two-digit year (without the apostrophe, "in june 22"
    # is that day too, and "on june 22" only the day: see _period)
    re.compile(
        rf"\b{_PART}{_MONTH.format('month')}\s+['’](?P<yy>[12]\d)\b"
        rf"(?!\s*(?:%|percent|per cent|bn|m\b|[-–/:,]?\s*\d|st\b|nd\b|rd\b|th\b))",
        re.I,
    ),
    # January 23-24, 2026; feb 24 2022; feb 12
    re.compile(
        rf"\b{_MONTH.format('month')}\s+{_DAYS}\b(?!\s*(?:%|percent|per cent|bn|m\b))"
        rf"(?:,?\s+{_YEAR})?\b",
        re.I,
    ),
    # early March 2026, February 2026, (june 2022)
    re.compile(rf"\b{_PART}{_MONTH.format('month')},?\s+{_YEAR}\b", re.I),
    # spring 2022
    re.compile(
        rf"\b{_PART}(?P<season>spring|summer|autumn|fall|winter)\s+(?:of\s+)?{_YEAR}\b", re.I
    ),
    # from 2010 to 2021, between 2022 and 2025: years as the ends of a stretch
    re.compile(
        rf"{_OPENED}(?P<from_year>(?:19|20)\d\d)"
        rf"\s*(?:and|to|until|through|-|–)\s*{_YEAR}\b",
        re.I,
    ),
    # in 2024 ("by 2026" and "since 2023" are a deadline and a start, not a period), "over
    # the full year 2025", "for the whole of 2025"
    re.compile(rf"\b(?:in|during|throughout)\s+{_YEAR}\b(?![-–/]\d)", re.I),
    re.compile(rf"\b(?:in|during|throughout|over|for)\s+{_WHOLE}{_YEAR}\b(?![-–/]\d)", re.I),
    _OCCASION_YEAR,
    # late 2025, early 2022: a third of the year
    re.compile(rf"\b(?P<part>early|mid|late|end of|beginning of|start of)[\s-]+{_YEAR}\b", re.I),
]
# "in march", "during mid feb": a month asked without its year, that month of any year (not
# one a day or a year follows: read above).
_MONTH_ALONE = re.compile(
    r"(?:(?<=\bin )|(?<=\bduring )|(?<=\bthroughout ))"
    rf"{_PART}{_MONTH.format('month')}(?![\w'’-])(?!\s*[-–/,]?\s*\d)"
    # (Not "in Mar-a-Lago", "in march on Kyiv"; nor one whose year follows in words: "in
    # March of 2025", "in March last year".)
    r"(?!\s+(?:on|to|from|through|against)\b|\s+of\s+(?:19|20)\d\d|\s+(?:last|this|next)\s+year)",
    re.I,
)


# A sentence telling what happened "that night" or "that day": which day is named before it.
THAT_DAY = re.compile(
    r"\b(?:that|the same) (?:night|day|morning|afternoon|evening)\b", re.IGNORECASE
)
# A year or a month written alone ("UK aid 2025 vs 2024", "after the February round"): no date
# a question asks about by itself, but a side a comparison sets against another. (Not "may":
# a verb far more often.)
_BARE = re.compile(
    r"\b(?:(?P<year>(?:19|20)\d\d)|(?P<month>"
    + "|".join(sorted((m for m in _MONTHS if m != "may"), key=len, reverse=True))
    + r"))\b",
    re.IGNORECASE,
)
# A time told by one named before it, as "that night" is, and by the week or the month:
# "On December 14 ... Then, later in the month, Witkoff hosted talks in Miami."
THAT_TIME = re.compile(
    rf"{THAT_DAY.pattern}|\b(?:(?:later|earlier) in the|that|the same|the following|the next)"
    r" (?:week|month)\b|\bthe (?:following|next) day\b"
    # "... in Istanbul towards the end of the month": of the month just named.
    # (Not "by the end of the month": a deadline, mostly of the month written in.)
    r"|\btowards? the (?:end|start|beginning|middle) of the (?:week|month)\b"
    # A sentence opening on what came just before it: "Following this, US negotiators
    # claimed ..." is dated by the meeting its document has just told of (not "Following this
    # logic, ...").
    r"|(?:^|(?<=[.!?]\s))\W*(?:(?:following|after) (?:this|that)|afterwards|subsequently"
    r"|thereafter)\s*,",
    re.IGNORECASE,
)

# Dates' words as search terms: months, days of the week, "today", ...
CALENDAR_TERMS = frozenset(keyword_tokens(" ".join(CALENDAR)))


def states_a_year(text: str) -> bool:
    """Whether the text writes a year other than as a start ("in 2025"; not "since 2023")."""
    return bool(_stated_years(text.lower()))


def _stated_years(lowered: str) -> list[str]:
    """The years a lower-cased text writes, but for those marking a point before what it tells
    ("their fastest advance since a 2023 counteroffensive")."""
    return _YEAR_STATED.findall(_SINCE_A_YEAR.sub(" ", lowered))


def tells_part_of(sentence: str, year: int) -> bool:
    """Whether the sentence tells of part of the year only, or of a stretch over several
    years holding it, and not of the year itself: "163bn in the first three quarters of 2025",
    "1.2 million casualties between February 2022 and December 2025"."""
    told = [p for p in told_periods(sentence) if p.year <= year <= (p.through or p.year)]
    if any(not p.through and (p.start, p.end) == ((1, 1), (12, 31)) for p in told):
        return False
    # (Months of it, "January-September 2025"; not one day or month, which may date the
    # report: "On 30 December 2025 it put this year's losses at 420,000".)
    months = any(not p.through and p.start[0] != p.end[0] for p in told)
    return (
        months
        or any(p.through for p in told)
        or any(m.group("year") == str(year) for m in _PART_OF_A_YEAR.finditer(sentence))
    )


def relative_years(text: str, day: date) -> set[int]:
    """The years the text names relative to the day it was written ("last year" in 2026 is
    2025)."""
    return {day.year + _YEARS_AWAY[m.group(1)] for m in _RELATIVE_YEAR.finditer(text.lower())}


_A_YEAR_ASKED = re.compile(r"(?:in|during|throughout|for|over)\s", re.IGNORECASE)
# Part of a year: "in the first three quarters of 2025", "the first half of 2024", "in the
# first nine months of the year".
_PART_OF_A_YEAR = re.compile(
    r"\b(?:first|second|third|last|final|past)\s+(?:(?:two|three|four|five|six|seven|eight|nine"
    r"|ten|eleven|\d{1,2})\s+)?(?:half|quarters?|months|weeks)\s+of\s+(?:the\s+year\s+)?"
    r"(?P<year>(?:19|20)\d\d)?",
    re.IGNORECASE,
)
_RELATIVE_YEAR = re.compile(r"\b(this|last|next|previous|past|coming) year\b")
_YEARS_AWAY = {"this": 0, "last": -1, "previous": -1, "past": -1, "next": 1, "coming": 1}


def source_day(iso: str) -> date | None:
    """The day of a source dated `iso` ("2022-05-09T10:00:00Z"), or None when undated."""
    try:
        return date.fromisoformat(iso[:10])
    except ValueError:
        return None


@dataclass(frozen=True)
class Period:
    """A stretch of calendar days; `year` is 0 when the question gave no year ("feb 12")."""

    text: str  # as the question wrote it
    year: int
    start: tuple[int, int]  # (month, day)
    end: tuple[int, int]  # (month, day), inclusive; may lie in the next year for winters
    # Another reading of the same words, either being meant: "in june 22" is June 22nd or
    # June 2022, as people type.
    also: Period | None = None
    # The year it ends in, for a stretch over years ("from February 2022 to December 2025");
    # 0 for one ending in its own year or, as winters do, the next.
    through: int = 0

    def spans(self, years: range) -> list[tuple[date, date]]:
        """The concrete date ranges it may mean: one, or one per candidate year, and those of
        its other reading."""
        out = []
        for year in [self.year] if self.year else list(years):
            first = _clamped(year, *self.start)
            last_year = self.through or (year + 1 if self.end < self.start else year)
            last = _clamped(last_year, *self.end)
            out.append((first, last))
        return out + self.also.spans(years) if self.also else out

    def reported(self, years: range) -> list[tuple[date, date]]:
        """The date ranges of documents that report the period: its spans, and a week after."""
        return [(a, b + timedelta(days=REPORTING_DAYS)) for a, b in self.spans(years)]

    def holds(self, iso: str, years: range) -> bool:
        """Whether a document dated `iso` falls in the period (or reports it within a week)."""
        day = source_day(iso)
        if day is None:
            return False
        return any(first <= day <= last for first, last in self.reported(years))

    def after(self, iso: str, years: range) -> bool:
        """Whether the period starts only after a document dated `iso`: such a document can
        tell of plans for it, not of what happened then."""
        day = source_day(iso)
        if day is None:
            return False
        spans = self.spans(years)
        if not self.year and spans:
            # A document naming "February 12" without a year means the one nearest its own
            # date: written on 7 February 2026, it tells of plans, whatever 2022's was.
            near = range(max(day.year - 1, MINYEAR), min(day.year + 1, MAXYEAR - 1) + 1)
            spans = [min(self.spans(near), key=partial(_gap, day))]
        return bool(spans) and all(day < first for first, _ in spans)

    def overlaps(self, other: Period, years: range) -> bool:
        """Whether the two periods may share a day."""
        return any(
            first <= other_last and other_first <= last
            for first, last in self.spans(years)
            for other_first, other_last in other.spans(years)
        )

    def whole_year(self) -> bool:
        """Whether the period is one calendar year asked alone ("in 2024"; not the year of an
        occasion: "the 2023 Vilnius summit")."""
        return (
            bool(self.year)
            and not self.through
            and (self.start, self.end) == ((1, 1), (12, 31))
            and _A_YEAR_ASKED.match(self.text) is not None
        )

    def mentioned_in(self, text: str) -> bool:
        """Whether a text names the period (its month or season, and its year if the text
        states one), or its other reading."""
        if self.also and self.also.mentioned_in(text):
            return True
        lowered = text.lower()
        # A year the text states must be the period's; a text that states none ("Putin's
        # June 14 speech") may mean it, whatever its (often wrong) crawl date says.
        stated = _stated_years(lowered)
        if self.through:
            # Over years, it is named by any of them.
            return any(self.year <= int(y) <= self.through for y in stated)
        if self.year and stated and str(self.year) not in stated:
            return False
        if self.start == (1, 1) and self.end == (12, 31):
            return True
        if self.days():
            # A day is named by its number beside its month: "on December 2", "2 Dec".
            return any(
                re.search(rf"\b{d}(?:st|nd|rd|th)?\s+(?:of\s+)?{m}|\b{m}\.?\s+{d}(?!\d)", lowered)
                for month, d in self.days()
                for m in (calendar.month_name[month].lower(), calendar.month_abbr[month].lower())
            )
        months = _months(self.start[0], self.end[0])
        words = [rf"\b{calendar.month_name[m].lower()}\b" for m in months]
        seasons = [w for w in re.findall(r"[a-z]+", self.text.lower()) if w in _SEASON_WORDS]
        words += [rf"\b{w}\b" for w in seasons]
        # A month's short name only with a day or year after it ("Feb. 14, 2026", "Sep 2025"):
        # alone, "mar" is Mar-a-Lago's and "jan" a name.
        short = [calendar.month_abbr[m].lower() + ("t?" if m == 9 else "") for m in months]
        words += [rf"\b{w}(?=\.?\s+\d)" for w in short]  # "Sept. 14" too
        return any(
            self._within(_day_beside(lowered, m.start(), m.end()))
            for w in words
            for m in re.finditer(w, lowered)
        )

    def _within(self, day: int | None) -> bool:
        """Whether a month named with `day` beside it (None: no day) may be in the period: a
        part of a month ("mid April") is not named by another part's day ("April 26")."""
        if day is None or self.start[0] != self.end[0]:
            return True
        return self.start[1] <= day <= self.end[1]

    def days(self) -> list[tuple[int, int]]:
        """The (month, day) of each day a period of a week or less holds; [] for longer ones."""
        if self.through:
            return []
        first = date(2024, *self.start)  # a leap year, for February 29th
        last = date(2024 if self.end >= self.start else 2025, *self.end)
        if (last - first).days >= 7:
            return []
        return [
            ((d := first + timedelta(days=i)).month, d.day) for i in range((last - first).days + 1)
        ]


def _gap(day: date, span: tuple[date, date]) -> int:
    """Days from `day` to the span; 0 within it."""
    first, last = span
    return max(0, (first - day).days, (day - last).days)


def _day_beside(text: str, start: int, end: int) -> int | None:
    """The day of the month written beside a month's name at text[start:end] ("April 26", "26
    April", "the 26th of April"), or None."""
    after = re.match(r"\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?![\d,.]\d)\b", text[end:])
    before = re.search(r"\b(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?$", text[:start])
    found = after or before
    return int(found.group(1)) if found else None


def _months(first: int, last: int) -> list[int]:
    """The months from `first` to `last`, across a new year if need be."""
    return [(first - 1 + i) % 12 + 1 for i in range((last - first) % 12 + 1)]


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year or 2024, month)[1]  # a leap year when the year is unknown


def _third(part: str | None) -> int | None:
    """Which third of a period "early", "mid" or "late" (and "beginning of", "end of") mean:
    0, 1 or 2; None for no part."""
    part = (part or "").lower()
    if not part:
        return None
    if part == "mid":
        return 1
    return 2 if part in ("late", "end of") else 0


def _clamped(year: int, month: int, day: int) -> date:
    """The day in that year, or the month's last if the year has no such day (a February
    29th read without a year)."""
    return date(year, month, min(day, _last_day(year, month)))


def _day(value: str | None, year: int, month: int) -> int | None:
    if not value:
        return None
    day = int(value)
    return day if 1 <= day <= _last_day(year, month) else None


def question_periods(question: str, months_alone: bool = False) -> list[Period]:
    """Every date or period the question names, in the order it names them (with a month
    named without its year, "in mid feb", when asked for: one of every year of the sources,
    a premise an answer must meet, but too many to search by)."""
    return [p for _, _, p in periods_at(question, months_alone)]


def without_day(question: str) -> str:
    """The question without the one day it names and the preposition before it ("... when
    Johnson visited Kyiv on 1 February 2022?" -> "... when Johnson visited Kyiv?"); as asked
    when it names no single day, or several dates (they tell its parts apart, as "feb 14-15"
    may the two legs of a trip)."""
    found = periods_at(question)
    if len(found) != 1 or found[0][2].start != found[0][2].end:
        return question
    start, end, _ = found[0]
    head = _DAY_LEAD.sub("", question[:start]).rstrip()
    rest = question[end:].lstrip()
    shorter = f"{head} {rest}".strip() if head else rest.lstrip(" ,;:-–—")
    shorter = re.sub(r"\s+(?=[,?.!])", "", shorter)
    return shorter if re.search(r"\w", shorter) else question


def periods_at(question: str, months_alone: bool = False) -> list[tuple[int, int, Period]]:
    """Every period the question names, with where it is written, in order (and a month
    named without its year, when asked for)."""
    found: list[tuple[int, int, Period]] = []
    since: list[tuple[int, int]] = []  # dates starting a stretch up to now: no periods
    for pattern in [*_PATTERNS, _MONTH_ALONE] if months_alone else _PATTERNS:
        for m in pattern.finditer(question):
            if pattern is _OCCASION_YEAR and _TOPIC_OR_POINT.search(question[: m.start()]):
                continue
            taken = [(start, end) for start, end, _ in found] + since
            if any(m.start() < end and start < m.end() for start, end in taken):
                continue  # already read as part of a longer date
            # (What changed from one year to another asks of each: "how did aid change from
            # 2023 to 2024" is read as no stretch, nor its years alone.)
            if _SINCE.search(question[: m.start()]) or (
                m.groupdict().get("from_year") and _CHANGED.search(question[: m.start()])
            ):
                since.append(m.span())
                continue
            period = _period(m)
            if period is not None:
                found.append((m.start(), m.end(), period))
    return _stretches(question, sorted(found, key=lambda x: x[0]))


def _stretches(
    question: str, found: list[tuple[int, int, Period]]
) -> list[tuple[int, int, Period]]:
    """The periods, those written as the ends of one stretch ("between 11 and 15 February",
    "from February 2022 to March 2026") read as that stretch: a total over four years is no
    figure of either month."""
    kept: list[tuple[int, int, Period]] = []
    i = 0
    while i < len(found):
        start, end, first = found[i]
        opened = _STRETCH_FROM.search(question[:start])
        if opened and i + 1 < len(found) and not _CHANGED.search(question[:start]):
            next_start, next_end, last = found[i + 1]
            joins = _STRETCH_TO[opened["word"].lower()].fullmatch(question[end:next_start])
            # ("between 11 and 15 May and in 2026": the days are a stretch, then a year.)
            stretch = _joined(first, last, question[start:next_end])
            if joins and not _IN.match(last.text) and stretch is not None:
                kept.append((start, next_end, stretch))
                i += 2
                continue
        kept.append(found[i])
        i += 1
    return kept


def _joined(first: Period, last: Period, text: str) -> Period | None:
    """The stretch from the first period to the last, or None if they make none."""
    year = last.year or first.year
    if first.year in (0, year) and last.year in (0, year) and first.start <= last.end:
        return Period(text, year, first.start, last.end)
    if first.year and last.year == first.year + 1 and last.end < first.start:
        return Period(text, first.year, first.start, last.end)  # over a new year, as a winter
    if first.year and last.year > first.year:
        return Period(text, first.year, first.start, last.end, through=last.year)
    return None


def bare_periods(text: str) -> list[tuple[int, int, Period]]:
    """Every year or month the text writes alone, with where it is written (also those inside
    a longer date: the caller skips what it has read already)."""
    found = []
    for m in _BARE.finditer(text):
        if m.group("year"):
            period = Period(m.group(), int(m.group()), (1, 1), (12, 31))
        else:
            month = _MONTHS[m.group().lower()]
            period = Period(m.group(), 0, (month, 1), (month, _last_day(0, month)))
        found.append((m.start(), m.end(), period))
    return found


def years_for(clause: str) -> list[Period]:
    """The years a figure is asked for ("the growth forecast for 2027"): no date of the
    question's, as a target set for a year is set before it, but the year the figure is of."""
    return [
        Period(m.group(), int(m.group(1)), (1, 1), (12, 31)) for m in _FOR_A_YEAR.finditer(clause)
    ]


_FOR_A_YEAR = re.compile(r"\bfor\s+((?:19|20)\d\d)\b(?![-–/]\d)", re.I)


def told_periods(sentence: str) -> list[Period]:
    """The periods a sentence dates what it tells by: its dates, and a month named alone after
    "in" or "during" ("31,680 casualties in January"; not one set against another time: "down
    from 31,680 in January", "last month, against 31,680 in January")."""
    found = periods_at(sentence)
    if _RELATIVE_MONTH.search(sentence):
        return [p for _, _, p in found]
    taken = [(start, end) for start, end, _ in found]
    months = [
        p
        for start, end, p in bare_periods(sentence)
        if not p.year
        and not any(a < end and start < b for a, b in taken)
        and _IN_A_MONTH.search(sentence[:start])
        and not _SET_AGAINST.search(sentence[max(0, start - _AGAINST_REACH) : start])
    ]
    return [p for _, _, p in found] + months


_RELATIVE_MONTH = re.compile(r"\b(?:this|last|next|previous|past) month\b", re.IGNORECASE)
_SET_AGAINST = re.compile(r"\b(?:from|than|compared (?:with|to)|against|versus|vs)\b", re.I)
_AGAINST_REACH = 30  # characters before a month within which it is set against another time
_IN_A_MONTH = re.compile(r"\b(?:in|during|throughout)\s+(?:early\s+|mid-?\s*|late\s+)?$", re.I)


def _period(m: re.Match[str]) -> Period | None:
    groups = m.groupdict()
    text = m.group().strip()
    year = int(groups["year"]) if groups.get("year") else 0
    if groups.get("yy"):
        year = 2000 + int(groups["yy"])
    if groups.get("season"):
        season = groups["season"].lower()
        if season == "winter":  # the winter that starts in December of the year before
            return Period(text, year - 1 if year else 0, (12, 1), (2, _last_day(year, 2)))
        first, last = _SEASONS[season]
        if (groups.get("first_season") or "").lower() == "winter":
            return Period(text, year - 1 if year else 0, (12, 1), (last, _last_day(year, last)))
        if groups.get("first_season"):
            first = _SEASONS[groups["first_season"].lower()][0]
        return Period(text, year, (first, 1), (last, _last_day(year, last)))
    if groups.get("from_year"):
        first_year = int(groups["from_year"])
        return (
            Period(text, first_year, (1, 1), (12, 31), through=year) if year > first_year else None
        )
    third = _third(groups.get("part"))
    if not groups.get("month"):
        if not year:
            return None
        # "late 2025": a third of the year, four months.
        first, last = [(1, 4), (5, 8), (9, 12)][third] if third is not None else (1, 12)
        return Period(text, year, (first, 1), (last, _last_day(year, last)))
    month = _MONTHS[groups["month"].lower().rstrip(".")]
    last = _last_day(year, month)
    if groups.get("first"):
        first = _MONTHS[groups["first"].lower().rstrip(".")]
        if groups.get("d1"):
            # The year written is the end's: "28 December - 3 January 2026" starts in 2025.
            start_year = year - 1 if year and first > month else year
            if groups.get("first_year"):
                start_year = int(groups["first_year"])
                # A Period spans a year at most: it crosses a new year only when it ends
                # before its start's month and day.
                crosses = (first, int(groups["d1"])) > (month, int(groups["d2"]))
                if year - start_year != int(crosses):
                    return None
            d1 = _day(groups["d1"], start_year, first)
            d2 = _day(groups.get("d2"), year, month)
            if d1 is None or d2 is None or (first, d1) == (month, d2):
                return None
            return Period(text, start_year, (first, d1), (month, d2))
        return Period(text, year, (first, 1), (month, last))
    d1 = _day(groups.get("d1"), year, month)
    if groups.get("d1") and d1 is None:
        return None  # "feb 45" is not a date
    if d1 is not None:
        d2 = _day(groups.get("d2"), year, month) or d1
        day = Period(text, year, (month, d1), (month, max(d1, d2)))
        if _MONTH_OF_YEAR.search(m.string[: m.start()]) and re.fullmatch(r"\w+\.?\s+2\d", text):
            # "in june 22": June 22nd, or June 2022 ("on june 22" is the day; "in march 15"
            # no March 2015).
            year_of = 2000 + d1
            month_of = Period(text, year_of, (month, 1), (month, _last_day(year_of, month)))
            return replace(day, also=month_of)
        return day
    if third is not None:
        # "early March": a third of the month.
        start, end = [(1, 10), (11, 20), (21, last)][third]
        return Period(text, year, (month, start), (month, end))
    return Period(text, year, (month, 1), (month, last))


# Days, weeks and months said relative to today ("yesterday", "last week"): read as the dates
# they are on the day asked. "today" and "now" are left alone, as people mean "these days" by
# them as often as the date.
_NUMBERS = {
    w: n
    for n, w in enumerate(re.findall(r"\w+", "one two three four five six seven eight nine ten"), 1)
}
_RELATIVE = re.compile(
    r"\b(?P<prep>(?:on|from|since|until|till|by|before|after|in|during|over)\s+)?(?:the\s+)?"
    r"(?P<when>(?:day\s+before\s+)?yesterday|last\s+night"
    r"|(?P<ago>\d{1,2}|" + "|".join(_NUMBERS) + r")\s+(?P<ago_unit>days?|weeks?)\s+ago"
    r"|(?P<which>this|last|past|previous)\s+(?P<unit>week|month|year)"
    r"|(?:last|past)\s+(?P<count>\d{1,3}|"
    + "|".join(_NUMBERS)
    + r")\s+(?P<units>days|weeks|months))\b",
    re.IGNORECASE,
)
_UNIT_DAYS = {"day": 1, "week": 7, "month": 30, "year": 365}


def _relative_span(which: str, unit: str, today: date, count: int = 1) -> tuple[date, date]:
    """The first and last day that "this week", "last month", "the past year" or "the past 3
    days" (`which` this, last or past; `unit` day, week, month or year) cover on `today`:
    a calendar week (from Monday), month or year, or `count` units back to today."""
    if which == "past":
        return today - timedelta(days=count * _UNIT_DAYS[unit]), today
    if unit == "week":
        monday = today - timedelta(days=today.weekday())
        if which == "this":
            return monday, today
        return monday - timedelta(days=7), monday - timedelta(days=1)
    if unit == "month":
        first = today.replace(day=1)
        if which == "this":
            return first, today
        last = first - timedelta(days=1)
        return last.replace(day=1), last
    if which == "this":
        return today.replace(month=1, day=1), today
    return date(today.year - 1, 1, 1), date(today.year - 1, 12, 31)


@dataclass(frozen=True)
class RelativeDays:
    """Days a text names relative to today: where it names them (with a preposition before,
    if any), the preposition, and the first and last day."""

    start: int
    end: int
    preposition: str  # "since", "in", ... or ""
    first: date
    last: date


def relative_days(text: str, today: date) -> list[RelativeDays]:
    """The days the text names relative to `today` ("yesterday", "3 days ago", "last week",
    "the past month", "in the last 3 days"), in the order it names them."""
    return [_relative_days(m, today) for m in _RELATIVE.finditer(text)]


def _relative_days(m: re.Match[str], today: date) -> RelativeDays:
    when = " ".join(m["when"].lower().split())
    if when in ("yesterday", "last night", "day before yesterday"):
        first = last = today - timedelta(days=2 if when.startswith("day") else 1)
    elif m["ago"]:
        unit = m["ago_unit"].lower().rstrip("s")
        first = last = today - timedelta(days=_count(m["ago"]) * _UNIT_DAYS[unit])
    elif m["count"]:
        first, last = _relative_span("past", m["units"].lower()[:-1], today, _count(m["count"]))
    else:
        which = "last" if m["which"].lower() == "previous" else m["which"].lower()
        first, last = _relative_span(which, m["unit"].lower(), today)
    return RelativeDays(m.start(), m.end(), (m["prep"] or "").strip().lower(), first, last)


def _named(day: date, year: bool = True) -> str:
    return f"{day.day} {calendar.month_name[day.month]}" + (f" {day.year}" if year else "")


def _span_text(first: date, last: date) -> str:
    """Days as `question_periods` reads them: "2025" (after "in"), "November 2026",
    "23-29 November 2026", "30 November - 6 December 2026", "28 December 2025 - 3 January
    2026"."""
    if first == last:
        return _named(first)
    whole_month = first.day == 1 and (last + timedelta(days=1)).day == 1
    if (first.year, first.month) == (last.year, last.month):
        if whole_month:
            return f"{calendar.month_name[first.month]} {first.year}"
        return f"{first.day}-{_named(last)}"
    if (first.month, first.day, last.month, last.day) == (1, 1, 12, 31) and first.year == last.year:
        return str(first.year)
    return f"{_named(first, year=first.year != last.year)} - {_named(last)}"


def absolute_dates(question: str, today: date) -> str:
    """The question with the days it names relative to `today` written as dates: "what did
    Zelensky say yesterday" -> "what did Zelensky say on 2 December 2026"."""
    for days in reversed(relative_days(question, today)):
        # A period spans a year at most: "the past year" is read as the 365 days to today.
        first = max(days.first, days.last - timedelta(days=364))
        if first == days.last:
            before = f"{days.preposition or 'on'} "
        elif question[days.end :].startswith(("'", "’")):
            before = ""  # "last week's talks": the dates stand in for the words
        else:
            before = f"{days.preposition or 'in'} "
        written = before + _span_text(first, days.last)
        question = question[: days.start] + written + question[days.end :]
    return question


def _count(typed: str) -> int:
    return _NUMBERS.get(typed.lower()) or int(typed)


def undated(question: str) -> str:
    """The question without the periods it names, nor the words leading to each ("How did
    Lavrov at the end of June 2022 use ..." -> "How did Lavrov use ...")."""
    found = periods_at(question)
    kept, last = [], 0
    for start, end, _ in found:
        # (Not before what the date names: "at the 2023 Vilnius summit".)
        lead = question[last:start]
        kept.append(_DATE_LEAD.sub("", lead) if _AFTER_DATE.match(question[end:]) else lead)
        last = end
    shorter = re.sub(r"\s+", " ", " ".join([*kept, question[last:]]))
    return re.sub(r"\s+(?=[,?.!])", "", shorter).strip()


_AFTER_DATE = re.compile(
    r"\s*(?:[,?.!;:]|$|(?:and|or|but|about|on|in|at|for|to|with|when|after|before|during|each"
    r"|did|does|do|was|were|is|are|has|have|had)\b)",
    re.IGNORECASE,
)
# (With "the" and the part of a period before it: "at the end of June 2022".)
_DATE_LEAD = re.compile(
    rf"\b{_DATE_PREPOSITIONS}(?:\s+the)?(?:\s+(?:end|start|beginning|middle)\s+of)?\s*$",
    re.IGNORECASE,
)
