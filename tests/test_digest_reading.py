"""What a digest reads like: stories not pages, clean headlines, ledes, one message or 'N more'."""

from __future__ import annotations

import pytest

from bot.render_slack import render_slack_digest
from bot.render_telegram import MAX_MESSAGE_CHARS, render_digest_telegram, units
from bot.render_terminal import render_digest_terminal
from retrieval.answers import Answer, Sentence, Source
from retrieval.digest import SHOWN_STORIES, Digest, DigestItem
from retrieval.headlines import clean_headline, outlet
from retrieval.ledes import lede, tells_news
from retrieval.pagekind import page_kind, tells_event

ARTICLE = (
    "Ukraine and Russia exchanged 314 prisoners of war on Thursday after two days of talks in "
    "Abu Dhabi, the first swap in five months.\n\n"
    "The U.S. envoy said the delegations agreed to meet again soon, likely in the United States. "
    "Ukraine's president said some of the released soldiers had been held for nearly four years."
)
LIVE_SHELL = "\n".join(
    [
        "* 16 minutes ago 16 mins ago What the exclusive footage shows",
        "* 1 hour ago 1 hr ago Former ambassador released under investigation, police say",
        "* 2 hours ago 2 hrs ago Snowstorm blows through the northeast",
        "Threats we face echo run-up to WWII, warns minister",
        "Team GB's medallists return home from Winter Olympics",
    ]
)
LISTING = "\n".join(
    [
        "Research briefings on aid to Ukraine, with their downloads.",
        "* Ukraine: UK aid and humanitarian situation 2022 to 2026 (347 KB , PDF)",
        "* Military assistance to Ukraine since 2022 (1.2 MB , PDF)",
        "* Sanctions against Russia: a timeline (512 KB , PDF)",
    ]
)
INDEX = "\n".join(
    [
        "KEY HIGHLIGHTS Massive countrywide attacks on critical infrastructure led to prolonged "
        "disruptions in heat, water and electricity supplies, drastically increasing needs...",
        "KEY HIGHLIGHTS The Government declares a State of Emergency in the energy sector. "
        "Security incidents have escalated to seven in January, compared to two...",
        "Severe winter conditions and a slowdown in mobilization on both sides have slowed down "
        "advances. Author Cristian Vlas Eastern Europe Assistant Research Manager Key...",
        "Context Overview The country is entering its fourth winter of full-scale invasion, as "
        "the humanitarian situation...",
    ]
)
TOPIC_PAGE = (
    "This page outlines the assistance that the Alliance and its members are providing to "
    "Ukraine as it defends itself. It also answers common questions about the Alliance and its "
    "broader response to the war.\n\n"
    "Ukraine is an independent, peaceful and democratic country, and it has cooperated closely "
    "with the Alliance for more than 30 years. This partnership has made both stronger."
)


@pytest.mark.parametrize(
    ("text", "dated", "kind"),
    [
        (ARTICLE, True, "story"),
        (ARTICLE, False, "story"),
        (LIVE_SHELL, False, "live-shell"),
        (LIVE_SHELL, True, "live-shell"),
        (LISTING, True, "listing"),
        (INDEX, True, "index"),
        (TOPIC_PAGE, False, "evergreen"),
    ],
)
def test_pages_that_are_not_stories_are_told_apart(text: str, dated: bool, kind: str) -> None:
    assert page_kind(text, "A title", dated).kind == kind


@pytest.mark.parametrize(
    ("title", "headline"),
    [
        (
            "Russia-Ukraine talks: All the mediation efforts, and where they stand | "
            "Explainer News | Al Jazeera",
            "Russia-Ukraine talks: All the mediation efforts, and where they stand",
        ),
        (
            "Ukraine, Russia conduct POW swap after trilateral talks with US end - ABC News",
            "Ukraine, Russia conduct POW swap after trilateral talks with US end",
        ),
        (
            "U.S. gave Ukraine and Russia June deadline, Zelenskyy says  : NPR",
            "U.S. gave Ukraine and Russia June deadline, Zelenskyy says",
        ),
        (
            "Ukraine: UK aid and humanitarian situation - House of Commons Library",
            "Ukraine: UK aid and humanitarian situation",
        ),
        # A headline's own second half stays.
        (
            "Talks with US were constructive but challenges remain, Kremlin says - ABC News",
            "Talks with US were constructive but challenges remain, Kremlin says",
        ),
        ("Progress in talks - says Kremlin", "Progress in talks - says Kremlin"),
        ("Council on Foreign Relations", "Council on Foreign Relations"),
    ],
)
def test_headlines_lose_the_site_chrome(title: str, headline: str) -> None:
    assert clean_headline(title) == headline


def test_the_outlet_is_the_publisher_or_the_web_site() -> None:
    assert outlet("https://www.reuters.com/world/x", "") == "reuters.com"
    assert outlet("https://apnews.com/article/x", "AP") == "AP"
    assert outlet("", "") == ""


@pytest.mark.parametrize(
    "sentence",
    [
        "Justin Young, Grace Mappes and Frederick W. Kagan.",  # a byline
        "* Ukraine: UK aid and humanitarian situation 2022 to 2026 (347 KB , PDF)",
        "Click here to see the interactive map of the invasion of Ukraine.",
        "Item 1 of 2 Water vapour rises from buildings in Kyiv, Ukraine January 19, 2026.",
        "Sign up here for our daily newsletter on the war.",
        "Read more",
    ],
)
def test_a_lede_is_never_a_byline_list_item_file_size_or_link_label(sentence: str) -> None:
    assert not tells_news(sentence)


@pytest.mark.parametrize(
    ("lede", "news"),
    [
        ("Ukraine and Russia exchanged 314 prisoners of war after talks in Abu Dhabi.", True),
        ("The central bank left its key rate unchanged at 16 percent.", True),
        ("Negotiators met in Geneva on Tuesday for a third round of talks.", True),
        ("KYIV, Feb 23 - The economy is enduring its toughest period since the invasion.", True),
        ("It was not supposed to be like this. The war has exposed faulty assumptions.", False),
        ("In the early hours of February 24 2022, an assault still seemed impossible.", False),
        ("Over the past year two parallel sets of talks have been held about the war.", False),
    ],
)
def test_a_story_lede_tells_of_an_event_or_its_day(lede: str, news: bool) -> None:
    assert tells_event(lede, "2026") is news


def test_the_lede_says_what_happened_first() -> None:
    opening = (
        "Justin Young, Grace Mappes and Frederick W. Kagan\n\n"
        "**Click here** to see the interactive map. This map is updated daily with the report.\n\n"
        "* Download the report (347 KB, PDF)\n\n" + ARTICLE
    )
    told = lede([("wire", opening)], "Prisoners exchanged after Abu Dhabi talks")
    assert told
    first, doc = told[0]
    assert doc == "wire"
    assert first.startswith("Ukraine and Russia exchanged 314 prisoners of war on Thursday")
    assert sum(len(text.split()) for text, _ in told) <= 60
    assert not any("map" in text for text, _ in told)


def _item(n: int) -> DigestItem:
    sources = tuple(
        Source(
            i,
            f"doc-{n}-{i}",
            (f"doc-{n}-{i}#0",),
            f"Report {i} of story {n}",
            f"Outlet {i}",
            "2026-02-05",
            f"https://outlet{i}.example/{n}",
            "text",
        )
        for i in (1, 2, 3)
    )
    sentence = Sentence(
        f"Story {n}: the two sides exchanged prisoners on Thursday after talks in Abu Dhabi, "
        "and agreed to meet again soon, officials from both delegations said.",
        (1,),
    )
    answer = Answer(f"Story {n}", (sentence,), sources)
    outlets = tuple(s.publisher for s in sources)
    return DigestItem(
        f"Headline of story {n}", answer, tuple(s.doc_id for s in sources), outlets, "2026-02-05"
    )


def test_a_long_digest_fits_one_telegram_message_and_says_how_many_more() -> None:
    digest = Digest("2026-02-01", "2026-02-07", tuple(_item(n) for n in range(1, 13)))
    [message] = render_digest_telegram(digest)
    assert units(message) <= MAX_MESSAGE_CHARS
    shown = sum(f"Headline of story {n}</b>" in message for n in range(1, 13))
    assert 1 <= shown <= SHOWN_STORIES
    assert f"and {12 - shown} more: /digest all" in message
    assert "(3 reports, 2026-02-05)" in message
    every = "".join(render_digest_telegram(digest, show_all=True))
    assert all(f"Headline of story {n}</b>" in every for n in range(1, 13))
    assert "more: /digest all" not in every


def test_slack_and_the_terminal_say_how_many_more_too() -> None:
    digest = Digest("2026-02-01", "2026-02-07", tuple(_item(n) for n in range(1, 9)))
    blocks = [b for m in render_slack_digest(digest) for b in m.blocks]
    assert "…and 3 more: `/brief digest all`" in str(blocks)
    assert "Headline of story 8" in str(render_slack_digest(digest, show_all=True))
    text = render_digest_terminal(digest)
    assert "...and 3 more: briefbot digest --all" in text
    assert "Headline of story 8" in render_digest_terminal(digest, show_all=True)


def test_a_short_digest_needs_no_more_line() -> None:
    digest = Digest("2026-02-01", "2026-02-07", (_item(1),))
    [message] = render_digest_telegram(digest)
    assert "more" not in message
    assert _item(1).reports == "3 reports"
