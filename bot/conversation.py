"""The platform-neutral conversation core: every front end turns its events into these calls."""

from __future__ import annotations

import asyncio
import os
import re
import threading
import time
from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.engine import Engine, find_timeline
from bot.state import StateStore, Subscription
from retrieval.answers import Answer, abstention
from retrieval.digest import Digest, build_digest
from retrieval.followup import standalone_question
from retrieval.sides import compared_sides, explicit_form
from retrieval.store import new_chunks
from retrieval.timeline import (
    Timeline,
    TimelineRequest,
    as_digest,
    build_timeline,
    changes_topic,
    read_period,
    timeline_answer,
    timeline_request,
)

MAX_QUESTION_CHARS = 1000

# Questions the bot suggests (/start, /help, usage lines). Each is answered correctly from the
# bundled seed article alone; tests/test_examples.py keeps it so.
EXAMPLE_QUESTIONS = (
    "Where did Ukraine and Russia hold their latest talks?",
    "What security guarantees does Ukraine want?",
    "What does Russia demand about NATO?",
)
ASK_EXAMPLE = "Who brokered the talks?"
_REMEMBERED_CHATS = 10_000  # oldest conversations are forgotten first


# A feed entry dated up to this many days before the last digest but ingested after it is news.
LATE_DAYS = 3
DEFAULT_DIGEST_TIME = "08:00"
DEFAULT_TIMEZONE = "UTC"


@dataclass(frozen=True)
class Reply:
    """An answer and what it took to produce it."""

    answer: Answer
    searched_for: str  # the standalone question actually searched
    latency_ms: float
    answer_id: str = ""  # set when the answer was recorded, for feedback buttons
    asked: str = ""  # the question as typed (spaces tidied)

    @property
    def reading(self) -> str:
        """How a follow-up was read (the question searched), or "" when it was taken as typed."""
        return self.searched_for if self.searched_for != self.asked else ""


class Conversations:
    """Answers questions per chat, remembering each chat's last question for follow-ups."""

    def __init__(
        self, engine: Engine, k: int, state: StateStore | None = None, workers: int = 0
    ) -> None:
        self.engine = engine
        self.k = k
        self.state = state
        # Answers run on a few threads of their own, as many as there are cores by default:
        # more threads than cores only queue for the CPU and the GIL, and the event loop
        # (chat traffic, acknowledgements) would wait behind them.
        self._pool = ThreadPoolExecutor(workers or os.cpu_count() or 1, "answer")
        self._last: OrderedDict[str, str] = OrderedDict()
        self._lock = threading.Lock()  # ask_sync runs in many worker threads at once

    async def ask_in(self, platform: str, chat: str, question: str) -> Reply:
        """Answer a question from a chat platform and record it so feedback can refer to it."""
        reply = await self.ask(f"{platform}:{chat}", question)
        if self.state is None:
            return reply
        answer_id = await asyncio.to_thread(
            self.state.record_answer, platform, chat, question, reply.answer.text()
        )
        return replace(reply, answer_id=answer_id)

    def feedback(self, answer_id: str, user: str, rating: int) -> bool:
        """Record 👍 (+1) or 👎 (-1) on an answer; False when the answer is unknown."""
        return self.state is not None and self.state.record_feedback(answer_id, user, rating)

    def subscribe(self, platform: str, chat: str, args: str, user: str = "") -> Subscription:
        """Subscribe a chat to the daily digest from "[HH:MM] [Area/City] [topic words]"."""
        if self.state is None:
            raise SubscriptionError("subscriptions need the app's state store")
        sub = parse_subscription(platform, chat, args, user)
        self.state.subscribe(sub)
        return sub

    def unsubscribe(self, platform: str, chat: str) -> bool:
        """End a chat's digest subscription; False when it had none."""
        return self.state is not None and self.state.unsubscribe(platform, chat)

    def subscription(self, platform: str, chat: str) -> Subscription | None:
        """The chat's current subscription, if any."""
        return None if self.state is None else self.state.subscription(platform, chat)

    async def digest(
        self,
        platform: str,
        chat: str,
        since: datetime | None = None,
        until: datetime | None = None,
        arrivals: bool = False,
    ) -> Digest:
        """What is new for a chat: since its last digest (or a day), on its subscription's topic.
        `arrivals` (implied when `since` is the last digest) also takes what arrived since then
        dated a little earlier: a feed's entry that came late is still news to the chat."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(
            self._pool, self._digest, platform, chat, since, until, arrivals
        )

    def _digest(
        self,
        platform: str,
        chat: str,
        since: datetime | None,
        until: datetime | None,
        arrivals: bool,
    ) -> Digest:
        until = until or datetime.now(UTC)
        if since is None and self.state is not None:
            last = self.state.last_delivery(platform, chat)
            since = datetime.fromtimestamp(last, UTC) if last else None
            arrivals = True
        since = since or until - timedelta(days=1)
        sub = self.subscription(platform, chat)
        topic = sub.topic if sub else ""
        fresh = new_chunks(
            self.engine.index.store,
            since.date().isoformat(),
            since.timestamp(),
            until.date().isoformat(),
            until.timestamp(),
            LATE_DAYS if arrivals else -1,
        )
        changes = changes_topic(topic)
        if changes:
            # "what changed on TOPIC": the period's developments on it, newest first.
            vector = self.engine.embedder.embed_query(changes)
            return as_digest(
                build_timeline(
                    fresh, changes, since.date().isoformat(), until.date().isoformat(), vector
                )
            )
        return build_digest(
            fresh,
            self.engine.digest_composer,
            since.date().isoformat(),
            until.date().isoformat(),
            topic,
            topic_vector=self.engine.embedder.embed_query(topic) if topic else None,
        )

    async def timeline(self, text: str) -> Timeline:
        """What changed on a topic, "TOPIC [since DATE]" ("last week" counts back from today);
        raises CommandError when the text names no topic or an unreadable date."""
        asked = timeline_topic(text)
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(
            self._pool, find_timeline, self.engine, asked.topic, asked.since, asked.until
        )

    def ask_sync(self, chat: str, question: str) -> Reply:
        """Answer `question` in the context of `chat`'s previous question."""
        started = time.perf_counter()
        question = checked_question(question)
        with self._lock:
            previous = self._last.get(chat)
        try:
            changes = timeline_request(question, datetime.now(UTC).date())
        except ValueError:
            changes = None  # "since the war began": no date to start from; asked as it is
        if changes is not None:
            # "what changed on X since ...", "latest on X": the developments, newest first.
            timeline = find_timeline(self.engine, changes.topic, changes.since, changes.until)
            self._remember(chat, question)
            answer = timeline_answer(question, timeline)
            return Reply(answer, question, 1000 * (time.perf_counter() - started), asked=question)
        # A follow-up read as the corpus writes it: "and ukraines?" swaps in "Ukraine's",
        # not a name "Ukraines". A question that is no follow-up is searched as typed.
        spelled = self.engine.searcher.spelled(question)
        query = standalone_question(spelled, previous)
        if query == spelled:
            query = question
        if len(query) > MAX_QUESTION_CHARS:
            query = question  # a long chain of rewrites: the question alone is clearer
        # Read as the corpus writes: typos corrected, names capitalised.
        read, passages = self.engine.searcher.context(query, self.k)
        if not passages and self.engine.index.store.count() == 0:
            # Nothing can match before anything is indexed; say how to fix that instead.
            answer = abstention(query, note=EMPTY_INDEX)
        else:
            # The answer keeps the question it answers (a follow-up's standalone reading).
            answer = replace(self.engine.composer.compose(read, passages), question=query)
        # "why?" after a question searches "question: why?" but leaves the topic as it was,
        # so a chain of short follow-ups does not grow the query without end.
        appended = previous is not None and query.startswith(previous.rstrip(" ?") + ": ")
        # Remembered as it was read: spelled as the corpus spells it, so that a follow-up finds
        # the names of a question typed in lower case ("and Ukraine's?" after "what is russias
        # nato position"), and a position typed as keywords asked as one ("russia nato
        # position", whose names run together, as "What does Russia say and demand about NATO?").
        self._remember(chat, previous if appended and previous else read)
        return Reply(answer, query, 1000 * (time.perf_counter() - started), asked=question)

    async def ask(self, chat: str, question: str) -> Reply:
        """`ask_sync` on an answer thread, so the event loop never waits on the models."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._pool, self.ask_sync, chat, question)

    def forget(self, chat: str) -> None:
        """Start the chat afresh: the next question is not a follow-up."""
        with self._lock:
            self._last.pop(chat, None)

    def _remember(self, chat: str, question: str) -> None:
        with self._lock:
            self._last[chat] = question
            self._last.move_to_end(chat)
            while len(self._last) > _REMEMBERED_CHATS:
                self._last.popitem(last=False)


EMPTY_INDEX = "Nothing is indexed yet: `briefbot ingest PATH` indexes files and folders of news."


def checked_question(question: str) -> str:
    """The question with its spaces tidied and a greeting before it dropped; raises
    UnaskableQuestion when it is far too long, has no words ("???", an emoji), or is no
    question at all ("hi", "thanks", "help"), which no search can answer."""
    question = " ".join(question.split())
    if len(question) > MAX_QUESTION_CHARS:
        raise QuestionTooLong(len(question))
    if question and not has_words(question):
        raise QuestionWithoutWords()
    small_talk(question)
    # "hi, what is Russia's NATO position?": the judge of sentences would weigh the "hi".
    return _OPENING_GREETING.sub("", question, count=1) or question


def has_words(text: str) -> bool:
    """Whether the text has a letter or digit: "???" and "🤔" have none to search for."""
    return _LETTER_OR_DIGIT.search(text) is not None


_LETTER_OR_DIGIT = re.compile(r"[^\W_]")

# What people say to a bot that is no question: each kind, as the whole message (less marks,
# emoji and a word addressing the bot), and the reply it gets.
_GREETING = r"hi+|hello+|hey+|heya|hiya|howdy|yo|greetings|good (?:morning|afternoon|evening|day)"
_THANKS = (
    r"thanks?(?: you)?(?: (?:so|very) much| a lot| again)?|thx|ty|tysm|cheers|much appreciated"
    r"|appreciate it|great thanks"
)
_ACKNOWLEDGEMENT = (
    r"ok(?:ay)?|k+|cool|nice|great|perfect|got it|sure|alright|all right|fine|noted"
    r"|understood|good|awesome|brilliant|right"
)
_HELP = (
    r"help(?: me)?|what can you do|what do you do|who are you|what are you|how does (?:this|it)"
    r" work|how do (?:i|you) use (?:this|you|it)|how do i ask|what (?:can|should) i ask"
    r"|commands"
)
_ADDRESS = r"(?: (?:there|all|everyone|bot|briefbot|please|pls|so much))*"
_SMALL_TALK = re.compile(
    rf"(?:(?:{_GREETING}|{_THANKS}|{_ACKNOWLEDGEMENT}|{_HELP}){_ADDRESS} ?)+", re.IGNORECASE
)
# A greeting before a question, or thanks or an "ok" set off by a mark: "hi, what is ...",
# "ok - and Russia's?".
_OPENING_GREETING = re.compile(
    rf"^(?:(?:{_GREETING})(?: there| all| everyone| bot| briefbot)?\s*[,!.:;–—-]*\s+"
    rf"|(?:{_THANKS}|{_ACKNOWLEDGEMENT})\s*[,!.:;–—-]+\s*)(?=\w)",
    re.IGNORECASE,
)


def small_talk(message: str) -> None:
    """Raises SmallTalk, with its reply, when the message is a greeting, thanks, an
    acknowledgement or a call for help rather than a question ("hi" was searched, and
    answered with a quote about hi-tech weapons)."""
    words = " ".join(re.sub(r"[^\w\s']", " ", message.lower()).split())
    if not words or not _SMALL_TALK.fullmatch(words):
        return
    for kind, pattern in (("help", _HELP), ("thanks", _THANKS), ("greeting", _GREETING)):
        if re.search(rf"\b(?:{pattern})\b", words):
            raise SmallTalk(kind)
    raise SmallTalk("acknowledgement")


class UnaskableQuestion(ValueError):
    """A message no answer can be searched for; its text tells the user what to send."""


class QuestionTooLong(UnaskableQuestion):
    """A question longer than anyone would type."""

    def __init__(self, length: int) -> None:
        super().__init__(
            f"That question is {length} characters long; please keep it under "
            f"{MAX_QUESTION_CHARS} characters."
        )


class QuestionWithoutWords(UnaskableQuestion):
    """A message of marks or emoji only."""

    def __init__(self) -> None:
        super().__init__(f"Please ask in words, e.g. “{EXAMPLE_QUESTIONS[0]}”")


# What each kind of small talk is answered with.
SMALL_TALK_REPLIES = {
    "greeting": f"Hello! Ask me about the news, e.g. “{EXAMPLE_QUESTIONS[0]}”",
    "thanks": "You're welcome. Ask again whenever you like.",
    "acknowledgement": "👍 Ask another question whenever you like.",
    "help": (
        "I answer questions about the news in my sources in a few sentences, each citing "
        f"its source, e.g. “{EXAMPLE_QUESTIONS[1]}” Follow-ups work too: “and Russia's?”"
    ),
}


class SmallTalk(UnaskableQuestion):
    """A greeting, thanks, an acknowledgement or a call for help: answered in kind, not
    searched; `kind` says which ("help" is where a front end shows its own help)."""

    def __init__(self, kind: str) -> None:
        super().__init__(SMALL_TALK_REPLIES[kind])
        self.kind = kind


COMPARE_USAGE = (
    "Name two to four sides and a topic, the sides separated by commas: "
    "compare russia, ukraine: security guarantees"
)


class CommandError(ValueError):
    """A command whose arguments cannot be read; the message says how to write them."""


def comparison_question(args: str) -> str:
    """The question a compare command asks ("compare A, B: topic"), checked."""
    question = " ".join(args.split())
    if not explicit_form(question):
        question = f"compare {question}"
    if compared_sides(question) is None:
        raise CommandError(COMPARE_USAGE)
    return question


TIMELINE_USAGE = "Name a topic, and a period if you like: prisoner swaps since february 1"


def timeline_topic(text: str, today: date | None = None) -> TimelineRequest:
    """The topic and period of a timeline command, checked."""
    try:
        asked = read_period(" ".join(text.split()), today or datetime.now(UTC).date())
    except ValueError as exc:
        raise CommandError(f"{exc}. {TIMELINE_USAGE}") from None
    if not has_words(asked.topic):
        raise CommandError(TIMELINE_USAGE)  # none, or marks alone ("???"): nothing to search
    return asked


def checked_comparison(question: str) -> str:
    """A question, refused when it is written as a compare command that names fewer than two
    sides ("compare russia: grain"): it would otherwise be answered as something else."""
    if explicit_form(question) and compared_sides(question) is None:
        raise CommandError(COMPARE_USAGE)
    return question


class SubscriptionError(ValueError):
    """A /subscribe request that cannot be understood; the message says how to fix it."""


_TIME = re.compile(r"^([01]?\d|2[0-3]):([0-5]\d)$")


def parse_subscription(platform: str, chat: str, args: str, user: str = "") -> Subscription:
    """Read "[HH:MM] [Area/City] [always] [topic words]" into a Subscription."""
    local_time, zone, topic, notify_empty = DEFAULT_DIGEST_TIME, DEFAULT_TIMEZONE, [], False
    for word in args.split():
        m = _TIME.match(word)
        if word.lower() == "always":
            notify_empty = True  # a line even on days with nothing new
            continue
        if m:
            local_time = f"{int(m.group(1)):02d}:{m.group(2)}"
        elif "/" in word or word.upper() == "UTC":
            try:
                ZoneInfo(word)
            except (ZoneInfoNotFoundError, ValueError) as exc:
                raise SubscriptionError(
                    f"Unknown time zone {word!r}; use an IANA name such as Europe/Kyiv or UTC."
                ) from exc
            zone = word
        elif re.match(r"^\d", word):
            raise SubscriptionError(f"{word!r} is not a time; use 24-hour HH:MM, e.g. 07:30.")
        else:
            topic.append(word)
    return Subscription(platform, chat, local_time, zone, " ".join(topic), user, notify_empty)
