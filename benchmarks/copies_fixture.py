"""Evaluation set for copy detection, built from real news articles.

Takes a JSONL file of articles (`text` one sentence per line, gold `story`),
keeps every article as an independent report, and for a seeded sample of
originals adds five made copies:

* `junk`: the exact text with site junk lines added (body lines, not cleaned away);
* `truncated`: the first 60% of the lines;
* `rewrite`: about 15% of the words of every sentence replaced;
* `reordered`: lines shuffled and 30% of them dropped;
* `brand`: a brand token glued into the title and three sentences, headline lists
  appended, an earlier (fake) date and the content-farm flags.

Other articles of an original's gold story are the negatives: independent
reports of one event, which must not become copies. Dates: the original is
dated, its copies one to four days later, the brand copy three days earlier
but flagged, so the original-choice rule can be checked too.

    .venv/bin/python benchmarks/copies_fixture.py ../shared/data/ecbplus-dev.jsonl [--originals 60]
"""

from __future__ import annotations

import argparse
import json
import random
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from newsweave.models import Article, Flag, Line, PublishedDate
from newsweave.vocabulary import Role

KINDS = ("junk", "truncated", "rewrite", "reordered", "brand")
_JUNK_TOP = ("Advertisement", "Share on Facebook", "Share on X", "Listen to this article")
_JUNK_BOTTOM = (
    "Copyright 2024 Example Media Group. All rights reserved.",
    "Sign up for our newsletter to get the top stories every morning.",
    "Follow us on social media for breaking news.",
    "Related stories",
)
_SYNONYMS = {
    "said": "stated", "says": "states", "people": "persons", "police": "officers", "killed": "slain",
    "officials": "authorities", "official": "spokesperson", "announced": "revealed", "large": "big",
    "company": "firm", "new": "fresh", "told": "informed", "after": "following", "before": "prior to",
    "during": "amid", "about": "around", "more": "additional", "many": "numerous", "also": "additionally",
    "help": "assist", "started": "began", "show": "program", "city": "town", "car": "vehicle",
    "died": "perished", "week": "seven days", "man": "individual", "woman": "person", "children": "kids",
    "home": "house", "government": "administration", "near": "close to", "found": "discovered",
    "reported": "stated", "arrested": "detained", "fire": "blaze", "according": "per", "hospital": "clinic",
}  # fmt: skip
BRAND = "BrightLedger"


@dataclass(frozen=True)
class Case:
    """One article of the evaluation set: its family (original's id), kind and story."""

    article: Article
    family: str
    kind: str
    story: str


def build(records: Sequence[dict[str, object]], originals: int, seed: int) -> list[Case]:
    """Every record as itself, then five copies of each of `originals` sampled records."""
    rng = random.Random(seed)
    by_story: dict[str, list[int]] = defaultdict(list)
    for index, record in enumerate(records):
        by_story[str(record["story"])].append(index)
    vocabulary = sorted({w for r in records for w in str(r["text"]).split() if w.isalpha() and len(w) > 3})
    titles = [str(r["title"]) for r in records if r.get("title")]
    eligible = [
        i for i, r in enumerate(records) if len(_lines(r)) >= 6 and len(by_story[str(r["story"])]) >= 2
    ]
    chosen = set(rng.sample(eligible, min(originals, len(eligible))))
    base = date(2020, 1, 1)
    cases: list[Case] = []
    for index, record in enumerate(records):
        day = base + timedelta(days=3 * index) if index in chosen else None
        cases.append(
            Case(
                _article(str(record["id"]), _lines(record), day),
                str(record["id"]),
                "real",
                str(record["story"]),
            )
        )
    for index in sorted(chosen):
        record = records[index]
        lines = _lines(record)
        day = base + timedelta(days=3 * index)
        made = {
            "junk": _with_junk(lines, rng, titles),
            "truncated": lines[: max(1, round(len(lines) * 0.6))],
            "rewrite": [_rewrite(line, rng, vocabulary) for line in lines],
            "reordered": _reorder(lines, rng),
            "brand": _brand(lines, rng, titles),
        }
        for offset, kind in enumerate(KINDS, start=1):
            flags: tuple[Flag, ...] = ()
            when = day + timedelta(days=offset)
            if kind == "brand":
                when = day - timedelta(days=3)
                flags = (
                    Flag("injected_token", BRAND),
                    Flag("date_mismatch", "made"),
                    Flag("content_farm", "made"),
                )
            name = f"{record['id']}~{kind}"
            cases.append(
                Case(_article(name, made[kind], when, flags), str(record["id"]), kind, str(record["story"]))
            )
    return cases


def load_records(path: Path) -> list[dict[str, object]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def _lines(record: dict[str, object]) -> list[str]:
    return [line for line in str(record["text"]).split("\n") if line.strip()]


def _article(name: str, lines: Sequence[str], day: date | None, flags: tuple[Flag, ...] = ()) -> Article:
    published = PublishedDate(day.isoformat(), 0.9, ("fixture",)) if day else None
    body = tuple(Line(n, text, Role.BODY) for n, text in enumerate(lines, start=1))
    return Article(f"{name}.txt", "utf-8", body, published=published, flags=flags)


def _with_junk(lines: Sequence[str], rng: random.Random, titles: Sequence[str]) -> list[str]:
    middle = list(lines)
    middle.insert(rng.randint(1, len(middle)), f"READ MORE: {rng.choice(titles)}")
    middle.insert(rng.randint(1, len(middle)), "Subscribe now for unlimited access to our journalism.")
    return list(_JUNK_TOP) + middle + list(_JUNK_BOTTOM) + rng.sample(list(titles), 3)


def _rewrite(line: str, rng: random.Random, vocabulary: Sequence[str]) -> str:
    """About 15% of the words (at least one) swapped for a synonym or another word of the corpus."""
    words = line.split()
    for position in rng.sample(range(len(words)), max(1, round(len(words) * 0.15))):
        word = words[position]
        core = word.strip(".,;:\"'()").lower()
        replacement = _SYNONYMS.get(core) or rng.choice(vocabulary)
        words[position] = word.replace(word.strip(".,;:\"'()"), replacement) if core else replacement
    return " ".join(words)


def _reorder(lines: Sequence[str], rng: random.Random) -> list[str]:
    kept = rng.sample(list(lines), max(2, round(len(lines) * 0.7)))
    return kept


def _brand(lines: Sequence[str], rng: random.Random, titles: Sequence[str]) -> list[str]:
    out = [f"{BRAND}|{lines[0]}", *lines[1:]]
    for position in rng.sample(range(1, len(out)), min(3, len(out) - 1)):
        words = out[position].split()
        at = rng.randrange(len(words))
        words[at] = BRAND + words[at]
        out[position] = " ".join(words)
    return [*out, "Related", *rng.sample(list(titles), 10)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--originals", type=int, default=60)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    cases = build(load_records(args.corpus), args.originals, args.seed)
    counts: dict[str, int] = defaultdict(int)
    for case in cases:
        counts[case.kind] += 1
    print(json.dumps(dict(sorted(counts.items()))))


if __name__ == "__main__":
    main()
