"""Loading documents from files: each format, each failure, and the bundled corpus."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from retrieval.documents import Document, LoadFailure
from retrieval.loading import LoadResult, load_documents

PROJECT = Path(__file__).resolve().parents[1]

ARTICLE = (
    "Ukrainian and Russian negotiators met in Geneva on Tuesday to resume peace talks.\n\n"
    "The delegations discussed a ceasefire monitoring mechanism, officials said.\n"
)

PAGE = """<!doctype html>
<html><head>
<title>Talks resume in Geneva | Example News</title>
<meta property="og:title" content="Talks resume in Geneva">
<meta property="og:url" content="https://example.org/geneva">
<meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2026-02-17T09:00:00Z">
</head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
<li><a href="/sport">Sport</a></li></ul></nav>
<header><p>Subscribe to our newsletter for daily updates</p></header>
<article><h1>Talks resume in Geneva</h1>
<p>Ukrainian and Russian negotiators met in Geneva on Tuesday to resume peace talks brokered
by the United States, officials said.</p>
<p>The delegations discussed a ceasefire monitoring mechanism and the exchange of prisoners of
war, according to a statement.</p>
</article>
<footer><p>Copyright 2026 Example News. All rights reserved.</p>
<a href="/privacy">Privacy policy</a></footer>
</body></html>
"""


def _write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def _by_id(result: LoadResult) -> dict[str, Document]:
    return {d.doc_id: d for d in result.documents}


def _failure(result: LoadResult, source: Path | str) -> LoadFailure:
    matches = [f for f in result.failures if f.source == str(source)]
    assert len(matches) == 1, (source, result.failures)
    return matches[0]


def test_markdown_with_front_matter(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "talks.md",
        "---\nid: geneva-1\ntitle: Talks resume in Geneva\ndate: February 17, 2026\n"
        "url: https://example.org/geneva\npublisher: Example News\nextra: ignored\n---\n"
        f"# A heading that is not the title\n\n{ARTICLE}",
    )
    result = load_documents([tmp_path])
    assert result.failures == []
    assert result.documents == [
        Document(
            doc_id="geneva-1",
            title="Talks resume in Geneva",
            text="# A heading that is not the title\n\n" + ARTICLE.strip(),
            url="https://example.org/geneva",
            date="2026-02-17",
            publisher="Example News",
            source=str(path),
        )
    ]


def test_undated_markdown_takes_the_day_its_link_files_it_under(tmp_path: Path) -> None:
    _write(tmp_path / "a.md", f"---\nid: a\nurl: https://x.org/2026/feb/04/a\n---\n{ARTICLE}")
    assert load_documents([tmp_path]).documents[0].date == "2026-02-04"


def test_unquoted_yaml_date_is_read_as_a_date(tmp_path: Path) -> None:
    _write(tmp_path / "a.md", f"---\nid: a\ndate: 2026-02-11\n---\n{ARTICLE}")
    assert load_documents([tmp_path]).documents[0].date == "2026-02-11"


def test_markdown_without_front_matter_gets_a_stable_id_and_heading_title(
    tmp_path: Path,
) -> None:
    _write(tmp_path / "notes" / "Geneva Talks.md", f"Intro line.\n\n## Geneva talks\n\n{ARTICLE}")
    first = load_documents([tmp_path]).documents
    again = load_documents([tmp_path]).documents
    assert len(first) == 1
    doc = first[0]
    assert re.fullmatch(r"file-notes-geneva-talks-[0-9a-f]{8}", doc.doc_id)
    assert again[0].doc_id == doc.doc_id, "the same file keeps its id across runs"
    assert doc.title == "Geneva talks"
    assert (doc.url, doc.date, doc.publisher) == ("", "", "")


def test_text_file_title_is_its_first_line(tmp_path: Path) -> None:
    _write(tmp_path / "brief.txt", "Morning brief\n\n" + ARTICLE)
    doc = load_documents([tmp_path / "brief.txt"]).documents[0]
    assert doc.title == "Morning brief"
    assert doc.text.startswith("Morning brief\n\nUkrainian and Russian negotiators")


def test_html_page_keeps_the_article_and_drops_navigation(tmp_path: Path) -> None:
    _write(tmp_path / "page.html", PAGE)
    [doc] = load_documents([tmp_path]).documents
    assert "negotiators met in Geneva on Tuesday" in doc.text
    assert "exchange of prisoners of war" in doc.text
    for boilerplate in ("Home", "Sport", "Subscribe", "Privacy policy", "All rights reserved"):
        assert boilerplate not in doc.text
    assert doc.title == "Talks resume in Geneva"
    assert doc.date == "2026-02-17"
    assert doc.url == "https://example.org/geneva"
    assert doc.publisher == "Example News"


def test_jsonl_good_lines_load_and_bad_lines_are_named(tmp_path: Path) -> None:
    good = {
        "id": "kj-1",
        "title": "Talks end",
        "url": "https://example.org/1",
        "date": "2026-02-05T10:00:00Z",
        "publisher": "Example",
        "text": "Talks ended in Abu Dhabi.\nA prisoner swap followed.",
    }
    lines = [
        json.dumps(good),
        '{"id": "kj-2", "text": "unterminated',
        json.dumps({"id": "kj-3", "title": "No text"}),
        "",
        json.dumps({"id": 4, "text": "Numeric id."}),
        json.dumps({"id": "kj-5", "text": "Fine.", "date": 20260205}),
        json.dumps({"id": "kj-6", "date": None, "text": "Undated but fine."}),
        # No date given, but its link files it under a day.
        json.dumps(
            {"id": "kj-7", "url": "https://example.org/world/2026/feb/04/talks", "text": "Ok."}
        ),
        # A date given wins over the link's.
        json.dumps(
            {"id": "kj-8", "url": "https://x.org/2026/02/04/", "date": "2026-02-05", "text": "Ok."}
        ),
    ]
    path = _write(tmp_path / "news.jsonl", "\n".join(lines) + "\n")
    result = load_documents([path])
    docs = _by_id(result)
    assert sorted(docs) == ["kj-1", "kj-6", "kj-7", "kj-8"]
    assert docs["kj-1"] == Document(
        doc_id="kj-1",
        title="Talks end",
        text="Talks ended in Abu Dhabi.\n\nA prisoner swap followed.",
        url="https://example.org/1",
        date="2026-02-05",
        publisher="Example",
        source=f"{path}:1",
    )
    assert docs["kj-6"].date == ""
    assert docs["kj-6"].title == "Undated but fine."
    assert docs["kj-7"].date == "2026-02-04"
    assert docs["kj-8"].date == "2026-02-05"
    assert "invalid JSON" in _failure(result, f"{path}:2").reason
    assert _failure(result, f"{path}:3").reason == '"text" is missing'
    assert _failure(result, f"{path}:5").reason == '"id" must be a string, got a number'
    assert _failure(result, f"{path}:6").reason == '"date" must be a string or null, got a number'
    assert len(result.failures) == 4


def test_jsonl_line_with_invalid_utf8_costs_that_line_only(tmp_path: Path) -> None:
    good = json.dumps({"id": "ok", "text": "Talks ended."}).encode()
    bad = b'{"id": "bad", "text": "caf\xe9"}'
    path = _write(tmp_path / "mixed.jsonl", good + b"\n" + bad + b"\n")
    result = load_documents([path])
    assert [d.doc_id for d in result.documents] == ["ok"]
    offset = len(good) + 1 + bad.index(b"\xe9")
    assert _failure(result, f"{path}:2").reason == (
        f"not valid UTF-8 (byte 0xe9 at offset {offset}); save the file as UTF-8"
    )


def test_yaml_error_says_what_and_where(tmp_path: Path) -> None:
    path = _write(tmp_path / "a.md", "---\nid: a\ntitle: Talks: day two\n---\nText.")
    reason = _failure(load_documents([path]), path).reason
    assert reason.startswith("bad front matter: ")
    assert "line 3" in reason


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
        (
            "latin1.md",
            "Kyiv caf\u00e9 talks.".encode("latin-1"),
            "not valid UTF-8 (byte 0xe9 at offset 8)",
        ),
        ("empty.md", b"  \n\n", "empty file"),
        ("broken.md", b"---\ntitle: [unclosed\n---\nText.", "bad front matter"),
        (
            "list.md",
            b"---\n- a\n- b\n---\nText.",
            "bad front matter: expected key: value lines, got a list",
        ),
        ("unclosed.md", b"---\ntitle: x\nText.", "no closing --- line"),
        ("chrome.md", b"Dark\nLight\n\n[](https://example.org/)\n", "no text left"),
        ("report.pdf", b"%PDF-1.7", "unsupported file type .pdf (supported: .htm, .html, .jsonl"),
        ("Makefile", b"all:", "unsupported file without an extension"),
        ("script.html", b"<html><body><script>var a = 1;</script></body></html>", "no article"),
    ],
)
def test_bad_files_are_named_failures(
    tmp_path: Path, name: str, content: bytes, reason: str
) -> None:
    path = _write(tmp_path / name, content)
    result = load_documents([tmp_path])
    assert result.documents == []
    assert reason in _failure(result, path).reason


def test_missing_path_is_a_failure_not_an_exception(tmp_path: Path) -> None:
    result = load_documents([tmp_path / "nowhere"])
    assert result == LoadResult([], [LoadFailure(str(tmp_path / "nowhere"), "file not found")])


def test_folders_are_read_recursively_in_order_skipping_hidden_and_system_files(
    tmp_path: Path,
) -> None:
    _write(tmp_path / "b.md", f"---\nid: b\n---\n{ARTICLE}")
    _write(tmp_path / "a" / "deep" / "c.txt", f"---\nid: c\n---\n{ARTICLE}")
    _write(tmp_path / "a.md", f"---\nid: a\n---\n{ARTICLE}")
    _write(tmp_path / ".DS_Store", b"\x00\x00\x00\x01Bud1")
    _write(tmp_path / ".git" / "config", "[core]")
    _write(tmp_path / "Thumbs.db", b"\x00")
    _write(tmp_path / "draft.md~", "backup")
    _write(tmp_path / "README.md", "# About this folder\n\nNot a document.")
    result = load_documents([tmp_path])
    assert result.failures == []
    assert [d.doc_id for d in result.documents] == ["a", "b", "c"]


def test_duplicate_ids_keep_the_first(tmp_path: Path) -> None:
    first = _write(tmp_path / "one" / "a.md", f"---\nid: same\ntitle: First\n---\n{ARTICLE}")
    second = _write(tmp_path / "two.jsonl", json.dumps({"id": "same", "text": "Second."}))
    result = load_documents([tmp_path / "one", second])
    assert [(d.doc_id, d.title) for d in result.documents] == [("same", "First")]
    assert _failure(result, f"{second}:1").reason == f"duplicate id same, first seen in {first}"


def test_a_file_named_twice_loads_once(tmp_path: Path) -> None:
    path = _write(tmp_path / "a.md", f"---\nid: a\n---\n{ARTICLE}")
    result = load_documents([tmp_path, path])
    assert [d.doc_id for d in result.documents] == ["a"]
    assert result.failures == []


def test_bundled_corpus_is_the_cleaned_seed_article() -> None:
    result = load_documents([PROJECT / "corpus"])
    assert result.failures == []
    [doc] = result.documents
    assert doc.doc_id == "seed-2026-02-11"
    assert doc.date == "2026-02-11"
    assert doc.title == "US-Brokered Ukraine Peace Talks Advance Amid Guarantee Disputes"
    assert (doc.url, doc.publisher) == ("", "")
    for chrome in ("Don't Miss", "Leave a Reply", "Also Read", "Your email", "Tanzania"):
        assert chrome not in doc.text
    assert "long-term defense commitments — any ceasefire would risk collapse" in doc.text
    assert doc.text.count("Kyiv argues that without hard guarantees") == 1
    assert doc.text.endswith("or whether security guarantee disputes will stall progress.")


@pytest.mark.shared_corpus
def test_shared_news_corpus_loads_completely(shared_dir: Path) -> None:
    result = load_documents([shared_dir / "corpus" / "news-2026.jsonl"])
    assert result.failures == []
    assert len(result.documents) == 69
    assert all(d.text and d.title for d in result.documents)
    assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}|", d.date) for d in result.documents)


def test_a_huge_file_is_skipped_by_name_and_a_huge_jsonl_line_costs_that_line(
    tmp_path: Path,
) -> None:
    sentence = b"The harbour stayed open all night. "
    huge = _write(tmp_path / "dump.md", sentence * (10_500_000 // len(sentence)))
    lines = [
        json.dumps({"id": "small", "text": "A short report."}).encode(),
        json.dumps({"id": "big", "text": "x " * 5_500_000}).encode(),
    ]
    feed = _write(tmp_path / "feed.jsonl", b"\n".join(lines))
    result = load_documents([tmp_path])
    assert [d.doc_id for d in result.documents] == ["small"]
    assert "larger than the 10.0 MB one document may be" in _failure(result, huge).reason
    [line] = [f for f in result.failures if f.source == f"{feed}:2"]
    assert "line of 11.0 MB" in line.reason
