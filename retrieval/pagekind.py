"""Telling a report of a development from pages that are not stories, by their text alone."""

from __future__ import annotations

import re
from dataclasses import dataclass

# "16 mins ago", "1 hr ago", "Yesterday": the timestamps of a live page's headline list.
_RELATIVE_TIME = re.compile(
    r"\b(?:\d+\s*(?:s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?)\s+ago|just now)\b",
    re.IGNORECASE,
)
# "(347 KB, PDF)", "1.2 MB": entries of a download listing.
_FILE_SIZE = re.compile(r"\b\d+(?:[.,]\d+)?\s?(?:KB|MB|GB)\b")
# A teaser an index page cut short: "...drastically increasing humanitarian needs of..."
_CUT_SHORT = re.compile(r"(?:\.\.\.|…)\s*$")
# A sentence end, maybe with closing quotes, emphasis or footnote marks after it ("7.[xxx]").
_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]*_]*(?:\[[^\]\s]{1,12}\])*$")
# List items, table rows and headings (Markdown bold "**Russia launched...**" is prose).
NOT_PROSE_START = re.compile(r"\s*(?:[*+•-]\s|\d+[.)]\s|\||#)")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")
# Words that tell of something happening, said or decided, and days named: a report of a
# development has them near its top, a topic page ("This page outlines...") has neither.
_EVENT_WORDS = re.compile(
    r"\b(?:said|says|told|announced|announces|agreed|agrees|signed|reported|reports|confirmed|"
    r"killed|launched|attacked|struck|met|held|declared|warned|accused|ordered|approved|"
    r"rejected|released|exchanged|captured|denied|claimed|called|urged|vowed|stated|"
    r"according to)\b",
    re.IGNORECASE,
)
# A day named in the text: "on Thursday", "February 7", "5 Feb", "yesterday", "overnight".
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DAY_NAMED = re.compile(
    rf"\b(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|yesterday|today|overnight|"
    rf"(?:this|last) week|"
    rf"{_MONTH}\s\d{{1,2}}\b|\d{{1,2}}\s{_MONTH}(?:\s|$))",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class PageKind:
    """What a page is, from its text: a story, or why it is not one."""

    kind: str  # story, live-shell, listing, index, evergreen
    prose_share: float  # share of the text in paragraphs of full sentences

    @property
    def is_story(self) -> bool:
        """True when the page reports a development."""
        return self.kind == "story"


# Thresholds read off the shared corpus: index and live pages sit well below, articles above.
MIN_PROSE_SHARE = 0.45
MIN_RELATIVE_TIMES = 3
MIN_FILE_SIZES = 2
MAX_CUT_SHORT_SHARE = 0.3
LEAD_CHARS = 2500  # how far down a report is expected to say what happened


def page_kind(text: str, title: str = "", dated: bool = False) -> PageKind:
    """Classify a page's cleaned text: a story, a live page's shell, a listing, an index page of
    headlines and teasers, or (undated) an evergreen page that reports nothing happening."""
    paragraphs = [p.strip() for p in text.split("\n") if p.strip()]
    total = sum(len(p) for p in paragraphs) or 1
    prose = [p for p in paragraphs if is_prose(p)]
    share = sum(len(p) for p in prose) / total
    if len(_RELATIVE_TIME.findall(text)) >= MIN_RELATIVE_TIMES:
        return PageKind("live-shell", share)
    if len(_FILE_SIZE.findall(text)) >= MIN_FILE_SIZES:
        return PageKind("listing", share)
    cut = sum(1 for p in paragraphs if _CUT_SHORT.search(p))
    if paragraphs and cut >= 3 and cut / len(paragraphs) >= MAX_CUT_SHORT_SHARE:
        return PageKind("index", share)
    if share < MIN_PROSE_SHARE:
        return PageKind("index", share)
    lead = title + "\n" + " ".join(prose)[:LEAD_CHARS]
    # A dated page reports something of its day; an undated one must say what happened.
    if not dated and not (_EVENT_WORDS.search(lead) or _DAY_NAMED.search(lead)):
        return PageKind("evergreen", share)
    return PageKind("story", share)


def is_prose(paragraph: str) -> bool:
    """A paragraph of at least one full sentence, not a list item, headline or label."""
    words = _WORD.findall(paragraph)
    if len(words) < 12 or NOT_PROSE_START.match(paragraph):
        return False
    return bool(_SENTENCE_END.search(paragraph.rstrip())) or paragraph.count(". ") >= 1


# Stronger evidence, for a story's lede: a verb of saying, deciding or acting ("met", "held" and
# "called" tell of talks in general as often as of one day's), or a day of the report's year.
_LEDE_EVENT_WORDS = re.compile(
    r"\b(?:said|says|told|announced|announces|agreed|agrees|signed|reported|confirmed|killed|"
    r"launched|attacked|struck|declared|warned|accused|ordered|approved|rejected|released|"
    r"exchanged|captured|denied|claimed|urged|vowed|stated|began|ended|concluded|decided|"
    r"declined|voted|resigned|elected|arrested|left|kept|raised|cut|fell|rose|won|lost|"
    r"according to)\b",
    re.IGNORECASE,
)
_YEAR_AFTER = re.compile(r",?\s(\d{4})\b")


def tells_event(lede: str, year: str = "") -> bool:
    """Whether a story's lede says that something happened, was said or decided, or names its
    day; an analysis or opinion piece opens on neither ("Four years on, ...", "It was not
    supposed to be like this.")."""
    if _LEDE_EVENT_WORDS.search(lede):
        return True
    for m in _DAY_NAMED.finditer(lede):
        after = _YEAR_AFTER.match(lede, m.end())
        if not (after and year and after.group(1) != year):  # "February 24 2022" is history
            return True
    return False
