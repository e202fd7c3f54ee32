"""Rendering answers as Slack Block Kit: escaping, linked citations, sources, buttons, limits."""

from __future__ import annotations

import json
from typing import Any

import pytest

from bot.render_slack import (
    MAX_BLOCKS,
    MAX_MESSAGE_CHARS,
    MAX_SECTION_CHARS,
    escape,
    render_slack_blocks,
)
from retrieval.answers import Answer, Sentence, Source, abstention
from tests.corpus_factory import sides_answer


def _source(n: int = 1, /, **fields: str) -> Source:
    values = {
        "doc_id": f"doc-{n}",
        "title": "Hundreds of prisoners exchanged",
        "publisher": "Alpine Wire",
        "date": "2026-02-05",
        "url": f"https://news.example/{n}",
        **fields,
    }
    return Source(n=n, chunk_ids=(f"doc-{n}#0",), passage="…", **values)


def _answer(*sentences: str, source: Source | None = None, note: str = "") -> Answer:
    src = source or _source()
    return Answer("q", tuple(Sentence(s, (src.n,)) for s in sentences), (src,), note=note)


def _mrkdwn(blocks: list[dict[str, Any]]) -> list[str]:
    """Every mrkdwn text in the blocks, in order."""
    out = []
    for b in blocks:
        if b["type"] == "section":
            out.append(b["text"]["text"])
        elif b["type"] == "context":
            out.extend(e["text"] for e in b["elements"])
    return out


@pytest.mark.parametrize(
    ("raw", "escaped"),
    [
        ("<!channel> look", "&lt;!channel&gt; look"),
        ("<!here>", "&lt;!here&gt;"),
        ("hi <@U1>", "hi &lt;@U1&gt;"),
        ("<https://evil.example|click>", "&lt;https://evil.example|click&gt;"),
        ("AT&T", "AT&amp;T"),
        ("&lt; already", "&amp;lt; already"),  # shown literally, not decoded
        ("*bold* _it_ ~st~", "*bold* _it_ ~st~"),  # cosmetic at most: cannot ping or link
        ("plain", "plain"),
    ],
)
def test_answer_text_is_escaped(raw: str, escaped: str) -> None:
    [message] = render_slack_blocks(_answer(raw), "a1")
    section = message.blocks[0]
    assert section["type"] == "section"
    assert section["text"]["text"] == f"{escaped} <https://news.example/1|[1]>"
    assert section["text"]["verbatim"] is True
    assert escape(raw) in message.text


@pytest.mark.parametrize(
    ("field", "value", "shown"),
    [
        ("title", "<!channel> & <@U1>", "&lt;!channel&gt; &amp; &lt;@U1&gt;"),
        ("publisher", "<!everyone>", "&lt;!everyone&gt;"),
        ("url", "https://x.example/a?b=1&c=<2>|3", "<https://x.example/a?b=1&amp;c=&lt;2&gt;%7C3|"),
        ("url", "javascript:alert(1)", "[1] Hundreds of prisoners exchanged —"),  # not linked
    ],
)
def test_source_metadata_is_escaped(field: str, value: str, shown: str) -> None:
    [message] = render_slack_blocks(_answer("Fact.", source=_source(**{field: value})), "a1")
    assert any(shown in text for text in _mrkdwn(message.blocks))
    assert "<!" not in json.dumps(message)
    assert "<@" not in json.dumps(message)


def test_sources_are_linked_context_lines_and_buttons_carry_the_answer_id() -> None:
    [message] = render_slack_blocks(_answer("157 prisoners were exchanged."), "abc123")
    section, source, actions = message.blocks
    assert section["text"]["text"] == ("157 prisoners were exchanged. <https://news.example/1|[1]>")
    assert source == {
        "type": "context",
        "elements": [
            {
                "type": "mrkdwn",
                "text": "[1] <https://news.example/1|Hundreds of prisoners exchanged> — "
                "Alpine Wire, 2026-02-05",
                "verbatim": True,
            }
        ],
    }
    assert actions["type"] == "actions"
    assert [(b["action_id"], b["value"]) for b in actions["elements"]] == [
        ("feedback_up", "abc123"),
        ("feedback_down", "abc123"),
    ]
    assert message.text == (
        "157 prisoners were exchanged. [1]\nSources:\n"
        "[1] Hundreds of prisoners exchanged — Alpine Wire, 2026-02-05"
    )


def test_a_note_comes_first_in_italics_and_a_preface_before_it() -> None:
    answer = _answer("Fact.", note="the model timed out; <b>extractive</b> answer")
    [message] = render_slack_blocks(answer, "a1", preface="<@U1> asked: why?")
    texts = _mrkdwn(message.blocks)
    assert texts[0] == "<@U1> asked: why?"
    assert texts[1] == "_the model timed out; &lt;b&gt;extractive&lt;/b&gt; answer_"


def test_an_abstention_has_no_sources_and_no_feedback_buttons() -> None:
    [message] = render_slack_blocks(abstention("q"), "a1")
    assert [b["type"] for b in message.blocks] == ["section"]
    assert "don't answer" in message.text


def test_a_run_of_sentences_from_one_source_carries_its_marker_once() -> None:
    two = _source(2)
    answer = Answer(
        "q",
        (Sentence("One.", (1,)), Sentence("Two.", (1,)), Sentence("Three.", (2,))),
        (_source(1), two),
    )
    [message] = render_slack_blocks(answer, "a1")
    assert _mrkdwn(message.blocks)[0] == (
        "One. Two. <https://news.example/1|[1]> Three. <https://news.example/2|[2]>"
    )
    assert message.text.startswith("One. Two. [1] Three. [2]\nSources:")
    assert answer.text() == "One. [1] Two. [1] Three. [2]"


def test_a_follow_up_is_shown_with_the_question_it_was_read_as() -> None:
    [message] = render_slack_blocks(_answer("Fact."), "a1", searched_for="Who <b>led</b>?")
    assert _mrkdwn(message.blocks)[0] == "_Searching for: Who &lt;b&gt;led&lt;/b&gt;?_"


def test_no_buttons_without_an_answer_id() -> None:
    [message] = render_slack_blocks(_answer("Fact."), "")
    assert [b["type"] for b in message.blocks] == ["section", "context"]


@pytest.mark.parametrize(
    ("sentences", "words"),
    [
        (3, 40),  # fits in one section
        (40, 60),  # several sections, more than one message
        (300, 30),  # many messages
        (1, 5000),  # one enormous sentence
    ],
)
def test_long_answers_stay_within_slack_limits(sentences: int, words: int) -> None:
    text = " ".join(["word&<>"] * words) + "."
    answer = _answer(*[text] * sentences, "x&" * 4000)  # and one enormous word
    messages = render_slack_blocks(answer, "a1")
    for message in messages:
        assert 0 < len(message.blocks) <= MAX_BLOCKS
        texts = _mrkdwn(message.blocks)
        assert all(len(t) <= MAX_SECTION_CHARS for t in texts)
        assert sum(map(len, texts)) <= MAX_MESSAGE_CHARS
        assert len(message.text) <= MAX_SECTION_CHARS
        assert "<>" not in json.dumps(message.blocks)  # no escape was cut in half
    # Sources and buttons come once, under the last part.
    kinds = [b["type"] for m in messages for b in m.blocks]
    assert kinds[-2:] == ["context", "actions"]
    assert kinds.count("actions") == 1
    words_shown = sum(t.count("word&amp;&lt;&gt;") for m in messages for t in _mrkdwn(m.blocks))
    assert words_shown == sentences * words
    assert "x&amp;x&amp;" in json.dumps(messages)  # the enormous word is cut, not dropped
    assert [m.text for m in messages[1:]] == ["(continued)"] * (len(messages) - 1)


def test_each_side_is_a_section_with_a_bold_heading_and_dated_cited_lines() -> None:
    [message] = render_slack_blocks(sides_answer(), "a1")
    sections = [b["text"]["text"] for b in message.blocks if b["type"] == "section"]
    assert sections[0].startswith("*Russia*\n• _2026-02-11_ guarantees")
    assert "&lt;1&gt;. <https://news.example/1|[1]>" in sections[0]
    assert sections[1] == "*Ukraine*\n_Nothing found on Ukraine's position._"
    # The sides also reach notifications, in the plain-text fallback.
    assert "Ukraine: Nothing found on Ukraine's position." in message.text


def test_long_sides_stay_within_slack_limits() -> None:
    messages = render_slack_blocks(sides_answer(words=400, per_side=40), "a1")
    for message in messages:
        assert len(message.blocks) <= MAX_BLOCKS
        assert len(json.dumps(message.blocks)) < MAX_MESSAGE_CHARS + 2000
        for block in message.blocks:
            if block["type"] == "section":
                assert len(block["text"]["text"]) <= MAX_SECTION_CHARS
