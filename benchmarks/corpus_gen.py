"""An invented, labelled news corpus of any size, for the scale benchmarks.

Real labelled news is scarce (the ECB+ dev set has 663 documents), so the
large corpora are generated, and every article is distinct:

- a story is an invented event of one of many kinds (a flood, a merger, a
  court ruling, a transfer...) in an invented place, with invented people
  and an organization (names made of random syllables), its own figures and
  its own day within two years;
- the story's facts are its kind's sentence templates filled once with the
  story's names and figures;
- each report of the story is written by an invented outlet on the story's
  day or up to two days later: a title from the kind's title templates, then
  five to nine of the facts in its own order, some attributed ("officials
  said"), with words swapped for synonyms, and one to three generic sentences.

Stories of the same kind read alike except for their names, places, figures
and days, which is what tells real look-alike events apart too. Story sizes
follow a geometric distribution (mean about 6). The output is JSON Lines in
the `newsweave eval clusters` format (`id`, `title`, `text`, `published`,
gold `story`), which `newsweave ingest` also reads.

    .venv/bin/python benchmarks/corpus_gen.py 10000 corpus.jsonl [--seed 7]
"""

from __future__ import annotations

import argparse
import json
import random
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import TextIO

_SYLLABLE_TEXT = (
    "ka ri mo ten sa lu vi dor an el bra cos fen gil har ith jo kel mar nor ost pel quin ros "
    "sul tam ur vel wen yar zol bel dra fi gor hal is lor mun nev or pra ser tov ul var"
)
SYLLABLES = tuple(_SYLLABLE_TEXT.split())
KINDS: dict[str, tuple[list[str], list[str]]] = {
    "flood": (
        ["Floods hit {place} after days of rain", "{place} evacuates as river bursts its banks"],
        [
            "Floodwater swept through {place} on {weekday}, forcing {n1} residents from their homes.",
            "The river rose {n2} metres above its normal level, the {org} said.",
            "{person} of the {org} said rescue teams had reached {n3} stranded families.",
            "Schools in {place} will stay closed until the water recedes.",
            "{person2}, who leads the district council, called the damage the worst in decades.",
            "Emergency shelters were opened in {n3} public buildings.",
            "Forecasters expect more rain over {place} later in the week.",
            "Insurers estimate the losses at {n4} million.",
        ],
    ),
    "merger": (
        ["{org} agrees to buy {org2} for {n4} million", "{org} and {org2} announce merger"],
        [
            "{org} said on {weekday} it would buy {org2} in a deal worth {n4} million.",
            "The combined company will employ about {n1} people, chief executive {person} said.",
            "{person} told analysts the deal would close within {n2} months.",
            "Shares in {org2} rose {n3} percent after the announcement.",
            "{person2}, who founded {org2}, will join the board of {org}.",
            "Regulators in {place} must still approve the purchase.",
            "The two firms had held talks since last year, people familiar with the matter said.",
            "{org} plans to keep the {org2} brand in {place}.",
        ],
    ),
    "ruling": (
        ["Court rules against {org} in {place} case", "{person} wins case against {org}"],
        [
            "A court in {place} ruled on {weekday} that {org} had broken the law.",
            "Judge {person} ordered the company to pay {n4} million in damages.",
            "{person2}, who brought the case, said the ruling was a victory for {n1} workers.",
            "{org} said it would appeal within {n2} days.",
            "The case had lasted {n3} months and heard from dozens of witnesses.",
            "Lawyers for {org} argued that the rules did not apply to its contracts.",
            "The ruling may affect similar cases across {place}, legal experts said.",
        ],
    ),
    "transfer": (
        ["{person} joins {org} in record deal", "{org} signs striker {person}"],
        [
            "{org} completed the signing of {person} on {weekday} for a fee of {n4} million.",
            "{person}, {n2} years old, scored {n1} goals last season.",
            "Coach {person2} said the striker would make his debut against {place}.",
            "The contract runs for {n3} years, the club said.",
            "Supporters gathered outside the stadium in {place} to welcome the player.",
            "{person} said joining {org} was a dream since childhood.",
            "The fee is the highest the club has ever paid.",
        ],
    ),
    "quake": (
        ["Magnitude {m} earthquake strikes {place}", "Quake shakes {place}, {n1} hurt"],
        [
            "An earthquake of magnitude {m} struck near {place} on {weekday}.",
            "At least {n1} people were injured and {n2} buildings collapsed, officials said.",
            "The {org} said the quake was {n3} kilometres deep.",
            "{person}, the regional governor, declared a state of emergency in {place}.",
            "Aftershocks continued through the night, keeping residents outdoors.",
            "{person2} of the {org} warned that stronger aftershocks were possible.",
            "Rescue teams searched the rubble for survivors.",
        ],
    ),
    "strike": (
        ["Workers at {org} walk out over pay", "Strike halts {org} plants in {place}"],
        [
            "About {n1} workers at {org} went on strike on {weekday} over pay.",
            "The union, led by {person}, is demanding a raise of {n3} percent.",
            "{org} said it had offered {n2} percent and called the strike unnecessary.",
            "Production at the plant in {place} stopped for the first time in years.",
            "{person2}, the labour minister, urged both sides to return to talks.",
            "The strike could cost the company {n4} million a week, analysts said.",
            "Pickets gathered at the gates of the {place} plant before dawn.",
        ],
    ),
    "launch": (
        ["{org} unveils new satellite launcher", "{org} rocket lifts off from {place}"],
        [
            "{org} launched its new rocket from {place} on {weekday}.",
            "The rocket carried {n1} small satellites into orbit, the agency said.",
            "Mission director {person} said the launch had gone exactly as planned.",
            "The programme has cost {n4} million over {n2} years.",
            "{person2}, the science minister, watched the lift-off from the control room.",
            "A second launch is planned in {n3} months.",
            "Crowds watched the lift-off from beaches near {place}.",
        ],
    ),
    "election": (
        ["{person} wins mayoral race in {place}", "{place} elects {person} as mayor"],
        [
            "{person} won the mayoral election in {place} on {weekday} with {n3} percent of the vote.",
            "Turnout was {n2} percent, the electoral commission said.",
            "{person2}, the outgoing mayor, conceded defeat late in the evening.",
            "{person} promised to build {n1} new homes within four years.",
            "The {org} backed {person} during the campaign.",
            "Supporters celebrated in the main square of {place}.",
            "The new mayor takes office next month.",
        ],
    ),
}
OUTLETS = (
    "Daily Lantern",
    "Coastline Post",
    "Valley Courier",
    "Morning Ledger",
    "Northgate Times",
    "Evening Star",
    "City Herald",
    "Harbor Chronicle",
    "Plains Gazette",
    "Summit Observer",
)
SYNONYMS = {
    "said": "stated",
    "about": "around",
    "residents": "locals",
    "began": "started",
    "officials": "authorities",
    "people": "persons",
    "company": "firm",
    "night": "evening",
}
FILLER = (
    "The situation remains under review.",
    "Further details were expected later in the day.",
    "It was not immediately clear what would happen next.",
    "The story is developing and will be updated.",
    "Local media carried live coverage throughout the day.",
    "Reporters at the scene described long queues and closed roads.",
)
ATTRIBUTIONS = ("Officials said that", "According to local reports,", "Witnesses said")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
START = date(2030, 1, 1)


def _name(rng: random.Random, syllables: int) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(syllables)).capitalize()


@dataclass(frozen=True)
class Story:
    id: str
    day: date
    titles: list[str]
    # Each fact, and whether it opens with a name (kept capitalized after an attribution).
    facts: list[tuple[str, bool]]


def _story(rng: random.Random, number: int) -> Story:
    kind = rng.choice(sorted(KINDS))
    day = START + timedelta(days=rng.randrange(730))
    slots = {
        "place": _name(rng, 3),
        "person": f"{_name(rng, 2)} {_name(rng, 3)}",
        "person2": f"{_name(rng, 2)} {_name(rng, 3)}",
        "org": f"{_name(rng, 3)} {rng.choice(['Group', 'Institute', 'Holdings', 'Agency', 'Union'])}",
        "org2": f"{_name(rng, 2)} {rng.choice(['Systems', 'Foods', 'Motors', 'Bank'])}",
        "n1": str(rng.randrange(12, 4000)),
        "n2": str(rng.randrange(2, 60)),
        "n3": str(rng.randrange(3, 90)),
        "n4": str(rng.randrange(5, 900)),
        "m": f"{rng.randrange(40, 79) / 10:.1f}",
        "weekday": WEEKDAYS[day.weekday()],
    }
    titles, facts = KINDS[kind]
    return Story(
        f"story-{number:06d}",
        day,
        [t.format(**slots) for t in titles],
        [(f.format(**slots), f.startswith("{")) for f in facts],
    )


def _reword(sentence: str, rng: random.Random) -> str:
    words = sentence.split(" ")
    return " ".join(SYNONYMS.get(w, w) if rng.random() < 0.5 else w for w in words)


def _report(story: Story, rng: random.Random, number: int) -> dict[str, str]:
    facts = list(story.facts)
    picked = rng.sample(facts, k=min(len(facts), rng.randint(5, 9)))
    sentences = []
    for fact, named in picked:
        fact = _reword(fact, rng)
        if rng.random() < 0.2:
            first, _, rest = fact.partition(" ")
            opening = first if named else first.lower()
            fact = f"{rng.choice(ATTRIBUTIONS)} {opening} {rest}"
        sentences.append(fact)
    for filler in rng.sample(FILLER, k=rng.randint(1, 3)):
        sentences.insert(rng.randrange(1, len(sentences) + 1), filler)
    day = story.day + timedelta(days=rng.choice((0, 0, 1, 2)))
    outlet = rng.choice(OUTLETS)
    paragraphs = [" ".join(sentences[i : i + 2]) for i in range(0, len(sentences), 2)]
    return {
        "id": f"a{number:07d}",
        "title": rng.choice(story.titles),
        "text": f"{outlet}\n" + "\n".join(paragraphs),
        "published": day.isoformat(),
        "story": story.id,
    }


def write_corpus(out: TextIO, articles: int, seed: int = 7) -> int:
    """Write `articles` reports, story after story in publication order of the stories'
    first days mixed as a feed would be; returns the number of stories."""
    rng = random.Random(seed)
    reports: list[tuple[str, int, dict[str, str]]] = []
    stories = 0
    while len(reports) < articles:
        story = _story(rng, stories)
        stories += 1
        size = 1
        while rng.random() < 0.83 and size < 40:
            size += 1
        for _ in range(min(size, articles - len(reports))):
            report = _report(story, rng, len(reports))
            reports.append((report["published"], rng.randrange(1 << 30), report))
    reports.sort(key=lambda item: (item[0], item[1]))
    for _day, _tie, report in reports:
        out.write(json.dumps(report) + "\n")
    return stories


def main() -> None:
    formatter = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=formatter)
    parser.add_argument("articles", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    with args.out.open("w", encoding="utf-8") as handle:
        stories = write_corpus(handle, args.articles, args.seed)
    print(f"{args.articles} articles in {stories} stories -> {args.out}")


if __name__ == "__main__":
    main()
