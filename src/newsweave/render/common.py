"""Small views of a brief shared by the human-readable renderers."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from newsweave.models import BODY, META, NOISE, Article, Citation, Source


def cite_label(cites: Sequence[Citation]) -> str:
    """`S2:15 S4:13`: source and line of each citation, origin first."""
    return " ".join(f"{c.source}:{c.line}" for c in cites)


def line_counts(article: Article) -> str:
    """`12 body · 3 meta · 20 removed`."""
    counts = Counter(line.role for line in article.lines)
    return f"{counts[BODY]} body · {counts[META]} meta · {counts[NOISE]} removed"


def removed_reasons(article: Article) -> str:
    """`related-links 28, tags 5`: why lines were removed, most common first."""
    counts = Counter(line.reason for line in article.lines if line.role == NOISE)
    ordered = sorted(counts.items(), key=lambda item: (-item[1], str(item[0])))
    return ", ".join(f"{reason} {count}" for reason, count in ordered)


def source_name(source: Source) -> str:
    article = source.article
    return article.outlet or article.title or "—"


def published_label(source: Source) -> str:
    published = source.article.published
    return f"{published.date} (confidence {published.confidence:.2f})" if published else "unknown"


def flag_label(source: Source) -> str:
    return ", ".join(flag.kind for flag in source.article.flags)
