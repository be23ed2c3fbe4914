"""Story clustering over article embeddings.

An article is represented by the mean embedding of its title and its first
sentences (news puts the event up front). Articles are then joined by
average-linkage agglomerative clustering under a cosine threshold: two
articles share a story only when they are close on average to the whole
story, so a chain of loosely related reports cannot bridge two events. An
article with no usable text stays on its own rather than joining a story
by accident.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from sklearn.cluster import AgglomerativeClustering

from newsweave.analyze.embeddings import Vectors
from newsweave.models import Story

LEAD_SENTENCES = 12


def article_vector(title: Vectors, sentences: Vectors) -> Vectors:
    """Normalized mean of the title vector (0 or 1 rows) and the lead sentences' vectors."""
    rows = np.vstack([title, sentences[:LEAD_SENTENCES]])
    if len(rows) == 0:
        return np.zeros(sentences.shape[1], dtype=np.float32)
    mean: Vectors = rows.mean(axis=0).astype(np.float32)
    norm = float(np.linalg.norm(mean))
    return mean / norm if norm > 0 else mean


def group_stories(vectors: Sequence[Vectors], min_similarity: float) -> list[Story]:
    """Stories as lists of article indices, ordered by their first member.

    Articles whose vector is zero (nothing to compare) become singletons.
    """
    usable = [i for i, vector in enumerate(vectors) if float(np.abs(vector).sum()) > 0]
    labels: dict[int, int] = {}
    if len(usable) == 1:
        labels[usable[0]] = 0
    elif usable:
        matrix = np.vstack([vectors[i] for i in usable])
        similarity = np.round(matrix @ matrix.T, 4)
        distance = np.clip(1.0 - similarity, 0.0, 2.0)
        clustering = AgglomerativeClustering(
            n_clusters=None,
            metric="precomputed",
            linkage="average",
            distance_threshold=1.0 - min_similarity,
        )
        for index, label in zip(usable, clustering.fit_predict(distance), strict=True):
            labels[index] = int(label)
    groups: dict[tuple[str, int], list[int]] = {}
    for index in range(len(vectors)):
        key = ("cluster", labels[index]) if index in labels else ("alone", index)
        groups.setdefault(key, []).append(index)
    return sorted((Story(tuple(members)) for members in groups.values()), key=lambda s: s.members)
