"""A scripted OpenAI-compatible chat-completions server on 127.0.0.1 for the real client."""

from __future__ import annotations

import json
import threading
from collections import deque
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any


@dataclass(frozen=True)
class Reply:
    """What the server answers next: a message, an error status, a raw body, after a delay."""

    content: str = ""
    status: int = 200
    delay: float = 0.0  # seconds before answering; cut short when the server stops
    body: str | None = None  # sent verbatim instead of a chat completion (malformed replies)
    error: str = "scripted failure"  # the error message of a non-200 reply


@dataclass(frozen=True)
class Request:
    """A request the server received."""

    path: str
    headers: dict[str, str]
    body: dict[str, Any]

    def messages(self) -> list[dict[str, Any]]:
        """The chat messages sent, in order."""
        return list(self.body.get("messages", []))


class FakeOpenAI:
    """Answers `POST /v1/chat/completions` from a queue of scripted replies."""

    def __init__(self) -> None:
        self._replies: deque[Reply] = deque()
        self._lock = threading.Lock()
        self._release = threading.Event()
        self.requests: list[Request] = []
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        # A short poll interval keeps shutdown (and so each test's teardown) quick.
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.02}, daemon=True
        )

    @property
    def port(self) -> int:
        """The port the server listens on."""
        return int(self._server.server_address[1])

    @property
    def base_url(self) -> str:
        """What to pass as the client's `base_url`."""
        return f"http://127.0.0.1:{self.port}/v1"

    def reply(
        self,
        content: str = "",
        *,
        status: int = 200,
        delay: float = 0.0,
        body: str | None = None,
        error: str = "scripted failure",
    ) -> None:
        """Queue the next reply."""
        with self._lock:
            self._replies.append(Reply(content, status, delay, body, error))

    def start(self) -> None:
        """Start serving in a background thread."""
        self._thread.start()

    def stop(self) -> None:
        """Answer any delayed request at once, then stop and close the socket."""
        self._release.set()
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> FakeOpenAI:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    def _next(self, request: Request) -> Reply:
        with self._lock:
            self.requests.append(request)
            if self._replies:
                return self._replies.popleft()
        # An unscripted call is a test bug: make it loud rather than plausible.
        return Reply(status=500, error="the fake server had no scripted reply")


def _completion(content: str, model: str) -> dict[str, Any]:
    return {
        "id": "chatcmpl-fake",
        "object": "chat.completion",
        "created": 0,
        "model": model,
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": content},
                "finish_reason": "stop",
            }
        ],
        "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
    }


def _handler(server: FakeOpenAI) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length)
            body = json.loads(raw) if raw else {}
            request = Request(self.path, {k.lower(): v for k, v in self.headers.items()}, body)
            if self.path.rstrip("/") != "/v1/chat/completions":
                self._send(404, json.dumps({"error": {"message": "not found"}}))
                return
            reply = server._next(request)
            if reply.delay:
                server._release.wait(reply.delay)
            if reply.body is not None:
                self._send(reply.status, reply.body)
            elif reply.status != 200:
                error = {"message": reply.error, "type": "server_error", "code": None}
                self._send(reply.status, json.dumps({"error": error}))
            else:
                completion = _completion(reply.content, str(body.get("model", "")))
                self._send(200, json.dumps(completion))

        def _send(self, status: int, text: str) -> None:
            data = text.encode()
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the client gave up waiting, as the timeout tests intend

        def log_message(self, format: str, *args: Any) -> None:
            pass  # keep test output quiet

    return Handler
