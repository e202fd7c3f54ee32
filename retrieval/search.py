"""Hybrid search: dense (Chroma) and BM25 fused, near-duplicates collapsed, documents spread."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import lru_cache
from typing import Any, Protocol

import numpy as np
from numpy.typing import NDArray

from retrieval.actors import restated
from retrieval.chunking import Chunk
from retrieval.embedding import Embedder
from retrieval.figure_sides import figure_sides, side_queries
from retrieval.index import Index
from retrieval.keyword import KeywordIndex
from retrieval.names import Name, mentioned_by, question_names, unaccented, without_beside
from retrieval.occasions import record_of_the_day
from retrieval.parts import question_parts
from retrieval.periods import THAT_TIME, Period, absolute_dates, question_periods
from retrieval.reranking import CrossEncoderReranker
from retrieval.store import chunks_by_id, date_number


@dataclass(frozen=True)
class SearchFilters:
    """Restrict results to a date range (inclusive, YYYY-MM-DD) and a publisher."""

    date_from: str = ""
    date_to: str = ""
    publisher: str = ""  # case-insensitive, matches any publisher name containing it

    def __bool__(self) -> bool:
        return bool(self.date_from or self.date_to or self.publisher)


@dataclass(frozen=True)
class Passage:
    """A retrieved passage and how well it matched."""

    chunk: Chunk
    score: float


@dataclass(frozen=True)
class SentenceVectors:
    """A question's vector and its passages' sentences' (rows of NaN where none is stored)."""

    question: NDArray[np.float32]
    rows: NDArray[np.float32]

    def likeness(self) -> NDArray[np.float32]:
        """Each sentence's cosine with the question (NaN where no vector is stored)."""
        if not len(self.question):
            return np.full(len(self.rows), np.nan, dtype=np.float32)
        return self.rows @ self.question


class Searcher(Protocol):
    """Anything that finds passages for a question."""

    def search(
        self, query: str, k: int = 5, filters: SearchFilters | None = None
    ) -> list[Passage]: ...


# Passage ids, best first, with the score of the ranking they come from.
Ranked = list[tuple[str, float]]


@dataclass(frozen=True)
class SearchConfig:
    """Knobs of the hybrid search; defaults tuned on the shared dev questions."""

    dense_candidates: int = 30
    keyword_candidates: int = 30
    dense_weight: float = 0.5  # share of the fused score given to the dense ranking
    rrf_k: int = 60
    rerank_candidates: int = 0  # 0 turns the cross-encoder off
    max_per_doc: int = 1  # passages per document before any document gets a second one
    duplicate_jaccard: float = 0.6  # word-trigram overlap above which two passages are one story
    # A question tied to a date ("on 21 April 2022") also searches the passages of that
    # period, fused with this weight: dated reports of the day rise without hiding the rest.
    period_weight: float = 0.5
    # A question naming a day or a few ("on 13 May 2022") also searches the passages of the
    # documents dated on those days or the day after, fused with this weight: the day's own
    # record (an address, a call's readout) is dated so, while a week of reports recalling
    # it crowds the period's ranking. 0: off (as it is with `period_weight` 0).
    day_weight: float = 0.15
    # A keyword match scoring this many times the next best (a rare name typed exactly) leads
    # the results, whatever dense search thinks of its namesakes. 0: off.
    confident_ratio: float = 2.0
    # A question asking several things ("what did Moscow offer vs how did the UN react?")
    # also searches each part alone; each part's best passages not yet read, up to this
    # many, are read from `part_place` on. 0: off.
    part_passages: int = 2
    part_place: int = 2
    # A long report or transcript answers in more than one place: the best documents, this
    # many, are read further, each with its `further_passages` best passages not yet read.
    further_documents: int = 3
    further_passages: int = 2
    # The record of the day a question names (a speech, a meeting; see `record_of_the_day`) is
    # read further still: this many of its best passages not yet read. 0: off.
    record_passages: int = 4
    # A name the question asks about who speaks in the corpus's transcripts ("what did Putin
    # say about the EU?") also searches his own turns: his best passage not yet read, up to
    # this many, is read from `part_place` on with the passage after it, where an answer to
    # a question put at a passage's end goes on. 0: off.
    turn_passages: int = 1
    # A record titled by whom it was with ("Telephone conversation with President of Finland
    # Sauli Niinistö") is the answer to what was said to him, yet reports on him outrank it.
    # A name the question asks about that the titles of only a few documents give (those of
    # the period asked, if it names one), up to this many documents, has its best passages
    # read from `part_place` on, `titled_passages` a document. 0: off.
    titled_documents: int = 2
    titled_passages: int = 2
    # A news story tells what happened, with its figures, at the top; its later passages and
    # summaries restate the event without them. The opening passage of the best documents,
    # this many, is read too where search did not bring it. 0: off.
    opening_documents: int = 1


class HybridSearcher:
    """Dense + BM25 retrieval over one `Index`."""

    def __init__(
        self,
        index: Index,
        embedder: Embedder,
        config: SearchConfig = SearchConfig(),
        reranker: CrossEncoderReranker | None = None,
        today: Callable[[], date] | None = None,
        names: Sequence[str] = (),
    ) -> None:
        self.index = index
        # Names known beside the corpus (the actor table's), capitalised when typed in lower case.
        self.names = tuple(names)
        # The day "yesterday" and "last week" are counted from; None: they are left as typed.
        self.today = today
        self.embedder = embedder
        self.config = config
        self.reranker = reranker if config.rerank_candidates > 0 else None
        # A question is embedded once for its search and again to weigh its passages'
        # sentences: the second time comes from here.
        self._query_vector = lru_cache(maxsize=32)(embedder.embed_query)
        # Each speaker's turns, by surname, in the keyword index they were found in.
        self._turns: tuple[KeywordIndex | None, dict[str, NDArray[np.bool_] | None]] = (None, {})

    def search(self, query: str, k: int = 5, filters: SearchFilters | None = None) -> list[Passage]:
        """The `k` best passages for `query`, at most `max_per_doc` per document first."""
        query = query.strip()
        if not query or k <= 0:
            return []
        filters = filters or SearchFilters()
        keyword = self.index.keyword()
        vector = self._query_vector(query)
        where = _chroma_where(filters, keyword)
        mask = _keyword_mask(filters, keyword) if filters else None
        rankings = [
            (self.config.dense_weight, self._dense(vector, where)),
            (1.0 - self.config.dense_weight, self._sparse(query, keyword, mask)),
        ]
        periods = question_periods(query)
        if periods and self.config.period_weight > 0 and where is not None:
            # The period's passages, and those of the days it names (see `day_weight`).
            within = [
                (self.config.period_weight, _period_mask(periods, corpus_years(keyword), keyword))
            ]
            days = _day_mask(periods, keyword) if self.config.day_weight > 0 else None
            if days is not None:
                within.append((self.config.day_weight, days))
            for w, then in within:
                if mask is not None:
                    then &= mask
                rankings += [(w * x, r) for x, r in self._rankings_within(query, then, keyword)]
        fused = _confident_first(
            _fuse(rankings, self.config.rrf_k), rankings[1][1], self.config.confident_ratio
        )
        window = max(2 * k, self.config.rerank_candidates)
        candidates = _collapse_duplicates(
            self._fetched(fused, window),
            self.config.duplicate_jaccard,
            k,
            self.config.rerank_candidates,
        )
        if self.reranker is not None:
            head = candidates[: self.config.rerank_candidates]
            scores = self.reranker.score(query, [p.chunk.indexed_text() for p in head])
            head = [Passage(p.chunk, float(s)) for p, s in zip(head, scores, strict=True)]
            head.sort(key=lambda p: -p.score)
            candidates = head + candidates[len(head) :]
        return _spread(candidates, k, self.config.max_per_doc)

    def with_neighbours(self, passages: list[Passage], top: int = 3) -> list[Passage]:
        """The passages, then the chunks just before and after the `top` best ones.

        A document's best passage often stops just short of the sentence that answers; its
        neighbours give the answer composer that context without another search.
        """
        have = {p.chunk.chunk_id for p in passages}
        wanted = []
        for p in passages[:top]:
            for position in (p.chunk.position - 1, p.chunk.position + 1):
                cid = f"{p.chunk.doc_id}#{position}"
                if position >= 0 and cid not in have:
                    wanted.append(cid)
                    have.add(cid)
        return passages + self._fetched_by_id(wanted)

    def _fetched_by_id(self, chunk_ids: list[str]) -> list[Passage]:
        """The stored passages of these ids, in their order, unscored; ids not stored left out."""
        found = chunks_by_id(self.index.store, chunk_ids)
        return [Passage(found[c], 0.0) for c in chunk_ids if c in found]

    def dense_only(self, query: str, k: int = 5) -> list[Passage]:
        """Plain nearest-neighbour search in Chroma: the baseline the hybrid must beat."""
        vector = self.embedder.embed_query(query)
        return [Passage(c, s) for c, s in self.index.store.nearest(vector, k)]

    def context(self, question: str, k: int) -> tuple[str, list[Passage]]:
        """The question as read, and what a composer reads for it (`to_read`) from the `k`
        best passages."""
        read = self.read(question)
        return read, self.to_read(read, self.search(read, k))

    def to_read(self, question: str, passages: list[Passage]) -> list[Passage]:
        """What a composer reads for these search results: them, the neighbours of the top
        three, more of the best documents and the opening of the best, the passage naming the
        day a passage read calls "that night", the best of each part of a question asking
        several things and of each side whose figure it sets against another's."""
        read = self.with_further_passages(question, self.with_neighbours(passages))
        read = self.with_openings(read)
        read = self.with_record_of_the_day(question, read)
        read = self.with_days_referred(question, self.with_titled_records(question, read))
        read = self.with_parts(question, self.with_figure_sides(question, read, len(passages)))
        return self.with_speakers(self.with_turns(question, read))

    def with_days_referred(self, question: str, passages: list[Passage]) -> list[Passage]:
        """The passages, then for a question naming a date the passage before each that tells
        of "that night" or "later in the month" without naming the day first: "the January 9
        attack" is often told a passage before "Russia launched 242 drones and 36 missiles
        that night"."""
        if not question_periods(question):
            return passages
        have = {p.chunk.chunk_id for p in passages}
        wanted = []
        for p in passages:
            m = THAT_TIME.search(p.chunk.text)
            before = f"{p.chunk.doc_id}#{p.chunk.position - 1}"
            named = m is not None and bool(question_periods(p.chunk.text[: m.start()]))
            if m and not named and p.chunk.position > 0 and before not in have:
                wanted.append(before)
                have.add(before)
        return passages + self._fetched_by_id(wanted)

    def with_titled_records(self, question: str, passages: list[Passage]) -> list[Passage]:
        """The passages, with the best of the documents whose titles alone name someone the
        question asks about (see `titled_documents`) put in from `part_place`."""
        wanted = self.config.titled_documents
        if wanted <= 0:
            return passages
        keyword = self.index.keyword()
        docs = _titled_records(question, keyword, wanted)
        if not docs:
            return passages
        more = self._read_further(question, passages, docs, self.config.titled_passages)
        added = more[len(passages) :]
        at = self.config.part_place
        return passages[:at] + added + passages[at:]

    def with_speakers(self, passages: list[Passage]) -> list[Passage]:
        """The passages, each opening inside a transcript's turn told who is speaking there."""
        speakers = self.index.keyword().speakers
        return [
            Passage(replace(p.chunk, speaker=speakers[p.chunk.chunk_id]), p.score)
            if p.chunk.chunk_id in speakers
            else p
            for p in passages
        ]

    def with_further_passages(self, question: str, passages: list[Passage]) -> list[Passage]:
        """The passages, then the best passages not among them of the first
        `further_documents` documents, ranked within those documents as search ranks."""
        docs = list(dict.fromkeys(p.chunk.doc_id for p in passages))
        docs = docs[: self.config.further_documents]
        return self._read_further(question, passages, docs, self.config.further_passages)

    def with_openings(self, passages: list[Passage]) -> list[Passage]:
        """The passages, then the opening passage of the first `opening_documents` documents
        where it is not among them."""
        have = {p.chunk.chunk_id for p in passages}
        docs = list(dict.fromkeys(p.chunk.doc_id for p in passages))
        wanted = [f"{d}#0" for d in docs[: self.config.opening_documents] if f"{d}#0" not in have]
        return passages + self._fetched_by_id(wanted)

    def with_record_of_the_day(self, question: str, passages: list[Passage]) -> list[Passage]:
        """The passages, then the best `record_passages` not among them of the record of the
        day the question names: what was said at a speech asked about is seldom in words the
        question uses."""
        record = record_of_the_day(question, passages)
        docs = [record] if record else []
        return self._read_further(question, passages, docs, self.config.record_passages)

    def _read_further(
        self, question: str, passages: list[Passage], docs: list[str], per_doc: int
    ) -> list[Passage]:
        """The passages, then up to `per_doc` more of each of `docs`, the best not among
        them, ranked within those documents as search ranks."""
        if not docs or per_doc <= 0:
            return passages
        keyword = self.index.keyword()
        mask = np.isin(np.asarray(keyword.doc_ids), docs)
        size = int(mask.sum())
        ranked = _fuse(self._rankings_within(question, mask, keyword, size), self.config.rrf_k)
        doc_of = {keyword.chunk_ids[row]: keyword.doc_ids[row] for row in np.flatnonzero(mask)}
        have = {p.chunk.chunk_id for p in passages}
        taken: dict[str, int] = {}
        wanted = []
        for cid, _ in ranked:
            doc = doc_of[cid]
            if cid not in have and taken.get(doc, 0) < per_doc:
                wanted.append(cid)
                taken[doc] = taken.get(doc, 0) + 1
        return passages + self._fetched_by_id(wanted)

    def with_parts(self, question: str, passages: list[Passage]) -> list[Passage]:
        """The passages, with the best of each part's own search put in from `part_place`:
        a part a question asks beside others is otherwise found only where it is named with
        them."""
        parts = question_parts(question)
        if self.config.part_passages <= 0 or len(parts) < 2:
            return passages
        # Passages, not documents, already read: a long report read for one part ("feb 3 vs
        # feb 7 strikes") often tells the other in a passage of its own.
        have = {p.chunk.chunk_id for p in passages}
        added: list[Passage] = []
        for part in parts:
            new = [p for p in self.search(part, 5) if p.chunk.chunk_id not in have]
            for p in new[: self.config.part_passages]:
                added.append(p)
                have.add(p.chunk.chunk_id)
        at = self.config.part_place
        return passages[:at] + added + passages[at:]

    def with_figure_sides(
        self, question: str, passages: list[Passage], at: int | None = None
    ) -> list[Passage]:
        """The passages, with the best of each side's own search put in from `at` (after the
        search results proper, ahead of what was read beside them), for a question setting
        one side's figure against another's: a passage giving one side's figure seldom names
        the other. A side named is sought among the passages naming it (by the rarest word
        of its name)."""
        wanted = self.config.part_passages
        sides = figure_sides(question)
        if wanted <= 0 or not sides:
            return passages
        keyword = self.index.keyword()
        have = {p.chunk.chunk_id for p in passages}
        added: list[Passage] = []
        for side, query in zip(sides, side_queries(question, sides), strict=True):
            naming = keyword.naming(side.name.text) if side.name else None
            if naming is None:
                found = [p.chunk.chunk_id for p in self.search(query, 5)]
            else:
                found = [
                    cid
                    for cid, _ in _fuse(
                        self._rankings_within(query, naming, keyword), self.config.rrf_k
                    )
                ]
            new = [cid for cid in found if cid not in have][:wanted]
            have.update(new)
            added += self._fetched_by_id(new)
        # After what the question as a whole found, which stays first.
        at = len(passages) if at is None else at
        return passages[:at] + added + passages[at:]

    def with_turns(self, question: str, passages: list[Passage]) -> list[Passage]:
        """The passages, with the best of each named speaker's own turns put in from
        `part_place`: what Putin said at a forum is found under the interviewer's question,
        which names the subject, rarely under his answer, which does not."""
        if self.config.turn_passages <= 0:
            return passages
        keyword = self.index.keyword()
        have = {p.chunk.chunk_id for p in passages}
        wanted: list[str] = []
        for name in question_names(question):
            turns = self._turns_of(name, keyword)
            if turns is None:
                continue
            # Of Putin, "how did Zelensky and Putin each react?" asks how Putin reacted.
            ranked = self._ranked_turns(without_beside(question, name), turns, keyword)
            best = [cid for cid, _ in ranked if cid not in have][: self.config.turn_passages]
            for cid in best:
                doc, _, position = cid.rpartition("#")
                for c in (cid, f"{doc}#{int(position) + 1}"):
                    if c not in have:
                        wanted.append(c)
                        have.add(c)
        if not wanted:
            return passages
        added = self._fetched_by_id(wanted)
        at = self.config.part_place
        return passages[:at] + added + passages[at:]

    def _turns_of(self, name: Name, keyword: KeywordIndex) -> NDArray[np.bool_] | None:
        """The passages opening in the named person's transcript turns, if any: a speaker is
        known by the last word of how transcripts label him ("President of Russia Vladimir
        Putin")."""
        index, known = self._turns
        if index is not keyword:
            known = {}
            self._turns = (keyword, known)
        surname = unaccented(name.text.split()[-1]).lower()
        if surname not in known:
            labels = {
                label
                for label in set(keyword.speakers.values())
                if unaccented(label.split()[-1]).lower() == surname
            }
            rows = np.array([keyword.speakers.get(c, "") in labels for c in keyword.chunk_ids])
            known[surname] = rows if labels else None
        return known[surname]

    def _ranked_turns(
        self, question: str, turns: NDArray[np.bool_], keyword: KeywordIndex
    ) -> Ranked:
        """A speaker's passages ranked for the question, those of a period it names weighed
        again as `search` weighs a period's (not a day's: his turns are few)."""
        rankings = self._rankings_within(question, turns, keyword)
        periods = question_periods(question)
        if periods and self.config.period_weight > 0:
            then = turns & _period_mask(periods, corpus_years(keyword), keyword)
            if then.any():
                w = self.config.period_weight
                rankings += [(w * x, r) for x, r in self._rankings_within(question, then, keyword)]
        return _fuse(rankings, self.config.rrf_k)

    def _rankings_within(
        self, query: str, mask: NDArray[np.bool_], keyword: KeywordIndex, n: int = 0
    ) -> list[tuple[float, Ranked]]:
        """Dense and keyword rankings of the passages the mask keeps, each with its weight in
        the fusion."""
        w = self.config.dense_weight
        return [
            (w, self._dense_within(self._query_vector(query), mask, keyword, n)),
            (1.0 - w, self._sparse(query, keyword, mask, n)),
        ]

    def sentence_vectors(
        self, question: str, passages: Sequence[Passage], sentences: Sequence[str]
    ) -> SentenceVectors:
        """The question's vector and each sentence's stored one (a row of NaN for a sentence
        the index holds no vector of)."""
        stored = self.index.store.sentence_vectors([p.chunk for p in passages])
        vector = self._query_vector(question) if stored else np.zeros(0, dtype=np.float32)
        rows = np.full((len(sentences), len(vector)), np.nan, dtype=np.float32)
        for i, sentence in enumerate(sentences):
            if sentence in stored:
                rows[i] = stored[sentence]
        return SentenceVectors(vector, rows)

    def read(self, question: str) -> str:
        """The question as the corpus would write it (`spelled`), with the days it names
        relative to today as dates, and a position asked about as what its holder says and
        demands."""
        spelled = self.spelled(question)
        if self.today is not None:
            spelled = absolute_dates(spelled, self.today())
        return restated(spelled)

    def spelled(self, question: str) -> str:
        """The question with typos corrected and names capitalised as the corpus writes them."""
        lexicon = self.index.keyword().lexicon
        return lexicon.with_names(lexicon.read(question), self.names)

    def _dense(self, vector: NDArray[np.float32], where: dict[str, Any] | None) -> Ranked:
        if where is None:
            return []
        return self.index.store.nearest_ids(vector, self.config.dense_candidates, where)

    def _dense_within(
        self,
        vector: NDArray[np.float32],
        mask: NDArray[np.bool_],
        keyword: KeywordIndex,
        n: int = 0,
    ) -> Ranked:
        """The nearest passages among those the mask keeps, sought by id: Chroma's query
        filtered on their dates took 70 ms on the shared corpus, by id 7-10."""
        ids = [keyword.chunk_ids[row] for row in np.flatnonzero(mask)]
        return self.index.store.nearest_ids(vector, n or self.config.dense_candidates, ids=ids)

    def _sparse(
        self, query: str, keyword: KeywordIndex, mask: NDArray[np.bool_] | None, n: int = 0
    ) -> Ranked:
        return [
            (keyword.chunk_ids[row], score)
            for row, score in keyword.top(query, n or self.config.keyword_candidates, mask)
        ]

    def _fetched(self, ranked: Ranked, window: int) -> Iterator[Passage]:
        """The ranked passages, fetched from the store a window at a time as they are read:
        most searches read only the first window of their candidates."""
        for lo in range(0, len(ranked), window):
            part = ranked[lo : lo + window]
            found = chunks_by_id(self.index.store, [cid for cid, _ in part])
            yield from (Passage(found[cid], score) for cid, score in part if cid in found)


def _fuse(rankings: list[tuple[float, Ranked]], k: int) -> Ranked:
    """Weighted reciprocal-rank fusion: robust to the rankings' different scales."""
    scores: dict[str, float] = {}
    for weight, ranked in rankings:
        for rank, (cid, _) in enumerate(ranked):
            scores[cid] = scores.get(cid, 0.0) + weight / (k + rank + 1)
    return sorted(scores.items(), key=lambda hit: -hit[1])


def _confident_first(fused: Ranked, keyword: Ranked, ratio: float) -> Ranked:
    """The fused ranking, with a keyword match far ahead of the next one moved to the top."""
    if ratio <= 0 or not keyword:
        return fused
    runner_up = keyword[1][1] if len(keyword) > 1 else 0.0
    if keyword[0][1] < ratio * runner_up:
        return fused
    best = keyword[0][0]
    return sorted(fused, key=lambda hit: hit[0] != best)


def corpus_years(keyword: KeywordIndex) -> range:
    """The years the corpus's dated passages span, for dates given without a year."""
    dated = keyword.date_nums[keyword.date_nums > 0]
    if not len(dated):
        return range(0)
    return range(int(dated.min()) // 10000, int(dated.max()) // 10000 + 1)


# A name more documents than this are titled by (Putin, NATO) names no one record.
_TITLED_AMONG = 3


def _titled_records(question: str, keyword: KeywordIndex, wanted: int) -> list[str]:
    """The documents, up to `wanted`, whose titles name someone the question asks about
    whom few titles name: of the period the question names, when it names one."""
    if not keyword.titles:
        return []
    titles = keyword.document_titles
    periods = question_periods(question)
    if periods:
        in_period = _period_mask(periods, corpus_years(keyword), keyword)
        dated = {keyword.doc_ids[row] for row in np.flatnonzero(in_period)}
        titles = {doc: title for doc, title in titles.items() if doc in dated}
    found: list[str] = []
    docs, texts = list(titles), list(titles.values())
    for name in question_names(question):
        titled = [docs[i] for i in mentioned_by(texts, name, most=_TITLED_AMONG)]
        if 0 < len(titled) <= _TITLED_AMONG:
            found += [doc for doc in titled if doc not in found]
    return found[:wanted]


def _period_mask(
    periods: Sequence[Period], years: range, keyword: KeywordIndex
) -> NDArray[np.bool_]:
    """The passages of documents reporting the periods: dated in them or the week after."""
    return _dated_within((span for p in periods for span in p.reported(years)), keyword)


def _day_mask(periods: Sequence[Period], keyword: KeywordIndex) -> NDArray[np.bool_] | None:
    """The passages of documents dated on the days the question names or the day after, when
    each period it names is a few days of a known year; None otherwise."""
    if not all(p.year and p.days() for p in periods):
        return None
    # (Or the day after: an address given late and published after midnight is dated the
    # next day.)
    days = [
        (a, b + timedelta(days=1)) for p in periods for a, b in p.spans(range(p.year, p.year + 1))
    ]
    return _dated_within(days, keyword)


def _dated_within(spans: Iterable[tuple[date, date]], keyword: KeywordIndex) -> NDArray[np.bool_]:
    """The passages of documents dated within any of the spans (first and last day counted)."""
    mask = np.zeros(len(keyword), dtype=bool)
    for a, b in spans:
        mask |= (keyword.date_nums >= _num(a)) & (keyword.date_nums <= _num(b))
    return mask


def _num(day: date) -> int:
    return date_number(day.isoformat())


def _chroma_where(filters: SearchFilters, keyword: KeywordIndex) -> dict[str, Any] | None:
    """Chroma `where` clause for the filters ({} for none); None when nothing can match."""
    clauses: list[dict[str, Any]] = []
    if filters.date_from:
        clauses.append({"date_num": {"$gte": date_number(filters.date_from)}})
    if filters.date_to:
        # An undated passage (0) is not "before" any date, as the keyword mask agrees.
        clauses.append({"date_num": {"$lte": date_number(filters.date_to)}})
        clauses.append({"date_num": {"$gt": 0}})
    if filters.publisher:
        names = matching_publishers(filters.publisher, keyword.publishers)
        if not names:
            return None
        clauses.append({"publisher": {"$in": names}})
    if not clauses:
        return {}
    return clauses[0] if len(clauses) == 1 else {"$and": clauses}


def matching_publishers(wanted: str, publishers: Sequence[str]) -> list[str]:
    """Publisher names that contain `wanted`, ignoring case."""
    needle = wanted.strip().lower()
    return sorted({p for p in publishers if p and needle in p.lower()})


def _keyword_mask(filters: SearchFilters, keyword: KeywordIndex) -> NDArray[np.bool_]:
    mask = np.ones(len(keyword), dtype=bool)
    if filters.date_from:
        mask &= keyword.date_nums >= date_number(filters.date_from)
    if filters.date_to:
        mask &= (keyword.date_nums <= date_number(filters.date_to)) & (keyword.date_nums > 0)
    if filters.publisher:
        names = set(matching_publishers(filters.publisher, keyword.publishers))
        mask &= np.array([p in names for p in keyword.publishers], dtype=bool)
    return mask


_WORDS = re.compile(r"\w+")


def _shingles(text: str) -> set[tuple[str, ...]]:
    words = _WORDS.findall(text.lower())
    return {tuple(words[i : i + 3]) for i in range(max(1, len(words) - 2))}


def _collapse_duplicates(
    passages: Iterable[Passage], threshold: float, docs: int, at_least: int = 0
) -> list[Passage]:
    """Drop passages that repeat a better-ranked one (the same wire story on two sites), up to
    the first `at_least` kept that hold `docs` documents: nothing after them is ever used, and
    comparing all of a search's candidates took a tenth of its time."""
    kept: list[Passage] = []
    kept_shingles: list[set[tuple[str, ...]]] = []
    kept_docs: set[str] = set()
    for p in passages:
        s = _shingles(p.chunk.text)
        if any(len(s & t) / max(1, min(len(s), len(t))) >= threshold for t in kept_shingles):
            continue
        kept.append(p)
        kept_shingles.append(s)
        kept_docs.add(p.chunk.doc_id)
        if len(kept_docs) >= docs and len(kept) >= at_least:
            break  # before the next candidate is read: it may need another fetch
    return kept


def _spread(passages: list[Passage], k: int, max_per_doc: int) -> list[Passage]:
    """Best-first, but no document gets more than `max_per_doc` until all others are used."""
    chosen: list[Passage] = []
    per_doc: dict[str, int] = {}
    deferred: list[Passage] = []
    for p in passages:
        if per_doc.get(p.chunk.doc_id, 0) < max_per_doc:
            chosen.append(p)
            per_doc[p.chunk.doc_id] = per_doc.get(p.chunk.doc_id, 0) + 1
        else:
            deferred.append(p)
        if len(chosen) == k:
            return chosen
    return chosen + deferred[: k - len(chosen)]
