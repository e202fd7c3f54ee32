"""A story's headline without the site's chrome, and the outlet a report comes from."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

# Separators a page title puts between the headline and the site's name or section:
# "... | Explainer News | Al Jazeera", "... - ABC News", "...  : NPR", "... – PRIO".
_SEPARATOR = re.compile(r"\s+(?:\||-|–|—|:)\s+|\s*\|\s*")
_WORD = re.compile(r"[\w'’.()-]+")
CHROME_MAX_WORDS = 5  # "Russia-Ukraine war News", "Critical Threats", "House of Commons Library"
_MINOR = {"of", "the", "and", "for", "on", "in", "at", "de", "&"}
HEADLINE_MIN_WORDS = 3  # what must be left for a trailing part to count as chrome


def clean_headline(title: str, publisher: str = "") -> str:
    """The title without trailing site names and sections: 'Ukraine, Russia conduct POW swap -
    ABC News' -> 'Ukraine, Russia conduct POW swap'."""
    title = " ".join(title.split())
    while True:
        parts = list(_SEPARATOR.finditer(title))
        if not parts:
            return title
        last = parts[-1]
        head, tail = title[: last.start()].strip(), title[last.end() :].strip()
        if not _is_chrome(tail, head, publisher, piped="|" in last.group()):
            return title
        title = head


def _is_chrome(tail: str, head: str, publisher: str, piped: bool) -> bool:
    """Whether the part after the last separator names a site or section rather than news."""
    if len(_WORD.findall(head)) < HEADLINE_MIN_WORDS:
        return False
    if publisher and tail.casefold() == publisher.casefold():
        return True
    words = [w for w in _WORD.findall(tail) if w[0].isalnum()]
    if not 0 < len(words) <= CHROME_MAX_WORDS:
        return False
    # After a pipe comes the site or its section ("| War crimes"); after a dash or colon only a
    # name in title case is chrome, as a headline's second half ("- says Kremlin") is not.
    return piped or all(w[0].isupper() or w[0].isdigit() or w in _MINOR for w in words)


def outlet(url: str, publisher: str = "") -> str:
    """Who published a report: its publisher, else the web site it came from, else ''."""
    if publisher.strip():
        return publisher.strip()
    host = (urlsplit(url).hostname or "").lower()
    for prefix in ("www.", "m.", "amp."):
        host = host.removeprefix(prefix)
    return host
