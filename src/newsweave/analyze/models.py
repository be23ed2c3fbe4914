"""The models a brief is made with, built lazily and shared.

`Models` bundles spaCy (`Nlp`), the sentence encoder (`Encoder`) and the
static word-vector encoder that files articles at scale. Every stage takes
them as an argument, so tests and long-running callers (the service, a Dask
worker) share one instance; `default_models` builds it once per process.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from newsweave.analyze.embeddings import Encoder, MiniLMEncoder
from newsweave.analyze.nlp import Nlp, SpacyNlp
from newsweave.analyze.static import StaticEncoder


@dataclass(frozen=True)
class Models:
    """spaCy and MiniLM for briefs; the static encoder for filing articles at scale."""

    nlp: Nlp
    encoder: Encoder
    static: StaticEncoder = field(default_factory=StaticEncoder)


@lru_cache(maxsize=1)
def default_models() -> Models:
    """spaCy and MiniLM, each loaded on first use and then kept for the process."""
    return Models(nlp=SpacyNlp(), encoder=MiniLMEncoder())
