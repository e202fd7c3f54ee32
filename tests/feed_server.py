"""A local web site on 127.0.0.1 (aiohttp) serving feeds and article pages, counting requests.

It honours If-None-Match and If-Modified-Since with 304, and can answer a path with 500 a given
number of times before serving it, so tests can watch conditional GETs and retries happen.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime, parsedate_to_datetime
from types import TracebackType

from aiohttp import web

_EPOCH = datetime(2026, 2, 1, tzinfo=UTC)


@dataclass
class Resource:
    """One path's current body, its validators, and how many 500s to answer first."""

    body: bytes
    content_type: str
    version: int
    fail_times: int = 0
    status: int = 200
    with_etag: bool = True  # False: Last-Modified is the only validator
    gzip: bool = False  # compressed on the fly, sent chunked without a Content-Length
    location: str = ""  # when set, a 302 redirect there

    @property
    def etag(self) -> str:
        """A strong validator that changes with every new version."""
        return f'"v{self.version}"'

    @property
    def modified(self) -> datetime:
        """A Last-Modified time one minute later for every new version."""
        return _EPOCH + timedelta(minutes=self.version)


class FeedServer:
    """Serves whatever `set` put at each path; `requests` and `not_modified` count per path."""

    def __init__(self) -> None:
        self.resources: dict[str, Resource] = {}
        self.requests: Counter[str] = Counter()
        self.not_modified: Counter[str] = Counter()
        self.auth: list[str] = []  # Authorization headers received
        self._versions = 0
        app = web.Application()
        app.router.add_route("GET", "/{tail:.*}", self._handle)
        self._runner = web.AppRunner(app, access_log=None)
        self.port = 0

    def url(self, path: str) -> str:
        """The absolute URL of `path` on this server."""
        return f"http://127.0.0.1:{self.port}{path}"

    def set(
        self,
        path: str,
        body: str | bytes,
        content_type: str = "text/html; charset=utf-8",
        *,
        fail_times: int = 0,
        status: int = 200,
        with_etag: bool = True,
        gzip: bool = False,
    ) -> None:
        """Serve `body` at `path` from now on, as a new version (new ETag, later Last-Modified)."""
        self._versions += 1
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.resources[path] = Resource(
            data, content_type, self._versions, fail_times, status, with_etag, gzip
        )

    def redirect(self, path: str, location: str) -> None:
        """Answer `path` with a 302 to `location` from now on."""
        self.resources[path] = Resource(b"", "text/plain", 0, location=location)

    def page_requests(self) -> Counter[str]:
        """Requests per path for everything that is not a feed."""
        return Counter({p: n for p, n in self.requests.items() if not p.startswith("/feeds/")})

    async def __aenter__(self) -> FeedServer:
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = self._runner.addresses[0][1]
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await self._runner.cleanup()

    async def _handle(self, request: web.Request) -> web.Response:
        path = request.path
        self.requests[path] += 1
        if "Authorization" in request.headers:
            self.auth.append(request.headers["Authorization"])
        resource = self.resources.get(path)
        if resource is None:
            return web.Response(status=404, text="not found")
        if resource.location:
            raise web.HTTPFound(resource.location)
        if resource.fail_times > 0:
            resource.fail_times -= 1
            return web.Response(status=500, text="internal error")
        if resource.status != 200:
            return web.Response(status=resource.status, text="unavailable")
        headers = {"Last-Modified": format_datetime(resource.modified, usegmt=True)}
        if resource.with_etag:
            headers["ETag"] = resource.etag
        if self._unchanged(request, resource):
            self.not_modified[path] += 1
            return web.Response(status=304, headers=headers)
        response = web.Response(
            body=resource.body, headers={**headers, "Content-Type": resource.content_type}
        )
        if resource.gzip:
            response.enable_compression(web.ContentCoding.gzip)
        return response

    @staticmethod
    def _unchanged(request: web.Request, resource: Resource) -> bool:
        # As RFC 9110 says: If-None-Match, when sent, decides; If-Modified-Since only without it.
        if "If-None-Match" in request.headers and resource.with_etag:
            tags = [t.strip() for t in request.headers["If-None-Match"].split(",")]
            return resource.etag in tags or "*" in tags
        if "If-Modified-Since" in request.headers:
            try:
                since = parsedate_to_datetime(request.headers["If-Modified-Since"])
            except (TypeError, ValueError):
                return False
            return resource.modified <= since
        return False
