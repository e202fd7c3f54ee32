"""Reading documents from Markdown, text, HTML and JSONL files into `Document`s."""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml

from retrieval.cleaning import clean_text, clean_title, normalise_date, url_date
from retrieval.documents import Document, LoadFailure

_TEXT_SUFFIXES = frozenset({".md", ".markdown", ".txt"})
_HTML_SUFFIXES = frozenset({".html", ".htm"})
_SUPPORTED = ", ".join(sorted({*_TEXT_SUFFIXES, *_HTML_SUFFIXES, ".jsonl"}))
# Files an operating system or editor leaves in folders; nobody means them as documents.
_SYSTEM_NAMES = frozenset({"thumbs.db", "desktop.ini", "icon\r"})
# A folder's README or LICENSE describes the folder; it is not one of its documents.
_FOLDER_NOTES = re.compile(r"(readme|license|licence|copying)(\.\w+)?", re.IGNORECASE)
_FRONT_MATTER_END = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)
_HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*#*\s*$", re.MULTILINE)
_JSONL_FIELDS = ("title", "url", "date", "publisher")
_TITLE_MAX = 120
# One article is a few tens of kB; a file far larger is a dump or a mistake, and embedding it
# would tie up ingestion for an hour.
MAX_DOCUMENT_BYTES = 10_000_000


@dataclass(frozen=True)
class LoadResult:
    """The documents read, and the files or lines that could not be."""

    documents: list[Document]
    failures: list[LoadFailure]


class _Unreadable(Exception):
    """A file or line that cannot become a document; the message says why."""


def load_documents(paths: Sequence[Path]) -> LoadResult:
    """Read every supported file in `paths` (folders recursively); report the rest as failures."""
    documents: list[Document] = []
    failures: list[LoadFailure] = []
    first_seen: dict[str, str] = {}
    seen_files: set[Path] = set()
    for path in paths:
        try:
            found = path.exists()
        except OSError as e:  # e.g. a folder on the way that may not be listed
            failures.append(LoadFailure(str(path), f"cannot read: {e.strerror or e}"))
            continue
        if not found:
            failures.append(LoadFailure(str(path), "file not found"))
            continue
        for file, root in _files(path):
            if file.resolve() in seen_files:  # named twice, e.g. a folder and a file in it
                continue
            seen_files.add(file.resolve())
            for item in _load_file(file, root):
                if isinstance(item, LoadFailure):
                    failures.append(item)
                elif item.doc_id in first_seen:
                    reason = f"duplicate id {item.doc_id}, first seen in {first_seen[item.doc_id]}"
                    failures.append(LoadFailure(item.source, reason))
                else:
                    first_seen[item.doc_id] = item.source
                    documents.append(item)
    return LoadResult(documents, failures)


def _files(path: Path) -> Iterator[tuple[Path, Path]]:
    """The file, or a folder's files in sorted order; each with the root its id counts from."""
    if not path.is_dir():
        yield path, path.parent
        return
    for folder, dirs, names in os.walk(path):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(names):
            if not (_is_system_file(name) or _FOLDER_NOTES.fullmatch(name)):
                yield Path(folder) / name, path


def _is_system_file(name: str) -> bool:
    # Hidden files, OS droppings and editor backups or lock files.
    return name.startswith((".", "~$")) or name.endswith("~") or name.lower() in _SYSTEM_NAMES


def _load_file(file: Path, root: Path) -> Iterator[Document | LoadFailure]:
    suffix = file.suffix.lower()
    source = str(file)
    try:
        if suffix == ".jsonl":
            yield from _jsonl_documents(file)
        elif suffix in _TEXT_SUFFIXES:
            yield _text_document(file, root)
        elif suffix in _HTML_SUFFIXES:
            yield _html_document(file, root)
        else:
            kind = f"file type {suffix}" if suffix else "file without an extension"
            yield LoadFailure(source, f"unsupported {kind} (supported: {_SUPPORTED})")
    except _Unreadable as e:
        yield LoadFailure(source, str(e))


def _read_bytes(file: Path, limit: int | None = MAX_DOCUMENT_BYTES) -> bytes:
    try:
        size = file.stat().st_size
        if limit is not None and size > limit:
            raise _Unreadable(
                f"{_megabytes(size)}, larger than the {_megabytes(limit)} one document may be; "
                "split it into articles"
            )
        data = file.read_bytes()
    except OSError as e:
        raise _Unreadable(f"cannot read the file: {e.strerror or e}") from e
    if b"\x00" in data:
        raise _Unreadable("binary file (it contains NUL bytes); expected UTF-8 text")
    if not data.strip():
        raise _Unreadable("empty file")
    return data


def _decode(data: bytes, offset: int = 0) -> str:
    """UTF-8 text (a leading BOM dropped); `offset` places `data` in its file, for the message."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise _Unreadable(
            f"not valid UTF-8 (byte 0x{data[e.start]:02x} at offset {offset + e.start}); "
            "save the file as UTF-8"
        ) from e


def _text_document(file: Path, root: Path) -> Document:
    meta, body = _split_front_matter(_decode(_read_bytes(file)))
    text = clean_text(body)
    if not text:
        raise _Unreadable("no text left after removing front matter and page boilerplate")
    title = meta.get("title") or _first_heading(body) or _first_line(text)
    return Document(
        doc_id=meta.get("id") or _path_id(file, root),
        title=clean_title(title),
        text=text,
        url=meta.get("url", ""),
        date=normalise_date(meta.get("date")) or url_date(meta.get("url", "")),
        publisher=meta.get("publisher", ""),
        source=str(file),
    )


def _split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """YAML between `---` lines at the very top, as strings; the body after it."""
    first, _, rest = text.partition("\n")
    if first.rstrip() != "---":
        return {}, text
    end = _FRONT_MATTER_END.search(rest)
    if end is None:
        raise _Unreadable("front matter opens with --- but has no closing --- line")
    try:
        data = yaml.safe_load(rest[: end.start()])
    except yaml.YAMLError as e:
        where = getattr(e, "problem_mark", None)
        line = f" at line {where.line + 2}" if where is not None else ""
        problem = getattr(e, "problem", None) or str(e)
        raise _Unreadable(f"bad front matter: {problem}{line}") from e
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise _Unreadable(f"bad front matter: expected key: value lines, got {_kind(data)}")
    meta: dict[str, str] = {}
    for key in ("id", "title", "date", "url", "publisher"):
        value = data.get(key)
        if value is None:
            continue
        if isinstance(value, date):  # YAML reads an unquoted 2026-02-11 as a date
            value = value.isoformat()
        if not isinstance(value, str | int | float) or isinstance(value, bool):
            raise _Unreadable(f"bad front matter: {key} must be text, got {_kind(value)}")
        meta[key] = str(value).strip()
    return meta, rest[end.end() :]


def _html_document(file: Path, root: Path) -> Document:
    # Imported here: trafilatura takes a moment to import, and most corpora are JSONL.
    import trafilatura

    data = _read_bytes(file)
    try:
        # Bytes, not text: trafilatura honours the page's declared charset.
        page = trafilatura.bare_extraction(data, with_metadata=True, include_comments=False)
    except Exception as e:  # a third-party parser on arbitrary input: report, never crash a load
        raise _Unreadable(f"could not parse the HTML page: {e}") from e
    fields = page.as_dict() if page is not None and not isinstance(page, dict) else page or {}
    meta = {k: v for k, v in fields.items() if isinstance(v, str)}
    text = clean_text(meta.get("text", ""))
    if not text:
        raise _Unreadable("no article text found in the HTML page")
    return Document(
        doc_id=_path_id(file, root),
        title=clean_title(meta.get("title", "")) or _first_line(text),
        text=text,
        url=meta.get("url", ""),
        date=normalise_date(meta.get("date")) or url_date(meta.get("url", "")),
        publisher=clean_title(meta.get("sitename", "")),
        source=str(file),
    )


def _jsonl_documents(file: Path) -> Iterator[Document | LoadFailure]:
    # Decoded line by line, so that one badly encoded line costs that line only.
    offset = 0
    blank = True
    for number, raw in enumerate(_read_bytes(file, limit=None).split(b"\n"), start=1):
        source = f"{file}:{number}"
        try:
            if len(raw) > MAX_DOCUMENT_BYTES:
                raise _Unreadable(
                    f"line of {_megabytes(len(raw))}, larger than the "
                    f"{_megabytes(MAX_DOCUMENT_BYTES)} one document may be"
                )
            line = _decode(raw, offset)
            if line.strip():
                blank = False
                yield _jsonl_document(line, source)
        except _Unreadable as e:
            blank = False
            yield LoadFailure(source, str(e))
        offset += len(raw) + 1
    if blank:  # only Unicode spaces, which a byte check does not see
        yield LoadFailure(str(file), "empty file")


def _jsonl_document(line: str, source: str) -> Document:
    try:
        record = json.loads(line)
    except json.JSONDecodeError as e:
        raise _Unreadable(f"invalid JSON: {e.msg} (column {e.colno})") from e
    if not isinstance(record, dict):
        raise _Unreadable(f"expected a JSON object, got {_kind(record)}")
    for key in ("id", "text"):
        value = record.get(key)
        if value is None:
            raise _Unreadable(f'"{key}" is missing')
        if not isinstance(value, str):
            raise _Unreadable(f'"{key}" must be a string, got {_kind(value)}')
        if not value.strip():
            raise _Unreadable(f'"{key}" is empty')
    fields: dict[str, str] = {}
    for key in _JSONL_FIELDS:
        field = record.get(key)
        if field is not None and not isinstance(field, str):
            raise _Unreadable(f'"{key}" must be a string or null, got {_kind(field)}')
        fields[key] = field or ""
    text = clean_text(record["text"])
    if not text:
        raise _Unreadable("no text left after removing page boilerplate")
    return Document(
        doc_id=record["id"].strip(),
        title=clean_title(fields["title"]) or _first_line(text),
        text=text,
        url=fields["url"].strip(),
        date=normalise_date(fields["date"]) or url_date(fields["url"]),
        publisher=clean_title(fields["publisher"]),
        source=source,
    )


def _megabytes(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB"


def _path_id(file: Path, root: Path) -> str:
    """A stable id from the path under the folder given, so a re-run finds the same document."""
    relative = file.relative_to(root).as_posix()
    slug = re.sub(r"[^a-z0-9]+", "-", relative.rsplit(".", 1)[0].lower()).strip("-")[:40]
    digest = hashlib.sha256(relative.encode("utf-8")).hexdigest()[:8]
    return f"file-{slug.strip('-') or 'document'}-{digest}"


def _first_heading(markdown: str) -> str:
    m = _HEADING.search(markdown)
    return m.group(1) if m else ""


def _first_line(text: str) -> str:
    line = clean_title(text.split("\n", 1)[0].lstrip("#*_> "))
    if len(line) <= _TITLE_MAX:
        return line
    return line[:_TITLE_MAX].rsplit(" ", 1)[0] + "…"


def _kind(value: object) -> str:
    """A JSON-ish name for a value's type, for messages."""
    names = {
        dict: "an object",
        list: "a list",
        str: "a string",
        bool: "true/false",
        int: "a number",
        float: "a number",
    }
    return names.get(type(value)) or ("null" if value is None else type(value).__name__)
