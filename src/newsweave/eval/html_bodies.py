"""How much of a page's article body newsweave keeps, against trafilatura alone.

newsweave reads HTML with trafilatura and then lets its own line rules judge
every block, so the question worth measuring is whether those rules make the
body better or worse than trafilatura's output taken as it is. Both are
scored on the same pages in the same run, so a version change of trafilatura
moves both numbers.

The folder has the layout of scrapinghub's article-extraction-benchmark:
`html/<id>.html.gz` pages and `ground-truth.json` mapping each id to its gold
`articleBody`. Scores follow that benchmark's `evaluate.py`: per page, true
and false positives and false negatives over 4-gram shingles of `\\w+` tokens
(case kept), normalised to sum to 1 so long pages weigh no more than short
ones; precision is averaged over pages with some output, recall over pages
with some gold text, and F1 is the harmonic mean of those two averages. The
same is reported over a bag of lower-cased words, which forgives reordering
and shows how much of it is word choice rather than block boundaries.

A page a system cannot read scores as an empty output (recall 0, as the
benchmark does) and is listed among the failures.
"""

from __future__ import annotations

import gzip
import json
import re
import statistics
from collections import Counter
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass
from pathlib import Path

import trafilatura
from rich.table import Table

from newsweave.clean import clean
from newsweave.errors import InputError
from newsweave.models import RawDoc
from newsweave.readers.html import extract_html
from newsweave.vocabulary import Role

TRAFILATURA = "trafilatura"
NEWSWEAVE = "newsweave"
SYSTEMS = (TRAFILATURA, NEWSWEAVE)
SHINGLES = "4-gram shingles"
WORDS = "bag of words"
METRICS = (SHINGLES, WORDS)
SHINGLE_SIZE = 4

_TOKEN = re.compile(r"\w+")


@dataclass(frozen=True)
class Counts:
    """A page's true positives, false positives and false negatives, summing to 1."""

    tp: float
    fp: float
    fn: float

    @property
    def precision(self) -> float | None:
        """None when the system gave no text for this page (left out of the mean)."""
        if self.fp == self.fn == 0:
            return 1.0
        return None if self.tp == self.fp == 0 else self.tp / (self.tp + self.fp)

    @property
    def recall(self) -> float | None:
        """None when the page has no gold text (left out of the mean)."""
        if self.fp == self.fn == 0:
            return 1.0
        return None if self.tp == self.fn == 0 else self.tp / (self.tp + self.fn)


@dataclass(frozen=True)
class PageScore:
    """One page's counts, per system and metric."""

    id: str
    counts: Mapping[tuple[str, str], Counts]


@dataclass(frozen=True)
class Summary:
    precision: float
    recall: float
    f1: float


@dataclass(frozen=True)
class HtmlBodyEvaluation:
    """Scores of every page read, and what could not be read, and by which system."""

    folder: Path
    pages: tuple[PageScore, ...]
    failures: tuple[tuple[str, str, str], ...]  # (page id, system or "page", reason)

    def summary(self, system: str, metric: str) -> Summary:
        """Mean precision and recall over the pages, and F1 of the two means."""
        counts = [page.counts[(system, metric)] for page in self.pages]
        precision = _mean([c.precision for c in counts])
        recall = _mean([c.recall for c in counts])
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return Summary(precision, recall, f1)

    def failed(self, system: str) -> int:
        return sum(1 for _, who, _ in self.failures if who in (system, "page"))


def evaluate_html_bodies(
    folder: Path, is_organization: Callable[[str], bool], limit: int | None = None
) -> HtmlBodyEvaluation:
    """Score trafilatura alone and newsweave's body blocks on every page of `folder`."""
    gold = _ground_truth(folder)
    ids = sorted(gold)[:limit] if limit is not None else sorted(gold)
    pages: list[PageScore] = []
    failures: list[tuple[str, str, str]] = []
    for page_id in ids:
        try:
            html = gzip.decompress((folder / "html" / f"{page_id}.html.gz").read_bytes())
        except (OSError, EOFError) as error:
            failures.append((page_id, "page", f"unreadable page: {error}"))
            continue
        outputs: dict[str, str] = {}
        for system, extractor in ((TRAFILATURA, _trafilatura), (NEWSWEAVE, _newsweave)):
            text, problem = extractor(page_id, html, is_organization)
            outputs[system] = text
            if problem is not None:
                failures.append((page_id, system, problem))
        truth = gold[page_id]
        counts = {
            (system, metric): score(truth, outputs[system], metric)
            for system in SYSTEMS
            for metric in METRICS
        }
        pages.append(PageScore(page_id, counts))
    return HtmlBodyEvaluation(folder=folder, pages=tuple(pages), failures=tuple(failures))


def render_table(result: HtmlBodyEvaluation) -> Table:
    """Precision, recall and F1 of both systems side by side, one row per metric."""
    table = Table(
        title=f"HTML body extraction: {result.folder.name}",
        caption=(
            f"{len(result.pages)} pages; failures: trafilatura {result.failed(TRAFILATURA)}, "
            f"newsweave {result.failed(NEWSWEAVE)}. Precision averaged over pages with output, "
            "recall over pages with gold text, F1 of the two averages."
        ),
    )
    table.add_column("metric")
    for system in SYSTEMS:
        for name in ("P", "R", "F1"):
            table.add_column(f"{system} {name}", justify="right")
    table.add_column("ΔF1", justify="right")
    for metric in METRICS:
        base, ours = (result.summary(system, metric) for system in SYSTEMS)
        cells = [f"{value:.3f}" for s in (base, ours) for value in (s.precision, s.recall, s.f1)]
        table.add_row(metric, *cells, f"{ours.f1 - base.f1:+.3f}")
    return table


def score(truth: str, predicted: str, metric: str) -> Counts:
    """Counts of `predicted` against `truth` under one metric, normalised as the benchmark does."""
    units = _shingles if metric == SHINGLES else _words
    gold, found = units(truth), units(predicted)
    tp = sum((gold & found).values())
    fp = sum((found - gold).values())
    fn = sum((gold - found).values())
    total = tp + fp + fn
    return Counts(tp / total, fp / total, fn / total) if total else Counts(0.0, 0.0, 0.0)


def _shingles(text: str) -> Counter[Hashable]:
    """4-grams of tokens as `evaluate.py` makes them: a shorter text is one shingle."""
    tokens = _TOKEN.findall(text)
    if not tokens:
        return Counter()
    size = min(SHINGLE_SIZE, len(tokens))
    return Counter(tuple(tokens[i : i + size]) for i in range(len(tokens) - size + 1))


def _words(text: str) -> Counter[Hashable]:
    return Counter(token.lower() for token in _TOKEN.findall(text))


def _trafilatura(
    _page_id: str, html: bytes, _is_organization: Callable[[str], bool]
) -> tuple[str, str | None]:
    """trafilatura's own text with its default settings (comments included, as shipped)."""
    try:
        text = trafilatura.extract(html)
    except Exception as error:  # a third-party failure is this page's, not the run's
        return "", f"{type(error).__name__}: {error}"
    return (text, None) if text else ("", "no text extracted")


def _newsweave(page_id: str, html: bytes, is_organization: Callable[[str], bool]) -> tuple[str, str | None]:
    """The blocks newsweave's cleaning keeps as article body, one per line."""
    try:
        doc = extract_html(RawDoc(f"{page_id}.html", html))
    except InputError as error:
        return "", error.problem
    article = clean(doc, is_organization)
    return "\n".join(line.content for line in article.lines if line.role == Role.BODY), None


def _ground_truth(folder: Path) -> dict[str, str]:
    path = folder / "ground-truth.json"
    try:
        items = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise InputError(str(path), f"cannot read the ground truth ({error})") from error
    if not isinstance(items, dict):
        raise InputError(str(path), "ground truth is not an object of {id: {articleBody, url}}")
    return {
        str(key): str(value.get("articleBody") or "") if isinstance(value, dict) else ""
        for key, value in items.items()
    }


def _mean(values: list[float | None]) -> float:
    present = [value for value in values if value is not None]
    return statistics.fmean(present) if present else 0.0
