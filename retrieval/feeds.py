"""RSS and Atom feeds: parsing entries, and turning an entry and its page into a `Document`."""

from __future__ import annotations

import hashlib
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from html.parser import HTMLParser
from urllib.parse import SplitResult, parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from retrieval.cleaning import clean_text, clean_title, normalise_date
from retrieval.documents import Document

MAX_FEED_BYTES = 5_000_000
# A DTD inside the document is where entities are declared, and entities are how "billion
# laughs" documents expand; real feeds never carry one.
_INTERNAL_DTD = re.compile(rb"<!DOCTYPE[^>\[]*\[", re.IGNORECASE)
_HTML_START = re.compile(rb"\s*<(!doctype\s+html|html)\b", re.IGNORECASE)
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


def parse_feed(
    xml_bytes: bytes, feed_url: str, *, max_bytes: int = MAX_FEED_BYTES
) -> list[FeedEntry]:
    """The entries of an RSS 2.0, RSS 1.0 or Atom document, links resolved against `feed_url`."""
    if len(xml_bytes) > max_bytes:
        raise FeedError(f"the feed is {len(xml_bytes)} bytes, over the {max_bytes}-byte limit")
    data = xml_bytes.lstrip()
    if not data:
        raise FeedError("the response is empty; expected an RSS or Atom feed")
    if _HTML_START.match(data):
        raise FeedError("got an HTML page, not a feed; check that the URL is the RSS or Atom link")
    if _INTERNAL_DTD.search(data):
        raise FeedError("the feed declares its own DTD and entities (<!DOCTYPE ... [ ]>); refused")
    try:
        root = ET.fromstring(data)
    except ET.ParseError as e:
        raise FeedError(f"the feed is not well-formed XML: {e}") from e
    kind = _local(root.tag)
    if kind == "feed":
        return _atom_entries(root, feed_url)
    if kind in ("rss", "RDF"):
        return _rss_entries(root, feed_url)
    raise FeedError(f"not an RSS or Atom feed: the root element is <{kind}>")


def _rss_entries(root: ET.Element, feed_url: str) -> list[FeedEntry]:
    channel = _child(root, "channel")
    if channel is None:
        raise FeedError("an RSS document without a <channel> element")
    feed_title = _plain(_child(channel, "title"))
    # RSS 2.0 nests items in the channel; RSS 1.0 puts them next to it.
    items = [e for e in (*channel, *root) if _local(e.tag) == "item"]
    entries = []
    for item in items:
        guid = _child(item, "guid")
        link = _plain(_child(item, "link"))
        if not link and guid is not None and guid.get("isPermaLink", "true") != "false":
            link = _plain(guid)
        content = _child(item, "encoded", "description")
        when = _child(item, "pubDate", "date")
        entry = _entry(link, item, _plain(guid), content, when, feed_url, feed_title)
        if entry is not None:
            entries.append(entry)
    return entries


def _atom_entries(root: ET.Element, feed_url: str) -> list[FeedEntry]:
    feed_title = _text(_child(root, "title"))
    entries = []
    for item in root:
        if _local(item.tag) != "entry":
            continue
        ident = _plain(_child(item, "id"))
        link = _atom_link(item) or (ident if ident.startswith(("http://", "https://")) else "")
        content = _child(item, "content", "summary")
        when = _child(item, "published", "updated")
        entry = _entry(link, item, ident, content, when, feed_url, feed_title)
        if entry is not None:
            entries.append(entry)
    return entries


def _entry(
    link: str,
    item: ET.Element,
    guid: str,
    content: ET.Element | None,
    when: ET.Element | None,
    feed_url: str,
    feed_title: str,
) -> FeedEntry | None:
    # Against the feed URL without its user and password: those are for the feed, and must not
    # travel into article links, citations or logs.
    parts = urlsplit(feed_url)
    base = urlunsplit((parts.scheme, _host(parts), parts.path, parts.query, ""))
    url = urljoin(base, link.strip()) if link.strip() else ""
    # Anything but a web page (mailto:, javascript:, file:) is not fetched.
    if urlsplit(url).scheme not in ("http", "https"):
        return None
    return FeedEntry(
        link=url,
        title=clean_title(_text(_child(item, "title"))),
        date=_date(_plain(when)),
        summary=_text(content),
        guid=guid.strip() or url,
        feed_url=display_url(feed_url),
        feed_title=clean_title(feed_title),
    )


def _atom_link(item: ET.Element) -> str:
    for link in item:
        if _local(link.tag) == "link" and link.get("rel", "alternate") == "alternate":
            return link.get("href", "")
    return ""


def _local(tag: str) -> str:
    """A tag's name without its namespace: feeds mix RSS 1.0, Dublin Core and content modules."""
    return tag.rsplit("}", 1)[-1]


def _child(element: ET.Element, *names: str) -> ET.Element | None:
    """The first child named `names[0]`, else `names[1]`, ...; None when there is none."""
    # Not `a or b`: an element without children is falsy.
    for name in names:
        found = next((e for e in element if _local(e.tag) == name), None)
        if found is not None:
            return found
    return None


def _plain(element: ET.Element | None) -> str:
    return (element.text or "").strip() if element is not None else ""


def _text(element: ET.Element | None) -> str:
    """An element's readable text: Atom xhtml content as is, HTML (escaped or CDATA) unwrapped."""
    if element is None:
        return ""
    if element.get("type") == "xhtml":
        return re.sub(r"\n{3,}", "\n\n", "".join(_xhtml_parts(element))).strip()
    if element.get("type") == "text":
        return (element.text or "").strip()
    return html_text(element.text or "")


def _xhtml_parts(element: ET.Element) -> list[str]:
    """Text pieces of inline XHTML, with paragraph breaks at block elements."""
    parts = [element.text or ""]
    for child in element:
        block = ["\n\n"] if _local(child.tag) in _BLOCK_TAGS else []
        parts += [*block, *_xhtml_parts(child), *block, child.tail or ""]
    return parts


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
        date=entry.date or normalise_date(page.get("date")),
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
