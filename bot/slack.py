"""The Slack front end: mentions, DMs, thread follow-ups, /brief and feedback buttons."""

from __future__ import annotations

import asyncio
import logging
import re
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from aiohttp import web
from slack_bolt.adapter.socket_mode.aiohttp import AsyncSocketModeHandler
from slack_bolt.app.async_app import AsyncApp
from slack_bolt.app.async_server import AsyncSlackAppServer
from slack_bolt.context.ack.async_ack import AsyncAck
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.response import BoltResponse
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_async_handlers import (
    AsyncRateLimitErrorRetryHandler,
    AsyncServerErrorRetryHandler,
)
from slack_sdk.web.async_client import AsyncWebClient

from bot.conversation import (
    COMPARE_USAGE,
    CommandError,
    Conversations,
    SmallTalk,
    SubscriptionError,
    UnaskableQuestion,
    checked_question,
    comparison_question,
    timeline_topic,
)
from bot.ratelimit import RateLimiter
from bot.render_slack import (
    FEEDBACK_DOWN,
    FEEDBACK_UP,
    escape,
    render_slack_blocks,
    render_slack_digest,
    render_slack_timeline,
)
from bot.scheduler import ChatGone, PartiallySent, Sender
from bot.settings import Settings
from bot.state import Subscription
from retrieval.digest import Digest

PLATFORM = "slack"
EVENTS_PATH = "/slack/events"
_REMEMBERED = 10_000  # event ids and answered threads kept; the oldest are forgotten first
_MENTION = re.compile(r"<@[A-Z0-9]+(?:\|[^>]*)?>")
# Slack sends emoji as their names (":thinking_face:", ":+1::skin-tone-2:"): no words of a
# question, and a message of them alone asks nothing.
_EMOJI = re.compile(r":[a-z0-9_+'-]+:(?::skin-tone-\d:)?")

log = logging.getLogger(__name__)

HELP = (
    "Ask me about the news and I answer with numbered sources.\n"
    "• Mention me in a channel: the answer goes in a thread; reply there to follow up.\n"
    "• Message me directly: every message is a question.\n"
    "• `/brief QUESTION` answers in this channel.\n"
    "• `/brief compare SIDE, SIDE: TOPIC` sets each side's own position side by side, e.g. "
    "`/brief compare russia, ukraine: security guarantees`.\n"
    "• `/brief timeline TOPIC [since DATE]` lists what changed on a topic, newest first.\n"
    "• `/brief subscribe [HH:MM] [Area/City]` subscribes this channel to a daily digest; "
    "`/brief unsubscribe` ends it; `/brief digest [all]` shows the subscription and what is new."
)
SUBCOMMANDS = ("", "help", "subscribe", "unsubscribe", "digest")
NOT_HERE = "Sorry, I'm not enabled in this channel."
APOLOGY = "Sorry, something went wrong while answering; please try again in a moment."


class _Recent:
    """A bounded set of recently seen keys."""

    def __init__(self, size: int = _REMEMBERED) -> None:
        self._keys: OrderedDict[str, None] = OrderedDict()
        self._size = size

    def add(self, key: str) -> bool:
        """Remember `key`; False when it was already there."""
        if key in self._keys:
            return False
        self._keys[key] = None
        if len(self._keys) > self._size:
            self._keys.popitem(last=False)
        return True

    def __contains__(self, key: str) -> bool:
        return key in self._keys


@dataclass(frozen=True)
class _Target:
    """Where a reply goes: a channel, perhaps a thread; with `user`, notices reach only them."""

    channel: str
    thread: str | None = None
    user: str = ""  # set for /brief, whose refusals and errors need not show to the channel


async def _notify(client: AsyncWebClient, to: _Target, text: str) -> None:
    """A short message that is not an answer: ephemeral when it concerns one user."""
    if to.user:
        await client.chat_postEphemeral(
            channel=to.channel, user=to.user, text=text, thread_ts=to.thread
        )
    else:
        await client.chat_postMessage(channel=to.channel, thread_ts=to.thread, text=text)


class SlackBot:
    """The handlers and what they share: the conversation core, limits, seen events, threads."""

    def __init__(self, settings: Settings, conversations: Conversations) -> None:
        self.settings = settings
        self.conversations = conversations
        self.limiter = RateLimiter(settings.rate_limit_per_minute)
        self.events = _Recent()
        self.threads = _Recent()  # "channel:thread_ts" of threads the bot answered in

    def register(self, app: AsyncApp) -> None:
        """Attach every listener to `app`."""
        app.middleware(self.guard)
        app.event("app_mention")(self.on_mention)
        app.event("message")(self.on_message)
        app.command("/brief")(ack=self.ack_command, lazy=[self.answer_command])
        app.action(re.compile(f"^({FEEDBACK_UP}|{FEEDBACK_DOWN})$"))(self.on_feedback)

    async def guard(
        self, body: dict[str, Any], context: AsyncBoltContext, next: Any
    ) -> BoltResponse | None:
        """Drop Slack's retries of events already seen, and requests from other channels."""
        event_id = body.get("event_id")
        if event_id and not self.events.add(event_id):
            log.info("ignoring a retry of event %s", event_id)
            return BoltResponse(status=200, body="")
        channel = context.channel_id
        if channel and not self.settings.chat_allowed(PLATFORM, channel):
            # A command gets a polite ephemeral refusal; mentions elsewhere get silence.
            refusal = {"response_type": "ephemeral", "text": NOT_HERE}
            return BoltResponse(status=200, body=refusal if body.get("command") else "")
        await next()
        return None

    async def on_mention(self, event: dict[str, Any], client: AsyncWebClient) -> None:
        """A mention in a channel: answer in its thread."""
        await self.answer(event, event.get("thread_ts") or event["ts"], client)

    async def on_message(
        self, event: dict[str, Any], context: AsyncBoltContext, client: AsyncWebClient
    ) -> None:
        """A DM is a question; a channel message is one only in a thread the bot answered in."""
        if event.get("subtype") or event.get("bot_id"):
            return  # edits, joins, bots (this one included)
        if event.get("channel_type") == "im" or self.is_follow_up(event, context):
            await self.answer(event, event.get("thread_ts"), client)

    def is_follow_up(self, event: dict[str, Any], context: AsyncBoltContext) -> bool:
        """A plain message in a thread the bot answered in (mentions come as app_mention)."""
        thread = event.get("thread_ts")
        return bool(thread) and (
            f"{event['channel']}:{thread}" in self.threads
            and f"<@{context.bot_user_id}>" not in event.get("text", "")
        )

    async def answer(
        self, event: dict[str, Any], thread: str | None, client: AsyncWebClient
    ) -> None:
        """Answer a message's text in `thread` (or the channel), the thread being the context."""
        to = _Target(event["channel"], thread)
        chat = f"{to.channel}:{thread}" if thread else to.channel
        question = _asked(_MENTION.sub("", event.get("text", "")))
        if await self.reply(to, chat, question, client) and thread:
            self.threads.add(f"{to.channel}:{thread}")

    async def ack_command(self, ack: AsyncAck, command: dict[str, Any]) -> None:
        """Acknowledge /brief at once; subcommands are answered right in the acknowledgement."""
        verb, args = _verb(command.get("text", ""))
        if verb in SUBCOMMANDS:
            await ack(text=await self.subcommand(verb, args, command))
        elif verb == "timeline":
            try:
                timeline_topic(args)
            except CommandError as exc:
                await ack(text=f"Usage: `/brief timeline TOPIC [since DATE]`. {escape(str(exc))}")
                return
            await ack(text=f"Looking for what changed on: {escape(_shorten(args))}")
        elif verb == "compare" and not _compares(args):
            await ack(text=f"Usage: `/brief compare SIDE, SIDE: TOPIC`. {escape(COMPARE_USAGE)}")
        elif refusal := _refusal(_asked(command["text"])):
            await ack(text=escape(refusal))
        else:
            await ack(text=f"Looking into: {escape(_shorten(command['text'].strip()))}")

    async def answer_command(self, command: dict[str, Any], client: AsyncWebClient) -> None:
        """The slow part of /brief QUESTION (or /brief digest), run after the acknowledgement."""
        verb, args = _verb(command.get("text", ""))
        if verb == "digest":
            channel = command["channel_id"]
            try:
                digest = await self.conversations.digest(PLATFORM, channel)
                await post_digest(client, channel, digest, show_all=args.lower() == "all")
            except Exception:
                log.exception("building the digest for channel %s failed", channel)
                await _notify(client, _Target(channel, None, command["user_id"]), APOLOGY)
            return
        if verb == "timeline":
            await self.post_timeline(command, args, client)
            return
        if verb in SUBCOMMANDS or (verb == "compare" and not _compares(args)):
            return
        question = _asked(command["text"])
        if _refusal(question):
            return  # the acknowledgement said what to send
        to = _Target(command["channel_id"], None, command["user_id"])
        asked = f"<@{to.user}> asked: {escape(question)}"
        await self.reply(to, f"{to.channel}:{to.user}", question, client, asked)

    async def post_timeline(
        self, command: dict[str, Any], args: str, client: AsyncWebClient
    ) -> None:
        """Post the timeline `/brief timeline TOPIC [since DATE]` asked for."""
        to = _Target(command["channel_id"], None, command["user_id"])
        try:
            timeline = await self.conversations.timeline(args)
        except CommandError:
            return  # the acknowledgement said how to write it
        except Exception:
            log.exception("building a timeline for channel %s failed", to.channel)
            await _notify(client, to, APOLOGY)
            return
        for message in render_slack_timeline(timeline):
            await client.chat_postMessage(
                channel=to.channel,
                text=message.text,
                blocks=message.blocks,
                unfurl_links=False,
                unfurl_media=False,
            )

    async def subcommand(self, verb: str, args: str, command: dict[str, Any]) -> str:
        """The reply to `/brief help|subscribe|unsubscribe|digest` (or a bare `/brief`)."""
        channel, user = command["channel_id"], command["user_id"]
        if verb == "subscribe":
            return await asyncio.to_thread(self.subscribe, channel, args, user)
        if verb == "unsubscribe":
            gone = await asyncio.to_thread(self.conversations.unsubscribe, PLATFORM, channel)
            return "Unsubscribed." if gone else "This channel had no digest subscription."
        if verb == "digest":
            sub = await asyncio.to_thread(self.conversations.subscription, PLATFORM, channel)
            return f"{_digest_status(sub)} Here is what is new now:"
        return HELP

    async def on_feedback(
        self, ack: AsyncAck, body: dict[str, Any], action: dict[str, Any], client: AsyncWebClient
    ) -> None:
        """Record a 👍/👎 click and thank the clicker privately."""
        await ack()
        rating = 1 if action["action_id"] == FEEDBACK_UP else -1
        user = body["user"]["id"]
        known = await asyncio.to_thread(self.conversations.feedback, action["value"], user, rating)
        text = "Thanks for the feedback!" if known else "Thanks — that answer is too old to rate."
        thread = body.get("container", {}).get("thread_ts")
        await _notify(client, _Target(body["channel"]["id"], thread, user), text)

    async def reply(
        self, to: _Target, chat: str, question: str, client: AsyncWebClient, preface: str = ""
    ) -> bool:
        """Post the answer to `question` (or why there is none); True when answered."""
        if not question:
            await _notify(client, to, HELP)
            return False
        refusal = _refusal(question)
        if refusal:  # before the rate limit: a refused message uses up no turn
            await _notify(client, to, refusal)
            return False
        if not self.limiter.allow(to.channel):
            wait = max(1, round(self.limiter.retry_after(to.channel)))
            await _notify(
                client, to, f"That's a lot of questions at once; please ask again in {wait} s."
            )
            return False
        try:
            reply = await self.conversations.ask_in(PLATFORM, chat, question)
        except Exception:
            log.exception("answering a question in channel %s failed", to.channel)
            await _notify(client, to, APOLOGY)
            return False
        for message in render_slack_blocks(reply.answer, reply.answer_id, preface, reply.reading):
            await client.chat_postMessage(
                channel=to.channel,
                thread_ts=to.thread,
                text=message.text,
                blocks=message.blocks,
                unfurl_links=False,
                unfurl_media=False,
            )
        return True

    def subscribe(self, channel: str, args: str, user: str) -> str:
        """Subscribe the channel; the reply says when, and that digests are not built yet."""
        try:
            sub = self.conversations.subscribe(PLATFORM, channel, args, user)
        except SubscriptionError as exc:
            return escape(str(exc))  # it quotes what was typed
        return _digest_status(sub)


def _asked(text: str) -> str:
    """A message's question: its emoji names left out."""
    return " ".join(_EMOJI.sub(" ", text).split())


def _refusal(question: str) -> str:
    """Why a question can't be asked (too long, no words), or "" when it can."""
    try:
        checked_question(question)
    except SmallTalk as exc:
        return HELP if exc.kind == "help" else str(exc)
    except UnaskableQuestion as exc:
        return str(exc)
    return ""


def _shorten(text: str, limit: int = 200) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _compares(args: str) -> bool:
    """Whether `/brief compare ARGS` names its sides and topic readably."""
    try:
        comparison_question(args)
    except CommandError:
        return False
    return True


def _verb(text: str) -> tuple[str, str]:
    """The first word of a /brief text, lower-cased, and the rest."""
    first, _, rest = text.strip().partition(" ")
    return first.lower(), rest.strip()


def _digest_status(sub: Subscription | None) -> str:
    """Where the channel stands with the daily digest."""
    if sub is None:
        return (
            "This channel has no digest subscription; `/brief subscribe [HH:MM] [Area/City]` "
            "sets one up."
        )
    topic = f" on “{escape(sub.topic)}”" if sub.topic else ""
    return (
        f"This channel is subscribed to a daily digest at {sub.local_time} ({sub.timezone}){topic}."
    )


# Errors meaning the channel is gone for good, or the bot was removed from it.
_GONE = frozenset(
    {"channel_not_found", "is_archived", "not_in_channel", "account_inactive", "team_not_found"}
)


async def post_digest(
    client: AsyncWebClient, channel: str, digest: Digest, show_all: bool = False
) -> None:
    """Post a digest to a channel; raises ChatGone when the channel is gone for the bot."""
    sent = 0
    try:
        for message in render_slack_digest(digest, show_all):
            sent += 1
            await client.chat_postMessage(
                channel=channel,
                text=message.text,
                blocks=message.blocks,
                unfurl_links=False,
                unfurl_media=False,
            )
    except SlackApiError as exc:
        if exc.response.get("error") in _GONE:
            raise ChatGone(channel) from exc
        if sent > 1:
            raise PartiallySent(channel) from exc
        raise


def digest_sender(client: AsyncWebClient) -> Sender:
    """The scheduler's way of delivering a digest to a Slack channel."""

    async def send(channel: str, digest: Digest) -> None:
        await post_digest(client, channel, digest)

    return send


def build_app(settings: Settings, conversations: Conversations) -> AsyncApp:
    """The Slack app, its Web API client retrying 429s after Retry-After."""
    client = AsyncWebClient(
        token=settings.slack_bot_token.get_secret_value(),
        base_url=settings.slack_api_url or AsyncWebClient.BASE_URL,
        timeout=round(settings.chat_api_timeout_seconds),
    )
    client.retry_handlers.append(AsyncRateLimitErrorRetryHandler(max_retry_count=2))
    # A 5xx means Slack did not post the message: posting again cannot duplicate it.
    client.retry_handlers.append(AsyncServerErrorRetryHandler(max_retry_count=2))
    socket_mode = bool(settings.slack_app_token.get_secret_value())
    app = AsyncApp(
        client=client,
        signing_secret=settings.slack_signing_secret.get_secret_value(),
        request_verification_enabled=not socket_mode,  # Socket Mode requests are not signed
        name="briefbot",
    )
    SlackBot(settings, conversations).register(app)
    return app


async def serve_http(app: AsyncApp, host: str, port: int) -> web.AppRunner:
    """Serve `app` at /slack/events on host:port; the caller cleans the runner up."""
    server = AsyncSlackAppServer(port=port, path=EVENTS_PATH, app=app, host=host)
    runner = web.AppRunner(server.web_app, access_log=None)
    await runner.setup()
    await web.TCPSite(runner, host, port).start()
    return runner


async def run_slack(
    settings: Settings,
    conversations: Conversations,
    stop: asyncio.Event,
    host: str = "0.0.0.0",
    senders: dict[str, Sender] | None = None,
) -> None:
    """Run the Slack app (Socket Mode with an app token, else HTTP) until `stop` is set."""
    app_token = settings.slack_app_token.get_secret_value()
    if not app_token and not settings.slack_signing_secret.get_secret_value():
        raise ValueError(
            "SLACK_SIGNING_SECRET is not set; add it to .env (see .env.example), "
            "or set SLACK_APP_TOKEN for Socket Mode."
        )
    app = build_app(settings, conversations)
    if senders is not None:
        senders[PLATFORM] = digest_sender(app.client)
    if app_token:
        handler = AsyncSocketModeHandler(app, app_token)
        await handler.connect_async()  # type: ignore[no-untyped-call]
        try:
            await stop.wait()
        finally:
            await handler.close_async()  # type: ignore[no-untyped-call]
        return
    runner = await serve_http(app, host, settings.slack_port)
    log.info("Slack events endpoint on %s:%d%s", host, settings.slack_port, EVENTS_PATH)
    try:
        await stop.wait()
    finally:
        await runner.cleanup()
