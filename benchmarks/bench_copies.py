"""Copy detection: precision and recall on made copies of real articles, and speed.

Quality: `copies_fixture.build` keeps every article of the corpus and adds five
made copies (junk, truncated, rewrite, reordered, brand) of a seeded sample of
originals. A predicted link is right when it joins a made copy to its own
original or a sibling copy. The corpus itself holds wire stories reprinted by
several outlets, so links between two real articles of one story are judged
by an independent verbatim test (share of the shorter text's word 8-grams,
quotes included, found in the other): >= 0.5 a real copy (right), < 0.2
independent reports (wrong), in between undecided (left out of precision and
listed). Links across stories are always wrong. Recall is the share of made
copies whose voice (`voices`) is their original's; `original` the share of
families whose root is the true original (dated first; the brand copy is
dated earlier but flagged).

Speed: `find_copies` on N articles: the corpus, its made copies, and filler
articles of random corpus sentences, so the candidate stage sees real text.

    .venv/bin/python benchmarks/bench_copies.py ../shared/data/ecbplus-dev.jsonl [--sizes 1000,5000,10000]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from rich.console import Console
from rich.table import Table

sys.path.insert(0, str(Path(__file__).resolve().parent))

from copies_fixture import KINDS, Case, build, load_records
from newsweave.group.copies import CopyLink, find_copies, voices
from newsweave.models import Article, Line
from newsweave.vocabulary import Role

COPY, UNDECIDED, INDEPENDENT = "copy", "undecided", "independent"


def verbatim(a: Article, b: Article) -> float:
    """Share of the shorter text's word 8-grams (quotes included) found in the other."""
    grams = [_grams(article) for article in (a, b)]
    short, long = sorted(grams, key=len)
    return len(short & long) / len(short) if short else 0.0


def _grams(article: Article) -> set[tuple[str, ...]]:
    words = " ".join(line.content for line in article.body_lines()).lower().split()
    return {tuple(words[i : i + 8]) for i in range(len(words) - 7)}


def real_label(cases: Sequence[Case], a: int, b: int) -> str:
    if cases[a].story != cases[b].story:
        return INDEPENDENT
    share = verbatim(cases[a].article, cases[b].article)
    return COPY if share >= 0.5 else INDEPENDENT if share < 0.2 else UNDECIDED


def quality(cases: Sequence[Case], links: Sequence[CopyLink | None]) -> tuple[Table, list[str]]:
    index = {case.article.path: i for i, case in enumerate(cases)}
    base = [index[f"{case.family}.txt"] for case in cases]
    right = wrong = undecided = 0
    notes: list[str] = []
    hows: Counter[str] = Counter()
    for i, link in enumerate(links):
        if link is None:
            continue
        hows[link.how] += 1
        a, b = base[i], base[link.original]
        label = COPY if a == b else real_label(cases, a, b)
        right += label == COPY
        wrong += label == INDEPENDENT
        undecided += label == UNDECIDED
        if label != COPY:
            notes.append(f"{label}: {cases[i].article.path} -> {cases[link.original].article.path} {link}")
    roots = voices(links)
    table = Table(title="find_copies on made copies of real articles")
    for column in ("kind", "copies", "found", "recall"):
        table.add_column(column, justify="right" if column != "kind" else "left")
    for kind in KINDS:
        members = [i for i, case in enumerate(cases) if case.kind == kind]
        found = sum(roots[i] == roots[base[i]] for i in members)
        table.add_row(kind, str(len(members)), str(found), f"{found / max(len(members), 1):.3f}")
    made = [i for i, case in enumerate(cases) if case.kind != "real"]
    found = sum(roots[i] == roots[base[i]] for i in made)
    families = sorted({base[i] for i in made})
    first = sum(roots[f] == f for f in families)
    table.add_row("all made", str(len(made)), str(found), f"{found / len(made):.3f}")
    table.caption = (
        f"links {right + wrong + undecided} ({dict(sorted(hows.items()))}): right {right}, wrong {wrong}, "
        f"undecided {undecided}; precision {right / max(right + wrong, 1):.3f}; "
        f"original chosen right {first}/{len(families)}; "
        f"same-story real pairs: {_pair_summary(cases, roots)}"
    )
    return table, notes


def _pair_summary(cases: Sequence[Case], roots: Sequence[int]) -> str:
    real = [i for i, case in enumerate(cases) if case.kind == "real"]
    counts: Counter[tuple[str, bool]] = Counter()
    for x, a in enumerate(real):
        for b in real[x + 1 :]:
            if cases[a].story == cases[b].story:
                counts[(real_label(cases, a, b), roots[a] == roots[b])] += 1
    parts = []
    for label in (COPY, UNDECIDED, INDEPENDENT):
        total = counts[(label, True)] + counts[(label, False)]
        parts.append(f"{label} {counts[(label, True)]}/{total} one voice")
    return ", ".join(parts)


def speed(cases: Sequence[Case], sizes: Sequence[int], seed: int) -> Table:
    rng = random.Random(seed)
    sentences = [line.content for case in cases if case.kind == "real" for line in case.article.body_lines()]
    pool = [case.article for case in cases]
    table = Table(title="find_copies speed")
    for column in ("articles", "seconds", "articles/s", "links"):
        table.add_column(column, justify="right")
    for size in sizes:
        articles = list(pool[:size])
        while len(articles) < size:
            lines = rng.sample(sentences, rng.randint(8, 25))
            body = tuple(Line(n, text, Role.BODY) for n, text in enumerate(lines, start=1))
            articles.append(Article(f"filler-{len(articles)}.txt", "utf-8", body))
        start = time.perf_counter()
        links = find_copies(articles)
        elapsed = time.perf_counter() - start
        found = sum(link is not None for link in links)
        table.add_row(str(size), f"{elapsed:.2f}", f"{size / elapsed:.0f}", str(found))
    return table


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--originals", type=int, default=60)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--sizes", default="1000,5000,10000")
    parser.add_argument("--notes", action="store_true", help="list every link that is not right")
    args = parser.parse_args()
    cases = build(load_records(args.corpus), args.originals, args.seed)
    links = find_copies([case.article for case in cases])
    console = Console(width=150)
    table, notes = quality(cases, links)
    console.print(table)
    if args.notes:
        for note in notes:
            console.print(note, markup=False)
    sizes = [int(size) for size in args.sizes.split(",") if size]
    if sizes:
        console.print(speed(cases, sizes, args.seed))


if __name__ == "__main__":
    main()
