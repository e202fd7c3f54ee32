"""The real slack-bolt app over HTTP on 127.0.0.1, driven by requests signed like Slack's."""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx
import pytest

from bot.conversation import Conversations, Reply
from bot.engine import Engine
from bot.settings import Settings
from bot.slack import HELP, run_slack
from bot.state import StateStore
from retrieval.digest import Digest
from tests.conftest import free_port, small_corpus_engine
from tests.fake_slack import BOT_USER_ID, CHANNEL, Call, FakeSlack, Slack

SECRET = "test-signing-secret"


@pytest.fixture(scope="module")
def engine(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    """The small news corpus ingested once, and the real engine over it."""
    return small_corpus_engine(tmp_path_factory.mktemp("slack"))


@pytest.fixture
def state(tmp_path: Path) -> Iterator[StateStore]:
    """A fresh state store per test."""
    store = StateStore(tmp_path / "state.sqlite3")
    yield store
    store.close()


@pytest.fixture
async def fake() -> AsyncIterator[FakeSlack]:
    """The fake Slack Web API."""
    async with FakeSlack() as server:
        yield server


@asynccontextmanager
async def _serve(fake: FakeSlack, conversations: Conversations, **env: Any) -> AsyncIterator[Slack]:
    """Run the app with `run_slack` as `briefbot serve` does, until the block ends."""
    settings = Settings(
        _env_file=None,
        SLACK_BOT_TOKEN="xoxb-test",
        SLACK_SIGNING_SECRET=SECRET,
        SLACK_PORT=free_port(),
        SLACK_API_URL=fake.url,
        **env,
    )
    stop = asyncio.Event()
    task = asyncio.create_task(run_slack(settings, conversations, stop, host="127.0.0.1"))
    url = f"http://127.0.0.1:{settings.slack_port}/slack/events"
    try:
        async with httpx.AsyncClient(timeout=10) as http:
            deadline = time.monotonic() + 10
            while True:  # poll until the server listens
                try:
                    await http.get(url)
                    break
                except httpx.ConnectError:
                    assert not task.done(), task
                    assert time.monotonic() < deadline, "the Slack app did not start"
                    await asyncio.sleep(0.02)
            yield Slack(url, http, SECRET)
    finally:
        stop.set()
        await asyncio.wait_for(task, 10)


@pytest.fixture
async def slack(fake: FakeSlack, engine: Engine, state: StateStore) -> AsyncIterator[Slack]:
    """The app, answering from the real engine, with no channel restriction."""
    async with _serve(fake, Conversations(engine, 5, state)) as s:
        yield s


def _answers(calls: list[Call]) -> list[Call]:
    """Posted answers: messages carrying the feedback buttons."""
    return [c for c in calls if c.method == "chat.postMessage" and "feedback_up" in c.text()]


def _answer_id(call: Call) -> str:
    actions = next(b for b in call.blocks() if b["type"] == "actions")
    return str(actions["elements"][0]["value"])


async def test_a_mention_is_answered_in_its_thread_with_cited_sources(
    slack: Slack, fake: FakeSlack
) -> None:
    ts = await slack.mention("How many prisoners were exchanged?")
    [posted] = await fake.wait_posts(1)
    assert posted.body["channel"] == CHANNEL
    assert posted.body["thread_ts"] == ts
    seen = posted.text()
    assert "157 prisoners" in seen
    assert "<https://news.example/prisoner-swap|[1]>" in seen
    assert "Hundreds of prisoners exchanged after mediation" in seen
    assert "Alpine Wire, 2026-02-05" in seen
    assert "Sources:" in posted.body["text"]  # the notification text names them too


async def test_a_reply_in_the_thread_is_a_follow_up(slack: Slack, fake: FakeSlack) -> None:
    ts = await slack.mention("Who mediated the prisoner exchange?")
    [first] = await fake.wait_posts(1)
    assert "United Arab Emirates" in first.text()
    await slack.message("and the grain corridor?", CHANNEL, thread_ts=ts)
    second = (await fake.wait_posts(2))[1]
    assert second.body["thread_ts"] == ts
    assert "Turkey and the United Nations brokered" in second.text()


async def test_a_follow_up_shows_how_it_was_read_with_one_marker_per_run_of_a_source(
    slack: Slack, fake: FakeSlack
) -> None:
    ts = await slack.mention("Who mediated the prisoner exchange?")
    [first] = await fake.wait_posts(1)
    assert "Searching for" not in first.text()
    # Two sentences from one source: its marker once, after the second.
    assert first.text().count("|[1]>") == 1
    await slack.message("and the grain corridor?", CHANNEL, thread_ts=ts)
    second = (await fake.wait_posts(2))[1]
    texts = [e["text"] for b in second.blocks() if b["type"] == "context" for e in b["elements"]]
    assert texts[0] == "_Searching for: Who mediated the grain corridor?_"


async def test_a_refusal_gets_no_feedback_buttons(slack: Slack, fake: FakeSlack) -> None:
    await slack.message("What is the best sourdough recipe?", "D3", channel_type="im")
    [posted] = await fake.wait_posts(1)
    assert "don't answer" in posted.text()
    assert [b["type"] for b in posted.blocks()] == ["section"]
    await slack.message("How many prisoners were exchanged?", "D3", channel_type="im")
    answered = (await fake.wait_posts(2))[1]
    assert "actions" in [b["type"] for b in answered.blocks()]


async def test_a_direct_message_is_a_question(slack: Slack, fake: FakeSlack) -> None:
    await slack.message("Why were millions left without electricity?", "D1", channel_type="im")
    [posted] = await fake.wait_posts(1)
    assert posted.body["channel"] == "D1"
    assert "Power cuts across the country" in posted.text()


async def test_edits_bots_and_unanswered_threads_are_ignored(slack: Slack, fake: FakeSlack) -> None:
    await slack.message("edited", "D1", channel_type="im", subtype="message_changed")
    await slack.message("from a bot", "D1", channel_type="im", bot_id="B9")
    await slack.message("How many prisoners?", CHANNEL, thread_ts="123.456")  # not our thread
    await slack.message("Why were millions left without electricity?", "D2", channel_type="im")
    [posted] = await fake.wait_posts(1)  # the last one only
    assert posted.body["channel"] == "D2"


class SlowConversations(Conversations):
    """Answers only once the test lets it: an engine slower than Slack's 3-second deadline."""

    def __init__(self, engine: Engine, state: StateStore) -> None:
        super().__init__(engine, 5, state)
        self.release = asyncio.Event()

    async def ask_in(self, platform: str, chat: str, question: str) -> Reply:
        await self.release.wait()
        return await super().ask_in(platform, chat, question)


async def test_a_slash_command_is_acked_at_once_and_answered_in_the_channel_later(
    fake: FakeSlack, engine: Engine, state: StateStore
) -> None:
    slow = SlowConversations(engine, state)
    async with _serve(fake, slow) as slack:
        started = time.monotonic()
        response = await slack.command("How many prisoners were exchanged?")
        assert time.monotonic() - started < 3
        assert response.status_code == 200
        assert "Looking into: How many prisoners were exchanged?" in response.text
        assert fake.posted() == []  # the answer is still being worked on
        slow.release.set()
        [posted] = await fake.wait_posts(1)
        assert posted.body["channel"] == CHANNEL
        assert "thread_ts" not in posted.body
        assert "<@U1> asked: How many prisoners were exchanged?" in posted.text()
        assert "157 prisoners" in posted.text()


async def test_brief_subcommands_answer_honestly(
    slack: Slack, state: StateStore, fake: FakeSlack
) -> None:
    assert "/brief subscribe" in (await slack.command("help")).text
    reply = (await slack.command("subscribe 07:30 Europe/Kyiv")).text
    assert "07:30 (Europe/Kyiv)" in reply
    sub = state.subscription("slack", CHANNEL)
    assert sub is not None
    assert (sub.local_time, sub.timezone, sub.created_by) == ("07:30", "Europe/Kyiv", "U1")
    assert "07:30" in (await slack.command("digest")).text
    # The digest itself follows in the channel; the test corpus is from early 2026.
    [digest] = await fake.wait_posts(1)
    assert digest.body["channel"] == CHANNEL
    assert "Nothing new since" in digest.text()
    assert "Unknown time zone" in (await slack.command("subscribe Mars/Base")).text
    assert (await slack.command("unsubscribe")).text == "Unsubscribed."
    assert state.subscription("slack", CHANNEL) is None
    assert "no digest subscription" in (await slack.command("digest")).text


@pytest.mark.parametrize(
    ("timestamp", "signature"),
    [
        (None, "v0=" + "0" * 64),  # forged
        (int(time.time()) - 600, None),  # stale: ten minutes old, otherwise correctly signed
    ],
    ids=["forged-signature", "stale-timestamp"],
)
async def test_unsigned_or_stale_requests_get_401_and_nothing_is_posted(
    slack: Slack, fake: FakeSlack, timestamp: int | None, signature: str | None
) -> None:
    body = urlencode({"command": "/brief", "text": "How many prisoners?", "channel_id": CHANNEL})
    headers = {"X-Slack-Signature": signature} if signature else {}
    response = await slack.send(
        body, "application/x-www-form-urlencoded", timestamp=timestamp, headers=headers
    )
    assert response.status_code == 401
    assert [c for c in fake.calls if c.method != "auth.test"] == []


async def test_slack_can_verify_the_request_url(slack: Slack) -> None:
    body = json.dumps({"token": "unused", "type": "url_verification", "challenge": "c-123"})
    response = await slack.send(body, "application/json")
    assert response.status_code == 200
    assert "c-123" in response.text


async def test_a_retried_event_is_answered_once(
    slack: Slack, fake: FakeSlack, state: StateStore
) -> None:
    event = {
        "type": "app_mention",
        "user": "U1",
        "text": f"<@{BOT_USER_ID}> How many prisoners were exchanged?",
        "ts": "1700000001.000001",
        "channel": CHANNEL,
    }
    assert (await slack.event(event, "EvSame")).status_code == 200
    retry = await slack.event(event, "EvSame", headers={"X-Slack-Retry-Num": "1"})
    assert retry.status_code == 200
    await fake.wait_posts(1)
    # A later question, answered after it, shows the retry had its chance and did nothing.
    await slack.message("Why were millions left without electricity?", "D1", channel_type="im")
    posts = await fake.wait_posts(2)
    assert [p.body["channel"] for p in posts] == [CHANNEL, "D1"]
    assert len(_answers(fake.calls)) == 2


async def test_channel_pings_in_a_question_are_never_posted(slack: Slack, fake: FakeSlack) -> None:
    response = await slack.command("<!channel> <@U9> & How many prisoners were exchanged?")
    assert "&lt;!channel&gt; &lt;@U9&gt; &amp; How many" in response.text
    [posted] = await fake.wait_posts(1)
    assert "asked: &lt;!channel&gt; &lt;@U9&gt; &amp; How many" in posted.text()
    for call in fake.calls:
        assert "<!channel>" not in json.dumps(call.body)
        assert "<@U9>" not in json.dumps(call.body)


async def test_a_429_is_retried_after_retry_after_and_the_answer_arrives(
    slack: Slack, fake: FakeSlack
) -> None:
    fake.throttle_once("chat.postMessage", retry_after=1)
    await slack.mention("How many prisoners were exchanged?")
    [posted] = await fake.wait_posts(1)
    assert "157 prisoners" in posted.text()
    [throttled] = [c for c in fake.calls if c.status == 429]
    assert posted.at - throttled.at >= 1.0


async def test_a_server_error_is_retried_and_the_answer_is_posted_once(
    slack: Slack, fake: FakeSlack
) -> None:
    fake.break_next("chat.postMessage", times=2, status=503)
    await slack.mention("How many prisoners were exchanged?")
    [posted] = await fake.wait_posts(1)
    assert "157 prisoners" in posted.text()
    attempts = [c.status for c in fake.calls if c.method == "chat.postMessage"]
    assert attempts == [503, 503, 200]


async def test_a_timeout_is_not_repeated_so_the_answer_is_posted_once(
    fake: FakeSlack, engine: Engine, state: StateStore
) -> None:
    conversations = Conversations(engine, 5, state)
    async with _serve(fake, conversations, BRIEFBOT_CHAT_API_TIMEOUT_SECONDS=1) as slack:
        # Slack posts the answer, but only after the bot stopped waiting for the reply.
        fake.delay_next("chat.postMessage", 2.0)
        await slack.mention("How many prisoners were exchanged?")
        [posted] = await fake.wait_posts(1)
        assert "157 prisoners" in posted.text()
        await asyncio.sleep(2.5)
        assert len(fake.posted("chat.postMessage")) == 1


async def test_feedback_clicks_are_recorded_and_acknowledged(
    slack: Slack, fake: FakeSlack, state: StateStore
) -> None:
    await slack.mention("How many prisoners were exchanged?")
    [posted] = await fake.wait_posts(1)
    answer_id = _answer_id(posted)
    started = time.monotonic()
    assert (await slack.click("feedback_up", answer_id)).status_code == 200
    assert time.monotonic() - started < 3
    [thanks] = await fake.wait_posts(1, "chat.postEphemeral")
    assert thanks.body["user"] == "U2"
    assert "Thanks" in thanks.body["text"]
    await slack.click("feedback_down", answer_id, user="U3")
    await fake.wait_posts(2, "chat.postEphemeral")
    rated = {(f.answer_id, f.user_id, f.rating) for f in state.feedback()}
    assert rated == {(answer_id, "U2", 1), (answer_id, "U3", -1)}
    assert state.feedback()[0].question == "How many prisoners were exchanged?"


async def test_only_allowed_channels_get_answers(
    fake: FakeSlack, engine: Engine, state: StateStore
) -> None:
    conversations = Conversations(engine, 5, state)
    async with _serve(fake, conversations, SLACK_ALLOWED_CHANNEL_IDS="C1") as slack:
        refused = await slack.command("How many prisoners were exchanged?", channel="C2")
        assert refused.json()["text"] == "Sorry, I'm not enabled in this channel."
        await slack.mention("How many prisoners were exchanged?", channel="C2")
        await slack.mention("Why were millions left without electricity?", channel="C1")
        [posted] = await fake.wait_posts(1)
        assert posted.body["channel"] == "C1"
        await slack.command("How many prisoners were exchanged?", channel="C1")
        posts = await fake.wait_posts(2)
        assert [p.body["channel"] for p in posts] == ["C1", "C1"]


async def test_too_many_questions_get_a_friendly_wait(
    fake: FakeSlack, engine: Engine, state: StateStore
) -> None:
    conversations = Conversations(engine, 5, state)
    async with _serve(fake, conversations, BRIEFBOT_RATE_LIMIT_PER_MINUTE=1) as slack:
        await slack.message("Why were millions left without electricity?", "D1", channel_type="im")
        await fake.wait_posts(1)
        await slack.message("How many prisoners were exchanged?", "D1", channel_type="im")
        posts = await fake.wait_posts(2)
        assert "please ask again in" in posts[1].body["text"]
        await slack.message("x" * 1200, "D2", channel_type="im")
        posts = await fake.wait_posts(3)
        assert "please keep it under 1000 characters" in posts[2].body["text"]
        ack = await slack.command("y" * 1200, channel="C3")  # only the asker sees an ack
        assert "please keep it under 1000 characters" in ack.text


async def test_a_message_of_marks_or_emoji_alone_is_not_answered_and_uses_no_turn(
    fake: FakeSlack, engine: Engine, state: StateStore
) -> None:
    conversations = Conversations(engine, 5, state)
    async with _serve(fake, conversations, BRIEFBOT_RATE_LIMIT_PER_MINUTE=1) as slack:
        await slack.message("?!", "D4", channel_type="im")
        await slack.message(":thinking_face::skin-tone-2:", "D4", channel_type="im")
        marks, emoji = await fake.wait_posts(2)
        assert marks.body["text"].startswith("Please ask in words")
        assert emoji.body["text"].startswith("Ask me about the news")  # as an empty message
        await slack.message("How many prisoners were exchanged?", "D4", channel_type="im")
        posts = await fake.wait_posts(3)
        assert "157 prisoners" in posts[2].text()  # answered: the refusals used up no turn
        ack = await slack.command("???", channel="C5")
        assert ack.text.startswith("Please ask in words")


async def test_small_talk_is_answered_in_kind_and_help_with_the_help(
    fake: FakeSlack, engine: Engine, state: StateStore
) -> None:
    conversations = Conversations(engine, 5, state)
    async with _serve(fake, conversations, BRIEFBOT_RATE_LIMIT_PER_MINUTE=1) as slack:
        await slack.message("hi!", "D6", channel_type="im")
        await slack.message("thanks", "D6", channel_type="im")
        await slack.message("help", "D6", channel_type="im")
        hello, welcome, helped = await fake.wait_posts(3)
        assert hello.body["text"].startswith("Hello! Ask me about the news")
        assert welcome.body["text"].startswith("You're welcome")
        assert helped.body["text"] == HELP
        # None of it is a question: the one question a minute is still to be asked.
        await slack.message("hey, how many prisoners were exchanged?", "D6", channel_type="im")
        posts = await fake.wait_posts(4)
        assert "157 prisoners" in posts[3].text()


class BrokenConversations(Conversations):
    """An engine that fails: the user gets an apology, the log gets the error."""

    async def ask_in(self, platform: str, chat: str, question: str) -> Reply:
        raise RuntimeError("the index is unreachable")

    async def digest(
        self,
        platform: str,
        chat: str,
        since: datetime | None = None,
        until: datetime | None = None,
    ) -> Digest:
        raise RuntimeError("the index is unreachable")


async def test_a_failure_gets_an_apology_and_logs_no_secrets(
    fake: FakeSlack, engine: Engine, state: StateStore, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    async with _serve(fake, BrokenConversations(engine, 5, state)) as slack:
        ts = await slack.mention("How many prisoners were exchanged?")
        [posted] = await fake.wait_posts(1)
        assert posted.body["thread_ts"] == ts
        assert posted.body["text"].startswith("Sorry, something went wrong")
    assert "the index is unreachable" in caplog.text
    assert "xoxb-test" not in caplog.text
    assert SECRET not in caplog.text
    assert "chat.postMessage" in caplog.text  # the Web API calls were logged, headers too


async def test_a_digest_that_cannot_be_built_gets_an_apology(
    fake: FakeSlack, engine: Engine, state: StateStore
) -> None:
    async with _serve(fake, BrokenConversations(engine, 5, state)) as slack:
        assert "Here is what is new now" in (await slack.command("digest")).text
        [private] = await fake.wait_posts(1, "chat.postEphemeral")
        assert private.body["user"] == "U1"
        assert private.body["text"].startswith("Sorry, something went wrong")


async def test_socket_mode_answers_over_the_websocket(
    fake: FakeSlack, engine: Engine, state: StateStore
) -> None:
    settings = Settings(
        _env_file=None,
        SLACK_BOT_TOKEN="xoxb-test",
        SLACK_APP_TOKEN="xapp-test",
        SLACK_API_URL=fake.url,
    )
    stop = asyncio.Event()
    task = asyncio.create_task(run_slack(settings, Conversations(engine, 5, state), stop))
    try:
        await fake.wait_for(lambda _: bool(fake.sockets))
        event = {
            "type": "app_mention",
            "user": "U1",
            "text": f"<@{BOT_USER_ID}> How many prisoners were exchanged?",
            "ts": "1700000002.000001",
            "channel": CHANNEL,
        }
        payload = {"type": "event_callback", "team_id": "T1", "event_id": "EvS1", "event": event}
        await fake.push({"envelope_id": "env-1", "type": "events_api", "payload": payload})
        [posted] = await fake.wait_posts(1)
        assert posted.body["thread_ts"] == "1700000002.000001"
        assert "157 prisoners" in posted.text()
        await fake.wait_for(lambda _: bool(fake.socket_acks))
        assert fake.socket_acks[0]["envelope_id"] == "env-1"  # acknowledged over the socket
    finally:
        stop.set()
        await asyncio.wait_for(task, 10)
    assert fake.posted("apps.connections.open")


async def test_brief_compare_posts_each_side_as_its_own_section(
    slack: Slack, fake: FakeSlack
) -> None:
    response = await slack.command("compare turkey, china: nato membership")
    assert "Looking into" in response.text
    [posted] = await fake.wait_posts(1)
    sections = [b["text"]["text"] for b in posted.body["blocks"] if b["type"] == "section"]
    assert sections[0].startswith("*Turkey*\n• _2022-05-18_ Turkey raised objections")
    assert sections[1] == "*China*\n_Nothing found on China's position._"
    usage = (await slack.command("compare turkey")).text
    assert "Usage: `/brief compare SIDE, SIDE: TOPIC`" in usage
    assert len(fake.posted()) == 1  # a bad command is answered privately, once


async def test_brief_timeline_posts_dated_developments(slack: Slack, fake: FakeSlack) -> None:
    response = await slack.command("timeline prisoner swaps")
    assert "Looking for what changed on: prisoner swaps" in response.text
    [posted] = await fake.wait_posts(1)
    sections = [b["text"]["text"] for b in posted.body["blocks"] if b["type"] == "section"]
    assert sections[0] == "*What changed on “prisoner swaps”*"
    assert sections[1].startswith("*2026-02-05* The two sides exchanged 157 prisoners")
    usage = (await slack.command("timeline swaps since someday")).text
    assert "Usage: `/brief timeline TOPIC [since DATE]`" in usage
    assert len(fake.posted()) == 1
