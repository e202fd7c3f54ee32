"""RSS and Atom feeds: parsing entries, and turning an entry and its page into a `Document`."""

from __future__ import annotations

import hashlib
import io
import re
import time
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from html.parser import HTMLParser
from typing import Any
from urllib.parse import SplitResult, parse_qsl, urlencode, urljoin, urlsplit, urlunsplit
from xml.sax import SAXParseException

import feedparser

from retrieval.cleaning import clean_text, clean_title, normalise_date, url_date
from retrieval.documents import Document

MAX_FEED_BYTES = 5_000_000
# A DTD inside the document is where entities are declared, and entities are how "billion
# laughs" documents expand; real feeds never carry one.
_INTERNAL_DTD = re.compile(rb"<!DOCTYPE[^>\[]*\[", re.IGNORECASE)
_HTML_START = re.compile(rb"\s*<(!doctype\s+html|html)\b", re.IGNORECASE)
_CHANNEL = re.compile(rb"<(\w+:)?channel[\s/>]")
_FIRST_ELEMENT = re.compile(rb"<([A-Za-z_][\w.:-]*)")  # skips <?xml ...?>, <!-- -->, <!DOCTYPE
# Query parameters that only say where a click came from; two links differing in them are one page.
_TRACKING = re.compile(r"^(utm_\w+|fbclid|gclid|mc_cid|mc_eid|ocid|cmpid)$", re.IGNORECASE)
_BLOCK_TAGS = frozenset({"p", "br", "div", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr"})


class FeedError(Exception):
    """A document that cannot be read as an RSS or Atom feed; the message says why."""


@dataclass(frozen=True)
class FeedEntry:
    """One item of a feed: where its article is, and what the feed says about it."""

    link: str  # absolute http(s) URL of the article page
    title: str = ""
    date: str = ""  # ISO "YYYY-MM-DD", or "" when the feed gives none
    summary: str = ""  # plain text: the feed's full content if it has one, else its summary
    guid: str = ""
    feed_url: str = ""  # as `display_url` shows it: safe for logs and the state file
    feed_title: str = ""


@dataclass(frozen=True)
class ParsedFeed:
    """A feed's entries, and what was wrong with it when only part of it could be read."""

    entries: list[FeedEntry]
    problem: str = ""  # e.g. "the feed is not well-formed XML: no element found: line 9, ..."


def parse_feed(
    xml_bytes: bytes, feed_url: str, *, max_bytes: int = MAX_FEED_BYTES, content_type: str = ""
) -> list[FeedEntry]:
    """The entries of an RSS or Atom document, links resolved against `feed_url`."""
    return read_feed(xml_bytes, feed_url, max_bytes=max_bytes, content_type=content_type).entries


def read_feed(
    xml_bytes: bytes, feed_url: str, *, max_bytes: int = MAX_FEED_BYTES, content_type: str = ""
) -> ParsedFeed:
    """The entries of an RSS 0.9x/1.0/2.0 or Atom document, and the problem of a malformed one.

    `content_type` is the HTTP header, whose charset outranks the document's own declaration.
    A malformed feed gives what feedparser's lenient parser still reads; with none, `FeedError`.
    """
    if len(xml_bytes) > max_bytes:
        raise FeedError(f"the feed is {len(xml_bytes)} bytes, over the {max_bytes}-byte limit")
    data = xml_bytes.lstrip()
    if not data:
        raise FeedError("the response is empty; expected an RSS or Atom feed")
    if _HTML_START.match(data):
        raise FeedError("got an HTML page, not a feed; check that the URL is the RSS or Atom link")
    if _INTERNAL_DTD.search(data):
        raise FeedError("the feed declares its own DTD and entities (<!DOCTYPE ... [ ]>); refused")
    headers = {"content-type": content_type} if content_type else {}
    # A stream, as feedparser's docs advise: a string that looks like a URL or a path is fetched.
    parsed = feedparser.parse(io.BytesIO(data), response_headers=headers)
    problem = _problem(parsed.get("bozo_exception"), declared=data.startswith(b"<?xml"))
    version = str(parsed.get("version") or "")
    if not version:
        raise FeedError(problem or f"not an RSS or Atom feed: {_root(data)}")
    if version.startswith("rss") and not _CHANNEL.search(data):
        raise FeedError("an RSS document without a <channel> element")
    # Without the user and password of the feed URL: those are for the feed, and must not
    # travel into article links, citations or logs.
    parts = urlsplit(feed_url)
    base = urlunsplit((parts.scheme, _host(parts), parts.path, parts.query, ""))
    feed_title = clean_title(_readable(parsed.feed, "title"))
    entries = [
        e
        for item in parsed.entries
        if (e := _entry(item, base, display_url(feed_url), feed_title)) is not None
    ]
    if problem and not entries:
        raise FeedError(problem)
    return ParsedFeed(entries, problem)


def _problem(error: object, declared: bool) -> str:
    """Why a feed is malformed, or "" for what every feed reader shrugs off."""
    if not isinstance(error, SAXParseException):
        # A mis-declared encoding or content type: feedparser decodes the text all the same.
        return ""
    message = error.getMessage()
    if message == "undefined entity":
        # HTML entities such as &nbsp; in an RSS feed: feedparser's lenient parser knows them.
        return ""
    line = error.getLineNumber() or 0
    if not declared:
        line -= 1  # feedparser put an XML declaration on a line of its own above the document
    return (
        f"the feed is not well-formed XML: {message}: line {line}, column {error.getColumnNumber()}"
    )


def _root(data: bytes) -> str:
    found = _FIRST_ELEMENT.search(data)
    if found is None:
        return "no XML element in it"
    return f"the root element is <{found.group(1).decode('ascii').rsplit(':', 1)[-1]}>"


def _entry(item: Any, base: str, feed_url: str, feed_title: str) -> FeedEntry | None:
    """A feed entry with an absolute web link, or None when it has no link worth fetching."""
    link = str(item.get("link") or "").strip()
    url = urljoin(base, link) if link else ""
    # Anything but a web page (mailto:, javascript:, file:, urn:) is not fetched.
    if urlsplit(url).scheme not in ("http", "https"):
        return None
    # Full content (content:encoded, Atom content) says more than a summary.
    content = (item.get("content") or [None])[0] or item.get("summary_detail")
    # The date as the feed wrote it: feedparser's parsed dates are in UTC, which moves an
    # evening story to the next day; the publisher's calendar day is the one cited. Its
    # parsed date serves for the rarer formats `_date` does not read.
    # Plain dict reads: feedparser's own `get` maps a missing "updated" to "published", warning.
    when = str(dict.get(item, "published") or dict.get(item, "updated") or "")
    parsed = dict.get(item, "published_parsed") or dict.get(item, "updated_parsed")
    return FeedEntry(
        link=url,
        title=clean_title(_readable(item, "title")),
        date=_date(when) or (time.strftime("%Y-%m-%d", parsed) if parsed else ""),
        summary=_text(content),
        guid=str(item.get("id") or "").strip() or url,
        feed_url=feed_url,
        feed_title=feed_title,
    )


def _readable(element: Any, name: str) -> str:
    """A field's text, unwrapped from HTML when the feed marked it as HTML."""
    return _text(element.get(f"{name}_detail"))


def _text(detail: Any) -> str:
    """The plain text of a feedparser value: HTML and XHTML unwrapped, plain text as is."""
    if not detail:
        return ""
    value = str(detail.get("value") or "")
    if detail.get("type") == "text/plain":
        return value.strip()
    return html_text(value)


def _date(value: str) -> str:
    """ISO and plain dates via `normalise_date`; RSS's RFC 822 dates keep their own calendar day."""
    iso = normalise_date(value)
    if iso or not value:
        return iso
    try:
        return parsedate_to_datetime(value).date().isoformat()
    except (TypeError, ValueError):
        return ""


class _TextCollector(HTMLParser):
    """Text of an HTML fragment, with a line break at each block so paragraphs stay apart."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self._skip = max(0, self._skip - 1)
        elif tag in _BLOCK_TAGS:
            self.parts.append("\n\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def html_text(fragment: str) -> str:
    """Plain text of an HTML fragment, as feeds put in descriptions; plain text passes through."""
    parser = _TextCollector()
    parser.feed(fragment)
    parser.close()
    return re.sub(r"\n{3,}", "\n\n", "".join(parser.parts)).strip()


def canonical_url(url: str) -> str:
    """The URL without credentials, fragment and click-tracking parameters; host in lower case."""
    parts = urlsplit(url.strip())
    query = [
        (k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING.match(k)
    ]
    netloc = _host(parts)
    default_port = {"http": ":80", "https": ":443"}.get(parts.scheme, "")
    if default_port and netloc.endswith(default_port):
        netloc = netloc[: -len(default_port)]
    return urlunsplit((parts.scheme, netloc, parts.path or "/", urlencode(query), ""))


def _host(parts: SplitResult) -> str:
    """Host and port in lower case, without user name and password."""
    host = parts.hostname or ""
    try:
        port = parts.port
    except ValueError:  # "host:abc": no port to keep; the request fails and says so
        port = None
    return f"{host}:{port}" if port is not None else host


def display_url(url: str) -> str:
    """The URL fit for logs: no user name or password, and query values hidden (they hold keys)."""
    parts = urlsplit(url)
    query = "&".join(f"{k}=…" for k, _ in parse_qsl(parts.query, keep_blank_values=True))
    return urlunsplit((parts.scheme, _host(parts), parts.path, query, ""))


def feed_doc_id(url: str) -> str:
    """A document id that stays the same for the same article URL, across runs and feeds."""
    return "feed-" + hashlib.sha256(canonical_url(url).encode("utf-8")).hexdigest()[:12]


def text_fingerprint(text: str) -> str:
    """A fingerprint of the words of a text, to notice the same article under another URL."""
    words = " ".join(text.casefold().split())
    return hashlib.sha256(words.encode("utf-8")).hexdigest()[:16]


def entry_document(entry: FeedEntry, html: bytes | None) -> Document | None:
    """The article as a document: the page's main text, else the feed's; None without either."""
    page = _extract(html) if html else {}
    text = clean_text(page.get("text", ""))
    summary = clean_text(entry.summary)
    # A page with less text than the feed itself carries is a paywall, a consent wall or a
    # script-only page, not the article.
    if len(summary) > len(text):
        text = summary
    if not text:
        return None
    url = canonical_url(entry.link)
    return Document(
        doc_id=feed_doc_id(entry.link),
        title=entry.title or clean_title(page.get("title", "")) or url,
        text=text,
        url=url,
        date=entry.date or normalise_date(page.get("date")) or url_date(url),
        publisher=clean_title(page.get("sitename", "")) or entry.feed_title,
        source=display_url(entry.link),
    )


def _extract(html: bytes) -> dict[str, str]:
    """Trafilatura's main text and metadata of a page, as strings; {} when it cannot parse it."""
    # Imported here: trafilatura takes a moment to import, and parsing feeds does not need it.
    import trafilatura

    try:
        # Bytes, not text: trafilatura honours the page's declared charset.
        page = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False)
    except Exception:  # a third-party parser on arbitrary input: fall back to the feed's text
        return {}
    fields = page.as_dict() if page is not None and not isinstance(page, dict) else page or {}
    return {k: v for k, v in fields.items() if isinstance(v, str)}
