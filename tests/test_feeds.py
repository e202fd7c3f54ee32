"""Live feeds: parsing RSS and Atom, and polling a local site into a real Chroma index."""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import AsyncIterator, Callable, Sequence
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

import numpy as np
import pytest
from numpy.typing import NDArray

from bot.cli import main
from bot.feeds import FeedPoller, PollReport
from retrieval.embedding import BgeEmbedder
from retrieval.feeds import (
    FeedEntry,
    FeedError,
    canonical_url,
    display_url,
    entry_document,
    feed_doc_id,
    parse_feed,
    read_feed,
)
from retrieval.index import Index
from retrieval.search import HybridSearcher
from tests.conftest import SMALL_CHUNKS, make_index
from tests.feed_server import FeedServer

RSS = "/feeds/harbour.xml"
ATOM = "/feeds/mountain.atom"

ARTICLES = {
    "/news/port-reopens": (
        "Port of Valdoria reopens after dredging",
        [
            "The Port of Valdoria reopened to container ships on Monday after a six-week dredging"
            " campaign deepened the harbour channel to fourteen metres.",
            "Harbour master Ilse Brandt said the first vessel through the channel was a feeder"
            " ship carrying refrigerated fruit from the southern islands.",
            "Shipping companies had diverted cargo to neighbouring ports while the dredgers"
            " worked day and night, costing local hauliers several weeks of income.",
            "The port authority expects traffic to return to normal levels by the end of the"
            " month, once the pilots have surveyed the new depth markers.",
        ],
    ),
    "/news/lighthouse-strike": (
        "Lighthouse keepers walk out over pensions",
        [
            "Lighthouse keepers along the northern coast began a two-day strike on Tuesday in a"
            " dispute over pension contributions and night-shift allowances.",
            "The keepers' union said automated beacons could not replace trained staff during"
            " winter storms, when fog signals often fail without warning.",
            "The maritime ministry called the walkout regrettable and said talks would resume"
            " next week with an independent mediator chosen by both sides.",
        ],
    ),
    "/alpine/glacier-drones": (
        "Drones measure the retreat of the Korvath glacier",
        [
            "Researchers flew survey drones over the Korvath glacier this summer and found that"
            " its tongue had retreated ninety metres since the previous measurement.",
            "The team built a detailed elevation model from thousands of photographs, showing"
            " the ice thinning fastest near the meltwater lake at the glacier's foot.",
            "Local guides say the familiar route to the hut now crosses bare rock where ice"
            " stood a decade ago, and the path has had to be moved twice.",
        ],
    ),
    "/alpine/avalanche-school": (
        "Avalanche school opens in the Sernia valley",
        [
            "A new avalanche training school opened in the Sernia valley, teaching hikers and"
            " ski tourers how to read snowpack layers and use transceivers.",
            "Instructors from the mountain rescue service lead the courses, which combine"
            " classroom lessons with rescue drills on the slopes above the village.",
            "The school is funded by the regional government and three alpine clubs, and"
            " offers free places to young people from the valley.",
        ],
    ),
}
NEW_ARTICLE = (
    "Ferry timetable extended for the summer",
    [
        "The island ferry will run an extra evening crossing from June, the operator announced,"
        " after a season in which the last boat was full almost every night.",
        "Residents of the outer islands had petitioned for the change, saying the early last"
        " sailing made it impossible to attend evening classes on the mainland.",
        "The operator said the new timetable would be reviewed in the autumn once passenger"
        " numbers for the summer had been counted.",
    ],
)
NAV = "Home World Business Sport Weather"
FOOTER = "Copyright Harbour Gazette Ltd. All rights reserved. Cookie policy. Privacy notice."


def page(title: str, paragraphs: list[str], site: str = "Harbour Gazette") -> str:
    """An article page with the chrome real sites put around it."""
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    links = "".join(f'<li><a href="/{w.lower()}">{w}</a></li>' for w in NAV.split())
    return (
        f"<!doctype html><html><head><title>{title} | {site}</title>"
        f'<meta property="og:site_name" content="{site}"></head><body>'
        f"<header><nav><ul>{links}</ul></nav></header>"
        f"<main><article><h1>{title}</h1>{body}</article></main>"
        f"<footer><p>{FOOTER}</p><ul>{links}</ul></footer></body></html>"
    )


def rss(items: list[tuple[str, str, str]]) -> str:
    """An RSS 2.0 feed; items are (title, link, pubDate)."""
    xml = "".join(
        f"<item><title>{t}</title><link>{link}</link><pubDate>{d}</pubDate>"
        f"<description><![CDATA[<p>{t}: the <b>summary</b>.</p>]]></description></item>"
        for t, link, d in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>Harbour Gazette</title><link>/</link>{xml}</channel></rss>"
    )


def atom(entries: list[tuple[str, str, str]]) -> str:
    """An Atom feed; entries are (title, href, updated)."""
    xml = "".join(
        f"<entry><title>{t}</title><link href={quoteattr(href)}/><id>urn:x:{escape(href)}</id>"
        f"<updated>{u}</updated><summary>{t}, in short.</summary></entry>"
        for t, href, u in entries
    )
    return f'<feed xmlns="http://www.w3.org/2005/Atom"><title>Mountain Herald</title>{xml}</feed>'


def publish(server: FeedServer) -> None:
    """The site as the tests start it: two feeds, four articles."""
    for path, (title, paragraphs) in ARTICLES.items():
        site = "Mountain Herald" if path.startswith("/alpine/") else "Harbour Gazette"
        server.set(path, page(title, paragraphs, site))
    server.set(
        RSS,
        rss(
            [
                (
                    ARTICLES["/news/port-reopens"][0],
                    "/news/port-reopens",
                    "Mon, 09 Feb 2026 08:00:00 +0100",
                ),
                (
                    ARTICLES["/news/lighthouse-strike"][0],
                    "/news/lighthouse-strike",
                    "Tue, 10 Feb 2026 07:30:00 GMT",
                ),
            ]
        ),
        "application/rss+xml",
    )
    # No ETag: the Atom feed is checked with If-Modified-Since alone.
    server.set(
        ATOM,
        atom(
            [
                (
                    ARTICLES["/alpine/glacier-drones"][0],
                    "../alpine/glacier-drones",
                    "2026-02-11T06:00:00Z",
                ),
                (
                    ARTICLES["/alpine/avalanche-school"][0],
                    "../alpine/avalanche-school",
                    "2026-02-12T09:15:00+01:00",
                ),
            ]
        ),
        "application/atom+xml",
        with_etag=False,
    )


@pytest.fixture
async def server() -> AsyncIterator[FeedServer]:
    """The local site, with both feeds published."""
    async with FeedServer() as s:
        publish(s)
        yield s


@pytest.fixture
def index(tmp_path: Path) -> Index:
    """A fresh embedded-Chroma index."""
    return make_index(tmp_path / "chroma")


def poller(
    server: FeedServer, index: Index, embedder: BgeEmbedder, tmp_path: Path, *paths: str
) -> FeedPoller:
    """A poller over the given feed paths (both feeds by default), its state in `tmp_path`."""
    feeds = [server.url(p) for p in paths or (RSS, ATOM)]
    return FeedPoller(
        feeds, index, embedder, SMALL_CHUNKS, tmp_path / "feeds.json", timeout_seconds=5
    )


def titles(index: Index) -> set[str]:
    """The titles of every document in the index."""
    return {c.title for c in index.store.all_chunks()}


async def test_first_poll_ingests_every_entry_and_it_is_searchable(
    server: FeedServer, index: Index, embedder: BgeEmbedder, tmp_path: Path
) -> None:
    report = await poller(server, index, embedder, tmp_path).poll_once()
    assert report.failures == []
    assert len(report.ingested) == 4
    assert titles(index) == {title for title, _ in ARTICLES.values()}

    hits = HybridSearcher(index, embedder).search("how deep was the harbour channel dredged?", k=3)
    top = hits[0].chunk
    assert top.url == server.url("/news/port-reopens")
    assert top.title == "Port of Valdoria reopens after dredging"
    assert top.date == "2026-02-09"  # the publisher's calendar day, not shifted to UTC
    assert top.publisher == "Harbour Gazette"
    assert "fourteen metres" in top.text  # the page's text, not the feed's one-line summary
    glacier = HybridSearcher(index, embedder).search("glacier retreat drones", k=1)[0].chunk
    assert glacier.url == server.url("/alpine/glacier-drones")  # relative link resolved
    assert glacier.publisher == "Mountain Herald"
    every_text = " ".join(c.text for c in index.store.all_chunks())
    assert "All rights reserved" not in every_text
    assert "Weather" not in every_text


async def test_second_poll_is_not_modified_and_fetches_no_page(
    server: FeedServer, index: Index, embedder: BgeEmbedder, tmp_path: Path
) -> None:
    await poller(server, index, embedder, tmp_path).poll_once()
    pages_before = server.page_requests()
    chunks_before = index.store.count()

    # A new poller on the same state file: what it remembers survived the "restart".
    report = await poller(server, index, embedder, tmp_path).poll_once()

    assert sorted(report.not_modified) == sorted([server.url(RSS), server.url(ATOM)])
    assert server.not_modified == {RSS: 1, ATOM: 1}  # ETag for one, Last-Modified for the other
    assert report.new_entries == report.ingested == []
    assert report.failures == []
    assert server.page_requests() == pages_before
    assert index.store.count() == chunks_before


async def test_a_new_entry_alone_is_fetched_and_ingested(
    server: FeedServer, index: Index, embedder: BgeEmbedder, tmp_path: Path
) -> None:
    feeds = poller(server, index, embedder, tmp_path)
    await feeds.poll_once()
    title, paragraphs = NEW_ARTICLE
    server.set("/news/ferry", page(title, paragraphs))
    server.set(
        RSS,
        rss(
            [
                (title, "/news/ferry", "Wed, 11 Feb 2026 12:00:00 GMT"),
                (
                    ARTICLES["/news/port-reopens"][0],
                    "/news/port-reopens",
                    "Mon, 09 Feb 2026 08:00:00 +0100",
                ),
                (
                    ARTICLES["/news/lighthouse-strike"][0],
                    "/news/lighthouse-strike",
                    "Tue, 10 Feb 2026 07:30:00 GMT",
                ),
            ]
        ),
        "application/rss+xml",
    )
    pages_before = server.page_requests()

    report = await feeds.poll_once()

    assert report.not_modified == [server.url(ATOM)]
    assert report.new_entries == [server.url("/news/ferry")]
    assert report.ingested == [feed_doc_id(server.url("/news/ferry"))]
    fetched = server.page_requests() - pages_before
    assert fetched == {"/news/ferry": 1}
    assert title in titles(index)
    hit = HybridSearcher(index, embedder).search("evening ferry crossing", k=1)[0].chunk
    assert hit.url == server.url("/news/ferry")


async def test_a_failing_page_is_retried_next_poll(
    server: FeedServer, index: Index, embedder: BgeEmbedder, tmp_path: Path
) -> None:
    title, paragraphs = ARTICLES["/news/lighthouse-strike"]
    server.set("/news/lighthouse-strike", page(title, paragraphs), fail_times=1)
    feeds = poller(server, index, embedder, tmp_path)

    first = await feeds.poll_once()
    assert [(f.source, f.reason) for f in first.failures] == [
        (server.url("/news/lighthouse-strike"), "page: HTTP 500; will retry next poll")
    ]
    assert len(first.ingested) == 3
    assert title not in titles(index)

    second = await feeds.poll_once()
    # The feed itself has not changed: the retry comes from the poller's own memory.
    assert server.not_modified[RSS] == 1
    assert second.failures == []
    assert second.ingested == [feed_doc_id(server.url("/news/lighthouse-strike"))]
    assert title in titles(index)

    third = await feeds.poll_once()
    assert third.new_entries == []


async def test_a_malformed_feed_is_reported_and_the_other_still_works(
    server: FeedServer, index: Index, embedder: BgeEmbedder, tmp_path: Path
) -> None:
    server.set(RSS, "<rss><channel><item><title>broken</channel></rss>", "application/rss+xml")
    unusable = ["http://127.0.0.1:notaport/feed", "ftp://127.0.0.1/feed.xml"]
    feeds = poller(server, index, embedder, tmp_path)
    feeds.feeds += unusable
    report = await feeds.poll_once()

    reasons = {f.source: f.reason for f in report.failures}
    assert reasons.pop(server.url(RSS)).startswith(
        "feed: the feed is not well-formed XML: mismatched tag"
    )
    assert reasons == {
        "http://127.0.0.1/feed": "feed: unexpected InvalidURL",
        "ftp://127.0.0.1/feed.xml": "feed: not an http:// or https:// URL",
    }
    assert titles(index) == {
        ARTICLES[p][0] for p in ("/alpine/glacier-drones", "/alpine/avalanche-school")
    }

    # A broken feed keeps no validators: it is fetched and reported again, not "not modified".
    again = await poller(server, index, embedder, tmp_path).poll_once()
    assert [f.source for f in again.failures] == [server.url(RSS)]
    assert server.requests[RSS] == 2
    assert server.not_modified[RSS] == 0


async def test_the_same_article_under_two_urls_is_ingested_once(
    server: FeedServer, index: Index, embedder: BgeEmbedder, tmp_path: Path
) -> None:
    title, paragraphs = ARTICLES["/news/port-reopens"]
    server.set("/syndicated/valdoria-port", page(title, paragraphs))
    server.set(
        ATOM,
        atom(
            [
                (
                    title,
                    "/news/port-reopens?utm_source=atom&utm_medium=feed",
                    "2026-02-09T07:00:00Z",
                ),
                (title, "/syndicated/valdoria-port", "2026-02-09T07:00:00Z"),
            ]
        ),
        "application/atom+xml",
    )
    report = await poller(server, index, embedder, tmp_path).poll_once()

    assert report.failures == []
    # The tracking parameters make no new URL; the syndicated copy is the same text.
    assert server.requests["/news/port-reopens"] == 1
    assert report.duplicates == [server.url("/syndicated/valdoria-port")]
    held = index.store.indexed_docs()
    assert len(held) == 2
    assert feed_doc_id(server.url("/news/port-reopens")) in held


async def test_a_truncated_feed_is_read_as_far_as_it_goes_then_in_full(
    server: FeedServer,
    index: Index,
    embedder: BgeEmbedder,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    whole = server.resources[RSS].body
    # Cut inside the second item's title, as a dropped connection or a full disk leaves it.
    server.set(RSS, whole[: whole.rindex(b"<title>") + 12], "application/rss+xml")
    feeds = poller(server, index, embedder, tmp_path, RSS)

    first = await feeds.poll_once()
    [failure] = first.failures
    assert failure.source == server.url(RSS)
    assert failure.reason.startswith("feed: the feed is not well-formed XML: ")
    assert failure.reason.endswith("(entries read: 1)")
    assert failure.reason in caplog.text
    assert titles(index) == {ARTICLES["/news/port-reopens"][0]}

    # No validators were kept: the feed is read in full again, not answered "not modified".
    again = await feeds.poll_once()
    assert server.not_modified[RSS] == 0
    assert [f.source for f in again.failures] == [server.url(RSS)]
    server.set(RSS, whole, "application/rss+xml")
    mended = await feeds.poll_once()
    assert mended.failures == []
    assert mended.ingested == [feed_doc_id(server.url("/news/lighthouse-strike"))]


async def test_a_page_without_article_text_falls_back_to_the_feed_summary(
    server: FeedServer, index: Index, embedder: BgeEmbedder, tmp_path: Path
) -> None:
    server.set("/alpine/glacier-drones", "<html><body><nav>Home</nav></body></html>")
    server.set("/alpine/avalanche-school", "gone", status=404)
    report = await poller(server, index, embedder, tmp_path, ATOM).poll_once()

    reasons = [f.reason for f in report.failures]
    assert reasons == ["page: HTTP 404; using the feed's text"]
    texts = {c.title: c.text for c in index.store.all_chunks()}
    assert texts[ARTICLES["/alpine/glacier-drones"][0]].endswith("in short.")
    assert texts[ARTICLES["/alpine/avalanche-school"][0]].endswith("in short.")
    # Settled: neither page is asked for again.
    before = server.page_requests()
    server.set(ATOM, server.resources[ATOM].body, "application/atom+xml")  # a new version
    assert (await poller(server, index, embedder, tmp_path, ATOM).poll_once()).new_entries == []
    assert server.page_requests() == before


async def test_a_feed_cannot_send_the_bot_to_internal_addresses(
    server: FeedServer, index: Index, embedder: BgeEmbedder, tmp_path: Path
) -> None:
    # "localhost" is not the configured feed host (127.0.0.1): to the bot it is a link a third
    # party put in a feed, one that leads to a loopback address.
    internal = f"http://localhost:{server.port}/admin/secrets"
    server.set("/admin/secrets", page("Internal secrets", ["Database password is hunter2."]))
    server.redirect("/alpine/glacier-drones", internal)
    server.set(
        ATOM,
        atom(
            [
                ("Internal secrets", internal, "2026-02-13T06:00:00Z"),
                ("Glacier drones", "../alpine/glacier-drones", "2026-02-11T06:00:00Z"),
            ]
        ),
        "application/atom+xml",
    )
    report = await poller(server, index, embedder, tmp_path, ATOM).poll_once()

    assert server.requests["/admin/secrets"] == 0
    reasons = sorted(f.reason for f in report.failures)
    assert reasons == ["page: links to a private or local address; using the feed's text"] * 2
    assert not any("hunter2" in c.text for c in index.store.all_chunks())


async def test_redirects_within_the_feed_host_are_followed(
    server: FeedServer, index: Index, embedder: BgeEmbedder, tmp_path: Path
) -> None:
    server.set("/alpine/moved", server.resources["/alpine/glacier-drones"].body)
    server.redirect("/alpine/glacier-drones", "/alpine/moved")
    report = await poller(server, index, embedder, tmp_path, ATOM).poll_once()

    assert report.failures == []
    assert server.requests["/alpine/moved"] == 1
    assert ARTICLES["/alpine/glacier-drones"][0] in titles(index)


async def test_credentials_in_a_feed_url_stay_out_of_logs_and_state(
    server: FeedServer,
    index: Index,
    embedder: BgeEmbedder,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    server.set(
        "/feeds/private.xml", server.resources[RSS].body, "application/rss+xml", fail_times=1
    )
    title, paragraphs = ARTICLES["/news/lighthouse-strike"]
    server.set("/news/lighthouse-strike", page(title, paragraphs), fail_times=1)
    url = server.url("/feeds/private.xml").replace("http://", "http://reader:s3cret@") + "?key=k3y"
    feeds = FeedPoller([url], index, embedder, SMALL_CHUNKS, tmp_path / "feeds.json")
    with caplog.at_level(logging.DEBUG):
        first = await feeds.poll_once()
        second = await feeds.poll_once()  # the feed now; a page fails, and waits in the state
        third = await feeds.poll_once()

    assert server.auth  # the credentials were used for the feed
    [failure] = first.failures
    assert failure.source == server.url("/feeds/private.xml") + "?key=…"
    assert failure.reason == "feed: HTTP 500"
    assert [f.source for f in second.failures] == [server.url("/news/lighthouse-strike")]
    assert len(second.ingested) + len(third.ingested) == 2
    # Relative article links do not inherit the feed's user and password.
    assert {c.url for c in index.store.all_chunks()} == {
        server.url("/news/port-reopens"),
        server.url("/news/lighthouse-strike"),
    }
    state = (tmp_path / "feeds.json").read_text()
    for text in (caplog.text, state, *(r.summary() for r in (first, second, third))):
        assert "s3cret" not in text
        assert "k3y" not in text


async def test_an_oversized_feed_is_refused(
    server: FeedServer, index: Index, embedder: BgeEmbedder, tmp_path: Path
) -> None:
    server.set(RSS, rss([("x" * 5000, "/news/port-reopens", "")]), "application/rss+xml")
    feeds = FeedPoller(
        [server.url(RSS)], index, embedder, SMALL_CHUNKS, tmp_path / "f.json", max_bytes=2000
    )
    report = await feeds.poll_once()
    assert [f.reason for f in report.failures] == ["feed: larger than 2000 bytes"]
    assert server.page_requests() == {}


async def test_an_oversized_page_is_cut_off_while_streaming(
    server: FeedServer, index: Index, embedder: BgeEmbedder, tmp_path: Path
) -> None:
    # Compressed, the page is small; its size only shows while it is being read.
    title, paragraphs = ARTICLES["/alpine/glacier-drones"]
    server.set("/alpine/glacier-drones", page(title, paragraphs * 200), gzip=True)
    feeds = FeedPoller(
        [server.url(ATOM)], index, embedder, SMALL_CHUNKS, tmp_path / "f.json", max_bytes=20_000
    )
    report = await feeds.poll_once()
    assert [(f.source, f.reason) for f in report.failures] == [
        (
            server.url("/alpine/glacier-drones"),
            "page: larger than 20000 bytes; using the feed's text",
        )
    ]
    assert len(report.ingested) == 2


class BrokenEmbedder:
    """An embedder whose model fails, as when its files are missing."""

    dimension = 384

    def embed_passages(
        self, texts: Sequence[str], progress: Callable[[int], None] | None = None
    ) -> NDArray[np.float32]:
        raise RuntimeError("the model is not loaded")

    def embed_query(self, text: str) -> NDArray[np.float32]:
        raise RuntimeError("the model is not loaded")


async def test_entries_whose_indexing_failed_are_ingested_next_poll(
    server: FeedServer, index: Index, embedder: BgeEmbedder, tmp_path: Path
) -> None:
    state = tmp_path / "feeds.json"
    broken = FeedPoller([server.url(ATOM)], index, BrokenEmbedder(), SMALL_CHUNKS, state)
    first = await broken.poll_once()
    assert {f.reason for f in first.failures} == {"indexing failed (RuntimeError)"}
    assert first.ingested == []

    second = await FeedPoller([server.url(ATOM)], index, embedder, SMALL_CHUNKS, state).poll_once()
    assert server.not_modified[ATOM] == 1
    assert len(second.ingested) == 2


async def test_an_unreadable_state_file_means_starting_afresh(
    server: FeedServer,
    index: Index,
    embedder: BgeEmbedder,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    (tmp_path / "feeds.json").write_text("{not json", encoding="utf-8")
    report = await poller(server, index, embedder, tmp_path, ATOM).poll_once()
    assert len(report.ingested) == 2
    assert "is unreadable" in caplog.text
    assert json.loads((tmp_path / "feeds.json").read_text(encoding="utf-8"))["seen"]


async def test_run_polls_until_stopped(
    server: FeedServer, index: Index, embedder: BgeEmbedder, tmp_path: Path
) -> None:
    stop = asyncio.Event()
    task = asyncio.create_task(
        poller(server, index, embedder, tmp_path, ATOM).run(stop, every_minutes=0.001)
    )
    deadline = time.monotonic() + 10
    while server.not_modified[ATOM] < 2:  # the first poll, then at least two more
        assert time.monotonic() < deadline, "the poller did not poll again"
        await asyncio.sleep(0.01)
    stop.set()
    await asyncio.wait_for(task, timeout=5)
    assert len(index.store.indexed_docs()) == 2


def test_poll_report_summary() -> None:
    report = PollReport(feeds_checked=2, not_modified=["a"], ingested=["x", "y"])
    assert report.summary() == (
        "feeds: 2 checked, 1 not modified; entries: 0 new, 2 ingested, 0 duplicates; 0 failed"
    )


FEED = "https://news.example/feeds/all.xml"
CONTENT = 'xmlns:content="http://purl.org/rss/1.0/modules/content/"'
DC = 'xmlns:dc="http://purl.org/dc/elements/1.1/"'


@pytest.mark.parametrize(
    ("xml", "expected"),
    [
        pytest.param(
            "<rss><channel><title>T</title><item><title>A &amp; B</title><link>/a/1</link>"
            "<pubDate>Sun, 01 Mar 2026 23:30:00 -0800</pubDate><guid>id-1</guid></item>"
            "</channel></rss>",
            [("https://news.example/a/1", "A & B", "2026-03-01", "", "id-1")],
            id="rss-relative-link-rfc822-date",
        ),
        pytest.param(
            f"<rss {CONTENT}><channel><item><title>A</title><link>https://x.test/a</link>"
            "<description><![CDATA[<p>Short <b>one</b>.</p>]]></description>"
            "<content:encoded><![CDATA[<p>Long one.</p><p>Two.</p>]]></content:encoded>"
            "</item></channel></rss>",
            [("https://x.test/a", "A", "", "Long one.\n\nTwo.", "https://x.test/a")],
            id="rss-cdata-content-preferred-missing-date",
        ),
        pytest.param(
            "<rss><channel><item><title>P</title><guid>https://x.test/p</guid>"
            "<description>Plain &lt;i&gt;text&lt;/i&gt;</description></item>"
            '<item><guid isPermaLink="false">tag:1</guid></item>'
            "<item><link>javascript:alert(1)</link></item></channel></rss>",
            [("https://x.test/p", "P", "", "Plain text", "https://x.test/p")],
            id="rss-guid-as-link-unfetchable-dropped",
        ),
        pytest.param(
            f'<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
            f'xmlns="http://purl.org/rss/1.0/" {DC}><channel><title>R</title></channel>'
            "<item><title>One</title><link>https://x.test/1</link><dc:date>2026-01-05</dc:date>"
            "</item></rdf:RDF>",
            [("https://x.test/1", "One", "2026-01-05", "", "https://x.test/1")],
            id="rss-1.0-dublin-core-date",
        ),
        pytest.param(
            '<feed xmlns="http://www.w3.org/2005/Atom"><entry><title type="html">'
            "A &lt;em&gt;big&lt;/em&gt; day</title><link rel='self' href='/self'/>"
            "<link rel='alternate' type='text/html' href='2026/big-day'/><id>urn:1</id>"
            "<updated>2026-02-11T23:59:00-05:00</updated><published>2026-02-10T08:00:00Z</published>"
            "<summary type='xhtml'><div xmlns='http://www.w3.org/1999/xhtml'><p>One <b>b</b>.</p>"
            "<p>Two.</p></div></summary></entry></feed>",
            [
                (
                    "https://news.example/feeds/2026/big-day",
                    "A big day",
                    "2026-02-10",
                    "One b.\n\nTwo.",
                    "urn:1",
                )
            ],
            id="atom-alternate-link-published-xhtml",
        ),
        pytest.param(
            '<feed xmlns="http://www.w3.org/2005/Atom"><entry><title>No date</title>'
            "<id>https://x.test/id-link</id><content type='html'>&lt;p&gt;Body&lt;/p&gt;</content>"
            "</entry><entry><title>No link</title><id>urn:2</id></entry></feed>",
            [("https://x.test/id-link", "No date", "", "Body", "https://x.test/id-link")],
            id="atom-id-as-link-missing-date",
        ),
        pytest.param("<rss><channel></channel></rss>", [], id="empty-channel"),
    ],
)
def test_parse_feed(xml: str, expected: list[tuple[str, str, str, str, str]]) -> None:
    entries = parse_feed(xml.encode("utf-8"), FEED)
    assert [(e.link, e.title, e.date, e.summary, e.guid) for e in entries] == expected
    assert all(e.feed_url == FEED for e in entries)


def test_parse_feed_keeps_the_feed_title() -> None:
    [entry] = parse_feed(atom([("T", "/t", "2026-02-01")]).encode(), FEED)
    assert entry.feed_title == "Mountain Herald"


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "the response is empty"),
        (b"<rss><channel><item></rss>", "not well-formed XML: mismatched tag: line 1, column 22"),
        (b"<!DOCTYPE html><html><body>Hi</body></html>", "got an HTML page, not a feed"),
        (b"<opml><body/></opml>", "not an RSS or Atom feed: the root element is <opml>"),
        (b"<rss version='2.0'><item/></rss>", "an RSS document without a <channel> element"),
        (
            b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaa">]><rss>&a;</rss>',
            "declares its own DTD and entities",
        ),
        (b"<rss>" + b" " * 100 + b"</rss>", "over the 50-byte limit"),
    ],
)
def test_parse_feed_errors_say_what_is_wrong(data: bytes, message: str) -> None:
    with pytest.raises(FeedError, match=message.replace("(", r"\(")):
        parse_feed(data, FEED, max_bytes=50 if len(data) > 100 else 1000)


RDF = 'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"'


def test_rss_1_0_rdf_feed() -> None:
    xml = (
        f'<?xml version="1.0"?><rdf:RDF {RDF} {DC} {CONTENT}>'
        '<channel rdf:about="https://news.example/"><title>Wire &amp; Co</title>'
        '<items><rdf:Seq><rdf:li rdf:resource="https://news.example/a"/>'
        '<rdf:li rdf:resource="https://news.example/b"/></rdf:Seq></items></channel>'
        '<item rdf:about="https://news.example/a"><title>First</title>'
        "<link>https://news.example/a</link><description>Short.</description>"
        "<dc:date>2026-02-10T22:30:00-05:00</dc:date></item>"
        '<item rdf:about="https://news.example/b"><title>Second</title><link>/b</link>'
        "<content:encoded><![CDATA[<p>Full text.</p>]]></content:encoded></item></rdf:RDF>"
    )
    entries = parse_feed(xml.encode(), FEED)
    assert [(e.link, e.title, e.date, e.summary) for e in entries] == [
        # The publisher's calendar day: in UTC it would be the 11th.
        ("https://news.example/a", "First", "2026-02-10", "Short."),
        ("https://news.example/b", "Second", "", "Full text."),
    ]
    assert {e.feed_title for e in entries} == {"Wire & Co"}


ATOM_NS = 'xmlns="http://www.w3.org/2005/Atom"'


@pytest.mark.parametrize(
    ("xml", "links"),
    [
        pytest.param(
            f'<feed {ATOM_NS} xml:base="https://cdn.example/blog/"><title>Blog</title>'
            '<entry><title>A</title><link href="posts/a"/><id>urn:a</id></entry>'
            '<entry xml:base="/archive/2026/"><title>B</title><link href="b.html"/>'
            "<id>urn:b</id></entry>"
            '<entry><title>C</title><link href="https://other.example/c"/><id>urn:c</id></entry>'
            "</feed>",
            [
                "https://cdn.example/blog/posts/a",
                "https://cdn.example/archive/2026/b.html",
                "https://other.example/c",
            ],
            id="absolute-base-and-an-entry-base",
        ),
        pytest.param(
            f'<feed {ATOM_NS} xml:base="/site/"><title>Blog</title>'
            '<entry><title>A</title><link href="posts/a"/><id>urn:a</id></entry></feed>',
            ["https://news.example/site/posts/a"],
            id="relative-base-resolved-against-the-feed-url",
        ),
    ],
)
def test_atom_links_resolve_against_xml_base(xml: str, links: list[str]) -> None:
    assert [e.link for e in parse_feed(xml.encode(), FEED)] == links


@pytest.mark.parametrize(
    ("data", "content_type", "expected"),
    [
        pytest.param(
            '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
            "<title>Gazette de Genève</title><item><title>Café in Zürich</title><link>/z</link>"
            "<description>Straße, naïve, señor.</description></item></channel></rss>".encode(
                "latin-1"
            ),
            "application/rss+xml",
            ("Gazette de Genève", "Café in Zürich", "Straße, naïve, señor."),
            id="declared-utf-8-really-latin-1",
        ),
        pytest.param(
            '<rss version="2.0"><channel><title>Київ</title><item><title>Переговори у Женеві'
            "</title><link>/z</link><description>Делегації зустрілися.</description></item>"
            "</channel></rss>".encode("cp1251"),
            "application/rss+xml; charset=windows-1251",
            ("Київ", "Переговори у Женеві", "Делегації зустрілися."),
            id="charset-only-in-the-http-header",
        ),
        pytest.param(
            '<rss version="2.0"><channel><title>Gazette</title><item><title>Zürich</title>'
            "<link>/z</link><description>Ça va.</description></item></channel></rss>".encode(),
            "text/xml",  # RFC 3023 makes this US-ASCII; the bytes are UTF-8
            ("Gazette", "Zürich", "Ça va."),
            id="undeclared-utf-8-served-as-text-xml",
        ),
    ],
)
def test_a_feed_in_a_misdeclared_encoding_reads_as_written(
    data: bytes, content_type: str, expected: tuple[str, str, str]
) -> None:
    parsed = read_feed(data, FEED, content_type=content_type)
    assert [(e.feed_title, e.title, e.summary) for e in parsed.entries] == [expected]
    assert parsed.problem == ""


def test_html_entities_and_cdata_become_plain_text() -> None:
    xml = (
        '<rss version="2.0"><channel><title>Caf&eacute; Society</title><item>'
        "<title>Caf&eacute; &amp; bar&nbsp;&#8217;s &lt;best&gt;</title><link>/a</link>"
        "<description><![CDATA[<p>Tom &amp; Jerry &mdash; <b>both</b>"
        "<script>alert(1)</script></p><p>Second &lt;para&gt;, 5 < 6</p>]]></description>"
        "</item></channel></rss>"
    )
    # HTML's entities are not XML's: strictly malformed, yet every reader reads such feeds.
    parsed = read_feed(xml.encode(), FEED)
    [entry] = parsed.entries
    assert entry.feed_title == "Café Society"
    assert entry.title == "Café & bar ’s <best>"
    assert entry.summary == "Tom & Jerry — both\n\nSecond <para>, 5 < 6"
    assert parsed.problem == ""


@pytest.mark.parametrize(
    ("written", "day"),
    [
        ("Sun, 01 Mar 2026 23:30:00 -0800", "2026-03-01"),  # the publisher's day, not UTC's
        ("Feb 10, 2026", "2026-02-10"),
        ("20260210T090000Z", "2026-02-10"),  # ISO 8601's basic format, read by feedparser
        ("next Tuesday", ""),
    ],
)
def test_entry_dates_in_the_formats_feeds_use(written: str, day: str) -> None:
    xml = f"<rss><channel><item><link>/a</link><pubDate>{written}</pubDate></item></channel></rss>"
    [entry] = parse_feed(xml.encode(), FEED)
    assert entry.date == day


TRUNCATED = (
    '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel><title>T</title>\n'
    "<item><title>One</title><link>/1</link><description>First in full.</description></item>\n"
    "<item><title>Two</title><link>/2</link><description>Second in full.</description></item>\n"
    "<item><title>Three</title><link>/3</link><description>Third, cut off in the mid"
)


def test_a_truncated_feed_gives_what_parsed_and_says_where_it_broke() -> None:
    parsed = read_feed(TRUNCATED.encode(), FEED)
    assert [(e.title, e.summary) for e in parsed.entries] == [
        ("One", "First in full."),
        ("Two", "Second in full."),
        ("Three", ""),  # its link and title were whole; the cut description is left out
    ]
    assert parsed.problem == "the feed is not well-formed XML: no element found: line 5, column 79"


def test_a_stray_ampersand_costs_no_entry_and_is_reported() -> None:
    xml = (
        '<rss version="2.0"><channel><title>T</title>'
        "<item><title>One</title><link>/1</link></item>"
        "<item><title>Q&A with the mayor</title><link>/2</link></item>"
        "<item><title>Three</title><link>/3</link></item></channel></rss>"
    )
    parsed = read_feed(xml.encode(), FEED)
    assert [e.link for e in parsed.entries] == [f"https://news.example/{n}" for n in (1, 2, 3)]
    assert parsed.problem == (
        "the feed is not well-formed XML: not well-formed (invalid token): line 1, column 106"
    )


async def test_a_feed_cannot_make_the_parser_fetch_its_dtd(server: FeedServer) -> None:
    dtd = server.url("/dtd/rss.dtd")
    server.set("/dtd/rss.dtd", '<!ENTITY secret "leaked">', "application/xml-dtd")
    xml = (
        f'<?xml version="1.0"?><!DOCTYPE rss SYSTEM "{dtd}">'
        + rss([("Port news", "/news/port-reopens", "")]).split("?>", 1)[1]
    )
    [entry] = parse_feed(xml.encode(), server.url(RSS))
    assert entry.title == "Port news"
    assert server.requests == {}


ENTRY = FeedEntry(
    link="https://news.example/a/valdoria?utm_source=rss#top",
    title="Port of Valdoria reopens after dredging",
    date="2026-02-09",
    summary="Ships return to Valdoria.",
    feed_url=FEED,
    feed_title="Harbour Gazette (feed)",
)


def test_entry_document_takes_the_page_text_without_its_chrome() -> None:
    title, paragraphs = ARTICLES["/news/port-reopens"]
    doc = entry_document(ENTRY, page(title, paragraphs).encode())
    assert doc is not None
    assert doc.doc_id == feed_doc_id("https://news.example/a/valdoria")
    assert doc.url == "https://news.example/a/valdoria"
    assert (doc.title, doc.date, doc.publisher) == (title, "2026-02-09", "Harbour Gazette")
    assert "The Port of Valdoria reopened to container ships" in doc.text
    assert "rights reserved" not in doc.text
    assert "Business" not in doc.text


@pytest.mark.parametrize(
    ("html", "summary", "expected"),
    [
        (None, "Ships return to Valdoria.", "Ships return to Valdoria."),
        (b"<html><body></body></html>", "Ships return to Valdoria.", "Ships return to Valdoria."),
        (b"<html><body><script>var x = 1;</script></body></html>", "", None),
        (None, "", None),
    ],
)
def test_entry_document_falls_back_to_the_feed_text(
    html: bytes | None, summary: str, expected: str | None
) -> None:
    entry = FeedEntry(link=ENTRY.link, title=ENTRY.title, summary=summary, feed_title="Feed")
    doc = entry_document(entry, html)
    assert (doc.text if doc else None) == expected
    if doc is not None:
        assert doc.publisher == "Feed"


@pytest.mark.parametrize(
    ("url", "canonical", "shown"),
    [
        (
            "HTTPS://News.Example:443/a?id=3&utm_medium=x#frag",
            "https://news.example/a?id=3",
            "https://news.example:443/a?id=…&utm_medium=…",
        ),
        (
            "http://u:pw@x.test:8080/f?token=abc&fbclid=1",
            "http://x.test:8080/f?token=abc",
            "http://x.test:8080/f?token=…&fbclid=…",
        ),
        ("https://x.test", "https://x.test/", "https://x.test"),
    ],
)
def test_urls_for_dedupe_and_for_logs(url: str, canonical: str, shown: str) -> None:
    assert canonical_url(url) == canonical
    assert display_url(url) == shown


async def test_briefbot_feeds_poll_ingests_then_finds_nothing_new(
    server: FeedServer,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("BRIEFBOT_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("FEEDS", f"{server.url(RSS)}, {server.url(ATOM)}")
    assert await asyncio.to_thread(main, ["feeds", "poll"]) == 0
    first = capsys.readouterr().out
    assert "4 ingested" in first
    assert await asyncio.to_thread(main, ["feeds", "poll"]) == 0
    assert "2 not modified" in capsys.readouterr().out
    assert await asyncio.to_thread(main, ["search", "harbour channel dredged", "-k", "1"]) == 0
    assert "Port of Valdoria reopens after dredging" in capsys.readouterr().out


def test_briefbot_feeds_poll_without_feeds_says_how_to_set_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["feeds", "poll"]) == 2
    assert "set FEEDS in .env" in capsys.readouterr().err


def test_an_undated_entry_takes_the_day_its_link_files_it_under() -> None:
    entry = FeedEntry(
        link="https://news.example/world/2026/feb/04/valdoria-port",
        title=ENTRY.title,
        summary="Ships return to Valdoria.",
        feed_title="Feed",
    )
    doc = entry_document(entry, None)
    assert doc is not None
    assert doc.date == "2026-02-04"
