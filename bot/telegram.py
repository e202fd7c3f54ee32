"""The Telegram handlers: turn Telegram updates into calls of the conversation core."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
import re
import time
from collections import OrderedDict
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from telegram import (
    Bot,
    BotCommand,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    LinkPreviewOptions,
    Message,
    Update,
)
from telegram.constants import ChatAction
from telegram.error import TelegramError, TimedOut
from telegram.ext import (
    Application,
    ApplicationHandlerStop,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot.conversation import (
    CommandError,
    Conversations,
    Reply,
    SmallTalk,
    SubscriptionError,
    UnaskableQuestion,
    checked_question,
    comparison_question,
    timeline_topic,
)
from bot.ratelimit import RateLimiter
from bot.render_telegram import (
    APOLOGY,
    ASK_USAGE,
    HELP,
    REFUSAL,
    START,
    describe_subscription,
    render_digest_telegram,
    render_sources_html,
    render_telegram_html,
    render_timeline_telegram,
)
from bot.settings import Settings
from retrieval.answers import Answer
from retrieval.digest import parse_since

PLATFORM = "telegram"
Context = ContextTypes.DEFAULT_TYPE
TelegramApp = Application[Any, Any, Any, Any, Any, Any]
Ingest = Callable[[], str] | None  # re-ingests the corpus and returns a summary, for /ingest

_LOG = logging.getLogger("briefbot.telegram")
_REMEMBERED_CHATS = 10_000
NO_PREVIEW = LinkPreviewOptions(is_disabled=True)  # several links per answer: no big preview

COMMANDS = (
    BotCommand("start", "What this bot is, with example questions"),
    BotCommand("help", "How to ask and what the commands do"),
    BotCommand("ask", "Ask a question: /ask QUESTION"),
    BotCommand("compare", "Positions side by side: /compare russia, ukraine: TOPIC"),
    BotCommand("timeline", "What changed: /timeline TOPIC [since DATE]"),
    BotCommand("sources", "The last answer's sources with the sentences cited"),
    BotCommand("subscribe", "Daily digest: /subscribe [HH:MM] [Area/City]"),
    BotCommand("unsubscribe", "Stop the daily digest"),
    BotCommand("digest", "The digest for this chat"),
    BotCommand("settings", "This chat's digest subscription"),
)


class _Addressed(filters.MessageFilter):
    """Group messages meant for the bot: they mention it or reply to one of its messages."""

    def filter(self, message: Message) -> bool:
        """True when the message mentions the bot or replies to it."""
        bot = message.get_bot()
        replied = message.reply_to_message
        if replied is not None and replied.from_user is not None and replied.from_user.id == bot.id:
            return True
        mentions = message.parse_entities(["mention"]).values()
        return f"@{bot.username}".lower() in (m.lower() for m in mentions)


class TelegramBot:
    """The handlers, sharing the settings, the conversation core and per-chat limits."""

    def __init__(self, settings: Settings, conversations: Conversations, ingest: Ingest) -> None:
        self.settings = settings
        self.conversations = conversations
        self.ingest = ingest
        self.limiter = RateLimiter(settings.rate_limit_per_minute)
        self.admins = set(settings.telegram_admin_ids)
        self.refused: OrderedDict[int, None] = OrderedDict()  # refused once already
        self.last_answers: OrderedDict[int, Answer] = OrderedDict()
        self._background: set[asyncio.Task[None]] = set()

    def register(self, app: TelegramApp) -> None:
        """Add every handler to the application."""
        app.add_handler(TypeHandler(Update, self.check_access), group=-1)
        commands = {
            "start": self.start,
            "help": self.help,
            "ask": self.ask_command,
            "compare": self.compare,
            "timeline": self.timeline,
            "sources": self.sources,
            "subscribe": self.subscribe,
            "unsubscribe": self.unsubscribe,
            "digest": self.digest,
            "settings": self.show_settings,
        }
        if self.ingest is not None:
            commands["ingest"] = self.ingest_command
        for name, callback in commands.items():
            app.add_handler(CommandHandler(name, callback))
        text = filters.TEXT & ~filters.COMMAND
        app.add_handler(MessageHandler(text & filters.ChatType.PRIVATE, self.question))
        app.add_handler(
            MessageHandler(text & filters.ChatType.GROUPS & _Addressed(), self.question)
        )
        app.add_handler(MessageHandler(filters.COMMAND & filters.ChatType.PRIVATE, self.unknown))
        app.add_handler(CallbackQueryHandler(self.feedback, pattern=r"^fb:[0-9a-f]+:-?1$"))
        app.add_error_handler(self.on_error)

    async def check_access(self, update: Update, context: Context) -> None:
        """Outside the allowlist: one polite refusal per chat, then silence."""
        chat = update.effective_chat
        if self.settings.chat_allowed(PLATFORM, str(chat.id) if chat else ""):
            return
        if chat is not None and chat.id not in self.refused:
            self.refused[chat.id] = None
            while len(self.refused) > _REMEMBERED_CHATS:
                self.refused.popitem(last=False)
            _LOG.info("refused chat %s (not in TELEGRAM_ALLOWED_CHAT_IDS)", chat.id)
            await context.bot.send_message(chat.id, REFUSAL)
        raise ApplicationHandlerStop

    async def start(self, update: Update, context: Context) -> None:
        """What the bot is, with three example questions."""
        await _reply(update, START)

    async def help(self, update: Update, context: Context) -> None:
        """The commands and how to ask."""
        await _reply(update, HELP)

    async def ask_command(self, update: Update, context: Context) -> None:
        """/ask QUESTION."""
        question = " ".join(context.args or [])
        if not question:
            await _reply(update, ASK_USAGE)
            return
        await self.answer(update, context, question)

    async def compare(self, update: Update, context: Context) -> None:
        """/compare SIDE, SIDE: TOPIC: each side's own position, under its own heading."""
        try:
            question = comparison_question(" ".join(context.args or []))
        except CommandError as exc:
            await _reply(update, f"Usage: /compare SIDE, SIDE: TOPIC. {exc}")
            return
        await self.answer(update, context, question)

    async def timeline(self, update: Update, context: Context) -> None:
        """/timeline TOPIC [since DATE]: the topic's developments, newest first."""
        chat, text = update.effective_chat, " ".join(context.args or [])
        try:
            timeline_topic(text)
        except CommandError as exc:
            await _reply(update, f"Usage: /timeline TOPIC [since DATE]. {exc}")
            return
        if chat is not None:
            self._typing(context.bot, chat.id)
        timeline = await self.conversations.timeline(text)
        for page in render_timeline_telegram(timeline):
            await _reply(update, page, html=True)

    async def question(self, update: Update, context: Context) -> None:
        """A plain-text question (private chats, or a group message addressed to the bot)."""
        message = update.effective_message
        if message is None or not message.text:
            return
        mention = re.compile(rf"@{re.escape(context.bot.username)}\b", re.IGNORECASE)
        question = " ".join(mention.sub(" ", message.text).split())
        if question:
            await self.answer(update, context, question)

    async def answer(self, update: Update, context: Context, question: str) -> None:
        """Answer in the chat's conversation, with typing, rate limit, and feedback buttons."""
        chat, message = update.effective_chat, update.effective_message
        if chat is None or message is None:
            return
        try:
            checked_question(question)  # refused: no "typing…", no rate-limit turn
        except SmallTalk as exc:
            await message.reply_text(HELP if exc.kind == "help" else str(exc))
            return
        except UnaskableQuestion as exc:
            await message.reply_text(str(exc))
            return
        if not self.limiter.allow(str(chat.id)):
            wait = max(1, math.ceil(self.limiter.retry_after(str(chat.id))))
            await message.reply_text(f"You're asking quickly; please wait {wait} seconds.")
            return
        self._typing(context.bot, chat.id)
        reply = await self.conversations.ask_in(PLATFORM, str(chat.id), question)
        self._remember(chat.id, reply.answer)
        await _send_answer(message, reply)

    async def sources(self, update: Update, context: Context) -> None:
        """The last answer's sources with the cited passages."""
        chat = update.effective_chat
        answer = self.last_answers.get(chat.id) if chat is not None else None
        for page in render_sources_html(answer):
            await _reply(update, page, html=True)

    async def subscribe(self, update: Update, context: Context) -> None:
        """/subscribe [HH:MM] [Area/City]: store the chat's digest subscription."""
        chat, user = _chat_and_user(update)
        try:
            sub = await asyncio.to_thread(
                self.conversations.subscribe, PLATFORM, chat, " ".join(context.args or []), user
            )
        except SubscriptionError as exc:
            await _reply(update, str(exc))
            return
        await _reply(
            update,
            f"Subscribed: {describe_subscription(sub)}. /digest shows what is new right now.",
        )

    async def unsubscribe(self, update: Update, context: Context) -> None:
        """/unsubscribe: end the chat's subscription."""
        chat, _ = _chat_and_user(update)
        had = await asyncio.to_thread(self.conversations.unsubscribe, PLATFORM, chat)
        await _reply(update, "Unsubscribed." if had else "This chat had no digest subscription.")

    async def digest(self, update: Update, context: Context) -> None:
        """/digest [24h|3d|YYYY-MM-DD] [all]: what is new since then (default: the last digest);
        `all` shows every story, not only those that fit one message."""
        chat, _ = _chat_and_user(update)
        since = None
        args = [a for a in context.args or [] if a.lower() != "all"]
        show_all = len(args) < len(context.args or [])
        if args:
            try:
                start, _ = parse_since(args[0], time.time())
            except ValueError as exc:
                await _reply(update, str(exc).replace("--since", "/digest"))
                return
            since = datetime.fromisoformat(start).replace(tzinfo=UTC)
        self._typing(context.bot, int(chat))
        digest = await self.conversations.digest(PLATFORM, chat, since)
        for page in render_digest_telegram(digest, show_all=show_all):
            await _reply(update, page, html=True)

    async def show_settings(self, update: Update, context: Context) -> None:
        """/settings: the chat's subscription."""
        await _reply(update, await self._status(update))

    async def ingest_command(self, update: Update, context: Context) -> None:
        """/ingest (admins only): re-ingest the configured corpus."""
        user = update.effective_user
        if self.ingest is None or user is None or user.id not in self.admins:
            await _reply(update, "Sorry, /ingest is for the bot's admins only.")
            return
        await _reply(update, "Ingesting the corpus…")
        summary = await asyncio.to_thread(self.ingest)
        await _reply(update, summary)

    async def unknown(self, update: Update, context: Context) -> None:
        """An unknown command in a private chat."""
        await _reply(update, "I don't know that command; /help lists the ones I do.")

    async def feedback(self, update: Update, context: Context) -> None:
        """A 👍/👎 press: record it and acknowledge it."""
        query = update.callback_query
        if query is None or query.data is None:
            return
        _, answer_id, rating = query.data.split(":", 2)
        user = str(query.from_user.id)
        known = await asyncio.to_thread(self.conversations.feedback, answer_id, user, int(rating))
        await query.answer(
            "Thanks for the feedback!" if known else "That answer is too old to rate."
        )

    async def on_error(self, update: object, context: Context) -> None:
        """Log the failure and apologise to the chat (logs blank the token: bot.redaction)."""
        _LOG.error("handling a Telegram update failed", exc_info=context.error)
        if isinstance(context.error, TimedOut):
            return  # the reply may well have arrived: an apology would contradict it
        if isinstance(update, Update) and update.effective_message is not None:
            with contextlib.suppress(TelegramError):
                await update.effective_message.reply_text(APOLOGY)

    async def _status(self, update: Update) -> str:
        chat, _ = _chat_and_user(update)
        sub = await asyncio.to_thread(self.conversations.subscription, PLATFORM, chat)
        if sub is None:
            return "No digest subscription here. /subscribe 07:30 Europe/Kyiv sets one."
        return f"Digest subscription: {describe_subscription(sub)}."

    def _typing(self, bot: Bot, chat_id: int) -> None:
        """Show "typing…" once, in the background: the answer never waits for it, and a
        failure (it is only a courtesy) is logged, not retried."""

        async def send() -> None:
            try:
                await bot.send_chat_action(chat_id, ChatAction.TYPING)
            except TelegramError as exc:
                _LOG.info("could not show typing in chat %s: %s", chat_id, exc)

        task = asyncio.create_task(send())
        self._background.add(task)  # the loop keeps only a weak reference to tasks
        task.add_done_callback(self._background.discard)

    def _remember(self, chat: int, answer: Answer) -> None:
        self.last_answers[chat] = answer
        self.last_answers.move_to_end(chat)
        while len(self.last_answers) > _REMEMBERED_CHATS:
            self.last_answers.popitem(last=False)


async def _send_answer(message: Message, reply: Reply) -> None:
    """The answer's pages as replies, the feedback buttons under the last one of a real
    answer (not under an abstention)."""
    pages = render_telegram_html(reply.answer, searched_for=reply.reading)
    rated = not reply.answer.abstained
    for i, page in enumerate(pages):
        markup = _feedback_buttons(reply.answer_id) if rated and i == len(pages) - 1 else None
        await message.reply_html(page, reply_markup=markup, link_preview_options=NO_PREVIEW)


def _feedback_buttons(answer_id: str) -> InlineKeyboardMarkup | None:
    """👍/👎 under an answer; the answer id rides in callback_data (at most 64 bytes)."""
    if not answer_id:
        return None
    ratings = (("👍", 1), ("👎", -1))
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(text, callback_data=f"fb:{answer_id}:{r}") for text, r in ratings]]
    )


async def _reply(update: Update, text: str, html: bool = False) -> None:
    message = update.effective_message
    if message is None:
        return
    if html:
        await message.reply_html(text, link_preview_options=NO_PREVIEW)
    else:
        await message.reply_text(text)


def _chat_and_user(update: Update) -> tuple[str, str]:
    chat, user = update.effective_chat, update.effective_user
    return (str(chat.id) if chat else "", str(user.id) if user else "")
