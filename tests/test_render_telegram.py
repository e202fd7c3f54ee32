"""Telegram HTML rendering: escaping, links, sources, and splitting to fit."""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser
from typing import Any

import pytest

from bot.render_telegram import render_sources_html, render_telegram_html, units
from retrieval.answers import ABSTENTION, Answer, Sentence, Source
from tests.corpus_factory import sides_answer


def source(n: int = 1, **fields: str) -> Source:
    """A source with plausible defaults."""
    values = {
        "doc_id": f"doc-{n}",
        "title": "Prisoners exchanged",
        "publisher": "Alpine Wire",
        "date": "2026-02-05",
        "url": f"https://news.example/{n}",
        "passage": "The two sides exchanged 157 prisoners each.",
        **fields,
    }
    return Source(n=n, chunk_ids=(f"doc-{n}#0",), **values)


def answer(*sentences: tuple[str, tuple[int, ...]], sources: tuple[Source, ...] = (), **kw: Any):
    """An Answer from (text, citations) pairs."""
    return Answer(
        kw.pop("question", "How many?"),
        tuple(Sentence(t, c) for t, c in sentences),
        sources,
        **kw,
    )


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.open: list[str] = []
        self.seen: list[str] = []

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        self.open.append(tag)
        self.seen.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.open.pop() == tag


def tags(html: str) -> list[str]:
    """The tags used in a message, failing if any is left open."""
    parser = _Tags()
    parser.feed(html)
    assert not parser.open
    return parser.seen


INJECTION = '<b>x</b> <a href="https://evil.example">y</a> & z'


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        (
            answer(("157 prisoners were exchanged.", (1,)), sources=(source(),)),
            '157 prisoners were exchanged. <a href="https://news.example/1">[1]</a>\n\n'
            "<b>Sources</b>\n"
            '[1] <a href="https://news.example/1">Prisoners exchanged</a> — '
            "Alpine Wire, 2026-02-05",
        ),
        (
            answer(("No link here.", (1,)), sources=(source(url="", date=""),)),
            "No link here. [1]\n\n<b>Sources</b>\n[1] Prisoners exchanged — Alpine Wire, undated",
        ),
        (
            answer(note="the model timed out; this is the extractive answer", abstained=True),
            f"<i>the model timed out; this is the extractive answer</i>\n\n{ABSTENTION}",
        ),
        (
            answer(
                (INJECTION, (1, 2)),
                sources=(
                    source(1, title=INJECTION, publisher="A & B"),
                    source(2, url='https://x.example/?a=1&b="2"'),
                ),
                note="<i>",
            ),
            "<i>&lt;i&gt;</i>\n\n"
            '&lt;b&gt;x&lt;/b&gt; &lt;a href="https://evil.example"&gt;y&lt;/a&gt; '
            '&amp; z <a href="https://news.example/1">[1]</a>'
            '<a href="https://x.example/?a=1&amp;b=&quot;2&quot;">[2]</a>\n\n'
            "<b>Sources</b>\n"
            '[1] <a href="https://news.example/1">&lt;b&gt;x&lt;/b&gt; &lt;a href="'
            'https://evil.example"&gt;y&lt;/a&gt; &amp; z</a> — A &amp; B, 2026-02-05\n'
            '[2] <a href="https://x.example/?a=1&amp;b=&quot;2&quot;">Prisoners exchanged</a>'
            " — Alpine Wire, 2026-02-05",
        ),
    ],
    ids=["linked", "unlinked-undated", "note-and-abstention", "html-injection"],
)
def test_render_telegram_html(case: Answer, expected: str) -> None:
    assert render_telegram_html(case) == [expected]
    tags(expected)


@pytest.mark.parametrize("limit", [120, 300, 4096])
def test_long_answers_split_between_sentences_never_inside_a_tag(limit: int) -> None:
    sentences = [(f"Sentence {i} says something & more <here>.", (1,)) for i in range(200)]
    pages = render_telegram_html(answer(*sentences, sources=(source(),)), limit)
    assert len(pages) > 1
    for page in pages:
        assert units(page) <= limit
        tags(page)
    text = unescape(re.sub(r"<[^>]+>", "", " ".join(pages)))
    for i in range(200):
        assert text.count(f"Sentence {i} says something & more <here>.") == 1
    assert pages[-1].endswith("Alpine Wire, 2026-02-05")


def test_a_sentence_longer_than_a_message_is_cut_between_words_and_entities() -> None:
    huge = "&&&&& " * 50 + "x" * 300
    pages = render_telegram_html(answer((huge, (1,)), sources=(source(),)), 100)
    assert all(len(p) <= 100 for p in pages)
    assert all(not re.search(r"&(?!amp;|lt;|gt;)", p) for p in pages)
    text = unescape(re.sub(r"<[^>]+>", "", "".join(pages)))
    assert text.count("&") == 250
    assert text.count("x") >= 300


def test_splitting_counts_emoji_as_telegram_does() -> None:
    sentences = [("🇺🇦 " * 20 + "flags.", (1,)) for _ in range(30)]
    pages = render_telegram_html(answer(*sentences, sources=(source(),)), 300)
    assert len(pages) > 1
    assert all(len(p.encode("utf-16-le")) // 2 <= 300 for p in pages)


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        (None, "ask a question first"),
        (answer(abstained=True), "cited no sources"),
    ],
)
def test_sources_without_an_answer_say_so(case: Answer | None, expected: str) -> None:
    [page] = render_sources_html(case)
    assert expected in page


def test_sources_show_each_cited_sentence_escaped_under_its_source_not_the_passage() -> None:
    long_sentence = "A sentence with <script>alert(1)</script> & more words in it. " * 100
    cited = answer(
        (long_sentence, (1,)),
        ("Something both say.", (1, 2)),
        ("Short & sweet.", (2,)),
        sources=(
            source(1, passage="The whole passage, never quoted. " * 50),
            source(2, passage="Another whole passage."),
        ),
        question="<b>why</b>?",
    )
    pages = render_sources_html(cited, 1000)
    text = "\n".join(pages)
    assert len(pages) > 5
    assert pages[0].startswith("Sources for: <i>&lt;b&gt;why&lt;/b&gt;?</i>\n\n[1] <a href=")
    assert "whole passage" not in text.lower()
    # Each source is followed by the sentences cited from it, and only those.
    first, second = text.split("[2] <a href=")
    assert "&lt;script&gt;" in first
    assert first.count("<blockquote>Something both say.</blockquote>") == 1
    assert "Short &amp; sweet." not in first
    assert second.endswith(
        "<blockquote>Something both say.</blockquote>\n<blockquote>Short &amp; sweet.</blockquote>"
    )
    for page in pages:
        assert len(page) <= 1000
        assert "<script>" not in page
        assert set(tags(page)) <= {"a", "i", "blockquote"}


def test_sentences_from_one_source_carry_its_marker_once_at_the_end_of_their_run() -> None:
    cited = answer(
        ("One.", (1,)),
        ("Two.", (1,)),
        ("Three.", (2,)),
        ("Four.", (1,)),
        ("Five.", (1,)),
        sources=(source(1), source(2)),
    )
    [page] = render_telegram_html(cited)
    text = re.sub(r"<[^>]+>", "", page.split("\n\n<b>Sources")[0])
    assert text == "One. Two. [1] Three. [2] Four. Five. [1]"
    # The answer value keeps a marker after every sentence: that is what checks citations.
    assert cited.text() == "One. [1] Two. [1] Three. [2] Four. [1] Five. [1]"


def test_a_follow_up_is_shown_with_the_question_it_was_read_as() -> None:
    cited = answer(("Ten ships sailed.", (1,)), sources=(source(1),))
    [page] = render_telegram_html(cited, searched_for="How many <ships> sailed?")
    assert page.startswith("<i>Searching for: How many &lt;ships&gt; sailed?</i>\n\nTen ships")


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "tg://resolve?domain=somebot",
        "file:///etc/passwd",
        "https://news.example/" + "a" * 3000,
        "https://news.example/a b",
        "//news.example/no-scheme",
    ],
)
def test_only_plain_web_links_from_sources_become_links(url: str) -> None:
    rendered = "\n".join(
        render_telegram_html(answer(("Ten ships sailed.", (1,)), sources=(source(1, url=url),)))
    )
    assert "<a " not in rendered
    assert "Prisoners exchanged" in rendered  # the title and marker stay, unlinked
    assert "[1]" in rendered


def test_a_web_link_from_a_source_is_kept() -> None:
    rendered = "\n".join(
        render_telegram_html(answer(("Ten ships sailed.", (1,)), sources=(source(1),)))
    )
    assert '<a href="https://news.example/1">' in rendered


def test_sides_are_bold_headings_with_dated_cited_lines() -> None:
    [html] = render_telegram_html(sides_answer())
    assert html.startswith("<b>Russia</b>\n• <i>2026-02-11</i> guarantees")
    assert '&lt;1&gt;. <a href="https://news.example/1">[1]</a>' in html
    assert "<b>Ukraine</b>\n<i>Nothing found on Ukraine's position.</i>" in html
    assert html.index("<b>Ukraine</b>") < html.index("<b>Sources</b>")


def test_long_sides_are_split_into_whole_messages_within_the_limit() -> None:
    pages = render_telegram_html(sides_answer(words=70, per_side=3), limit=700)
    assert len(pages) > 1
    assert all(units(p) <= 700 for p in pages)
    assert all(tags(p) for p in pages)  # every tag closes within its message
    # A heading never ends a message alone.
    assert not any(p.rstrip().endswith("</b>") for p in pages)
    assert "Nothing found on Ukraine's position." in unescape("".join(pages))
