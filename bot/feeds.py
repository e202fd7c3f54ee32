"""Live feeds: poll RSS/Atom URLs, fetch new entries' pages, and ingest their articles."""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import hashlib
import ipaddress
import json
import logging
import os
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urljoin, urlsplit

import httpx

from bot.redaction import hide_in_logs
from retrieval.chunking import ChunkingConfig
from retrieval.documents import Document, LoadFailure
from retrieval.embedding import Embedder
from retrieval.feeds import (
    FeedEntry,
    FeedError,
    canonical_url,
    display_url,
    entry_document,
    read_feed,
    text_fingerprint,
)
from retrieval.index import Index
from retrieval.ingest import ingest

log = logging.getLogger(__name__)

USER_AGENT = "briefbot/0.1 (news briefing bot; feed reader)"
# Statuses worth asking again about later; any other failure is final for that page.
_RETRY_STATUSES = frozenset({408, 425, 429})
_MAX_REDIRECTS = 5
_HTML_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "")
# The state file keeps this many seen URLs and text fingerprints, the oldest forgotten first.
_REMEMBER = 50_000


def _hide_in_logs(url: str) -> None:
    """Have log lines (httpx logs every URL it fetches) blank this URL's credentials and query
    values."""
    parts = urlsplit(url)
    values = [v for _, v in parse_qsl(parts.query)] + [parts.username or "", parts.password or ""]
    hide_in_logs(*values)


@dataclass
class PollReport:
    """What one poll did: feeds checked, entries found, documents ingested, what failed and why."""

    feeds_checked: int = 0
    not_modified: list[str] = field(default_factory=list)  # feed URLs that answered 304
    new_entries: list[str] = field(default_factory=list)  # article URLs fetched this poll
    ingested: list[str] = field(default_factory=list)  # doc ids added or updated
    duplicates: list[str] = field(default_factory=list)  # article URLs with known text
    failures: list[LoadFailure] = field(default_factory=list)

    def summary(self) -> str:
        """One line of counts for the terminal and the log."""
        return (
            f"feeds: {self.feeds_checked} checked, {len(self.not_modified)} not modified; "
            f"entries: {len(self.new_entries)} new, {len(self.ingested)} ingested, "
            f"{len(self.duplicates)} duplicates; {len(self.failures)} failed"
        )


class _Failed(Exception):
    """A request that did not give a usable body; `retry` says whether to ask again later."""

    def __init__(self, reason: str, retry: bool) -> None:
        super().__init__(reason)
        self.retry = retry


@dataclass
class _State:
    """What survives restarts: validators per feed, URLs and texts seen, entries to retry."""

    feeds: dict[str, dict[str, str]] = field(default_factory=dict)  # key -> etag, last_modified
    seen: dict[str, float] = field(default_factory=dict)  # canonical URL -> when settled
    texts: dict[str, str] = field(default_factory=dict)  # text fingerprint -> doc id
    pending: dict[str, dict[str, Any]] = field(default_factory=dict)  # canonical URL -> entry

    @classmethod
    def load(cls, path: Path) -> _State:
        """The saved state, or a fresh one when there is none or it cannot be read."""
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
            return cls(**{f.name: dict(raw.get(f.name, {})) for f in dataclasses.fields(cls)})
        except FileNotFoundError:
            return cls()
        except (OSError, ValueError, TypeError, AttributeError) as e:
            # Starting afresh only costs refetching; ingest skips documents it already holds.
            log.warning("feed state %s is unreadable (%s); starting afresh", path, e)
            return cls()

    def save(self, path: Path) -> None:
        """Write atomically, so a crash mid-write leaves the previous state."""
        for table in (self.seen, self.texts):
            for key in list(table)[: max(0, len(table) - _REMEMBER)]:
                del table[key]
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(path.name + ".tmp")
        tmp.write_text(json.dumps(dataclasses.asdict(self), indent=1), encoding="utf-8")
        os.replace(tmp, path)


def _is_redirect(response: httpx.Response) -> bool:
    # Not httpx's is_redirect, which counts 304 Not Modified too.
    return response.status_code in (301, 302, 303, 307, 308) and "Location" in response.headers


def _feed_key(url: str) -> str:
    # Hashed, so that credentials in a feed URL never land in the state file.
    return hashlib.sha256(url.encode("utf-8")).hexdigest()[:16]


class FeedPoller:
    """Polls feeds with conditional GETs and ingests each new article once."""

    def __init__(
        self,
        feeds: Sequence[str],
        index: Index,
        embedder: Embedder,
        chunking: ChunkingConfig,
        state_path: Path,
        *,
        timeout_seconds: float = 20.0,
        max_bytes: int = 5_000_000,
        max_entries_per_feed: int = 50,
        max_attempts: int = 5,
        concurrency: int = 4,
        user_agent: str = USER_AGENT,
    ) -> None:
        self.feeds = list(dict.fromkeys(feeds))
        # The operator chose these hosts; links elsewhere come from third parties' feeds.
        self.trusted_hosts = {urlsplit(u).hostname for u in self.feeds} - {None}
        for url in self.feeds:
            _hide_in_logs(url)
        self.index = index
        self.embedder = embedder
        self.chunking = chunking
        self.state_path = state_path
        self.timeout_seconds = timeout_seconds
        self.max_bytes = max_bytes
        self.max_entries_per_feed = max_entries_per_feed
        self.max_attempts = max_attempts
        self.user_agent = user_agent
        self._limit = asyncio.Semaphore(concurrency)
        self._lock = asyncio.Lock()

    async def run(self, stop: asyncio.Event, every_minutes: float) -> None:
        """Poll now and then every `every_minutes` until `stop` is set."""
        while not stop.is_set():
            try:
                report = await self.poll_once()
                log.info("feed poll: %s", report.summary())
            except Exception as exc:  # e.g. the state file's disk is full: try again next time
                log.error("feed poll failed: %s", type(exc).__name__)
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), timeout=every_minutes * 60)

    async def poll_once(self) -> PollReport:
        """Check every feed once; fetch, extract and ingest the entries not seen before."""
        async with self._lock:
            state = await asyncio.to_thread(_State.load, self.state_path)
            report = PollReport(feeds_checked=len(self.feeds))
            async with httpx.AsyncClient(
                headers={"User-Agent": self.user_agent}, timeout=self.timeout_seconds
            ) as client:
                found = await asyncio.gather(
                    *(self._check(client, u, state, report) for u in self.feeds)
                )
                todo = self._todo(state, [e for entries in found for e in entries])
                report.new_entries = [display_url(e.link) for e in todo]
                pages = await asyncio.gather(*(self._page(client, e) for e in todo))
            await self._settle(state, list(zip(todo, pages, strict=True)), report)
            await asyncio.to_thread(state.save, self.state_path)
            return report

    async def _check(
        self, client: httpx.AsyncClient, url: str, state: _State, report: PollReport
    ) -> list[FeedEntry]:
        """The feed's entries, or [] when it is unchanged (304) or failed (reported)."""
        key = _feed_key(url)
        known = state.feeds.get(key, {})
        asks = {"If-None-Match": known.get("etag"), "If-Modified-Since": known.get("last_modified")}
        headers = {name: value for name, value in asks.items() if value}
        try:
            response, body = await self._get(client, url, headers, trusted=True)
            if response.status_code == 304:
                report.not_modified.append(display_url(url))
                return []
            parsed = await asyncio.to_thread(
                read_feed,
                body,
                url,
                max_bytes=self.max_bytes,
                content_type=response.headers.get("Content-Type", ""),
            )
        except (_Failed, FeedError) as e:
            self._fail(report, url, f"feed: {e}")
            return []
        except Exception as e:  # e.g. httpx.InvalidURL: this feed's fault, not the others'
            self._fail(report, url, f"feed: unexpected {type(e).__name__}")
            return []
        entries = parsed.entries[: self.max_entries_per_feed]
        if parsed.problem:
            # A cut-off or damaged feed: its readable entries now, the rest when it is whole
            # again; without validators it is fetched in full next poll, not answered with 304.
            self._fail(report, url, f"feed: {parsed.problem} (entries read: {len(entries)})")
            return entries
        # Validators only once the body was read as a feed: a broken feed is reported every poll.
        state.feeds[key] = {
            "url": display_url(url),
            "etag": response.headers.get("ETag", ""),
            "last_modified": response.headers.get("Last-Modified", ""),
        }
        return entries

    def _todo(self, state: _State, entries: list[FeedEntry]) -> list[FeedEntry]:
        """Entries waiting for a retry, then new ones; each article URL once."""
        todo: dict[str, FeedEntry] = {}
        for held in state.pending.values():
            entry = FeedEntry(**{k: v for k, v in held.items() if k != "attempts"})
            todo.setdefault(canonical_url(entry.link), entry)
        for entry in entries:
            url = canonical_url(entry.link)
            if url not in state.seen:
                todo.setdefault(url, entry)
        return list(todo.values())

    async def _page(self, client: httpx.AsyncClient, entry: FeedEntry) -> bytes | _Failed:
        """The entry's page, or why it could not be fetched."""
        try:
            response, body = await self._get(client, entry.link, {}, trusted=False)
        except _Failed as e:
            return e
        except Exception as e:  # e.g. httpx.InvalidURL from an odd link in the feed
            return _Failed(f"unexpected {type(e).__name__}", retry=False)
        kind = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
        if kind not in _HTML_TYPES:
            return _Failed(f"not a web page ({kind})", retry=False)
        return body

    async def _get(
        self, client: httpx.AsyncClient, url: str, headers: dict[str, str], *, trusted: bool
    ) -> tuple[httpx.Response, bytes]:
        """A GET following redirects; untrusted URLs (links from feeds) and every redirect
        must lead to a public address, so a feed cannot make the bot fetch internal pages."""
        for _ in range(_MAX_REDIRECTS + 1):
            if not trusted:
                await self._check_public(url)
            response, body = await self._get_once(client, url, headers)
            if not _is_redirect(response):
                return response, body
            url = urljoin(url, response.headers.get("Location", ""))
            # A redirect to another host is a link the operator did not choose.
            trusted = trusted and urlsplit(url).hostname in self.trusted_hosts
        raise _Failed(f"more than {_MAX_REDIRECTS} redirects", retry=False)

    async def _check_public(self, url: str) -> None:
        """Raise `_Failed` unless `url`'s host is a configured feed host or a public address."""
        parts = urlsplit(url)
        host = parts.hostname
        if host in self.trusted_hosts:
            return
        if parts.scheme not in ("http", "https") or not host:
            raise _Failed("not an http:// or https:// URL", retry=False)
        try:
            found = await asyncio.get_running_loop().getaddrinfo(host, parts.port or None)
        except OSError as e:
            raise _Failed(f"host not found ({type(e).__name__})", retry=True) from e
        for *_, address in found:
            ip = ipaddress.ip_address(str(address[0]).split("%", 1)[0])
            if not ip.is_global:
                raise _Failed("links to a private or local address", retry=False)

    async def _get_once(
        self, client: httpx.AsyncClient, url: str, headers: dict[str, str]
    ) -> tuple[httpx.Response, bytes]:
        """One GET with the size cap; non-2xx statuses other than 304 and 3xx raise `_Failed`."""
        async with self._limit:
            try:
                async with client.stream("GET", url, headers=headers) as response:
                    status = response.status_code
                    if status == 304 or _is_redirect(response):
                        return response, b""
                    if not response.is_success:
                        retry = status >= 500 or status in _RETRY_STATUSES
                        raise _Failed(f"HTTP {status}", retry)
                    declared = response.headers.get("Content-Length", "")
                    if declared.isdigit() and int(declared) > self.max_bytes:
                        raise _Failed(f"larger than {self.max_bytes} bytes", retry=False)
                    body = bytearray()
                    # Counted after decompression, so a small gzip bomb is stopped too.
                    async for chunk in response.aiter_bytes():
                        body += chunk
                        if len(body) > self.max_bytes:
                            raise _Failed(f"larger than {self.max_bytes} bytes", retry=False)
                    return response, bytes(body)
            except httpx.UnsupportedProtocol as e:
                raise _Failed("not an http:// or https:// URL", retry=False) from e
            except httpx.TimeoutException as e:
                raise _Failed("timed out", retry=True) from e
            except httpx.TransportError as e:
                # The type only: messages of some httpx errors quote the URL, credentials included.
                raise _Failed(f"connection failed ({type(e).__name__})", retry=True) from e
            except httpx.HTTPError as e:
                raise _Failed(f"request failed ({type(e).__name__})", retry=False) from e

    async def _settle(
        self, state: _State, fetched: list[tuple[FeedEntry, bytes | _Failed]], report: PollReport
    ) -> None:
        """Build documents, drop known texts, ingest the rest; record what is settled."""
        ready: list[tuple[FeedEntry, bytes | None]] = []
        for entry, page in fetched:
            url = canonical_url(entry.link)
            if not isinstance(page, _Failed):
                ready.append((entry, page))
                continue
            attempts = int(state.pending.get(url, {}).get("attempts", 0)) + 1
            if page.retry and attempts < self.max_attempts:
                state.pending[url] = {**dataclasses.asdict(entry), "attempts": attempts}
                self._fail(report, entry.link, f"page: {page}; will retry next poll")
            else:
                # Given up on the page: the feed's own text, if any, stands in for it.
                self._fail(report, entry.link, f"page: {page}; using the feed's text")
                ready.append((entry, None))
        built = await asyncio.to_thread(lambda: [(e, entry_document(e, h)) for e, h in ready])
        docs: dict[str, tuple[FeedEntry, Document]] = {}  # by text fingerprint
        for entry, doc in built:
            if doc is None:
                self._fail(report, entry.link, "no article text in the page or the feed")
                self._settled(state, entry)
                continue
            fingerprint = text_fingerprint(doc.text)
            owner = state.texts.get(fingerprint)
            if fingerprint in docs or (owner is not None and owner != doc.doc_id):
                report.duplicates.append(display_url(entry.link))
                self._settled(state, entry)
                continue
            docs[fingerprint] = (entry, doc)
        if not docs:
            return
        try:
            result = await asyncio.to_thread(
                ingest, [d for _, d in docs.values()], self.index, self.embedder, self.chunking
            )
        except Exception as exc:  # the embedder or Chroma: keep the entries for the next poll
            for entry, _ in docs.values():
                state.pending[canonical_url(entry.link)] = dataclasses.asdict(entry)
                self._fail(report, entry.link, f"indexing failed ({type(exc).__name__})")
            return
        report.ingested += result.added + result.updated
        report.failures += result.failed
        for fingerprint, (entry, doc) in docs.items():
            state.texts[fingerprint] = doc.doc_id
            self._settled(state, entry)

    @staticmethod
    def _settled(state: _State, entry: FeedEntry) -> None:
        url = canonical_url(entry.link)
        state.pending.pop(url, None)
        state.seen[url] = time.time()

    @staticmethod
    def _fail(report: PollReport, url: str, reason: str) -> None:
        log.warning("%s: %s", display_url(url), reason)
        report.failures.append(LoadFailure(display_url(url), reason))
