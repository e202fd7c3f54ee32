"""Running the Telegram bot: the application, its Bot API client, digests, polling or webhook."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Coroutine
from typing import Any
from urllib.parse import urlsplit

from telegram import Bot, Update
from telegram.error import (
    BadRequest,
    Forbidden,
    InvalidToken,
    NetworkError,
    TelegramError,
    TimedOut,
)
from telegram.ext import AIORateLimiter, Application, Updater

from bot.conversation import Conversations
from bot.redaction import hide_in_logs
from bot.render_telegram import DESCRIPTION, render_digest_telegram
from bot.scheduler import ChatGone, PartiallySent, Sender
from bot.settings import Settings
from bot.telegram import COMMANDS, NO_PREVIEW, PLATFORM, Ingest, TelegramApp, TelegramBot
from retrieval.digest import Digest

_LOG = logging.getLogger("briefbot.telegram")
_SERVER_ERROR_RETRIES = 2
# A courtesy that is stale within seconds: sent once, neither throttled nor retried.
_SENT_ONCE = frozenset({"sendChatAction"})


def build_application(
    settings: Settings, conversations: Conversations, ingest: Ingest = None
) -> TelegramApp:
    """The python-telegram-bot Application with every handler registered."""
    token = settings.telegram_bot_token.get_secret_value()
    if not token:
        raise ValueError("TELEGRAM_BOT_TOKEN is not set; add it to .env (see .env.example)")
    builder = (
        Application.builder()
        .token(token)
        # Bot API 429s are retried after the retry_after they name.
        .rate_limiter(_RetryingLimiter(max_retries=3))
        # One slow answer must never hold up other chats.
        .concurrent_updates(True)
        .connect_timeout(settings.chat_api_timeout_seconds)
        .read_timeout(settings.chat_api_timeout_seconds)
        .write_timeout(settings.chat_api_timeout_seconds)
    )
    if settings.telegram_api_base_url:
        builder = builder.base_url(settings.telegram_api_base_url)
    hide_in_logs(token)
    app: TelegramApp = builder.build()
    TelegramBot(settings, conversations, ingest).register(app)
    return app


class _RetryingLimiter(AIORateLimiter):
    """PTB's limiter (it waits out 429s) that also retries a Bot API server error twice.

    A 5xx means Telegram did not take the message, so sending again cannot duplicate it. A
    timeout is not retried: the message may have arrived.
    """

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, Any]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> Any:
        if endpoint in _SENT_ONCE:
            return await callback(*args, **kwargs)
        for attempt in range(_SERVER_ERROR_RETRIES + 1):
            try:
                return await super().process_request(
                    callback, args, kwargs, endpoint, data, rate_limit_args
                )
            except TimedOut:
                raise
            except NetworkError as exc:
                if attempt == _SERVER_ERROR_RETRIES or endpoint == "getUpdates":
                    raise
                _LOG.warning("Bot API %s failed (%s); retrying", endpoint, exc)
                await asyncio.sleep(0.5 * 2**attempt)
        raise AssertionError("unreachable")


def digest_sender(bot: Bot) -> Sender:
    """Send a digest to a chat; a chat that blocked the bot or vanished raises ChatGone."""

    async def send(chat_id: str, digest: Digest) -> None:
        sent = 0
        try:
            for page in render_digest_telegram(digest):
                sent += 1
                await bot.send_message(
                    chat_id=int(chat_id),
                    text=page,
                    parse_mode="HTML",
                    link_preview_options=NO_PREVIEW,
                )
        except Forbidden as exc:
            raise ChatGone(chat_id) from exc
        except BadRequest as exc:
            if "chat not found" in str(exc).lower():
                raise ChatGone(chat_id) from exc
            if sent > 1:
                raise PartiallySent(chat_id) from exc
            raise
        except TelegramError as exc:
            if sent > 1:
                raise PartiallySent(chat_id) from exc
            raise

    return send


async def run_telegram(
    settings: Settings,
    conversations: Conversations,
    stop: asyncio.Event,
    ingest: Ingest = None,
    senders: dict[str, Sender] | None = None,
) -> None:
    """Run the bot (long polling, or a webhook when configured) until `stop` is set."""
    secret = settings.telegram_webhook_secret.get_secret_value()
    if settings.telegram_webhook_url and not secret:
        raise ValueError(
            "TELEGRAM_WEBHOOK_URL is set but TELEGRAM_WEBHOOK_SECRET is not; add a secret to "
            ".env so forged webhook calls are refused (see .env.example)"
        )
    app = build_application(settings, conversations, ingest)
    try:
        async with app:
            await _describe_bot(app.bot)
            await app.start()
            if senders is not None:
                senders[PLATFORM] = digest_sender(app.bot)
            try:
                updater = await _receive_updates(app, settings)
                try:
                    await stop.wait()
                finally:
                    await updater.stop()
            finally:
                await app.stop()  # before leaving `async with`, which refuses a running app
    except InvalidToken:
        # PTB's message quotes the token; this one must not.
        raise ValueError(
            "Telegram rejected TELEGRAM_BOT_TOKEN; copy it again from @BotFather into .env"
        ) from None


async def _describe_bot(bot: Bot) -> None:
    """Set the commands menu and the description new users see; both are optional, so a
    failure is logged and the bot runs on without them."""
    try:
        await bot.set_my_commands(COMMANDS)
    except TelegramError as exc:
        _LOG.warning("could not set the commands menu (setMyCommands): %s; running on", exc)
    try:
        await bot.set_my_description(DESCRIPTION)
    except TelegramError as exc:
        _LOG.warning("could not set the description (setMyDescription): %s; running on", exc)


async def _receive_updates(app: TelegramApp, settings: Settings) -> Updater:
    """Start long polling, or the webhook server when a webhook URL is configured."""
    updater = app.updater
    if updater is None:
        raise RuntimeError("the Telegram application was built without an updater")
    if not settings.telegram_webhook_url:
        await updater.start_polling(allowed_updates=Update.ALL_TYPES)
        return updater
    await updater.start_webhook(
        listen="0.0.0.0",  # Telegram (or a reverse proxy) must reach it
        port=settings.telegram_webhook_port,
        url_path=urlsplit(settings.telegram_webhook_url).path.lstrip("/"),
        webhook_url=settings.telegram_webhook_url,
        secret_token=settings.telegram_webhook_secret.get_secret_value(),
        allowed_updates=Update.ALL_TYPES,
    )
    return updater
