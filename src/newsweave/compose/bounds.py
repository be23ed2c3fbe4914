"""What one composition may cost: a sentence budget per story and a time limit.

A brief reads every sentence of every source of its story, and some of its
sections compare sentences across sources. A story of a thousand sources, or
one source of ten thousand lines, would make a composition run for minutes.
So each composition is bounded twice:

- `max_compose_sentences`: a story whose sources hold more sentences than
  this gets a share of them per source, the same for every source that has
  that many (a water-filling: short sources keep all of theirs, long ones are
  cut to the level that spends the budget). Each source keeps its first
  sentences, where news puts what matters.
- before that, a source of thousands of lines is cleaned only as far as its
  sentence share can reach (`head`): `LINES_PER_SENTENCE` lines a sentence,
  never fewer than `MIN_READ_LINES`, so an article of ordinary length is
  always read whole. The rest is flagged `read_in_part`.
- `max_compose_seconds`: the brief's sections are composed in order of what a
  reader needs most (entities, summary, agreements and disagreements,
  timeline, who said what); once the time is spent, the sections not yet
  composed are left empty.

Either way the brief says so: its `truncated` reasons name what was cut, and
every renderer shows them, so a partial brief is never taken for a whole one.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, replace

from newsweave.analyze.embeddings import Vectors
from newsweave.models import AnalyzedArticle, DecodedDoc

MIN_SHARE = 5  # sentences each source of a story is read up to at least, whatever its size
LINES_PER_SENTENCE = 4  # lines cleaned per sentence of a source's share (blank, noise and meta lines too)
MIN_READ_LINES = 1000  # lines of a source always cleaned, whatever its share


def shares(counts: Sequence[int], budget: int) -> list[int]:
    """How many sentences each source keeps so that all together keep at most `budget`.

    Every source keeps min(count, level), with the highest level that fits.
    """
    if sum(counts) <= budget:
        return list(counts)
    level, left, waiting = 0, budget, sorted(counts)
    for number, count in enumerate(waiting):
        even = left // (len(waiting) - number)
        if count > even:
            level = even
            break
        left -= count
        level = count
    return [min(count, level) for count in counts]


def article_share(max_article_sentences: int, max_compose_sentences: int, sources: int) -> int:
    """The sentences each of a story's `sources` is read up to before composing: its even
    share of the story's budget (at least `MIN_SHARE`), and never more than an article's
    cap. A story of a thousand sources is then not analysed in full only to be cut."""
    return min(max_article_sentences, max(MIN_SHARE, max_compose_sentences // max(sources, 1)))


def head(doc: DecodedDoc, max_sentences: int | None) -> DecodedDoc:
    """`doc` cut to the lines that its first `max_sentences` sentences can come from;
    the lines left out are counted in `unread`. Cleaning a line costs as much as
    analysing a sentence, so a dump of 50,000 lines is not cleaned whole only for
    its first few hundred sentences to be read."""
    if max_sentences is None:
        return doc
    keep = max(MIN_READ_LINES, LINES_PER_SENTENCE * max_sentences)
    if len(doc.lines) <= keep:
        return doc
    return replace(
        doc,
        lines=doc.lines[:keep],
        line_encodings=tuple(entry for entry in doc.line_encodings if entry[0] <= keep),
        unread=doc.unread + len(doc.lines) - keep,
    )


def within_budget(
    articles: Sequence[AnalyzedArticle], vectors: Sequence[Vectors], budget: int
) -> tuple[list[AnalyzedArticle], list[Vectors], str | None]:
    """The story's sources cut to `budget` sentences in all, and the reason when any was cut."""
    counts = [len(item.sentences) for item in articles]
    kept = shares(counts, budget)
    if kept == counts:
        return list(articles), list(vectors), None
    cut_articles = [
        replace(item, sentences=item.sentences[:keep], cut=item.cut or keep < len(item.sentences))
        for item, keep in zip(articles, kept, strict=True)
    ]
    cut_vectors = [rows[:keep] for rows, keep in zip(vectors, kept, strict=True)]
    reason = f"sentences: {budget:,} of the story's {sum(counts):,} sentences read (max_compose_sentences)"
    return cut_articles, cut_vectors, reason


def long_sources(articles: Sequence[AnalyzedArticle], source_ids: Sequence[str]) -> str | None:
    """The reason to give when some sources were read only in part."""
    cut = [source for source, item in zip(source_ids, articles, strict=True) if item.cut]
    if not cut:
        return None
    named = ", ".join(cut[:5]) + (f" and {len(cut) - 5} more" if len(cut) > 5 else "")
    return f"sources read in part: {named} (their first sentences only)"


@dataclass
class Deadline:
    """A clock for one composition: `spent` once `seconds` have passed since it started."""

    seconds: float | None
    started: float = 0.0

    def __post_init__(self) -> None:
        self.started = time.monotonic()

    def spent(self) -> bool:
        return self.seconds is not None and time.monotonic() - self.started >= self.seconds
