"""Split body lines into sentences that keep their line number and offsets.

A sentence is always a slice of one body line (`line.content[start:end]`,
the line as read with only its listed repairs applied), so
anything later shown to a reader can be traced back to the exact place it
came from. Sentences never span lines: a line break in a scraped article is
a paragraph break.
"""

from __future__ import annotations

from collections.abc import Sequence

from newsweave.analyze.nlp import Nlp
from newsweave.models import AnalyzedArticle, Article, Line, Sentence


def analyze_articles(articles: Sequence[Article], nlp: Nlp) -> list[AnalyzedArticle]:
    """Sentences with entities for every body line of every article, in one batch."""
    jobs: list[tuple[int, Line]] = [
        (index, line) for index, article in enumerate(articles) for line in article.body_lines()
    ]
    found: list[list[Sentence]] = [[] for _ in articles]
    parsed_lines = nlp.sentences(line.content for _, line in jobs)
    for (index, line), parsed in zip(jobs, parsed_lines, strict=True):
        for span in parsed:
            text = line.content[span.start : span.end]
            found[index].append(Sentence(line.n, span.start, span.end, text, span.entities))
    return [
        AnalyzedArticle(article, tuple(sentences)) for article, sentences in zip(articles, found, strict=True)
    ]
