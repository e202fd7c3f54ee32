"""Chunking: whole sentences, a token budget, overlap, exact offsets."""

from __future__ import annotations

import itertools

import pytest

from retrieval.chunking import (
    ChunkingConfig,
    as_shown,
    chunk_document,
    estimate_tokens,
    photo_captions,
    quotable,
    split_sentences,
)
from retrieval.documents import Document


def _doc(text: str) -> Document:
    return Document(
        doc_id="d1",
        title="Title",
        text=text,
        url="https://example.org/a",
        date="2026-02-11",
        publisher="Example News",
    )


PARAGRAPHS = "\n\n".join(
    " ".join(f"Paragraph {p} sentence {s} says something about talks." for s in range(6))
    for p in range(5)
)


@pytest.mark.parametrize(
    ("max_tokens", "overlap"),
    [(40, 0), (40, 10), (80, 15), (200, 40), (480, 0)],
)
def test_chunks_respect_budget_and_cover_the_text(max_tokens: int, overlap: int) -> None:
    doc = _doc(PARAGRAPHS)
    chunks = chunk_document(doc, ChunkingConfig(max_tokens, overlap))
    assert chunks, "a non-empty document gives chunks"
    for c in chunks:
        assert estimate_tokens(c.text) <= max_tokens
        assert doc.text[c.start : c.end] == c.text  # offsets point into the cleaned text
    covered = set()
    for c in chunks:
        covered.update(range(c.start, c.end))
    words = [i for i, ch in enumerate(doc.text) if not ch.isspace()]
    assert all(i in covered for i in words), "no text falls between chunks"
    assert [c.position for c in chunks] == list(range(len(chunks)))


def test_chunks_end_on_sentence_boundaries() -> None:
    chunks = chunk_document(_doc(PARAGRAPHS), ChunkingConfig(40, 10))
    for c in chunks:
        assert c.text.startswith("Paragraph ")
        assert c.text.rstrip().endswith(".")


def test_neighbouring_chunks_overlap_by_a_sentence() -> None:
    chunks = chunk_document(_doc(PARAGRAPHS), ChunkingConfig(40, 12))
    assert len(chunks) > 2
    for a, b in itertools.pairwise(chunks):
        assert b.start < a.end, "the next chunk repeats the end of the previous one"
        assert b.start > a.start, "and still moves forward"


def test_chunks_carry_document_metadata() -> None:
    chunk = chunk_document(_doc("Russia and Ukraine met in Geneva. Talks went on."))[0]
    assert (chunk.chunk_id, chunk.doc_id, chunk.title) == ("d1#0", "d1", "Title")
    assert (chunk.url, chunk.date, chunk.publisher) == (
        "https://example.org/a",
        "2026-02-11",
        "Example News",
    )
    assert chunk.indexed_text().startswith("Title\n\n")


def test_abbreviations_do_not_split_sentences() -> None:
    text = "The U.S. envoy met Mr. Umerov in Geneva. A second round followed."
    chunks = chunk_document(_doc(text), ChunkingConfig(14, 0))
    assert chunks[0].text == "The U.S. envoy met Mr. Umerov in Geneva."


def test_an_overlong_sentence_is_split_by_words() -> None:
    text = " ".join(["word"] * 300) + "."
    chunks = chunk_document(_doc(text), ChunkingConfig(50, 0))
    assert len(chunks) >= 6
    assert all(estimate_tokens(c.text) <= 50 for c in chunks)


def test_empty_text_gives_no_chunks() -> None:
    assert chunk_document(_doc("  \n\n ")) == []


def test_a_quotable_sentence_states_something_at_a_readable_length() -> None:
    assert quotable("Talks resumed in Geneva on Tuesday morning.1") == (
        "Talks resumed in Geneva on Tuesday morning."
    )
    assert quotable("What does Russia want from the talks?") is None  # asks, doesn't answer
    assert quotable("Talks resumed.") is None  # too little alone
    assert quotable("The talks " + "went on and on " * 30 + "until dawn.") is None
    # A cookie notice glued into a long paragraph is the website's, not the article's.
    notice = "Please state your consent ID and date when you contact us regarding your consent."
    assert quotable(notice) is None
    assert (
        quotable("This cookie is used to distinguish between humans and bots on the site.") is None
    )
    assert quotable("They spent billions on it, handing out cookies on Maidan and so on.")
    assert quotable("Nuland handed out cookies on Maidan as Western partners staged a coup.")


def test_a_photo_credit_glued_before_a_sentence_is_not_shown_with_it() -> None:
    assert as_shown("Photograph: Dave Mustaine/EPA Preparing for the war, Russia moved.") == (
        "Preparing for the war, Russia moved."
    )
    # The agency's capitals may run into the next word; a credit may name several.
    assert as_shown("Photograph: Alex Brandon/APPsaki would not comment.") == (
        "Psaki would not comment."
    )
    assert as_shown("Photograph: MaxarTech/AFP/Getty Images The palace said so.") == (
        "The palace said so."
    )
    assert as_shown("Photograph: Oleg Petrasyuk/ReutersNatalia, 57, stands by the grave.") == (
        "Natalia, 57, stands by the grave."
    )
    assert as_shown("Photograph: Ed Jones/AFP via Getty Images Talks went on.") == (
        "Talks went on."
    )
    # A pool and an agency alone are credits too.
    assert as_shown("Photograph: Alexei Nikolsky/Kremlin pool/Sputnik/EPA Many of them.") == (
        "Many of them."
    )
    assert as_shown("Photograph: AP “These troop movements were unexpected.”") == (
        "“These troop movements were unexpected.”"
    )
    assert as_shown("Photo: EU leaders met in Brussels on Thursday.") == (
        "Photo: EU leaders met in Brussels on Thursday."
    )
    # A newspaper's own photographer is credited to "The Guardian", whole.
    assert as_shown("Photograph: Volodya Yurchenko/The Guardian The soldiers left.") == (
        "The soldiers left."
    )
    assert as_shown("Talks resumed in Geneva.") == "Talks resumed in Geneva."


@pytest.mark.parametrize(
    ("stored", "shown"),
    [
        (
            "* Russia launched another strike overnight.",
            "Russia launched another strike overnight.",
        ),
        (
            "> In total, Russian forces have seized land.",
            "In total, Russian forces have seized land.",
        ),
        ("| Parliament will vote on the loan.", "Parliament will vote on the loan."),
        (
            "_On 24 February 2022, Ukraine was attacked._",
            "On 24 February 2022, Ukraine was attacked.",
        ),
        ("00.23Biden denies calling for regime change.", "Biden denies calling for regime change."),
        (
            "10.5 million people have fled the country.",
            "10.5 million people have fled the country.",
        ),
        ("1.50GW of generating capacity was lost.", "1.50GW of generating capacity was lost."),
        (
            "- Russia launched drones at Kyiv overnight.",
            "Russia launched drones at Kyiv overnight.",
        ),
        ("_Kyiv_ said it would not give up land.", "Kyiv said it would not give up land."),
        ("Prices rose 5% * 2 in a year.", "Prices rose 5% * 2 in a year."),
    ],
)
def test_the_marks_a_page_sets_before_a_sentence_are_not_shown(stored: str, shown: str) -> None:
    assert as_shown(stored) == shown


@pytest.mark.parametrize(
    ("sentence", "quoted"),
    [
        # A photo's caption ends with where and when it was taken.
        (
            "Members of the delegations attend the second round of talks in Abu Dhabi, United "
            "Arab Emirates, February 4, 2026.",
            False,
        ),
        (
            "Workers clean up damage at a power plant after a Russian attack in Kyiv, Ukraine, "
            "Wednesday, Feb. 4, 2026.",
            False,
        ),
        # Or names who stands where in the picture.
        ("(From left) Recep Tayyip Erdoğan, Joe Biden and Boris Johnson at the summit.", False),
        ("(L-R) Olaf Scholz, Emmanuel Macron and Mario Draghi on the train to Kyiv.", False),
        ("From left to right, the speakers took turns to condemn the invasion.", True),
        # A sentence giving a date is no caption.
        ("Russia launched its full-scale invasion of Ukraine on February 24, 2022.", True),
        (
            "The next round will be held in Geneva, officials said on Tuesday, February 17, 2026.",
            True,
        ),
        (
            "Many things in the lives of our generations are associated with that day, April 12, "
            "1961.",
            True,
        ),
    ],
)
def test_a_photo_caption_is_not_quoted(sentence: str, quoted: bool) -> None:
    assert (quotable(sentence) is not None) is quoted


def test_the_sentence_a_photo_credit_follows_is_a_caption() -> None:
    text = (
        "Andersson said Sweden would not want permanent bases on its territory. Sanna Marin "
        "speaks during the debate in the Finnish parliament in Helsinki. Photograph: "
        "Lehtikuva/Reuters Russia's deputy foreign minister said the countries should have no "
        "illusions.\nThe Kremlin at night in November 2021. Photograph: Bloomberg/Getty Images"
    )
    sentences = split_sentences(text)
    assert [sentences[n] for n in sorted(photo_captions(sentences))] == [
        "Sanna Marin speaks during the debate in the Finnish parliament in Helsinki.",
        "The Kremlin at night in November 2021.",
    ]


def test_no_caption_without_a_credit_after_it_nor_an_article_sentence_glued_to_one() -> None:
    # A credit's label inside a sentence credits nothing after it; a crawl that glued the
    # article's sentence to the caption leaves that sentence quotable.
    text = (
        "The editor said the photo: a child in Bucha, should be shown. It was printed. "
        "The city lies close to the Russian border and has been heavily shelled.A monument is "
        "covered with sandbags. Photograph: Reuters/Reuters"
    )
    assert photo_captions(split_sentences(text)) == set()
