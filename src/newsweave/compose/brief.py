"""Assemble one story's brief: sources with ids, headline, summary, entities.

Sources are numbered S1, S2, ... in the order the user gave the inputs. The
story id is a digest of its articles' text, so the same articles always make
the same id wherever they come from. The headline is the source title that
best matches what the summary says, from a source not flagged as a content
farm or a machine translation when there is one; with no titles, the lead summary
sentence stands in, and with no summary either, a source's first sentence.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import numpy as np

from newsweave.align import align
from newsweave.analyze.embeddings import Vectors
from newsweave.analyze.entities import link_entities
from newsweave.compose.attributions import collect_attributions
from newsweave.compose.bounds import Deadline
from newsweave.compose.summary import UNTRUSTED, SummaryConfig, summarize
from newsweave.compose.timeline import build_timeline
from newsweave.group.copies import CopyLink, voices
from newsweave.models import AnalyzedArticle, Brief, Source, SummaryItem


def compose_brief(
    articles: Sequence[AnalyzedArticle],
    sentence_vectors: Sequence[Vectors],
    title_vectors: Sequence[Vectors],
    config: SummaryConfig,
    copies: Sequence[CopyLink | None] | None = None,
    deadline: Deadline | None = None,
    truncated: Sequence[str] = (),
) -> Brief:
    """One story's brief. `copies` names, per article, the article it copies
    (None for an independent one); a copy and its original are one voice, so
    copies count once everywhere. Sections are composed in the order a reader
    needs them; those not begun before `deadline` is spent are left empty and
    named in the brief's `truncated` reasons, after the given ones."""
    ids = source_ids(len(articles))
    links = list(copies) if copies is not None else [None] * len(articles)
    voice = voices(links)
    sources = tuple(
        Source(
            id=source_id,
            article=analyzed.article,
            copy_of=None if link is None else ids[link.original],
            copy_similarity=None if link is None else link.similarity,
        )
        for source_id, analyzed, link in zip(ids, articles, links, strict=True)
    )
    clock = deadline or Deadline(None)
    index = link_entities(ids, articles)
    summary = summarize(ids, articles, sentence_vectors, config, voice)
    left: list[str] = []

    def section(name: str) -> bool:
        if clock.spent():
            left.append(name)
        return not left

    alignment = align(ids, articles, sentence_vectors, index, voice) if section("agreements") else None
    timeline = build_timeline(ids, articles, sentence_vectors, voice) if section("timeline") else ()
    attributions = (
        collect_attributions(ids, articles, sentence_vectors, index, voice)
        if section("who said what")
        else ()
    )
    reasons = [*truncated, *([f"time: max_compose_seconds spent before {', '.join(left)}"] if left else [])]
    return Brief(
        id=story_id(articles),
        headline=_headline(articles, sentence_vectors, title_vectors, summary),
        sources=sources,
        summary=summary,
        entities=index.entities,
        timeline=timeline,
        attributions=attributions,
        consensus=alignment.consensus if alignment else (),
        divergences=alignment.divergences if alignment else (),
        unique=alignment.unique if alignment else (),
        truncated=tuple(reasons),
    )


def source_ids(count: int) -> list[str]:
    """The story-local ids of a story's sources, in input order: S1, S2, ..."""
    return [f"S{number}" for number in range(1, count + 1)]


def story_id(articles: Sequence[AnalyzedArticle]) -> str:
    digests = sorted(
        hashlib.sha256("\n".join(line.text for line in a.article.lines).encode()).hexdigest()
        for a in articles
    )
    return "story-" + hashlib.sha256("".join(digests).encode()).hexdigest()[:12]


def _headline(
    articles: Sequence[AnalyzedArticle],
    sentence_vectors: Sequence[Vectors],
    title_vectors: Sequence[Vectors],
    summary: Sequence[SummaryItem],
) -> str:
    titled = [i for i, a in enumerate(articles) if a.article.title and len(title_vectors[i])]
    trusted = [i for i in titled if not any(f.kind in UNTRUSTED for f in articles[i].article.flags)]
    titled = trusted or titled
    if not titled:
        return summary[0].text if summary else _fallback(articles)
    centre = _summary_centre(articles, sentence_vectors, summary)
    if centre is None:
        return articles[titled[0]].article.title or ""
    scores = {i: round(float(title_vectors[i][0] @ centre), 4) for i in titled}
    best = sorted(titled, key=lambda i: (-scores[i], i))[0]
    return articles[best].article.title or ""


def _summary_centre(
    articles: Sequence[AnalyzedArticle],
    sentence_vectors: Sequence[Vectors],
    summary: Sequence[SummaryItem],
) -> Vectors | None:
    texts = {item.text for item in summary}
    rows = [
        vectors[k]
        for analyzed, vectors in zip(articles, sentence_vectors, strict=True)
        for k, sentence in enumerate(analyzed.sentences)
        if sentence.text in texts
    ]
    if not rows:
        return None
    centre: Vectors = np.mean(np.vstack(rows), axis=0).astype(np.float32)
    return centre / max(float(np.linalg.norm(centre)), 1e-9)


def _fallback(articles: Sequence[AnalyzedArticle]) -> str:
    """No title and no summary: the first sentence any source has, else a plain label."""
    for analyzed in articles:
        if analyzed.sentences:
            return analyzed.sentences[0].text
    return f"Untitled story ({len(articles)} sources, no article text)"
