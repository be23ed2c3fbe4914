"""One bad apple: N good articles with 1% bad files mixed in, through `newsweave ingest`.

The corpus is invented and seeded: events (a kind of incident, an invented town,
a weekday, numbers) each reported by about five invented outlets, every report
phrased from its own pick of sentence templates, so no two articles are alike.
Among them, 1% of the files (at least one of each kind) are bad:

- truncated gzip: the first half of a gzipped web archive (.warc.gz)
- html without text: a page of scripts and empty containers (.html)
- binary: random bytes with a .txt name
- empty: a zero-byte .txt
- oversized: a text file over the file size limit (NEWSWEAVE_MAX_FILE_BYTES is
  set to 20,000 for the run so the file stays small on disk)
- bad JSON line: a .jsonl file whose first line is a good article, whose second is broken

One `python -m newsweave ingest DIR --db sqlite:///... --quiet` subprocess runs over
the folder. The check: it exits 3 (done, some inputs skipped), stderr lists every
bad file (the broken JSON line as FILE:2) with a reason and nothing else, and the
store holds exactly the good articles, each whole. Prints one table.

Run from the repository root:

    .venv/bin/python benchmarks/bench_bad_apple.py               # 10,000 articles
    .venv/bin/python benchmarks/bench_bad_apple.py --articles 300 --keep DIR
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from rich.console import Console
from rich.table import Table

MAX_FILE_BYTES = 20_000
BAD_SHARE = 0.01
KINDS = ("truncated gzip", "html without text", "binary", "empty", "oversized", "bad JSON line")

INCIDENTS = [
    ("Flood", "floodwater", "the river embankment"),
    ("Fire", "the blaze", "a timber warehouse"),
    ("Storm", "the storm", "the harbour wall"),
    ("Landslide", "the slide", "the valley road"),
    ("Power cut", "the outage", "the main substation"),
    ("Bridge collapse", "the collapse", "the rail bridge"),
    ("Gas leak", "the leak", "the market hall"),
    ("Water main burst", "the burst", "the old quarter"),
]
TOWNS = [
    "Arvelle",
    "Brindmoor",
    "Calder Fen",
    "Dunmarsh",
    "Elmsgate",
    "Fairholt",
    "Greywick",
    "Hollin Ford",
    "Istrel",
    "Jorvale",
    "Kestlemoor",
    "Lanwick",
    "Merrowdale",
    "Norrick",
    "Oakhaven",
    "Pellmouth",
    "Quarrystone",
    "Rosscarrow",
    "Stavenby",
    "Thornbridge",
]
OUTLETS = [
    "The Evening Lamp",
    "Riverside Herald",
    "County Gazette",
    "The Daily Compass",
    "Northshore Bulletin",
    "Hillside Observer",
    "Metro Dispatch",
]
FIRST = ["Mara", "Tobin", "Ilse", "Corin", "Dalia", "Ewan", "Priya", "Soren", "Noor", "Felix"]
LAST = ["Ashdown", "Brenner", "Caldwell", "Dray", "Everly", "Fenwick", "Galloway", "Hartle"]
ROLES = [
    "the mayor",
    "the fire chief",
    "a council spokesperson",
    "the police superintendent",
    "the regional emergency coordinator",
]
HEADS = ["crews at work", "residents moved", "repairs ahead", "inquiry opens"]
DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
SENTENCES = [
    "{Cause} hit {place} in {town} on {day}, {role} {name} said.",
    "{hurt} people were treated for injuries and {moved} residents were moved to safety.",
    "Crews worked through the night to secure {place}, according to {role} {name}.",
    '"We have never seen anything like this in {town}," {name} told reporters on {day}.',
    "Repairs to {place} are expected to take {weeks} weeks and cost about {cost} million.",
    "Schools in {town} will stay closed until at least {later}, officials said.",
    "The council has opened {shelters} shelters for families who cannot return home.",
    "Residents said warnings came {minutes} minutes before {cause} reached their streets.",
    "An inquiry into what caused {cause} will report within {months} months, {name} said.",
    "Volunteers from nearby towns brought food and blankets to the {shelters} shelters.",
    "Traffic was diverted around {place} and {buses} extra buses were laid on.",
    "Insurers said claims from {town} could reach {claims} by the end of the month.",
]


@dataclass(frozen=True)
class Corpus:
    good: int
    bad: dict[str, str]  # listed path -> kind


def report_text(rng: random.Random, event: int, outlet: str, reporter: str, number: int) -> str:
    """One outlet's report of one invented event: the event's facts, the report's own phrasing."""
    kind, cause, place = INCIDENTS[event % len(INCIDENTS)]
    town = TOWNS[(event // len(INCIDENTS)) % len(TOWNS)]
    facts = random.Random(event)  # the same facts for every report of the event
    values = {
        "cause": cause,
        "Cause": cause[0].upper() + cause[1:],
        "place": place,
        "town": town,
        "day": DAYS[event % len(DAYS)],
        "later": DAYS[(event + 3) % len(DAYS)],
        "role": facts.choice(ROLES),
        "name": f"{facts.choice(FIRST)} {facts.choice(LAST)}",
        "hurt": facts.randint(2, 40),
        "moved": facts.randint(50, 900),
        "weeks": facts.randint(2, 30),
        "cost": facts.randint(1, 60),
        "shelters": facts.randint(2, 9),
        "minutes": facts.randint(5, 50),
        "months": facts.randint(2, 12),
        "buses": facts.randint(3, 25),
        "claims": f"{facts.randint(2, 90)} million",
    }
    picked = [SENTENCES[0], *rng.sample(SENTENCES[1:], rng.randint(4, 8))]
    body = "\n".join(template.format(**values) for template in picked)
    title = f"{kind} in {town}: {rng.choice(HEADS)}"
    return f"{title}\n{outlet}\nBy {reporter}\n\n{body}\nFiled as report {number} of the day by {reporter}.\n"


def bad_file(kind: str, index: int, rng: random.Random) -> tuple[str, bytes, str]:
    """(file name, bytes, suffix of the listed path) of one bad file."""
    if kind == "truncated gzip":
        packed = gzip.compress(b"WARC/1.0\r\nWARC-Type: response\r\n\r\n" + b"archived line\n" * 800)
        return f"bad-{index:05d}.warc.gz", packed[: len(packed) // 2], ""
    if kind == "html without text":
        page = b"<html><head><script>var x = 1;</script></head><body><nav></nav><div></div></body></html>"
        return f"bad-{index:05d}.html", page, ""
    if kind == "binary":
        return f"bad-{index:05d}.txt", bytes(rng.randrange(256) for _ in range(4096)), ""
    if kind == "empty":
        return f"bad-{index:05d}.txt", b"", ""
    if kind == "oversized":
        return f"bad-{index:05d}.txt", b"An over-long line of text, repeated.\n" * (MAX_FILE_BYTES // 30), ""
    record = {
        "title": f"Ferry timetable {index} changes",
        "text": "The ferry now sails hourly, the operator said.",
    }
    line = json.dumps(record)
    return f"bad-{index:05d}.jsonl", (line + '\n{"title": "broken\n').encode(), ":2"


def build(folder: Path, articles: int, seed: int) -> Corpus:
    """`articles` files, 1% of them (at least one of each kind) bad, shuffled together."""
    rng = random.Random(seed)
    bad_count = max(len(KINDS), round(articles * BAD_SHARE))
    good_count = articles - bad_count
    folder.mkdir(parents=True, exist_ok=True)
    names = [f"{i:05d}" for i in range(articles)]
    rng.shuffle(names)  # bad files land anywhere in the walk order
    bad: dict[str, str] = {}
    good = 0
    for position, name in enumerate(names):
        if position < good_count:
            event, outlet = position // 5, OUTLETS[position % len(OUTLETS)]
            reporter = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
            text = report_text(rng, event, outlet, reporter, position)
            (folder / f"{name}.txt").write_text(text, encoding="utf-8")
            good += 1
            continue
        kind = KINDS[(position - good_count) % len(KINDS)]
        file_name, data, suffix = bad_file(kind, int(name), rng)
        (folder / file_name).write_bytes(data)
        bad[str(folder / file_name) + suffix] = kind
        good += 1 if kind == "bad JSON line" else 0  # its first line is a good article
    return Corpus(good, bad)


def stored_articles(url: str) -> tuple[int, int]:
    """(articles stored, of which incomplete)."""
    from newsweave.store import open_store

    with open_store(url) as store:
        return store.article_count(), len(store.incomplete_articles())


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--articles", type=int, default=10_000, help="files in all, bad ones included")
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--keep", type=Path, default=None, help="build in this folder and keep it")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="newsweave-bad-apple-") as scratch:
        root = args.keep or Path(scratch)
        folder, url = root / "articles", f"sqlite:///{root / 'store.db'}"
        corpus = build(folder, args.articles, args.seed)
        environ = os.environ | {"NEWSWEAVE_MAX_FILE_BYTES": str(MAX_FILE_BYTES)}
        command = [sys.executable, "-m", "newsweave", "ingest", str(folder), "--db", url, "--quiet"]
        started = time.perf_counter()
        done = subprocess.run(command, capture_output=True, text=True, env=environ)
        seconds = time.perf_counter() - started
        listed: dict[str, str] = {}
        other: list[str] = []
        for line in done.stderr.splitlines():
            if line.startswith("skipped "):
                path, _sep, reason = line.removeprefix("skipped ").rpartition(": ")
                listed[path] = reason
            elif line.strip():
                other.append(line)
        stored, incomplete = stored_articles(url) if done.returncode in (0, 3) else (0, 0)

    missing = sorted(set(corpus.bad) - set(listed))
    extra = sorted(set(listed) - set(corpus.bad))
    by_kind = Counter(corpus.bad.values())
    ok = (
        done.returncode == 3
        and not missing
        and not extra
        and all(reason.strip() for reason in listed.values())
        and stored == corpus.good
        and incomplete == 0
    )
    table = Table(title=f"newsweave ingest: {args.articles:,} files, 1% bad (seed {args.seed})")
    for column in ("files", "good", "bad (by kind)", "listed", "stored", "exit", "seconds", "articles/s"):
        table.add_column(column, justify="left" if column == "bad (by kind)" else "right")
    table.add_row(
        f"{args.articles:,}",
        f"{corpus.good:,}",
        f"{len(corpus.bad)}: " + ", ".join(f"{by_kind[kind]} {kind}" for kind in KINDS),
        f"{len(listed)}",
        f"{stored:,}",
        str(done.returncode),
        f"{seconds:.1f}",
        f"{stored / seconds:.1f}" if seconds else "-",
    )
    console = Console(width=140)
    console.print(table)
    for path in missing:
        console.print(f"NOT LISTED: {path} ({corpus.bad[path]})")
    for path in extra:
        console.print(f"LISTED BUT GOOD: {path}: {listed[path]}")
    for line in other[-5:]:
        console.print(f"stderr: {line}")
    console.print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
