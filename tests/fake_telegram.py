"""A fake Telegram Bot API server on 127.0.0.1 for driving the real python-telegram-bot."""

from __future__ import annotations

import asyncio
import itertools
import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from aiohttp import web

TOKEN = "123456:TEST-token-never-logged"
BOT_ID = 123456
BOT_USERNAME = "briefbot_test"
# Fields PTB sends as JSON text inside a form-encoded body.
_JSON_FIELDS = {
    "reply_markup",
    "reply_parameters",
    "entities",
    "commands",
    "link_preview_options",
    "allowed_updates",
}
_LONG_POLL_CAP = 0.3  # seconds: keeps the bot's shutdown quick whatever timeout it asks for


@dataclass
class Call:
    """One Bot API call the bot made."""

    method: str
    params: dict[str, Any]
    at: float  # time.monotonic() when it arrived


class FakeTelegram:
    """Serves the Bot API methods briefbot uses, records every call, and queues updates."""

    def __init__(self, token: str = TOKEN) -> None:
        self.token = token
        self.calls: list[Call] = []
        self.port = 0
        self._updates: list[dict[str, Any]] = []
        self._new_update = asyncio.Event()
        self._update_ids = itertools.count(1)
        self._message_ids = itertools.count(1000)
        self._chats: dict[int, dict[str, Any]] = {}
        self._failures: dict[str, int] = {}
        self._broken: dict[str, tuple[int, int]] = {}  # method -> (times left, status)
        self._delays: dict[str, float] = {}  # method -> seconds, once
        self._held: dict[str, asyncio.Event] = {}  # method -> released when set
        self.blocked: set[int] = set()  # chats whose user blocked the bot: sendMessage gets 403
        self._runner: web.AppRunner | None = None

    @property
    def base_url(self) -> str:
        """The base URL in python-telegram-bot's form (the token gets appended)."""
        return f"http://127.0.0.1:{self.port}/bot"

    async def __aenter__(self) -> FakeTelegram:
        app = web.Application()
        app.router.add_post("/bot{token}/{method}", self._handle)
        self._runner = web.AppRunner(app, access_log=None)  # its URLs hold the token
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    # --- scripting -------------------------------------------------------------------------

    def fail_once(self, method: str, retry_after: int = 1) -> None:
        """Answer the next call of `method` with a 429 asking to retry after `retry_after` s."""
        self._failures[method] = retry_after

    def delay_next(self, method: str, seconds: float) -> None:
        """Answer the next call of `method` only after `seconds` (it still takes effect)."""
        self._delays[method] = seconds

    def hold(self, method: str) -> asyncio.Event:
        """Keep every call of `method` waiting until the returned event is set."""
        self._held[method] = asyncio.Event()
        return self._held[method]

    def break_next(self, method: str, times: int = 1, status: int = 502) -> None:
        """Answer the next `times` calls of `method` with a server error (nothing is sent)."""
        self._broken[method] = (times, status)

    def send_text(
        self,
        chat_id: int,
        text: str,
        *,
        user_id: int | None = None,
        group: bool = False,
        reply_to: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        """Queue a text message from a user; returns the Message object."""
        chat = {"id": chat_id, "type": "supergroup", "title": "Group"} if group else None
        chat = chat or {"id": chat_id, "type": "private", "first_name": "Ann"}
        self._chats[chat_id] = chat
        uid = user_id if user_id is not None else abs(chat_id)
        message: dict[str, Any] = {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": chat,
            "from": {"id": uid, "is_bot": False, "first_name": "Ann"},
            "text": text,
        }
        entities = _entities(text)
        if entities:
            message["entities"] = entities
        if reply_to is not None:
            message["reply_to_message"] = reply_to
        self.push({"message": message})
        return message

    def press(self, message: dict[str, Any], data: str, user_id: int = 7) -> None:
        """Queue a press of an inline button carrying `data` under `message`."""
        self.push(
            {
                "callback_query": {
                    "id": str(next(self._message_ids)),
                    "from": {"id": user_id, "is_bot": False, "first_name": "Ann"},
                    "chat_instance": "1",
                    "message": message,
                    "data": data,
                }
            }
        )

    def push(self, update: dict[str, Any]) -> dict[str, Any]:
        """Queue a raw update for getUpdates; returns it with its update_id."""
        update = {"update_id": next(self._update_ids), **update}
        self._updates.append(update)
        self._new_update.set()
        return update

    # --- inspecting ------------------------------------------------------------------------

    def called(self, method: str) -> list[Call]:
        """The calls of one method, in order."""
        return [c for c in self.calls if c.method == method]

    def sent(self, chat_id: int) -> list[dict[str, Any]]:
        """The messages sent to a chat, as the Message objects returned for them."""
        return [
            c.params["_result"]
            for c in self.calls
            if c.method == "sendMessage"
            and "_result" in c.params
            and c.params["_result"]["chat"]["id"] == chat_id
        ]

    def texts(self, chat_id: int) -> list[str]:
        """The texts sent to a chat."""
        return [m["text"] for m in self.sent(chat_id)]

    async def wait_for(self, check: Callable[[], Any], within: float = 30.0) -> Any:
        """Poll until `check()` is truthy; fail with what was sent when the deadline passes."""
        deadline = time.monotonic() + within
        while not (result := check()):
            if time.monotonic() > deadline:
                sent = [(c.method, c.params.get("text")) for c in self.calls][-10:]
                raise AssertionError(f"timed out; last calls: {sent}")
            await asyncio.sleep(0.02)
        return result

    # --- the server ------------------------------------------------------------------------

    async def _handle(self, request: web.Request) -> web.Response:
        if request.match_info["token"] != self.token:
            return _error(401, "Unauthorized")
        method = request.match_info["method"]
        params = await _params(request)
        call = Call(method, params, time.monotonic())
        self.calls.append(call)
        if method in self._delays:
            await asyncio.sleep(self._delays.pop(method))
        if method in self._held:
            await self._held[method].wait()
        if method in self._broken:
            times, status = self._broken[method]
            if times <= 1:
                del self._broken[method]
            else:
                self._broken[method] = (times - 1, status)
            call.params["_status"] = status
            return _error(status, "Bad Gateway" if status == 502 else "Internal Server Error")
        if method in self._failures:
            retry_after = self._failures.pop(method)
            return web.json_response(
                {
                    "ok": False,
                    "error_code": 429,
                    "description": f"Too Many Requests: retry after {retry_after}",
                    "parameters": {"retry_after": retry_after},
                },
                status=429,
            )
        handler = getattr(self, f"_api_{method}", None)
        if handler is None:
            return _error(404, "Not Found: method not found")
        try:
            result = await handler(params)
        except _Refused as refusal:
            return _error(refusal.status, refusal.description)
        params["_result"] = result
        return web.json_response({"ok": True, "result": result})

    async def _api_getMe(self, params: dict[str, Any]) -> Any:
        return {
            "id": BOT_ID,
            "is_bot": True,
            "first_name": "Briefbot",
            "username": BOT_USERNAME,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
        }

    async def _api_getUpdates(self, params: dict[str, Any]) -> Any:
        offset = int(params.get("offset") or 0)
        self._updates = [u for u in self._updates if u["update_id"] >= offset]
        if not self._updates:
            self._new_update.clear()
            timeout = min(float(params.get("timeout") or 0), _LONG_POLL_CAP)
            try:
                await asyncio.wait_for(self._new_update.wait(), timeout)
            except TimeoutError:
                return []
        return self._updates[:100]

    async def _api_sendMessage(self, params: dict[str, Any]) -> Any:
        chat_id = int(params["chat_id"])
        if chat_id in self.blocked:
            raise _Refused(403, "Forbidden: bot was blocked by the user")
        message: dict[str, Any] = {
            "message_id": next(self._message_ids),
            "date": int(time.time()),
            "chat": self._chats.get(chat_id, {"id": chat_id, "type": "private"}),
            "from": {"id": BOT_ID, "is_bot": True, "first_name": "Briefbot"},
            "text": params["text"],
        }
        if "reply_markup" in params:
            message["reply_markup"] = params["reply_markup"]
        return message

    async def _api_editMessageText(self, params: dict[str, Any]) -> Any:
        return await self._api_sendMessage(params)

    async def _api_sendChatAction(self, params: dict[str, Any]) -> Any:
        return True

    async def _api_answerCallbackQuery(self, params: dict[str, Any]) -> Any:
        return True

    async def _api_setMyCommands(self, params: dict[str, Any]) -> Any:
        return True

    async def _api_setMyDescription(self, params: dict[str, Any]) -> Any:
        return True

    async def _api_deleteWebhook(self, params: dict[str, Any]) -> Any:
        return True

    async def _api_setWebhook(self, params: dict[str, Any]) -> Any:
        return True

    async def _api_getWebhookInfo(self, params: dict[str, Any]) -> Any:
        url = next((c.params["url"] for c in reversed(self.called("setWebhook"))), "")
        return {"url": url, "has_custom_certificate": False, "pending_update_count": 0}


async def _params(request: web.Request) -> dict[str, Any]:
    if request.content_type == "application/json":
        body = await request.json()
        return dict(body) if isinstance(body, dict) else {}
    form = await request.post()
    params: dict[str, Any] = {}
    for key, value in form.items():
        text = value if isinstance(value, str) else ""
        params[key] = json.loads(text) if key in _JSON_FIELDS else text
    return params


class _Refused(Exception):
    """A Bot API error the fake answers with, as the real one would."""

    def __init__(self, status: int, description: str) -> None:
        super().__init__(description)
        self.status = status
        self.description = description


def _error(status: int, description: str) -> web.Response:
    return web.json_response(
        {"ok": False, "error_code": status, "description": description}, status=status
    )


def _entities(text: str) -> list[dict[str, Any]]:
    """bot_command and mention entities, as Telegram marks them."""
    entities = []
    offset = 0
    for word in text.split(" "):
        if word.startswith("/") and offset == 0:
            entities.append({"type": "bot_command", "offset": 0, "length": len(word)})
        elif word.startswith("@"):
            entities.append({"type": "mention", "offset": offset, "length": len(word)})
        offset += len(word) + 1
    return entities
