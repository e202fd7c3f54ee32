"""The Telegram bot, run as users meet it: the real python-telegram-bot against a fake Bot API."""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import logging
import re
import socket
import threading
import time
from collections.abc import AsyncIterator, Callable, Iterator, Sequence
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from bot.conversation import Conversations
from bot.engine import Engine
from bot.settings import Settings
from bot.state import StateStore
from bot.telegram_app import run_telegram
from retrieval.answers import Answer, renumber
from retrieval.search import Passage
from tests.conftest import small_corpus_engine
from tests.fake_telegram import BOT_ID, BOT_USERNAME, TOKEN, FakeTelegram

PRISONERS = "How many prisoners were exchanged?"


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    """The real engine over the small test corpus, ingested once for the module."""
    built = small_corpus_engine(tmp_path_factory.mktemp("telegram"))
    built.searcher.search(PRISONERS, 5)  # loads the keyword index before chats race for it
    return built


@pytest.fixture
def state(tmp_path: Path) -> Iterator[StateStore]:
    """A fresh state store for subscriptions and feedback."""
    store = StateStore(tmp_path / "state.sqlite3")
    yield store
    store.close()


@pytest.fixture
def conversations(engine: Engine, state: StateStore) -> Conversations:
    """The conversation core over the real engine."""
    return Conversations(engine, 5, state)


@contextlib.asynccontextmanager
async def telegram_bot(
    conversations: Conversations, ingest: Callable[[], str] | None = None, **settings: Any
) -> AsyncIterator[FakeTelegram]:
    """The bot running against a fake Bot API, stopped as `briefbot serve` stops it."""
    async with FakeTelegram() as fake:
        config = Settings(
            _env_file=None,
            telegram_bot_token=TOKEN,
            telegram_api_base_url=fake.base_url,
            **settings,
        )
        stop = asyncio.Event()
        task = asyncio.create_task(run_telegram(config, conversations, stop, ingest))
        ready = "setWebhook" if config.telegram_webhook_url else "getUpdates"
        await fake.wait_for(lambda: fake.called(ready) or task.done())
        if task.done():
            task.result()  # raises what stopped it
        try:
            yield fake
        finally:
            stop.set()
            await asyncio.wait_for(task, 15)


async def ask(fake: FakeTelegram, chat: int, text: str, n: int = 1, **kw: Any) -> list[str]:
    """Send a message and wait until the chat has received `n` more messages; returns them."""
    before = len(fake.texts(chat))
    fake.send_text(chat, text, **kw)
    await fake.wait_for(lambda: len(fake.texts(chat)) >= before + n)
    return fake.texts(chat)[before:]


class _TagChecker(HTMLParser):
    """Fails on tags that do not close inside one message."""

    def __init__(self) -> None:
        super().__init__()
        self.open: list[str] = []

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.open.pop() == tag


def balanced(html: str) -> bool:
    """True when every tag in the message opens and closes within it."""
    checker = _TagChecker()
    checker.feed(html)
    return not checker.open


class LongComposer:
    """Writes a very long, properly cited answer from the real passages."""

    def compose(self, question: str, passages: Sequence[Passage]) -> Answer:
        """Eighty cited sentences."""
        sentences = [
            (f"Sentence {i} restates what the report says about the exchange in detail.", [p])
            for i in range(80)
            for p in passages[:1]
        ]
        return renumber(question, sentences, tuple(passages), "test")


class SlowComposer:
    """Holds questions about grain until released; answers others at once."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.release = threading.Event()

    def compose(self, question: str, passages: Sequence[Passage]) -> Answer:
        """The real answer, after waiting for `release` when the question is about grain."""
        if "grain" in question:
            self.release.wait(30)
        return self.engine.composer.compose(question, passages)


class BrokenComposer:
    """Fails the way a bug would."""

    def compose(self, question: str, passages: Sequence[Passage]) -> Answer:
        """Always raises."""
        raise RuntimeError(f"composer exploded near {TOKEN}")


async def test_start_and_help_explain_the_bot_and_commands_are_registered(
    conversations: Conversations,
) -> None:
    async with telegram_bot(conversations) as fake:
        commands = fake.called("setMyCommands")[0].params["commands"]
        assert [c["command"] for c in commands] == [
            "start",
            "help",
            "ask",
            "compare",
            "timeline",
            "sources",
            "subscribe",
            "unsubscribe",
            "digest",
            "settings",
        ]
        [start] = await ask(fake, 5, "/start")
        assert "cite my sources" in start
        assert start.count("• ") == 3
        [help_text] = await ask(fake, 5, "/help")
        commands_helped = ("/ask", "/compare", "/timeline", "/sources", "/subscribe", "/digest")
        for command in (*commands_helped, "/unsubscribe", "/settings"):
            assert command in help_text
        [unknown] = await ask(fake, 5, "/frobnicate")
        assert "/help" in unknown


async def test_a_private_question_gets_a_cited_answer_with_sources(
    conversations: Conversations,
) -> None:
    async with telegram_bot(conversations) as fake:
        [answer] = await ask(fake, 11, PRISONERS)
        assert "157 prisoners" in answer
        assert '<a href="https://news.example/prisoner-swap">[1]</a>' in answer
        assert "[1] <a href" in answer
        assert "Hundreds of prisoners exchanged after mediation</a> — Alpine Wire, 2026-02-05" in (
            answer
        )
        sent = fake.called("sendMessage")[-1]
        assert sent.params["parse_mode"] == "HTML"
        buttons = sent.params["reply_markup"]["inline_keyboard"][0]
        assert [b["text"] for b in buttons] == ["👍", "👎"]
        assert all(len(b["callback_data"].encode()) <= 64 for b in buttons)
        typing = fake.called("sendChatAction")[0]
        assert typing.params["action"] == "typing"
        assert typing.at <= sent.at

        [sources] = await ask(fake, 11, "/sources")
        assert "Hundreds of prisoners exchanged after mediation" in sources
        assert "<blockquote>The two sides exchanged 157 prisoners each" in sources


async def test_sources_before_any_question_says_what_to_do(
    conversations: Conversations,
) -> None:
    async with telegram_bot(conversations) as fake:
        [reply] = await ask(fake, 12, "/sources")
        assert "ask a question first" in reply


async def test_feedback_buttons_are_recorded_with_the_question(
    conversations: Conversations, state: StateStore
) -> None:
    async with telegram_bot(conversations) as fake:
        await ask(fake, 13, PRISONERS)
        answer = fake.sent(13)[-1]
        thumbs_up = answer["reply_markup"]["inline_keyboard"][0][0]["callback_data"]
        fake.press(answer, thumbs_up, user_id=77)
        [ack] = await fake.wait_for(lambda: fake.called("answerCallbackQuery"))
        assert ack.params["text"] == "Thanks for the feedback!"
        [feedback] = state.feedback()
        assert (feedback.user_id, feedback.rating, feedback.question) == ("77", 1, PRISONERS)
        assert "157 prisoners" in feedback.answer


async def test_a_group_answers_mentions_and_follow_ups_by_reply_only(
    conversations: Conversations,
) -> None:
    group = -1001
    async with telegram_bot(conversations) as fake:
        fake.send_text(group, "Who mediated the prisoner exchange?", group=True, user_id=5)
        [answer] = await ask(
            fake, group, f"@{BOT_USERNAME} Who mediated the prisoner exchange?", group=True
        )
        assert "United Arab Emirates" in answer
        # Its answer quotes the question in the group.
        assert fake.called("sendMessage")[-1].params["reply_parameters"]["message_id"]
        [follow_up] = await ask(
            fake, group, "and the grain corridor?", group=True, reply_to=fake.sent(group)[-1]
        )
        assert "Turkey and the United Nations brokered" in follow_up
        [by_command] = await ask(fake, group, f"/ask@{BOT_USERNAME} {PRISONERS}", group=True)
        assert "157 prisoners" in by_command
        assert len(fake.texts(group)) == 3  # the unaddressed message got no answer


async def test_a_long_answer_is_split_into_whole_messages(
    engine: Engine, state: StateStore
) -> None:
    long_answers = Conversations(replace(engine, composer=LongComposer()), 5, state)
    async with telegram_bot(long_answers) as fake:
        fake.send_text(14, PRISONERS)
        await fake.wait_for(lambda: any("Sources" in t for t in fake.texts(14)))
        pages = fake.texts(14)
        assert len(pages) >= 2
        assert all(len(p) <= 4096 and balanced(p) for p in pages)
        assert pages[0].startswith("Sentence 0 ")
        assert "Sentence 79 " in pages[-1]
        markups = [m.get("reply_markup") for m in fake.sent(14)]
        assert markups[:-1] == [None] * (len(pages) - 1)
        assert markups[-1] is not None


async def test_html_in_the_question_is_shown_as_text(conversations: Conversations) -> None:
    question = (
        'How many prisoners were exchanged? <b>bold</b> <a href="https://evil.example">x</a> &'
    )
    async with telegram_bot(conversations) as fake:
        [answer] = await ask(fake, 15, question)
        assert "evil.example" not in answer
        assert "<b>bold" not in answer
        [sources] = await ask(fake, 15, "/sources")
        assert '&lt;b&gt;bold&lt;/b&gt; &lt;a href="https://evil.example"&gt;' in sources
        assert "&lt;/a&gt; &amp;</i>" in sources
        assert balanced(sources)


async def test_a_chat_outside_the_allowlist_gets_one_refusal_then_silence(
    conversations: Conversations,
) -> None:
    async with telegram_bot(conversations, telegram_allowed_chat_ids=[42]) as fake:
        first = fake.send_text(99, PRISONERS)
        fake.send_text(99, "/start")
        fake.press(
            {**first, "from": {"id": BOT_ID, "is_bot": True, "first_name": "B"}}, "fb:0123abcd:1"
        )
        fake.send_text(99, "/ask anything?")
        [answer] = await ask(fake, 42, PRISONERS)
        assert "157 prisoners" in answer
        assert fake.texts(99) == ["Sorry, this bot is private and does not answer in this chat."]
        assert not fake.called("answerCallbackQuery")


async def test_a_429_from_the_bot_api_is_retried_after_retry_after(
    conversations: Conversations,
) -> None:
    async with telegram_bot(conversations) as fake:
        fake.fail_once("sendMessage", retry_after=1)
        [help_text] = await ask(fake, 16, "/help")
        assert "/sources" in help_text
        failed, retried = fake.called("sendMessage")
        assert failed.params["text"] == retried.params["text"]
        assert retried.at - failed.at >= 1.0


async def test_a_chat_asking_too_fast_is_asked_to_wait(conversations: Conversations) -> None:
    async with telegram_bot(conversations, rate_limit_per_minute=1) as fake:
        await ask(fake, 17, PRISONERS)
        [wait] = await ask(fake, 17, "Who brokered the grain deal?")
        assert wait.startswith("You're asking quickly; please wait")
        seconds = int(wait.split("wait ")[1].split()[0])
        assert 1 <= seconds <= 60
        [other] = await ask(fake, 18, "Who brokered the grain deal?")
        assert "Turkey" in other  # other chats are not affected


async def test_a_too_long_question_gets_a_clear_reply_without_typing_or_buttons(
    conversations: Conversations,
) -> None:
    async with telegram_bot(conversations) as fake:
        [reply] = await ask(fake, 19, "why " * 300)
        assert "please keep it under 1000 characters" in reply
        assert "reply_markup" not in fake.sent(19)[-1]
        assert not fake.called("sendChatAction")


async def test_a_message_without_words_is_asked_for_words_not_answered(
    conversations: Conversations,
) -> None:
    async with telegram_bot(conversations) as fake:
        [reply] = await ask(fake, 20, "?? 🤔")
        assert reply.startswith("Please ask in words")
        assert not fake.called("sendChatAction")


async def test_small_talk_is_answered_in_kind_without_typing_and_help_with_the_help(
    conversations: Conversations,
) -> None:
    async with telegram_bot(conversations) as fake:
        [hello] = await ask(fake, 24, "Hello")
        assert hello.startswith("Hello! Ask me about the news")
        [welcome] = await ask(fake, 24, "thanks!")
        assert welcome.startswith("You're welcome")
        [helped] = await ask(fake, 24, "what can you do?")
        assert "/compare" in helped  # the /help text
        assert "/subscribe" in helped
        assert not fake.called("sendChatAction")
        # A greeting before a question is not part of what is asked.
        [answer] = await ask(fake, 24, "hi, how many prisoners were exchanged?")
        assert "157 prisoners" in answer


async def test_a_refusal_gets_no_feedback_buttons_and_a_real_answer_does(
    conversations: Conversations,
) -> None:
    async with telegram_bot(conversations) as fake:
        [refusal] = await ask(fake, 23, "What is the best sourdough recipe?")
        assert "don't answer" in refusal
        assert "reply_markup" not in fake.sent(23)[-1]
        await ask(fake, 23, PRISONERS)
        assert "reply_markup" in fake.sent(23)[-1]


def _markers(html: str) -> list[str]:
    """The [n] markers of an answer's text, in order (the source list excluded)."""
    body = html.split("<b>Sources</b>")[0]
    return re.findall(r"\[(\d+)\]", re.sub(r"<[^>]+>", "", body))


async def test_a_follow_up_shows_how_it_was_read_and_sources_quote_what_was_cited(
    conversations: Conversations,
) -> None:
    async with telegram_bot(conversations) as fake:
        [first] = await ask(fake, 24, "Who mediated the prisoner exchange?")
        assert "Searching for" not in first
        [follow_up] = await ask(fake, 24, "and the grain corridor?")
        assert follow_up.startswith("<i>Searching for: Who mediated the grain corridor?</i>\n\n")
        assert "Turkey and the United Nations brokered" in follow_up
        # One marker per run of sentences from a source: never the same one twice in a row.
        markers = _markers(follow_up)
        assert markers
        assert all(a != b for a, b in itertools.pairwise(markers))
        [sources] = await ask(fake, 24, "/sources")
        assert sources.startswith("Sources for: <i>Who mediated the grain corridor?</i>")
        quoted = re.findall(r"<blockquote>(.*?)</blockquote>", sources, re.S)
        assert quoted
        plain_answer = re.sub(r"<[^>]+>", "", follow_up)
        assert all(q in plain_answer for q in quoted)  # the cited sentences, nothing more


async def test_a_failing_commands_menu_or_description_is_logged_and_the_bot_runs_on(
    conversations: Conversations, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.WARNING)
    async with FakeTelegram() as fake:
        fake.break_next("setMyCommands", times=10, status=502)
        fake.break_next("setMyDescription", times=10, status=500)
        config = Settings(
            _env_file=None, telegram_bot_token=TOKEN, telegram_api_base_url=fake.base_url
        )
        stop = asyncio.Event()
        task = asyncio.create_task(run_telegram(config, conversations, stop))
        try:
            await fake.wait_for(lambda: fake.called("getUpdates") or task.done())
            assert not task.done()
            [answer] = await ask(fake, 25, PRISONERS)
            assert "157 prisoners" in answer
        finally:
            stop.set()
            await asyncio.wait_for(task, 15)
    assert "setMyCommands" in caplog.text
    assert "setMyDescription" in caplog.text
    assert TOKEN not in caplog.text


async def test_the_commands_menu_and_description_are_set_at_start(
    conversations: Conversations,
) -> None:
    async with telegram_bot(conversations) as fake:
        [described] = fake.called("setMyDescription")
        assert "cit" in described.params["description"]


async def test_typing_is_sent_once_and_the_answer_never_waits_for_it(
    conversations: Conversations,
) -> None:
    async with telegram_bot(conversations) as fake:
        held = fake.hold("sendChatAction")
        try:
            [answer] = await ask(fake, 26, PRISONERS)  # arrives while "typing…" hangs
            assert "157 prisoners" in answer
        finally:
            held.set()
        # A failing chat action is not retried: one call per question, answers unaffected.
        fake.break_next("sendChatAction", times=10, status=502)
        [again] = await ask(fake, 27, PRISONERS)
        [grain] = await ask(fake, 27, "Who brokered the grain deal?")
        assert "157 prisoners" in again
        assert "Turkey" in grain
        calls = [c for c in fake.called("sendChatAction") if c.params["chat_id"] == "27"]
        assert [c.params.get("_status") for c in calls] == [502, 502]


async def test_twenty_chats_asking_at_once_are_all_answered(
    conversations: Conversations,
) -> None:
    chats = range(1000, 1020)
    async with telegram_bot(conversations) as fake:
        for chat in chats:
            fake.send_text(chat, PRISONERS if chat % 2 else "Who brokered the grain deal?")
        await fake.wait_for(lambda: all(fake.texts(c) for c in chats), within=60)
        for chat in chats:
            [answer] = fake.texts(chat)
            assert ("157 prisoners" if chat % 2 else "Turkey") in answer
            assert "<b>Sources</b>" in answer


async def test_one_slow_answer_does_not_hold_up_other_chats(
    engine: Engine, state: StateStore
) -> None:
    slow = SlowComposer(engine)
    async with telegram_bot(Conversations(replace(engine, composer=slow), 5, state)) as fake:
        fake.send_text(40, "Who brokered the grain deal?")
        await fake.wait_for(
            lambda: any(c.params["chat_id"] == "40" for c in fake.called("sendChatAction"))
        )
        [answer] = await ask(fake, 41, PRISONERS)
        assert "157 prisoners" in answer
        assert fake.texts(40) == []  # still thinking
        slow.release.set()
        [late] = await fake.wait_for(lambda: fake.texts(40))
        assert "Turkey" in late


async def test_subscription_commands_store_and_show_the_subscription(
    conversations: Conversations,
) -> None:
    async with telegram_bot(conversations) as fake:
        [none] = await ask(fake, 20, "/settings")
        assert none.startswith("No digest subscription here.")
        [bad] = await ask(fake, 20, "/subscribe 25:99")
        assert "is not a time" in bad
        [ok] = await ask(fake, 20, "/subscribe 07:30 Europe/Kyiv")
        assert ok.startswith("Subscribed: daily at 07:30 (Europe/Kyiv).")
        [shown] = await ask(fake, 20, "/settings")
        assert shown == "Digest subscription: daily at 07:30 (Europe/Kyiv)."
        [nothing] = await ask(fake, 20, "/digest")  # the test corpus is from early 2026
        assert nothing.startswith("Nothing new since ")
        [bad_since] = await ask(fake, 20, "/digest lately")
        assert "use 24h, 3d or a date" in bad_since
        [brief] = await ask(fake, 20, "/digest 2026-01-01")
        assert brief.startswith("<b>Briefing, 2026-01-01")
        assert "and 1 more: /digest all" in brief  # six stories; five shown
        pages = await ask(fake, 20, "/digest 2026-01-01 all")
        assert "Hundreds of prisoners exchanged after mediation" in "".join(pages)
        assert "Power cuts across the country after overnight attacks" in "".join(pages)
        assert '<a href="https://news.example/' in "".join(pages)
        [gone] = await ask(fake, 20, "/unsubscribe")
        assert gone == "Unsubscribed."
        [again] = await ask(fake, 20, "/unsubscribe")
        assert again == "This chat had no digest subscription."


async def test_ingest_is_for_admins_only(conversations: Conversations) -> None:
    runs: list[int] = []

    def ingest() -> str:
        runs.append(1)
        return "documents: 0 added, 0 updated, 10 unchanged"

    async with telegram_bot(conversations, ingest, telegram_admin_ids=[7]) as fake:
        [refused] = await ask(fake, 8, "/ingest")
        assert "admins only" in refused
        assert not runs
        started, summary = await ask(fake, 7, "/ingest", n=2)
        assert started == "Ingesting the corpus…"
        assert summary.endswith("10 unchanged")


async def test_an_error_gets_an_apology_and_the_logs_never_show_the_token(
    engine: Engine, state: StateStore, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    broken = Conversations(replace(engine, composer=BrokenComposer()), 5, state)
    async with telegram_bot(broken) as fake:
        [apology] = await ask(fake, 21, PRISONERS)
        assert apology.startswith("Sorry, something went wrong")
    assert "composer exploded" in caplog.text
    assert all(TOKEN not in r.getMessage() for r in caplog.records)
    assert TOKEN not in caplog.text


async def test_a_rejected_token_is_reported_without_the_token(
    conversations: Conversations,
) -> None:
    async with FakeTelegram(token="999:another-token") as fake:
        config = Settings(
            _env_file=None, telegram_bot_token=TOKEN, telegram_api_base_url=fake.base_url
        )
        with pytest.raises(ValueError, match="Telegram rejected TELEGRAM_BOT_TOKEN") as error:
            await run_telegram(config, conversations, asyncio.Event())
    assert TOKEN not in str(error.value)
    assert error.value.__suppress_context__


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def _listening(port: int, seconds: float = 10.0) -> None:
    """Wait, polling with a deadline, until something accepts connections on the port."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            _, writer = await asyncio.open_connection("127.0.0.1", port)
        except OSError:
            if time.monotonic() > deadline:
                raise
            await asyncio.sleep(0.05)
            continue
        writer.close()
        await writer.wait_closed()
        return


async def test_webhook_mode_answers_only_calls_with_the_secret(
    conversations: Conversations,
) -> None:
    port = free_port()
    webhook = {
        "telegram_webhook_url": "https://bot.example/tg-hook",
        "telegram_webhook_secret": "s3cret-token",
        "telegram_webhook_port": port,
    }
    async with telegram_bot(conversations, **webhook) as fake:
        [registered] = fake.called("setWebhook")
        assert registered.params["url"] == "https://bot.example/tg-hook"
        assert registered.params["secret_token"] == "s3cret-token"
        assert not fake.called("getUpdates")
        message = {
            "message_id": 1,
            "date": 0,
            "chat": {"id": 31, "type": "private"},
            "from": {"id": 31, "is_bot": False, "first_name": "Ann"},
            "text": PRISONERS,
        }
        url = f"http://127.0.0.1:{port}/tg-hook"
        await _listening(port)  # PTB registers the webhook before its server listens
        async with aiohttp.ClientSession() as http:
            for secret, status in (("wrong", 403), (None, 403), ("s3cret-token", 200)):
                headers = {"X-Telegram-Bot-Api-Secret-Token": secret} if secret else {}
                update = {"update_id": status + len(secret or ""), "message": message}
                async with http.post(url, json=update, headers=headers) as response:
                    assert response.status == status
            [answer] = await fake.wait_for(lambda: fake.texts(31))
        assert "157 prisoners" in answer
        assert len(fake.called("sendMessage")) == 1  # the forged calls got nothing


async def test_a_busy_webhook_port_is_reported_and_the_bot_shuts_down(
    conversations: Conversations,
) -> None:
    with socket.socket() as busy:
        busy.bind(("0.0.0.0", 0))
        busy.listen()
        async with FakeTelegram() as fake:
            config = Settings(
                _env_file=None,
                telegram_bot_token=TOKEN,
                telegram_api_base_url=fake.base_url,
                telegram_webhook_url="https://bot.example/hook",
                telegram_webhook_secret="s3cret",
                telegram_webhook_port=busy.getsockname()[1],
            )
            with pytest.raises(OSError, match="in use"):
                await run_telegram(config, conversations, asyncio.Event())


async def test_webhook_mode_without_a_secret_is_refused(conversations: Conversations) -> None:
    config = Settings(
        _env_file=None, telegram_bot_token=TOKEN, telegram_webhook_url="https://bot.example/x"
    )
    with pytest.raises(ValueError, match="TELEGRAM_WEBHOOK_SECRET is not"):
        await run_telegram(config, conversations, asyncio.Event())


async def test_a_bot_api_server_error_is_retried_and_the_answer_arrives_once(
    conversations: Conversations,
) -> None:
    async with telegram_bot(conversations) as fake:
        fake.break_next("sendMessage", times=2, status=502)
        [answer] = await ask(fake, 18, PRISONERS)
        assert "157" in answer
        statuses = [c.params.get("_status") for c in fake.called("sendMessage")]
        assert statuses == [502, 502, None]  # two failures, then one delivered message


async def test_a_bot_api_that_keeps_failing_loses_nothing_else(
    conversations: Conversations,
) -> None:
    async with telegram_bot(conversations) as fake:
        fake.break_next("sendMessage", times=3, status=500)
        fake.send_text(20, PRISONERS)
        await fake.wait_for(lambda: len(fake.called("sendMessage")) >= 3)
        # The bot gave up on that reply but keeps serving: the next question is answered.
        [answer] = await ask(fake, 19, PRISONERS)
        assert "157" in answer


async def test_a_bot_api_timeout_is_not_repeated_and_the_bot_carries_on(
    conversations: Conversations,
) -> None:
    async with telegram_bot(conversations, chat_api_timeout_seconds=1) as fake:
        # The answer reaches Telegram, but only after the bot stopped waiting for the reply.
        fake.delay_next("sendMessage", 2.0)
        [answer] = await ask(fake, 21, PRISONERS)
        await asyncio.sleep(1.5)
        assert fake.texts(21) == [answer]  # sent once: no retry, and no apology after it
        assert "157" in answer
        [grain] = await ask(fake, 22, "Who brokered the grain corridor?")
        assert "Turkey" in grain


async def test_compare_sets_each_side_under_its_own_heading(
    conversations: Conversations,
) -> None:
    async with telegram_bot(conversations) as fake:
        [answer] = await ask(fake, 31, "/compare turkey, china: nato membership")
        assert answer.startswith("<b>Turkey</b>\n• <i>2022-05-18</i> Turkey raised objections")
        assert "<b>China</b>\n<i>Nothing found on China's position.</i>" in answer
        assert "Northern countries apply to join the alliance</a>" in answer  # its source
        [usage] = await ask(fake, 31, "/compare turkey")
        assert usage.startswith("Usage: /compare SIDE, SIDE: TOPIC")


async def test_timeline_lists_dated_developments_and_a_bad_date_gets_usage(
    conversations: Conversations,
) -> None:
    async with telegram_bot(conversations) as fake:
        [timeline] = await ask(fake, 32, "/timeline prisoner swaps")
        assert timeline.startswith("<b>What changed on “prisoner swaps”</b>")
        assert "<b>2026-02-05</b> The two sides exchanged 157 prisoners" in timeline
        [empty] = await ask(fake, 32, "/timeline prisoner swaps since 2026-02-10")
        assert empty.startswith("Nothing found on “prisoner swaps” from 2026-02-10")
        [usage] = await ask(fake, 32, "/timeline prisoner swaps since someday")
        assert usage.startswith("Usage: /timeline TOPIC [since DATE].")
        [usage] = await ask(fake, 32, "/timeline ???")
        assert usage.startswith("Usage: /timeline TOPIC [since DATE].")
