"""The pipeline of LangChain's RAG tutorial: 1000/200 character splits, langchain-chroma search."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from langchain_chroma import Chroma
from langchain_core.documents import Document as LCDocument
from langchain_core.embeddings import Embeddings
from langchain_text_splitters import RecursiveCharacterTextSplitter

from bench.vectors import TimedEmbedder
from retrieval.documents import Document

_ADD_BATCH = 5000  # under Chroma's maximum batch size


class SameModel(Embeddings):
    """Our bge-small model behind LangChain's embeddings interface, so both sides use one model."""

    def __init__(self, embedder: TimedEmbedder) -> None:
        self.embedder = embedder

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        """Passage vectors."""
        return self.embedder.embed_passages(texts).tolist()  # type: ignore[no-any-return]

    def embed_query(self, text: str) -> list[float]:
        """Query vector, with the query instruction bge expects."""
        return self.embedder.embed_query(text).tolist()  # type: ignore[no-any-return]


def split(docs: Sequence[Document]) -> list[LCDocument]:
    """The tutorial's splitter over the documents' text, each split tagged with its doc id."""
    splitter = RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200)
    return splitter.create_documents(
        [d.text for d in docs], metadatas=[{"doc_id": d.doc_id} for d in docs]
    )


def build(splits: Sequence[LCDocument], embeddings: SameModel, where: Path) -> Chroma:
    """A persistent langchain-chroma store holding the splits (cosine distance)."""
    store = Chroma(
        collection_name="baseline",
        embedding_function=embeddings,
        persist_directory=str(where),
        collection_configuration={"hnsw": {"space": "cosine"}},
    )
    for start in range(0, len(splits), _ADD_BATCH):
        batch = list(splits[start : start + _ADD_BATCH])
        store.add_documents(batch, ids=[f"s{start + i}" for i in range(len(batch))])
    return store


def search(store: Chroma, question: str, k: int = 5) -> list[str]:
    """The doc ids of the top-k splits, as the tutorial's retriever returns them."""
    return [str(d.metadata["doc_id"]) for d in store.similarity_search(question, k=k)]
