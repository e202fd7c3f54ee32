"""Dense embeddings from the bundled bge-small-en ONNX model."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol

import numpy as np
from numpy.typing import NDArray

from retrieval.models import EMBEDDING_MODEL, model_dir
from retrieval.onnx_encoder import OnnxEncoder, length_sorted_batches

# bge models are trained with this instruction in front of queries (not passages).
QUERY_INSTRUCTION = "Represent this sentence for searching relevant passages: "


class Embedder(Protocol):
    """Turns passages and queries into unit vectors."""

    dimension: int

    def embed_passages(
        self, texts: Sequence[str], progress: Callable[[int], None] | None = None
    ) -> NDArray[np.float32]: ...

    def embed_query(self, text: str) -> NDArray[np.float32]: ...


class BgeEmbedder:
    """bge-small-en (INT8 ONNX, 384-d, CLS pooling) run on the CPU."""

    dimension = 384

    def __init__(self, batch_size: int = 1, threads: int = 0, max_tokens: int = 512) -> None:
        self.batch_size = batch_size
        self.encoder = OnnxEncoder(model_dir(EMBEDDING_MODEL), max_tokens, threads)

    def embed_passages(
        self, texts: Sequence[str], progress: Callable[[int], None] | None = None
    ) -> NDArray[np.float32]:
        """Embed passages; `progress` is called with the count done after each batch."""
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        if not texts:
            return out
        encodings = self.encoder.encode(texts)
        for batch in length_sorted_batches(encodings, self.batch_size):
            hidden = self.encoder.run([encodings[i] for i in batch])
            out[batch] = _normalise(hidden[:, 0, :])
            if progress is not None:
                progress(len(batch))
        return out

    def embed_query(self, text: str) -> NDArray[np.float32]:
        """Embed one search query, with the instruction bge expects."""
        encodings = self.encoder.encode([QUERY_INSTRUCTION + text])
        vector: NDArray[np.float32] = _normalise(self.encoder.run(encodings)[:, 0, :])[0]
        return vector


def _normalise(vectors: NDArray[np.float32]) -> NDArray[np.float32]:
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    unit: NDArray[np.float32] = (vectors / np.maximum(norms, 1e-12)).astype(np.float32)
    return unit
