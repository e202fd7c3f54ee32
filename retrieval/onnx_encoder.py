"""A BERT-style ONNX model run with dynamic padding: the shared core of embedder and reranker."""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import onnxruntime as ort
from numpy.typing import NDArray
from tokenizers import Encoding, Tokenizer

MAX_TOKENS = 512


def _session(model_path: Path, threads: int) -> ort.InferenceSession:
    options = ort.SessionOptions()
    options.intra_op_num_threads = threads
    options.inter_op_num_threads = 1
    options.log_severity_level = 3  # the INT8 graphs print harmless warnings at level 2
    return ort.InferenceSession(
        str(model_path), sess_options=options, providers=["CPUExecutionProvider"]
    )


class OnnxEncoder:
    """Tokenizes, batches by length and runs an ONNX BERT model."""

    def __init__(self, model_dir: Path, max_tokens: int = MAX_TOKENS, threads: int = 0) -> None:
        self.tokenizer = Tokenizer.from_file(str(model_dir / "tokenizer.json"))
        self.tokenizer.enable_truncation(max_length=max_tokens)
        self.tokenizer.no_padding()
        self.session = _session(model_dir / "model.onnx", threads or (os.cpu_count() or 1))
        self.input_names = {i.name for i in self.session.get_inputs()}

    def encode(self, texts: Sequence[str | tuple[str, str]]) -> list[Encoding]:
        """Tokenize single texts or (query, passage) pairs."""
        return list(self.tokenizer.encode_batch(list(texts)))

    def run(self, encodings: Sequence[Encoding]) -> NDArray[np.float32]:
        """Run one batch padded to its own longest member; returns the model's first output."""
        width = max(len(e.ids) for e in encodings)
        ids = np.zeros((len(encodings), width), dtype=np.int64)
        mask = np.zeros_like(ids)
        types = np.zeros_like(ids)
        for row, enc in enumerate(encodings):
            n = len(enc.ids)
            ids[row, :n] = enc.ids
            mask[row, :n] = enc.attention_mask
            types[row, :n] = enc.type_ids
        feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": types}
        feeds = {k: v for k, v in feeds.items() if k in self.input_names}
        out = self.session.run(None, feeds)[0]
        return np.asarray(out, dtype=np.float32)


def length_sorted_batches(encodings: Sequence[Encoding], batch_size: int) -> list[list[int]]:
    """Group indices into batches of similar token length so padding stays small."""
    order = sorted(range(len(encodings)), key=lambda i: len(encodings[i].ids))
    return [order[i : i + batch_size] for i in range(0, len(order), batch_size)]
