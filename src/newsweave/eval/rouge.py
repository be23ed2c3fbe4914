"""ROUGE recall as ROUGE-1.5.5 computes it for DUC, so our numbers sit beside NIST's.

DUC 2006/2007 scores came from `ROUGE-1.5.5.pl -n 4 -m -2 4 -u -f A` with
jackknifing over the references, every summary cut to 250 words. A score
from a different recipe (rouge-score's per-reference mean, no jackknife, no
cut) is not comparable with the official peers' scores, so this module
follows the Perl script's choices, each of which moves the numbers:

* Text: the first N whitespace-separated words (`truncate`, peer and
  references alike), then rouge-score's tokenizer with its Porter stemmer:
  lowercase, anything but a-z0-9 becomes a space, words longer than three
  characters stemmed, stop words kept. That is the Perl script's own
  tokenisation except that it looks irregular forms up in WordNet's
  exception list first ("went" -> "go"); the `--nist-avg` check measures
  what that costs. All of a summary's sentences form one token stream, as
  in the script: n-grams cross sentence ends.
* ROUGE-N: n-gram counts; a reference's hits are clipped to its own counts.
* ROUGE-SU4 (`-2 4 -u`): skip-bigrams with at most 4 words between the two,
  plus unigrams. As in the script, the unigram of the last token is not
  counted (its loop stops one token early); this is kept so that scores
  match, not because it makes sense.
* Several references (`-f A`): hits and reference counts are summed over
  the references before dividing, so a long reference weighs more than a
  short one. Precision divides by the peer's count once per reference.
* Jackknifing: with k >= 2 references a system is scored k times, each time
  against the k - 1 references left when one is held out, and the k scores
  are averaged; a human whose own summary is one of the references is
  scored once, against the others. This makes systems and humans
  comparable (a human is never scored against their own text).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from nltk.stem import porter
from rouge_score import tokenize as rouge_tokenize

ROUGE_1 = "rouge1"
ROUGE_2 = "rouge2"
ROUGE_SU4 = "rougeSU4"
MEASURES = (ROUGE_1, ROUGE_2, ROUGE_SU4)
LABELS = {ROUGE_1: "R-1", ROUGE_2: "R-2", ROUGE_SU4: "R-SU4"}
SKIP_GAP = 4
RESAMPLES = 1000
SEED = 20060101
CONFIDENCE = 0.95

Grams = Mapping[str, Counter[tuple[str, ...]]]


@dataclass(frozen=True)
class Score:
    """Recall, precision and F (alpha 0.5) of one measure."""

    recall: float
    precision: float
    f: float


ZERO = Score(0.0, 0.0, 0.0)


class _CachedStemmer:
    """rouge-score's Porter stemmer with a memory: a DUC run stems the same few
    thousand words hundreds of thousands of times."""

    def __init__(self) -> None:
        self._stemmer = porter.PorterStemmer()
        self.stem = lru_cache(maxsize=200_000)(self._stemmer.stem)


_STEMMER = _CachedStemmer()


def truncate(text: str, words: int) -> str:
    """The first `words` whitespace-separated words of `text`."""
    return " ".join(text.split()[:words])


def tokens(text: str) -> list[str]:
    """ROUGE-1.5.5's tokens with `-m`: lowercased, alphanumeric runs, Porter-stemmed above 3 characters."""
    result: list[str] = rouge_tokenize.tokenize(text, _STEMMER)
    return result


def ngrams(words: Sequence[str], n: int) -> Counter[tuple[str, ...]]:
    """Every run of `n` consecutive tokens, counted."""
    return Counter(tuple(words[i : i + n]) for i in range(len(words) - n + 1))


def skip_bigrams(words: Sequence[str], gap: int = SKIP_GAP) -> Counter[tuple[str, ...]]:
    """ROUGE-SU`gap` units: ordered pairs with at most `gap` words between, plus unigrams.

    Mirrors ROUGE-1.5.5's `createSkipBigram` with `-u`: the outer loop stops
    before the last token, so the last token's unigram is never counted.
    """
    grams: Counter[tuple[str, ...]] = Counter()
    last = len(words) - 1
    for i in range(last):
        grams[(words[i],)] += 1
        for j in range(i + 1, min(last, i + gap + 1) + 1):
            grams[(words[i], words[j])] += 1
    return grams


def grams(text: str, words: int | None = None) -> Grams:
    """The counts every measure compares, for `text` cut to its first `words` words."""
    cut = truncate(text, words) if words is not None else text
    stream = tokens(cut)
    return {ROUGE_1: ngrams(stream, 1), ROUGE_2: ngrams(stream, 2), ROUGE_SU4: skip_bigrams(stream)}


def pooled(peer: Grams, refs: Sequence[Grams]) -> dict[str, Score]:
    """ROUGE-1.5.5 `-f A`: hits and counts summed over the references, then divided."""
    scores: dict[str, Score] = {}
    for measure in MEASURES:
        candidate = peer[measure]
        hits = sum(sum((candidate & ref[measure]).values()) for ref in refs)
        total = sum(sum(ref[measure].values()) for ref in refs)
        produced = sum(candidate.values()) * len(refs)
        recall = hits / total if total else 0.0
        precision = hits / produced if produced else 0.0
        f = 2 * recall * precision / (recall + precision) if recall + precision else 0.0
        scores[measure] = Score(recall, precision, f)
    return scores


def jackknife(peer: Grams, refs: Mapping[str, Grams], own: str | None = None) -> dict[str, Score]:
    """The peer's score against `refs` (id -> counts), jackknifed as NIST did.

    `own` is the peer's id when the peer is a human who may have written one
    of the references: then that reference is left out and the peer scored
    once against the rest. Otherwise, with k >= 2 references, the mean of the
    k leave-one-out scores; with one reference, the score against it.
    """
    if not refs:
        return dict.fromkeys(MEASURES, ZERO)
    if own is not None and own in refs:
        others = [counts for ref_id, counts in refs.items() if ref_id != own]
        return pooled(peer, others) if others else dict.fromkeys(MEASURES, ZERO)
    if len(refs) < 2:
        return pooled(peer, list(refs.values()))
    ids = list(refs)
    runs = [pooled(peer, [refs[other] for other in ids if other != held]) for held in ids]
    return {measure: _mean_score([run[measure] for run in runs]) for measure in MEASURES}


def _mean_score(scores: Sequence[Score]) -> Score:
    count = len(scores)
    return Score(
        recall=sum(s.recall for s in scores) / count,
        precision=sum(s.precision for s in scores) / count,
        f=sum(s.f for s in scores) / count,
    )


def mean_score(scores: Sequence[Score]) -> Score:
    """The mean of each part over clusters (zeros when there are none)."""
    return _mean_score(scores) if scores else ZERO


def bootstrap_ci(
    values: Sequence[float], resamples: int = RESAMPLES, seed: int = SEED
) -> tuple[float, float]:
    """A 95% percentile bootstrap interval of the mean, resampling clusters.

    Clusters are the unit that varies (topics differ far more than systems
    do), so they are what is resampled, as ROUGE-1.5.5 resamples its
    evaluation items. The seed is fixed: the same scores give the same
    interval on every run.
    """
    if not values:
        return (0.0, 0.0)
    data = np.asarray(values, dtype=float)
    rng = np.random.default_rng(seed)
    picks = rng.integers(0, len(data), size=(resamples, len(data)))
    means = data[picks].mean(axis=1)
    tail = (1 - CONFIDENCE) / 2 * 100
    low, high = np.percentile(means, [tail, 100 - tail])
    return (float(low), float(high))
