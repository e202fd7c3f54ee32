"""BM25 keyword search over the stored passages, persisted beside Chroma."""

from __future__ import annotations

import fcntl
import json
import os
import re
import shutil
import tempfile
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path

import bm25s
import numpy as np
import Stemmer
from numpy.typing import NDArray

from retrieval.chunking import Chunk
from retrieval.lexicon import Lexicon
from retrieval.names import unaccented
from retrieval.store import date_number
from retrieval.voices import opening_speakers

_WORD = re.compile(r"\w+", re.UNICODE)
_THREAD = threading.local()  # PyStemmer's stemmers are not thread-safe: one per thread
_STOPWORDS = frozenset(bm25s.stopwords.STOPWORDS_EN)
_RECORDS = "records.json"
# How passages are read into tokens and words: an index saved by an older version (British
# spellings its own, titles' words unknown to its lexicon) is rebuilt from Chroma.
_VERSION = 2


# Words spelt -ise in American English too: "advise" and "adviser" stay one word.
_ALWAYS_ISE = frozenset(
    [
        "advis",
        "revis",
        "supervis",
        "televis",
        "promis",
        "premis",
        "compromis",
        "surpris",
        "exercis",
        "enterpris",
        "expertis",
        "franchis",
        "merchandis",
        "advertis",
        "compris",
        "devis",
        "despis",
        "precis",
        "concis",
        "excis",
        "demis",
        "improvis",
        "otherw",
        "likew",
        "treatis",
        "chastis",
        "incis",
        "repris",
        "appris",
        "upris",
    ]
)


def _ize(m: re.Match[str]) -> str:
    return m.group() if m.group(1) + "is" in _ALWAYS_ISE else f"{m.group(1)}iz{m.group(2)}"


# Words the corpus spells two ways, read one way: British spellings as American ones
# ("defence" 905 times, "defense" 920; "centre" 314, "center" 145), so that a question typed
# either way finds both.
_SPELLINGS: list[tuple[re.Pattern[str], str | Callable[[re.Match[str]], str]]] = [
    (re.compile(r"\b(\w{2,})tre(s?)\b"), r"\1ter\2"),  # centre, metres
    (
        re.compile(r"\b(\w{2,})our(s|ed|ing|ite|ites|able|ably|al|er|ers|hood|hoods)?\b"),
        r"\1or\2",  # labour, favourable, behavioural, neighbourhoods
    ),
    # organise, recognised, mobilisation, organisers (a consonant before: not "cruise")
    (
        re.compile(r"\b(\w{2,}[^\W\daeiou_])is(e|es|ed|ing|er|ers|ation|ations|ational)\b"),
        _ize,
    ),
    (re.compile(r"\b(def|off|lic|pret)ence(s?)\b"), r"\1ense\2"),  # defence
    (re.compile(r"\bprogramme(s?)\b"), r"program\1"),
]


def keyword_tokens(text: str) -> list[str]:
    """Lower-cased, stop-word-free, stemmed words (hyphenated names split into parts), each
    spelt one way."""
    words = [_spelt_one_way(w) for w in _WORD.findall(text.lower()) if w not in _STOPWORDS]
    return list(_stemmer().stemWords(words))


@lru_cache(maxsize=1 << 16)
def _spelt_one_way(word: str) -> str:
    # (Word by word, remembered: the patterns run over every sentence an answer reads took
    # four times as long as the rest of its tokenising.)
    for spelling, spelt in _SPELLINGS:
        word = spelling.sub(spelt, word)
    return word


def _stemmer() -> Stemmer.Stemmer:
    stemmer = getattr(_THREAD, "stemmer", None)
    if stemmer is None:
        stemmer = _THREAD.stemmer = Stemmer.Stemmer("english")
    return stemmer


@contextmanager
def _exclusive(lock_file: Path) -> Iterator[None]:
    """Hold an exclusive lock on `lock_file` (one writer at a time, across processes)."""
    with lock_file.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


@dataclass
class KeywordIndex:
    """BM25 scores for every passage, plus the little metadata that filters need."""

    bm25: bm25s.BM25
    chunk_ids: list[str]
    doc_ids: list[str]
    date_nums: NDArray[np.int64]
    publishers: list[str]
    generation: str = ""
    # The corpus's words, for reading questions as typed in chat.
    lexicon: Lexicon = field(default_factory=Lexicon)
    # Who speaks where a passage opens inside a transcript's turn, by passage id.
    speakers: dict[str, str] = field(default_factory=dict)
    # Each passage's document's title, for finding a record by whom it names.
    titles: list[str] = field(default_factory=list)

    @classmethod
    def build(cls, chunks: Iterable[Chunk], generation: str = "") -> KeywordIndex:
        """Index passages (title included, as it is for embeddings)."""
        items = sorted(chunks, key=lambda c: c.chunk_id)
        bm25 = bm25s.BM25()
        if items:
            bm25.index([keyword_tokens(c.indexed_text()) for c in items], show_progress=False)
        return cls(
            bm25=bm25,
            chunk_ids=[c.chunk_id for c in items],
            doc_ids=[c.doc_id for c in items],
            date_nums=np.array([date_number(c.date) for c in items], dtype=np.int64),
            publishers=[c.publisher for c in items],
            generation=generation,
            lexicon=Lexicon.build(
                (c.text for c in items), {c.doc_id: c.title for c in items}.values()
            ),
            speakers=opening_speakers(items),
            titles=[c.title for c in items],
        )

    def __len__(self) -> int:
        return len(self.chunk_ids)

    @cached_property
    def document_titles(self) -> dict[str, str]:
        """Each document's title, lower case and unaccented, by document id."""
        titles: dict[str, str] = {}
        for doc, title in zip(self.doc_ids, self.titles, strict=True):
            titles.setdefault(doc, unaccented(title).lower())
        return titles

    def top(
        self, query: str, n: int, mask: NDArray[np.bool_] | None = None
    ) -> list[tuple[int, float]]:
        """Row numbers and BM25 scores of the `n` best passages with a positive score."""
        if not self.chunk_ids:
            return []
        vocab = self.bm25.vocab_dict
        tokens = [t for t in keyword_tokens(query) if t in vocab]
        if not tokens:
            return []
        scores = np.asarray(self.bm25.get_scores(tokens), dtype=np.float32)
        if mask is not None:
            scores = np.where(mask, scores, 0.0)
        n = min(n, len(scores))
        best = np.argpartition(-scores, n - 1)[:n]
        best = best[np.argsort(-scores[best])]
        return [(int(i), float(scores[i])) for i in best if scores[i] > 0]

    def naming(self, name: str) -> NDArray[np.bool_] | None:
        """The passages holding the rarest word of the name, or None when none does."""
        vocab = self.bm25.vocab_dict
        tokens = [t for t in keyword_tokens(name) if t in vocab]
        if not tokens or not self.chunk_ids:
            return None
        counts = self._passage_counts(tokens)
        rarest = min(tokens, key=lambda t: counts[t])
        rows = np.asarray(self.bm25.get_scores([rarest]), dtype=np.float32) > 0
        return rows if rows.any() else None

    def idf(self, tokens: Iterable[str]) -> dict[str, float]:
        """Inverse document frequency of each token over the passages (rare words weigh more)."""
        n = len(self.chunk_ids)
        if n == 0:
            return {t: 1.0 for t in tokens}
        return {
            t: float(np.log(1.0 + (n - freq + 0.5) / (freq + 0.5)))
            for t, freq in self._passage_counts(tokens).items()
        }

    def share(self, tokens: Iterable[str]) -> dict[str, float]:
        """The share of passages that contain each token (0 for words the corpus lacks); and,
        for a name of several words ("UN Security Council"), that write it, when the corpus
        writes it as a name at all (else it is left out)."""
        n = max(1, len(self.chunk_ids))
        tokens = list(tokens)
        names = {t for t in tokens if " " in t}
        shares = {
            t: freq / n
            for t, freq in self._passage_counts([t for t in tokens if t not in names]).items()
        }
        for name in names:
            # Names typed side by side ("sweden nato") are no name of several words, however
            # often a headline runs them together.
            if self.lexicon.is_name(name.lower()):
                shares[name] = self.lexicon.phrases[name.lower()] / n
        return shares

    def _passage_counts(self, tokens: Iterable[str]) -> dict[str, int]:
        if not self.chunk_ids:
            return {t: 0 for t in tokens}
        df = np.diff(np.asarray(self.bm25.scores["indptr"]))
        vocab = self.bm25.vocab_dict
        counts = {}
        for t in tokens:
            i = vocab.get(t)
            counts[t] = int(df[i]) if i is not None and i < len(df) else 0
        return counts

    def save(self, directory: Path) -> None:
        """Write the index; a reader finds either the old complete index or the new one.

        Writers in other processes sharing the folder (a `briefbot ingest` beside a running
        bot) take turns through a file lock, and each writes to its own temporary folder.
        """
        directory.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=directory.name + ".tmp-", dir=directory.parent))
        try:
            if self.chunk_ids:
                self.bm25.save(str(tmp / "bm25"))
            records = {
                "version": _VERSION,
                "generation": self.generation,
                "chunk_ids": self.chunk_ids,
                "doc_ids": self.doc_ids,
                "date_nums": self.date_nums.tolist(),
                "publishers": self.publishers,
                "lexicon": self.lexicon.to_json(),
                "speakers": self.speakers,
                "titles": self.titles,
            }
            (tmp / _RECORDS).write_text(json.dumps(records), encoding="utf-8")
            with _exclusive(directory.with_name(directory.name + ".lock")):
                old = directory.with_name(f"{directory.name}.old-{os.getpid()}")
                if directory.exists():
                    directory.rename(old)
                tmp.rename(directory)
                shutil.rmtree(old, ignore_errors=True)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)

    @classmethod
    def load(cls, directory: Path) -> KeywordIndex | None:
        """Read a saved index, or None when there is none (or it is unreadable, or was saved by
        an older version)."""
        try:
            records = json.loads((directory / _RECORDS).read_text(encoding="utf-8"))
            if records["version"] != _VERSION:
                return None
            bm25 = (
                bm25s.BM25.load(str(directory / "bm25")) if records["chunk_ids"] else bm25s.BM25()
            )
            lexicon = Lexicon.from_json(records["lexicon"])
            speakers = {str(k): str(v) for k, v in records["speakers"].items()}
            titles = [str(t) for t in records["titles"]]
        except (OSError, ValueError, KeyError, TypeError):
            return None  # unreadable, or saved by an older version: rebuilt from Chroma
        return cls(
            bm25=bm25,
            chunk_ids=list(records["chunk_ids"]),
            doc_ids=list(records["doc_ids"]),
            date_nums=np.array(records["date_nums"], dtype=np.int64),
            publishers=list(records["publishers"]),
            generation=str(records["generation"]),
            lexicon=lexicon,
            speakers=speakers,
            titles=titles,
        )
