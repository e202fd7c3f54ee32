"""Cleaning crawled text: each rule on its own, a real crawled page, and date normalisation."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from retrieval.cleaning import clean_text, clean_title, normalise_date, url_date

# Real sentences long enough that a marker after them comes "after most of the text".
BODY = (
    "Ukraine and Russia concluded a second round of talks in Abu Dhabi on Thursday.\n"
    "The two sides agreed to exchange 314 prisoners of war, the first swap in five months.\n"
    "Negotiators said the next round would be held soon, likely in the United States."
)
BODY_OUT = BODY.replace("\n", "\n\n")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(
            "Talks\u00a0resume\tin  Geneva.\r\nCafe\u0301 owners cheered.",
            "Talks resume in Geneva.\n\nCafé owners cheered.",
            id="whitespace-and-nfc",
        ),
        pytest.param(
            "At\u200d least seven\u200b people were killed.",
            "At least seven people were killed.",
            id="invisible-characters-removed",
        ),
        pytest.param(
            "First paragraph here.\n\n\n\nSecond paragraph here.",
            "First paragraph here.\n\nSecond paragraph here.",
            id="paragraphs-separated-by-one-blank-line",
        ),
        pytest.param(
            "Kyiv wants guarantees.\nMoscow refuses.\nKyiv wants guarantees.",
            "Kyiv wants guarantees.\n\nMoscow refuses.",
            id="repeated-line-keeps-first",
        ),
        pytest.param(
            "Exclusive news, data and analytics for financial market professionalsLearn more "
            "aboutRefinitiv\nKYIV, Feb 5 (Reuters) - Talks ended.\n"
            "The Reuters Inside Track newsletter is your essential guide. Sign up here.",
            "KYIV, Feb 5 (Reuters) - Talks ended.",
            id="reuters-banners",
        ),
        pytest.param(
            "Dark\nLight\nby\nTalks advanced.\nAlso Read: Africa Becomes Battleground\n"
            "Your email address will not be published.",
            "Talks advanced.",
            id="theme-toggle-byline-teaser-comment-form",
        ),
        pytest.param(
            "We use cookies to ensure that we give you the best experience on our website.\n"
            "Skip to main contentSkip to navigation\nMail Facebook Twitter / X LinkedIn\n"
            "Talks advanced.",
            "Talks advanced.",
            id="cookie-skip-links-share-bar",
        ),
        pytest.param(
            "Talks advanced.\n[](https://reuters.com/world/</world/other-story/>)\n"
            "* [](https://site.org/<javascript:void\\(0\\)>)\n[Home](/) | [World](/world)\n"
            "[[81]](https://site.org/<#_ednref81>) https://t.me/channel/1; <https://t.me/x/2>",
            "Talks advanced.",
            id="link-only-and-footnote-lines",
        ),
        pytest.param(
            "Talks resumed in [Abu Dhabi](https://example.org/ad) on Thursday.![map](m.png)",
            "Talks resumed in Abu Dhabi on Thursday.",
            id="inline-link-keeps-text-image-goes",
        ),
        pytest.param(
            "ArcelorMittal (MT.LU), opens new tab lost output.\n"
            "Soldiers arrive. REUTERS/Staff Purchase Licensing Rights, opens new tab",
            "ArcelorMittal (MT.LU) lost output.\n\nSoldiers arrive. REUTERS/Staff",
            id="link-labels-stripped-inline",
        ),
        pytest.param(
            f"{BODY}\nHome\nWorld news\nSport and leisure",
            BODY_OUT,
            id="three-short-lines-are-navigation",
        ),
        pytest.param(
            f"US-Brokered Talks Advance\nBy Jane Doe\n{BODY}",
            f"US-Brokered Talks Advance\n\nBy Jane Doe\n\n{BODY_OUT}",
            id="two-short-lines-stay",
        ),
        pytest.param(
            "Deaths: 11\nCases: 6,862\nIn hospital: 1,507\nYes.\nNo.\nMaybe later!",
            "Deaths: 11\n\nCases: 6,862\n\nIn hospital: 1,507\n\nYes.\n\nNo.\n\nMaybe later!",
            id="short-lines-with-figures-or-sentence-ends-stay",
        ),
        pytest.param(
            f"{BODY}\nDon't Miss\nPetrol Prices Drop In Tanzania\nRetail prices have decreased",
            BODY_OUT,
            id="end-marker-drops-teasers-after-it",
        ),
        pytest.param(
            f"{BODY}\nLeave a Reply\nGreat article, thanks for writing it.",
            BODY_OUT,
            id="end-marker-comments",
        ),
        pytest.param(
            f"Related Articles\n{BODY}",
            f"Related Articles\n\n{BODY_OUT}",
            id="end-marker-near-the-top-loses-nothing",
        ),
        pytest.param(
            "Negotiators met in Geneva on Tuesday to resume the\n"
            "talks, officials said.\n\nA second paragraph follows here.",
            "Negotiators met in Geneva on Tuesday to resume the talks, officials said.\n\n"
            "A second paragraph follows here.",
            id="hard-wrapped-markdown-joined",
        ),
        pytest.param(
            "Negotiators met in Geneva on Tuesday, officials said. \n* a list item\n\nNext.",
            "Negotiators met in Geneva on Tuesday, officials said.\n\n* a list item\n\nNext.",
            id="sentence-ends-and-list-items-keep-their-line",
        ),
        pytest.param(
            " ".join(["The minister said talks would continue."] * 15)
            + " We use cookies, she joked, to keep delegates awake.",
            " ".join(["The minister said talks would continue."] * 15)
            + " We use cookies, she joked, to keep delegates awake.",
            id="banner-phrase-inside-a-long-paragraph-stays",
        ),
        pytest.param(
            "Talks resumed on Monday. Can anyone in Russia stop Putin now? | Angus "
            "RoxburghRead more Fifteen years earlier, the envoy served in Moscow.",
            "Talks resumed on Monday. Fifteen years earlier, the envoy served in Moscow.",
            id="teaser-glued-into-a-paragraph-goes",
        ),
        pytest.param(
            "Kyiv was quiet. Will the talks work? Ukraine-Russia talks: what does each side "
            "want?Read more Rustem Umerov leads the team. Putin would Read more of it later.",
            "Kyiv was quiet. Will the talks work? Rustem Umerov leads the team. Putin would Read "
            "more of it later.",
            id="only-the-teaser-goes",
        ),
        pytest.param(
            "Tories will decide on spending. Liz Truss defends plans to cut British army by "
            "nearly 10,000 troops Read more Torsten Bell said: “We get to 2.5%.”",
            "Tories will decide on spending. Torsten Bell said: “We get to 2.5%.”",
            id="spaced-teaser-goes-before-a-capital",
        ),
        pytest.param(
            "It needs all 30 members. 04:05'A dangerous neighbour': why Finland and Sweden want "
            "to join Nato – video explainer Turkey said it was satisfied. At 10:30 the talks "
            "began.\n\nMusk replies. 00:25Zelenskiy invites Elon Musk to Ukraine – video",
            "It needs all 30 members. Turkey said it was satisfied. At 10:30 the talks began."
            "\n\nMusk replies.",
            id="embedded-video-titles-go",
        ),
        pytest.param(
            "The views are the author's.\n\n© 2026 by the Center for Strategic and "
            "International Studies. All rights reserved.\n\nCopyright © 2026 Bennett, Coleman "
            "& Co. Ltd.\n\nThe © sign marks a copyright.",
            "The views are the author's.\n\nThe © sign marks a copyright.",
            id="copyright-lines-go",
        ),
        pytest.param(
            "The loan is for Ukraine.In December, leaders agreed on it. Medinsky said.“We are "
            "ready,” he added, the ball being “in their court”.Talks go on in the U.S. capital.",
            "The loan is for Ukraine. In December, leaders agreed on it. Medinsky said. “We are "
            "ready,” he added, the ball being “in their court”. Talks go on in the U.S. capital.",
            id="glued-sentences-parted",
        ),
        pytest.param(
            "The U.S.A. joined e.g. Mr.Smith at bbc.com on Monday.",
            "The U.S.A. joined e.g. Mr.Smith at bbc.com on Monday.",
            id="initials-abbreviations-and-domains-stay-glued",
        ),
        pytest.param(
            "**Drones struck a bus on February 1.** Officials said 12 died.[[iii]](https://"
            "isw.example/<#_edn3>) ISW assesses strikes will go on.[iv][v]\n\n"
            "**See our statement****here****.**",
            "Drones struck a bus on February 1. Officials said 12 died. ISW assesses strikes will "
            "go on.\n\nSee our statement here.",
            id="bold-and-note-marks-go-so-sentences-end",
        ),
        pytest.param(
            '"[I] will not go," he said of the f**king war.',
            '"[I] will not go," he said of the f**king war.',
            id="brackets-and-asterisks-inside-words-stay",
        ),
        pytest.param(
            "Sign up to First Edition, our free daily newsletter – every weekday morning at 7am "
            "BST Finland and Sweden are officially non-aligned.\n\n"
            "Sign up to the daily Business Today email or follow us at @BusinessDesk She said "
            "20m tonnes of wheat were stuck.\n\n"
            "Sign up to receive World Brief in your inbox every weekday.\n\n"
            "Denmark became the last of the bloc's members to sign up to the policy.",
            "Finland and Sweden are officially non-aligned.\n\nShe said 20m tonnes of wheat were "
            "stuck.\n\nDenmark became the last of the bloc's members to sign up to the policy.",
            id="newsletter-plugs-go-and-the-paragraphs-they-are-glued-to-stay",
        ),
        pytest.param(
            "Image: Soldiers launch a drone on the Sumy front, on January 28, 2026.\n\n"
            "Photo: Kostiantyn Liberov/Libkos/Getty Images\n\n"
            "Click here to access the archive of interactive maps.\n\n"
            "notification-importantGet instant alerts and updates based on your interests.\n\n"
            "The image of the front line changed little: photos show the same trenches.",
            "The image of the front line changed little: photos show the same trenches.",
            id="captions-credits-and-prompts-go",
        ),
        pytest.param("Dark\nLight\n\n[](https://x.org/)", "", id="nothing-left"),
    ],
)
def test_clean_text(text: str, expected: str) -> None:
    assert clean_text(text) == expected


def test_clean_title_is_one_plain_line() -> None:
    assert clean_title("  Why a \u200bgrowing [number](https://x.org) of\nexperts say ") == (
        "Why a growing number of experts say"
    )


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2022-06-24T17:30:00Z", "2022-06-24"),
        ("2022-06-24T23:30:00-05:00", "2022-06-24"),
        ("2026-02-05", "2026-02-05"),
        ("2026/2/5", "2026-02-05"),
        ("February 11, 2026", "2026-02-11"),
        ("Feb. 11 2026", "2026-02-11"),
        ("11 February 2026", "2026-02-11"),
        ("Wednesday, 4 Feb 2026", "2026-02-04"),
        ("  Sept 3rd, 2025 ", "2025-09-03"),
        ("", ""),
        (None, ""),
        ("2026-02-30", ""),
        ("Smarch 3, 2026", ""),
        ("yesterday", ""),
    ],
)
def test_normalise_date(value: str | None, expected: str) -> None:
    assert normalise_date(value) == expected


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.theguardian.com/world/2026/feb/04/ukraine-talks", "2026-02-04"),
        ("https://www.aljazeera.com/news/2026/2/18/russia-ukraine-talks", "2026-02-18"),
        ("https://example.org/2022/05/12/", "2022-05-12"),
        ("https://example.org/2022/05/12", "2022-05-12"),
        # Not a day: a year and a month alone, an id, an impossible date.
        ("https://example.org/archive/2022/05/", ""),
        ("https://example.org/story?id=2022/05/12345", ""),
        ("https://example.org/2026/feb/30/x", ""),
        ("https://maps.example/tiles/2048/10/12/", ""),
        ("https://example.org/p/1234/12/05/", ""),
        # The path's date, not one in the query or fragment.
        ("https://example.org/2022/05/12?utm_source=rss", "2022-05-12"),
        ("https://example.org/2022/05/12#top", "2022-05-12"),
        ("https://example.org/story?from=/2022/05/12/", ""),
        ("", ""),
    ],
)
def test_a_link_files_its_page_under_a_day(url: str, expected: str) -> None:
    assert url_date(url) == expected


@pytest.mark.shared_corpus
def test_real_reuters_page_keeps_article_and_loses_chrome(shared_dir: Path) -> None:
    lines = (shared_dir / "corpus" / "news-2026.jsonl").read_text(encoding="utf-8").splitlines()
    record = next(r for r in map(json.loads, lines) if r["id"] == "kj-54ddec12e0")
    text = clean_text(record["text"])
    for chrome in (
        "Exclusive news, data and analytics",
        "Sign up here",
        "Purchase Licensing Rights",
        "opens new tab",
        "[](",
        "Our Standards",
        "cartel leader",  # a teaser headline after the article
    ):
        assert chrome not in text, chrome
    for fact in (
        "agreed to an exchange of 314 prisoners of war",
        "55,000 Ukrainian soldiers had been killed",
        "Reporting by Olena Harmash",
    ):
        assert fact in text, fact
    assert text.startswith("* US pushes for compromise")


@pytest.mark.shared_corpus
def test_seed_page_as_received_cleans_to_its_article(shared_dir: Path) -> None:
    raw = (shared_dir / "seeds" / "ukraine-peace-talks-2026-02-11.txt").read_text(encoding="utf-8")
    paragraphs = clean_text(raw).split("\n\n")
    assert paragraphs[0] == "US-Brokered Ukraine Peace Talks Advance Amid Guarantee Disputes"
    assert paragraphs[-1].endswith("or whether security guarantee disputes will stall progress.")
    for chrome in ("Dark", "Light", "by", "Author", "Leave a Reply", "Don't Miss"):
        assert chrome not in paragraphs
    assert not any(p.startswith(("Also Read", "Your email", "Petrol")) for p in paragraphs)
