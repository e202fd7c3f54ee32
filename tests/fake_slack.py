"""A fake Slack Web API on 127.0.0.1 (aiohttp) that records every call the real client makes.

It also plays Socket Mode's side: apps.connections.open hands out a websocket on the same server,
through which tests push envelopes and read the app's acknowledgements. `Slack` plays the other
half: it signs and sends events, commands and button clicks to the app's HTTP endpoint.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from itertools import count
from types import TracebackType
from typing import Any
from urllib.parse import urlencode

import httpx
from aiohttp import WSMsgType, web

BOT_USER_ID = "UBOT"
BOT_ID = "BBOT"
CHANNEL = "C1"
_ids = count(1)


@dataclass(frozen=True)
class Call:
    """One Web API call as the fake received it."""

    method: str  # e.g. "chat.postMessage"
    body: dict[str, Any]  # the JSON or form fields
    at: float = field(default_factory=time.monotonic)
    status: int = 200

    def text(self) -> str:
        """Everything a user could read in this call: the text and all block texts, as JSON."""
        return json.dumps(
            {"text": self.body.get("text", ""), "blocks": self.body.get("blocks", [])},
            ensure_ascii=False,
        )

    def blocks(self) -> list[dict[str, Any]]:
        """The message's blocks (form bodies carry them as a JSON string)."""
        blocks = self.body.get("blocks", [])
        return list(json.loads(blocks) if isinstance(blocks, str) else blocks)


class FakeSlack:
    """Answers auth.test and the chat.* methods under /api/; can answer one call with a 429."""

    def __init__(self) -> None:
        self.calls: list[Call] = []
        self._throttle: dict[str, int] = {}  # method -> Retry-After seconds, once
        self._broken: dict[str, tuple[int, int]] = {}  # method -> (times left, status)
        self._delays: dict[str, float] = {}  # method -> seconds, once
        self.deleted_channels: set[str] = set()  # posting there gets channel_not_found
        self._ts = 0
        app = web.Application()
        app.router.add_post("/api/{method}", self._handle)
        app.router.add_get("/socket", self._socket)
        self.sockets: list[web.WebSocketResponse] = []
        self.socket_acks: list[dict[str, Any]] = []  # what the app sent back over the socket
        self._runner = web.AppRunner(app, access_log=None)
        self.port = 0

    @property
    def url(self) -> str:
        """The Web API base URL to give the client."""
        return f"http://127.0.0.1:{self.port}/api/"

    async def __aenter__(self) -> FakeSlack:
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

    def delay_next(self, method: str, seconds: float) -> None:
        """Answer the next call of `method` only after `seconds` (it still takes effect)."""
        self._delays[method] = seconds

    def break_next(self, method: str, times: int = 1, status: int = 503) -> None:
        """Answer the next `times` calls of `method` with a server error (nothing is posted)."""
        self._broken[method] = (times, status)

    def throttle_once(self, method: str, retry_after: int = 1) -> None:
        """Answer the next call of `method` with 429 and Retry-After, as Slack does."""
        self._throttle[method] = retry_after

    def posted(self, method: str = "chat.postMessage") -> list[Call]:
        """Successful calls of `method`, in order."""
        return [c for c in self.calls if c.method == method and c.status == 200]

    async def wait_for(
        self, predicate: Callable[[list[Call]], bool], seconds: float = 30.0
    ) -> list[Call]:
        """Poll the recorded calls until `predicate` holds; fail after `seconds`."""
        deadline = time.monotonic() + seconds
        while not predicate(self.calls):
            if time.monotonic() > deadline:
                methods = [(c.method, c.status) for c in self.calls]
                raise AssertionError(f"timed out waiting; calls so far: {methods}")
            await asyncio.sleep(0.02)
        return self.calls

    async def wait_posts(
        self, n: int, method: str = "chat.postMessage", seconds: float = 30.0
    ) -> list[Call]:
        """Wait until `n` successful calls of `method` were made; return them."""
        await self.wait_for(lambda _: len(self.posted(method)) >= n, seconds)
        return self.posted(method)

    async def push(self, envelope: dict[str, Any]) -> None:
        """Send a Socket Mode envelope to the connected app."""
        await self.sockets[-1].send_json(envelope)

    async def _socket(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse()
        await ws.prepare(request)
        self.sockets.append(ws)
        async for message in ws:
            if message.type == WSMsgType.TEXT:
                self.socket_acks.append(json.loads(message.data))
        return ws

    async def _handle(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        if request.content_type == "application/json":
            body = await request.json()
        else:
            body = dict(await request.post())
        if method in self._delays:
            await asyncio.sleep(self._delays.pop(method))
        if method in self._broken:
            times, status = self._broken.pop(method)
            if times > 1:
                self._broken[method] = (times - 1, status)
            self.calls.append(Call(method, body, status=status))
            return web.json_response({"ok": False, "error": "fatal_error"}, status=status)
        retry_after = self._throttle.pop(method, None)
        if retry_after is not None:
            self.calls.append(Call(method, body, status=429))
            return web.json_response(
                {"ok": False, "error": "ratelimited"},
                status=429,
                headers={"Retry-After": str(retry_after)},
            )
        self.calls.append(Call(method, body))
        return web.json_response(self._result(method, body))

    def _result(self, method: str, body: dict[str, Any]) -> dict[str, Any]:
        self._ts += 1
        ts = f"1700000000.{self._ts:06d}"
        if method == "auth.test":
            return {
                "ok": True,
                "url": "https://fake.slack.com/",
                "team": "Fake",
                "user": "briefbot",
                "team_id": "T1",
                "user_id": BOT_USER_ID,
                "bot_id": BOT_ID,
            }
        if method in ("chat.postMessage", "chat.update"):
            if body.get("channel") in self.deleted_channels:
                return {"ok": False, "error": "channel_not_found"}
            return {"ok": True, "channel": body.get("channel"), "ts": ts, "message": body}
        if method == "apps.connections.open":
            return {"ok": True, "url": f"ws://127.0.0.1:{self.port}/socket"}
        if method == "chat.postEphemeral":
            return {"ok": True, "message_ts": ts}
        return {"ok": False, "error": "unknown_method"}


class Slack:
    """Plays Slack's side: signs and sends events, commands and button clicks to the app."""

    def __init__(self, url: str, http: httpx.AsyncClient, signing_secret: str) -> None:
        self.url = url
        self.http = http
        self.secret = signing_secret

    async def send(
        self,
        body: str,
        content_type: str,
        timestamp: int | None = None,
        headers: dict[str, str] | None = None,
    ) -> httpx.Response:
        """POST `body` with Slack's v0 signature (over `timestamp`, default now); `headers` win."""
        ts = str(int(time.time()) if timestamp is None else timestamp)
        digest = hmac.new(self.secret.encode(), f"v0:{ts}:{body}".encode(), hashlib.sha256)
        signed = {
            "Content-Type": content_type,
            "X-Slack-Request-Timestamp": ts,
            "X-Slack-Signature": f"v0={digest.hexdigest()}",
        }
        return await self.http.post(self.url, content=body, headers={**signed, **(headers or {})})

    async def event(
        self, event: dict[str, Any], event_id: str = "", headers: dict[str, str] | None = None
    ) -> httpx.Response:
        """Deliver an Events API callback."""
        payload = {
            "token": "unused",
            "team_id": "T1",
            "api_app_id": "A1",
            "type": "event_callback",
            "event_id": event_id or f"Ev{next(_ids)}",
            "event_time": int(time.time()),
            "event": event,
        }
        return await self.send(json.dumps(payload), "application/json", headers=headers)

    async def mention(self, text: str, channel: str = CHANNEL, **extra: Any) -> str:
        """Mention the bot in a channel; returns the message's ts."""
        ts = f"{time.time():.6f}"
        event = {
            "type": "app_mention",
            "user": "U1",
            "text": f"<@{BOT_USER_ID}> {text}",
            "ts": ts,
            "channel": channel,
            **extra,
        }
        assert (await self.event(event)).status_code == 200
        return ts

    async def message(self, text: str, channel: str, **extra: Any) -> None:
        """A plain message in a channel, thread or DM."""
        event = {"type": "message", "user": "U1", "text": text, "ts": f"{time.time():.6f}"}
        response = await self.event({**event, "channel": channel, **extra})
        assert response.status_code == 200

    async def command(self, text: str, channel: str = CHANNEL) -> httpx.Response:
        """Run `/brief text`."""
        form = {
            "command": "/brief",
            "text": text,
            "channel_id": channel,
            "user_id": "U1",
            "team_id": "T1",
            "response_url": "https://hooks.slack.invalid/commands/1",
            "trigger_id": "1.2.3",
        }
        return await self.send(urlencode(form), "application/x-www-form-urlencoded")

    async def click(self, action_id: str, answer_id: str, user: str = "U2") -> httpx.Response:
        """Click a feedback button under an answer."""
        payload = {
            "type": "block_actions",
            "team": {"id": "T1"},
            "user": {"id": user},
            "channel": {"id": CHANNEL},
            "container": {"type": "message", "channel_id": CHANNEL, "message_ts": "1.1"},
            "trigger_id": "1.2.3",
            "response_url": "https://hooks.slack.invalid/actions/1",
            "actions": [
                {
                    "type": "button",
                    "action_id": action_id,
                    "block_id": "feedback",
                    "value": answer_id,
                }
            ],
        }
        body = urlencode({"payload": json.dumps(payload)})
        return await self.send(body, "application/x-www-form-urlencoded")
