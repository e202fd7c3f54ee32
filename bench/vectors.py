"""Benchmark embedders: one that times the model, one that reuses the vectors of repeated text."""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from retrieval.embedding import BgeEmbedder


class TimedEmbedder:
    """The real model, counting the chunks it embedded and the seconds it spent."""

    def __init__(self, model: BgeEmbedder) -> None:
        self.model = model
        self.seconds = 0.0
        self.embedded = 0

    def embed_passages(
        self, texts: Sequence[str], progress: Callable[[int], None] | None = None
    ) -> NDArray[np.float32]:
        """Embed with the model, timed."""
        started = time.perf_counter()
        vectors = self.model.embed_passages(texts, progress)
        self.seconds += time.perf_counter() - started
        self.embedded += len(texts)
        return vectors

    def embed_query(self, text: str) -> NDArray[np.float32]:
        """Embed a query with the model (not counted: ingestion is what is timed)."""
        return self.model.embed_query(text)


class CachingEmbedder(TimedEmbedder):
    """Embeds each distinct text once and remembers its vector on disk between runs.

    The scaled-up corpora repeat the real one; a repeated passage gets the vector the model
    gave it the first time, which is exactly what the model would give it again.
    """

    def __init__(self, model: BgeEmbedder, path: Path) -> None:
        super().__init__(model)
        self.path = path
        self.reuse = True  # False: run the model on every text, and remember the vectors
        self._vectors: dict[str, NDArray[np.float32]] = {}
        if path.exists():
            with np.load(path) as saved:
                self._vectors = dict(zip(saved["keys"].tolist(), saved["vectors"], strict=True))

    def embed_passages(
        self, texts: Sequence[str], progress: Callable[[int], None] | None = None
    ) -> NDArray[np.float32]:
        """Vectors for `texts`, running the model only on texts never seen before."""
        keys = [_key(t) for t in texts]
        unseen = {
            k: t
            for k, t in zip(keys, texts, strict=True)
            if not self.reuse or k not in self._vectors
        }
        missing = sorted(unseen.items())
        if missing:
            fresh = super().embed_passages([t for _, t in missing])
            self._vectors.update(zip([k for k, _ in missing], fresh, strict=True))
        if progress is not None:
            progress(len(texts))
        if not keys:
            return np.zeros((0, self.model.dimension), np.float32)
        return np.stack([self._vectors[k] for k in keys])

    def save(self) -> None:
        """Write the remembered vectors to disk."""
        self.path.parent.mkdir(parents=True, exist_ok=True)
        keys = np.array(list(self._vectors))
        vectors = np.stack(list(self._vectors.values())) if keys.size else np.zeros((0, 384))
        np.savez(self.path, keys=keys, vectors=vectors)


def _key(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()
