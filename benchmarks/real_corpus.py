"""Real articles, resampled and varied into a labelled corpus of any size, for the scale benchmarks.

The sources are labelled JSON Lines files (`id`, `text`, optional `title` and
`published`, gold `story`), such as the ECB+ dev set. Their stories are
resampled round by round (each round takes every source story once, in a
seeded order) until the corpus has N articles; the copy of a story in round R
is a new event, gold story `STORY#R`, and all of its articles get the same
variation:

- dates move by one offset, a whole number of weeks (so weekdays still fit),
  that puts the copy's first day within two years from 2030-01-01: the
  `published` field, dates in the text ("May 3, 2013", "3 May", 2013-05-03)
  and years; an article with no date gets a day within the copy's span;
- names are swapped: every capitalized word that occurs in a multiword name
  somewhere in the sources and never in lower case ("Lohan", "Ketsoyan",
  "Newport") is one of the sources' names, and each round maps them onto
  each other by a seeded permutation (surnames onto surnames, other names
  onto other names), so a copy says "Keller" wherever its source says
  "Lohan", and stories that shared a name in the sources share its image;
- figures (not years, times or ordinals) vary by up to 15%, the same figure
  the same way within the copy.

Every text is distinct (an exact repeat, such as a reprint in the sources,
gets an update line). Output is deterministic for a seed, in publication
order, and a corpus of N articles is contained in that of N + k.

    .venv/bin/python benchmarks/real_corpus.py --out corpus.jsonl --size 10000 [--seed 7] [SOURCE.jsonl ...]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import statistics
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import TextIO

DEFAULT_SOURCE = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "ecbplus-dev.jsonl"
START = date(2030, 1, 1)
SPREAD_DAYS = 730
DEFAULT_ANCHOR = date(2010, 6, 1)  # for a story that names no date at all
MONTHS: tuple[str, ...] = ("January", "February", "March", "April", "May", "June", "July", "August")
MONTHS += ("September", "October", "November", "December")
_SHORT = ("Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sept", "Sep", "Oct", "Nov", "Dec")
_MONTH = "|".join(MONTHS + _SHORT + tuple(m.upper() for m in MONTHS + _SHORT))
_YEAR = r"(?:19|20)\d\d"
_TOKEN = re.compile(
    rf"(?P<iso>\b{_YEAR}-\d\d-\d\d\b)"
    rf"|\b(?P<m1>{_MONTH})\b(?P<s1>\.? )(?P<d1>\d{{1,2}})\b(?P<y1>,? {_YEAR}\b)?"
    rf"|\b(?P<d2>\d{{1,2}}) (?P<m2>{_MONTH})\b(?P<y2>\.? {_YEAR}\b)?"
    rf"|\b(?P<nm>\d{{1,2}})(?P<ns> ?/ ?)(?P<nd>\d{{1,2}})(?P=ns)(?P<ny>{_YEAR})\b"  # 5 / 8 / 2013
    r"|(?P<keep>\b\d{1,2}: ?\d\d\b|\b\d+(?:st|nd|rd|th)\b)"
    rf"|(?P<year>\b{_YEAR}\b(?![.,]\d))"
    r"|(?P<figure>\b\d{1,3}(?:,\d{3})+(?:\.\d+)?\b|\b\d+(?:\.\d+)?\b)"
    r"|(?P<name>\b[A-Z][a-z]+(?:[A-Z][a-z]+)*\b)"
)
_WORD = r"[A-Z][a-z]+(?:[A-Z][a-z]+)*"
_MULTIWORD = re.compile(rf"\b{_WORD}(?: {_WORD})+\b")
_LOWER = re.compile(r"\b[a-z]+\b")
_NOT_NAMES = {*MONTHS, "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"}
_NOT_NAMES |= {"Mrs", "Sen", "Gov", "Rep", "Gen", "Col", "Capt", "Sgt", "Inc", "Corp", "Ltd", "Prof", "Rev"}


@dataclass(frozen=True)
class Source:
    id: str
    story: str
    title: str | None
    text: str
    published: date | None


def _iso(value: object) -> date | None:
    """A `published` date; a day and month given the wrong way round are swapped."""
    if not isinstance(value, str):
        return None
    for text in (value[:10], f"{value[:4]}-{value[8:10]}-{value[5:7]}"):
        try:
            return date.fromisoformat(text)
        except ValueError:
            continue
    return None


def read_sources(paths: Sequence[Path]) -> list[Source]:
    sources = []
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                title = row.get("title") if isinstance(row.get("title"), str) else None
                published = _iso(row.get("published"))
                sources.append(Source(str(row["id"]), str(row["story"]), title, row["text"], published))
    return sources


def _month(name: str) -> int:
    return [m[:3] for m in MONTHS].index(name[:3].title()) + 1


def _padded(written: str, number: int) -> str:
    return f"{number:02d}" if written.startswith("0") else str(number)


def _parsed(match: re.Match[str], reference: date) -> date | None:
    """The date a date token names (a day and month without a year: in `reference`'s year)."""
    try:
        if match["iso"]:
            return date.fromisoformat(match["iso"])
        if match["nm"]:
            return date(int(match["ny"]), int(match["nm"]), int(match["nd"]))
        year = match["y1"] or match["y2"]
        month = _month(match["m1"] or match["m2"])
        return date(int(year[-4:]) if year else reference.year, month, int(match["d1"] or match["d2"]))
    except ValueError:  # 31 June, 29 February of a common year, 24 / 12 / 2013
        return None


def _vary(figure: str, salt: str) -> str:
    """The figure moved by up to 15% in the steps of its own roundness, never left as it was."""
    rng = random.Random(f"{salt}:{figure}")
    whole, _, fraction = figure.partition(".")
    digits = whole.replace(",", "") + fraction
    value = int(digits)
    if value == 0:
        return figure
    zeros = len(digits) - len(digits.rstrip("0"))
    unit = 10 ** max(0, min(zeros, len(digits) - 2))
    new = round(value * rng.uniform(0.85, 1.15) / unit) * unit
    if new == value:
        new = value + unit * rng.choice((-1, 1))
    new = new if new > 0 else value + unit
    text = str(new).rjust(len(fraction) + 1, "0")
    head = text[: -len(fraction)] if fraction else text
    head = f"{int(head):,}" if "," in whole else head
    return f"{head}.{text[-len(fraction) :]}" if fraction else head


@dataclass(frozen=True)
class Variation:
    """One copy's changes: the date offset, the name mapping and the figures' salt."""

    offset: timedelta
    names: dict[str, str]
    salt: str

    def apply(self, text: str, reference: date) -> str:
        years = (reference + self.offset).year - reference.year
        return _TOKEN.sub(lambda match: self._replace(match, reference, years), text)

    def _replace(self, match: re.Match[str], reference: date, years: int) -> str:
        token = match[0]
        if match["keep"]:
            return token
        if match["year"]:
            return str(int(token) + years)
        if match["figure"]:
            return _vary(token, self.salt)
        if match["name"]:
            return self.names.get(token, token)
        day = _parsed(match, reference)
        if day is None:
            return token
        day += self.offset
        if match["iso"]:
            return day.isoformat()
        if match["nm"]:
            parts = _padded(match["nm"], day.month), _padded(match["nd"], day.day), str(day.year)
            return match["ns"].join(parts)
        written = match["m1"] or match["m2"]
        month = MONTHS[day.month - 1] if written.title() in MONTHS else MONTHS[day.month - 1][:3]
        month = month.upper() if written.isupper() else month
        number = _padded(match["d1"] or match["d2"], day.day)
        if match["m1"]:
            year = f"{match['y1'][:-4]}{day.year}" if match["y1"] else ""
            return f"{month}{match['s1']}{number}{year}"
        year = f"{match['y2'][:-4]}{day.year}" if match["y2"] else ""
        return f"{number} {month}{year}"


def name_classes(sources: Sequence[Source]) -> tuple[list[str], list[str]]:
    """The sources' names: surnames (most often last in a multiword name), then the others."""
    lower: set[str] = set()
    last: Counter[str] = Counter()
    inner: Counter[str] = Counter()
    for source in sources:
        for text in (source.text, source.title or ""):
            lower.update(_LOWER.findall(text))
            for name in _MULTIWORD.findall(text):
                *rest, final = name.split(" ")
                last[final] += 1
                inner.update(rest)
    words = last.keys() | inner.keys()
    names = sorted(n for n in words if len(n) > 2 and n.lower() not in lower and n not in _NOT_NAMES)
    return [n for n in names if last[n] >= inner[n]], [n for n in names if last[n] < inner[n]]


def copies(sources: Sequence[Source], seed: int) -> Iterator[list[dict[str, str]]]:
    """The copies of the source stories, round after round, each a list of articles."""
    stories: dict[str, list[Source]] = {}
    for source in sources:
        stories.setdefault(source.story, []).append(source)
    if not stories:
        raise SystemExit("no source articles")
    anchors = {}
    for story, articles in stories.items():
        dated = [a.published for a in articles if a.published]
        named = [_first_date(a.text) for a in articles]
        days = [d for d in named if d]
        anchors[story] = min(dated) if dated else statistics.median_low(days) if days else DEFAULT_ANCHOR
    classes = name_classes(sources)
    round_ = 0
    while True:
        rng = random.Random(f"{seed}:round:{round_}")
        names: dict[str, str] = {}
        for pool in classes:
            names.update(zip(pool, rng.sample(pool, len(pool)), strict=True))
        order = list(stories)
        rng.shuffle(order)
        for story in order:
            articles, anchor = stories[story], anchors[story]
            first = START + timedelta(days=rng.randrange(SPREAD_DAYS))
            offset = timedelta(weeks=round((first - anchor).days / 7))
            variation = Variation(offset, names, f"{seed}:{story}:{round_}")
            dated = [a.published for a in articles if a.published] or [anchor, anchor + timedelta(days=2)]
            span = (min(dated) - anchor).days, (max(dated) - anchor).days
            copy = []
            for article in articles:
                day = article.published or anchor + timedelta(days=rng.randint(*span))
                record = {"id": f"{article.id}#{round_}", "text": variation.apply(article.text, day)}
                if article.title:
                    record["title"] = variation.apply(article.title, day)
                record |= {"published": (day + variation.offset).isoformat(), "story": f"{story}#{round_}"}
                copy.append(record)
            yield copy
        round_ += 1


def _first_date(text: str) -> date | None:
    for match in _TOKEN.finditer(text):
        if match["iso"] or match["y1"] or match["y2"]:
            return _parsed(match, DEFAULT_ANCHOR)
    return None


def write_corpus(out: TextIO, articles: int, sources: Sequence[Source], seed: int = 7) -> tuple[int, int]:
    """Write `articles` varied copies of the sources' articles in publication order;
    returns the number of stories and of texts that needed an update line to be distinct."""
    records: list[dict[str, str]] = []
    seen: set[bytes] = set()
    stories = updated = 0
    for copy in copies(sources, seed):
        stories += 1
        for record in copy[: articles - len(records)]:
            key = hashlib.sha256(record["text"].encode()).digest()
            if key in seen:
                updated += 1
            while key in seen:
                record["text"] += f"\nUpdated {date.fromisoformat(record['published']):%B %d, %Y}."
                key = hashlib.sha256(record["text"].encode()).digest()
            seen.add(key)
            records.append(record)
        if len(records) >= articles:
            break
    records.sort(key=lambda r: (r["published"], hashlib.sha256(r["id"].encode()).digest()))
    for record in records:
        out.write(json.dumps(record) + "\n")
    return stories, updated


def main() -> None:
    formatter = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=formatter)
    parser.add_argument("sources", type=Path, nargs="*", default=[DEFAULT_SOURCE], help="labelled JSON Lines")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--size", type=int, required=True, help="articles to write")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    sources = read_sources(args.sources)
    with args.out.open("w", encoding="utf-8") as handle:
        stories, updated = write_corpus(handle, args.size, sources, args.seed)
    print(f"{args.size} articles in {stories} stories ({updated} given an update line) -> {args.out}")


if __name__ == "__main__":
    main()
