"""A static sentence encoder: the weighted mean of table rows, one per word piece.

Why: grouping thousands of articles needs a vector per sentence at a cost
near that of tokenizing. This encoder tokenizes with MiniLM's own tokenizer
(the Rust `tokenizers` library), looks every word piece up in the table that
`newsweave.analyze.distill` built from MiniLM, sums the rows (their weights
are already in the table) and L2-normalizes. It reads word order not at all,
so it is a cheaper first stage for corpus-scale grouping, not a substitute
for MiniLM where a brief compares individual sentences.

A text with no word piece (empty, or only spaces) gets a zero row, not a
unit one: it carries nothing to compare, and its cosine with anything is 0.

The table is loaded (or built, once, into the cache) on the first `encode`,
so creating the encoder is free.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from newsweave.analyze.distill import DIMENSIONS, FORMAT, META_FILE, TABLE_FILE, ensure_table, model_dir
from newsweave.analyze.embeddings import Vectors
from newsweave.errors import ModelUnavailableError
from newsweave.lazy import Lazy

BATCH = 1024


@dataclass(frozen=True)
class StaticTable:
    """The token table (rows weighted, float32 in memory) and its tokenizer."""

    vectors: NDArray[np.float32]
    tokenizer: Any

    @property
    def dimension(self) -> int:
        return int(self.vectors.shape[1])


def load_table(folder: Path) -> StaticTable:
    """Read a table folder written by `distill.build_table`, with MiniLM's tokenizer."""
    try:
        meta = json.loads((folder / META_FILE).read_text(encoding="utf-8"))
        table = np.load(folder / TABLE_FILE, allow_pickle=False)
    except (OSError, ValueError) as error:
        raise ModelUnavailableError(f"static encoder table at {folder} is unreadable: {error}") from error
    if meta.get("format") != FORMAT or table.ndim != 2 or table.shape[1] != meta.get("dimensions"):
        raise ModelUnavailableError(f"static encoder table at {folder} is of another version; delete it")
    return StaticTable(np.ascontiguousarray(table, dtype=np.float32), _tokenizer())


def _tokenizer() -> Any:
    from tokenizers import Tokenizer

    tokenizer = Tokenizer.from_file(str(model_dir() / "tokenizer.json"))
    tokenizer.no_truncation()
    tokenizer.no_padding()
    return tokenizer


class StaticEncoder:
    """`Encoder` over a distilled token table.

    `cache` is the cache root (default `$NEWSWEAVE_CACHE` or
    `~/.cache/newsweave`); `folder` names a table folder directly and wins
    over `cache` (tests point it at a small table). Missing tables are built
    into `cache` on first use, which takes a minute or two once.
    """

    def __init__(
        self, cache: Path | None = None, dimensions: int = DIMENSIONS, folder: Path | None = None
    ) -> None:
        self.dimension = dimensions
        self._table: Lazy[StaticTable] = Lazy(lambda: self._open(cache, folder))

    def _open(self, cache: Path | None, folder: Path | None) -> StaticTable:
        table = load_table(folder or ensure_table(cache, self.dimension))
        if table.dimension != self.dimension:
            raise ModelUnavailableError(
                f"static encoder table has {table.dimension} dimensions, not {self.dimension}"
            )
        return table

    @property
    def table(self) -> StaticTable:
        return self._table.get()

    def encode(self, texts: Sequence[str]) -> Vectors:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        table = self.table
        parts = [self._encode_batch(table, list(texts[i : i + BATCH])) for i in range(0, len(texts), BATCH)]
        return np.concatenate(parts).astype(np.float32)

    @staticmethod
    def _encode_batch(table: StaticTable, texts: list[str]) -> Vectors:
        encodings = table.tokenizer.encode_batch(texts, add_special_tokens=False)
        lengths = np.fromiter((len(e.ids) for e in encodings), dtype=np.int64, count=len(encodings))
        ids = np.fromiter((i for e in encodings for i in e.ids), dtype=np.int64, count=int(lengths.sum()))
        summed = np.zeros((len(texts), table.dimension), dtype=np.float32)
        present = lengths > 0
        if ids.size:
            starts = (np.cumsum(lengths) - lengths)[present]
            summed[present] = np.add.reduceat(table.vectors[ids], starts, axis=0)
        norms = np.linalg.norm(summed, axis=1, keepdims=True)
        result: Vectors = np.divide(summed, norms, out=np.zeros_like(summed), where=norms > 0)
        return result
